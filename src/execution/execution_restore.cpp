// ExecutionEngine, part two: restoring the journal's unfinished orders at start and settling
// them against the venue (execution_engine.h, "Restore").
#include <string>
#include <utility>
#include <vector>

#include "execution/execution_engine.h"
#include "execution/execution_engine_internal.h"
#include "model/order_fsm.h"

namespace bgt::execution {
namespace {

using core::Decimal;
using core::ErrorCode;
using internal::Invalid;
using internal::OidCounter;
using internal::TradeKey;
using model::OrderStatus;
using model::PositionSide;

}  // namespace

core::Status ExecutionEngine::Settle(Tracked& t, const VenueOrder& v) {
  t.restored = false;
  const std::string oid = t.order.client_oid();
  BGT_RETURN_IF_ERROR(OnOrderUpdate(v));
  const bool final_state =
      v.state == VenueOrderState::kFilled || v.state == VenueOrderState::kCanceled;
  if (!final_state) {
    events_.push_back(ReconcileDifference{ReconcileKind::kSettled, oid,
                                          "restored order is working at the venue: tracked"});
    return core::Status::Ok();
  }
  const Decimal missed = v.filled - t.order.filled_quantity();
  const char* state = v.state == VenueOrderState::kFilled ? "filled" : "canceled";
  if (missed.IsPositive()) {
    // Filled while bgt was down, and the venue's fills bgt read did not reach back that far:
    // the venue's totals settle the order (one fill for the missing quantity). The portfolio
    // takes its positions from the venue's snapshot, not from this fill.
    std::optional<Decimal> price = v.average_price;
    if (!price || !price->IsPositive()) price = v.price;
    if (!price || !price->IsPositive()) price = t.order.price();
    if (!price || !price->IsPositive()) {
      events_.push_back(ReconcileDifference{
          ReconcileKind::kSettled, oid,
          std::string("restored order ") + state + " at the venue with " + missed.ToString() +
              " filled that bgt has not seen and no fill price: waiting for the venue's fills"});
      return core::Status::Ok();
    }
    model::Fill fill;
    fill.trade_id = "settled-" + oid;
    fill.client_oid = oid;
    fill.venue_order_id = t.order.venue_order_id();
    fill.symbol = t.order.symbol();
    fill.side = t.order.side();
    fill.position_side = t.order.request().position_side;
    fill.price = *price;
    fill.quantity = missed;
    fill.ts = clock_->Now();
    const OrderStatus before = t.order.status();
    auto applied = t.order.ApplyFill(fill);
    if (!applied) {
      events_.push_back(FillConflict{fill, applied.error()});
      return core::Status::Ok();
    }
    BGT_RETURN_IF_ERROR(Step(t, core::Status::Ok(), before));
  }
  events_.push_back(ReconcileDifference{
      ReconcileKind::kSettled, oid,
      std::string("restored order ") + state + " at the venue while bgt was down (filled " +
          v.filled.ToString() + "): now " + std::string(model::ToString(t.order.status()))});
  return core::Status::Ok();
}

core::Result<ExecutionEngine::Tracked> ExecutionEngine::Rebuild(const RestoredOrder& r) const {
  const auto bad = [&r](const std::string& why) {
    return Invalid("restored order " + r.client_oid + ": " + why);
  };
  if (!model::IsWorking(r.status)) {
    return bad(std::string("status ") + std::string(model::ToString(r.status)) +
               " is not an unfinished order");
  }
  model::OrderRequest req;
  req.client_oid = r.client_oid;
  req.symbol = r.symbol;
  req.side = r.side;
  req.type = r.type;
  req.time_in_force = r.time_in_force;
  req.quantity = r.size;
  if (r.type == model::OrderType::kLimit) req.price = r.price;
  req.position_side = r.leg;
  req.reduce_only = r.reduce_only;
  req.margin_mode = r.margin_mode;
  auto order = model::Order::Create(req, clock_->Now());
  if (!order) return bad(order.error().message);
  BGT_RETURN_IF_ERROR(order->Submit(clock_->Now()));
  if (r.status != OrderStatus::kSubmitted) {
    if (auto s = order->Accept(r.venue_order_id, clock_->Now()); !s) return bad(s.error().message);
  }
  for (const model::Fill& fill : r.fills) {
    if (fill.client_oid != r.client_oid) return bad("fill " + fill.trade_id + " of another order");
    if (auto applied = order->ApplyFill(fill); !applied) {
      return bad("fill " + fill.trade_id + ": " + applied.error().message);
    }
  }
  if (r.status == OrderStatus::kPendingCancel && model::IsWorking(order->status())) {
    if (auto s = order->RequestCancel(clock_->Now()); !s) return bad(s.error().message);
  }
  OrderSpec spec;
  spec.symbol = r.symbol;
  spec.direction = r.side;
  spec.leg = r.leg;
  spec.closing = r.reduce_only;
  spec.type = r.type;
  spec.time_in_force = r.time_in_force;
  spec.size = r.size;
  spec.price = req.price;
  Tracked t(std::move(*order), std::move(spec));
  t.restored = true;
  return t;
}

core::Status ExecutionEngine::Restore(std::vector<RestoredOrder> restored) {
  std::vector<Tracked> rebuilt;
  rebuilt.reserve(restored.size());
  std::set<std::string> seen;
  std::string errors;
  const auto fail = [&errors](const std::string& why) {
    errors += errors.empty() ? why : "; " + why;
  };
  for (const RestoredOrder& r : restored) {
    if (orders_.contains(r.client_oid) || !seen.insert(r.client_oid).second) {
      fail("restored order " + r.client_oid + ": clientOid already tracked");
      continue;
    }
    auto t = Rebuild(r);
    if (!t) {
      fail(t.error().message);
      continue;
    }
    rebuilt.push_back(std::move(*t));
  }
  if (!errors.empty()) return Invalid(errors);
  std::uint64_t last = oids_.last();
  for (Tracked& t : rebuilt) {
    const std::string oid = t.order.client_oid();
    if (auto n = OidCounter(oid, oids_.prefix()); n && *n > last) last = *n;
    for (const model::Fill& fill : t.order.fills()) RememberTrade(TradeKey(fill));
    Index(orders_.emplace(oid, std::move(t)).first->second);
  }
  if (last != oids_.last()) {
    auto moved = ClientOidGenerator::Create(oids_.prefix(), last);
    BGT_CHECK(moved.has_value(), "the prefix was validated at Create");
    oids_ = std::move(*moved);
  }
  return core::Status::Ok();
}

}  // namespace bgt::execution
