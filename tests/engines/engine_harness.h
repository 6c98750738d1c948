// Test harness: the risk, execution and portfolio engines wired the way the node wires them, on
// a TestClock with sim::SimExchange as the venue (through SimDriver). Intents are sized by risk,
// planned by execution, checked by risk, sent, and the venue's events flow back; risk's flatten
// requests are carried out as Exit intents. Test-only. Thread-safety: none.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/check.h"
#include "core/clock.h"
#include "core/decimal.h"
#include "engines/sim_driver.h"
#include "execution/execution_engine.h"
#include "execution/intent.h"
#include "model/contract_rows_testdata.h"
#include "portfolio/portfolio.h"
#include "risk/risk_engine.h"
#include "sim/exchange.h"

namespace bgt::engines_testing {

inline core::Decimal D(std::string_view text) {
  auto d = core::Decimal::Parse(text);
  BGT_CHECK(d.has_value(), "bad decimal literal in a test");
  return *d;
}

inline risk::RiskConfig LooseRisk() {
  risk::RiskConfig c = risk::RiskConfig::Defaults();
  c.max_symbol_notional = D("1000000");
  c.max_total_notional = D("1000000");
  c.max_leverage = 20;
  c.max_open_positions = 10;
  c.max_orders = 1000;
  c.min_liquidation_distance = D("0.01");
  c.daily_loss_limit = D("1000000");
  c.max_drawdown = D("0.99");
  return c;
}

class Harness {
 public:
  static constexpr std::int64_t kStartSeconds = 1'700'000'000;  // 2023-11-14T22:13:20Z

  explicit Harness(model::PositionMode mode = model::PositionMode::kOneWay,
                   risk::RiskConfig risk_config = LooseRisk(), std::string_view deposit = "10000")
      : clock(core::Timestamp::FromSeconds(kStartSeconds)),
        ex(clock),
        account(ex.CreateAccount(model::PositionMode::kOneWay)),
        risk(std::move(*risk::RiskEngine::Create(clock, risk_config))),
        exec(std::move(*execution::ExecutionEngine::Create(clock, ExecConfig(mode)))),
        driver(ex, account, exec, pf) {
    BGT_CHECK(ex.Deposit(account, D(deposit)).ok(), "Deposit");
    pf.OnTransfer(D(deposit));
  }

  static execution::ExecutionConfig ExecConfig(model::PositionMode mode) {
    execution::ExecutionConfig c;
    c.position_mode = mode;
    c.client_oid_prefix = "h";
    c.default_setup = {model::MarginMode::kCrossed, 5};
    return c;
  }

  // Lists the instrument at `mark` with deep liquidity around it and sets the symbol up.
  void AddSymbol(const model::Instrument& in, std::string_view mark, int leverage = 5,
                 model::MarginMode margin = model::MarginMode::kCrossed) {
    BGT_CHECK(ex.AddInstrument(in).ok(), "AddInstrument");
    instruments.emplace(in.symbol(), in);
    leverage_[in.symbol()] = leverage;
    BGT_CHECK(pf.SetLeverage(in.symbol(), leverage).ok(), "SetLeverage");
    Mark(in.symbol(), mark);
    BGT_CHECK(exec.SetupSymbol(in.symbol(), {margin, leverage}).ok(), "SetupSymbol");
    driver.Run();
  }

  // Moves the mark (and the book around it), pumps events and feeds risk the account.
  void Mark(const std::string& symbol, std::string_view mark) {
    const core::Decimal m = D(mark);
    const model::Instrument& in = instruments.at(symbol);
    BGT_CHECK(ex.SetMarkPrice(symbol, m).ok(), "SetMarkPrice");
    const core::Decimal tick = in.tick_size();
    BGT_CHECK(ex.SetLiquidity(symbol, {{m - tick, D("100000")}}, {{m + tick, D("100000")}}).ok(),
              "SetLiquidity");
    BGT_CHECK(pf.SetMark(symbol, m).ok(), "pf SetMark");
    driver.Pump();
    driver.Run();
    risk.OnAccount(State());
    HandleRiskEvents();
  }

  // Another account trades the minimum-sized lot both ways at the book around the mark, so the
  // last trade price follows the mark (presets trigger on the fill price, as on Bitget).
  void TradeAtMark(const std::string& symbol) {
    if (!other_) {
      other_ = ex.CreateAccount(model::PositionMode::kOneWay);
      BGT_CHECK(ex.Deposit(*other_, D("1000000")).ok(), "Deposit");
    }
    const model::Instrument& in = instruments.at(symbol);
    auto lot = core::Decimal::CheckedMul(in.min_size(), core::Decimal::FromInt(100));
    for (model::OrderSide side : {model::OrderSide::kBuy, model::OrderSide::kSell}) {
      sim::PlaceOrderRequest r;
      r.symbol = symbol;
      r.side = side;
      r.type = model::OrderType::kMarket;
      r.size = *lot;
      BGT_CHECK(ex.PlaceOrder(*other_, r).has_value(), "other account's trade");
    }
    driver.Pump();
    driver.Run();
  }

  risk::AccountState State() const {
    risk::AccountState s;
    s.equity = pf.Equity().value_or(pf.balance());
    for (const portfolio::PositionSummary& p : pf.Positions()) {
      s.positions.push_back({p.symbol, p.leg, p.quantity,
                             p.mark.value_or(core::Decimal::FromInt(1)),
                             pf.LiquidationPrice(p.symbol, p.leg)});
    }
    return s;
  }

  execution::SymbolPosition PositionOf(const std::string& symbol) const {
    execution::SymbolPosition p;
    for (const portfolio::PositionSummary& s : pf.Positions()) {
      if (s.symbol != symbol) continue;
      if (s.leg == model::PositionSide::kNet) p.net = s.quantity;
      if (s.leg == model::PositionSide::kLong) p.long_qty = s.quantity;
      if (s.leg == model::PositionSide::kShort) p.short_qty = s.quantity;
    }
    return p;
  }

  // Sizes (entries: from the stop distance at the mark), plans, checks and sends an intent.
  // Returns the refusals; the clientOids sent are appended to `sent`.
  std::vector<risk::Refusal> Do(strategy::IntentBody body,
                                model::OrderType type = model::OrderType::kMarket,
                                std::optional<core::Decimal> price = std::nullopt) {
    std::vector<risk::Refusal> refusals;
    const std::string symbol = std::visit([](const auto& b) { return b.symbol; }, body);
    const model::Instrument& in = instruments.at(symbol);
    const core::Decimal mark = *pf.Mark(symbol);
    execution::SizedIntent intent;
    intent.body = body;
    intent.type = type;
    intent.price = price;
    if (const auto* entry = std::get_if<strategy::Entry>(&body)) {
      auto sized = risk.SizeEntry(in, State().equity, price.value_or(mark), entry->stop, type);
      if (auto* r = std::get_if<risk::Refusal>(&sized)) return {*r};
      intent.size = std::get<risk::Sizing>(sized).size;
    }
    auto specs = execution::PlanIntent(intent, in, exec.position_mode(), PositionOf(symbol), mark);
    BGT_CHECK(specs.has_value(), "PlanIntent");
    for (const execution::OrderSpec& spec : *specs) {
      if (spec.kind == execution::SpecKind::kOrder ||
          spec.kind == execution::SpecKind::kClosePosition) {
        risk::OrderCheck check;
        check.instrument = &in;
        check.direction = spec.direction;
        check.leg = spec.leg;
        check.type = spec.type;
        check.size = spec.size;
        check.price = spec.price;
        check.reference_price = mark;
        check.reduce_only = spec.closing;
        check.leverage = leverage_.at(symbol);
        if (auto refusal = risk.CheckOrder(check, State())) {
          refusals.push_back(*refusal);
          continue;
        }
      }
      auto oid = exec.Submit(spec);
      BGT_CHECK(oid.has_value(), "Submit");
      if (!oid->empty()) sent.push_back(*oid);
    }
    driver.Run();
    return refusals;
  }

  // Carries out risk's flatten requests as Exit intents.
  void HandleRiskEvents() {
    for (const risk::RiskEvent& e : risk.TakeEvents()) {
      risk_events.push_back(e);
      const auto* flatten = std::get_if<risk::FlattenRequested>(&e);
      if (!flatten) continue;
      std::vector<std::string> symbols;
      for (const portfolio::PositionSummary& p : pf.Positions()) {
        if (!flatten->symbol || *flatten->symbol == p.symbol) symbols.push_back(p.symbol);
      }
      for (const std::string& s : symbols) {
        if (PositionOf(s).net.IsZero() && PositionOf(s).long_qty.IsZero() &&
            PositionOf(s).short_qty.IsZero()) {
          continue;  // closed by an earlier symbol's exit of both legs
        }
        (void)Do(strategy::Exit{s, "flatten"});
      }
    }
  }

  // The venue's positions as portfolio snapshots.
  std::vector<portfolio::PositionSnapshot> VenuePositions() {
    std::vector<portfolio::PositionSnapshot> out;
    for (const sim::PositionView& p : VenueViews()) {
      const bool is_long = p.hold_side == model::PositionSide::kLong;
      out.push_back({p.symbol, p.leg, is_long ? p.total : -p.total, p.entry_notional, p.mark,
                     p.leverage, p.liquidation_price, std::nullopt, p.funding});
    }
    return out;
  }

  // The venue's views, by value (a range-for over `*ex.GetX()` would dangle).
  std::vector<sim::PositionView> VenueViews() const { return *ex.GetPositions(account); }
  std::vector<sim::OrderView> VenueOpenOrders() const { return *ex.GetOpenOrders(account); }
  std::vector<sim::FillView> VenueFills() const { return *ex.GetFills(account); }

  // Signed venue quantity of a leg (0 when none).
  core::Decimal VenueQty(const std::string& symbol,
                         model::PositionSide leg = model::PositionSide::kNet) {
    for (const portfolio::PositionSnapshot& p : VenuePositions()) {
      if (p.symbol == symbol && p.leg == leg) return p.quantity;
    }
    return core::Decimal();
  }

  template <typename T>
  std::vector<T> RiskEventsOf() const {
    std::vector<T> out;
    for (const risk::RiskEvent& e : risk_events) {
      if (const T* t = std::get_if<T>(&e)) out.push_back(*t);
    }
    return out;
  }

  core::TestClock clock;
  sim::SimExchange ex;
  sim::AccountId account;
  risk::RiskEngine risk;
  execution::ExecutionEngine exec;
  portfolio::Portfolio pf;
  SimDriver driver;
  std::map<std::string, model::Instrument> instruments;
  std::vector<std::string> sent;
  std::vector<risk::RiskEvent> risk_events;

 private:
  std::map<std::string, int> leverage_;
  std::optional<sim::AccountId> other_;
};

inline model::Instrument Btc() { return model::testdata::MustBuild(model::testdata::BtcUsdtRow()); }
inline model::Instrument Eth() { return model::testdata::MustBuild(model::testdata::EthUsdtRow()); }

}  // namespace bgt::engines_testing
