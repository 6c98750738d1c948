// Scenario tests of the risk limits, the trading state and sizing, with SimExchange as the venue.
#include <gtest/gtest.h>

#include <chrono>

#include "engines/engine_harness.h"

namespace bgt::engines_testing {
namespace {

using model::PositionSide;
using risk::RefusalReason;

strategy::Entry Long(const std::string& symbol, std::string_view stop,
                     std::optional<std::string_view> tp = std::nullopt) {
  strategy::Entry e;
  e.symbol = symbol;
  e.side = strategy::Side::kLong;
  e.stop = D(stop);
  if (tp) e.take_profit = D(*tp);
  return e;
}

std::size_t VenueOrders(Harness& h) {
  return h.ex.GetOrderHistory(h.account)->size() + h.ex.GetOpenOrders(h.account)->size();
}

TEST(RiskScenarioTest, SizingRoundsDownAndTheVenueHoldsExactlyThatSize) {
  Harness h;
  h.AddSymbol(Btc(), "50000");
  // 1 % of 10,000 over a 700 stop distance = 0.142857… -> 0.1428 BTC.
  EXPECT_TRUE(h.Do(Long("BTCUSDT", "49300")).empty());
  EXPECT_EQ(h.VenueQty("BTCUSDT"), D("0.1428"));
  EXPECT_EQ(h.pf.Find("BTCUSDT", PositionSide::kNet)->quantity(), D("0.1428"));
  // The stop went with the order as presetStopLossPrice: the venue holds a pos_loss at 49300.
  const auto positions = *h.ex.GetPositions(h.account);
  ASSERT_EQ(positions.size(), 1u);
  ASSERT_TRUE(positions[0].stop_loss.has_value());
  EXPECT_EQ(*positions[0].stop_loss, D("49300"));
}

TEST(RiskScenarioTest, SymbolAndTotalNotionalCaps) {
  risk::RiskConfig c = LooseRisk();
  c.max_symbol_notional = D("5000");
  c.max_total_notional = D("6000");
  Harness h(model::PositionMode::kOneWay, c);
  h.AddSymbol(Btc(), "50000");
  h.AddSymbol(Eth(), "2000");
  auto r = h.Do(Long("BTCUSDT", "49300"));  // 0.1428 × 50000 = 7140 > 5000
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].reason, RefusalReason::kSymbolNotional);
  EXPECT_EQ(r[0].value, D("7140"));
  EXPECT_EQ(r[0].limit, D("5000"));
  EXPECT_EQ(VenueOrders(h), 0u);
  // ETH: 100 / 50 = 2 ETH = 4000; then BTC 0.04 (100 / 2500) = 2000 -> total 6000 ok; more is not.
  EXPECT_TRUE(h.Do(Long("ETHUSDT", "1950")).empty());
  EXPECT_EQ(h.VenueQty("ETHUSDT"), D("2"));
  auto total = h.Do(Long("BTCUSDT", "47000"));  // 0.0333 BTC = 1665 -> 5665 ok
  EXPECT_TRUE(total.empty());
  auto over = h.Do(Long("BTCUSDT", "47000"));
  ASSERT_EQ(over.size(), 1u);
  EXPECT_EQ(over[0].reason, RefusalReason::kTotalNotional);
}

TEST(RiskScenarioTest, LeverageAboveTheMaximumIsRefused) {
  Harness h;
  h.AddSymbol(Btc(), "50000", 25);  // the venue accepts 25, risk caps at 20
  auto r = h.Do(Long("BTCUSDT", "49000"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].reason, RefusalReason::kLeverage);
  EXPECT_EQ(r[0].value, D("25"));
  EXPECT_EQ(r[0].limit, D("20"));
  EXPECT_EQ(VenueOrders(h), 0u);
}

TEST(RiskScenarioTest, MaxOpenPositions) {
  risk::RiskConfig c = LooseRisk();
  c.max_open_positions = 1;
  Harness h(model::PositionMode::kOneWay, c);
  h.AddSymbol(Btc(), "50000");
  h.AddSymbol(Eth(), "2000");
  EXPECT_TRUE(h.Do(Long("BTCUSDT", "49000")).empty());
  auto r = h.Do(Long("ETHUSDT", "1900"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].reason, RefusalReason::kMaxPositions);
  EXPECT_EQ(h.VenueQty("ETHUSDT"), D("0"));
  EXPECT_TRUE(h.Do(Long("BTCUSDT", "49000")).empty());  // adding to the open one is fine
  // 0.1 + 0.0999 (sized on the equity left after the first fee).
  EXPECT_EQ(h.VenueQty("BTCUSDT"), D("0.1999"));
}

TEST(RiskScenarioTest, OrderRateCapOnTheTestClock) {
  risk::RiskConfig c = LooseRisk();
  c.max_orders = 2;
  c.order_window = std::chrono::seconds(10);
  Harness h(model::PositionMode::kOneWay, c);
  h.AddSymbol(Btc(), "50000");
  EXPECT_TRUE(h.Do(Long("BTCUSDT", "49000")).empty());
  EXPECT_TRUE(h.Do(Long("BTCUSDT", "49000")).empty());
  auto r = h.Do(Long("BTCUSDT", "49000"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].reason, RefusalReason::kOrderRate);
  ASSERT_TRUE(h.clock.AdvanceBy(std::chrono::seconds(10)).ok());
  EXPECT_TRUE(h.Do(Long("BTCUSDT", "49000")).empty());
  EXPECT_EQ(h.ex.GetOrderHistory(h.account)->size(), 3u);
  EXPECT_EQ(h.VenueQty("BTCUSDT"), h.pf.Find("BTCUSDT", PositionSide::kNet)->quantity());
}

TEST(RiskScenarioTest, LiquidationDistanceRefusesAndFlattens) {
  risk::RiskConfig c = LooseRisk();
  c.min_liquidation_distance = D("0.05");
  Harness h(model::PositionMode::kOneWay, c);
  h.AddSymbol(Btc(), "50000", 10, model::MarginMode::kIsolated);
  EXPECT_TRUE(h.Do(Long("BTCUSDT", "40000")).empty());  // 0.01 BTC, isolated at 10x
  EXPECT_EQ(h.VenueQty("BTCUSDT"), D("0.01"));
  h.Mark("BTCUSDT", "47000");
  EXPECT_TRUE(h.RiskEventsOf<risk::FlattenRequested>().empty());  // no liquidation price known yet
  EXPECT_TRUE(h.pf.ApplyPositions(h.VenuePositions()).empty());
  const auto liq = h.pf.LiquidationPrice("BTCUSDT", PositionSide::kNet);
  ASSERT_TRUE(liq.has_value());
  const auto distance = *h.pf.LiquidationDistance("BTCUSDT", PositionSide::kNet);
  EXPECT_LT(distance, D("0.05")) << "liquidation at " << *liq;
  // Adding to it is refused with the numbers ...
  auto r = h.Do(Long("BTCUSDT", "40000"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].reason, RefusalReason::kLiquidationDistance);
  EXPECT_EQ(r[0].value, distance);
  // ... and the next account update asks to flatten it, which the venue carries out.
  h.Mark("BTCUSDT", "47000");
  const auto flatten = h.RiskEventsOf<risk::FlattenRequested>();
  ASSERT_FALSE(flatten.empty());
  EXPECT_EQ(flatten[0].reason, risk::FlattenReason::kLiquidationDistance);
  EXPECT_EQ(*flatten[0].symbol, "BTCUSDT");
  EXPECT_EQ(h.VenueQty("BTCUSDT"), D("0"));
  EXPECT_EQ(h.risk.state(), risk::TradingState::kRunning);
}

TEST(RiskScenarioTest, DailyLossHaltsAndFlattens) {
  risk::RiskConfig c = LooseRisk();
  c.daily_loss_limit = D("50");
  Harness h(model::PositionMode::kOneWay, c);
  h.AddSymbol(Btc(), "50000");
  EXPECT_TRUE(h.Do(Long("BTCUSDT", "45000")).empty());  // 100 / 5000 = 0.02 BTC
  EXPECT_EQ(h.VenueQty("BTCUSDT"), D("0.02"));
  h.Mark("BTCUSDT", "48000");  // −40 and fees: still running
  EXPECT_EQ(h.risk.state(), risk::TradingState::kRunning);
  h.Mark("BTCUSDT", "47400");  // −52
  EXPECT_EQ(h.risk.state(), risk::TradingState::kHalted);
  const auto changes = h.RiskEventsOf<risk::StateChanged>();
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].reason, risk::StateReason::kDailyLoss);
  ASSERT_EQ(h.RiskEventsOf<risk::FlattenRequested>().size(), 1u);
  EXPECT_EQ(h.VenueQty("BTCUSDT"), D("0"));  // flattened at the venue
  EXPECT_EQ(h.pf.OpenPositions(), 0);
  auto r = h.Do(Long("BTCUSDT", "45000"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].reason, RefusalReason::kHalted);
}

TEST(RiskScenarioTest, DrawdownHaltsAndFlattens) {
  risk::RiskConfig c = LooseRisk();
  c.max_drawdown = D("0.005");  // 50 of 10,000
  Harness h(model::PositionMode::kOneWay, c);
  h.AddSymbol(Btc(), "50000");
  EXPECT_TRUE(h.Do(Long("BTCUSDT", "45000")).empty());
  h.Mark("BTCUSDT", "47400");
  EXPECT_EQ(h.risk.state(), risk::TradingState::kHalted);
  ASSERT_EQ(h.RiskEventsOf<risk::StateChanged>().size(), 1u);
  EXPECT_EQ(h.RiskEventsOf<risk::StateChanged>()[0].reason, risk::StateReason::kDrawdown);
  EXPECT_EQ(h.VenueQty("BTCUSDT"), D("0"));
}

TEST(RiskScenarioTest, KillSwitchFlattensEverything) {
  Harness h;
  h.AddSymbol(Btc(), "50000");
  h.AddSymbol(Eth(), "2000");
  EXPECT_TRUE(h.Do(Long("BTCUSDT", "49000")).empty());
  strategy::Entry short_eth = Long("ETHUSDT", "2100");
  short_eth.side = strategy::Side::kShort;
  EXPECT_TRUE(h.Do(short_eth).empty());
  EXPECT_EQ(h.VenueQty("ETHUSDT"), D("-0.99"));
  h.risk.KillSwitch("operator");
  h.HandleRiskEvents();
  EXPECT_EQ(h.risk.state(), risk::TradingState::kHalted);
  EXPECT_TRUE(h.ex.GetPositions(h.account)->empty());
  EXPECT_EQ(h.pf.OpenPositions(), 0);
  auto r = h.Do(Long("BTCUSDT", "49000"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].reason, RefusalReason::kHalted);
  h.risk.Resume("checked");
  EXPECT_TRUE(h.Do(Long("BTCUSDT", "49000")).empty());
}

}  // namespace
}  // namespace bgt::engines_testing
