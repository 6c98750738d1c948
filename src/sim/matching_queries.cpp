// MatchingEngine: construction, the public forwarding layer, queries and enum text.
#include "sim/matching_engine.h"

#include <algorithm>
#include <cctype>
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

}  // namespace

std::string_view ToString(StpMode mode) {
  switch (mode) {
    case StpMode::kNone:
      return "none";
    case StpMode::kCancelTaker:
      return "cancel_taker";
    case StpMode::kCancelMaker:
      return "cancel_maker";
    case StpMode::kCancelBoth:
      return "cancel_both";
  }
  return "none";
}

core::Result<StpMode> ParseStpMode(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const StpMode mode :
       {StpMode::kNone, StpMode::kCancelTaker, StpMode::kCancelMaker, StpMode::kCancelBoth}) {
    if (lower == ToString(mode)) return mode;
  }
  return core::MakeError(core::ErrorCode::kInvalidArgument,
                         "unknown stpMode \"" + std::string(text) + "\"");
}

std::string_view ToString(CancelReason reason) {
  switch (reason) {
    case CancelReason::kUser:
      return "user";
    case CancelReason::kIocRemainder:
      return "ioc_remainder";
    case CancelReason::kFokUnfilled:
      return "fok_unfilled";
    case CancelReason::kPostOnlyWouldTake:
      return "post_only_would_take";
    case CancelReason::kMarketRemainder:
      return "market_remainder";
    case CancelReason::kSelfTrade:
      return "self_trade";
    case CancelReason::kSystem:
      return "system";
  }
  return "user";
}

OpenOrder MatchingEngine::Impl::ToOpenOrder(const BookOrder& o) const {
  return OpenOrder{o.id,
                   o.owner,
                   o.client_oid,
                   o.side,
                   o.time_in_force,
                   price_.FromUnits(o.price),
                   size_.FromUnits(o.size),
                   size_.FromUnits(o.filled),
                   size_.FromUnits(o.leaves()),
                   o.reduce_only,
                   o.stp_mode,
                   o.created,
                   o.updated};
}

std::optional<model::BookLevel> MatchingEngine::Impl::BestLevel(OrderSide side) const {
  const Level* best = book_.Best(side);
  if (best == nullptr) return std::nullopt;
  return model::BookLevel{price_.FromUnits(best->price), size_.FromUnits(best->total)};
}

model::OrderBookSnapshot MatchingEngine::Impl::Depth(std::size_t max_levels) const {
  model::OrderBookSnapshot snap;
  snap.symbol = instrument_.symbol();
  snap.seq = seq_;
  snap.ts = clock_->Now();
  const auto fill = [&](OrderSide side, std::vector<model::BookLevel>& dst) {
    for (const auto& [key, level] : book_.levels(side)) {
      if (dst.size() >= max_levels) break;
      dst.push_back({price_.FromUnits(level.price), size_.FromUnits(level.total)});
    }
  };
  fill(OrderSide::kBuy, snap.bids);
  fill(OrderSide::kSell, snap.asks);
  return snap;
}

core::Result<SweepEstimate> MatchingEngine::Impl::EstimateSweep(
    OrderSide side, const core::Decimal& size, std::optional<core::Decimal> limit) const {
  const auto lots = size_.ToUnits(size, core::Rounding::kFloor);
  if (!lots) {
    return core::MakeError(core::ErrorCode::kOutOfRange, "size out of range: " + size.ToString());
  }
  std::int64_t limit_ticks = side == OrderSide::kBuy ? std::numeric_limits<std::int64_t>::max() : 0;
  if (limit) {
    if (limit->IsNegative()) {
      return core::MakeError(core::ErrorCode::kInvalidArgument, "limit price must be >= 0");
    }
    const auto ticks = price_.ToUnits(
        *limit, side == OrderSide::kBuy ? core::Rounding::kFloor : core::Rounding::kCeiling);
    if (ticks) {
      limit_ticks = ticks->n;
    } else if (side == OrderSide::kSell) {
      limit_ticks = std::numeric_limits<std::int64_t>::max();  // above every price
    }
  }
  SweepEstimate est;
  est.size = size_.FromUnits(std::int64_t{0});
  est.notional = core::Decimal::FromParts(0, std::min(core::Decimal::kMaxScale,
                                                      price_.FromUnits(std::int64_t{0}).scale() +
                                                          size_.FromUnits(std::int64_t{0}).scale()))
                     .value();
  std::int64_t remaining = lots->n;
  std::int64_t taken = 0;
  for (const auto& [key, level] : book_.levels(model::Opposite(side))) {
    if (remaining == 0 || !Crosses(side, level.price, limit_ticks)) break;
    const std::int64_t take = std::min(remaining, level.total);
    const core::Result<core::Decimal> part =
        core::Decimal::CheckedMul(price_.FromUnits(level.price), size_.FromUnits(take));
    if (!part) return part.error();
    const core::Result<core::Decimal> sum = core::Decimal::CheckedAdd(est.notional, *part);
    if (!sum) return sum.error();
    est.notional = *sum;
    est.worst_price = price_.FromUnits(level.price);
    remaining -= take;
    taken += take;
  }
  est.size = size_.FromUnits(taken);
  return est;
}

void MatchingEngine::Impl::CheckInvariants() const {
  book_.CheckInvariants();
  BGT_CHECK(volume_lots_ >= 0, "negative traded volume");
  BGT_CHECK(seq_ >= 0, "negative sequence number");
}

MatchingEngine::MatchingEngine(const model::Instrument& instrument, const core::Clock& clock)
    : MatchingEngine(instrument, clock, Options{}) {}
MatchingEngine::MatchingEngine(const model::Instrument& instrument, const core::Clock& clock,
                               Options options)
    : impl_(std::make_unique<Impl>(instrument, clock, options)) {}
MatchingEngine::~MatchingEngine() = default;
MatchingEngine::MatchingEngine(MatchingEngine&&) noexcept = default;
MatchingEngine& MatchingEngine::operator=(MatchingEngine&&) noexcept = default;

core::Status MatchingEngine::Submit(const OrderRequest& request, MatchEvents& out) {
  return impl_->Call([&] { return impl_->Submit(request, out); });
}
core::Status MatchingEngine::Cancel(OrderId order_id, MatchEvents& out, CancelReason reason) {
  return impl_->Call([&] { return impl_->Cancel(order_id, out, reason); });
}
std::size_t MatchingEngine::CancelAll(AccountId owner, MatchEvents& out, CancelReason reason) {
  return impl_->Call([&] { return impl_->CancelAll(owner, out, reason); });
}
core::Status MatchingEngine::Amend(OrderId order_id, std::optional<core::Decimal> new_price,
                                   std::optional<core::Decimal> new_size, MatchEvents& out) {
  return impl_->Call([&] { return impl_->Amend(order_id, new_price, new_size, out); });
}

std::optional<OpenOrder> MatchingEngine::FindOrder(OrderId order_id) const {
  const Slot slot = impl_->book_.Find(order_id);
  if (slot == kNoSlot) return std::nullopt;
  return impl_->ToOpenOrder(impl_->book_.order(slot));
}

std::optional<OrderId> MatchingEngine::FindByClientOid(AccountId owner,
                                                       std::string_view client_oid) const {
  if (client_oid.empty()) return std::nullopt;
  const Slot slot = impl_->book_.FindClientOid(owner, client_oid);
  if (slot == kNoSlot) return std::nullopt;
  return impl_->book_.order(slot).id;
}

std::vector<OpenOrder> MatchingEngine::OpenOrders() const {
  std::vector<OpenOrder> orders;
  orders.reserve(impl_->book_.size());
  impl_->book_.ForEach([&](const BookOrder& o) { orders.push_back(impl_->ToOpenOrder(o)); });
  std::sort(orders.begin(), orders.end(),
            [](const OpenOrder& a, const OpenOrder& b) { return a.order_id < b.order_id; });
  return orders;
}

std::vector<OpenOrder> MatchingEngine::OpenOrders(AccountId owner) const {
  std::vector<OpenOrder> orders;
  for (const Slot slot : impl_->book_.OwnerSlots(owner)) {
    orders.push_back(impl_->ToOpenOrder(impl_->book_.order(slot)));
  }
  std::sort(orders.begin(), orders.end(),
            [](const OpenOrder& a, const OpenOrder& b) { return a.order_id < b.order_id; });
  return orders;
}

std::size_t MatchingEngine::OpenOrderCount() const { return impl_->book_.size(); }
std::size_t MatchingEngine::OpenOrderCount(AccountId owner) const {
  return impl_->book_.OwnerCount(owner);
}

std::optional<model::BookLevel> MatchingEngine::BestBid() const {
  return impl_->BestLevel(OrderSide::kBuy);
}
std::optional<model::BookLevel> MatchingEngine::BestAsk() const {
  return impl_->BestLevel(OrderSide::kSell);
}

model::OrderBookSnapshot MatchingEngine::Depth(std::size_t max_levels) const {
  return impl_->Depth(max_levels);
}

core::Result<SweepEstimate> MatchingEngine::EstimateSweep(
    model::OrderSide taker_side, const core::Decimal& size,
    std::optional<core::Decimal> limit_price) const {
  return impl_->EstimateSweep(taker_side, size, std::move(limit_price));
}

std::optional<core::Decimal> MatchingEngine::LastTradePrice() const {
  if (!impl_->last_price_) return std::nullopt;
  return impl_->price_.FromUnits(*impl_->last_price_);
}
core::Decimal MatchingEngine::TotalVolume() const {
  return impl_->size_.FromUnits(impl_->volume_lots_);
}
std::uint64_t MatchingEngine::TradeCount() const { return impl_->trade_count_; }
std::int64_t MatchingEngine::seq() const { return impl_->seq_; }
const model::Instrument& MatchingEngine::instrument() const { return impl_->instrument_; }

void MatchingEngine::CheckInvariants() const { impl_->CheckInvariants(); }

}  // namespace bgt::sim
