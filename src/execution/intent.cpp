#include "execution/intent.h"

#include "model/precision.h"

namespace bgt::execution {
namespace {

using core::Decimal;
using model::OrderSide;
using model::PositionSide;

core::Error Invalid(std::string message) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(message));
}

bool IsDust(const model::Instrument& in, const Decimal& qty, const Decimal& reference) {
  if (qty < in.min_size()) return true;
  auto notional = Decimal::CheckedMul(qty, reference);
  return notional && *notional < in.min_notional();
}

class Planner {
 public:
  Planner(const SizedIntent& intent, const model::Instrument& in, const Decimal& reference)
      : intent_(intent), in_(in), reference_(reference) {}

  void Open(OrderSide direction, PositionSide leg, const Decimal& size,
            std::optional<Decimal> take_profit = {}, std::optional<Decimal> stop_loss = {}) {
    OrderSpec s = Base(direction, leg, size);
    s.take_profit = take_profit;
    s.stop_loss = stop_loss;
    out_.push_back(std::move(s));
  }

  // Closes `size` of a position of |held|.
  void Close(OrderSide direction, PositionSide leg, const Decimal& size, const Decimal& held) {
    OrderSpec s = Base(direction, leg, size);
    s.closing = true;
    if (size == held && IsDust(in_, held, reference_)) {
      s.kind = SpecKind::kClosePosition;
      s.type = model::OrderType::kMarket;
      s.price.reset();
    }
    out_.push_back(std::move(s));
  }

  void Stop(PositionSide leg, OrderSide closing_direction, const Decimal& stop) {
    OrderSpec s = Base(closing_direction, leg, Decimal());
    s.kind = SpecKind::kStopUpdate;
    s.closing = true;
    s.type = model::OrderType::kMarket;
    s.price.reset();
    s.stop_loss = stop;
    out_.push_back(std::move(s));
  }

  std::vector<OrderSpec> Take() { return std::move(out_); }

 private:
  OrderSpec Base(OrderSide direction, PositionSide leg, const Decimal& size) const {
    OrderSpec s;
    s.symbol = in_.symbol();
    s.direction = direction;
    s.leg = leg;
    s.type = intent_.type;
    s.time_in_force = intent_.time_in_force;
    s.size = size;
    if (intent_.type == model::OrderType::kLimit) s.price = intent_.price;
    return s;
  }

  const SizedIntent& intent_;
  const model::Instrument& in_;
  Decimal reference_;
  std::vector<OrderSpec> out_;
};

// Orders moving the symbol's exposure to `target` (signed base coin).
void PlanTarget(Planner& plan, bool hedge, const SymbolPosition& pos, const Decimal& target) {
  if (!hedge) {
    const Decimal net = pos.net;
    const Decimal delta = target - net;
    if (delta.IsZero()) return;
    const OrderSide dir = delta.IsPositive() ? OrderSide::kBuy : OrderSide::kSell;
    Decimal open = delta.Abs();
    if (!net.IsZero() && net.Sign() != delta.Sign()) {
      const Decimal close = delta.Abs() < net.Abs() ? delta.Abs() : net.Abs();
      plan.Close(dir, PositionSide::kNet, close, net.Abs());
      open = delta.Abs() - close;
    }
    if (open.IsPositive()) plan.Open(dir, PositionSide::kNet, open);
    return;
  }
  const Decimal long_qty = pos.long_qty.Abs();
  const Decimal short_qty = pos.short_qty.Abs();
  const Decimal want_long = target.IsPositive() ? target : Decimal();
  const Decimal want_short = target.IsNegative() ? target.Abs() : Decimal();
  if (short_qty > want_short) {
    plan.Close(OrderSide::kBuy, PositionSide::kShort, short_qty - want_short, short_qty);
  }
  if (long_qty > want_long) {
    plan.Close(OrderSide::kSell, PositionSide::kLong, long_qty - want_long, long_qty);
  }
  if (want_long > long_qty) plan.Open(OrderSide::kBuy, PositionSide::kLong, want_long - long_qty);
  if (want_short > short_qty) {
    plan.Open(OrderSide::kSell, PositionSide::kShort, want_short - short_qty);
  }
}

const std::string& IntentSymbol(const strategy::IntentBody& body) {
  return std::visit([](const auto& b) -> const std::string& { return b.symbol; }, body);
}

}  // namespace

PositionSide HoldSide(const OrderSpec& spec) {
  if (spec.leg != PositionSide::kNet) return spec.leg;
  return spec.direction == OrderSide::kSell ? PositionSide::kLong : PositionSide::kShort;
}

core::Result<std::vector<OrderSpec>> PlanIntent(const SizedIntent& intent,
                                                const model::Instrument& in,
                                                model::PositionMode mode, const SymbolPosition& pos,
                                                const Decimal& reference) {
  const std::string& symbol = IntentSymbol(intent.body);
  if (symbol != in.symbol()) return Invalid("intent symbol " + symbol + " is not " + in.symbol());
  if (intent.type == model::OrderType::kLimit && (!intent.price || !intent.price->IsPositive())) {
    return Invalid("limit intent on " + symbol + " without a positive price");
  }
  const bool hedge = mode == model::PositionMode::kHedge;
  Planner plan(intent, in, reference);
  if (const auto* entry = std::get_if<strategy::Entry>(&intent.body)) {
    if (!intent.size.IsPositive())
      return Invalid("entry on " + symbol + " without a positive size");
    const bool is_long = entry->side == strategy::Side::kLong;
    const PositionSide leg = !hedge    ? PositionSide::kNet
                             : is_long ? PositionSide::kLong
                                       : PositionSide::kShort;
    plan.Open(is_long ? OrderSide::kBuy : OrderSide::kSell, leg, intent.size, entry->take_profit,
              entry->stop);
  } else if (std::holds_alternative<strategy::Exit>(intent.body)) {
    if (pos.net.IsZero() && pos.long_qty.IsZero() && pos.short_qty.IsZero()) {
      return Invalid("exit on " + symbol + " with no position");
    }
    PlanTarget(plan, hedge, pos, Decimal());
  } else if (const auto* target = std::get_if<strategy::TargetPosition>(&intent.body)) {
    PlanTarget(
        plan, hedge, pos,
        target->unit == strategy::TargetPosition::Unit::kBaseSize ? target->value : intent.size);
  } else if (const auto* stop = std::get_if<strategy::StopUpdate>(&intent.body)) {
    bool any = false;
    if (hedge) {
      if (!pos.long_qty.IsZero()) plan.Stop(PositionSide::kLong, OrderSide::kSell, stop->stop);
      if (!pos.short_qty.IsZero()) plan.Stop(PositionSide::kShort, OrderSide::kBuy, stop->stop);
      any = !pos.long_qty.IsZero() || !pos.short_qty.IsZero();
    } else if (!pos.net.IsZero()) {
      plan.Stop(PositionSide::kNet, pos.net.IsPositive() ? OrderSide::kSell : OrderSide::kBuy,
                stop->stop);
      any = true;
    }
    if (!any) return Invalid("stop update on " + symbol + " with no position");
  }
  return plan.Take();
}

core::Result<Decimal> ResolveTarget(const strategy::TargetPosition& target,
                                    const model::Instrument& in, const Decimal& equity,
                                    const Decimal& mark) {
  if (target.unit == strategy::TargetPosition::Unit::kBaseSize) return target.value;
  if (!mark.IsPositive()) return Invalid("mark must be positive to resolve a target");
  auto notional = Decimal::MulRounded(target.value, equity, 8, core::Rounding::kDown);
  BGT_RETURN_IF_ERROR(notional);
  auto qty = Decimal::Div(*notional, mark, in.volume_place() + 4 > 18 ? 18 : in.volume_place() + 4,
                          core::Rounding::kDown);
  BGT_RETURN_IF_ERROR(qty);
  return qty->RoundToMultiple(in.size_step(), core::Rounding::kDown);
}

}  // namespace bgt::execution
