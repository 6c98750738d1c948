// RestoredOrdersFromJournal on a private in-memory journal: only the unfinished orders (by
// their last status), oldest first, with their fills; rows bgt never writes are refused.
#include "live/journal_restore.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/journal.h"

namespace bgt::live {
namespace {

using core::Decimal;
using core::Timestamp;

Decimal D(const char* text) { return *Decimal::Parse(text); }

store::OrderRecord Order(const std::string& oid, const std::string& status,
                         std::int64_t created_s) {
  store::OrderRecord r;
  r.client_oid = oid;
  r.order_id = status == "Submitted" ? "" : "v" + oid;
  r.symbol = "BTCUSDT";
  r.side = "buy";
  r.leg = "net";
  r.order_type = "limit";
  r.time_in_force = "gtc";
  r.price = D("49000.5");
  r.size = D("0.03");
  r.status = status;
  r.created = Timestamp::FromSeconds(created_s);
  r.updated = r.created;
  return r;
}

store::FillRecord Fill(const std::string& oid, const std::string& trade, const char* size,
                       std::int64_t ts_s) {
  store::FillRecord f;
  f.trade_id = trade;
  f.order_id = "v" + oid;
  f.client_oid = oid;
  f.symbol = "BTCUSDT";
  f.side = "buy";
  f.leg = "net";
  f.price = D("49000.5");
  f.size = D(size);
  f.fee = D("-0.01");
  f.ts = Timestamp::FromSeconds(ts_s);
  return f;
}

class JournalRestoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Journal::Open(":memory:");
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    journal_ = std::move(*opened);
  }
  void Write(const store::JournalRecord& r) { ASSERT_TRUE(journal_->Write(r).ok()); }
  std::unique_ptr<store::Journal> journal_;
};

TEST_F(JournalRestoreTest, OnlyUnfinishedOrdersWithTheirFills) {
  // a: submitted, then partly filled (its last status counts).
  Write(Order("b-00000001", "Submitted", 1000));
  store::OrderRecord partly = Order("b-00000001", "PartiallyFilled", 1000);
  partly.filled = D("0.01");
  partly.updated = Timestamp::FromSeconds(1002);
  Write(partly);
  Write(Fill("b-00000001", "T1", "0.01", 1001));
  // b: submitted and never answered (bgt was killed before sending it).
  Write(Order("b-00000003", "Submitted", 1005));
  // c: filled; d: canceled; e: rejected: finished, not restored.
  Write(Order("b-00000002", "Filled", 1003));
  Write(Fill("b-00000002", "T2", "0.03", 1004));
  Write(Order("b-00000004", "Canceled", 1006));
  Write(Order("b-00000005", "Rejected", 1007));
  // f: a cancel in flight, market, hedge leg, reduce-only.
  store::OrderRecord pending = Order("b-00000006", "PendingCancel", 1008);
  pending.order_type = "market";
  pending.price.reset();
  pending.side = "sell";
  pending.leg = "long";
  pending.reduce_only = true;
  Write(pending);

  auto restored = RestoredOrdersFromJournal(*journal_);
  ASSERT_TRUE(restored.has_value()) << restored.error().message;
  ASSERT_EQ(restored->size(), 3u);
  const execution::RestoredOrder& a = (*restored)[0];
  EXPECT_EQ(a.client_oid, "b-00000001");
  EXPECT_EQ(a.venue_order_id, "vb-00000001");
  EXPECT_EQ(a.status, model::OrderStatus::kPartiallyFilled);
  EXPECT_EQ(a.symbol, "BTCUSDT");
  EXPECT_EQ(a.side, model::OrderSide::kBuy);
  EXPECT_EQ(a.leg, model::PositionSide::kNet);
  EXPECT_EQ(a.type, model::OrderType::kLimit);
  EXPECT_EQ(a.time_in_force, model::TimeInForce::kGtc);
  EXPECT_EQ(*a.price, D("49000.5"));
  EXPECT_EQ(a.size, D("0.03"));
  EXPECT_EQ(a.filled, D("0.01"));
  ASSERT_EQ(a.fills.size(), 1u);
  EXPECT_EQ(a.fills[0].trade_id, "T1");
  EXPECT_EQ(a.fills[0].quantity, D("0.01"));
  EXPECT_EQ(a.fills[0].venue_order_id, "vb-00000001");

  const execution::RestoredOrder& b = (*restored)[1];
  EXPECT_EQ(b.client_oid, "b-00000003");
  EXPECT_EQ(b.status, model::OrderStatus::kSubmitted);
  EXPECT_TRUE(b.venue_order_id.empty());
  EXPECT_TRUE(b.fills.empty());

  const execution::RestoredOrder& f = (*restored)[2];
  EXPECT_EQ(f.client_oid, "b-00000006");
  EXPECT_EQ(f.status, model::OrderStatus::kPendingCancel);
  EXPECT_EQ(f.type, model::OrderType::kMarket);
  EXPECT_FALSE(f.price.has_value());
  EXPECT_EQ(f.side, model::OrderSide::kSell);
  EXPECT_EQ(f.leg, model::PositionSide::kLong);
  EXPECT_TRUE(f.reduce_only);
}

TEST_F(JournalRestoreTest, EmptyJournalRestoresNothing) {
  auto restored = RestoredOrdersFromJournal(*journal_);
  ASSERT_TRUE(restored.has_value());
  EXPECT_TRUE(restored->empty());
}

TEST_F(JournalRestoreTest, ARowBgtNeverWritesIsRefusedByName) {
  store::OrderRecord odd = Order("b-00000009", "Submitted", 1000);
  odd.side = "sideways";
  Write(odd);
  auto restored = RestoredOrdersFromJournal(*journal_);
  ASSERT_FALSE(restored.has_value());
  EXPECT_EQ(restored.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(restored.error().message.find("b-00000009"), std::string::npos)
      << restored.error().message;
}

}  // namespace
}  // namespace bgt::live
