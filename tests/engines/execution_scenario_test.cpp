// Scenario tests of execution and portfolio against SimExchange: one-way and hedge, attached
// TP/SL triggered by the venue, funding, an ambiguous outcome settled by a query, duplicate
// fills, the dust closing rule.
#include <gtest/gtest.h>

#include <chrono>

#include "engines/engine_harness.h"

namespace bgt::engines_testing {
namespace {

using model::PositionSide;

strategy::Entry Entry(const std::string& symbol, strategy::Side side, std::string_view stop,
                      std::optional<std::string_view> tp = std::nullopt) {
  strategy::Entry e;
  e.symbol = symbol;
  e.side = side;
  e.stop = D(stop);
  if (tp) e.take_profit = D(*tp);
  return e;
}

strategy::TargetPosition Target(const std::string& symbol, std::string_view qty) {
  return {symbol, strategy::TargetPosition::Unit::kBaseSize, D(qty)};
}

template <typename T>
std::vector<T> ExecEvents(std::vector<execution::ExecutionEvent> events) {
  std::vector<T> out;
  for (const auto& e : events) {
    if (const T* t = std::get_if<T>(&e)) out.push_back(*t);
  }
  return out;
}

// The portfolio's account numbers equal the venue's ledger.
void ExpectLedgerMatches(Harness& h) {
  const sim::AccountView acc = *h.ex.GetAccount(h.account);
  EXPECT_EQ(h.pf.realized_pnl(), acc.ledger.realized_pnl);
  EXPECT_EQ(h.pf.fees(), acc.ledger.fees);
  EXPECT_EQ(h.pf.funding(), acc.ledger.funding);
  EXPECT_EQ(h.pf.balance(), acc.balance);
  EXPECT_EQ(*h.pf.Equity(), acc.equity);
}

TEST(ExecutionScenarioTest, OneWayEntryExitAndLedger) {
  Harness h;
  h.AddSymbol(Btc(), "50000");
  EXPECT_TRUE(h.Do(Entry("BTCUSDT", strategy::Side::kShort, "51000")).empty());
  EXPECT_EQ(h.VenueQty("BTCUSDT"), D("-0.1"));
  // Flip through a target: a reduce-only close then an open.
  EXPECT_TRUE(h.Do(Target("BTCUSDT", "0.05")).empty());
  EXPECT_EQ(h.VenueQty("BTCUSDT"), D("0.05"));
  const auto& placed = h.driver.executed;
  int reduce_only = 0;
  for (const auto& c : placed) {
    if (const auto* p = std::get_if<execution::PlaceOrderCommand>(&c))
      reduce_only += p->reduce_only;
  }
  EXPECT_EQ(reduce_only, 1);
  h.Mark("BTCUSDT", "50500");
  ExpectLedgerMatches(h);
  EXPECT_TRUE(h.Do(strategy::Exit{"BTCUSDT", "done"}).empty());
  EXPECT_EQ(h.VenueQty("BTCUSDT"), D("0"));
  EXPECT_EQ(h.pf.OpenPositions(), 0);
  ExpectLedgerMatches(h);
  for (const std::string& oid : h.sent) {
    EXPECT_EQ(h.exec.FindOrder(oid)->status(), model::OrderStatus::kFilled) << oid;
  }
}

TEST(ExecutionScenarioTest, HedgeModeKeepsBothLegs) {
  Harness h(model::PositionMode::kHedge);
  h.AddSymbol(Btc(), "50000");
  EXPECT_EQ(h.ex.GetAccount(h.account)->pos_mode, model::PositionMode::kHedge);
  EXPECT_TRUE(h.Do(Entry("BTCUSDT", strategy::Side::kLong, "49000")).empty());
  EXPECT_TRUE(h.Do(Entry("BTCUSDT", strategy::Side::kShort, "51000")).empty());
  EXPECT_EQ(h.VenueQty("BTCUSDT", PositionSide::kLong), D("0.1"));
  // Sized on the equity left after the first entry's fee: 0.0999.
  EXPECT_EQ(h.VenueQty("BTCUSDT", PositionSide::kShort), D("-0.0999"));
  EXPECT_EQ(h.pf.Find("BTCUSDT", PositionSide::kLong)->quantity(), D("0.1"));
  EXPECT_EQ(h.pf.Find("BTCUSDT", PositionSide::kShort)->quantity(), D("-0.0999"));
  // Target +0.03: close the short leg, reduce the long leg (tradeSide close both).
  EXPECT_TRUE(h.Do(Target("BTCUSDT", "0.03")).empty());
  EXPECT_EQ(h.VenueQty("BTCUSDT", PositionSide::kLong), D("0.03"));
  EXPECT_EQ(h.VenueQty("BTCUSDT", PositionSide::kShort), D("0"));
  ExpectLedgerMatches(h);
  EXPECT_TRUE(h.pf.ApplyPositions(h.VenuePositions()).empty());
}

TEST(ExecutionScenarioTest, HedgeModeSwitchRefusedWhilePositionsExistKeepsOneWay) {
  Harness h;  // one-way engine
  h.AddSymbol(Btc(), "50000");
  EXPECT_TRUE(h.Do(Entry("BTCUSDT", strategy::Side::kLong, "49000")).empty());
  // A second engine asking for hedge mode on the same account: 40920, stays one-way.
  auto hedge = *execution::ExecutionEngine::Create(
      h.clock, Harness::ExecConfig(model::PositionMode::kHedge));
  SimDriver driver(h.ex, h.account, hedge, h.pf);
  ASSERT_TRUE(hedge.SetupSymbol("BTCUSDT", {model::MarginMode::kIsolated, 5}).ok());
  driver.Run();
  EXPECT_EQ(hedge.position_mode(), model::PositionMode::kOneWay);
  const auto refused = ExecEvents<execution::SetupRefused>(hedge.TakeEvents());
  ASSERT_EQ(refused.size(), 2u);
  EXPECT_EQ(refused[0].error.venue_code, "40920");
  EXPECT_EQ(refused[1].error.venue_code, "45117");
  EXPECT_EQ(refused[1].kept, "crossed");
  EXPECT_EQ(hedge.EffectiveSetup("BTCUSDT")->margin_mode, model::MarginMode::kCrossed);
}

TEST(ExecutionScenarioTest, AttachedStopLossTriggeredByTheVenue) {
  Harness h;
  h.AddSymbol(Btc(), "50000");
  EXPECT_TRUE(h.Do(Entry("BTCUSDT", strategy::Side::kLong, "49000", "52000")).empty());
  const auto pos = h.ex.GetPositions(h.account)->at(0);
  EXPECT_EQ(*pos.take_profit, D("52000"));
  EXPECT_EQ(*pos.stop_loss, D("49000"));
  h.exec.TakeEvents();
  h.Mark("BTCUSDT", "48990");
  EXPECT_EQ(h.VenueQty("BTCUSDT"), D("0.1"));  // presets watch the last trade price
  h.TradeAtMark("BTCUSDT");                    // a trade through the stop: the venue closes
  EXPECT_EQ(h.VenueQty("BTCUSDT"), D("0"));
  EXPECT_EQ(h.pf.OpenPositions(), 0);
  // The stop's child order (the venue's clientOid) was adopted when it appeared, and filled.
  const auto adopted = ExecEvents<execution::ReconcileDifference>(h.exec.TakeEvents());
  ASSERT_EQ(adopted.size(), 1u);
  EXPECT_EQ(adopted[0].kind, execution::ReconcileKind::kAdopted);
  EXPECT_EQ(h.exec.FindOrder(adopted[0].client_oid)->status(), model::OrderStatus::kFilled);
  ExpectLedgerMatches(h);
  EXPECT_TRUE(h.pf.realized_pnl().IsNegative());
}

TEST(ExecutionScenarioTest, AttachedTakeProfitTriggeredByTheVenue) {
  Harness h(model::PositionMode::kHedge);
  h.AddSymbol(Btc(), "50000");
  EXPECT_TRUE(h.Do(Entry("BTCUSDT", strategy::Side::kShort, "51000", "48000")).empty());
  h.Mark("BTCUSDT", "47990");
  h.TradeAtMark("BTCUSDT");
  EXPECT_EQ(h.VenueQty("BTCUSDT", PositionSide::kShort), D("0"));
  EXPECT_EQ(h.pf.OpenPositions(), 0);
  ExpectLedgerMatches(h);
  EXPECT_TRUE(h.pf.realized_pnl().IsPositive());
}

TEST(ExecutionScenarioTest, StopUpdateMovesTheVenueStop) {
  Harness h;
  h.AddSymbol(Btc(), "50000");
  EXPECT_TRUE(h.Do(Entry("BTCUSDT", strategy::Side::kLong, "49000")).empty());
  EXPECT_TRUE(h.Do(strategy::StopUpdate{"BTCUSDT", D("49500")}).empty());
  EXPECT_EQ(*h.ex.GetPositions(h.account)->at(0).stop_loss, D("49500"));
  h.Mark("BTCUSDT", "49400");
  EXPECT_EQ(h.VenueQty("BTCUSDT"), D("0"));
}

TEST(ExecutionScenarioTest, FundingReflectedInPortfolio) {
  Harness h;
  h.AddSymbol(Btc(), "50000");
  h.AddSymbol(Eth(), "2000");
  EXPECT_TRUE(h.Do(Entry("BTCUSDT", strategy::Side::kLong, "49000")).empty());
  EXPECT_TRUE(h.Do(Entry("ETHUSDT", strategy::Side::kShort, "2100")).empty());
  ASSERT_TRUE(h.ex.SetFundingRate("BTCUSDT", D("0.0001")).ok());
  ASSERT_TRUE(h.ex.SetFundingRate("ETHUSDT", D("0.0003")).ok());
  // 2023-11-15T00:00:00Z: the 8-hour settlement.
  ASSERT_TRUE(h.clock.AdvanceTo(core::Timestamp::FromSeconds(1'700'006'400)).ok());
  h.ex.OnTime(h.clock.Now());
  h.driver.Pump();
  // Long BTC pays 0.1 × 50000 × 0.0001 = 0.5; short ETH (0.99, sized after the BTC fee)
  // receives 0.99 × 2000 × 0.0003 = 0.594.
  EXPECT_EQ(h.VenueQty("ETHUSDT"), D("-0.99"));
  EXPECT_EQ(h.pf.funding(), D("0.094"));
  const auto positions = h.pf.Positions();
  ASSERT_EQ(positions.size(), 2u);
  EXPECT_EQ(positions[0].funding, D("-0.5"));
  EXPECT_EQ(positions[1].funding, D("0.594"));
  for (const sim::PositionView& v : h.VenueViews()) {
    for (const auto& p : positions) {
      if (p.symbol == v.symbol) {
        EXPECT_EQ(p.funding, v.funding) << v.symbol;
      }
    }
  }
  ExpectLedgerMatches(h);
}

TEST(ExecutionScenarioTest, LostAckSettledByQueryNeverResent) {
  Harness h;
  h.AddSymbol(Btc(), "50000");
  h.driver.lose_next_acks = 1;
  EXPECT_TRUE(h.Do(Entry("BTCUSDT", strategy::Side::kLong, "49000")).empty());
  ASSERT_EQ(h.sent.size(), 1u);
  const std::string oid = h.sent[0];
  int places = 0;
  int queries = 0;
  for (const auto& c : h.driver.executed) {
    places += std::holds_alternative<execution::PlaceOrderCommand>(c);
    queries += std::holds_alternative<execution::QueryOrderCommand>(c);
  }
  EXPECT_EQ(places, 1);
  EXPECT_EQ(queries, 1);
  EXPECT_EQ(h.exec.FindOrder(oid)->status(), model::OrderStatus::kFilled);
  EXPECT_FALSE(h.exec.IsAmbiguous(oid));
  EXPECT_EQ(h.ex.GetOrderHistory(h.account)->size(), 1u);
  EXPECT_EQ(h.VenueQty("BTCUSDT"), D("0.1"));
  EXPECT_EQ(h.pf.Find("BTCUSDT", PositionSide::kNet)->quantity(), D("0.1"));
}

TEST(ExecutionScenarioTest, LostRequestSettledAsRejectedByQuery) {
  Harness h;
  h.AddSymbol(Btc(), "50000");
  h.driver.lose_next_requests = 1;
  EXPECT_TRUE(h.Do(Entry("BTCUSDT", strategy::Side::kLong, "49000")).empty());
  const std::string oid = h.sent.at(0);
  EXPECT_EQ(h.exec.FindOrder(oid)->status(), model::OrderStatus::kRejected);
  EXPECT_EQ(h.exec.FindOrder(oid)->venue_code(), "40109");
  EXPECT_TRUE(h.ex.GetOrderHistory(h.account)->empty());
  EXPECT_EQ(h.VenueQty("BTCUSDT"), D("0"));
}

TEST(ExecutionScenarioTest, DuplicateFillsIgnored) {
  Harness h;
  h.AddSymbol(Btc(), "50000");
  h.driver.duplicate_fills = true;
  EXPECT_TRUE(h.Do(Entry("BTCUSDT", strategy::Side::kLong, "49000")).empty());
  EXPECT_TRUE(h.Do(Target("BTCUSDT", "0.04")).empty());
  int dup_exec = 0;
  int dup_pf = 0;
  for (auto d : h.driver.exec_dispositions) dup_exec += d == execution::FillDisposition::kDuplicate;
  for (auto o : h.driver.portfolio_outcomes) dup_pf += o == model::FillOutcome::kDuplicate;
  EXPECT_EQ(dup_exec, 2);
  EXPECT_EQ(dup_pf, 2);
  EXPECT_EQ(h.exec.FindOrder(h.sent[0])->filled_quantity(), D("0.1"));
  EXPECT_EQ(h.pf.Find("BTCUSDT", PositionSide::kNet)->quantity(), D("0.04"));
  ExpectLedgerMatches(h);
}

TEST(ExecutionScenarioTest, CancelReplaceOnTheVenue) {
  Harness h;
  h.AddSymbol(Btc(), "50000");
  EXPECT_TRUE(h.Do(Target("BTCUSDT", "0.02"), model::OrderType::kLimit, D("49000")).empty());
  const std::string a = h.sent.at(0);
  EXPECT_EQ(h.exec.FindOrder(a)->status(), model::OrderStatus::kAccepted);
  auto b = h.exec.Replace(a, D("49500"));
  ASSERT_TRUE(b.has_value());
  h.driver.Run();
  EXPECT_EQ(h.exec.FindOrder(a)->status(), model::OrderStatus::kCanceled);
  EXPECT_EQ(h.exec.FindOrder(*b)->status(), model::OrderStatus::kAccepted);
  const auto open = *h.ex.GetOpenOrders(h.account);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].client_oid, *b);
  EXPECT_EQ(*open[0].price, D("49500"));
  h.Mark("BTCUSDT", "49400");  // the book crosses the resting order: it fills as maker
  EXPECT_EQ(h.exec.FindOrder(*b)->status(), model::OrderStatus::kFilled);
  EXPECT_EQ(h.pf.Find("BTCUSDT", PositionSide::kNet)->quantity(), D("0.02"));
  ExpectLedgerMatches(h);
  // Reconciliation against the venue finds nothing to fix.
  execution::VenueState venue;
  for (const auto& o : h.VenueOpenOrders()) venue.open_orders.push_back(ToVenueOrder(o));
  for (const auto& f : h.VenueFills()) venue.fills.push_back(ToFill(f));
  EXPECT_TRUE(h.exec.Reconcile(venue).empty());
}

TEST(ExecutionScenarioTest, DustBelowMinSizeClosedWithItsExactSize) {
  model::ContractRow row = model::testdata::BtcUsdtRow();
  row.min_trade_num = "0.001";  // size step stays 0.0001
  Harness h;
  h.AddSymbol(model::testdata::MustBuild(row), "50000");
  EXPECT_TRUE(h.Do(Target("BTCUSDT", "0.0015")).empty());
  EXPECT_TRUE(h.Do(Target("BTCUSDT", "0.0005")).empty());  // closes 0.001: leaves dust
  EXPECT_EQ(h.VenueQty("BTCUSDT"), D("0.0005"));
  // A sized reduce-only order for it is what the venue refuses (45111) ...
  sim::PlaceOrderRequest direct;
  direct.symbol = "BTCUSDT";
  direct.side = model::OrderSide::kSell;
  direct.type = model::OrderType::kMarket;
  direct.size = D("0.0005");
  direct.reduce_only = true;
  EXPECT_EQ(h.ex.PlaceOrder(h.account, direct).error().venue_code, "45111");
  // ... so the exit closes the exact remaining size through close-position.
  EXPECT_TRUE(h.Do(strategy::Exit{"BTCUSDT", "dust"}).empty());
  bool closed = false;
  for (const auto& c : h.driver.executed)
    closed |= std::holds_alternative<execution::ClosePositionCommand>(c);
  EXPECT_TRUE(closed);
  EXPECT_EQ(h.VenueQty("BTCUSDT"), D("0"));
  EXPECT_EQ(h.pf.OpenPositions(), 0);
  const auto fills = *h.ex.GetFills(h.account);
  EXPECT_EQ(fills.back().size, D("0.0005"));
  ExpectLedgerMatches(h);
}

TEST(ExecutionScenarioTest, DustBelowMinNotionalClosed) {
  Harness h;
  h.AddSymbol(Btc(), "50000");
  EXPECT_TRUE(h.Do(Target("BTCUSDT", "0.0001")).empty());  // 5 USDT
  h.Mark("BTCUSDT", "40000");                              // now 4 USDT < minTradeUSDT
  EXPECT_TRUE(h.Do(strategy::Exit{"BTCUSDT", "dust"}).empty());
  EXPECT_EQ(h.VenueQty("BTCUSDT"), D("0"));
  ExpectLedgerMatches(h);
}

}  // namespace
}  // namespace bgt::engines_testing
