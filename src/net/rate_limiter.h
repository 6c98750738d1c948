// RateLimiter: request pacing shared by every caller in the process. Each key (for Bitget: an
// endpoint with its scope, e.g. "POST /api/v2/mix/order/place-order|uid", or the overall per-IP
// cap) has a limit of N requests per window. Reserve() hands out send times such that no window
// of that length ever holds more than N sends of a key (a sliding-window log: stricter than a
// token bucket, which allows 2N across a boundary). Callers wait until their time; nobody is
// refused. Penalize() closes a key until a given time (after HTTP 429).
// Thread-safety: all methods are thread-safe. Time is passed in, so the limiter is pure.
#pragma once

#include <cstddef>
#include <deque>
#include <initializer_list>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace bgt::net {

struct RateLimit {
  int max_requests = 1;
  core::Duration window = std::chrono::seconds(1);
};

// How much of one key's limit the sends granted in (now - window, now] use.
struct RateUse {
  std::string key;
  int used = 0;  // grants in the window ending at `now` (future grants included)
  int max_requests = 0;
  core::Duration window{0};
};

class RateLimiter {
 public:
  // Sets (or replaces) the limit of `key`. max_requests must be >= 1 and window > 0.
  void Configure(const std::string& key, RateLimit limit);
  bool Has(std::string_view key) const;

  // Reserves one send at the earliest time >= now allowed by every listed key (unknown keys
  // are unlimited) and returns that time. Reservations are granted in call order.
  core::Timestamp Reserve(std::initializer_list<std::string_view> keys, core::Timestamp now);
  core::Timestamp Reserve(std::string_view key, core::Timestamp now) { return Reserve({key}, now); }

  // No send of `key` before `until` (e.g. after a 429).
  void Penalize(std::string_view key, core::Timestamp until);

  std::size_t reservations() const;
  // The key whose window is fullest at `now` (highest used / max_requests; the first key in
  // name order on a tie), or nullopt when nothing was granted in any window.
  std::optional<RateUse> Busiest(core::Timestamp now) const;

 private:
  struct Bucket {
    RateLimit limit;
    std::deque<core::Timestamp> grants;  // the last max_requests grants, ascending
    core::Timestamp blocked_until;
  };
  mutable std::mutex mu_;
  std::map<std::string, Bucket, std::less<>> buckets_;
  std::size_t reservations_ = 0;
};

}  // namespace bgt::net
