// StalenessMonitor: per-stream (kind + symbol) freshness against an injected Clock. A watched
// stream whose last message is older than its kind's max age is reported stale once; its next
// message reports it fresh again. Time comes only from the Clock, so tests drive it with
// TestClock.
// Thread-safety: not thread-safe; owned by the kernel thread.
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "market/market_events.h"

namespace bgt::market {

struct StalenessConfig {
  // Max age per StreamKind (ticker, book, candle, trade). A zero max age disables the check.
  std::array<core::Duration, kStreamKindCount> max_age = {
      std::chrono::seconds(10),  // ticker: Bitget pushes several times a second
      std::chrono::seconds(5),   // book
      std::chrono::seconds(90),  // candle: pushed on every trade, at least once per bar
      std::chrono::seconds(0),   // trade: quiet markets legitimately have no trades
  };
  core::Duration For(StreamKind kind) const { return max_age[static_cast<std::size_t>(kind)]; }
};

class StalenessMonitor {
 public:
  StalenessMonitor(const core::Clock& clock, StalenessConfig config = {});

  // Starts watching a stream as if a message arrived now (so one that never delivers goes
  // stale after its max age). Idempotent: an already watched stream is left as is.
  void Watch(StreamKind kind, std::string_view symbol);
  bool Unwatch(StreamKind kind, std::string_view symbol);

  // Records a message (watching the stream if needed). Returns a "fresh" event when the stream
  // was stale.
  std::optional<StalenessEvent> Touch(StreamKind kind, std::string_view symbol);

  // Streams that have just gone stale (each reported once until a message arrives), in
  // (kind, symbol) order.
  std::vector<StalenessEvent> Check();

  // False for an unwatched stream.
  bool IsStale(StreamKind kind, std::string_view symbol) const;
  // Time since the stream's last message; nullopt when unwatched.
  std::optional<core::Duration> Age(StreamKind kind, std::string_view symbol) const;
  const StalenessConfig& config() const { return config_; }

 private:
  struct State {
    core::Timestamp last;
    bool stale = false;
  };
  const core::Clock& clock_;
  StalenessConfig config_;
  std::map<StreamKey, State> streams_;
};

}  // namespace bgt::market
