// Tier table, initial / maintenance margin and liquidation price, on the worked examples of
// bitget-api-more.md §1.4 and §2.6 and on a property: the reported price is the first tick at
// which the position is below maintenance.
#include "sim/margin.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "sim/exchange_test_support.h"

namespace bgt::sim {
namespace {

using exch_testing::D;

TEST(TierTableTest, BtcUsdtTable) {
  const TierTable t = TierTable::BtcUsdt();
  ASSERT_EQ(t.tiers().size(), 12u);
  EXPECT_EQ(t.max_leverage(), 150);
  EXPECT_EQ(t.TierFor(D("0")).level, 1);
  EXPECT_EQ(t.TierFor(D("199999.99")).level, 1);
  EXPECT_EQ(t.TierFor(D("200000")).level, 2);
  EXPECT_EQ(t.TierFor(D("5000000")).level, 4);
  EXPECT_EQ(t.TierFor(D("9000000000")).level, 12);  // beyond the table: the last tier
  EXPECT_EQ(t.MaxValueAt(150), D("200000"));
  EXPECT_EQ(t.MaxValueAt(101), D("200000"));
  EXPECT_EQ(t.MaxValueAt(100), D("1000000"));
  EXPECT_EQ(t.MaxValueAt(20), D("100000000"));
  EXPECT_EQ(t.MaxValueAt(1), D("1200000000"));
  EXPECT_EQ(t.MaxValueAt(151), D("0"));
}

TEST(TierTableTest, RejectsMalformedTables) {
  EXPECT_FALSE(TierTable::Create({}).has_value());
  EXPECT_FALSE(TierTable::Create({{1, D("10"), D("100"), 10, D("0.01")}}).has_value());
  EXPECT_FALSE(TierTable::Create(
                   {{1, D("0"), D("100"), 10, D("0.01")}, {2, D("150"), D("200"), 5, D("0.02")}})
                   .has_value());  // gap
  EXPECT_FALSE(TierTable::Create(
                   {{1, D("0"), D("100"), 10, D("0.01")}, {2, D("100"), D("200"), 20, D("0.02")}})
                   .has_value());  // leverage increases
  EXPECT_FALSE(TierTable::Create(
                   {{1, D("0"), D("100"), 10, D("0.02")}, {2, D("100"), D("200"), 5, D("0.01")}})
                   .has_value());  // MMR decreases
  EXPECT_FALSE(TierTable::Create({{1, D("0"), D("100"), 10, D("1")}}).has_value());
  EXPECT_FALSE(TierTable::Create({{2, D("0"), D("100"), 10, D("0.01")}}).has_value());
  EXPECT_TRUE(TierTable::Create({{1, D("0"), D("100"), 10, D("0.01")}}).has_value());
}

TEST(MarginTest, InitialMarginRoundsUp) {
  EXPECT_EQ(*InitialMargin(D("10000"), 20), D("500"));
  EXPECT_EQ(*InitialMargin(D("10"), 3), D("3.33333334"));
  EXPECT_FALSE(InitialMargin(D("10"), 0).has_value());
  EXPECT_FALSE(InitialMargin(D("-1"), 3).has_value());
}

TEST(MarginTest, ProgressiveMaintenanceMarginMatchesBitgetsExample) {
  const TierTable t = TierTable::BtcUsdt();
  // [SUP:12560603841952]: 3 BTC @ 110,000 → 200,000 × 0.46% + 130,000 × 0.56% = 1,648.
  EXPECT_EQ(*MaintenanceMargin(t, D("330000"), D("0.0006")), D("1648"));
  // §2.6: 10,100 × 0.46% = 46.46.
  EXPECT_EQ(*MaintenanceMargin(t, D("10100"), D("0.0006")), D("46.46"));
  EXPECT_EQ(*MaintenanceMargin(t, D("0"), D("0.0006")), D("0"));
  EXPECT_FALSE(MaintenanceMargin(t, D("-1"), D("0.0006")).has_value());
  EXPECT_TRUE(IsBelowMaintenance(D("46.46"), D("46.46")));
  EXPECT_FALSE(IsBelowMaintenance(D("46.47"), D("46.46")));
  EXPECT_FALSE(IsBelowMaintenance(D("-1"), D("0")));
}

LiquidationInput Input(bool is_long, const char* size, const char* entry_notional,
                       const char* margin) {
  return LiquidationInput{is_long, D(size), D(entry_notional), D(margin), D("0.0006"), D("0.1")};
}

TEST(MarginTest, LiquidationPricesOfTheWorkedExample) {
  const TierTable t = TierTable::BtcUsdt();
  // Long 0.1 BTC @ 100,000 with 500 USDT of isolated margin: 95,439.019... → 95,439.0.
  EXPECT_EQ(**LiquidationPrice(t, Input(true, "0.1", "10000", "500")), D("95439"));
  // The same short: 104,519.2040... → 104,519.3.
  EXPECT_EQ(**LiquidationPrice(t, Input(false, "0.1", "10000", "500")), D("104519.3"));
  // Crossed, 994 USDT backing the long: 90,476.19 → 90,476.1.
  EXPECT_EQ(**LiquidationPrice(t, Input(true, "0.1", "10000", "994")), D("90476.1"));
  // A long backed by its whole notional has none.
  EXPECT_FALSE(LiquidationPrice(t, Input(true, "0.1", "10000", "10000"))->has_value());
  EXPECT_FALSE(LiquidationPrice(t, Input(true, "0", "10000", "500")).has_value());
}

// Equity backing the position minus its maintenance margin at `price`.
core::Decimal Cushion(const TierTable& t, const LiquidationInput& in, const core::Decimal& price) {
  const core::Decimal value = *MulExact(in.size, price);
  const core::Decimal pnl = in.is_long ? value - in.entry_notional : in.entry_notional - value;
  return in.margin + pnl - *MaintenanceMargin(t, value, in.taker_fee_rate);
}

RC_GTEST_PROP(LiquidationPriceProperty, IsTheFirstTickBelowMaintenance, ()) {
  const TierTable t = TierTable::BtcUsdt();
  const bool is_long = *rc::gen::arbitrary<bool>();
  const auto lots = *rc::gen::inRange<std::int64_t>(1, 300'000);                 // 0.0001 .. 30 BTC
  const auto entry_ticks = *rc::gen::inRange<std::int64_t>(100'000, 2'000'000);  // 10k..200k
  const int leverage = *rc::gen::inRange(1, 151);
  const core::Decimal size = *core::Decimal::FromParts(lots, 4);
  const core::Decimal entry = *core::Decimal::FromParts(entry_ticks, 1);
  const core::Decimal notional = *MulExact(size, entry);
  const core::Decimal margin = *InitialMargin(notional, leverage);
  const LiquidationInput in{is_long, size, notional, margin, D("0.0006"), D("0.1")};
  const auto liq = LiquidationPrice(t, in);
  RC_ASSERT(liq.has_value());
  if (!liq->has_value()) {
    RC_ASSERT(is_long);
    RC_ASSERT(Cushion(t, in, D("0.1")) > core::Decimal());
    return;
  }
  const core::Decimal p = **liq;
  RC_ASSERT(Cushion(t, in, p) <= core::Decimal());
  const core::Decimal safer = is_long ? p + D("0.1") : p - D("0.1");
  if (safer.IsPositive()) RC_ASSERT(Cushion(t, in, safer) > core::Decimal());
}

}  // namespace
}  // namespace bgt::sim
