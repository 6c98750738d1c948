// Seeded random scenario: entries with stops and take-profits, targets (market and resting
// limit), exits, cancels, replaces, mark moves, funding settlements, in one-way and hedge mode.
// At the end the portfolio's numbers equal SimExchange's own ledger exactly.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <random>

#include "engines/engine_harness.h"

namespace bgt::engines_testing {
namespace {

using core::Decimal;

class LedgerScenarioTest : public ::testing::TestWithParam<model::PositionMode> {};

Decimal Dec(std::int64_t mantissa, int scale) { return *Decimal::FromParts(mantissa, scale); }

TEST_P(LedgerScenarioTest, PortfolioEqualsTheVenueLedger) {
  risk::RiskConfig c = LooseRisk();
  c.max_symbol_notional = D("20000");
  c.max_total_notional = D("30000");
  c.risk_fraction = D("0.001");  // tight stops, modest sizes
  Harness h(GetParam(), c);
  h.AddSymbol(Btc(), "50000");
  h.AddSymbol(Eth(), "2000");
  std::mt19937_64 rng(20261125);
  auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
  };
  const std::vector<std::string> symbols = {"BTCUSDT", "ETHUSDT"};
  std::int64_t marks_ticks[2] = {500000, 200000};  // BTC in 0.1, ETH in 0.01
  const int scales[2] = {1, 2};
  int refusals = 0;
  int entries = 0;
  int funding_events = 0;

  for (int step = 0; step < 300; ++step) {
    const int s = static_cast<int>(pick(0, 1));
    const std::string& sym = symbols[s];
    const Decimal mark = *h.pf.Mark(sym);
    const Decimal unit = s == 0 ? D("100") : D("5");  // a typical move
    switch (pick(0, 9)) {
      case 0:
      case 1:
      case 2: {
        marks_ticks[s] += pick(-3000, 3000);
        const std::int64_t lo = s == 0 ? 450000 : 180000;
        const std::int64_t hi = s == 0 ? 550000 : 220000;
        marks_ticks[s] = std::clamp(marks_ticks[s], lo, hi);
        h.Mark(sym, Dec(marks_ticks[s], scales[s]).ToString());
        if (pick(0, 1)) h.TradeAtMark(sym);  // moves the last price: presets can trigger
        break;
      }
      case 3: {
        strategy::Entry e;
        e.symbol = sym;
        e.side = pick(0, 1) ? strategy::Side::kLong : strategy::Side::kShort;
        const Decimal dist = unit * Decimal::FromInt(pick(1, 6));
        const bool is_long = e.side == strategy::Side::kLong;
        e.stop = is_long ? mark - dist : mark + dist;
        if (pick(0, 1)) e.take_profit = is_long ? mark + dist + dist : mark - dist - dist;
        refusals += static_cast<int>(h.Do(e).size());
        ++entries;
        break;
      }
      case 4: {
        const Decimal qty = s == 0 ? Dec(pick(-50, 50), 3) : Dec(pick(-200, 200), 2);
        refusals += static_cast<int>(
            h.Do(strategy::TargetPosition{sym, strategy::TargetPosition::Unit::kBaseSize, qty})
                .size());
        break;
      }
      case 5: {
        const Decimal qty = s == 0 ? Dec(pick(-50, 50), 3) : Dec(pick(-200, 200), 2);
        const auto pos = h.PositionOf(sym);
        const Decimal current = pos.net + pos.long_qty + pos.short_qty;
        // Below the mark for a buy, above for a sell: the order rests until the mark crosses.
        const Decimal offset = unit * Decimal::FromInt(pick(1, 5));
        const Decimal price = qty > current ? mark - offset : mark + offset;
        refusals += static_cast<int>(
            h.Do(strategy::TargetPosition{sym, strategy::TargetPosition::Unit::kBaseSize, qty},
                 model::OrderType::kLimit, price)
                .size());
        break;
      }
      case 6: {
        const auto pos = h.PositionOf(sym);
        if (!pos.net.IsZero() || !pos.long_qty.IsZero() || !pos.short_qty.IsZero()) {
          refusals += static_cast<int>(h.Do(strategy::Exit{sym, "random"}).size());
        }
        break;
      }
      case 7:
      case 8: {
        const auto working = h.exec.WorkingOrders();
        if (working.empty()) break;
        const model::Order* o = working[static_cast<std::size_t>(
            pick(0, static_cast<std::int64_t>(working.size()) - 1))];
        if (pick(0, 1)) {
          (void)h.exec.Cancel(o->client_oid());
        } else if (o->price()) {
          (void)h.exec.Replace(o->client_oid(),
                               *o->price() + (o->side() == model::OrderSide::kBuy ? -unit : unit));
        }
        h.driver.Run();
        break;
      }
      case 9: {
        for (const std::string& f : symbols) {
          ASSERT_TRUE(h.ex.SetFundingRate(f, Dec(pick(-5, 5), 4)).ok());
        }
        ASSERT_TRUE(h.clock.AdvanceBy(std::chrono::hours(pick(1, 4))).ok());
        h.ex.OnTime(h.clock.Now());
        const Decimal funding_before = h.pf.funding();
        h.driver.Pump();
        funding_events += h.pf.funding() != funding_before;
        break;
      }
    }
  }

  const sim::AccountView acc = *h.ex.GetAccount(h.account);
  EXPECT_TRUE(h.driver.fill_errors.empty()) << h.driver.fill_errors.front();
  EXPECT_EQ(acc.ledger.risk_fund, Decimal());  // no liquidation in this run
  EXPECT_EQ(h.pf.transfers(), acc.ledger.transfers);
  EXPECT_EQ(h.pf.realized_pnl(), acc.ledger.realized_pnl);
  EXPECT_EQ(h.pf.fees(), acc.ledger.fees);
  EXPECT_EQ(h.pf.funding(), acc.ledger.funding);
  EXPECT_EQ(h.pf.balance(), acc.balance);
  EXPECT_EQ(*h.pf.Equity(), acc.equity);
  EXPECT_EQ(*h.pf.UnrealizedPnl(), acc.unrealized_pnl);

  const auto venue = *h.ex.GetPositions(h.account);
  const auto local = h.pf.Positions();
  ASSERT_EQ(local.size(), venue.size());
  for (std::size_t i = 0; i < venue.size(); ++i) {
    const sim::PositionView& v = venue[i];
    const bool is_long = v.hold_side == model::PositionSide::kLong;
    const auto* p = h.pf.Find(v.symbol, v.leg);
    ASSERT_NE(p, nullptr) << v.symbol;
    EXPECT_EQ(p->quantity(), is_long ? v.total : -v.total) << v.symbol;
    EXPECT_EQ(p->entry_notional(), v.entry_notional) << v.symbol;
    EXPECT_EQ(p->realized_pnl(), v.realized_pnl) << v.symbol;
    EXPECT_EQ(p->fees(), v.fees) << v.symbol;
    for (const auto& s : local) {
      if (s.symbol == v.symbol && s.leg == v.leg) {
        EXPECT_EQ(s.funding, v.funding) << v.symbol;
      }
    }
  }
  EXPECT_TRUE(h.pf.ApplyPositions(h.VenuePositions()).empty());

  // The execution engine agrees with the venue's orders and fills too.
  execution::VenueState state;
  for (const auto& o : h.VenueOpenOrders()) state.open_orders.push_back(ToVenueOrder(o));
  for (const auto& f : h.VenueFills()) state.fills.push_back(ToFill(f));
  EXPECT_TRUE(h.exec.Reconcile(state).empty());

  // The run exercised what it claims to.
  EXPECT_GT(entries, 10);
  EXPECT_GT(funding_events, 0);
  EXPECT_GT(h.ex.GetFills(h.account)->size(), 30u);
  int maker = 0;
  int triggered = 0;
  for (const sim::FillView& f : h.VenueFills()) {
    maker += f.liquidity == model::LiquiditySide::kMaker;
    triggered += f.source != sim::OrderSource::kNormal;
  }
  EXPECT_GT(maker, 0);      // resting limit orders filled by the moving book
  EXPECT_GT(triggered, 0);  // attached TP/SL fired at the venue
  RecordProperty("refusals", refusals);
}

INSTANTIATE_TEST_SUITE_P(
    Modes, LedgerScenarioTest,
    ::testing::Values(model::PositionMode::kOneWay, model::PositionMode::kHedge),
    [](const ::testing::TestParamInfo<model::PositionMode>& param_info) {
      return std::string(param_info.param == model::PositionMode::kOneWay ? "OneWay" : "Hedge");
    });

}  // namespace
}  // namespace bgt::engines_testing
