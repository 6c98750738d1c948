// MarketFeed: one stream of MarketEvents fanned out to any number of consumers, either as
// subscriber callbacks (called synchronously, in subscription order) or through pull cursors over
// a bounded history ring (a cursor that falls more than `history` events behind is told how many
// it lost). An event published from inside a callback is queued and delivered after the current
// one reaches every subscriber, so delivery order is the publish order for everyone.
// Thread-safety: not thread-safe; owned by the kernel thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

#include "market/market_events.h"

namespace bgt::market {

using SubscriptionId = std::uint64_t;

class MarketFeed {
 public:
  using Callback = std::function<void(const MarketEvent&)>;

  // Position of a pull consumer: the sequence number of the next event it will read.
  struct Cursor {
    std::uint64_t next = 0;
  };

  // Keeps the last `history` events for cursors (0 disables pulling).
  explicit MarketFeed(std::size_t history = 4096);

  // Ids are never reused. A callback added while an event is being delivered starts with the
  // next event. Unsubscribe returns false for an unknown id; it is safe from inside a callback.
  SubscriptionId Subscribe(Callback callback);
  bool Unsubscribe(SubscriptionId id);

  void Publish(MarketEvent event);

  // A cursor positioned after every event published so far.
  Cursor NewCursor() const { return Cursor{published_}; }
  // Appends up to `max` events after the cursor to `out` and advances it. Returns how many
  // events the cursor missed because the ring had already overwritten them (0 normally).
  std::uint64_t Poll(Cursor& cursor, std::vector<MarketEvent>& out,
                     std::size_t max = SIZE_MAX) const;

  std::uint64_t published() const { return published_; }
  std::size_t subscribers() const;

 private:
  struct Subscriber {
    SubscriptionId id = 0;
    Callback callback;
    bool active = true;  // false once unsubscribed during delivery (erased afterwards)
  };
  void Deliver(const MarketEvent& event);

  std::size_t history_;
  std::vector<MarketEvent> ring_;  // event n lives at n % history_
  std::uint64_t published_ = 0;
  std::deque<Subscriber> subscribers_;  // a deque: Subscribe inside a callback keeps references
  SubscriptionId next_id_ = 1;
  bool delivering_ = false;
  std::deque<MarketEvent> pending_;
};

}  // namespace bgt::market
