#include "market/market_feed.h"

#include <algorithm>
#include <utility>

namespace bgt::market {

std::string_view ToString(StreamKind kind) {
  switch (kind) {
    case StreamKind::kTicker:
      return "ticker";
    case StreamKind::kBook:
      return "book";
    case StreamKind::kCandle:
      return "candle";
    case StreamKind::kTrade:
      return "trade";
  }
  return "unknown";
}

MarketFeed::MarketFeed(std::size_t history) : history_(history) { ring_.reserve(history_); }

SubscriptionId MarketFeed::Subscribe(Callback callback) {
  const SubscriptionId id = next_id_++;
  subscribers_.push_back({id, std::move(callback)});
  return id;
}

bool MarketFeed::Unsubscribe(SubscriptionId id) {
  auto it = std::find_if(subscribers_.begin(), subscribers_.end(),
                         [id](const Subscriber& s) { return s.id == id && s.active; });
  if (it == subscribers_.end()) return false;
  if (delivering_) {
    it->active = false;  // the callback may be running: erase it once delivery ends
  } else {
    subscribers_.erase(it);
  }
  return true;
}

std::size_t MarketFeed::subscribers() const {
  return static_cast<std::size_t>(std::count_if(subscribers_.begin(), subscribers_.end(),
                                                [](const Subscriber& s) { return s.active; }));
}

void MarketFeed::Publish(MarketEvent event) {
  if (delivering_) {
    pending_.push_back(std::move(event));
    return;
  }
  delivering_ = true;
  Deliver(event);
  while (!pending_.empty()) {
    MarketEvent next = std::move(pending_.front());
    pending_.pop_front();
    Deliver(next);
  }
  delivering_ = false;
  std::erase_if(subscribers_, [](const Subscriber& s) { return !s.active; });
}

void MarketFeed::Deliver(const MarketEvent& event) {
  if (history_ > 0) {
    if (ring_.size() < history_) {
      ring_.push_back(event);
    } else {
      ring_[published_ % history_] = event;
    }
  }
  ++published_;
  // Subscribers added during this delivery start with the next event.
  const std::size_t n = subscribers_.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (subscribers_[i].active) subscribers_[i].callback(event);
  }
}

std::uint64_t MarketFeed::Poll(Cursor& cursor, std::vector<MarketEvent>& out,
                               std::size_t max) const {
  std::uint64_t lost = 0;
  const std::uint64_t oldest = published_ > history_ ? published_ - history_ : 0;
  if (cursor.next < oldest) {
    lost = oldest - cursor.next;
    cursor.next = oldest;
  }
  if (cursor.next > published_) cursor.next = published_;
  for (std::size_t taken = 0; cursor.next < published_ && taken < max; ++taken, ++cursor.next) {
    out.push_back(ring_[cursor.next % history_]);
  }
  return lost;
}

}  // namespace bgt::market
