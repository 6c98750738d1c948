// Execution reports from the venue, in model terms, for the execution engine to reconcile its
// orders, positions and balances: an order's venue state, a fill, the complete set of open
// positions, the account balances. Produced by the adapter from the private WebSocket stream or,
// while that stream is down, from REST polling (`source` says which).
// Thread-safety: plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/decimal.h"
#include "core/time.h"
#include "model/account.h"
#include "model/fill.h"
#include "model/order_types.h"

namespace bgt::model {

enum class ExecSource : std::uint8_t { kStream, kPoll };

// The venue's view of an order's lifecycle.
enum class VenueOrderState : std::uint8_t { kLive, kPartiallyFilled, kFilled, kCanceled };

struct OrderUpdate {
  std::string client_oid;
  std::string venue_order_id;
  std::string symbol;
  OrderSide side = OrderSide::kBuy;                 // trade direction
  PositionSide position_side = PositionSide::kNet;  // leg in hedge mode
  OrderType type = OrderType::kLimit;
  VenueOrderState state = VenueOrderState::kLive;
  core::Decimal quantity;                      // ordered, base coin
  std::optional<core::Decimal> price;          // limit price
  core::Decimal filled_quantity;               // cumulative
  std::optional<core::Decimal> average_price;  // of the fills so far
  bool reduce_only = false;
  std::string cancel_reason;  // venue text, "" when none
  core::Timestamp ts;         // venue update time
  ExecSource source = ExecSource::kStream;
};

struct FillEvent {
  Fill fill;
  ExecSource source = ExecSource::kStream;
};

// One open position (a hedge leg, or the net position in one-way mode).
struct PositionReport {
  std::string symbol;
  // kLong / kShort as the venue reports it (in one-way mode: the net position's direction).
  PositionSide side = PositionSide::kLong;
  MarginMode margin_mode = MarginMode::kCrossed;
  core::Decimal quantity;  // base coin, >= 0 (side says the direction)
  std::optional<core::Decimal> entry_price;
  std::optional<core::Decimal> unrealized_pnl;
  std::optional<core::Decimal> liquidation_price;
  std::optional<core::Decimal> leverage;
  // Funding credited (+) or charged (−) since the position opened (Bitget `totalFee`).
  std::optional<core::Decimal> funding;
  core::Timestamp ts;
};

// Every open position of the account: a position not listed is flat.
struct PositionsSnapshot {
  std::vector<PositionReport> positions;
  core::Timestamp ts;
  ExecSource source = ExecSource::kStream;
};

struct AccountUpdate {
  Account account;
  ExecSource source = ExecSource::kStream;
};

using ExecEvent = std::variant<OrderUpdate, FillEvent, PositionsSnapshot, AccountUpdate>;

}  // namespace bgt::model
