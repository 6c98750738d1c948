#include "risk/sizing.h"

#include <gtest/gtest.h>

#include "model/contract_rows_testdata.h"

namespace bgt::risk {
namespace {

using core::Decimal;

Decimal D(const char* text) { return *Decimal::Parse(text); }
model::Instrument Btc() { return model::testdata::MustBuild(model::testdata::BtcUsdtRow()); }

Sizing MustSize(const SizingInput& in) {
  auto out = SizeFromStop(Btc(), in);
  EXPECT_TRUE(std::holds_alternative<Sizing>(out)) << std::get<Refusal>(out).message;
  return std::holds_alternative<Sizing>(out) ? std::get<Sizing>(out) : Sizing{};
}

TEST(SizingTest, ExactSizeFromRiskAndStop) {
  const Sizing s =
      MustSize({D("10000"), D("50000"), D("49000"), D("0.01"), model::OrderType::kMarket});
  EXPECT_EQ(s.risk_amount, D("100"));
  EXPECT_EQ(s.size, D("0.1"));
  EXPECT_EQ(s.size.ToString(), "0.1000");
  EXPECT_FALSE(s.capped);
}

TEST(SizingTest, RoundsDownToTheSizeStep) {
  // 100 / 700 = 0.142857142...: rounded DOWN to 0.1428 (never 0.1429).
  const Sizing s =
      MustSize({D("10000"), D("100000"), D("99300"), D("0.01"), model::OrderType::kLimit});
  EXPECT_EQ(s.raw_size, D("0.14285714"));
  EXPECT_EQ(s.size.ToString(), "0.1428");
  // A short entry (stop above) sizes the same way.
  const Sizing short_s =
      MustSize({D("10000"), D("100000"), D("100700"), D("0.01"), model::OrderType::kLimit});
  EXPECT_EQ(short_s.size, D("0.1428"));
}

TEST(SizingTest, ClampedToMaxOrderQtyPerType) {
  const Sizing market =
      MustSize({D("10000000"), D("101"), D("100"), D("0.01"), model::OrderType::kMarket});
  EXPECT_EQ(market.size, D("220"));  // maxMarketOrderQty
  EXPECT_TRUE(market.capped);
  const Sizing limit =
      MustSize({D("10000000"), D("101"), D("100"), D("0.01"), model::OrderType::kLimit});
  EXPECT_EQ(limit.size, D("1200"));  // maxOrderQty
}

TEST(SizingTest, RefusesBelowMinSizeInsteadOfRoundingUp) {
  auto out = SizeFromStop(
      Btc(), {D("100"), D("100000"), D("50000"), D("0.01"), model::OrderType::kMarket});
  ASSERT_TRUE(std::holds_alternative<Refusal>(out));
  const Refusal& r = std::get<Refusal>(out);
  EXPECT_EQ(r.reason, RefusalReason::kBelowMinSize);
  EXPECT_EQ(r.venue_code, "45111");
  EXPECT_EQ(r.value, D("0"));
  EXPECT_EQ(r.limit, D("0.0001"));
}

TEST(SizingTest, RefusesBelowMinNotional) {
  // 1 / 9000 = 0.000111 -> 0.0001 BTC at 10000 = 1 USDT < 5.
  auto out =
      SizeFromStop(Btc(), {D("100"), D("10000"), D("1000"), D("0.01"), model::OrderType::kMarket});
  ASSERT_TRUE(std::holds_alternative<Refusal>(out));
  const Refusal& r = std::get<Refusal>(out);
  EXPECT_EQ(r.reason, RefusalReason::kBelowMinNotional);
  EXPECT_EQ(r.venue_code, "45110");
  EXPECT_EQ(r.value, D("1"));
  EXPECT_EQ(r.limit, D("5"));
}

TEST(SizingTest, RefusesZeroStopDistanceAndNoEquity) {
  auto same =
      SizeFromStop(Btc(), {D("1000"), D("100"), D("100"), D("0.01"), model::OrderType::kMarket});
  EXPECT_EQ(std::get<Refusal>(same).reason, RefusalReason::kNoStopDistance);
  auto broke =
      SizeFromStop(Btc(), {D("-5"), D("100"), D("90"), D("0.01"), model::OrderType::kMarket});
  EXPECT_EQ(std::get<Refusal>(broke).reason, RefusalReason::kNoEquity);
}

TEST(SizingTest, DustDetection) {
  EXPECT_TRUE(IsDust(Btc(), D("0.00005"), D("100000")));  // below minTradeNum
  EXPECT_TRUE(IsDust(Btc(), D("-0.0001"), D("10000")));   // 1 USDT < 5
  EXPECT_FALSE(IsDust(Btc(), D("0.0001"), D("100000")));  // 10 USDT
  EXPECT_FALSE(IsDust(Btc(), D("0"), D("100000")));
}

}  // namespace
}  // namespace bgt::risk
