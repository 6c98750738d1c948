// SimAccount: the ledger identity, positions, isolated margin, funding, reserves and the
// valuation of bitget-api-more.md §2.6.
#include "sim/account.h"

#include <gtest/gtest.h>

#include <map>

#include "sim/exchange_test_support.h"

namespace bgt::sim {
namespace {

using namespace exch_testing;  // NOLINT(google-build-using-namespace): test helpers
using core::Timestamp;

class FakeMarket final : public MarketLookup {
 public:
  FakeMarket() : btc_(Btc()), tiers_(TierTable::BtcUsdt()) {}
  void SetMark(const char* mark) { mark_ = D(mark); }
  std::optional<SymbolRisk> Risk(std::string_view symbol) const override {
    if (symbol != "BTCUSDT" || !mark_) return std::nullopt;
    return SymbolRisk{&btc_, &tiers_, *mark_};
  }

 private:
  model::Instrument btc_;
  TierTable tiers_;
  std::optional<core::Decimal> mark_;
};

TradeInput Trade(PositionSide leg, OrderSide direction, const char* price, const char* size,
                 const char* fee, MarginMode mode = MarginMode::kCrossed, int leverage = 20) {
  return TradeInput{
      LegKey{"BTCUSDT", leg},   direction, D(price), D(size), D(fee), mode, leverage, false,
      Timestamp::FromSeconds(1)};
}

TEST(AccountTest, TransfersAndTradesKeepTheLedgerIdentity) {
  SimAccount acc(1, PositionMode::kOneWay);
  ASSERT_TRUE(acc.Transfer(D("1000"), Timestamp()).ok());
  EXPECT_FALSE(acc.Transfer(D("0"), Timestamp()).ok());
  auto open = acc.ApplyTrade(Trade(PositionSide::kNet, OrderSide::kBuy, "100000", "0.1", "-6"));
  ASSERT_TRUE(open.has_value());
  EXPECT_EQ(open->opened, D("0.1"));
  EXPECT_EQ(open->closed, D("0"));
  EXPECT_EQ(acc.balance(), D("994"));
  auto close =
      acc.ApplyTrade(Trade(PositionSide::kNet, OrderSide::kSell, "101000", "0.1", "-6.06"));
  ASSERT_TRUE(close.has_value());
  EXPECT_EQ(close->realized_pnl, D("100"));
  EXPECT_TRUE(close->now_flat);
  EXPECT_FALSE(acc.HasAnyPosition());
  EXPECT_EQ(acc.balance(), D("1087.94"));
  EXPECT_EQ(acc.ledger().Balance(), acc.balance());
  ASSERT_EQ(acc.bills().size(), 3u);
  EXPECT_EQ(acc.bills()[0].type, BillType::kTransferIn);
  EXPECT_EQ(acc.bills()[1].type, BillType::kBuy);
  EXPECT_EQ(acc.bills()[2].type, BillType::kSell);
  EXPECT_EQ(acc.bills()[2].amount, D("100"));
  EXPECT_EQ(acc.bills()[2].fee, D("-6.06"));
  EXPECT_EQ(acc.bills()[2].balance, D("1087.94"));
}

TEST(AccountTest, IsolatedMarginIsPostedAndReleasedProRata) {
  SimAccount acc(1, PositionMode::kHedge);
  ASSERT_TRUE(acc.Transfer(D("1000"), Timestamp()).ok());
  const LegKey key{"BTCUSDT", PositionSide::kLong};
  ASSERT_TRUE(acc.ApplyTrade(Trade(PositionSide::kLong, OrderSide::kBuy, "100000", "0.1", "-6",
                                   MarginMode::kIsolated))
                  .has_value());
  EXPECT_EQ(acc.FindLeg(key)->isolated_margin, D("500"));
  ASSERT_TRUE(acc.ApplyTrade(Trade(PositionSide::kLong, OrderSide::kSell, "100000", "0.04", "-2.4",
                                   MarginMode::kIsolated))
                  .has_value());
  EXPECT_EQ(acc.FindLeg(key)->isolated_margin, D("300"));
  EXPECT_EQ(acc.bills().back().type, BillType::kCloseLong);
  ASSERT_TRUE(acc.ApplyFunding(key, D("-1.5"), Timestamp()).ok());
  EXPECT_EQ(acc.FindLeg(key)->isolated_margin, D("298.5"));
  EXPECT_EQ(acc.FindLeg(key)->funding, D("-1.5"));
  ASSERT_TRUE(acc.AdjustIsolatedMargin(key, D("10")).ok());
  EXPECT_EQ(acc.FindLeg(key)->isolated_margin, D("308.5"));
  EXPECT_FALSE(acc.ApplyFunding(LegKey{"BTCUSDT", PositionSide::kShort}, D("1"), Timestamp()).ok());
  ASSERT_TRUE(acc.ApplyTrade(Trade(PositionSide::kLong, OrderSide::kSell, "100000", "0.06", "-3.6",
                                   MarginMode::kIsolated))
                  .has_value());
  EXPECT_EQ(acc.FindLeg(key), nullptr);
  EXPECT_EQ(acc.balance(), D("1000") - D("12") - D("1.5"));
  EXPECT_EQ(acc.ledger().Balance(), acc.balance());
}

TEST(AccountTest, OneWayFlipReleasesAndRepostsIsolatedMargin) {
  SimAccount acc(1, PositionMode::kOneWay);
  ASSERT_TRUE(acc.Transfer(D("1000"), Timestamp()).ok());
  const LegKey key{"BTCUSDT", PositionSide::kNet};
  ASSERT_TRUE(acc.ApplyTrade(Trade(PositionSide::kNet, OrderSide::kBuy, "100000", "0.1", "0",
                                   MarginMode::kIsolated, 10))
                  .has_value());
  EXPECT_EQ(acc.FindLeg(key)->isolated_margin, D("1000"));
  auto flip = acc.ApplyTrade(
      Trade(PositionSide::kNet, OrderSide::kSell, "99000", "0.3", "0", MarginMode::kIsolated, 10));
  ASSERT_TRUE(flip.has_value());
  EXPECT_EQ(flip->closed, D("0.1"));
  EXPECT_EQ(flip->opened, D("0.2"));
  EXPECT_EQ(flip->realized_pnl, D("-100"));
  EXPECT_EQ(acc.FindLeg(key)->position.quantity(), D("-0.2"));
  EXPECT_EQ(acc.FindLeg(key)->isolated_margin, D("1980"));  // 0.2 × 99,000 / 10
}

TEST(AccountTest, HedgeLegCannotChangeSignAndNothingChanges) {
  SimAccount acc(1, PositionMode::kHedge);
  ASSERT_TRUE(acc.Transfer(D("1000"), Timestamp()).ok());
  ASSERT_TRUE(acc.ApplyTrade(Trade(PositionSide::kLong, OrderSide::kBuy, "100000", "0.1", "-6"))
                  .has_value());
  EXPECT_FALSE(acc.ApplyTrade(Trade(PositionSide::kLong, OrderSide::kSell, "100000", "0.2", "-1"))
                   .has_value());
  EXPECT_EQ(acc.balance(), D("994"));
  EXPECT_EQ(acc.FindLeg(LegKey{"BTCUSDT", PositionSide::kLong})->position.quantity(), D("0.1"));
  EXPECT_FALSE(acc.ApplyTrade(Trade(PositionSide::kShort, OrderSide::kBuy, "100000", "0.1", "0"))
                   .has_value());
  EXPECT_EQ(acc.FindLeg(LegKey{"BTCUSDT", PositionSide::kShort}), nullptr);
}

TEST(AccountTest, ValuationOfTheWorkedExample) {
  // bitget-api-more.md §2.6: deposit 1,000, long 0.1 @ 100,000 at 20x crossed, fee 6.
  SimAccount acc(1, PositionMode::kOneWay);
  FakeMarket market;
  ASSERT_TRUE(acc.Transfer(D("1000"), Timestamp()).ok());
  ASSERT_TRUE(acc.ApplyTrade(Trade(PositionSide::kNet, OrderSide::kBuy, "100000", "0.1", "-6"))
                  .has_value());
  EXPECT_FALSE(acc.Value(market).has_value());  // no mark yet
  market.SetMark("101000");
  auto v = acc.Value(market);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->balance, D("994"));
  EXPECT_EQ(v->unrealized_pnl, D("100"));
  EXPECT_EQ(v->equity, D("1094"));
  EXPECT_EQ(v->crossed_margin, D("505"));
  EXPECT_EQ(v->crossed_maintenance, D("46.46"));
  EXPECT_EQ(v->crossed_risk_rate, D("0.04246801"));  // 46.46 / 1,094 = 4.25 %
  EXPECT_EQ(v->available, D("589"));
  EXPECT_FALSE(v->crossed_below_maintenance);
  ASSERT_EQ(v->legs.size(), 1u);
  EXPECT_EQ(v->legs[0].liquidation_price, D("90476.1"));
  market.SetMark("90476.1");
  EXPECT_TRUE(acc.Value(market)->crossed_below_maintenance);
  market.SetMark("90476.2");
  EXPECT_FALSE(acc.Value(market)->crossed_below_maintenance);
}

TEST(AccountTest, IsolatedLegBelowMaintenanceAtItsLiquidationPrice) {
  SimAccount acc(1, PositionMode::kOneWay);
  FakeMarket market;
  ASSERT_TRUE(acc.Transfer(D("1000"), Timestamp()).ok());
  ASSERT_TRUE(acc.ApplyTrade(Trade(PositionSide::kNet, OrderSide::kBuy, "100000", "0.1", "-6",
                                   MarginMode::kIsolated))
                  .has_value());
  market.SetMark("100000");
  auto v = acc.Value(market);
  EXPECT_EQ(v->isolated_margin, D("500"));
  EXPECT_EQ(v->legs[0].liquidation_price, D("95439"));
  EXPECT_EQ(v->crossed_balance, D("494"));
  market.SetMark("95439.1");
  EXPECT_FALSE(acc.Value(market)->legs[0].below_maintenance);
  market.SetMark("95439");
  EXPECT_TRUE(acc.Value(market)->legs[0].below_maintenance);
  EXPECT_FALSE(acc.Value(market)->crossed_below_maintenance);
}

TEST(AccountTest, ReservesLockMargin) {
  SimAccount acc(1, PositionMode::kOneWay);
  FakeMarket market;
  ASSERT_TRUE(acc.Transfer(D("1000"), Timestamp()).ok());
  acc.SetReserve(7, D("100"));
  acc.SetReserve(8, D("50.5"));
  EXPECT_EQ(acc.locked(), D("150.5"));
  acc.SetReserve(7, D("20"));
  EXPECT_EQ(acc.locked(), D("70.5"));
  acc.ClearReserve(8);
  EXPECT_EQ(acc.locked(), D("20"));
  auto v = acc.Value(market);
  EXPECT_EQ(v->available, D("1000"));
  EXPECT_EQ(v->max_open, D("980"));
  EXPECT_EQ(v->max_transfer_out, D("980"));
}

TEST(AccountTest, ConfigDefaultsToTwentyTimesCrossed) {
  SimAccount acc(1, PositionMode::kOneWay);
  EXPECT_EQ(acc.FindConfig("BTCUSDT"), nullptr);
  SymbolConfig& c = acc.Config(Btc());
  EXPECT_EQ(c.margin_mode, MarginMode::kCrossed);
  EXPECT_EQ(c.LeverageFor(true), 20);
  c.margin_mode = MarginMode::kIsolated;
  c.long_leverage = 5;
  c.short_leverage = 7;
  EXPECT_EQ(acc.FindConfig("BTCUSDT")->LeverageFor(true), 5);
  EXPECT_EQ(acc.FindConfig("BTCUSDT")->LeverageFor(false), 7);
}

TEST(AccountTest, RiskFundTransfersAreBooked) {
  SimAccount acc(1, PositionMode::kOneWay);
  ASSERT_TRUE(acc.Transfer(D("100"), Timestamp()).ok());
  acc.ApplyRiskFund("BTCUSDT", D("-40"), Timestamp());
  acc.ApplyRiskFund("BTCUSDT", D("0"), Timestamp());
  EXPECT_EQ(acc.balance(), D("60"));
  EXPECT_EQ(acc.ledger().risk_fund, D("-40"));
  EXPECT_EQ(acc.bills().size(), 2u);
  EXPECT_EQ(ToString(acc.bills().back().type), "risk_fund");
}

}  // namespace
}  // namespace bgt::sim
