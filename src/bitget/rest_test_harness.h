// Test harness for RestClient: a loopback net::HttpServer playing Bitget (it checks every
// signature with the test secret and the 30 s timestamp window, answers /api/v2/public/time
// itself and hands every other request to the test's script), a RestClient on a TestClock
// through a TestWaiter, and the client's debug log.
// Thread-safety: the script runs on the server thread; accessors lock.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "bitget/clock_sync.h"
#include "bitget/credential.h"
#include "bitget/rest_client.h"
#include "net/http_server.h"

namespace bgt::bitget::testing {

using namespace std::chrono_literals;

inline constexpr core::Timestamp kStart = core::Timestamp::FromMillis(1'700'000'000'000);
inline constexpr std::string_view kKey = "bg_key_5f0c1d2e3a";
inline constexpr std::string_view kSecret = "secret-9c1e77a0b4d2";
inline constexpr std::string_view kPassphrase = "pass-44b2e8";
inline constexpr std::string_view kOrderBody =
    R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginMode":"crossed",)"
    R"("marginCoin":"USDT","size":"0.001","price":"25000","side":"buy","orderType":"limit",)"
    R"("force":"gtc"})";
inline constexpr std::string_view kOrderBodyWithOid =
    R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginMode":"crossed",)"
    R"("marginCoin":"USDT","size":"0.001","price":"25000","side":"buy","orderType":"limit",)"
    R"("force":"gtc","clientOid":"bgt-0001"})";

inline std::string OkBody(std::string_view data = "null") {
  return R"({"code":"00000","msg":"success","requestTime":1700000000000,"data":)" +
         std::string(data) + "}";
}
inline std::string ErrorBody(std::string_view code, std::string_view msg) {
  return R"({"code":")" + std::string(code) + R"(","msg":")" + std::string(msg) +
         R"(","requestTime":1700000000000,"data":null})";
}
inline net::ServerReply Reply(int status, std::string body, std::string content_type = {}) {
  net::ServerReply r;
  r.response.status = status;
  r.response.body = std::move(body);
  if (!content_type.empty()) r.response.headers.emplace_back("Content-Type", content_type);
  return r;
}
inline net::ServerReply Ok(std::string_view data = "null") { return Reply(200, OkBody(data)); }
inline net::ServerReply Hang() {
  net::ServerReply r;
  r.kind = net::ServerReply::Kind::kHang;
  return r;
}
inline net::ServerReply HtmlPage(int status) {
  return Reply(status,
               "<html><head><title>502 Bad Gateway</title></head><body>"
               "<center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body>"
               "</html>",
               "text/html");
}

inline EncodedRequest Ticker(std::string symbol = "BTCUSDT") {
  return EncodedRequest{
      Endpoint::kTicker, {{"symbol", std::move(symbol)}, {"productType", "USDT-FUTURES"}}, {}};
}
inline EncodedRequest OrderDetail() {
  return EncodedRequest{Endpoint::kOrderDetail,
                        {{"symbol", "BTCUSDT"}, {"productType", "USDT-FUTURES"}, {"orderId", "1"}},
                        {}};
}
inline EncodedRequest PlaceOrder(bool with_client_oid) {
  return EncodedRequest{
      Endpoint::kPlaceOrder, {}, std::string(with_client_oid ? kOrderBodyWithOid : kOrderBody)};
}

struct HarnessOptions {
  std::chrono::milliseconds timeout = 2000ms;
  std::size_t max_response_bytes = 1u << 20;
  RestClientOptions rest;
  std::string secret = std::string(kSecret);  // what the client signs with
};

class Harness {
 public:
  // `script` answers every request but the server time; n counts them from 1.
  using Script = std::function<net::ServerReply(const net::HttpRequest& request, int n)>;

  explicit Harness(Script script, HarnessOptions options = {}) : script_(std::move(script)) {
    auto server =
        net::HttpServer::Start({}, [this](const net::HttpRequest& r) { return Serve(r); });
    EXPECT_TRUE(server.has_value()) << server.error().ToString();
    server_ = std::move(*server);
    net::HttpClientOptions http;
    http.base_url = server_->BaseUrl();
    http.connect_timeout = options.timeout;
    http.request_timeout = options.timeout;
    http.max_response_bytes = options.max_response_bytes;
    auto transport = HttpClientTransport::Create(http);
    EXPECT_TRUE(transport.has_value()) << transport.error().ToString();
    transport_ = transport->get();
    ConfigureRateLimits(limiter_, ApiGeneration::kV2Classic);
    RestClientOptions rest = options.rest;
    rest.debug_log = [this](std::string_view line) {
      std::lock_guard lock(mu_);
      logs_.emplace_back(line);
    };
    Credentials credentials{core::Secret(std::string(kKey)), core::Secret(options.secret),
                            core::Secret(std::string(kPassphrase))};
    client_ = std::make_unique<RestClient>(rest, std::move(*transport), limiter_, waiter_,
                                           std::move(credentials));
  }
  ~Harness() {
    sync_.reset();
    client_.reset();
    server_->Stop();
  }

  // Measures the offset through the server and attaches the ClockSync.
  void AttachClockSync() {
    sync_ = std::make_unique<ClockSync>(clock_, RestServerTime(*client_));
    EXPECT_TRUE(sync_->Measure().ok());
    client_->AttachClockSync(sync_.get());
  }

  RestClient& client() { return *client_; }
  core::TestClock& clock() { return clock_; }
  TestWaiter& waiter() { return waiter_; }
  net::RateLimiter& limiter() { return limiter_; }
  ClockSync* sync() { return sync_.get(); }
  const net::HttpServer& server() const { return *server_; }
  const net::HttpClient& http() const { return transport_->client(); }

  void set_server_offset(core::Duration offset) {
    std::lock_guard lock(mu_);
    server_offset_ = offset;
  }
  std::vector<net::HttpRequest> seen() const {
    std::lock_guard lock(mu_);
    return seen_;
  }
  int time_requests() const {
    std::lock_guard lock(mu_);
    return time_requests_;
  }
  int bad_signatures() const {
    std::lock_guard lock(mu_);
    return bad_signatures_;
  }
  std::vector<std::string> logs() const {
    std::lock_guard lock(mu_);
    return logs_;
  }

 private:
  net::ServerReply Serve(const net::HttpRequest& request) {
    std::unique_lock lock(mu_);
    const core::Timestamp server_now = waiter_.Now() + server_offset_;
    if (request.Path() == "/api/v2/public/time") {
      ++time_requests_;
      return Ok(R"({"serverTime":")" + std::to_string(server_now.millis()) + R"("})");
    }
    seen_.push_back(request);
    const int n = static_cast<int>(seen_.size());
    if (!request.Header("ACCESS-KEY").empty()) {
      const std::string_view ts = request.Header("ACCESS-TIMESTAMP");
      const std::string expected = SignRest(ts, request.method, request.Path(), request.Query(),
                                            request.body, core::Secret(std::string(kSecret)));
      if (request.Header("ACCESS-KEY") != kKey ||
          request.Header("ACCESS-PASSPHRASE") != kPassphrase ||
          request.Header("ACCESS-SIGN") != expected) {
        ++bad_signatures_;
        return Reply(400, ErrorBody("40009", "sign signature error"));
      }
      const std::int64_t skew_ms = std::stoll(std::string(ts)) - server_now.millis();
      if (skew_ms > 30'000 || skew_ms < -30'000) {
        return Reply(400, ErrorBody("40008", "Request timestamp expired"));
      }
    }
    lock.unlock();
    return script_(request, n);
  }

  Script script_;
  mutable std::mutex mu_;
  core::TestClock clock_{kStart};
  TestWaiter waiter_{clock_};
  net::RateLimiter limiter_;
  std::unique_ptr<net::HttpServer> server_;
  HttpClientTransport* transport_ = nullptr;  // owned by client_
  std::unique_ptr<RestClient> client_;
  std::unique_ptr<ClockSync> sync_;
  core::Duration server_offset_{0};
  std::vector<net::HttpRequest> seen_;
  int time_requests_ = 0;
  int bad_signatures_ = 0;
  std::vector<std::string> logs_;
};

}  // namespace bgt::bitget::testing
