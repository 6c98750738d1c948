// Position: the open quantity, exact entry notional, realized PnL and fees of one position of a
// linear USDT-M contract — the net position in one-way mode or one leg in hedge mode — updated
// by fills. PnL (USDT) = (exit - entry) × qty for a long, (entry - exit) × qty for a short.
// Thread-safety: not thread-safe; a position belongs to the kernel thread.
#pragma once

#include <string>
#include <utility>

#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"
#include "model/fill.h"
#include "model/order_types.h"

namespace bgt::model {

class Position {
 public:
  // `side` kNet: one-way net position (may flip through zero); kLong / kShort: a hedge leg,
  // whose quantity never changes sign.
  Position(std::string symbol, PositionSide side) : symbol_(std::move(symbol)), side_(side) {}

  // Applies a trade in `direction` (buy / sell of base coin) and returns the PnL it realized,
  // fees excluded. Increases add price × qty to the entry notional (so the average entry is
  // exact); a reduction removes the closed share of the entry notional (rounded half-even to
  // max(8, the notional's) decimals; closing the whole position removes it exactly, so a round
  // trip realizes exactly Σ exit − Σ entry). A one-way position that crosses zero closes and then
  // opens the rest at the fill price. Errors (position unchanged): kInvalidArgument when price
  // or quantity <= 0; kOutOfRange when a hedge leg would change sign or on overflow.
  core::Result<core::Decimal> Apply(OrderSide direction, const core::Decimal& price,
                                    const core::Decimal& quantity, const core::Decimal& fee,
                                    core::Timestamp ts);
  // Apply() with the fill's fields. Also kInvalidArgument when the fill's symbol or
  // position_side is not this position's.
  core::Result<core::Decimal> ApplyFill(const Fill& fill);

  const std::string& symbol() const { return symbol_; }
  PositionSide side() const { return side_; }
  // Signed base quantity: > 0 long, < 0 short.
  const core::Decimal& quantity() const { return quantity_; }
  bool IsFlat() const { return quantity_.IsZero(); }
  // Entry value of the open quantity (>= 0): Σ entry price × quantity still open.
  const core::Decimal& entry_notional() const { return entry_notional_; }
  // entry_notional / |quantity| at `scale` decimals. Error: kFailedPrecondition when flat;
  // kOutOfRange on overflow.
  core::Result<core::Decimal> AvgEntryPrice(int scale,
                                            core::Rounding mode = core::Rounding::kHalfEven) const;
  // Σ PnL realized by reductions, fees excluded.
  const core::Decimal& realized_pnl() const { return realized_pnl_; }
  // Σ fees of the applied fills, Bitget sign (negative = paid).
  const core::Decimal& fees() const { return fees_; }
  // PnL of the open quantity at `mark`, exact; zero when flat. Error: kInvalidArgument when
  // mark <= 0; kOutOfRange on overflow.
  core::Result<core::Decimal> UnrealizedPnl(const core::Decimal& mark) const;
  core::Timestamp updated_at() const { return updated_at_; }

 private:
  std::string symbol_;
  PositionSide side_;
  core::Decimal quantity_;
  core::Decimal entry_notional_;
  core::Decimal realized_pnl_;
  core::Decimal fees_;
  core::Timestamp updated_at_;
};

}  // namespace bgt::model
