#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include "net/http_client.h"
#include "net/http_server.h"
#include "net/ws_client.h"

namespace bgt::net {
namespace {

using namespace std::chrono_literals;

struct EchoServer {
  std::unique_ptr<HttpServer> server;
  std::mutex mu;
  std::vector<std::string> targets;
  std::atomic<int> closed{0};

  EchoServer() {
    WsHandler ws;
    ws.on_open = [this](const std::shared_ptr<WsConnection>& c) {
      std::lock_guard lock(mu);
      targets.push_back(c->target());
    };
    ws.on_message = [](const std::shared_ptr<WsConnection>& c, std::string_view text) {
      if (text == "ping") {
        c->Send("pong");
      } else if (text == "burst") {
        for (int i = 0; i < 100; ++i) c->Send("m" + std::to_string(i));
      } else if (text == "bye") {
        c->Close();
      } else {
        c->Send("echo:" + std::string(text));
      }
    };
    ws.on_close = [this](const std::shared_ptr<WsConnection>&) { ++closed; };
    auto s = HttpServer::Start(
        {},
        [](const HttpRequest&) {
          ServerReply r;
          r.response.body = R"({"code":"00000"})";
          return r;
        },
        ws);
    EXPECT_TRUE(s.has_value());
    server = std::move(*s);
  }
  std::string WsUrl(const std::string& path) const {
    return "ws://127.0.0.1:" + std::to_string(server->port()) + path;
  }
};

TEST(WebSocket, SharesThePortWithHttpAndRoutesByPath) {
  EchoServer echo;
  auto client = BlockingWsClient::Connect(echo.WsUrl("/v2/ws/public"), {});
  ASSERT_TRUE(client.has_value()) << client.error().ToString();
  ASSERT_TRUE((*client)->Send("ping"));
  EXPECT_EQ((*client)->Receive(2000ms).value_or("?"), "pong");
  ASSERT_TRUE((*client)->Send("hello"));
  EXPECT_EQ((*client)->Receive(2000ms).value_or("?"), "echo:hello");
  {
    std::lock_guard lock(echo.mu);
    ASSERT_EQ(echo.targets.size(), 1u);
    EXPECT_EQ(echo.targets[0], "/v2/ws/public");
  }
  // Plain HTTP on the same port still works.
  HttpClientOptions options;
  options.base_url = echo.server->BaseUrl();
  auto http = HttpClient::Create(options);
  ASSERT_TRUE(http.has_value());
  EXPECT_EQ((*http)->Send({})->status, 200);
}

TEST(WebSocket, MessagesArriveInOrderAndTimeoutsKeepTheConnection) {
  EchoServer echo;
  auto client = BlockingWsClient::Connect(echo.WsUrl("/"), {});
  ASSERT_TRUE(client.has_value());
  auto nothing = (*client)->Receive(50ms);
  ASSERT_FALSE(nothing.has_value());
  EXPECT_EQ(nothing.error().code, core::ErrorCode::kTimeout);
  ASSERT_TRUE((*client)->Send("burst"));
  for (int i = 0; i < 100; ++i) {
    auto m = (*client)->Receive(2000ms);
    ASSERT_TRUE(m.has_value()) << i;
    EXPECT_EQ(*m, "m" + std::to_string(i));
  }
}

TEST(WebSocket, ServerCloseIsReportedAsIo) {
  EchoServer echo;
  auto client = BlockingWsClient::Connect(echo.WsUrl("/"), {});
  ASSERT_TRUE(client.has_value());
  ASSERT_TRUE((*client)->Send("bye"));
  auto r = (*client)->Receive(2000ms);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, core::ErrorCode::kIo);
}

TEST(WebSocket, ConnectFailuresAreTyped) {
  auto bad = BlockingWsClient::Connect("http://127.0.0.1:1/", {});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInvalidArgument);
  std::string url;
  {
    EchoServer gone;
    url = gone.WsUrl("/");
  }
  WsClientOptions options;
  options.connect_timeout = 500ms;
  auto refused = BlockingWsClient::Connect(url, options);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace bgt::net
