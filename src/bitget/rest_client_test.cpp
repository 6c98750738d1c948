// RestClient against a loopback Bitget: keep-alive, headers and signing, clock skew, refusals,
// redaction, and pacing of concurrent callers. Retries live in rest_client_retry_test.cpp.
#include "bitget/rest_client.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <thread>

#include "bitget/clock_sync.h"
#include "bitget/rest_test_harness.h"

namespace bgt::bitget {
namespace {

using namespace testing;
using core::ErrorCode;

TEST(RestClient, PublicGetsReuseOneKeptAliveConnection) {
  Harness h([](const net::HttpRequest&, int) { return Ok(R"([{"symbol":"BTCUSDT"}])"); });
  for (int i = 0; i < 4; ++i) {
    auto response = h.client().Send(Ticker());
    ASSERT_TRUE(response.has_value()) << response.error().ToString();
    EXPECT_EQ(response->http_status, 200);
    EXPECT_EQ(response->body, OkBody(R"([{"symbol":"BTCUSDT"}])"));
    EXPECT_FALSE(response->duplicate_client_oid);
    EXPECT_EQ(response->attempts, 1);
  }
  EXPECT_EQ(h.server().connections_accepted(), 1u);
  EXPECT_EQ(h.http().stats().connects, 1u);
  const auto seen = h.seen();
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0].method, "GET");
  EXPECT_EQ(seen[0].target, "/api/v2/mix/market/ticker?productType=USDT-FUTURES&symbol=BTCUSDT");
  EXPECT_EQ(seen[0].Header("locale"), "en-US");
  EXPECT_EQ(seen[0].Header("ACCESS-KEY"), "");
  EXPECT_EQ(seen[0].Header("paptrading"), "");
  const RestCounters c = h.client().counters();
  EXPECT_EQ(c.requests, 4u);
  EXPECT_EQ(c.retries, 0u);
}

TEST(RestClient, SignsPrivateRequestsWithTheSkewCorrectedTime) {
  HarnessOptions options;
  options.rest.demo_trading = true;
  Harness h([](const net::HttpRequest&, int) { return Ok(R"({"state":"live"})"); }, options);
  h.set_server_offset(1500ms);
  h.AttachClockSync();
  ASSERT_EQ(h.sync()->last()->offset, 1500ms);
  auto detail = h.client().Send(OrderDetail());
  ASSERT_TRUE(detail.has_value()) << detail.error().ToString();
  auto placed = h.client().Send(PlaceOrder(true));
  ASSERT_TRUE(placed.has_value()) << placed.error().ToString();
  EXPECT_EQ(h.bad_signatures(), 0);
  const auto seen = h.seen();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].target,
            "/api/v2/mix/order/detail?orderId=1&productType=USDT-FUTURES&symbol=BTCUSDT");
  EXPECT_EQ(seen[0].Header("ACCESS-TIMESTAMP"),
            std::to_string((h.clock().Now() + 1500ms).millis()));
  EXPECT_EQ(seen[0].Header("paptrading"), "1");
  EXPECT_EQ(seen[1].method, "POST");
  EXPECT_EQ(seen[1].body, kOrderBodyWithOid);
  EXPECT_EQ(seen[1].Header("Content-Type"), "application/json");
  EXPECT_EQ(seen[1].Header("paptrading"), "1");
}

TEST(RestClient, MockVenueRejectsAWrongSecretWith40009WithoutRetrying) {
  HarnessOptions options;
  options.secret = "not-the-secret";
  Harness h([](const net::HttpRequest&, int) { return Ok(); }, options);
  auto detail = h.client().Send(OrderDetail());
  ASSERT_FALSE(detail.has_value());
  EXPECT_EQ(detail.error().code, ErrorCode::kVenueRejected);
  EXPECT_EQ(detail.error().venue_code, "40009");
  EXPECT_EQ(detail.error().http_status, 400);
  EXPECT_EQ(h.bad_signatures(), 1);
  EXPECT_EQ(h.seen().size(), 1u);
}

TEST(RestClient, VenueErrorWithHttp400IsTypedAndNotRetried) {
  Harness h([](const net::HttpRequest&, int) {
    return Reply(400, ErrorBody("40808", "Parameter verification exception size checkBDScale"));
  });
  h.AttachClockSync();
  auto placed = h.client().Send(PlaceOrder(false));
  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().code, ErrorCode::kVenueRejected);
  EXPECT_EQ(placed.error().venue_code, "40808");
  EXPECT_EQ(placed.error().http_status, 400);
  EXPECT_NE(placed.error().message.find("checkBDScale"), std::string::npos);
  EXPECT_NE(placed.error().message.find("/api/v2/mix/order/place-order"), std::string::npos);
  EXPECT_EQ(h.seen().size(), 1u);
  EXPECT_EQ(h.client().counters().ambiguous, 0u);
}

TEST(RestClient, TimestampExpiredResyncsTheClockAndRetriesOnce) {
  Harness h([](const net::HttpRequest&, int) { return Ok(R"({"state":"live"})"); });
  h.AttachClockSync();
  EXPECT_EQ(h.time_requests(), 3);
  h.set_server_offset(45s);  // the venue's clock jumped: our timestamps are now 45 s behind
  auto detail = h.client().Send(OrderDetail());
  ASSERT_TRUE(detail.has_value()) << detail.error().ToString();
  EXPECT_EQ(detail->attempts, 2);
  EXPECT_EQ(h.time_requests(), 6);  // one re-measurement of three samples
  EXPECT_EQ(h.sync()->last()->offset, 45s);
  EXPECT_EQ(h.client().counters().resyncs, 1u);
  EXPECT_EQ(h.seen().size(), 2u);  // the rejected attempt and the retry
}

TEST(RestClient, TradeRequestAfterResyncIsRefusedWhenTheSkewExceedsTheBound) {
  Harness h([](const net::HttpRequest&, int) { return Ok(R"({"orderId":"1"})"); });
  h.AttachClockSync();
  h.set_server_offset(45s);
  auto placed = h.client().Send(PlaceOrder(false));
  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(placed.error().message.find("max_clock_skew_ms"), std::string::npos);
  EXPECT_EQ(h.seen().size(), 1u);  // only the 40008 attempt
  // Refused up front from now on; public endpoints still work.
  auto again = h.client().Send(PlaceOrder(true));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(h.seen().size(), 1u);
  EXPECT_TRUE(h.client().Send(Ticker()).has_value());
  EXPECT_EQ(h.client().counters().refused, 1u);
}

TEST(RestClient, TimestampRejectedTwiceIsReturnedAfterOneResync) {
  Harness h([](const net::HttpRequest&, int) {
    return Reply(400, ErrorBody("40008", "Request timestamp expired"));
  });
  h.AttachClockSync();
  auto detail = h.client().Send(OrderDetail());
  ASSERT_FALSE(detail.has_value());
  EXPECT_EQ(detail.error().venue_code, "40008");
  EXPECT_EQ(h.seen().size(), 2u);
  EXPECT_EQ(h.client().counters().resyncs, 1u);
}

TEST(RestClient, RefusesTradeRequestsUntilTheClockIsMeasured) {
  Harness h([](const net::HttpRequest&, int) { return Ok(); });
  auto no_sync = h.client().Send(PlaceOrder(true));
  ASSERT_FALSE(no_sync.has_value());
  EXPECT_EQ(no_sync.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(no_sync.error().message.find("no clock sync"), std::string::npos);

  ClockSync never_measured(h.clock(), RestServerTime(h.client()));
  h.client().AttachClockSync(&never_measured);
  auto unmeasured = h.client().Send(EncodedRequest{Endpoint::kCancelOrder, {}, "{}"});
  ASSERT_FALSE(unmeasured.has_value());
  EXPECT_EQ(unmeasured.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(unmeasured.error().message.find("never measured"), std::string::npos);
  EXPECT_TRUE(h.seen().empty());  // nothing left the process

  EXPECT_TRUE(h.client().Send(Ticker()).has_value());       // public
  EXPECT_TRUE(h.client().Send(OrderDetail()).has_value());  // private read
  EXPECT_EQ(h.client().counters().refused, 2u);
  h.client().AttachClockSync(nullptr);
}

TEST(RestClient, RejectsMisshapenRequestsLocally) {
  Harness h([](const net::HttpRequest&, int) { return Ok(); });
  EncodedRequest get_with_body = Ticker();
  get_with_body.body = "{}";
  EXPECT_EQ(h.client().Send(get_with_body).error().code, ErrorCode::kInvalidArgument);
  h.AttachClockSync();
  EncodedRequest post_with_query = PlaceOrder(true);
  post_with_query.query = {{"a", "b"}};
  EXPECT_EQ(h.client().Send(post_with_query).error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(h.seen().empty());
}

TEST(RestClient, IncompleteCredentialsFailBeforeSending) {
  core::TestClock clock(kStart);
  TestWaiter waiter(clock);
  net::RateLimiter limiter;
  class NoTransport final : public RestTransport {
   public:
    core::Result<net::HttpResponse> Send(const net::HttpRequest&) override {
      ADD_FAILURE() << "nothing should be sent";
      return net::HttpResponse{};
    }
  };
  RestClient client({}, std::make_unique<NoTransport>(), limiter, waiter);
  auto detail = client.Send(OrderDetail());
  ASSERT_FALSE(detail.has_value());
  EXPECT_EQ(detail.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(detail.error().message.find("missing api key, secret, passphrase"), std::string::npos);
}

TEST(RestClient, ServerTimeFetchParsesServerTime) {
  Harness h([](const net::HttpRequest&, int) { return Ok(); });
  h.set_server_offset(-250ms);
  auto fetched = RestServerTime(h.client())();
  ASSERT_TRUE(fetched.has_value()) << fetched.error().ToString();
  EXPECT_EQ(*fetched, kStart - 250ms);
}

HarnessOptions SlowVenueOptions() {
  HarnessOptions options;
  options.timeout = 150ms;
  return options;
}

TEST(RestClient, SecretsNeverAppearInLogsOrErrors) {
  std::set<std::string> signatures;
  Harness h(
      [](const net::HttpRequest&, int n) {
        if (n == 2) return Reply(400, ErrorBody("43012", "Insufficient balance"));
        if (n == 3) return Hang();
        return Ok(R"({"orderId":"1"})");
      },
      SlowVenueOptions());
  h.AttachClockSync();
  std::vector<std::string> errors;
  EXPECT_TRUE(h.client().Send(OrderDetail()).has_value());
  auto rejected = h.client().Send(PlaceOrder(true));
  ASSERT_FALSE(rejected.has_value());
  errors.push_back(rejected.error().ToString());
  auto ambiguous = h.client().Send(PlaceOrder(false));
  ASSERT_FALSE(ambiguous.has_value());
  EXPECT_EQ(ambiguous.error().code, ErrorCode::kAmbiguous);
  errors.push_back(ambiguous.error().ToString());
  for (const net::HttpRequest& r : h.seen()) signatures.emplace(r.Header("ACCESS-SIGN"));
  ASSERT_EQ(signatures.size(), 3u);

  const auto logs = h.logs();
  ASSERT_FALSE(logs.empty());
  bool masked = false;
  for (const std::string& text : logs) {
    masked = masked || text.find("ACCESS-KEY: ***") != std::string::npos;
  }
  EXPECT_TRUE(masked);
  std::vector<std::string> all = logs;
  all.insert(all.end(), errors.begin(), errors.end());
  for (const std::string& text : all) {
    EXPECT_EQ(text.find(kKey), std::string::npos) << text;
    EXPECT_EQ(text.find(kSecret), std::string::npos) << text;
    EXPECT_EQ(text.find(kPassphrase), std::string::npos) << text;
    for (const std::string& sign : signatures) EXPECT_EQ(text.find(sign), std::string::npos);
  }
}

// N threads share one RestClient and limiter under a TestClock. Every grant the waiter records
// is matched to the request the server received (by caller and sequence number), and no
// one-second window of grants may hold more sends than the endpoint's limit.
TEST(RestClient, ConcurrentCallersNeverExceedAnyEndpointLimit) {
  Harness h([](const net::HttpRequest&, int) { return Ok(); });
  constexpr int kThreads = 6;
  constexpr int kPerThread = 12;
  const Endpoint endpoints[] = {Endpoint::kTicker, Endpoint::kOrderDetail, Endpoint::kCandles};
  std::vector<std::thread::id> ids(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      ids[t] = std::this_thread::get_id();
      for (int seq = 0; seq < kPerThread; ++seq) {
        EncodedRequest r{endpoints[(t + seq) % 3],
                         {{"caller", std::to_string(t)}, {"seq", std::to_string(seq)}},
                         {}};
        auto response = h.client().Send(r);
        EXPECT_TRUE(response.has_value()) << response.error().ToString();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(h.bad_signatures(), 0);

  // Server side: every request arrived once, each caller's in its own order.
  const auto seen = h.seen();
  ASSERT_EQ(seen.size(), static_cast<std::size_t>(kThreads * kPerThread));
  std::map<int, int> next_seq;
  for (const net::HttpRequest& r : seen) {
    const std::string query(r.Query());
    const int caller = std::stoi(query.substr(query.find("caller=") + 7));
    const int seq = std::stoi(query.substr(query.find("seq=") + 4));
    EXPECT_EQ(seq, next_seq[caller]++) << "caller " << caller;
    EXPECT_EQ(r.Path(), SpecOf(endpoints[(caller + seq) % 3]).path);
  }
  // Grants: the k-th wait of a thread is the grant of its k-th request (no retries happened).
  std::map<Endpoint, std::vector<core::Timestamp>> grants;
  std::vector<core::Timestamp> all;
  std::map<std::thread::id, int> count;
  for (const TestWaiter::Wait& wait : h.waiter().waits()) {
    const int t = static_cast<int>(std::find(ids.begin(), ids.end(), wait.thread) - ids.begin());
    ASSERT_LT(t, kThreads);
    const int seq = count[wait.thread]++;
    grants[endpoints[(t + seq) % 3]].push_back(wait.until);
    all.push_back(wait.until);
  }
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kThreads * kPerThread));
  for (auto& [endpoint, times] : grants) {
    std::sort(times.begin(), times.end());
    const auto limit = static_cast<std::size_t>(SpecOf(endpoint).per_second);
    for (std::size_t i = 0; i + limit < times.size(); ++i) {
      EXPECT_GE(times[i + limit] - times[i], std::chrono::seconds(1))
          << SpecOf(endpoint).path << " grants " << i << " and " << i + limit;
    }
  }
  // 24 order-detail calls at 10/s need at least 2 s of (test) time.
  EXPECT_GE(h.clock().Now() - kStart, 2s);
  EXPECT_EQ(h.client().counters().requests, static_cast<std::uint64_t>(kThreads * kPerThread));
}

}  // namespace
}  // namespace bgt::bitget
