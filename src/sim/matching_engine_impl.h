// MatchingEngine::Impl: the engine's state and the matching rules' declarations, shared by
// matching_engine.cpp (order entry, matching, cancel, amend) and matching_queries.cpp (queries,
// text, the public forwarding layer). Internal to src/sim.
// Thread-safety: as MatchingEngine (not thread-safe).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "core/clock.h"
#include "core/decimal.h"
#include "core/result.h"
#include "model/instrument.h"
#include "model/order_book.h"
#include "model/order_types.h"
#include "sim/matching_engine.h"
#include "sim/matching_units.h"
#include "sim/order_book_sim.h"

namespace bgt::sim {

namespace internal {

// True when a taker on `taker_side` with limit `limit` (ticks) may trade at `level_price`.
inline bool Crosses(model::OrderSide taker_side, std::int64_t level_price, std::int64_t limit) {
  return taker_side == model::OrderSide::kBuy ? level_price <= limit : level_price >= limit;
}

}  // namespace internal

class MatchingEngine::Impl {
 public:
  using BookOrder = internal::BookOrder;
  using Level = internal::Level;
  using OrderSide = model::OrderSide;
  using Slot = internal::Slot;

  Impl(const model::Instrument& instrument, const core::Clock& clock, Options options)
      : instrument_(instrument),
        clock_(&clock),
        price_(instrument.tick_size(), instrument.price_place()),
        size_(instrument.size_step(), instrument.volume_place()),
        next_trade_id_(options.first_trade_id) {}

  core::Status Submit(const OrderRequest& request, MatchEvents& out);
  core::Status Cancel(OrderId id, MatchEvents& out, CancelReason reason);
  std::size_t CancelAll(AccountId owner, MatchEvents& out, CancelReason reason);
  core::Status Amend(OrderId id, std::optional<core::Decimal> new_price,
                     std::optional<core::Decimal> new_size, MatchEvents& out);

  OpenOrder ToOpenOrder(const BookOrder& o) const;
  std::optional<model::BookLevel> BestLevel(OrderSide side) const;
  model::OrderBookSnapshot Depth(std::size_t max_levels) const;
  core::Result<SweepEstimate> EstimateSweep(OrderSide side, const core::Decimal& size,
                                            std::optional<core::Decimal> limit) const;
  void CheckInvariants() const;

  model::Instrument instrument_;
  const core::Clock* clock_;
  internal::UnitScale price_;
  internal::UnitScale size_;
  internal::OrderBookSim book_;
  TradeId next_trade_id_;
  std::optional<std::int64_t> last_price_;
  internal::Int128 volume_lots_ = 0;
  std::uint64_t trade_count_ = 0;
  std::int64_t seq_ = 0;
  bool dirty_ = false;  // the current call changed the book

  // Runs one public call and bumps seq_ once if it changed the book.
  template <typename Fn>
  auto Call(Fn&& fn) {
    dirty_ = false;
    auto result = fn();
    if (dirty_) ++seq_;
    return result;
  }

 private:
  core::Result<std::int64_t> LimitPriceTicks(const core::Decimal& price) const;
  core::Result<std::int64_t> SizeLots(const core::Decimal& size) const;
  // Protection price of a market order, rounded inward (buy down, sell up).
  core::Result<std::int64_t> ProtectionTicks(OrderSide side, const core::Decimal& price) const;

  bool WouldTake(const BookOrder& taker) const {
    const Level* best = book_.Best(model::Opposite(taker.side));
    return best != nullptr && internal::Crosses(taker.side, best->price, taker.price);
  }
  // FOK pre-check: the whole leaves can fill within the limit, honouring the taker's STP mode.
  bool CanFillCompletely(const BookOrder& taker) const;
  // Matches `taker` against the book. Returns true when self-trade prevention canceled the
  // taker's remainder (kCancelTaker / kCancelBoth).
  bool Match(BookOrder& taker, core::Timestamp now, MatchEvents& out);
  FillLeg Leg(const BookOrder& o, model::LiquiditySide liquidity) const {
    return FillLeg{o.id,
                   o.owner,
                   o.side,
                   liquidity,
                   o.reduce_only,
                   size_.FromUnits(o.filled),
                   size_.FromUnits(o.leaves())};
  }
  void EmitCanceled(const BookOrder& o, CancelReason reason, core::Timestamp now,
                    MatchEvents& out) const {
    out.push_back(OrderCanceled{o.id, o.owner, reason, size_.FromUnits(o.leaves()),
                                size_.FromUnits(o.filled), now});
  }
  void EmitRested(const BookOrder& o, core::Timestamp now, MatchEvents& out) const {
    out.push_back(OrderRested{o.id, o.owner, o.side, price_.FromUnits(o.price),
                              size_.FromUnits(o.leaves()), now});
  }
  // After matching: rest a gtc/post_only remainder or cancel it with the reason that applies.
  void Finish(BookOrder& taker, bool is_market, bool stp_canceled, core::Timestamp now,
              MatchEvents& out);
};

}  // namespace bgt::sim
