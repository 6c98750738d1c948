#include "net/rate_limiter.h"

#include <algorithm>
#include <vector>

#include "core/check.h"

namespace bgt::net {

void RateLimiter::Configure(const std::string& key, RateLimit limit) {
  BGT_CHECK(limit.max_requests >= 1, "rate limit needs max_requests >= 1");
  BGT_CHECK(limit.window > core::Duration::zero(), "rate limit window must be positive");
  std::lock_guard lock(mu_);
  Bucket& bucket = buckets_[key];
  bucket.limit = limit;
  while (bucket.grants.size() > static_cast<std::size_t>(limit.max_requests)) {
    bucket.grants.pop_front();
  }
}

bool RateLimiter::Has(std::string_view key) const {
  std::lock_guard lock(mu_);
  return buckets_.find(key) != buckets_.end();
}

core::Timestamp RateLimiter::Reserve(std::initializer_list<std::string_view> keys,
                                     core::Timestamp now) {
  std::lock_guard lock(mu_);
  std::vector<Bucket*> hit;
  hit.reserve(keys.size());
  core::Timestamp t = now;
  for (std::string_view key : keys) {
    auto it = buckets_.find(key);
    if (it == buckets_.end()) continue;
    Bucket& b = it->second;
    hit.push_back(&b);
    t = std::max(t, b.blocked_until);
    if (!b.grants.empty()) t = std::max(t, b.grants.back());  // grants stay in call order
    if (b.grants.size() == static_cast<std::size_t>(b.limit.max_requests)) {
      t = std::max(t, b.grants.front() + b.limit.window);
    }
  }
  for (Bucket* b : hit) {
    if (b->grants.size() == static_cast<std::size_t>(b->limit.max_requests)) b->grants.pop_front();
    b->grants.push_back(t);
  }
  ++reservations_;
  return t;
}

void RateLimiter::Penalize(std::string_view key, core::Timestamp until) {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return;
  it->second.blocked_until = std::max(it->second.blocked_until, until);
}

std::size_t RateLimiter::reservations() const {
  std::lock_guard lock(mu_);
  return reservations_;
}

std::optional<RateUse> RateLimiter::Busiest(core::Timestamp now) const {
  std::lock_guard lock(mu_);
  std::optional<RateUse> best;
  for (const auto& [key, bucket] : buckets_) {
    const core::Timestamp since = now - bucket.limit.window;
    int used = 0;
    for (auto it = bucket.grants.rbegin(); it != bucket.grants.rend() && *it > since; ++it) ++used;
    if (used == 0) continue;
    // used / max > best.used / best.max, in integers.
    if (!best || static_cast<std::int64_t>(used) * best->max_requests >
                     static_cast<std::int64_t>(best->used) * bucket.limit.max_requests) {
      best = RateUse{key, used, bucket.limit.max_requests, bucket.limit.window};
    }
  }
  return best;
}

}  // namespace bgt::net
