// Planning: the order specs that carry out a strategy intent (strategy/intent.h) once risk has
// resolved its quantity, given the position mode and the current position — side, leg,
// open/close, attached TP/SL. A close of a whole position that the venue's minimums make
// unsendable as an order (dust) is planned as a close-position of its exact size; a stop update
// is planned as a replacement of the position's stop-loss.
// Thread-safety: plain value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/decimal.h"
#include "core/result.h"
#include "model/instrument.h"
#include "model/order_types.h"
#include "strategy/intent.h"

namespace bgt::execution {

// A strategy intent with what risk decided for it.
struct SizedIntent {
  strategy::IntentBody body;
  // Entry: the size risk computed from the stop distance (> 0). TargetPosition in
  // kEquityFraction: the signed base-coin target (ResolveTarget); ignored otherwise.
  core::Decimal size;
  model::OrderType type = model::OrderType::kMarket;
  std::optional<core::Decimal> price;  // limit orders
  model::TimeInForce time_in_force = model::TimeInForce::kGtc;
};

// The current position of a symbol: the net quantity in one-way mode, or both legs (long >= 0,
// short <= 0) in hedge mode.
struct SymbolPosition {
  core::Decimal net;
  core::Decimal long_qty;
  core::Decimal short_qty;
};

enum class SpecKind : std::uint8_t {
  kOrder,          // place-order
  kClosePosition,  // close-positions (flash close) of the leg: exact remaining size
  kStopUpdate,     // replace the position's stop-loss with `stop_loss`
};

// One thing to send, before risk checks.
struct OrderSpec {
  SpecKind kind = SpecKind::kOrder;
  std::string symbol;
  model::OrderSide direction = model::OrderSide::kBuy;  // the trade direction
  model::PositionSide leg = model::PositionSide::kNet;  // kNet one-way; the leg in hedge mode
  bool closing = false;  // reduces the position: reduceOnly (one-way) / tradeSide close (hedge)
  model::OrderType type = model::OrderType::kMarket;
  model::TimeInForce time_in_force = model::TimeInForce::kGtc;
  core::Decimal size;
  std::optional<core::Decimal> price;
  std::optional<core::Decimal> take_profit;  // presetStopSurplusPrice
  std::optional<core::Decimal> stop_loss;    // presetStopLossPrice; kStopUpdate: the new stop
};

// The position (kLong / kShort) a spec acts on: its leg in hedge mode, else the side its
// closing direction implies (a closing sell closes a long).
model::PositionSide HoldSide(const OrderSpec& spec);

// Plans the specs for `intent`; `reference` is the mark (dust detection). A one-way flip is
// split into a reduce-only close and an open; a hedge target closes the opposite leg first; an
// Exit closes every leg of the symbol. Error (kInvalidArgument): a symbol that is not the
// instrument's, an entry without a positive size, a limit order without a price, an exit or
// stop update with no position.
core::Result<std::vector<OrderSpec>> PlanIntent(const SizedIntent& intent,
                                                const model::Instrument& instrument,
                                                model::PositionMode mode,
                                                const SymbolPosition& position,
                                                const core::Decimal& reference);

// A kEquityFraction target in base coin: value × equity / mark, rounded toward zero to the size
// step (kBaseSize targets are returned as they are). Error (kInvalidArgument) for mark <= 0.
core::Result<core::Decimal> ResolveTarget(const strategy::TargetPosition& target,
                                          const model::Instrument& instrument,
                                          const core::Decimal& equity, const core::Decimal& mark);

}  // namespace bgt::execution
