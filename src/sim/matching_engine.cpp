#include "sim/matching_engine.h"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "core/check.h"
#include "sim/matching_engine_impl.h"

namespace bgt::sim {

namespace {

using internal::BookOrder;
using internal::Crosses;
using internal::kNoSlot;
using internal::Level;
using internal::Slot;
using model::OrderSide;
using model::TimeInForce;

core::Error Denied(std::string venue_code, std::string message) {
  core::Error e = core::MakeError(core::ErrorCode::kDenied, std::move(message));
  e.venue_code = std::move(venue_code);
  return e;
}

core::Error OrderNotOpen(OrderId id) {
  core::Error e =
      core::MakeError(core::ErrorCode::kNotFound,
                      "Order does not exist (order " + std::to_string(id) + " is not open)");
  e.venue_code = "40768";
  return e;
}

}  // namespace

core::Result<std::int64_t> MatchingEngine::Impl::LimitPriceTicks(const core::Decimal& price) const {
  if (!price.IsPositive()) {
    return Denied("40808", "Parameter verification exception delegatePrice (price " +
                               price.ToString() + " must be positive)");
  }
  if (price.Normalized().scale() > instrument_.price_place()) {
    return Denied("41103", "param price scale error error (price " + price.ToString() +
                               " has more than " + std::to_string(instrument_.price_place()) +
                               " decimals)");
  }
  const auto units = price_.ToUnits(price, core::Rounding::kFloor);
  if (!units) {
    return Denied("40808", "Parameter verification exception delegatePrice (price out of range)");
  }
  if (!units->exact) {
    return Denied("40808", "Parameter verification exception delegatePrice (price " +
                               price.ToString() + " is not a multiple of the tick " +
                               price_.unit().ToString() + ")");
  }
  return units->n;
}

core::Result<std::int64_t> MatchingEngine::Impl::SizeLots(const core::Decimal& size) const {
  if (!size.IsPositive()) {
    return Denied("40808", "Parameter verification exception size (size " + size.ToString() +
                               " must be positive)");
  }
  const auto units = size_.ToUnits(size, core::Rounding::kFloor);
  if (!units) return Denied("40808", "Parameter verification exception size (out of range)");
  if (!units->exact) {
    return Denied("40808", "Parameter verification exception size (size " + size.ToString() +
                               " is not a multiple of sizeMultiplier " + size_.unit().ToString() +
                               ")");
  }
  return units->n;
}

core::Result<std::int64_t> MatchingEngine::Impl::ProtectionTicks(OrderSide side,
                                                                 const core::Decimal& price) const {
  if (!price.IsPositive()) {
    return Denied("40808", "Parameter verification exception delegatePrice (protection price " +
                               price.ToString() + " must be positive)");
  }
  const auto units = price_.ToUnits(
      price, side == OrderSide::kBuy ? core::Rounding::kFloor : core::Rounding::kCeiling);
  if (!units) {
    return Denied("40808", "Parameter verification exception delegatePrice (price out of range)");
  }
  return units->n;
}

core::Status MatchingEngine::Impl::Submit(const OrderRequest& request, MatchEvents& out) {
  const core::Timestamp now = clock_->Now();
  const auto reject = [&](core::Error error) -> core::Status {
    out.push_back(OrderRejected{request.order_id, request.owner, request.client_oid, error, now});
    return error;
  };
  if (request.order_id == 0) {
    return reject(core::MakeError(core::ErrorCode::kInvalidArgument, "order id must be > 0"));
  }
  if (book_.Find(request.order_id) != kNoSlot) {
    return reject(
        core::MakeError(core::ErrorCode::kAlreadyExists,
                        "order id " + std::to_string(request.order_id) + " is already open"));
  }
  const core::Result<std::int64_t> lots = SizeLots(request.size);
  if (!lots) return reject(lots.error());

  const bool is_market = request.type == model::OrderType::kMarket;
  std::int64_t limit = 0;
  if (is_market) {
    if (request.price) {
      const core::Result<std::int64_t> ticks = ProtectionTicks(request.side, *request.price);
      if (!ticks) return reject(ticks.error());
      limit = *ticks;
    } else {
      limit = request.side == OrderSide::kBuy ? std::numeric_limits<std::int64_t>::max() : 0;
    }
  } else {
    if (!request.price) {
      return reject(Denied("40019", "Parameter price cannot be empty"));
    }
    const core::Result<std::int64_t> ticks = LimitPriceTicks(*request.price);
    if (!ticks) return reject(ticks.error());
    limit = *ticks;
  }

  BookOrder taker{.id = request.order_id,
                  .owner = request.owner,
                  .side = request.side,
                  .time_in_force = request.time_in_force,
                  .stp_mode = request.stp_mode,
                  .reduce_only = request.reduce_only,
                  .price = limit,
                  .size = *lots,
                  .filled = 0,
                  .created = now,
                  .updated = now,
                  .client_oid = request.client_oid};

  std::optional<core::Decimal> shown_price;
  if (!is_market || request.price) shown_price = price_.FromUnits(limit);
  out.push_back(OrderAccepted{request.order_id, request.owner, request.client_oid, request.side,
                              request.type, request.time_in_force, shown_price,
                              size_.FromUnits(*lots), request.reduce_only, request.stp_mode, now});

  if (!is_market && request.time_in_force == TimeInForce::kPostOnly && WouldTake(taker)) {
    EmitCanceled(taker, CancelReason::kPostOnlyWouldTake, now, out);
    return core::Status::Ok();
  }
  if (!is_market && request.time_in_force == TimeInForce::kFok && !CanFillCompletely(taker)) {
    EmitCanceled(taker, CancelReason::kFokUnfilled, now, out);
    return core::Status::Ok();
  }
  const bool stp_canceled = Match(taker, now, out);
  Finish(taker, is_market, stp_canceled, now, out);
  return core::Status::Ok();
}

void MatchingEngine::Impl::Finish(BookOrder& taker, bool is_market, bool stp_canceled,
                                  core::Timestamp now, MatchEvents& out) {
  if (taker.leaves() == 0) return;
  if (stp_canceled) {
    EmitCanceled(taker, CancelReason::kSelfTrade, now, out);
    return;
  }
  if (is_market) {
    EmitCanceled(taker, CancelReason::kMarketRemainder, now, out);
    return;
  }
  switch (taker.time_in_force) {
    case TimeInForce::kIoc:
      EmitCanceled(taker, CancelReason::kIocRemainder, now, out);
      return;
    case TimeInForce::kFok:
      BGT_CHECK(false, "fok order left a remainder after its liquidity check");
      return;
    case TimeInForce::kGtc:
    case TimeInForce::kPostOnly:
      EmitRested(taker, now, out);
      book_.Insert(std::move(taker));
      dirty_ = true;
      return;
  }
}

bool MatchingEngine::Impl::CanFillCompletely(const BookOrder& taker) const {
  std::int64_t need = taker.leaves();
  for (const auto& [key, level] : book_.levels(model::Opposite(taker.side))) {
    if (!Crosses(taker.side, level.price, taker.price)) return false;
    if (taker.stp_mode == StpMode::kNone) {
      need -= level.total;
    } else {
      for (Slot s = level.head; s != kNoSlot; s = book_.Next(s)) {
        const BookOrder& maker = book_.order(s);
        if (maker.owner == taker.owner) {
          if (taker.stp_mode == StpMode::kCancelMaker) continue;
          return false;  // the taker would be canceled here
        }
        need -= maker.leaves();
        if (need <= 0) return true;
      }
    }
    if (need <= 0) return true;
  }
  return need <= 0;
}

bool MatchingEngine::Impl::Match(BookOrder& taker, core::Timestamp now, MatchEvents& out) {
  const OrderSide maker_side = model::Opposite(taker.side);
  bool changed = false;
  bool stp_canceled = false;
  while (taker.leaves() > 0) {
    const Level* best = book_.Best(maker_side);
    if (best == nullptr || !Crosses(taker.side, best->price, taker.price)) break;
    const Slot slot = best->head;
    const BookOrder& maker = book_.order(slot);
    if (maker.owner == taker.owner && taker.stp_mode != StpMode::kNone) {
      if (taker.stp_mode == StpMode::kCancelTaker) {
        stp_canceled = true;
        break;
      }
      const BookOrder canceled = book_.Erase(slot);
      changed = true;
      EmitCanceled(canceled, CancelReason::kSelfTrade, now, out);
      if (taker.stp_mode == StpMode::kCancelBoth) {
        stp_canceled = true;
        break;
      }
      continue;
    }
    const std::int64_t qty = std::min(taker.leaves(), maker.leaves());
    const std::int64_t price = maker.price;
    taker.filled += qty;
    taker.updated = now;
    book_.Fill(slot, qty, now);
    changed = true;
    out.push_back(OrderFilled{next_trade_id_++, price_.FromUnits(price), size_.FromUnits(qty),
                              Leg(taker, model::LiquiditySide::kTaker),
                              Leg(book_.order(slot), model::LiquiditySide::kMaker), now});
    if (book_.order(slot).leaves() == 0) book_.Erase(slot);
    last_price_ = price;
    volume_lots_ += qty;
    ++trade_count_;
  }
  if (changed) dirty_ = true;
  return stp_canceled;
}

core::Status MatchingEngine::Impl::Cancel(OrderId id, MatchEvents& out, CancelReason reason) {
  const Slot slot = book_.Find(id);
  if (slot == kNoSlot) return OrderNotOpen(id);
  const BookOrder order = book_.Erase(slot);
  EmitCanceled(order, reason, clock_->Now(), out);
  dirty_ = true;
  return core::Status::Ok();
}

std::size_t MatchingEngine::Impl::CancelAll(AccountId owner, MatchEvents& out,
                                            CancelReason reason) {
  std::vector<Slot> slots = book_.OwnerSlots(owner);
  if (slots.empty()) return 0;
  std::sort(slots.begin(), slots.end(),
            [this](Slot a, Slot b) { return book_.order(a).id < book_.order(b).id; });
  const core::Timestamp now = clock_->Now();
  for (const Slot slot : slots) {
    const BookOrder order = book_.Erase(slot);
    EmitCanceled(order, reason, now, out);
  }
  dirty_ = true;
  return slots.size();
}

core::Status MatchingEngine::Impl::Amend(OrderId id, std::optional<core::Decimal> new_price,
                                         std::optional<core::Decimal> new_size, MatchEvents& out) {
  const Slot slot = book_.Find(id);
  if (slot == kNoSlot) return OrderNotOpen(id);
  const BookOrder& current = book_.order(slot);
  std::int64_t ticks = current.price;
  if (new_price) {
    const core::Result<std::int64_t> parsed = LimitPriceTicks(*new_price);
    if (!parsed) return parsed.error();
    ticks = *parsed;
  }
  std::int64_t lots = current.size;
  if (new_size) {
    const core::Result<std::int64_t> parsed = SizeLots(*new_size);
    if (!parsed) return parsed.error();
    lots = *parsed;
    if (lots <= current.filled) {
      return Denied("40808", "Parameter verification exception size (new size " +
                                 new_size->ToString() + " must exceed the filled size " +
                                 size_.FromUnits(current.filled).ToString() + ")");
    }
  }
  const core::Timestamp now = clock_->Now();
  const bool price_changed = ticks != current.price;
  const bool grew = lots > current.size;
  const auto amended = [&](const BookOrder& o) {
    out.push_back(OrderAmended{o.id, o.owner, price_.FromUnits(o.price), size_.FromUnits(o.size),
                               size_.FromUnits(o.leaves()), price_changed || grew, now});
  };
  if (!price_changed) {
    if (lots != current.size) {
      book_.Resize(slot, lots, grew, now);
      dirty_ = true;
    }
    amended(book_.order(slot));
    return core::Status::Ok();
  }
  BookOrder order = book_.Erase(slot);
  dirty_ = true;
  order.price = ticks;
  order.size = lots;
  order.updated = now;
  amended(order);
  if (order.time_in_force == TimeInForce::kPostOnly && WouldTake(order)) {
    EmitCanceled(order, CancelReason::kPostOnlyWouldTake, now, out);
    return core::Status::Ok();
  }
  const bool stp_canceled = Match(order, now, out);
  Finish(order, /*is_market=*/false, stp_canceled, now, out);
  return core::Status::Ok();
}

}  // namespace bgt::sim
