#include "model/order.h"

#include <algorithm>
#include <utility>

#include "model/text_util.h"

namespace bgt::model {
namespace {

using core::Decimal;
using core::ErrorCode;

core::Error Invalid(std::string message) {
  return core::MakeError(ErrorCode::kInvalidArgument, std::move(message));
}

}  // namespace

core::Result<Order> Order::Create(OrderRequest request, core::Timestamp created_at) {
  if (request.client_oid.empty()) return Invalid("order needs a clientOid");
  if (request.symbol.empty()) return Invalid("order " + request.client_oid + " needs a symbol");
  if (!request.quantity.IsPositive()) {
    return Invalid("order " + request.client_oid + ": quantity must be positive, got " +
                   request.quantity.ToString());
  }
  if (request.type == OrderType::kLimit && (!request.price || !request.price->IsPositive())) {
    return Invalid("order " + request.client_oid + ": a limit order needs a positive price");
  }
  if (request.type == OrderType::kMarket && request.price) {
    return Invalid("order " + request.client_oid + ": a market order carries no price");
  }
  return Order(std::move(request), created_at);
}

core::Result<OrderStatus> Order::Next(OrderEvent event, FillProgress progress) const {
  auto next = NextOrderStatus(status_, event, progress);
  if (!next) {
    std::string message = "order " + client_oid() + ": event " + std::string(ToString(event)) +
                          " not allowed in status " + std::string(ToString(status_));
    if (event == OrderEvent::kFill || event == OrderEvent::kCancelReject) {
      message += " (fill progress " + std::string(ToString(progress)) + ")";
    }
    return core::MakeError(ErrorCode::kFailedPrecondition, std::move(message));
  }
  return *next;
}

void Order::MoveTo(OrderStatus next, core::Timestamp ts) {
  if (next != status_ && IsDone(next)) done_at_ = ts;
  status_ = next;
  updated_at_ = std::max(updated_at_, ts);
}

FillProgress Order::Progress(const Decimal& filled) const {
  if (filled.IsZero()) return FillProgress::kNone;
  return filled == request_.quantity ? FillProgress::kFull : FillProgress::kPartial;
}

core::Status Order::Deny(std::string reason, core::Timestamp ts) {
  auto next = Next(OrderEvent::kDeny, Progress(filled_quantity_));
  BGT_RETURN_IF_ERROR(next);
  reason_ = std::move(reason);
  venue_code_.clear();
  MoveTo(*next, ts);
  return core::Status::Ok();
}

core::Status Order::Submit(core::Timestamp ts) {
  auto next = Next(OrderEvent::kSubmit, Progress(filled_quantity_));
  BGT_RETURN_IF_ERROR(next);
  submitted_at_ = ts;
  MoveTo(*next, ts);
  return core::Status::Ok();
}

core::Status Order::Accept(std::string_view venue_order_id, core::Timestamp ts) {
  auto next = Next(OrderEvent::kAccept, Progress(filled_quantity_));
  BGT_RETURN_IF_ERROR(next);
  if (!venue_order_id.empty() && !venue_order_id_.empty() && venue_order_id != venue_order_id_) {
    return core::MakeError(ErrorCode::kFailedPrecondition,
                           "order " + client_oid() + ": venue order id " +
                               internal::Quoted(venue_order_id) + " conflicts with " +
                               internal::Quoted(venue_order_id_));
  }
  if (!venue_order_id.empty()) venue_order_id_ = std::string(venue_order_id);
  if (!accepted_at_) accepted_at_ = ts;
  MoveTo(*next, ts);
  return core::Status::Ok();
}

core::Status Order::Reject(std::string venue_code, std::string reason, core::Timestamp ts) {
  auto next = Next(OrderEvent::kReject, Progress(filled_quantity_));
  BGT_RETURN_IF_ERROR(next);
  venue_code_ = std::move(venue_code);
  reason_ = std::move(reason);
  MoveTo(*next, ts);
  return core::Status::Ok();
}

core::Status Order::RequestCancel(core::Timestamp ts) {
  auto next = Next(OrderEvent::kCancelRequest, Progress(filled_quantity_));
  BGT_RETURN_IF_ERROR(next);
  MoveTo(*next, ts);
  return core::Status::Ok();
}

core::Status Order::RejectCancel(std::string venue_code, std::string reason, core::Timestamp ts) {
  auto next = Next(OrderEvent::kCancelReject, Progress(filled_quantity_));
  BGT_RETURN_IF_ERROR(next);
  venue_code_ = std::move(venue_code);
  reason_ = std::move(reason);
  MoveTo(*next, ts);
  return core::Status::Ok();
}

core::Status Order::Cancel(core::Timestamp ts) {
  auto next = Next(OrderEvent::kCancel, Progress(filled_quantity_));
  BGT_RETURN_IF_ERROR(next);
  MoveTo(*next, ts);
  return core::Status::Ok();
}

core::Status Order::Expire(core::Timestamp ts) {
  auto next = Next(OrderEvent::kExpire, Progress(filled_quantity_));
  BGT_RETURN_IF_ERROR(next);
  MoveTo(*next, ts);
  return core::Status::Ok();
}

core::Result<FillOutcome> Order::ApplyFill(const Fill& fill) {
  const std::string who = "order " + client_oid() + ": fill " + internal::Quoted(fill.trade_id);
  if (fill.trade_id.empty()) return Invalid("order " + client_oid() + ": fill without trade id");
  for (const Fill& seen : fills_) {
    if (seen.trade_id != fill.trade_id) continue;
    if (seen.price == fill.price && seen.quantity == fill.quantity) return FillOutcome::kDuplicate;
    return Invalid(who + " was already applied with price " + seen.price.ToString() +
                   " and quantity " + seen.quantity.ToString());
  }
  if (!fill.price.IsPositive() || !fill.quantity.IsPositive()) {
    return Invalid(who + ": price and quantity must be positive");
  }
  if (fill.side != request_.side) return Invalid(who + ": side does not match the order");
  if (!fill.symbol.empty() && fill.symbol != request_.symbol) {
    return Invalid(who + ": symbol " + internal::Quoted(fill.symbol) + " does not match");
  }
  if (!fill.client_oid.empty() && fill.client_oid != request_.client_oid) {
    return Invalid(who + ": clientOid " + internal::Quoted(fill.client_oid) + " does not match");
  }
  if (!fill.venue_order_id.empty() && !venue_order_id_.empty() &&
      fill.venue_order_id != venue_order_id_) {
    return Invalid(who + ": venue order id " + internal::Quoted(fill.venue_order_id) +
                   " does not match");
  }

  // Compute every new total first so that a failure leaves the order unchanged.
  auto filled = Decimal::CheckedAdd(filled_quantity_, fill.quantity);
  BGT_RETURN_IF_ERROR(filled);
  if (*filled > request_.quantity) {
    return core::MakeError(
        ErrorCode::kOutOfRange,
        who + " overfills: " + filled->ToString() + " > quantity " + request_.quantity.ToString());
  }
  auto next = Next(OrderEvent::kFill, Progress(*filled));
  BGT_RETURN_IF_ERROR(next);
  auto fill_notional = Decimal::CheckedMul(fill.price.Normalized(), fill.quantity.Normalized());
  BGT_RETURN_IF_ERROR(fill_notional);
  auto notional = Decimal::CheckedAdd(filled_notional_, *fill_notional);
  BGT_RETURN_IF_ERROR(notional);
  auto fees = Decimal::CheckedAdd(fees_, fill.fee);
  BGT_RETURN_IF_ERROR(fees);

  filled_quantity_ = *filled;
  filled_notional_ = *notional;
  fees_ = *fees;
  if (venue_order_id_.empty()) venue_order_id_ = fill.venue_order_id;
  fills_.push_back(fill);
  MoveTo(*next, fill.ts);
  return FillOutcome::kApplied;
}

core::Result<Decimal> Order::AvgFillPrice(int scale, core::Rounding mode) const {
  if (filled_quantity_.IsZero()) {
    return core::MakeError(ErrorCode::kFailedPrecondition,
                           "order " + client_oid() + " has no fills");
  }
  return Decimal::Div(filled_notional_, filled_quantity_, scale, mode);
}

}  // namespace bgt::model
