#include "net/http_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>

#include "net/http_server.h"

namespace bgt::net {
namespace {

using namespace std::chrono_literals;

struct Fixture {
  std::unique_ptr<HttpServer> server;
  std::unique_ptr<HttpClient> client;
};

Fixture Make(HttpHandler handler, std::chrono::milliseconds timeout = 2000ms,
             std::size_t max_bytes = 1u << 20) {
  Fixture f;
  auto server = HttpServer::Start({}, std::move(handler));
  EXPECT_TRUE(server.has_value()) << server.error().ToString();
  f.server = std::move(*server);
  HttpClientOptions options;
  options.base_url = f.server->BaseUrl();
  options.request_timeout = timeout;
  options.connect_timeout = timeout;
  options.max_response_bytes = max_bytes;
  auto client = HttpClient::Create(options);
  EXPECT_TRUE(client.has_value()) << client.error().ToString();
  f.client = std::move(*client);
  return f;
}

ServerReply Json(int status, std::string body) {
  ServerReply r;
  r.response.status = status;
  r.response.body = std::move(body);
  return r;
}

TEST(HttpClient, SendsMethodTargetHeadersAndBody) {
  HttpRequest seen;
  auto f = Make([&](const HttpRequest& req) {
    seen = req;
    return Json(200, R"({"code":"00000"})");
  });
  HttpRequest req;
  req.method = "POST";
  req.target = "/api/v2/mix/order/place-order?x=1";
  req.headers = {{"ACCESS-KEY", "k"}, {"Content-Type", "application/json"}};
  req.body = R"({"symbol":"BTCUSDT"})";
  auto res = f.client->Send(req);
  ASSERT_TRUE(res.has_value()) << res.error().ToString();
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, R"({"code":"00000"})");
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.Path(), "/api/v2/mix/order/place-order");
  EXPECT_EQ(seen.Query(), "x=1");
  EXPECT_EQ(seen.Header("access-key"), "k");
  EXPECT_EQ(seen.body, R"({"symbol":"BTCUSDT"})");
}

TEST(HttpClient, ReusesTheKeptAliveConnection) {
  auto f = Make([](const HttpRequest&) { return Json(200, "{}"); });
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(f.client->Send({}).has_value());
  EXPECT_EQ(f.client->stats().requests, 5u);
  EXPECT_EQ(f.client->stats().connects, 1u);
  EXPECT_EQ(f.server->connections_accepted(), 1u);
}

TEST(HttpClient, ReconnectsWhenTheServerClosedTheConnection) {
  std::atomic<int> n{0};
  auto f = Make([&](const HttpRequest&) {
    ServerReply r = Json(200, "{}");
    r.close_after = (++n == 1);  // the first answer says Connection: close
    return r;
  });
  ASSERT_TRUE(f.client->Send({}).has_value());
  ASSERT_TRUE(f.client->Send({}).has_value());
  EXPECT_EQ(f.client->stats().connects, 2u);
}

TEST(HttpClient, ErrorStatusesAndHtmlBodiesAreReturnedNotThrown) {
  auto f = Make([](const HttpRequest& req) {
    if (req.Path() == "/429") return Json(429, R"({"code":"429","msg":"Too Many Requests"})");
    if (req.Path() == "/502") {
      ServerReply r = Json(502, "<html><body>Bad Gateway</body></html>");
      r.response.headers = {{"Content-Type", "text/html"}};
      return r;
    }
    return Json(400, R"({"code":"40808","msg":"bad"})");
  });
  HttpRequest req;
  req.target = "/429";
  EXPECT_EQ(f.client->Send(req)->status, 429);
  req.target = "/502";
  auto res = f.client->Send(req);
  ASSERT_TRUE(res.has_value());
  EXPECT_EQ(res->status, 502);
  EXPECT_EQ(res->Header("content-type"), "text/html");
  req.target = "/400";
  EXPECT_EQ(f.client->Send(req)->status, 400);
}

TEST(HttpClient, NoAnswerWithinTheTimeoutIsAmbiguous) {
  auto f = Make(
      [](const HttpRequest&) {
        ServerReply r;
        r.kind = ServerReply::Kind::kHang;
        return r;
      },
      150ms);
  auto res = f.client->Send({});
  ASSERT_FALSE(res.has_value());
  EXPECT_EQ(res.error().code, core::ErrorCode::kAmbiguous);
  EXPECT_NE(res.error().message.find("timed out"), std::string::npos) << res.error().message;
}

TEST(HttpClient, TruncatedOrMalformedResponsesAreAmbiguous) {
  const char* raws[] = {
      "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"code\":",  // body cut short
      "HTTP/1.1 200 OK\r\nContent-Len",                            // headers cut short
      "this is not http at all\r\n\r\n",
      "",  // closed without a byte
  };
  for (const char* raw : raws) {
    auto f = Make([raw](const HttpRequest&) {
      ServerReply r;
      r.kind = ServerReply::Kind::kRaw;
      r.raw = raw;
      return r;
    });
    auto res = f.client->Send({});
    ASSERT_FALSE(res.has_value()) << raw;
    EXPECT_EQ(res.error().code, core::ErrorCode::kAmbiguous) << raw;
  }
}

TEST(HttpClient, HugeBodiesAreRefusedWithOutOfRange) {
  auto f = Make([](const HttpRequest&) { return Json(200, std::string(300'000, 'x')); }, 2000ms,
                100'000);
  auto res = f.client->Send({});
  ASSERT_FALSE(res.has_value());
  EXPECT_EQ(res.error().code, core::ErrorCode::kOutOfRange);
  // The client recovers: the next request opens a new connection.
  auto g = Make([](const HttpRequest&) { return Json(200, "{}"); });
  EXPECT_TRUE(g.client->Send({}).has_value());
}

TEST(HttpClient, NothingListeningIsUnavailableNotAmbiguous) {
  std::string url;
  {
    auto server = HttpServer::Start({}, [](const HttpRequest&) { return ServerReply(); });
    ASSERT_TRUE(server.has_value());
    url = (*server)->BaseUrl();
  }  // stopped: the port is closed now
  HttpClientOptions options;
  options.base_url = url;
  options.connect_timeout = 500ms;
  auto client = HttpClient::Create(options);
  ASSERT_TRUE(client.has_value());
  auto res = (*client)->Send({});
  ASSERT_FALSE(res.has_value());
  EXPECT_EQ(res.error().code, core::ErrorCode::kUnavailable);
}

TEST(HttpClient, RejectsBadBaseUrls) {
  for (const char* url : {"", "api.bitget.com", "ftp://x", "wss://ws.bitget.com", "http://"}) {
    HttpClientOptions options;
    options.base_url = url;
    auto client = HttpClient::Create(options);
    ASSERT_FALSE(client.has_value()) << url;
    EXPECT_EQ(client.error().code, core::ErrorCode::kInvalidArgument) << url;
  }
}

}  // namespace
}  // namespace bgt::net
