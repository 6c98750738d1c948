#include "risk/risk_engine.h"

#include <set>
#include <utility>

#include "model/order_validation.h"

namespace bgt::risk {
namespace {

using core::Decimal;
using model::OrderSide;
using model::PositionSide;

constexpr int kRatioScale = 8;
constexpr std::int64_t kSecondsPerDay = 86'400;

Decimal Signed(OrderSide direction, const Decimal& size) {
  return direction == OrderSide::kBuy ? size : -size;
}

const PositionExposure* FindPosition(const AccountState& account, const std::string& symbol,
                                     PositionSide leg) {
  for (const PositionExposure& p : account.positions) {
    if (p.symbol == symbol && p.leg == leg && !p.quantity.IsZero()) return &p;
  }
  return nullptr;
}

// |mark − liquidation| / mark, or nullopt when unknown.
std::optional<Decimal> LiquidationDistance(const PositionExposure& p) {
  if (!p.liquidation_price || !p.mark.IsPositive()) return std::nullopt;
  auto d = Decimal::Div((p.mark - *p.liquidation_price).Abs(), p.mark, kRatioScale,
                        core::Rounding::kDown);
  if (!d) return std::nullopt;
  return *d;
}

Decimal Notional(const Decimal& qty, const Decimal& price) {
  auto n = Decimal::CheckedMul(qty.Abs(), price);
  return n ? *n : Decimal::FromInt(INT64_MAX / 1'000'000'000);
}

}  // namespace

std::string_view ToString(TradingState v) {
  switch (v) {
    case TradingState::kRunning:
      return "RUNNING";
    case TradingState::kReducing:
      return "REDUCING";
    case TradingState::kHalted:
      return "HALTED";
  }
  return "?";
}

std::string_view ToString(RefusalReason v) {
  switch (v) {
    case RefusalReason::kHalted:
      return "halted";
    case RefusalReason::kReducingOnly:
      return "reducing_only";
    case RefusalReason::kVenueRule:
      return "venue_rule";
    case RefusalReason::kBelowMinSize:
      return "below_min_size";
    case RefusalReason::kBelowMinNotional:
      return "below_min_notional";
    case RefusalReason::kNoStopDistance:
      return "no_stop_distance";
    case RefusalReason::kNoEquity:
      return "no_equity";
    case RefusalReason::kSymbolNotional:
      return "symbol_notional";
    case RefusalReason::kTotalNotional:
      return "total_notional";
    case RefusalReason::kLeverage:
      return "leverage";
    case RefusalReason::kMaxPositions:
      return "max_positions";
    case RefusalReason::kOrderRate:
      return "order_rate";
    case RefusalReason::kLiquidationDistance:
      return "liquidation_distance";
    case RefusalReason::kReduceExceedsPosition:
      return "reduce_exceeds_position";
    case RefusalReason::kNoPosition:
      return "no_position";
  }
  return "?";
}

std::string_view ToString(StateReason v) {
  switch (v) {
    case StateReason::kKillSwitch:
      return "kill_switch";
    case StateReason::kDailyLoss:
      return "daily_loss";
    case StateReason::kDrawdown:
      return "drawdown";
    case StateReason::kManual:
      return "manual";
  }
  return "?";
}

std::string_view ToString(FlattenReason v) {
  switch (v) {
    case FlattenReason::kKillSwitch:
      return "kill_switch";
    case FlattenReason::kDailyLoss:
      return "daily_loss";
    case FlattenReason::kDrawdown:
      return "drawdown";
    case FlattenReason::kLiquidationDistance:
      return "liquidation_distance";
  }
  return "?";
}

core::Result<RiskEngine> RiskEngine::Create(core::Clock& clock, RiskConfig config) {
  BGT_RETURN_IF_ERROR(config.Validate());
  return RiskEngine(clock, std::move(config));
}

std::optional<Refusal> RiskEngine::Deny(Refusal refusal) {
  refusal.ts = clock_->Now();
  events_.push_back(OrderDenied{refusal});
  return refusal;
}

void RiskEngine::PruneWindow() {
  const core::Timestamp now = clock_->Now();
  while (!approvals_.empty() && now - approvals_.front() >= config_.order_window) {
    approvals_.pop_front();
  }
}

int RiskEngine::OrdersInWindow() {
  PruneWindow();
  return static_cast<int>(approvals_.size());
}

std::optional<Refusal> RiskEngine::CheckOrder(const OrderCheck& order,
                                              const AccountState& account) {
  BGT_CHECK(order.instrument != nullptr, "OrderCheck without an instrument");
  const model::Instrument& in = *order.instrument;
  Refusal base;
  base.symbol = in.symbol();
  base.client_oid = order.client_oid;
  auto refuse = [&](RefusalReason reason, Decimal value, Decimal limit, std::string message,
                    std::string code = "") {
    Refusal r = base;
    r.reason = reason;
    r.value = value;
    r.limit = limit;
    r.message = std::move(message);
    r.venue_code = std::move(code);
    return Deny(std::move(r));
  };

  const PositionExposure* pos = FindPosition(account, in.symbol(), order.leg);
  const Decimal qty = pos ? pos->quantity : Decimal();
  bool closing = false;  // the order is declared as a close (must not exceed the position)
  switch (order.leg) {
    case PositionSide::kLong:
      closing = order.direction == OrderSide::kSell;
      break;
    case PositionSide::kShort:
      closing = order.direction == OrderSide::kBuy;
      break;
    case PositionSide::kNet:
      closing = order.reduce_only;
      break;
  }
  const bool opposes =
      !qty.IsZero() && Signed(order.direction, Decimal::FromInt(1)).Sign() != qty.Sign();
  const bool reducing =
      closing || (order.leg == PositionSide::kNet && opposes && order.size <= qty.Abs());

  if (reducing) {
    if (qty.IsZero()) {
      return refuse(RefusalReason::kNoPosition, order.size, Decimal(),
                    "reducing order with no position on " + in.symbol());
    }
    if (!opposes) {
      return refuse(RefusalReason::kNoPosition, order.size, Decimal(),
                    "reduce-only order in the direction of the position");
    }
    if (order.size > qty.Abs()) {
      return refuse(
          RefusalReason::kReduceExceedsPosition, order.size, qty.Abs(),
          "reducing size " + order.size.ToString() + " > position " + qty.Abs().ToString());
    }
    if (order.size != qty.Abs()) {  // a partial reduce is an ordinary order for the venue
      model::OrderIntent intent{order.direction,
                                order.type,
                                order.price,
                                order.size,
                                order.reference_price,
                                order.leg,
                                order.leg == PositionSide::kNet};
      if (auto ok = model::ValidateOrder(in, intent); !ok) {
        return refuse(RefusalReason::kVenueRule, order.size, Decimal(), ok.error().message,
                      ok.error().venue_code);
      }
    }
  } else {
    if (state_ == TradingState::kHalted) {
      return refuse(RefusalReason::kHalted, Decimal(), Decimal(),
                    "trading HALTED: reducing orders only");
    }
    if (state_ == TradingState::kReducing) {
      return refuse(RefusalReason::kReducingOnly, Decimal(), Decimal(),
                    "trading REDUCING: reducing orders only");
    }
    if (auto r = CheckOpening(order, account)) return r;
  }

  PruneWindow();
  // When HALTED the flatten must go out: reducing orders count but are never rate-refused.
  const bool flattening = reducing && state_ == TradingState::kHalted;
  if (!flattening && static_cast<int>(approvals_.size()) >= config_.max_orders) {
    return refuse(RefusalReason::kOrderRate,
                  Decimal::FromInt(static_cast<std::int64_t>(approvals_.size()) + 1),
                  Decimal::FromInt(config_.max_orders),
                  "order rate above " + std::to_string(config_.max_orders) + " per window");
  }
  approvals_.push_back(clock_->Now());
  return std::nullopt;
}

std::optional<Refusal> RiskEngine::CheckOpening(const OrderCheck& order,
                                                const AccountState& account) {
  const model::Instrument& in = *order.instrument;
  Refusal base;
  base.symbol = in.symbol();
  base.client_oid = order.client_oid;
  auto refuse = [&](RefusalReason reason, Decimal value, Decimal limit, std::string message,
                    std::string code = "") {
    Refusal r = base;
    r.reason = reason;
    r.value = value;
    r.limit = limit;
    r.message = std::move(message);
    r.venue_code = std::move(code);
    return Deny(std::move(r));
  };

  model::OrderIntent intent{order.direction,       order.type, order.price, order.size,
                            order.reference_price, order.leg,  false};
  if (auto ok = model::ValidateOrder(in, intent); !ok) {
    return refuse(RefusalReason::kVenueRule, order.size, Decimal(), ok.error().message,
                  ok.error().venue_code);
  }
  if (order.leverage > config_.max_leverage || order.leverage < 1) {
    return refuse(RefusalReason::kLeverage, Decimal::FromInt(order.leverage),
                  Decimal::FromInt(config_.max_leverage),
                  "leverage " + std::to_string(order.leverage) + " above max " +
                      std::to_string(config_.max_leverage));
  }
  const PositionExposure* pos = FindPosition(account, in.symbol(), order.leg);
  int open = 0;
  for (const PositionExposure& p : account.positions) open += p.quantity.IsZero() ? 0 : 1;
  if (pos == nullptr && open >= config_.max_open_positions) {
    return refuse(RefusalReason::kMaxPositions, Decimal::FromInt(open + 1),
                  Decimal::FromInt(config_.max_open_positions),
                  "a new position beyond max_open_positions");
  }

  // Post-trade exposure at mark (the order's leg at its price).
  const Decimal price =
      order.type == model::OrderType::kLimit && order.price ? *order.price : order.reference_price;
  const Decimal post_qty = (pos ? pos->quantity : Decimal()) + Signed(order.direction, order.size);
  Decimal symbol_notional = Notional(post_qty, price);
  Decimal total_notional = symbol_notional;
  for (const PositionExposure& p : account.positions) {
    if (p.symbol == in.symbol() && p.leg == order.leg) continue;
    const Decimal n = Notional(p.quantity, p.mark);
    total_notional += n;
    if (p.symbol == in.symbol()) symbol_notional += n;
  }
  if (symbol_notional > config_.max_symbol_notional) {
    return refuse(RefusalReason::kSymbolNotional, symbol_notional, config_.max_symbol_notional,
                  "symbol notional " + symbol_notional.ToString() + " above cap " +
                      config_.max_symbol_notional.ToString());
  }
  if (total_notional > config_.max_total_notional) {
    return refuse(RefusalReason::kTotalNotional, total_notional, config_.max_total_notional,
                  "total notional " + total_notional.ToString() + " above cap " +
                      config_.max_total_notional.ToString());
  }

  if (pos) {
    if (auto d = LiquidationDistance(*pos); d && *d < config_.min_liquidation_distance) {
      return refuse(RefusalReason::kLiquidationDistance, *d, config_.min_liquidation_distance,
                    "position " + in.symbol() + " already " + d->ToString() + " from liquidation");
    }
  }
  auto inverse = Decimal::Div(Decimal::FromInt(1), Decimal::FromInt(order.leverage), kRatioScale,
                              core::Rounding::kDown);
  const Decimal estimate = (inverse ? *inverse : Decimal()) - config_.maintenance_margin_rate;
  if (estimate < config_.min_liquidation_distance) {
    return refuse(RefusalReason::kLiquidationDistance, estimate, config_.min_liquidation_distance,
                  "leverage " + std::to_string(order.leverage) + " puts liquidation about " +
                      estimate.ToString() + " away");
  }
  return std::nullopt;
}

std::variant<Sizing, Refusal> RiskEngine::SizeEntry(const model::Instrument& instrument,
                                                    const Decimal& equity,
                                                    const Decimal& entry_price,
                                                    const Decimal& stop_price,
                                                    model::OrderType type) {
  auto out =
      SizeFromStop(instrument, {equity, entry_price, stop_price, config_.risk_fraction, type});
  if (auto* refusal = std::get_if<Refusal>(&out)) {
    refusal->ts = clock_->Now();
    events_.push_back(OrderDenied{*refusal});
  }
  return out;
}

void RiskEngine::Transition(TradingState to, StateReason reason, std::string message) {
  if (to == state_) return;
  events_.push_back(StateChanged{state_, to, reason, std::move(message), clock_->Now()});
  state_ = to;
}

void RiskEngine::Flatten(FlattenReason reason, std::string message,
                         std::optional<std::string> symbol,
                         std::optional<model::PositionSide> leg) {
  events_.push_back(
      FlattenRequested{std::move(symbol), leg, reason, std::move(message), clock_->Now()});
}

void RiskEngine::OnAccount(const AccountState& account) {
  const core::Timestamp now = clock_->Now();
  const std::int64_t secs = now.seconds();
  const std::int64_t day = secs / kSecondsPerDay - (secs % kSecondsPerDay < 0 ? 1 : 0);
  if (!day_ || *day_ != day) {
    day_ = day;
    day_start_ = account.equity;
  }
  if (account.equity > peak_) peak_ = account.equity;

  const Decimal loss = day_start_ - account.equity;
  if (state_ != TradingState::kHalted && loss >= config_.daily_loss_limit) {
    std::string msg = "daily loss " + loss.ToString() + " >= limit " +
                      config_.daily_loss_limit.ToString() + " (day start equity " +
                      day_start_.ToString() + ", equity " + account.equity.ToString() + ")";
    Transition(TradingState::kHalted, StateReason::kDailyLoss, msg);
    Flatten(FlattenReason::kDailyLoss, msg);
  }
  if (state_ != TradingState::kHalted && peak_.IsPositive()) {
    auto dd = Decimal::Div(peak_ - account.equity, peak_, kRatioScale, core::Rounding::kDown);
    if (dd && *dd >= config_.max_drawdown) {
      std::string msg = "drawdown " + dd->ToString() + " >= max " +
                        config_.max_drawdown.ToString() + " (peak " + peak_.ToString() +
                        ", equity " + account.equity.ToString() + ")";
      Transition(TradingState::kHalted, StateReason::kDrawdown, msg);
      Flatten(FlattenReason::kDrawdown, msg);
    }
  }
  // One request per breach: repeated while it lasts, it would send one close after another.
  std::set<std::pair<std::string, PositionSide>> breached;
  for (const PositionExposure& p : account.positions) {
    if (p.quantity.IsZero()) continue;
    if (auto d = LiquidationDistance(p); d && *d < config_.min_liquidation_distance) {
      auto key = std::make_pair(p.symbol, p.leg);
      breached.insert(key);
      if (liquidation_flattens_.contains(key)) continue;
      Flatten(FlattenReason::kLiquidationDistance,
              p.symbol + " is " + d->ToString() + " from liquidation, min " +
                  config_.min_liquidation_distance.ToString(),
              p.symbol, p.leg);
    }
  }
  liquidation_flattens_ = std::move(breached);
}

void RiskEngine::KillSwitch(std::string reason) {
  Transition(TradingState::kHalted, StateReason::kKillSwitch, reason);
  Flatten(FlattenReason::kKillSwitch, std::move(reason));
}

void RiskEngine::Resume(std::string reason) {
  Transition(TradingState::kRunning, StateReason::kManual, std::move(reason));
}

void RiskEngine::SetReducing(std::string reason) {
  if (state_ == TradingState::kRunning) {
    Transition(TradingState::kReducing, StateReason::kManual, std::move(reason));
  }
}

std::vector<RiskEvent> RiskEngine::TakeEvents() { return std::exchange(events_, {}); }

}  // namespace bgt::risk
