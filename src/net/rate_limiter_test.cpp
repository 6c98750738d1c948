#include "net/rate_limiter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <thread>
#include <vector>

namespace bgt::net {
namespace {

using core::Timestamp;
using namespace std::chrono_literals;

// Largest number of timestamps inside any half-open window [t, t + window).
std::size_t MaxInWindow(std::vector<Timestamp> times, core::Duration window) {
  std::sort(times.begin(), times.end());
  std::size_t best = 0;
  std::size_t lo = 0;
  for (std::size_t hi = 0; hi < times.size(); ++hi) {
    while (times[hi] - times[lo] >= window) ++lo;
    best = std::max(best, hi - lo + 1);
  }
  return best;
}

TEST(RateLimiter, BurstIsSpreadSoNoWindowExceedsTheLimit) {
  RateLimiter limiter;
  limiter.Configure("place-order|uid", {10, 1s});
  const Timestamp t0 = Timestamp::FromSeconds(1000);
  std::vector<Timestamp> grants;
  for (int i = 0; i < 35; ++i) grants.push_back(limiter.Reserve("place-order|uid", t0));
  EXPECT_EQ(MaxInWindow(grants, 1s), 10u);
  EXPECT_EQ(grants[9], t0);        // the first ten go at once
  EXPECT_EQ(grants[10], t0 + 1s);  // the eleventh waits a full window
  EXPECT_EQ(grants[34], t0 + 3s);
}

TEST(RateLimiter, KeysAreIndependentAndUnknownKeysUnlimited) {
  RateLimiter limiter;
  limiter.Configure("a", {1, 1s});
  limiter.Configure("b", {1, 1s});
  const Timestamp t0 = Timestamp::FromSeconds(5);
  EXPECT_EQ(limiter.Reserve("a", t0), t0);
  EXPECT_EQ(limiter.Reserve("b", t0), t0);
  EXPECT_EQ(limiter.Reserve("a", t0), t0 + 1s);
  EXPECT_EQ(limiter.Reserve("nope", t0), t0);
}

TEST(RateLimiter, MultiKeyReservationHonoursEveryKey) {
  RateLimiter limiter;
  limiter.Configure("endpoint", {20, 1s});
  limiter.Configure("ip", {30, 1s});
  std::vector<Timestamp> endpoint_a;
  std::vector<Timestamp> all;
  const Timestamp t0 = Timestamp::FromSeconds(1);
  for (int i = 0; i < 100; ++i) {
    const Timestamp t = limiter.Reserve({"endpoint", "ip"}, t0);
    endpoint_a.push_back(t);
    all.push_back(t);
    all.push_back(limiter.Reserve({"ip"}, t0));
  }
  EXPECT_LE(MaxInWindow(endpoint_a, 1s), 20u);
  EXPECT_LE(MaxInWindow(all, 1s), 30u);
}

TEST(RateLimiter, BusiestNamesTheFullestWindow) {
  RateLimiter limiter;
  limiter.Configure("a", {10, 1s});
  limiter.Configure("b", {4, 1s});
  const Timestamp t0 = Timestamp::FromSeconds(1);
  EXPECT_FALSE(limiter.Busiest(t0).has_value());
  for (int i = 0; i < 5; ++i) limiter.Reserve("a", t0);  // 5 of 10
  limiter.Reserve("b", t0);                              // 1 of 4
  auto busiest = limiter.Busiest(t0);
  ASSERT_TRUE(busiest.has_value());
  EXPECT_EQ(busiest->key, "a");
  EXPECT_EQ(busiest->used, 5);
  EXPECT_EQ(busiest->max_requests, 10);
  limiter.Reserve("b", t0);
  limiter.Reserve("b", t0);  // 3 of 4 beats 5 of 10
  busiest = limiter.Busiest(t0);
  ASSERT_TRUE(busiest.has_value());
  EXPECT_EQ(busiest->key, "b");
  EXPECT_EQ(busiest->used, 3);
  // A second later every grant has left its window.
  EXPECT_FALSE(limiter.Busiest(t0 + 1s).has_value());
}

TEST(RateLimiter, PenaltyHoldsEveryoneUntilItEnds) {
  RateLimiter limiter;
  limiter.Configure("k", {100, 1s});
  const Timestamp t0 = Timestamp::FromSeconds(10);
  limiter.Penalize("k", t0 + 5min);
  EXPECT_EQ(limiter.Reserve("k", t0), t0 + 5min);
}

TEST(RateLimiter, ConcurrentCallersNeverExceedAnyLimit) {
  RateLimiter limiter;
  limiter.Configure("trade", {10, 1s});
  limiter.Configure("close", {1, 1s});
  limiter.Configure("ip", {25, 1s});
  std::mutex mu;
  std::vector<Timestamp> trade;
  std::vector<Timestamp> close;
  std::vector<Timestamp> ip;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 40; ++i) {
        // Callers arrive at scattered but fixed (test-clock) times.
        const Timestamp now = Timestamp::FromMillis(1'000'000 + (t * 37 + i * 113) % 2000);
        const bool closing = (i % 10) == 0;
        const Timestamp at =
            closing ? limiter.Reserve({"close", "ip"}, now) : limiter.Reserve({"trade", "ip"}, now);
        EXPECT_GE(at, now) << "a grant never lies in the caller's past";
        std::lock_guard lock(mu);
        (closing ? close : trade).push_back(at);
        ip.push_back(at);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(trade.size() + close.size(), 320u);
  EXPECT_LE(MaxInWindow(trade, 1s), 10u);
  EXPECT_LE(MaxInWindow(close, 1s), 1u);
  EXPECT_LE(MaxInWindow(ip, 1s), 25u);
  EXPECT_EQ(limiter.reservations(), 320u);
}

}  // namespace
}  // namespace bgt::net
