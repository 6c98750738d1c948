// RestoredOrder: an order as the journal left it, for ExecutionEngine::Restore at start-up (a
// clean start and a crash recovery take the same path). Plain fields; live/journal_restore.h
// builds them from the journal's rows.
// Thread-safety: plain value type.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/decimal.h"
#include "model/fill.h"
#include "model/order_fsm.h"
#include "model/order_types.h"

namespace bgt::execution {

struct RestoredOrder {
  std::string client_oid;
  std::string venue_order_id;  // empty when the venue never acknowledged it
  std::string symbol;
  model::OrderSide side = model::OrderSide::kBuy;  // trade direction
  model::PositionSide leg = model::PositionSide::kNet;
  model::OrderType type = model::OrderType::kLimit;
  model::TimeInForce time_in_force = model::TimeInForce::kGtc;
  std::optional<core::Decimal> price;  // limit orders
  core::Decimal size;
  core::Decimal filled;  // as journaled; the fills below are what is applied
  bool reduce_only = false;
  model::MarginMode margin_mode = model::MarginMode::kCrossed;
  // The last status journaled: Submitted, Accepted, PartiallyFilled or PendingCancel.
  model::OrderStatus status = model::OrderStatus::kSubmitted;
  std::vector<model::Fill> fills;  // this order's journaled fills, oldest first
};

}  // namespace bgt::execution
