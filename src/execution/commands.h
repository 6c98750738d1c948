// The execution engine's outbox (commands for the venue adapter to carry out, in order) and the
// venue answers it consumes. Bitget v2 terms, typed; the adapter maps them to REST calls.
// Thread-safety: plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/decimal.h"
#include "core/result.h"
#include "model/fill.h"
#include "model/order.h"
#include "model/order_types.h"

namespace bgt::execution {

// place-order. `request` is the model order (side = trade direction, position_side = leg);
// wire_side / trade_side / reduce_only are what Bitget v2 wants for the account's position mode
// (hedge: side names the leg, tradeSide open/close; one-way: side = direction, reduceOnly).
struct PlaceOrderCommand {
  model::OrderRequest request;
  model::OrderSide wire_side = model::OrderSide::kBuy;
  std::optional<model::TradeSide> trade_side;
  bool reduce_only = false;
  std::optional<core::Decimal> preset_take_profit;  // presetStopSurplusPrice
  std::optional<core::Decimal> preset_stop_loss;    // presetStopLossPrice
};
struct CancelOrderCommand {
  std::string symbol;
  std::string client_oid;
};
// Order detail by clientOid: how an ambiguous outcome is settled (never a blind resend).
struct QueryOrderCommand {
  std::string symbol;
  std::string client_oid;
};
struct SetPositionModeCommand {
  model::PositionMode mode = model::PositionMode::kOneWay;
};
struct SetMarginModeCommand {
  std::string symbol;
  model::MarginMode mode = model::MarginMode::kCrossed;
};
struct SetLeverageCommand {
  std::string symbol;
  int leverage = 1;
};
// close-positions (flash close) of one position: the exact remaining size, no size sent.
struct ClosePositionCommand {
  std::string symbol;
  model::PositionSide hold_side = model::PositionSide::kLong;  // direction of the position
};

// place-tpsl-order pos_loss: sets (or replaces) the position's stop-loss at `trigger` (mark).
struct SetStopLossCommand {
  std::string symbol;
  model::PositionSide hold_side = model::PositionSide::kLong;
  core::Decimal trigger;
};

using Command = std::variant<PlaceOrderCommand, CancelOrderCommand, QueryOrderCommand,
                             SetPositionModeCommand, SetMarginModeCommand, SetLeverageCommand,
                             ClosePositionCommand, SetStopLossCommand>;

// Bitget order state as read back (detail, pending list, WS orders).
enum class VenueOrderState : std::uint8_t { kLive, kPartiallyFilled, kFilled, kCanceled };

struct VenueOrder {
  std::string client_oid;
  std::string venue_order_id;
  std::string symbol;
  VenueOrderState state = VenueOrderState::kLive;
  core::Decimal filled;                        // base quantity filled so far
  std::optional<core::Decimal> average_price;  // of the fills so far, when the venue says
  // For adopting an order bgt does not know (placed outside bgt, or before a crash).
  model::OrderSide direction = model::OrderSide::kBuy;
  model::PositionSide leg = model::PositionSide::kNet;
  model::OrderType type = model::OrderType::kLimit;
  core::Decimal size;
  std::optional<core::Decimal> price;
  bool reduce_only = false;
  model::MarginMode margin_mode = model::MarginMode::kCrossed;
};

enum class SetupStep : std::uint8_t { kPositionMode, kMarginMode, kLeverage };

// The answer to a setup command. On failure the adapter passes what the venue currently has
// (read back), so that the engine keeps the venue's mode.
struct SetupResult {
  std::string symbol;  // empty for kPositionMode
  SetupStep step = SetupStep::kLeverage;
  core::Status status;
  std::optional<model::PositionMode> current_position_mode;
  std::optional<model::MarginMode> current_margin_mode;
  std::optional<int> current_leverage;
};

// Reconciliation input: what the venue holds now.
struct VenueState {
  std::vector<VenueOrder> open_orders;
  std::vector<model::Fill> fills;  // recent fills (any overlap with known ones is fine)
};

}  // namespace bgt::execution
