// RestClient: sends EncodedRequests to Bitget's REST API. It paces every send through the shared
// RateLimiter (waiting, never failing, for its turn), signs private endpoints with the
// skew-corrected time of a ClockSync, classifies the answer by the envelope's `code` and retries
// only what is safe to retry: throttled (429) and timestamp-rejected (40005/40008) requests were
// not executed; a send that failed before any byte left (kUnavailable) was not either; transient
// venue errors and ambiguous failures are retried for idempotent endpoints, and for place-order
// only when the body carries a clientOid (the venue then answers a duplicate with 43118, which is
// reported as success-by-duplicate). Anything else whose outcome is unknown is returned as
// kAmbiguous and never resent (ARCHITECTURE.md §4).
// Thread-safety: RestClient::Send may be called from any number of threads at once; sends over
// the transport are serialised. TestWaiter and WallWaiter are thread-safe. HttpClientTransport is
// only called by RestClient under its lock.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "bitget/credential.h"
#include "bitget/endpoints.h"
#include "bitget/request.h"
#include "core/clock.h"
#include "core/result.h"
#include "core/time.h"
#include "net/http.h"
#include "net/http_client.h"
#include "net/rate_limiter.h"

namespace bgt::bitget {

class ClockSync;

// Where RestClient reads the local time and how it waits for a rate-limit grant or a back-off.
class Waiter {
 public:
  Waiter() = default;
  Waiter(const Waiter&) = delete;
  Waiter& operator=(const Waiter&) = delete;
  virtual ~Waiter() = default;

  virtual core::Timestamp Now() = 0;
  // Returns once Now() >= t (at once when it already is).
  virtual void WaitUntil(core::Timestamp t) = 0;
};

// System time; WaitUntil sleeps the calling thread.
class WallWaiter final : public Waiter {
 public:
  core::Timestamp Now() override;
  void WaitUntil(core::Timestamp t) override;
};

// Drives a TestClock: WaitUntil(t) moves the clock to t (never backwards) instead of sleeping and
// records t with the calling thread, so tests see every grant without real waiting. Advancing
// fires the clock's timers on the calling thread: do not share the clock with timers that call
// back into the RestClient from other threads.
class TestWaiter final : public Waiter {
 public:
  struct Wait {
    std::thread::id thread;
    core::Timestamp until;
  };
  explicit TestWaiter(core::TestClock& clock) : clock_(clock) {}
  core::Timestamp Now() override;
  void WaitUntil(core::Timestamp t) override;
  std::vector<Wait> waits() const;

 private:
  mutable std::recursive_mutex mu_;  // recursive: a timer fired by WaitUntil may call Now()
  core::TestClock& clock_;
  std::vector<Wait> waits_;
};

// What RestClient sends through. Same error contract as net::HttpClient::Send: kUnavailable when
// nothing was sent, kAmbiguous when the request may have been sent but no complete response came
// back, kOutOfRange when the response was too large.
class RestTransport {
 public:
  RestTransport() = default;
  RestTransport(const RestTransport&) = delete;
  RestTransport& operator=(const RestTransport&) = delete;
  virtual ~RestTransport() = default;
  virtual core::Result<net::HttpResponse> Send(const net::HttpRequest& request) = 0;
};

// The production transport: a keep-alive net::HttpClient.
class HttpClientTransport final : public RestTransport {
 public:
  // Error (kInvalidArgument) for a bad base URL or CA file (from net::HttpClient::Create).
  static core::Result<std::unique_ptr<HttpClientTransport>> Create(
      const net::HttpClientOptions& options);
  explicit HttpClientTransport(std::unique_ptr<net::HttpClient> client)
      : client_(std::move(client)) {}
  core::Result<net::HttpResponse> Send(const net::HttpRequest& request) override;
  const net::HttpClient& client() const { return *client_; }

 private:
  std::unique_ptr<net::HttpClient> client_;
};

// Mirrors config::VenueConfig (locale, demo_trading); the retry bounds are bgt's own.
struct RestClientOptions {
  std::string locale = "en-US";  // "locale" header; empty: not sent
  bool demo_trading = false;     // "paptrading: 1" on every request (Bitget demo trading)
  // Sends per request for failures other than throttling and clock resync: unavailable,
  // ambiguous (when resending is safe), 5xx without a Bitget code, transient codes.
  int max_attempts = 3;
  core::Duration retry_backoff = std::chrono::milliseconds(200);  // doubled per retry
  // 429: the keys are closed for throttle_backoff * 2^(n-1) (n = consecutive 429s, plus up to
  // 25 % jitter), at most max_throttle_backoff (Bitget's 5-minute recovery); at most
  // max_throttle_retries resends, then kRateLimited.
  int max_throttle_retries = 8;
  core::Duration throttle_backoff = std::chrono::seconds(1);
  core::Duration max_throttle_backoff = std::chrono::minutes(5);
  std::uint64_t jitter_seed = 0x6267'7431;
  // Receives one debug line per attempt and outcome (never a secret). Empty: spdlog::debug.
  std::function<void(std::string_view)> debug_log;
};

// A successful answer: HTTP status and the raw body (envelope code "00000"), or the answer to a
// clientOid resend that the venue refused as a duplicate (43118) after an earlier attempt may
// have placed the order: then duplicate_client_oid is set and the caller reconciles by order
// detail (clientOid).
struct RestResponse {
  int http_status = 200;
  std::string body;
  bool duplicate_client_oid = false;
  int attempts = 1;  // sends it took
};

struct RestCounters {
  std::uint64_t requests = 0;    // sends handed to the transport
  std::uint64_t retries = 0;     // sends beyond the first of a call
  std::uint64_t throttled = 0;   // 429 answers
  std::uint64_t ambiguous = 0;   // calls that ended in kAmbiguous
  std::uint64_t duplicates = 0;  // calls that ended in success-by-duplicate
  std::uint64_t resyncs = 0;     // clock re-measurements after 40005/40008
  std::uint64_t refused = 0;     // trade requests refused because trading is not allowed
};

class RestClient {
 public:
  // `limiter` (configured with ConfigureRateLimits) and `waiter` are shared and must outlive the
  // client. Credentials may be empty when only public endpoints are used.
  RestClient(RestClientOptions options, std::unique_ptr<RestTransport> transport,
             net::RateLimiter& limiter, Waiter& waiter, Credentials credentials = {});
  ~RestClient();
  RestClient(const RestClient&) = delete;
  RestClient& operator=(const RestClient&) = delete;

  // Signing uses clock_sync's corrected time, and trade requests (private POSTs: place, cancel,
  // close, set-leverage...) are refused unless clock_sync->TradingAllowedAt(now). Without a
  // ClockSync, private requests are signed with the local time and trade requests are refused.
  // `clock_sync` must outlive the client; nullptr detaches. Call before concurrent use.
  void AttachClockSync(ClockSync* clock_sync);

  // Sends `request` and returns the answer when its envelope code is "00000". Errors:
  //  - the typed venue error (VenueError) for any other code, whatever the HTTP status, after
  //    the retries its RetryPolicy allows; kRateLimited when still throttled after the retries;
  //  - kAmbiguous when the request may have taken effect and its outcome is unknown (timeout,
  //    reset, 5xx or unreadable answer to a non-idempotent request; any failure of a resend that
  //    followed such an attempt); venue_code/http_status of the last answer are kept;
  //  - kUnavailable when nothing could be sent, or an idempotent request kept failing with 5xx
  //    or transport errors; kOutOfRange for a too-large answer to a read; kIo for an answer to a
  //    read that is not a Bitget envelope (HTML page, truncated or malformed JSON);
  //  - kFailedPrecondition for a trade request while trading is not allowed (nothing is sent);
  //  - kInvalidArgument for a request that cannot be signed (incomplete credentials) or a body
  //    on a GET / query on a POST.
  // Messages never contain key material.
  core::Result<RestResponse> Send(const EncodedRequest& request);

  RestCounters counters() const;

 private:
  struct Call;
  // One attempt's outcome: std::nullopt to send again (after call.pause), else the result.
  using Step = std::optional<core::Result<RestResponse>>;
  Step OnTransportError(Call& call, const core::Error& error);
  Step OnThrottled(Call& call, core::Error error);
  Step OnVenueError(Call& call, const net::HttpResponse& response, core::Error error);
  Step OnUnreadable(Call& call, const net::HttpResponse& response, std::string described);
  // OK, or kFailedPrecondition for a trade request while trading is not allowed.
  core::Status TradingAllowed(const Call& call) const;
  // Spends one retry and sets call.pause; false when max_attempts is used up.
  bool RetryLater(Call& call);
  // kAmbiguous: an attempt may have acted (`later`: `last` is a later attempt's failure).
  core::Error Ambiguous(Call& call, core::Error last, bool later);
  // The error a call ends with: ambiguous when an earlier attempt may have acted.
  core::Error Final(Call& call, core::Error error);

  // The HTTP request of one attempt (signed afresh for private endpoints); its headers as they
  // may be logged go to *redacted_headers.
  core::Result<net::HttpRequest> Build(const EncodedRequest& request, const EndpointSpec& spec,
                                       std::string* redacted_headers);
  core::Duration NextThrottlePenalty();
  void ResetThrottle();
  core::Duration RetryPause(int retry);
  void Log(std::string_view line) const;

  RestClientOptions options_;
  std::unique_ptr<RestTransport> transport_;
  net::RateLimiter& limiter_;
  Waiter& waiter_;
  Credentials credentials_;
  ClockSync* clock_sync_ = nullptr;

  std::mutex transport_mu_;  // one send at a time over the keep-alive connection
  std::mutex backoff_mu_;    // guards rng_ and consecutive_throttles_
  std::mt19937_64 rng_;
  int consecutive_throttles_ = 0;

  std::atomic<std::uint64_t> requests_{0};
  std::atomic<std::uint64_t> retries_{0};
  std::atomic<std::uint64_t> throttled_{0};
  std::atomic<std::uint64_t> ambiguous_{0};
  std::atomic<std::uint64_t> duplicates_{0};
  std::atomic<std::uint64_t> resyncs_{0};
  std::atomic<std::uint64_t> refused_{0};
};

// True for requests that change the account (private POSTs): refused while trading is not allowed.
bool IsTradeRequest(const EndpointSpec& spec);

}  // namespace bgt::bitget
