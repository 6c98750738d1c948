// MatchingEngine against a naive reference model: seeded random order flow (limit of every time in
// force, market with and without protection, cancel, cancel-all, amend, every STP mode), checking
// after every step that the engine's events equal the model's and that the book's invariants
// hold (not crossed, fills at the maker's price, filled sizes conserved, open size accounted).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/decimal.h"
#include "sim/matching_engine.h"
#include "sim/matching_test_support.h"

namespace bgt::sim {
namespace {

using core::Decimal;
using model::OrderSide;
using model::OrderType;
using model::TimeInForce;

// BTCUSDT units: tick 0.1 (1 decimal), lot 0.0001 (4 decimals).
Decimal Price(std::int64_t ticks) { return *Decimal::FromParts(ticks, 1); }
Decimal Size(std::int64_t lots) { return *Decimal::FromParts(lots, 4); }
std::int64_t Ticks(const Decimal& d) { return d.Rescale(1, core::Rounding::kDown)->mantissa(); }
std::int64_t Lots(const Decimal& d) { return d.Rescale(4, core::Rounding::kDown)->mantissa(); }

// The reference: a flat vector scanned for the best price, then the earliest arrival.
class NaiveBook {
 public:
  struct Order {
    OrderId id;
    AccountId owner;
    OrderSide side;
    TimeInForce tif;
    StpMode stp;
    std::int64_t price;
    std::int64_t size;
    std::int64_t filled;
    std::uint64_t arrival;
    std::int64_t leaves() const { return size - filled; }
  };

  // Trace lines for one new order (the model has no rejections: the generator sends valid ones).
  std::vector<std::string> Submit(Order o, bool market) {
    std::vector<std::string> trace;
    o.arrival = ++arrival_;
    if (!market && o.tif == TimeInForce::kPostOnly && WouldTake(o)) {
      trace.push_back(Canceled(o, "post_only_would_take"));
      return trace;
    }
    if (!market && o.tif == TimeInForce::kFok) {
      NaiveBook copy = *this;
      Order trial = o;
      std::vector<std::string> trial_trace;
      copy.Match(trial, trial_trace);
      if (trial.leaves() != 0) {
        trace.push_back(Canceled(o, "fok_unfilled"));
        return trace;
      }
      *this = copy;
      return trial_trace;
    }
    const bool stp_canceled = Match(o, trace);
    Finish(o, market, stp_canceled, trace);
    return trace;
  }

  std::vector<std::string> Cancel(OrderId id) {
    auto it = Find(id);
    if (it == orders_.end()) return {"E " + std::to_string(id)};
    std::vector<std::string> trace{Canceled(*it, "user")};
    orders_.erase(it);
    return trace;
  }

  std::vector<std::string> CancelAll(AccountId owner) {
    std::vector<Order> mine;
    for (const Order& o : orders_) {
      if (o.owner == owner) mine.push_back(o);
    }
    std::sort(mine.begin(), mine.end(), [](const Order& a, const Order& b) { return a.id < b.id; });
    std::vector<std::string> trace;
    for (const Order& o : mine) trace.push_back(Canceled(o, "user"));
    std::erase_if(orders_, [&](const Order& o) { return o.owner == owner; });
    return trace;
  }

  // new_price / new_size already valid; the size must exceed filled (the caller checks).
  std::vector<std::string> Amend(OrderId id, std::int64_t price, std::int64_t size) {
    auto it = Find(id);
    if (it == orders_.end()) return {"E " + std::to_string(id)};
    std::vector<std::string> trace;
    const bool price_changed = price != it->price;
    const bool lost = price_changed || size > it->size;
    trace.push_back("M " + std::to_string(id) + " p=" + std::to_string(price) +
                    " s=" + std::to_string(size) + (lost ? " lost" : ""));
    if (!price_changed) {
      if (size > it->size) it->arrival = ++arrival_;
      it->size = size;
      return trace;
    }
    Order o = *it;
    orders_.erase(it);
    o.price = price;
    o.size = size;
    o.arrival = ++arrival_;
    if (o.tif == TimeInForce::kPostOnly && WouldTake(o)) {
      trace.push_back(Canceled(o, "post_only_would_take"));
      return trace;
    }
    const bool stp_canceled = Match(o, trace);
    Finish(o, false, stp_canceled, trace);
    return trace;
  }

  const Order* Get(OrderId id) const {
    for (const Order& o : orders_) {
      if (o.id == id) return &o;
    }
    return nullptr;
  }
  std::vector<Order> Sorted() const {
    std::vector<Order> v = orders_;
    std::sort(v.begin(), v.end(), [](const Order& a, const Order& b) { return a.id < b.id; });
    return v;
  }

 private:
  static bool Crosses(OrderSide taker, std::int64_t maker_price, std::int64_t limit) {
    return taker == OrderSide::kBuy ? maker_price <= limit : maker_price >= limit;
  }
  std::vector<Order>::iterator Find(OrderId id) {
    return std::find_if(orders_.begin(), orders_.end(), [&](const Order& o) { return o.id == id; });
  }
  std::vector<Order>::iterator Best(const Order& taker) {
    auto best = orders_.end();
    for (auto it = orders_.begin(); it != orders_.end(); ++it) {
      if (it->side == taker.side || !Crosses(taker.side, it->price, taker.price)) continue;
      if (best == orders_.end()) {
        best = it;
        continue;
      }
      const bool better =
          taker.side == OrderSide::kBuy ? it->price < best->price : it->price > best->price;
      if (better || (it->price == best->price && it->arrival < best->arrival)) best = it;
    }
    return best;
  }
  bool WouldTake(const Order& o) { return Best(o) != orders_.end(); }
  static std::string Canceled(const Order& o, const char* reason) {
    return "C " + std::to_string(o.id) + " " + reason + " " + std::to_string(o.leaves()) + "/" +
           std::to_string(o.filled);
  }
  bool Match(Order& taker, std::vector<std::string>& trace) {
    while (taker.leaves() > 0) {
      auto maker = Best(taker);
      if (maker == orders_.end()) return false;
      if (maker->owner == taker.owner && taker.stp != StpMode::kNone) {
        if (taker.stp == StpMode::kCancelTaker) return true;
        trace.push_back(Canceled(*maker, "self_trade"));
        orders_.erase(maker);
        if (taker.stp == StpMode::kCancelBoth) return true;
        continue;
      }
      const std::int64_t qty = std::min(taker.leaves(), maker->leaves());
      taker.filled += qty;
      maker->filled += qty;
      trace.push_back("F " + std::to_string(next_trade_++) + " t=" + std::to_string(taker.id) +
                      " m=" + std::to_string(maker->id) + " p=" + std::to_string(maker->price) +
                      " q=" + std::to_string(qty) + " tl=" + std::to_string(taker.leaves()) +
                      " ml=" + std::to_string(maker->leaves()));
      if (maker->leaves() == 0) orders_.erase(maker);
    }
    return false;
  }
  void Finish(Order& o, bool market, bool stp_canceled, std::vector<std::string>& trace) {
    if (o.leaves() == 0) return;
    if (stp_canceled) {
      trace.push_back(Canceled(o, "self_trade"));
    } else if (market) {
      trace.push_back(Canceled(o, "market_remainder"));
    } else if (o.tif == TimeInForce::kIoc) {
      trace.push_back(Canceled(o, "ioc_remainder"));
    } else {
      trace.push_back("R " + std::to_string(o.id) + " p=" + std::to_string(o.price) +
                      " l=" + std::to_string(o.leaves()));
      orders_.push_back(o);
    }
  }

  std::vector<Order> orders_;
  std::uint64_t arrival_ = 0;
  TradeId next_trade_ = 1;
};

// Engine events in the model's trace format (Accepted events are checked separately).
std::vector<std::string> Trace(const MatchEvents& events) {
  std::vector<std::string> trace;
  for (const MatchEvent& e : events) {
    if (const auto* f = std::get_if<OrderFilled>(&e)) {
      trace.push_back(
          "F " + std::to_string(f->trade_id) + " t=" + std::to_string(f->taker.order_id) +
          " m=" + std::to_string(f->maker.order_id) + " p=" + std::to_string(Ticks(f->price)) +
          " q=" + std::to_string(Lots(f->size)) + " tl=" + std::to_string(Lots(f->taker.leaves)) +
          " ml=" + std::to_string(Lots(f->maker.leaves)));
    } else if (const auto* c = std::get_if<OrderCanceled>(&e)) {
      trace.push_back("C " + std::to_string(c->order_id) + " " + std::string(ToString(c->reason)) +
                      " " + std::to_string(Lots(c->canceled)) + "/" +
                      std::to_string(Lots(c->filled)));
    } else if (const auto* r = std::get_if<OrderRested>(&e)) {
      trace.push_back("R " + std::to_string(r->order_id) + " p=" + std::to_string(Ticks(r->price)) +
                      " l=" + std::to_string(Lots(r->leaves)));
    } else if (const auto* m = std::get_if<OrderAmended>(&e)) {
      trace.push_back("M " + std::to_string(m->order_id) + " p=" + std::to_string(Ticks(m->price)) +
                      " s=" + std::to_string(Lots(m->size)) + (m->lost_priority ? " lost" : ""));
    }
  }
  return trace;
}

struct RunStats {
  std::uint64_t trades = 0;
  std::uint64_t steps = 0;
  std::size_t max_open = 0;  // deepest the book got (open orders)
};

// Runs `steps` random operations with generator seed `seed`, comparing engine and model after
// every step. Uses gtest assertions; returns early on the first mismatch.
RunStats RunRandom(std::uint64_t seed, int steps) {
  std::mt19937_64 rng(seed);
  core::TestClock clock;
  MatchingEngine engine(testing::Btc(), clock);
  NaiveBook model;
  std::map<OrderId, std::int64_t> fills_per_order;  // lots, from events
  std::int64_t volume = 0;
  std::int64_t mid = 1000;  // 100.0
  OrderId next_id = 1;
  RunStats stats;

  const auto uniform = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  for (int step = 0; step < steps; ++step) {
    mid = std::clamp<std::int64_t>(mid + uniform(-2, 2), 900, 1100);
    const std::int64_t op = uniform(0, 99);
    const AccountId owner = static_cast<AccountId>(uniform(1, 4));
    const StpMode stp = static_cast<StpMode>(uniform(0, 5) < 3 ? 0 : uniform(1, 3));
    MatchEvents events;
    std::vector<std::string> expected;
    bool ok = true;
    if (op < 75) {
      const OrderSide side = uniform(0, 1) == 0 ? OrderSide::kBuy : OrderSide::kSell;
      const bool market = op >= 68;
      TimeInForce tif = TimeInForce::kGtc;
      if (op >= 45 && op < 53) tif = TimeInForce::kIoc;
      if (op >= 53 && op < 60) tif = TimeInForce::kFok;
      if (op >= 60 && op < 68) tif = TimeInForce::kPostOnly;
      // Buyers mostly bid below mid, sellers above; some cross.
      const std::int64_t offset = uniform(-3, 12);
      std::int64_t price = side == OrderSide::kBuy ? mid - offset : mid + offset;
      const std::int64_t lots = uniform(1, 60);
      OrderRequest r;
      r.order_id = next_id++;
      r.owner = owner;
      r.side = side;
      r.type = market ? OrderType::kMarket : OrderType::kLimit;
      r.time_in_force = tif;
      r.size = Size(lots);
      r.stp_mode = stp;
      if (market) {
        price = uniform(0, 1) ? price + (side == OrderSide::kBuy ? 15 : -15)
                              : (side == OrderSide::kBuy ? INT64_MAX : 0);
        if (price != INT64_MAX && price != 0) r.price = Price(price);
      } else {
        r.price = Price(price);
      }
      ok = engine.Submit(r, events).ok();
      expected = model.Submit({r.order_id, owner, side, tif, stp, price, lots, 0, 0}, market);
      EXPECT_EQ(testing::Kinds(events).substr(0, 1), "A");
    } else if (op < 88) {
      const OrderId id = static_cast<OrderId>(uniform(1, static_cast<std::int64_t>(next_id)));
      ok = engine.Cancel(id, events).ok();
      expected = model.Cancel(id);
      if (!ok) {
        EXPECT_EQ(expected, std::vector<std::string>{"E " + std::to_string(id)});
        expected.clear();
      }
    } else if (op < 98) {
      const OrderId id =
          static_cast<OrderId>(uniform(std::max<std::int64_t>(1, next_id - 40), next_id));
      const NaiveBook::Order* o = model.Get(id);
      const std::int64_t price = o && uniform(0, 2) > 0 ? o->price + uniform(-6, 6)
                                 : o                    ? o->price
                                                        : 1000;
      const std::int64_t size = o ? std::max(o->filled + 1, o->size + uniform(-20, 20)) : 1;
      ok = engine.Amend(id, Price(price), Size(size), events).ok();
      expected = model.Amend(id, price, size);
      if (!ok) {
        EXPECT_EQ(expected, std::vector<std::string>{"E " + std::to_string(id)});
        expected.clear();
      }
    } else {
      engine.CancelAll(owner, events);
      expected = model.CancelAll(owner);
    }
    engine.CheckInvariants();
    stats.max_open = std::max(stats.max_open, engine.OpenOrderCount());
    std::vector<std::string> got = Trace(events);
    if (got != expected) {
      ADD_FAILURE() << "seed " << seed << " step " << step << ": engine and model disagree\n"
                    << ::testing::PrintToString(got) << "\nvs\n"
                    << ::testing::PrintToString(expected);
      return stats;
    }
    for (const OrderFilled& f : testing::Of<OrderFilled>(events)) {
      EXPECT_NE(f.taker.side, f.maker.side);
      EXPECT_GT(f.size, Decimal());
      fills_per_order[f.taker.order_id] += Lots(f.size);
      fills_per_order[f.maker.order_id] += Lots(f.size);
      EXPECT_EQ(Lots(f.taker.filled), fills_per_order[f.taker.order_id]);
      EXPECT_EQ(Lots(f.maker.filled), fills_per_order[f.maker.order_id]);
      volume += Lots(f.size);
      ++stats.trades;
    }
    if (step % 25 == 0 || step + 1 == steps) {
      // Open orders, fill conservation and open-size accounting against the model.
      const std::vector<OpenOrder> open = engine.OpenOrders();
      const std::vector<NaiveBook::Order> want = model.Sorted();
      EXPECT_EQ(open.size(), want.size());
      if (open.size() != want.size()) return stats;
      std::int64_t bid_open = 0;
      std::int64_t ask_open = 0;
      for (std::size_t i = 0; i < open.size(); ++i) {
        EXPECT_EQ(open[i].order_id, want[i].id);
        EXPECT_EQ(Ticks(open[i].price), want[i].price);
        EXPECT_EQ(Lots(open[i].size), want[i].size);
        EXPECT_EQ(Lots(open[i].filled), want[i].filled);
        EXPECT_EQ(Lots(open[i].filled), fills_per_order[open[i].order_id]);
        EXPECT_LE(open[i].filled + open[i].leaves, open[i].size);
        (open[i].side == OrderSide::kBuy ? bid_open : ask_open) += Lots(open[i].leaves);
      }
      const model::OrderBookSnapshot depth = engine.Depth(1'000'000);
      std::int64_t bid_depth = 0;
      std::int64_t ask_depth = 0;
      for (const model::BookLevel& l : depth.bids) bid_depth += Lots(l.size);
      for (const model::BookLevel& l : depth.asks) ask_depth += Lots(l.size);
      EXPECT_EQ(bid_depth, bid_open);
      EXPECT_EQ(ask_depth, ask_open);
      EXPECT_TRUE(model::CheckSnapshot(depth).ok());
      EXPECT_EQ(Lots(engine.TotalVolume()), volume);
    }
    ++stats.steps;
  }
  return stats;
}

TEST(MatchingRandom, LongSeededRunMatchesTheModel) {
  const RunStats stats = RunRandom(20260701, 20000);
  EXPECT_EQ(stats.steps, 20000U);
  EXPECT_GT(stats.trades, 2000U);  // the flow really trades
  EXPECT_GT(stats.max_open, 50U);  // and builds a book of some depth
}

TEST(MatchingRandom, SeveralSeeds) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    EXPECT_EQ(RunRandom(seed, 2000).steps, 2000U) << "seed " << seed;
  }
}

RC_GTEST_PROP(MatchingProperty, AnySeedMatchesTheModel, (std::uint64_t seed)) {
  RC_ASSERT(RunRandom(seed, 300).steps == 300U);
}

}  // namespace
}  // namespace bgt::sim
