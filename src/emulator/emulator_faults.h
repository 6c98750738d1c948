// REST fault injection of the emulator: added latency, HTTP 502/503 answers, bursts of HTTP 429
// and "accepted but the response is lost" (a POST is executed, then the connection is closed
// without an answer), limited to a set of paths when asked. Every decision comes from one
// generator seeded by RestFaults::seed, so the same requests in the same order meet the same
// faults. Counters of what was injected are readable at any time.
// Thread-safety: FaultInjector is internally locked; every method may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace bgt::emulator {

struct RestFaults {
  std::uint64_t seed = 1;
  int latency_ms = 0;         // added to every answer in scope
  int latency_jitter_ms = 0;  // plus a uniform [0, jitter] ms
  double error_5xx_rate = 0;  // share of requests answered 502 or 503 (not executed)
  // A request opens a burst with this probability; the burst answers HTTP 429 to it and to the
  // next burst_429_requests - 1 requests in scope (not executed).
  double burst_429_rate = 0;
  int burst_429_requests = 5;
  // Share of POST requests that are executed and answered 2xx by the exchange, whose answer is
  // then dropped: the connection is closed without a response (the client sees an ambiguous
  // outcome).
  double drop_response_rate = 0;
  std::vector<std::string> paths;  // request paths in scope; empty: every path

  bool Active() const {
    return latency_ms > 0 || latency_jitter_ms > 0 || error_5xx_rate > 0 || burst_429_rate > 0 ||
           drop_response_rate > 0;
  }
};

// What was injected since start-up (SetFaults does not reset them).
struct FaultCounters {
  std::uint64_t delayed = 0;         // answers that got added latency
  std::uint64_t delay_ms_total = 0;  // sum of the added latencies
  std::uint64_t http_502 = 0;
  std::uint64_t http_503 = 0;
  std::uint64_t http_429 = 0;    // requests answered 429 by a burst
  std::uint64_t bursts_429 = 0;  // bursts opened
  std::uint64_t dropped_responses = 0;

  friend bool operator==(const FaultCounters&, const FaultCounters&) = default;
};

// The fault decided for one request before it is executed.
struct FaultDecision {
  std::chrono::milliseconds delay{0};
  int status = 0;           // 502, 503 or 429: answer this instead of executing; 0: execute
  bool drop_if_ok = false;  // after executing: drop a 2xx answer
};

class FaultInjector {
 public:
  explicit FaultInjector(RestFaults faults = {});

  // Replaces the faults and reseeds the generator (an open 429 burst ends).
  void Set(RestFaults faults);
  // Answers HTTP 429 to the next `requests` requests in scope, whatever the rates.
  void StartBurst(int requests);

  FaultDecision Decide(std::string_view method, std::string_view path);
  // Counts a response the caller dropped (decision.drop_if_ok and the answer was 2xx).
  void CountDropped();
  FaultCounters counters() const;

  // The bodies sent with the injected statuses: nginx's pages for 502/503 (text/html), Bitget's
  // JSON for 429 (`request_time_ms` in requestTime).
  static std::string_view Html5xx(int status);
  static std::string Body429(std::int64_t request_time_ms);

 private:
  bool InScope(std::string_view path) const;
  double Uniform();  // [0, 1)

  mutable std::mutex mu_;
  RestFaults faults_;
  std::mt19937_64 rng_;
  int burst_left_ = 0;
  FaultCounters counters_;
};

}  // namespace bgt::emulator
