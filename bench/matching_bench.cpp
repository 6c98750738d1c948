// MatchingEngine throughput on one BTCUSDT book (tick 0.1, lot 0.0001) seeded with 50 levels a
// side. BM_MatchingMix: a realistic flow around a drifting mid — 55% passive limit adds 1..20 ticks
// from the mid, 30% cancels of live orders (holding the book near 400 orders), 10% ioc limits
// 5 ticks through the mid, 5% market orders.
// BM_AddCancel: rest then cancel, the quoting loop of a market maker. Each benchmark checks the
// book's invariants and its own bookkeeping of live orders and traded volume at the end, and
// aborts on a mismatch.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <unordered_map>
#include <variant>
#include <vector>

#include "core/check.h"
#include "core/clock.h"
#include "core/decimal.h"
#include "model/contract_rows_testdata.h"
#include "model/instrument.h"
#include "sim/matching_engine.h"

namespace bgt::sim {
namespace {

using core::Decimal;
using model::OrderSide;
using model::OrderType;
using model::TimeInForce;

const model::Instrument& Btc() {
  static const model::Instrument in = model::testdata::MustBuild(model::testdata::BtcUsdtRow());
  return in;
}

Decimal Price(std::int64_t ticks) { return *Decimal::FromParts(ticks, 1); }
Decimal Size(std::int64_t lots) { return *Decimal::FromParts(lots, 4); }

// The open orders the driver knows about, kept from the events (O(1) add / remove / pick).
class LiveOrders {
 public:
  void Add(OrderId id) {
    pos_[id] = ids_.size();
    ids_.push_back(id);
  }
  void Remove(OrderId id) {
    const auto it = pos_.find(id);
    if (it == pos_.end()) return;
    const std::size_t i = it->second;
    pos_.erase(it);
    if (i + 1 != ids_.size()) {
      ids_[i] = ids_.back();
      pos_[ids_[i]] = i;
    }
    ids_.pop_back();
  }
  bool empty() const { return ids_.empty(); }
  std::size_t size() const { return ids_.size(); }
  OrderId Pick(std::uint64_t r) const { return ids_[r % ids_.size()]; }

 private:
  std::vector<OrderId> ids_;
  std::unordered_map<OrderId, std::size_t> pos_;
};

// Applies one call's events to the driver's bookkeeping.
void Track(const MatchEvents& events, LiveOrders& live, std::int64_t& volume_lots) {
  for (const MatchEvent& e : events) {
    if (const auto* r = std::get_if<OrderRested>(&e)) {
      live.Add(r->order_id);
    } else if (const auto* f = std::get_if<OrderFilled>(&e)) {
      volume_lots += f->size.Rescale(4, core::Rounding::kDown)->mantissa();
      if (f->maker.leaves.IsZero()) live.Remove(f->maker.order_id);
    } else if (const auto* c = std::get_if<OrderCanceled>(&e)) {
      live.Remove(c->order_id);
    }
  }
}

void CheckEnd(const MatchingEngine& engine, const LiveOrders& live, std::int64_t volume_lots) {
  engine.CheckInvariants();
  BGT_CHECK(engine.OpenOrderCount() == live.size(), "open order count disagrees with the events");
  BGT_CHECK(engine.TotalVolume() == Size(volume_lots), "traded volume disagrees with the fills");
  const auto bid = engine.BestBid();
  const auto ask = engine.BestAsk();
  BGT_CHECK(!bid || !ask || bid->price < ask->price, "book crossed");
}

constexpr std::int64_t kMid = 600'000;  // 60000.0
constexpr std::size_t kTargetOpen = 400;

// 50 levels a side, 4 orders each, around kMid.
void Seed(MatchingEngine& engine, OrderId& next_id, LiveOrders& live) {
  MatchEvents events;
  std::int64_t ignored = 0;
  for (std::int64_t level = 1; level <= 50; ++level) {
    for (int k = 0; k < 4; ++k) {
      for (const OrderSide side : {OrderSide::kBuy, OrderSide::kSell}) {
        OrderRequest r;
        r.order_id = next_id++;
        r.owner = static_cast<AccountId>(next_id % 16);
        r.side = side;
        r.price = Price(side == OrderSide::kBuy ? kMid - level : kMid + level);
        r.size = Size(10 + 5 * k);
        events.clear();
        BGT_CHECK(engine.Submit(r, events).ok(), "seed order refused");
        Track(events, live, ignored);
      }
    }
  }
}

void BM_MatchingMix(benchmark::State& state) {
  core::TestClock clock;
  MatchingEngine engine(Btc(), clock);
  OrderId next_id = 1;
  LiveOrders live;
  Seed(engine, next_id, live);
  std::mt19937_64 rng(20260701);
  std::int64_t mid = kMid;
  std::int64_t volume_lots = 0;
  MatchEvents events;
  events.reserve(64);
  OrderRequest r;
  std::uint64_t ops = 0;
  for (auto _ : state) {
    const std::uint64_t x = rng();
    const unsigned op = static_cast<unsigned>(x % 100);
    events.clear();
    // Cancels keep the book near kTargetOpen orders; below it they become adds.
    const bool cancel = op >= 55 && op < 85 && live.size() > kTargetOpen;
    if (op < 85 && !cancel) {
      // Passive add 1..20 ticks from a mid that wanders within ±200 ticks.
      mid = std::clamp<std::int64_t>(mid + static_cast<std::int64_t>((x >> 8) % 3) - 1, kMid - 200,
                                     kMid + 200);
      const OrderSide side = ((x >> 12) & 1) ? OrderSide::kBuy : OrderSide::kSell;
      const std::int64_t away = 1 + static_cast<std::int64_t>((x >> 16) % 20);
      r = OrderRequest{};
      r.order_id = next_id++;
      r.owner = static_cast<AccountId>((x >> 24) % 16);
      r.side = side;
      r.price = Price(side == OrderSide::kBuy ? mid - away : mid + away);
      r.size = Size(1 + static_cast<std::int64_t>((x >> 32) % 50));
      benchmark::DoNotOptimize(engine.Submit(r, events));
    } else if (cancel) {
      benchmark::DoNotOptimize(engine.Cancel(live.Pick(x >> 8), events));
    } else {
      // Marketable: ioc limit through a few levels, or a market order.
      const OrderSide side = ((x >> 12) & 1) ? OrderSide::kBuy : OrderSide::kSell;
      r = OrderRequest{};
      r.order_id = next_id++;
      r.owner = static_cast<AccountId>((x >> 24) % 16);
      r.side = side;
      r.size = Size(1 + static_cast<std::int64_t>((x >> 32) % 40));
      if (op < 95) {
        r.time_in_force = TimeInForce::kIoc;
        r.price = Price(side == OrderSide::kBuy ? mid + 5 : mid - 5);
      } else {
        r.type = OrderType::kMarket;
      }
      benchmark::DoNotOptimize(engine.Submit(r, events));
    }
    Track(events, live, volume_lots);
    ++ops;
  }
  CheckEnd(engine, live, volume_lots);
  BGT_CHECK(state.iterations() < 1000 || engine.TradeCount() > 0, "the mix never traded");
  state.SetItemsProcessed(static_cast<std::int64_t>(ops));
  state.counters["trades"] = static_cast<double>(engine.TradeCount());
  state.counters["open"] = static_cast<double>(engine.OpenOrderCount());
}
BENCHMARK(BM_MatchingMix);

void BM_AddCancel(benchmark::State& state) {
  core::TestClock clock;
  MatchingEngine engine(Btc(), clock);
  OrderId next_id = 1;
  LiveOrders live;
  Seed(engine, next_id, live);
  std::mt19937_64 rng(7);
  MatchEvents events;
  events.reserve(8);
  std::int64_t volume_lots = 0;
  for (auto _ : state) {
    const std::uint64_t x = rng();
    const OrderSide side = (x & 1) ? OrderSide::kBuy : OrderSide::kSell;
    const std::int64_t away = 1 + static_cast<std::int64_t>((x >> 8) % 30);
    OrderRequest r;
    r.order_id = next_id++;
    r.owner = 1;
    r.side = side;
    r.price = Price(side == OrderSide::kBuy ? kMid - away : kMid + away);
    r.size = Size(5);
    events.clear();
    benchmark::DoNotOptimize(engine.Submit(r, events));
    benchmark::DoNotOptimize(engine.Cancel(r.order_id, events));
    BGT_CHECK(events.size() == 3, "add/cancel produced unexpected events");
  }
  CheckEnd(engine, live, volume_lots);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 2);
}
BENCHMARK(BM_AddCancel);

}  // namespace
}  // namespace bgt::sim
