// Bad requests against the emulator over real loopback sockets (emulator_test.cpp covers the
// basic auth codes, 429, 404 and malformed bodies through Emulator::Handle): missing and
// wrongly typed parameters on many endpoints, unknown symbols on public and private routes,
// every authentication header missing or wrong (incl. a tampered body and timestamps expired in
// both directions), oversized bodies, garbage HTTP and garbage WebSocket frames on the shared
// port. Every answer must be Bitget's error envelope (HTTP 400/404, {"code":"<code>","msg":..,
// "requestTime":<ms>,"data":null}); after each abuse the emulator must still serve REST and
// WebSocket clients.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bitget/credential.h"
#include "core/clock.h"
#include "emulator/emulator.h"
#include "net/http_client.h"
#include "net/ws_client.h"

namespace bgt::emulator {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

constexpr std::string_view kPlace = "/api/v2/mix/order/place-order";
constexpr std::string_view kTicker = "/api/v2/mix/market/ticker";

// A raw TCP connection to the emulator, for bytes no HTTP client would send.
class RawSocket {
 public:
  explicit RawSocket(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = fd_ >= 0 && ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    timeval timeout{1, 0};
    if (fd_ >= 0) ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~RawSocket() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  bool connected() const { return connected_; }
  bool Write(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  // Everything until the peer closes, `until` appears, or 1 s of silence.
  std::string Read(std::string_view until = {}) {
    std::string out;
    char buffer[4096];
    for (;;) {
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      out.append(buffer, static_cast<std::size_t>(n));
      if (!until.empty() && out.find(until) != std::string::npos) break;
    }
    return out;
  }
  // True when the peer closed (EOF or reset) within 1 s.
  bool PeerClosed() {
    char c;
    const ssize_t n = ::recv(fd_, &c, 1, 0);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
  }

 private:
  int fd_;
  bool connected_ = false;
};

class EmulatorBadRequestsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EmulatorConfig config;
    config.rate_limits = false;  // many requests per endpoint; 429 is tested in emulator_test
    config.history_days = 2;
    auto emulator = Emulator::Start(config);
    ASSERT_TRUE(emulator.has_value()) << emulator.error().ToString();
    emulator_ = std::move(*emulator);
    net::HttpClientOptions options;
    options.base_url = emulator_->RestUrl();
    auto client = net::HttpClient::Create(options);
    ASSERT_TRUE(client.has_value()) << client.error().ToString();
    client_ = std::move(*client);
  }

  net::HttpResponse Send(net::HttpRequest request) {
    auto response = client_->Send(request);
    EXPECT_TRUE(response.has_value()) << request.target << ": " << response.error().ToString();
    return response.value_or(net::HttpResponse{});
  }

  // `method target body`, signed with the test account at `ts` (wall time unless given);
  // `tamper` edits the request after signing.
  net::HttpResponse Signed(std::string method, std::string target, std::string body = "",
                           std::optional<core::Timestamp> ts = std::nullopt,
                           const std::function<void(net::HttpRequest&)>& tamper = {}) {
    net::HttpRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    request.body = std::move(body);
    const EmulatorAccount account;
    auto headers = bitget::SignedHeaders(
        bitget::Credentials{core::Secret(account.api_key), core::Secret(account.secret),
                            core::Secret(account.passphrase)},
        ts.value_or(core::WallClock().Now()), request.method, request.Path(), request.Query(),
        request.body);
    EXPECT_TRUE(headers.has_value());
    for (const bitget::Header& h : *headers) request.headers.emplace_back(h.name, h.value);
    if (tamper) tamper(request);
    return Send(std::move(request));
  }

  net::HttpResponse Public(std::string target) {
    net::HttpRequest request;
    request.target = std::move(target);
    return Send(std::move(request));
  }

  // The response is Bitget's error envelope with `code` (HTTP `status`); returns its msg.
  static std::string ExpectBitgetError(const net::HttpResponse& response, std::string_view code,
                                       int status = 400) {
    EXPECT_EQ(response.status, status) << response.body;
    boost::system::error_code ec;
    const json::value value = json::parse(response.body, ec);
    EXPECT_FALSE(ec) << "not JSON: " << response.body;
    if (ec || !value.is_object()) return "";
    const json::object& o = value.as_object();
    EXPECT_EQ(o.size(), 4u) << response.body;
    EXPECT_TRUE(o.contains("code") && o.at("code").is_string() && o.at("code").as_string() == code)
        << "want " << code << ": " << response.body;
    EXPECT_TRUE(o.contains("msg") && o.at("msg").is_string() && !o.at("msg").as_string().empty())
        << response.body;
    EXPECT_TRUE(o.contains("requestTime") && o.at("requestTime").is_int64() &&
                o.at("requestTime").as_int64() > 1'600'000'000'000)
        << response.body;
    EXPECT_TRUE(o.contains("data") && o.at("data").is_null()) << response.body;
    return o.contains("msg") && o.at("msg").is_string() ? std::string(o.at("msg").as_string()) : "";
  }

  // REST (a public and a private call) and the WebSocket (ping) still answer.
  void ExpectStillServing() {
    net::HttpClientOptions options;
    options.base_url = emulator_->RestUrl();
    auto fresh = net::HttpClient::Create(options);
    ASSERT_TRUE(fresh.has_value());
    net::HttpRequest request;
    request.target = std::string(kTicker) + "?symbol=BTCUSDT&productType=USDT-FUTURES";
    auto ticker = (*fresh)->Send(request);
    ASSERT_TRUE(ticker.has_value()) << ticker.error().ToString();
    EXPECT_EQ(ticker->status, 200) << ticker->body;
    EXPECT_EQ(Signed("GET", "/api/v2/mix/account/accounts?productType=USDT-FUTURES").status, 200);
    auto ws = net::BlockingWsClient::Connect(emulator_->WsUrl() + "/v2/ws/public", {});
    ASSERT_TRUE(ws.has_value()) << ws.error().ToString();
    ASSERT_TRUE((*ws)->Send("ping").ok());
    EXPECT_EQ((*ws)->Receive(5s).value_or("<none>"), "pong");
  }

  // A valid limit order body with `key` set to the JSON `value` (nothing changed when empty).
  static std::string Order(std::string_view key = "", std::string_view value = "") {
    json::object order = {{"symbol", "BTCUSDT"},  {"productType", "USDT-FUTURES"},
                          {"marginCoin", "USDT"}, {"marginMode", "crossed"},
                          {"side", "buy"},        {"orderType", "limit"},
                          {"price", "1000"},      {"size", "0.01"}};
    if (!key.empty()) order[key] = json::parse(value);
    return json::serialize(order);
  }

  std::unique_ptr<Emulator> emulator_;
  std::unique_ptr<net::HttpClient> client_;
};

TEST_F(EmulatorBadRequestsTest, MissingParametersName40019) {
  const std::string post = std::string(kPlace);
  const std::pair<std::string, std::string> cases[] = {
      {"GET", std::string(kTicker) + "?productType=USDT-FUTURES"},
      {"GET", std::string(kTicker) + "?symbol=BTCUSDT"},
      {"GET", "/api/v2/mix/market/candles?symbol=BTCUSDT&productType=USDT-FUTURES"},
      {"GET", "/api/v2/mix/market/merge-depth?productType=USDT-FUTURES"},
      {"GET", "/api/v2/mix/market/contracts"},
  };
  for (const auto& [method, target] : cases) {
    SCOPED_TRACE(target);
    const std::string msg = ExpectBitgetError(Public(target), "40019");
    EXPECT_NE(msg.find("cannot be empty"), std::string::npos) << msg;
  }
  const std::pair<std::string, std::string> private_cases[] = {
      {"side", R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginCoin":"USDT",)"
               R"("marginMode":"crossed","orderType":"market","size":"0.01"})"},
      {"orderType", R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginCoin":"USDT",)"
                    R"("marginMode":"crossed","side":"buy","size":"0.01"})"},
      {"marginMode", R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginCoin":"USDT",)"
                     R"("side":"buy","orderType":"market","size":"0.01"})"},
      {"price", R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginCoin":"USDT",)"
                R"("marginMode":"crossed","side":"buy","orderType":"limit","size":"0.01"})"},
      {"symbol", R"({"productType":"USDT-FUTURES","marginCoin":"USDT","marginMode":"crossed",)"
                 R"("side":"buy","orderType":"market","size":"0.01"})"},
  };
  for (const auto& [field, body] : private_cases) {
    SCOPED_TRACE(field);
    const std::string msg = ExpectBitgetError(Signed("POST", post, body), "40019");
    EXPECT_NE(msg.find(field), std::string::npos) << msg;
  }
  ExpectBitgetError(Signed("POST", "/api/v2/mix/order/cancel-order",
                           R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES"})"),
                    "40019");
  ExpectBitgetError(
      Signed("POST", "/api/v2/mix/account/set-position-mode", R"({"productType":"USDT-FUTURES"})"),
      "40019");
  ExpectBitgetError(Signed("POST", "/api/v2/mix/account/set-leverage",
                           R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","leverage":"5"})"),
                    "40019");
  ExpectStillServing();
}

TEST_F(EmulatorBadRequestsTest, WrongTypesAndSpellingsAre40017) {
  const std::string post = std::string(kPlace);
  const std::pair<std::string_view, std::string_view> bad_fields[] = {
      {"size", R"("abc")"},           {"size", R"({"n":1})"},
      {"price", R"("12,5")"},         {"side", R"("up")"},
      {"orderType", R"("stop")"},     {"marginMode", R"("margin")"},
      {"force", R"("forever")"},      {"reduceOnly", R"("maybe")"},
      {"tradeSide", R"("sideways")"}, {"size", "[1]"}};
  for (const auto& [key, value] : bad_fields) {
    SCOPED_TRACE(std::string(key) + "=" + std::string(value));
    ExpectBitgetError(Signed("POST", post, Order(key, value)), "40017");
  }
  for (const std::string& body : {std::string("[1,2,3]"), std::string(R"("a string")"),
                                  std::string("{\"symbol\":"), std::string("\x01\x02\xff")}) {
    SCOPED_TRACE(body);
    ExpectBitgetError(Signed("POST", post, body), "40017");
  }
  for (const std::string target :
       {"/api/v2/mix/market/ticker?symbol=BTCUSDT&productType=SPOT-FUTURES",
        "/api/v2/mix/market/candles?symbol=BTCUSDT&productType=USDT-FUTURES&granularity=7m",
        "/api/v2/mix/market/candles?symbol=BTCUSDT&productType=USDT-FUTURES&granularity=1H"
        "&startTime=yesterday",
        "/api/v2/mix/market/candles?symbol=BTCUSDT&productType=USDT-FUTURES&granularity=1H"
        "&limit=many",
        "/api/v2/mix/market/merge-depth?symbol=BTCUSDT&productType=USDT-FUTURES&limit=7"}) {
    SCOPED_TRACE(target);
    ExpectBitgetError(Public(target), "40017");
  }
  ExpectBitgetError(Signed("POST", "/api/v2/mix/account/set-leverage",
                           R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES",)"
                           R"("marginCoin":"USDT","leverage":"ten"})"),
                    "40017");
  ExpectBitgetError(Signed("POST", "/api/v2/mix/account/set-position-mode",
                           R"({"productType":"USDT-FUTURES","posMode":"both_ways"})"),
                    "40017");
  ExpectBitgetError(Signed("GET",
                           "/api/v2/mix/order/detail?symbol=BTCUSDT&productType=USDT-FUTURES"
                           "&orderId=not-a-number"),
                    "40017");
  ExpectStillServing();
}

TEST_F(EmulatorBadRequestsTest, UnknownSymbolIs40102OnPublicAndPrivateRoutes) {
  for (const std::string target :
       {"/api/v2/mix/market/ticker?symbol=NOPEUSDT&productType=USDT-FUTURES",
        "/api/v2/mix/market/candles?symbol=NOPEUSDT&productType=USDT-FUTURES&granularity=1H",
        "/api/v2/mix/market/merge-depth?symbol=NOPEUSDT&productType=USDT-FUTURES",
        "/api/v2/mix/market/open-interest?symbol=NOPEUSDT&productType=USDT-FUTURES",
        "/api/v2/mix/market/current-fund-rate?symbol=NOPEUSDT&productType=USDT-FUTURES"}) {
    SCOPED_TRACE(target);
    ExpectBitgetError(Public(target), "40102");
  }
  ExpectBitgetError(Signed("POST", std::string(kPlace), Order("symbol", R"("NOPEUSDT")")), "40102");
  ExpectBitgetError(Signed("GET",
                           "/api/v2/mix/account/account?symbol=NOPEUSDT"
                           "&productType=USDT-FUTURES&marginCoin=USDT"),
                    "40102");
  ExpectStillServing();
}

TEST_F(EmulatorBadRequestsTest, EveryAuthenticationFaultHasItsCode) {
  const std::string target = "/api/v2/mix/account/accounts?productType=USDT-FUTURES";
  const auto drop = [](std::string name) {
    return [name](net::HttpRequest& r) {
      std::erase_if(r.headers, [&](const auto& h) { return h.first == name; });
    };
  };
  const auto set = [](std::string name, std::string value) {
    return [name, value](net::HttpRequest& r) {
      for (auto& h : r.headers) {
        if (h.first == name) h.second = value;
      }
    };
  };
  ExpectBitgetError(Signed("GET", target, "", std::nullopt, drop("ACCESS-KEY")), "40001");
  ExpectBitgetError(Signed("GET", target, "", std::nullopt, drop("ACCESS-SIGN")), "40003");
  ExpectBitgetError(Signed("GET", target, "", std::nullopt, drop("ACCESS-TIMESTAMP")), "40005");
  ExpectBitgetError(Signed("GET", target, "", std::nullopt, drop("ACCESS-PASSPHRASE")), "40011");
  ExpectBitgetError(Signed("GET", target, "", std::nullopt, set("ACCESS-TIMESTAMP", "soon")),
                    "40005");
  ExpectBitgetError(Signed("GET", target, "", std::nullopt, set("ACCESS-KEY", "nobody")), "40006");
  ExpectBitgetError(Signed("GET", target, "", std::nullopt, set("ACCESS-PASSPHRASE", "guess")),
                    "40012");
  ExpectBitgetError(Signed("GET", target, "", std::nullopt, set("ACCESS-SIGN", "AAAA")), "40009");
  const core::Timestamp now = core::WallClock().Now();
  ExpectBitgetError(Signed("GET", target, "", now - 31s), "40008");
  ExpectBitgetError(Signed("GET", target, "", now + 31s), "40008");
  // Signed one request, sent another: the body and the query are covered by the signature.
  ExpectBitgetError(
      Signed("POST", std::string(kPlace), Order(), std::nullopt,
             [](net::HttpRequest& r) { r.body.replace(r.body.find("0.01"), 4, "9.99"); }),
      "40009");
  ExpectBitgetError(Signed("GET", target, "", std::nullopt,
                           [](net::HttpRequest& r) { r.target += "&symbol=BTCUSDT"; }),
                    "40009");
  ExpectStillServing();
}

TEST_F(EmulatorBadRequestsTest, OversizedBodiesAreRefused) {
  // Over the emulator's 64 KiB body limit: 40017 without parsing, even for a JSON body.
  std::string big = R"({"symbol":"BTCUSDT","pad":")" + std::string(70'000, 'x') + R"("})";
  ExpectBitgetError(Signed("POST", std::string(kPlace), big), "40017");
  ExpectBitgetError(Signed("POST", std::string(kPlace), std::string(900'000, '{')), "40017");
  // Over the HTTP server's 1 MiB request limit the connection is closed without an answer.
  RawSocket raw(emulator_->port());
  ASSERT_TRUE(raw.connected());
  ASSERT_TRUE(
      raw.Write("POST /api/v2/mix/order/place-order HTTP/1.1\r\nHost: x\r\n"
                "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n" +
                std::string(64'000, 'x')));
  EXPECT_TRUE(raw.PeerClosed());
  ExpectStillServing();
}

TEST_F(EmulatorBadRequestsTest, GarbageHttpIsDroppedAndTheServerKeepsServing) {
  const std::string garbage[] = {
      std::string("GARBAGE\r\n\r\n"),
      std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11),  // a TLS ClientHello start
      std::string("GET / HTTP/9.9\r\nHost: x\r\n\r\n"),
      std::string("GET /api/v2/public/time HTTP/1.1\r\nContent-Length: -5\r\n\r\n"),
      std::string("POST /api/v2/mix/order/place-order HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"
                  "\r\nzz\r\n"),
  };
  for (const std::string& bytes : garbage) {
    RawSocket raw(emulator_->port());
    ASSERT_TRUE(raw.connected());
    ASSERT_TRUE(raw.Write(bytes));
    const std::string answer = raw.Read("\r\n\r\n");
    // Either dropped, or answered with an HTTP error status: never a success, never a hang.
    EXPECT_TRUE(answer.empty() || answer.starts_with("HTTP/1.1 4")) << answer;
  }
  {
    RawSocket truncated(emulator_->port());
    ASSERT_TRUE(truncated.Write("POST /api/v2/mix/order/place-order HTTP/1.1\r\nContent-Len"));
  }  // closed mid-request
  // A request for a path that does not exist, and a method that does not exist on a path.
  ExpectBitgetError(Public("/api/v2/mix/market/../../etc/passwd"), "40404", 404);
  net::HttpRequest wrong_method;
  wrong_method.method = "DELETE";
  wrong_method.target = std::string(kTicker) + "?symbol=BTCUSDT&productType=USDT-FUTURES";
  ExpectBitgetError(Send(wrong_method), "40404", 404);
  ExpectStillServing();
}

TEST_F(EmulatorBadRequestsTest, GarbageWebSocketFramesGetErrorEventsOrACloseNeverACrash) {
  {
    auto ws = net::BlockingWsClient::Connect(emulator_->WsUrl() + "/v2/ws/public", {});
    ASSERT_TRUE(ws.has_value()) << ws.error().ToString();
    for (const std::string& text :
         {std::string("{not json"), std::string("null"), std::string(""), std::string("[]"),
          std::string(R"({"op":"subscribe","args":"everything"})"),
          std::string(R"({"op":"login","args":[{"apiKey":"bgt-test-key","sign":1}]})"),
          std::string(R"({"op":"subscribe","args":[{"instType":"USDT-FUTURES",)"
                      R"("channel":"ticker","instId":"NOPEUSDT"}]})"),
          R"({"op":"subscribe","args":[{"instType":"USDT-FUTURES","channel":"ticker","instId":")" +
              std::string(20'000, 'A') + R"("}]})"}) {
      SCOPED_TRACE(text.substr(0, 80));
      ASSERT_TRUE((*ws)->Send(text).ok());
      auto reply = (*ws)->Receive(5s);
      ASSERT_TRUE(reply.has_value()) << reply.error().ToString();
      boost::system::error_code ec;
      const json::value event = json::parse(*reply, ec);
      ASSERT_FALSE(ec) << *reply;
      EXPECT_EQ(event.at("event"), "error") << *reply;
      EXPECT_TRUE(event.at("code").is_int64()) << *reply;  // numeric, as Bitget sends
      const std::int64_t code = event.at("code").as_int64();
      EXPECT_TRUE(code >= 30001 && code <= 30016) << *reply;
      EXPECT_TRUE(event.at("msg").is_string()) << *reply;
    }
    ASSERT_TRUE((*ws)->Send("ping").ok());
    EXPECT_EQ((*ws)->Receive(5s).value_or("<none>"), "pong");
  }
  // Bytes that are not a valid WebSocket frame after a good handshake: an unmasked frame with a
  // reserved opcode, then random bytes. The server closes that connection.
  RawSocket raw(emulator_->port());
  ASSERT_TRUE(raw.connected());
  ASSERT_TRUE(
      raw.Write("GET /v2/ws/public HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n"));
  const std::string handshake = raw.Read("\r\n\r\n");
  ASSERT_TRUE(handshake.starts_with("HTTP/1.1 101")) << handshake;
  ASSERT_TRUE(raw.Write(std::string("\x83\x05hello\xff\xfe\xfd\x00\x01", 12)));
  EXPECT_TRUE(raw.PeerClosed() || !raw.Read().empty());
  ExpectStillServing();
}

}  // namespace
}  // namespace bgt::emulator
