// RestClient retries: timeouts, throttling, 5xx pages, clientOid resends, malformed and huge
// answers, transient codes, and failures before sending. Never asserts on wall time.
#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <string>

#include "bitget/clock_sync.h"
#include "bitget/rest_client.h"
#include "bitget/rest_test_harness.h"

namespace bgt::bitget {
namespace {

using namespace testing;
using core::ErrorCode;

HarnessOptions Fast(std::size_t max_bytes = 1u << 20) {
  HarnessOptions o;
  o.timeout = 150ms;
  o.max_response_bytes = max_bytes;
  return o;
}

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(RestClientRetry, TimedOutGetIsRetriedThenUnavailable) {
  Harness h([](const net::HttpRequest&, int) { return Hang(); }, Fast());
  auto ticker = h.client().Send(Ticker());
  ASSERT_FALSE(ticker.has_value());
  EXPECT_EQ(ticker.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(Contains(ticker.error().message, "timed out")) << ticker.error().message;
  EXPECT_EQ(h.seen().size(), 3u);
  EXPECT_EQ(h.client().counters().retries, 2u);
  EXPECT_EQ(h.client().counters().ambiguous, 0u);
}

TEST(RestClientRetry, TimedOutPlaceOrderWithoutClientOidIsAmbiguousAndSentOnce) {
  Harness h([](const net::HttpRequest&, int) { return Hang(); }, Fast());
  h.AttachClockSync();
  auto placed = h.client().Send(PlaceOrder(false));
  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().code, ErrorCode::kAmbiguous);
  EXPECT_TRUE(Contains(placed.error().message, "may have been executed"));
  EXPECT_EQ(h.seen().size(), 1u);
  EXPECT_EQ(h.client().counters().ambiguous, 1u);
}

TEST(RestClientRetry, TimedOutPlaceOrderWithClientOidIsResentAndDuplicateMeansPlaced) {
  Harness h(
      [](const net::HttpRequest&, int n) {
        if (n == 1) return Hang();
        return Reply(400, ErrorBody("43118", "clientOrderId duplicate"));
      },
      Fast());
  h.AttachClockSync();
  auto placed = h.client().Send(PlaceOrder(true));
  ASSERT_TRUE(placed.has_value()) << placed.error().ToString();
  EXPECT_TRUE(placed->duplicate_client_oid);
  EXPECT_EQ(placed->attempts, 2);
  const auto seen = h.seen();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].body, seen[1].body);  // the same order, the same clientOid
  EXPECT_EQ(seen[1].body, kOrderBodyWithOid);
  EXPECT_EQ(h.bad_signatures(), 0);  // re-signed with a fresh timestamp
  EXPECT_EQ(h.client().counters().duplicates, 1u);
  EXPECT_EQ(h.client().counters().ambiguous, 0u);
}

TEST(RestClientRetry, DuplicateClientOidOnTheFirstAttemptIsAnError) {
  Harness h([](const net::HttpRequest&, int) {
    return Reply(400, ErrorBody("43118", "clientOrderId duplicate"));
  });
  h.AttachClockSync();
  auto placed = h.client().Send(PlaceOrder(true));
  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(placed.error().venue_code, "43118");
  EXPECT_EQ(h.seen().size(), 1u);
}

TEST(RestClientRetry, RejectionOfAResendAfterAnUnknownOutcomeStaysAmbiguous) {
  // The first copy may have been placed and used the balance the second copy is refused for.
  Harness h(
      [](const net::HttpRequest&, int n) {
        if (n == 1) return HtmlPage(504);
        return Reply(400, ErrorBody("43012", "Insufficient balance"));
      },
      Fast());
  h.AttachClockSync();
  auto placed = h.client().Send(PlaceOrder(true));
  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().code, ErrorCode::kAmbiguous);
  EXPECT_EQ(placed.error().venue_code, "43012");
  EXPECT_TRUE(Contains(placed.error().message, "HTTP 504")) << placed.error().message;
  EXPECT_EQ(h.seen().size(), 2u);
}

TEST(RestClientRetry, HtmlErrorPageOnGetIsRetriedThenTyped) {
  Harness h([](const net::HttpRequest&, int) { return HtmlPage(502); });
  auto ticker = h.client().Send(Ticker());
  ASSERT_FALSE(ticker.has_value());
  EXPECT_EQ(ticker.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(ticker.error().http_status, 502);
  EXPECT_TRUE(Contains(ticker.error().message, "an HTML page")) << ticker.error().message;
  EXPECT_EQ(h.seen().size(), 3u);
}

TEST(RestClientRetry, HtmlErrorPageOnPlaceOrderWithoutClientOidIsAmbiguousAfterOneRequest) {
  Harness h([](const net::HttpRequest&, int) { return HtmlPage(502); });
  h.AttachClockSync();
  auto placed = h.client().Send(PlaceOrder(false));
  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().code, ErrorCode::kAmbiguous);
  EXPECT_EQ(placed.error().http_status, 502);
  EXPECT_EQ(h.seen().size(), 1u);
}

TEST(RestClientRetry, HtmlErrorPageOnPlaceOrderWithClientOidIsResent) {
  Harness h([](const net::HttpRequest&, int n) {
    if (n == 1) return HtmlPage(502);
    return Reply(400, ErrorBody("43118", "clientOrderId duplicate"));
  });
  h.AttachClockSync();
  auto placed = h.client().Send(PlaceOrder(true));
  ASSERT_TRUE(placed.has_value()) << placed.error().ToString();
  EXPECT_TRUE(placed->duplicate_client_oid);
  EXPECT_EQ(h.seen().size(), 2u);
}

TEST(RestClientRetry, ThrottledGetWaitsForThePenaltyThenSucceeds) {
  Harness h([](const net::HttpRequest&, int n) {
    if (n <= 3) return Reply(429, ErrorBody("429", "Too Many Requests"));
    return Ok();
  });
  auto ticker = h.client().Send(Ticker());
  ASSERT_TRUE(ticker.has_value()) << ticker.error().ToString();
  EXPECT_EQ(ticker->attempts, 4);
  const auto waits = h.waiter().waits();
  ASSERT_EQ(waits.size(), 4u);
  // Penalties double from 1 s, each with up to 25 % jitter; the test clock did the waiting.
  const core::Duration base[] = {1s, 2s, 4s};
  for (int i = 0; i < 3; ++i) {
    const core::Duration gap = waits[i + 1].until - waits[i].until;
    EXPECT_GE(gap, base[i]) << i;
    EXPECT_LE(gap, base[i] * 5 / 4) << i;
  }
  EXPECT_EQ(h.clock().Now(), waits[3].until);
  const RestCounters c = h.client().counters();
  EXPECT_EQ(c.throttled, 3u);
  EXPECT_EQ(c.retries, 3u);
}

TEST(RestClientRetry, ThrottledPlaceOrderIsResentBecauseItWasNotExecuted) {
  Harness h([](const net::HttpRequest&, int n) {
    if (n == 1) return Reply(429, ErrorBody("429", "Too Many Requests"));
    return Ok(R"({"orderId":"1","clientOid":"x"})");
  });
  h.AttachClockSync();
  auto placed = h.client().Send(PlaceOrder(false));
  ASSERT_TRUE(placed.has_value()) << placed.error().ToString();
  EXPECT_FALSE(placed->duplicate_client_oid);
  EXPECT_EQ(h.seen().size(), 2u);
}

TEST(RestClientRetry, ThrottleClosesTheIpCapForEveryEndpointAndGivesUpAfterTheRetries) {
  HarnessOptions options;
  options.rest.max_throttle_retries = 0;
  Harness h(
      [](const net::HttpRequest& r, int) {
        if (r.Path() == SpecOf(Endpoint::kTicker).path) return Reply(429, "");  // no body at all
        return Ok();
      },
      options);
  const core::Timestamp before = h.clock().Now();
  auto ticker = h.client().Send(Ticker());
  ASSERT_FALSE(ticker.has_value());
  EXPECT_EQ(ticker.error().code, ErrorCode::kRateLimited);
  EXPECT_EQ(ticker.error().venue_code, "429");
  EXPECT_EQ(ticker.error().http_status, 429);
  // Another endpoint waits for the penalty too (Bitget does not say which limit tripped).
  auto candles = h.client().Send(EncodedRequest{Endpoint::kCandles, {{"symbol", "BTCUSDT"}}, {}});
  ASSERT_TRUE(candles.has_value());
  EXPECT_GE(h.clock().Now() - before, 1s);
}

TEST(RestClientRetry, ThrottleJitterIsDeterministicPerSeed) {
  const auto penalties = [](std::uint64_t seed) {
    HarnessOptions options;
    options.rest.jitter_seed = seed;
    Harness h(
        [](const net::HttpRequest&, int n) {
          return n <= 3 ? Reply(429, ErrorBody("429", "Too Many Requests")) : Ok();
        },
        options);
    EXPECT_TRUE(h.client().Send(Ticker()).has_value());
    std::vector<core::Duration> gaps;
    const auto waits = h.waiter().waits();
    for (std::size_t i = 1; i < waits.size(); ++i)
      gaps.push_back(waits[i].until - waits[i - 1].until);
    return gaps;
  };
  EXPECT_EQ(penalties(7), penalties(7));
  EXPECT_NE(penalties(7), penalties(8));
}

TEST(RestClientRetry, TruncatedOrMalformedJsonIsTyped) {
  Harness h([](const net::HttpRequest&, int) {
    return Reply(200, R"({"code":"00000","msg":"success","data":[{"symbol":"BTCU)");
  });
  auto ticker = h.client().Send(Ticker());
  ASSERT_FALSE(ticker.has_value());
  EXPECT_EQ(ticker.error().code, ErrorCode::kIo);
  EXPECT_TRUE(Contains(ticker.error().message, "truncated or malformed JSON"));
  EXPECT_EQ(h.seen().size(), 1u);
  h.AttachClockSync();
  auto placed = h.client().Send(PlaceOrder(false));
  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().code, ErrorCode::kAmbiguous);  // it reached the venue: unknown
  EXPECT_EQ(h.seen().size(), 2u);
}

TEST(RestClientRetry, JsonWithoutACodeIsTyped) {
  Harness h([](const net::HttpRequest&, int) { return Reply(200, R"({"data":[]})"); });
  auto ticker = h.client().Send(Ticker());
  ASSERT_FALSE(ticker.has_value());
  EXPECT_EQ(ticker.error().code, ErrorCode::kIo);
  EXPECT_TRUE(Contains(ticker.error().message, "JSON without a Bitget code"));
}

TEST(RestClientRetry, ResponseCutMidBodyIsRetriedForReads) {
  Harness h(
      [](const net::HttpRequest&, int) {
        net::ServerReply r;
        r.kind = net::ServerReply::Kind::kRaw;
        r.raw =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
            R"({"code":"00000")";
        return r;
      },
      Fast());
  auto ticker = h.client().Send(Ticker());
  ASSERT_FALSE(ticker.has_value());
  EXPECT_EQ(ticker.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(h.seen().size(), 3u);
}

TEST(RestClientRetry, HugeBodyIsOutOfRangeForReadsAndAmbiguousForOrders) {
  const std::string huge = OkBody("\"" + std::string(4096, 'x') + "\"");
  Harness h([&](const net::HttpRequest&, int) { return Reply(200, huge); }, Fast(1024));
  auto ticker = h.client().Send(Ticker());
  ASSERT_FALSE(ticker.has_value());
  EXPECT_EQ(ticker.error().code, ErrorCode::kOutOfRange);
  EXPECT_TRUE(Contains(ticker.error().message, "exceeds 1024 bytes"));
  EXPECT_EQ(h.seen().size(), 1u);
  h.AttachClockSync();
  auto placed = h.client().Send(PlaceOrder(false));
  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().code, ErrorCode::kAmbiguous);
  EXPECT_EQ(h.seen().size(), 2u);
}

TEST(RestClientRetry, TransientCodesAreRetriedForIdempotentEndpointsOnly) {
  std::atomic<int> gets{0};
  Harness h([&gets](const net::HttpRequest& r, int) {
    if (r.method == "GET" && ++gets == 1) return Reply(500, ErrorBody("45001", ""));
    if (r.method == "GET") return Ok();
    return Reply(200, ErrorBody("40725", "service return an error"));
  });
  auto ticker = h.client().Send(Ticker());
  ASSERT_TRUE(ticker.has_value()) << ticker.error().ToString();
  EXPECT_EQ(ticker->attempts, 2);
  h.AttachClockSync();
  auto placed = h.client().Send(PlaceOrder(true));
  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().venue_code, "40725");
  EXPECT_EQ(placed.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(h.seen().size(), 3u);
}

// A transport that replays scripted results (for failures a real server cannot produce).
class ScriptedTransport final : public RestTransport {
 public:
  core::Result<net::HttpResponse> Send(const net::HttpRequest& request) override {
    sent.push_back(request);
    if (script.empty()) return core::MakeError(ErrorCode::kInternal, "script exhausted");
    auto next = script.front();
    script.pop_front();
    return next;
  }
  std::deque<core::Result<net::HttpResponse>> script;
  std::vector<net::HttpRequest> sent;
};

struct Scripted {
  core::TestClock clock{kStart};
  TestWaiter waiter{clock};
  net::RateLimiter limiter;
  ScriptedTransport* transport = nullptr;
  std::unique_ptr<RestClient> client;
  std::unique_ptr<ClockSync> sync;

  Scripted() {
    auto owned = std::make_unique<ScriptedTransport>();
    transport = owned.get();
    RestClientOptions options;
    options.debug_log = [](std::string_view) {};
    client = std::make_unique<RestClient>(
        options, std::move(owned), limiter, waiter,
        Credentials{core::Secret("k"), core::Secret("s"), core::Secret("p")});
    sync = std::make_unique<ClockSync>(
        clock, [this]() -> core::Result<core::Timestamp> { return clock.Now(); });
    EXPECT_TRUE(sync->Measure().ok());
    client->AttachClockSync(sync.get());
  }
};

net::HttpResponse OkResponse(std::string data = "null") {
  net::HttpResponse r;
  r.body = OkBody(data);
  return r;
}

TEST(RestClientRetry, NothingSentIsRetriedEvenForPlaceOrder) {
  Scripted s;
  s.transport->script = {core::MakeError(ErrorCode::kUnavailable, "connection refused"),
                         OkResponse(R"({"orderId":"7"})")};
  auto placed = s.client->Send(PlaceOrder(false));
  ASSERT_TRUE(placed.has_value()) << placed.error().ToString();
  EXPECT_EQ(placed->attempts, 2);
  EXPECT_EQ(s.transport->sent.size(), 2u);

  s.transport->script = {core::MakeError(ErrorCode::kUnavailable, "connection refused"),
                         core::MakeError(ErrorCode::kUnavailable, "connection refused"),
                         core::MakeError(ErrorCode::kUnavailable, "connection refused")};
  auto refused = s.client->Send(PlaceOrder(false));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);  // never sent: not ambiguous
  EXPECT_TRUE(Contains(refused.error().message, "after 3 attempts"));
  EXPECT_EQ(s.transport->sent.size(), 5u);
}

TEST(RestClientRetry, NothingSentAfterAnAmbiguousAttemptIsStillAmbiguous) {
  Scripted s;
  s.transport->script = {core::MakeError(ErrorCode::kAmbiguous, "read timed out"),
                         core::MakeError(ErrorCode::kUnavailable, "connection refused"),
                         core::MakeError(ErrorCode::kUnavailable, "connection refused")};
  auto placed = s.client->Send(PlaceOrder(true));
  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().code, ErrorCode::kAmbiguous);
  EXPECT_TRUE(Contains(placed.error().message, "read timed out"));
}

TEST(RestClientRetry, ServerTimeWithoutServerTimeIsAParseError) {
  Scripted s;
  s.transport->script = {OkResponse(R"({"time":"1"})")};
  auto fetched = RestServerTime(*s.client)();
  ASSERT_FALSE(fetched.has_value());
  EXPECT_EQ(fetched.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Contains(fetched.error().message, "serverTime")) << fetched.error().message;
}

}  // namespace
}  // namespace bgt::bitget
