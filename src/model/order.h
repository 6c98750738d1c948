// Order: one order's request, identity (clientOid, venue order id), status and fills. Every
// status change goes through the transition table of order_fsm.h; events the table does not
// allow, overfills and conflicting fills return errors and leave the order unchanged, because
// they come from the venue and must never abort. Duplicate fills (same trade id) are ignored.
// Thread-safety: not thread-safe; an order belongs to the kernel thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"
#include "model/fill.h"
#include "model/order_fsm.h"
#include "model/order_types.h"

namespace bgt::model {

// What bgt asks the venue for.
struct OrderRequest {
  std::string client_oid;  // generated locally; retries reuse it
  std::string symbol;
  OrderSide side = OrderSide::kBuy;  // trade direction (see order_types.h, HedgeWire)
  OrderType type = OrderType::kLimit;
  TimeInForce time_in_force = TimeInForce::kGtc;
  core::Decimal quantity;                           // base coin, > 0
  std::optional<core::Decimal> price;               // limit orders only
  PositionSide position_side = PositionSide::kNet;  // kNet one-way; the leg in hedge mode
  bool reduce_only = false;
  MarginMode margin_mode = MarginMode::kCrossed;
};

enum class FillOutcome : std::uint8_t {
  kApplied,    // the fill was new and is now counted
  kDuplicate,  // a fill with this trade id was already applied; nothing changed
};

class Order {
 public:
  // Error (kInvalidArgument): empty client_oid or symbol, quantity <= 0, a limit order without
  // a positive price, a market order with a price.
  static core::Result<Order> Create(OrderRequest request, core::Timestamp created_at);

  // Lifecycle events. Each returns kFailedPrecondition (naming the status and event) when the
  // transition table has no row for it; the order is then unchanged.
  core::Status Deny(std::string reason, core::Timestamp ts);
  core::Status Submit(core::Timestamp ts);
  // `venue_order_id` may be empty (Bitget omits it in some answers). kFailedPrecondition also
  // when it differs from an id already known.
  core::Status Accept(std::string_view venue_order_id, core::Timestamp ts);
  core::Status Reject(std::string venue_code, std::string reason, core::Timestamp ts);
  core::Status RequestCancel(core::Timestamp ts);
  core::Status RejectCancel(std::string venue_code, std::string reason, core::Timestamp ts);
  core::Status Cancel(core::Timestamp ts);
  core::Status Expire(core::Timestamp ts);

  // Applies an execution. kDuplicate when its trade id was seen with the same price and
  // quantity. Errors (order unchanged): kInvalidArgument for an empty trade id, price or
  // quantity <= 0, a side, symbol, clientOid or venue order id that does not match this order,
  // or a known trade id with a different price/quantity; kOutOfRange when it would fill more
  // than the order quantity or overflow the totals; kFailedPrecondition when the status
  // allows no fill (Initialized, Denied, Rejected).
  core::Result<FillOutcome> ApplyFill(const Fill& fill);

  const OrderRequest& request() const { return request_; }
  const std::string& client_oid() const { return request_.client_oid; }
  const std::string& symbol() const { return request_.symbol; }
  OrderSide side() const { return request_.side; }
  OrderType type() const { return request_.type; }
  const core::Decimal& quantity() const { return request_.quantity; }
  const std::optional<core::Decimal>& price() const { return request_.price; }

  OrderStatus status() const { return status_; }
  const std::string& venue_order_id() const { return venue_order_id_; }
  const core::Decimal& filled_quantity() const { return filled_quantity_; }
  core::Decimal remaining_quantity() const { return request_.quantity - filled_quantity_; }
  // Σ price × quantity over the fills, exact.
  const core::Decimal& filled_notional() const { return filled_notional_; }
  // Σ fees, Bitget sign (negative = paid).
  const core::Decimal& fees() const { return fees_; }
  const std::vector<Fill>& fills() const { return fills_; }
  // filled_notional / filled_quantity at `scale` decimals. Error: kFailedPrecondition when
  // nothing is filled; kOutOfRange on overflow.
  core::Result<core::Decimal> AvgFillPrice(int scale,
                                           core::Rounding mode = core::Rounding::kHalfEven) const;

  // The last deny / reject / cancel-reject reason and venue code ("" when none).
  const std::string& reason() const { return reason_; }
  const std::string& venue_code() const { return venue_code_; }

  core::Timestamp created_at() const { return created_at_; }
  core::Timestamp updated_at() const { return updated_at_; }  // latest event time seen
  const std::optional<core::Timestamp>& submitted_at() const { return submitted_at_; }
  const std::optional<core::Timestamp>& accepted_at() const { return accepted_at_; }
  // When the order last entered a done status (order_fsm.h IsDone).
  const std::optional<core::Timestamp>& done_at() const { return done_at_; }

 private:
  Order(OrderRequest request, core::Timestamp created_at)
      : request_(std::move(request)), created_at_(created_at), updated_at_(created_at) {}

  core::Result<OrderStatus> Next(OrderEvent event, FillProgress progress) const;
  void MoveTo(OrderStatus next, core::Timestamp ts);
  FillProgress Progress(const core::Decimal& filled) const;

  OrderRequest request_;
  OrderStatus status_ = OrderStatus::kInitialized;
  std::string venue_order_id_;
  core::Decimal filled_quantity_;
  core::Decimal filled_notional_;
  core::Decimal fees_;
  std::vector<Fill> fills_;
  std::string reason_;
  std::string venue_code_;
  core::Timestamp created_at_;
  core::Timestamp updated_at_;
  std::optional<core::Timestamp> submitted_at_;
  std::optional<core::Timestamp> accepted_at_;
  std::optional<core::Timestamp> done_at_;
};

}  // namespace bgt::model
