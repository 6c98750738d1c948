// MatchingEngine: amend, self-trade prevention, cancel, queries, depth and rejections.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "sim/matching_engine.h"
#include "sim/matching_test_support.h"

namespace bgt::sim {
namespace {

using core::Decimal;
using model::OrderSide;
using model::TimeInForce;
using testing::Btc;
using testing::D;
using testing::Kinds;
using testing::Limit;
using testing::Market;
using testing::Of;

constexpr OrderSide kBuy = OrderSide::kBuy;
constexpr OrderSide kSell = OrderSide::kSell;
constexpr AccountId kAlice = 1;
constexpr AccountId kBob = 2;
constexpr AccountId kCarol = 3;

class MatchingOpsTest : public ::testing::Test {
 protected:
  MatchingOpsTest() : engine_(Btc(), clock_) {}

  MatchEvents Place(const OrderRequest& request) {
    MatchEvents events;
    const core::Status status = engine_.Submit(request, events);
    EXPECT_TRUE(status.ok()) << status.ToString();
    engine_.CheckInvariants();
    return events;
  }
  MatchEvents AmendOk(OrderId id, const char* price, const char* size) {
    MatchEvents events;
    const core::Status status =
        engine_.Amend(id, *price ? std::optional<Decimal>(D(price)) : std::nullopt,
                      *size ? std::optional<Decimal>(D(size)) : std::nullopt, events);
    EXPECT_TRUE(status.ok()) << status.ToString();
    engine_.CheckInvariants();
    return events;
  }
  // Maker order ids hit by a taker buy of `size` at `price`, in order.
  std::vector<OrderId> SweepAsks(OrderId id, const char* price, const char* size) {
    std::vector<OrderId> ids;
    for (const OrderFilled& f : Of<OrderFilled>(Place(Limit(id, 99, kBuy, price, size)))) {
      ids.push_back(f.maker.order_id);
    }
    return ids;
  }

  core::TestClock clock_;
  MatchingEngine engine_;
};

// ---- amend ----

TEST_F(MatchingOpsTest, AmendSizeDownKeepsPriority) {
  Place(Limit(1, kAlice, kSell, "100", "2"));
  Place(Limit(2, kBob, kSell, "100", "1"));
  const MatchEvents ev = AmendOk(1, "", "1.5");
  EXPECT_EQ(Kinds(ev), "M");
  const OrderAmended a = Of<OrderAmended>(ev).at(0);
  EXPECT_FALSE(a.lost_priority);
  EXPECT_EQ(a.size, D("1.5"));
  EXPECT_EQ(a.leaves, D("1.5"));
  EXPECT_EQ(engine_.BestAsk(), (model::BookLevel{D("100"), D("2.5")}));
  EXPECT_EQ(SweepAsks(10, "100", "2"), (std::vector<OrderId>{1, 2}));
}

TEST_F(MatchingOpsTest, AmendSizeUpLosesPriority) {
  Place(Limit(1, kAlice, kSell, "100", "1"));
  Place(Limit(2, kBob, kSell, "100", "1"));
  const MatchEvents ev = AmendOk(1, "", "2");
  EXPECT_TRUE(Of<OrderAmended>(ev).at(0).lost_priority);
  EXPECT_EQ(SweepAsks(10, "100", "1.5"), (std::vector<OrderId>{2, 1}));
}

TEST_F(MatchingOpsTest, AmendPriceLosesPriorityEvenWhenMovedBack) {
  Place(Limit(1, kAlice, kSell, "100", "1"));
  Place(Limit(2, kBob, kSell, "100", "1"));
  AmendOk(1, "100.5", "");
  const MatchEvents ev = AmendOk(1, "100", "");
  EXPECT_EQ(Kinds(ev), "MR");
  EXPECT_TRUE(Of<OrderAmended>(ev).at(0).lost_priority);
  EXPECT_EQ(SweepAsks(10, "100", "2"), (std::vector<OrderId>{2, 1}));
}

TEST_F(MatchingOpsTest, AmendKeepsFilledSizeAndRejectsSizeAtOrBelowIt) {
  Place(Limit(1, kAlice, kSell, "100", "2"));
  Place(Limit(2, kBob, kBuy, "100", "0.5"));
  MatchEvents ev;
  const core::Status status = engine_.Amend(1, std::nullopt, D("0.5"), ev);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().venue_code, "40808");
  EXPECT_TRUE(ev.empty());
  const MatchEvents ok = AmendOk(1, "", "1");
  const OrderAmended a = Of<OrderAmended>(ok).at(0);
  EXPECT_EQ(a.size, D("1"));
  EXPECT_EQ(a.leaves, D("0.5"));
  EXPECT_EQ(engine_.FindOrder(1)->filled, D("0.5"));
}

TEST_F(MatchingOpsTest, AmendToACrossingPriceTrades) {
  Place(Limit(1, kAlice, kSell, "101", "1"));
  Place(Limit(2, kBob, kBuy, "100", "2"));
  const MatchEvents ev = AmendOk(2, "101", "");
  EXPECT_EQ(Kinds(ev), "MFR");
  const OrderFilled f = Of<OrderFilled>(ev).at(0);
  EXPECT_EQ(f.taker.order_id, 2U);
  EXPECT_EQ(f.price, D("101"));
  EXPECT_EQ(engine_.BestBid(), (model::BookLevel{D("101"), D("1")}));
}

TEST_F(MatchingOpsTest, AmendPostOnlyToACrossingPriceCancels) {
  Place(Limit(1, kAlice, kSell, "101", "1"));
  Place(Limit(2, kBob, kBuy, "100", "1", TimeInForce::kPostOnly));
  const MatchEvents ev = AmendOk(2, "101", "");
  EXPECT_EQ(Kinds(ev), "MC");
  EXPECT_EQ(Of<OrderCanceled>(ev).at(0).reason, CancelReason::kPostOnlyWouldTake);
  EXPECT_FALSE(engine_.FindOrder(2).has_value());
  EXPECT_EQ(engine_.TradeCount(), 0U);
}

TEST_F(MatchingOpsTest, AmendErrors) {
  Place(Limit(1, kAlice, kSell, "100", "1"));
  MatchEvents ev;
  core::Status s = engine_.Amend(7, D("100"), std::nullopt, ev);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(s.error().venue_code, "40768");
  s = engine_.Amend(1, D("100.05"), std::nullopt, ev);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().venue_code, "41103");
  s = engine_.Amend(1, std::nullopt, D("0.00005"), ev);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().venue_code, "40808");
  EXPECT_TRUE(ev.empty());
  EXPECT_EQ(engine_.FindOrder(1)->price, D("100"));
}

// ---- self-trade prevention ----

TEST_F(MatchingOpsTest, StpNoneLetsTheSelfTradeHappen) {
  Place(Limit(1, kAlice, kSell, "100", "1"));
  const MatchEvents ev = Place(Limit(2, kAlice, kBuy, "100", "1"));
  EXPECT_EQ(Kinds(ev), "AF");
  const OrderFilled f = Of<OrderFilled>(ev).at(0);
  EXPECT_EQ(f.taker.owner, kAlice);
  EXPECT_EQ(f.maker.owner, kAlice);
}

TEST_F(MatchingOpsTest, StpCancelTakerKeepsTheMaker) {
  Place(Limit(1, kBob, kSell, "99.9", "0.5"));
  Place(Limit(2, kAlice, kSell, "100", "1"));
  Place(Limit(3, kBob, kSell, "100", "1"));
  const MatchEvents ev =
      Place(Limit(4, kAlice, kBuy, "100", "3", TimeInForce::kGtc, StpMode::kCancelTaker));
  EXPECT_EQ(Kinds(ev), "AFC");  // fills Bob's better order, then stops at its own
  const OrderCanceled c = Of<OrderCanceled>(ev).at(0);
  EXPECT_EQ(c.order_id, 4U);
  EXPECT_EQ(c.reason, CancelReason::kSelfTrade);
  EXPECT_EQ(c.canceled, D("2.5"));
  EXPECT_EQ(engine_.FindOrder(2)->leaves, D("1"));
  EXPECT_EQ(engine_.FindOrder(3)->leaves, D("1"));
  EXPECT_FALSE(engine_.BestBid().has_value());
}

TEST_F(MatchingOpsTest, StpCancelMakerContinuesMatching) {
  Place(Limit(1, kAlice, kSell, "100", "1"));
  Place(Limit(2, kBob, kSell, "100", "1"));
  const MatchEvents ev =
      Place(Limit(3, kAlice, kBuy, "100", "1.5", TimeInForce::kGtc, StpMode::kCancelMaker));
  EXPECT_EQ(Kinds(ev), "ACFR");
  const OrderCanceled c = Of<OrderCanceled>(ev).at(0);
  EXPECT_EQ(c.order_id, 1U);
  EXPECT_EQ(c.reason, CancelReason::kSelfTrade);
  EXPECT_EQ(Of<OrderFilled>(ev).at(0).maker.order_id, 2U);
  EXPECT_EQ(engine_.BestBid(), (model::BookLevel{D("100"), D("0.5")}));
  EXPECT_FALSE(engine_.BestAsk().has_value());
}

TEST_F(MatchingOpsTest, StpCancelBothCancelsBoth) {
  Place(Limit(1, kAlice, kSell, "100", "1"));
  Place(Limit(2, kBob, kSell, "100", "1"));
  const MatchEvents ev =
      Place(Limit(3, kAlice, kBuy, "100", "1", TimeInForce::kGtc, StpMode::kCancelBoth));
  EXPECT_EQ(Kinds(ev), "ACC");
  const std::vector<OrderCanceled> c = Of<OrderCanceled>(ev);
  EXPECT_EQ(c[0].order_id, 1U);
  EXPECT_EQ(c[1].order_id, 3U);
  EXPECT_EQ(engine_.BestAsk(), (model::BookLevel{D("100"), D("1")}));
  EXPECT_FALSE(engine_.BestBid().has_value());
}

TEST_F(MatchingOpsTest, StpOnMarketOrders) {
  Place(Limit(1, kAlice, kBuy, "100", "1"));
  const MatchEvents ev = Place(Market(2, kAlice, kSell, "1", "", StpMode::kCancelTaker));
  EXPECT_EQ(Kinds(ev), "AC");
  EXPECT_EQ(Of<OrderCanceled>(ev).at(0).reason, CancelReason::kSelfTrade);
}

TEST_F(MatchingOpsTest, FokHonoursStp) {
  Place(Limit(1, kAlice, kSell, "100", "1"));
  Place(Limit(2, kBob, kSell, "100", "1"));
  // cancel_taker would stop at Alice's own order: no fill possible, nothing changes.
  MatchEvents ev =
      Place(Limit(3, kAlice, kBuy, "100", "1", TimeInForce::kFok, StpMode::kCancelTaker));
  EXPECT_EQ(Kinds(ev), "AC");
  EXPECT_EQ(Of<OrderCanceled>(ev).at(0).reason, CancelReason::kFokUnfilled);
  EXPECT_EQ(engine_.OpenOrderCount(), 2U);
  // cancel_maker skips its own order: Bob's 1 is enough for 1, not for 1.5.
  ev = Place(Limit(4, kAlice, kBuy, "100", "1.5", TimeInForce::kFok, StpMode::kCancelMaker));
  EXPECT_EQ(Kinds(ev), "AC");
  EXPECT_EQ(engine_.OpenOrderCount(), 2U);
  ev = Place(Limit(5, kAlice, kBuy, "100", "1", TimeInForce::kFok, StpMode::kCancelMaker));
  EXPECT_EQ(Kinds(ev), "ACF");
  EXPECT_EQ(engine_.OpenOrderCount(), 0U);
}

// ---- cancel ----

TEST_F(MatchingOpsTest, CancelById) {
  Place(Limit(1, kAlice, kBuy, "100", "1"));
  Place(Limit(2, kAlice, kBuy, "100", "2"));
  Place(Limit(3, kBob, kSell, "101", "1"));
  Place(Limit(4, kCarol, kSell, "100", "0.25"));
  MatchEvents ev;
  ASSERT_TRUE(engine_.Cancel(1, ev).ok());
  EXPECT_EQ(Kinds(ev), "C");
  const OrderCanceled c = Of<OrderCanceled>(ev).at(0);
  EXPECT_EQ(c.reason, CancelReason::kUser);
  EXPECT_EQ(c.canceled, D("0.75"));
  EXPECT_EQ(c.filled, D("0.25"));
  EXPECT_EQ(engine_.BestBid(), (model::BookLevel{D("100"), D("2")}));
  const core::Status again = engine_.Cancel(1, ev);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(again.error().venue_code, "40768");
  ASSERT_TRUE(engine_.Cancel(3, ev, CancelReason::kSystem).ok());
  EXPECT_EQ(Of<OrderCanceled>(ev).back().reason, CancelReason::kSystem);
  EXPECT_FALSE(engine_.BestAsk().has_value());
  engine_.CheckInvariants();
}

TEST_F(MatchingOpsTest, CancelAllForOneOwnerInIdOrder) {
  Place(Limit(5, kAlice, kBuy, "99", "1"));
  Place(Limit(2, kAlice, kSell, "101", "1"));
  Place(Limit(3, kBob, kBuy, "99", "1"));
  Place(Limit(9, kAlice, kBuy, "98", "1"));
  MatchEvents ev;
  EXPECT_EQ(engine_.CancelAll(kAlice, ev), 3U);
  const std::vector<OrderCanceled> c = Of<OrderCanceled>(ev);
  ASSERT_EQ(c.size(), 3U);
  EXPECT_EQ(c[0].order_id, 2U);
  EXPECT_EQ(c[1].order_id, 5U);
  EXPECT_EQ(c[2].order_id, 9U);
  EXPECT_EQ(engine_.OpenOrderCount(kAlice), 0U);
  EXPECT_EQ(engine_.OpenOrderCount(kBob), 1U);
  EXPECT_EQ(engine_.CancelAll(kAlice, ev), 0U);
  engine_.CheckInvariants();
}

// ---- queries ----

TEST_F(MatchingOpsTest, OpenOrdersAndClientOid) {
  OrderRequest a = Limit(7, kAlice, kBuy, "99", "1");
  a.client_oid = "alice-7";
  a.reduce_only = true;
  Place(a);
  OrderRequest b = Limit(3, kBob, kBuy, "98", "1");
  b.client_oid = "alice-7";  // same text, other owner
  Place(b);
  Place(Limit(5, kAlice, kSell, "101", "2"));
  EXPECT_EQ(engine_.FindByClientOid(kAlice, "alice-7"), 7U);
  EXPECT_EQ(engine_.FindByClientOid(kBob, "alice-7"), 3U);
  EXPECT_FALSE(engine_.FindByClientOid(kCarol, "alice-7").has_value());
  EXPECT_FALSE(engine_.FindByClientOid(kAlice, "").has_value());
  const std::vector<OpenOrder> all = engine_.OpenOrders();
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[0].order_id, 3U);
  EXPECT_EQ(all[2].order_id, 7U);
  EXPECT_TRUE(all[2].reduce_only);
  EXPECT_EQ(all[2].client_oid, "alice-7");
  const std::vector<OpenOrder> mine = engine_.OpenOrders(kAlice);
  ASSERT_EQ(mine.size(), 2U);
  EXPECT_EQ(mine[0].order_id, 5U);
  MatchEvents ev;
  ASSERT_TRUE(engine_.Cancel(7, ev).ok());
  EXPECT_FALSE(engine_.FindByClientOid(kAlice, "alice-7").has_value());
}

TEST_F(MatchingOpsTest, DepthAggregatesByPrice) {
  Place(Limit(1, kAlice, kBuy, "99.5", "1"));
  Place(Limit(2, kBob, kBuy, "99.5", "0.25"));
  Place(Limit(3, kAlice, kBuy, "99.0", "2"));
  Place(Limit(4, kAlice, kBuy, "98.0", "4"));
  Place(Limit(5, kBob, kSell, "100.0", "1"));
  Place(Limit(6, kBob, kSell, "100.0", "1"));
  Place(Limit(7, kBob, kSell, "101.5", "3"));
  const model::OrderBookSnapshot d = engine_.Depth(2);
  EXPECT_EQ(d.symbol, "BTCUSDT");
  EXPECT_EQ(d.seq, engine_.seq());
  EXPECT_EQ(d.ts, clock_.Now());
  EXPECT_EQ(d.bids, (std::vector<model::BookLevel>{{D("99.5"), D("1.25")}, {D("99"), D("2")}}));
  EXPECT_EQ(d.asks, (std::vector<model::BookLevel>{{D("100"), D("2")}, {D("101.5"), D("3")}}));
  EXPECT_TRUE(model::CheckSnapshot(d).ok());
  EXPECT_EQ(engine_.Depth(100).bids.size(), 3U);
  EXPECT_TRUE(engine_.Depth(0).asks.empty());
}

TEST_F(MatchingOpsTest, SeqBumpsOncePerChangingCall) {
  EXPECT_EQ(engine_.seq(), 0);
  Place(Limit(1, kAlice, kSell, "100", "1"));
  EXPECT_EQ(engine_.seq(), 1);
  Place(Limit(2, kBob, kBuy, "100", "2"));  // fill + rest in one call
  EXPECT_EQ(engine_.seq(), 2);
  Place(Limit(3, kBob, kSell, "100", "1", TimeInForce::kPostOnly));  // canceled: no change
  EXPECT_EQ(engine_.seq(), 2);
  MatchEvents ev;
  ASSERT_FALSE(engine_.Cancel(42, ev).ok());
  EXPECT_EQ(engine_.seq(), 2);
  AmendOk(2, "", "");  // no-op amend
  EXPECT_EQ(engine_.seq(), 2);
  AmendOk(2, "99", "");
  EXPECT_EQ(engine_.seq(), 3);
}

TEST_F(MatchingOpsTest, EstimateSweep) {
  Place(Limit(1, kAlice, kSell, "100", "1"));
  Place(Limit(2, kAlice, kSell, "101", "2"));
  core::Result<SweepEstimate> e = engine_.EstimateSweep(kBuy, D("2"), std::nullopt);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->size, D("2"));
  EXPECT_EQ(e->notional, D("201"));
  EXPECT_EQ(e->worst_price, D("101"));
  e = engine_.EstimateSweep(kBuy, D("5"), D("100.5"));
  EXPECT_EQ(e->size, D("1"));
  EXPECT_EQ(e->notional, D("100"));
  e = engine_.EstimateSweep(kSell, D("1"), std::nullopt);
  EXPECT_EQ(e->size, D("0"));
  EXPECT_FALSE(e->worst_price.has_value());
  EXPECT_EQ(engine_.OpenOrderCount(), 2U);
}

// ---- rejections ----

TEST_F(MatchingOpsTest, Rejections) {
  Place(Limit(1, kAlice, kBuy, "100", "1"));
  const std::int64_t seq = engine_.seq();
  const auto expect_reject = [&](const OrderRequest& r, core::ErrorCode code,
                                 const std::string& venue_code) {
    MatchEvents ev;
    const core::Status s = engine_.Submit(r, ev);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, code) << s.error().message;
    EXPECT_EQ(s.error().venue_code, venue_code) << s.error().message;
    ASSERT_EQ(Kinds(ev), "X");
    EXPECT_EQ(Of<OrderRejected>(ev).at(0).order_id, r.order_id);
    EXPECT_EQ(Of<OrderRejected>(ev).at(0).error.venue_code, venue_code);
  };
  expect_reject(Limit(0, kAlice, kBuy, "100", "1"), core::ErrorCode::kInvalidArgument, "");
  expect_reject(Limit(1, kBob, kSell, "101", "1"), core::ErrorCode::kAlreadyExists, "");
  expect_reject(Limit(2, kBob, kSell, "101", "0"), core::ErrorCode::kDenied, "40808");
  expect_reject(Limit(2, kBob, kSell, "101", "-1"), core::ErrorCode::kDenied, "40808");
  expect_reject(Limit(2, kBob, kSell, "101", "0.00015"), core::ErrorCode::kDenied, "40808");
  expect_reject(Limit(2, kBob, kSell, "101", "1e12"), core::ErrorCode::kDenied, "40808");
  OrderRequest no_price = Limit(2, kBob, kSell, "101", "1");
  no_price.price.reset();
  expect_reject(no_price, core::ErrorCode::kDenied, "40019");
  expect_reject(Limit(2, kBob, kSell, "0", "1"), core::ErrorCode::kDenied, "40808");
  expect_reject(Limit(2, kBob, kSell, "101.05", "1"), core::ErrorCode::kDenied, "41103");
  expect_reject(Market(2, kBob, kSell, "1", "-5"), core::ErrorCode::kDenied, "40808");
  EXPECT_EQ(engine_.seq(), seq);
  EXPECT_EQ(engine_.OpenOrderCount(), 1U);
  // A trailing zero beyond pricePlace is fine: "101.00" is 101.0.
  Place(Limit(2, kBob, kSell, "101.00", "1"));
}

TEST(MatchingHalfTick, PriceMustBeOnTheTick) {
  core::TestClock clock;
  MatchingEngine engine(testing::HalfTick(), clock);
  MatchEvents ev;
  const core::Status s = engine.Submit(Limit(1, kAlice, kBuy, "100.3", "1"), ev);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().venue_code, "40808");
  EXPECT_NE(s.error().message.find("delegatePrice"), std::string::npos);
  ASSERT_TRUE(engine.Submit(Limit(1, kAlice, kBuy, "100.5", "1"), ev).ok());
  // A market protection price off the tick is rounded inward (sell: up to 100.5).
  ASSERT_TRUE(engine.Submit(Market(2, kBob, kSell, "1", "100.1"), ev).ok());
  EXPECT_EQ(Of<OrderFilled>(ev).at(0).price, D("100.5"));
}

TEST(StpModeText, RoundTrips) {
  for (const StpMode m :
       {StpMode::kNone, StpMode::kCancelTaker, StpMode::kCancelMaker, StpMode::kCancelBoth}) {
    EXPECT_EQ(ParseStpMode(ToString(m)).value(), m);
  }
  EXPECT_EQ(ParseStpMode("CANCEL_BOTH").value(), StpMode::kCancelBoth);
  EXPECT_FALSE(ParseStpMode("cancel").has_value());
  EXPECT_EQ(ToString(CancelReason::kPostOnlyWouldTake), "post_only_would_take");
}

}  // namespace
}  // namespace bgt::sim
