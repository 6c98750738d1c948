#include "model/position.h"

#include <algorithm>
#include <utility>

namespace bgt::model {
namespace {

using core::Decimal;
using core::ErrorCode;
using core::Result;

// Decimals kept (at least) when a partial close splits the entry notional. A fixed floor rather
// than "current + n" keeps the notional's scale from creeping up with every partial close.
constexpr int kMinBasisScale = 8;

// entry_notional × part / whole, exact when part == whole, else rounded half-even at
// max(8, notional's decimals) decimals (fewer if that would overflow; never fewer than the
// notional's own, where the share always fits since it is <= the notional).
Result<Decimal> ShareOf(const Decimal& entry_notional, const Decimal& part, const Decimal& whole) {
  if (part == whole) return entry_notional;
  auto product = Decimal::CheckedMul(entry_notional, part.Normalized());
  BGT_RETURN_IF_ERROR(product);
  const int base = entry_notional.scale();
  for (int scale = std::max(base, kMinBasisScale); scale >= base; --scale) {
    auto share = Decimal::Div(*product, whole, scale, core::Rounding::kHalfEven);
    if (share) return share;
  }
  return core::MakeError(ErrorCode::kOutOfRange, "position entry notional overflows");
}

}  // namespace

Result<Decimal> Position::Apply(OrderSide direction, const Decimal& price_in,
                                const Decimal& quantity_in, const Decimal& fee,
                                core::Timestamp ts) {
  if (!price_in.IsPositive() || !quantity_in.IsPositive()) {
    return core::MakeError(ErrorCode::kInvalidArgument,
                           "position " + symbol_ + ": fill price and quantity must be positive");
  }
  const Decimal price = price_in.Normalized();
  const Decimal qty = quantity_in.Normalized();
  const bool buy = direction == OrderSide::kBuy;
  const bool increases = quantity_.IsZero() || (quantity_.IsPositive() == buy);

  Decimal new_quantity;
  Decimal new_notional;
  Decimal realized;
  if (increases) {
    auto q = Decimal::CheckedAdd(quantity_, buy ? qty : -qty);  // -qty cannot overflow
    BGT_RETURN_IF_ERROR(q);
    auto value = Decimal::CheckedMul(price, qty);
    BGT_RETURN_IF_ERROR(value);
    auto n = Decimal::CheckedAdd(entry_notional_, *value);
    BGT_RETURN_IF_ERROR(n);
    new_quantity = *q;
    new_notional = *n;
  } else {
    const Decimal open = quantity_.Abs();
    const Decimal closing = std::min(open, qty);
    auto removed = ShareOf(entry_notional_, closing, open);
    BGT_RETURN_IF_ERROR(removed);
    auto exit_value = Decimal::CheckedMul(price, closing);
    BGT_RETURN_IF_ERROR(exit_value);
    auto pnl = quantity_.IsPositive() ? Decimal::CheckedSub(*exit_value, *removed)
                                      : Decimal::CheckedSub(*removed, *exit_value);
    BGT_RETURN_IF_ERROR(pnl);
    realized = *pnl;
    const Decimal rest = qty - closing;  // 0 <= rest <= qty: cannot overflow
    if (rest.IsZero()) {
      auto q = quantity_.IsPositive() ? Decimal::CheckedSub(quantity_, closing)
                                      : Decimal::CheckedAdd(quantity_, closing);
      BGT_RETURN_IF_ERROR(q);
      auto n = Decimal::CheckedSub(entry_notional_, *removed);
      BGT_RETURN_IF_ERROR(n);
      new_quantity = *q;
      new_notional = n->Normalized();
    } else {
      auto value = Decimal::CheckedMul(price, rest);
      BGT_RETURN_IF_ERROR(value);
      new_quantity = buy ? rest : -rest;  // negating a positive value cannot overflow
      new_notional = *value;
    }
  }
  if ((side_ == PositionSide::kLong && new_quantity.IsNegative()) ||
      (side_ == PositionSide::kShort && new_quantity.IsPositive())) {
    return core::MakeError(ErrorCode::kOutOfRange,
                           "position " + symbol_ + " " + std::string(ToString(side_)) +
                               " leg: " + std::string(ToString(direction)) + " " + qty.ToString() +
                               " would take the quantity from " + quantity_.ToString() + " to " +
                               new_quantity.ToString());
  }
  auto total_realized = Decimal::CheckedAdd(realized_pnl_, realized);
  BGT_RETURN_IF_ERROR(total_realized);
  auto total_fees = Decimal::CheckedAdd(fees_, fee);
  BGT_RETURN_IF_ERROR(total_fees);

  quantity_ = new_quantity;
  entry_notional_ = quantity_.IsZero() ? Decimal() : new_notional;
  realized_pnl_ = *total_realized;
  fees_ = *total_fees;
  updated_at_ = std::max(updated_at_, ts);
  return realized;
}

Result<Decimal> Position::ApplyFill(const Fill& fill) {
  if (fill.symbol != symbol_ || fill.position_side != side_) {
    return core::MakeError(ErrorCode::kInvalidArgument,
                           "fill " + fill.trade_id + " (" + fill.symbol + " " +
                               std::string(ToString(fill.position_side)) +
                               ") does not belong to position " + symbol_ + " " +
                               std::string(ToString(side_)));
  }
  return Apply(fill.side, fill.price, fill.quantity, fill.fee, fill.ts);
}

Result<Decimal> Position::AvgEntryPrice(int scale, core::Rounding mode) const {
  if (IsFlat()) {
    return core::MakeError(ErrorCode::kFailedPrecondition, "position " + symbol_ + " is flat");
  }
  return Decimal::Div(entry_notional_, quantity_.Abs(), scale, mode);
}

Result<Decimal> Position::UnrealizedPnl(const Decimal& mark) const {
  if (!mark.IsPositive()) {
    return core::MakeError(ErrorCode::kInvalidArgument,
                           "mark price must be positive, got " + mark.ToString());
  }
  if (IsFlat()) return Decimal();
  auto value = Decimal::CheckedMul(mark.Normalized(), quantity_.Abs());
  BGT_RETURN_IF_ERROR(value);
  return quantity_.IsPositive() ? Decimal::CheckedSub(*value, entry_notional_)
                                : Decimal::CheckedSub(entry_notional_, *value);
}

}  // namespace bgt::model
