// Test driver: carries out the execution engine's outbox against sim::SimExchange and feeds the
// answers and the exchange's events back to the execution engine and the portfolio. Faults
// can be injected: a lost acknowledgement (the venue took the order, bgt hears kAmbiguous), a
// lost request (the venue never saw it, bgt hears kAmbiguous) and duplicated fill events.
// Test-only. Thread-safety: none; belongs to its test.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "core/clock.h"
#include "execution/execution_engine.h"
#include "portfolio/portfolio.h"
#include "sim/exchange.h"

namespace bgt::engines_testing {

inline execution::VenueOrderState ToVenueState(sim::OrderState s) {
  switch (s) {
    case sim::OrderState::kLive:
      return execution::VenueOrderState::kLive;
    case sim::OrderState::kPartiallyFilled:
      return execution::VenueOrderState::kPartiallyFilled;
    case sim::OrderState::kFilled:
      return execution::VenueOrderState::kFilled;
    case sim::OrderState::kCanceled:
      return execution::VenueOrderState::kCanceled;
  }
  return execution::VenueOrderState::kLive;
}

inline execution::VenueOrder ToVenueOrder(const sim::OrderView& o) {
  execution::VenueOrder v;
  v.client_oid = o.client_oid;
  v.venue_order_id = std::to_string(o.order_id);
  v.symbol = o.symbol;
  v.state = ToVenueState(o.state);
  v.filled = o.filled;
  v.direction = o.direction;
  v.leg = o.pos_side;
  v.type = o.type;
  v.size = o.size;
  v.price = o.price;
  v.reduce_only = o.reduce_only;
  v.margin_mode = o.margin_mode;
  return v;
}

inline model::Fill ToFill(const sim::FillView& f) {
  model::Fill m;
  m.trade_id = std::to_string(f.trade_id);
  m.client_oid = f.client_oid;
  m.venue_order_id = std::to_string(f.order_id);
  m.symbol = f.symbol;
  m.side = f.direction;
  m.position_side = f.pos_side;
  m.price = f.price;
  m.quantity = f.size;
  m.fee = f.fee;
  m.liquidity = f.liquidity;
  m.ts = f.ts;
  return m;
}

class SimDriver {
 public:
  SimDriver(sim::SimExchange& ex, sim::AccountId account, execution::ExecutionEngine& exec,
            portfolio::Portfolio& portfolio)
      : ex_(ex), account_(account), exec_(exec), portfolio_(portfolio) {}

  // Carries out commands until the outbox is empty, pumping events after each one.
  void Run() {
    for (int round = 0; round < 100; ++round) {
      std::vector<execution::Command> commands = exec_.TakeCommands();
      if (commands.empty()) break;
      for (const execution::Command& c : commands) {
        executed.push_back(c);
        std::visit([this](const auto& cmd) { Execute(cmd); }, c);
        Pump();
      }
    }
    Pump();
  }

  // Feeds the exchange's events to the execution engine and the portfolio.
  void Pump() {
    for (const sim::ExchangeEvent& e : ex_.TakeEvents()) {
      if (const auto* o = std::get_if<sim::OrderEvent>(&e)) {
        if (o->order.account == account_)
          order_updates.push_back(exec_.OnOrderUpdate(ToVenueOrder(o->order)));
      } else if (const auto* f = std::get_if<sim::FillEvent>(&e)) {
        if (f->fill.account != account_) continue;
        const model::Fill fill = ToFill(f->fill);
        for (int i = 0; i < (duplicate_fills ? 2 : 1); ++i) {
          exec_dispositions.push_back(exec_.OnFill(fill));
          auto outcome = portfolio_.OnFill(fill);
          if (!outcome)
            fill_errors.push_back(outcome.error().ToString());
          else
            portfolio_outcomes.push_back(*outcome);
        }
      } else if (const auto* fu = std::get_if<sim::FundingEvent>(&e)) {
        if (fu->account != account_) continue;
        (void)portfolio_.OnFunding({fu->symbol, fu->leg, fu->amount, fu->time});
      } else if (const auto* p = std::get_if<sim::PlanEvent>(&e)) {
        plan_events.push_back(p->plan);
      }
    }
  }

  int lose_next_acks = 0;      // the venue takes the order, the answer is lost
  int lose_next_requests = 0;  // the request never reaches the venue
  bool duplicate_fills = false;
  std::vector<execution::Command> executed;
  std::vector<execution::FillDisposition> exec_dispositions;
  std::vector<model::FillOutcome> portfolio_outcomes;
  std::vector<std::string> fill_errors;
  std::vector<core::Status> order_updates;
  std::vector<sim::PlanOrder> plan_events;
  std::vector<core::Error> place_errors;

 private:
  static core::Error Ambiguous() {
    return core::MakeError(core::ErrorCode::kAmbiguous, "timeout after send");
  }

  void Execute(const execution::PlaceOrderCommand& c) {
    const std::string& oid = c.request.client_oid;
    if (lose_next_requests > 0) {
      --lose_next_requests;
      (void)exec_.OnPlaceResult(oid, Ambiguous());
      return;
    }
    sim::PlaceOrderRequest r;
    r.symbol = c.request.symbol;
    r.margin_mode = c.request.margin_mode;
    r.size = c.request.quantity;
    r.price = c.request.price;
    r.side = c.wire_side;
    r.trade_side = c.trade_side;
    r.type = c.request.type;
    r.force = c.request.time_in_force;
    r.client_oid = oid;
    r.reduce_only = c.reduce_only;
    r.preset_take_profit = c.preset_take_profit;
    r.preset_stop_loss = c.preset_stop_loss;
    auto ack = ex_.PlaceOrder(account_, r);
    if (lose_next_acks > 0) {
      --lose_next_acks;
      (void)exec_.OnPlaceResult(oid, Ambiguous());
      return;
    }
    if (ack) {
      (void)exec_.OnPlaceResult(oid, std::to_string(ack->order_id));
    } else {
      place_errors.push_back(ack.error());
      (void)exec_.OnPlaceResult(oid, ack.error());
    }
  }
  void Execute(const execution::CancelOrderCommand& c) {
    auto r = ex_.CancelOrder(account_, c.symbol, sim::OrderRef{std::nullopt, c.client_oid});
    (void)exec_.OnCancelResult(c.client_oid, r ? core::Status::Ok() : core::Status(r.error()));
  }
  void Execute(const execution::QueryOrderCommand& c) {
    auto r = ex_.GetOrder(account_, c.symbol, sim::OrderRef{std::nullopt, c.client_oid});
    if (r) {
      (void)exec_.OnQueryResult(c.client_oid, ToVenueOrder(*r));
    } else {
      (void)exec_.OnQueryResult(c.client_oid, r.error());
    }
  }
  void Execute(const execution::SetPositionModeCommand& c) {
    auto r = ex_.SetPositionMode(account_, c.mode);
    execution::SetupResult res{"", execution::SetupStep::kPositionMode, r, {}, {}, {}};
    if (!r.ok()) res.current_position_mode = ex_.GetAccount(account_)->pos_mode;
    exec_.OnSetupResult(res);
  }
  void Execute(const execution::SetMarginModeCommand& c) {
    auto r = ex_.SetMarginMode(account_, c.symbol, c.mode);
    execution::SetupResult res{c.symbol,
                               execution::SetupStep::kMarginMode,
                               r ? core::Status::Ok() : core::Status(r.error()),
                               {},
                               {},
                               {}};
    if (!r) res.current_margin_mode = ex_.GetSymbolSettings(account_, c.symbol)->config.margin_mode;
    exec_.OnSetupResult(res);
  }
  void Execute(const execution::SetLeverageCommand& c) {
    sim::SetLeverageRequest req;
    req.symbol = c.symbol;
    req.leverage = c.leverage;
    auto r = ex_.SetLeverage(account_, req);
    execution::SetupResult res{c.symbol,
                               execution::SetupStep::kLeverage,
                               r ? core::Status::Ok() : core::Status(r.error()),
                               {},
                               {},
                               {}};
    if (!r) res.current_leverage = ex_.GetSymbolSettings(account_, c.symbol)->config.cross_leverage;
    exec_.OnSetupResult(res);
  }
  void Execute(const execution::ClosePositionCommand& c) {
    auto r = ex_.ClosePositions(account_, c.symbol, c.hold_side);
    exec_.OnClosePositionResult(c, r ? core::Status::Ok() : core::Status(r.error()));
  }
  void Execute(const execution::SetStopLossCommand& c) {
    sim::TpslRequest req;
    req.symbol = c.symbol;
    req.plan_type = sim::PlanType::kPosLoss;
    req.trigger_price = c.trigger;
    req.hold_side = c.hold_side;
    auto r = ex_.PlaceTpsl(account_, req);
    exec_.OnStopLossResult(c, r ? core::Status::Ok() : core::Status(r.error()));
  }

  sim::SimExchange& ex_;
  sim::AccountId account_;
  execution::ExecutionEngine& exec_;
  portfolio::Portfolio& portfolio_;
};

}  // namespace bgt::engines_testing
