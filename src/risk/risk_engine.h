// RiskEngine: pre-trade checks (venue rules, notional caps, leverage, position count, order
// rate, liquidation distance, reduce-only in REDUCING/HALTED), sizing from a risk fraction and
// the stop distance, and the account's trading state RUNNING / REDUCING / HALTED, driven by the
// account picture (daily loss per UTC day, drawdown from the equity peak, liquidation distance)
// and the kill switch. A hard-limit breach halts and requests a FLATTEN. Every refusal, state
// change and flatten request is an event (TakeEvents).
// Thread-safety: not thread-safe; belongs to the kernel thread. Time only from the Clock.
#pragma once

#include <deque>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.h"
#include "core/decimal.h"
#include "core/result.h"
#include "risk/risk_config.h"
#include "risk/risk_types.h"
#include "risk/sizing.h"

namespace bgt::risk {

class RiskEngine {
 public:
  // Error (kConfig) when the config does not validate.
  static core::Result<RiskEngine> Create(core::Clock& clock, RiskConfig config);

  // Checks an order against the limits and `account`. nullopt = approved (and counted in the
  // order-rate window); otherwise the refusal, also emitted as OrderDenied.
  //
  // An order reduces when it is reduce-only or a hedge close (sell on the long leg, buy on the
  // short) or a one-way order against the net position no larger than it. A reducing order must
  // not exceed the position (kReduceExceedsPosition / kNoPosition); a reduce of the whole
  // position is allowed below minTradeNum / minTradeUSDT (the dust closing rule); a partial one
  // must pass the venue rules. Reducing orders skip the caps, leverage, position-count and
  // liquidation checks and pass in every state; all orders count against the order-rate cap,
  // which refuses everything above it except reducing orders while HALTED (the flatten).
  std::optional<Refusal> CheckOrder(const OrderCheck& order, const AccountState& account);

  // Sizes an entry at risk_fraction of equity (see sizing.h); a refusal is also emitted.
  std::variant<Sizing, Refusal> SizeEntry(const model::Instrument& instrument,
                                          const core::Decimal& equity,
                                          const core::Decimal& entry_price,
                                          const core::Decimal& stop_price, model::OrderType type);

  // Feeds the account picture: tracks the equity peak and the UTC day's opening equity, and
  // halts + requests a flatten on a daily loss >= limit or a drawdown >= max_drawdown; requests
  // a flatten of a position closer to liquidation than min_liquidation_distance (once per
  // breach: again only after the position left the breach).
  void OnAccount(const AccountState& account);

  // Kill switch: HALTED and a flatten of everything.
  void KillSwitch(std::string reason);
  // Manual transitions. Resume returns to RUNNING (also from HALTED); SetReducing only from
  // RUNNING (no-op otherwise).
  void Resume(std::string reason);
  void SetReducing(std::string reason);

  TradingState state() const { return state_; }
  const RiskConfig& config() const { return config_; }
  const core::Decimal& equity_peak() const { return peak_; }
  const core::Decimal& day_start_equity() const { return day_start_; }
  // Orders approved inside the current sliding window.
  int OrdersInWindow();

  std::vector<RiskEvent> TakeEvents();

 private:
  RiskEngine(core::Clock& clock, RiskConfig config) : clock_(&clock), config_(std::move(config)) {}

  std::optional<Refusal> Deny(Refusal refusal);
  std::optional<Refusal> CheckOpening(const OrderCheck& order, const AccountState& account);
  void Transition(TradingState to, StateReason reason, std::string message);
  void Flatten(FlattenReason reason, std::string message, std::optional<std::string> symbol = {},
               std::optional<model::PositionSide> leg = {});
  void PruneWindow();

  core::Clock* clock_;
  RiskConfig config_;
  TradingState state_ = TradingState::kRunning;
  std::deque<core::Timestamp> approvals_;
  core::Decimal peak_;
  core::Decimal day_start_;
  std::optional<std::int64_t> day_;  // UTC day number of day_start_
  // Positions whose liquidation-distance flatten was requested and that are still in breach.
  std::set<std::pair<std::string, model::PositionSide>> liquidation_flattens_;
  std::vector<RiskEvent> events_;
};

}  // namespace bgt::risk
