#include "net/ws_connection.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "net/http_server.h"
#include "net/io_loop.h"

namespace bgt::net {
namespace {

using std::chrono::milliseconds;

// A loopback WebSocket server: answers "ping" with "pong" (unless muted), echoes everything
// else, and can drop its connections.
class EchoServer {
 public:
  EchoServer() {
    WsHandler handler;
    handler.on_open = [this](const std::shared_ptr<WsConnection>& ws) {
      std::lock_guard lock(mu_);
      connections_.push_back(ws);
    };
    handler.on_message = [this](const std::shared_ptr<WsConnection>& ws, std::string_view text) {
      {
        std::lock_guard lock(mu_);
        received_.emplace_back(text);
      }
      if (text == "ping") {
        if (!mute_pongs_) ws->Send("pong");
        return;
      }
      ws->Send("echo:" + std::string(text));
    };
    server_ = std::move(HttpServer::Start(
                            {}, [](const HttpRequest&) { return ServerReply{}; }, handler)
                            .value());
  }
  ~EchoServer() { server_->Stop(); }

  std::string Url() const { return "ws://127.0.0.1:" + std::to_string(server_->port()) + "/ws"; }
  std::size_t DropAll() {
    std::lock_guard lock(mu_);
    std::size_t n = 0;
    for (auto& ws : connections_) {
      if (ws->open()) {
        ws->Close(/*abrupt=*/true);
        ++n;
      }
    }
    connections_.clear();
    return n;
  }
  std::size_t OpenConnections() {
    std::lock_guard lock(mu_);
    std::size_t n = 0;
    for (auto& ws : connections_) n += ws->open() ? 1 : 0;
    return n;
  }
  std::size_t Received(std::string_view text) {
    std::lock_guard lock(mu_);
    std::size_t n = 0;
    for (const auto& r : received_) n += r == text ? 1 : 0;
    return n;
  }
  std::atomic<bool> mute_pongs_{false};

 private:
  std::unique_ptr<HttpServer> server_;
  std::mutex mu_;
  std::vector<std::shared_ptr<WsConnection>> connections_;
  std::vector<std::string> received_;
};

struct Recorder {
  std::vector<WsState> states;
  std::vector<std::string> reasons;
  std::vector<std::string> messages;
  std::vector<std::pair<std::string, core::Timestamp>> sent;
  WsConnectionCallbacks Callbacks() {
    return {[this](WsState s, std::string_view r) {
              states.push_back(s);
              reasons.emplace_back(r);
            },
            [this](std::string_view text) { messages.emplace_back(text); },
            [this](std::string_view text, core::Timestamp at) { sent.emplace_back(text, at); }};
  }
};

WsConnectionOptions FastOptions(const std::string& url) {
  WsConnectionOptions o;
  o.url = url;
  o.connect_timeout = milliseconds(2000);
  o.ping_interval = milliseconds(0);
  o.backoff.initial = milliseconds(10);
  o.backoff.max = milliseconds(50);
  return o;
}

TEST(BackoffDelayTest, GrowsExponentiallyCappedAndJittered) {
  BackoffOptions o;
  o.initial = milliseconds(100);
  o.max = milliseconds(1000);
  o.multiplier = 2.0;
  o.jitter = 0.5;
  EXPECT_EQ(BackoffDelay(o, 0, 1.0), milliseconds(100));
  EXPECT_EQ(BackoffDelay(o, 0, 0.0), milliseconds(50));
  EXPECT_EQ(BackoffDelay(o, 2, 1.0), milliseconds(400));
  EXPECT_EQ(BackoffDelay(o, 10, 1.0), milliseconds(1000));
  EXPECT_EQ(BackoffDelay(o, 10, 0.0), milliseconds(500));
  EXPECT_EQ(BackoffDelay(o, 5000, 0.5), milliseconds(750));  // no overflow
}

TEST(AsyncWsConnectionTest, RejectsBadUrls) {
  IoLoop loop;
  WsConnectionOptions o;
  o.url = "http://127.0.0.1:1/";
  EXPECT_FALSE(AsyncWsConnection::Create(loop, o, {}).has_value());
  o.url = "not a url";
  EXPECT_FALSE(AsyncWsConnection::Create(loop, o, {}).has_value());
}

TEST(AsyncWsConnectionTest, ConnectsSendsAndReceives) {
  EchoServer server;
  IoLoop loop;
  Recorder rec;
  auto conn = AsyncWsConnection::Create(loop, FastOptions(server.Url()), rec.Callbacks()).value();
  EXPECT_FALSE(conn->Send("early").ok());
  conn->Start();
  ASSERT_TRUE(loop.RunUntil([&] { return conn->state() == WsState::kReady; }, milliseconds(3000)));
  ASSERT_EQ(rec.states.size(), 3u);
  EXPECT_EQ(rec.states[0], WsState::kConnecting);
  EXPECT_EQ(rec.states[1], WsState::kConnected);
  EXPECT_EQ(rec.states[2], WsState::kReady);
  ASSERT_TRUE(conn->Send("hello").ok());
  ASSERT_TRUE(loop.RunUntil([&] { return !rec.messages.empty(); }, milliseconds(3000)));
  EXPECT_EQ(rec.messages[0], "echo:hello");
  ASSERT_EQ(rec.sent.size(), 1u);
  EXPECT_EQ(rec.sent[0].first, "hello");
  EXPECT_EQ(conn->stats().connects, 1u);
  EXPECT_EQ(conn->stats().messages_sent, 1u);
  conn->Stop();
  EXPECT_EQ(conn->state(), WsState::kDisconnected);
  EXPECT_EQ(rec.states.back(), WsState::kDisconnected);
}

TEST(AsyncWsConnectionTest, TextHeartbeatGetsPongsAndMissingPongReconnects) {
  EchoServer server;
  IoLoop loop;
  Recorder rec;
  auto o = FastOptions(server.Url());
  o.ping_interval = milliseconds(20);
  o.pong_timeout = milliseconds(200);
  auto conn = AsyncWsConnection::Create(loop, o, rec.Callbacks()).value();
  conn->Start();
  ASSERT_TRUE(loop.RunUntil([&] { return conn->stats().pongs_received >= 3; }, milliseconds(3000)));
  EXPECT_TRUE(rec.messages.empty());  // pongs are consumed, not delivered
  EXPECT_GE(server.Received("ping"), 3u);
  server.mute_pongs_ = true;
  ASSERT_TRUE(loop.RunUntil([&] { return conn->stats().pong_timeouts >= 1; }, milliseconds(3000)));
  server.mute_pongs_ = false;
  ASSERT_TRUE(loop.RunUntil([&] { return conn->stats().connects >= 2; }, milliseconds(3000)));
  EXPECT_GE(conn->stats().disconnects, 1u);
  bool saw_reason = false;
  for (const auto& r : rec.reasons) saw_reason |= r.find("no pong") != std::string::npos;
  EXPECT_TRUE(saw_reason);
}

TEST(AsyncWsConnectionTest, ReconnectsAfterTheServerDropsTheConnection) {
  EchoServer server;
  IoLoop loop;
  Recorder rec;
  auto conn = AsyncWsConnection::Create(loop, FastOptions(server.Url()), rec.Callbacks()).value();
  conn->Start();
  for (int round = 1; round <= 3; ++round) {
    ASSERT_TRUE(loop.RunUntil(
        [&] {
          return conn->state() == WsState::kReady &&
                 conn->stats().connects == static_cast<std::uint64_t>(round);
        },
        milliseconds(3000)));
    // The server registers the connection on its own thread, maybe after the client saw the
    // handshake complete.
    ASSERT_TRUE(loop.RunUntil([&] { return server.OpenConnections() == 1; }, milliseconds(3000)));
    EXPECT_EQ(server.DropAll(), 1u);
    ASSERT_TRUE(
        loop.RunUntil([&] { return conn->state() == WsState::kBackoff; }, milliseconds(3000)));
  }
  ASSERT_TRUE(loop.RunUntil([&] { return conn->state() == WsState::kReady; }, milliseconds(3000)));
  EXPECT_EQ(conn->stats().disconnects, 3u);
  EXPECT_EQ(conn->stats().connects, 4u);
  ASSERT_TRUE(conn->Send("after").ok());
  ASSERT_TRUE(loop.RunUntil([&] { return !rec.messages.empty(); }, milliseconds(3000)));
  EXPECT_EQ(rec.messages.back(), "echo:after");
}

TEST(AsyncWsConnectionTest, PacesMessagesToTheWindowLimit) {
  EchoServer server;
  IoLoop loop;
  Recorder rec;
  auto o = FastOptions(server.Url());
  o.max_messages = 5;
  o.message_window = milliseconds(100);
  auto conn = AsyncWsConnection::Create(loop, o, rec.Callbacks()).value();
  conn->Start();
  ASSERT_TRUE(loop.RunUntil([&] { return conn->state() == WsState::kReady; }, milliseconds(3000)));
  for (int i = 0; i < 17; ++i) ASSERT_TRUE(conn->Send("m" + std::to_string(i)).ok());
  ASSERT_TRUE(loop.RunUntil([&] { return rec.messages.size() == 17; }, milliseconds(5000)));
  for (int i = 0; i < 17; ++i) EXPECT_EQ(rec.messages[i], "echo:m" + std::to_string(i));
  ASSERT_EQ(rec.sent.size(), 17u);
  // No window of 100 ms holds more than 5 sends: send i and i+5 are >= 100 ms apart.
  for (std::size_t i = 0; i + 5 < rec.sent.size(); ++i) {
    EXPECT_GE(rec.sent[i + 5].second - rec.sent[i].second, milliseconds(100)) << i;
  }
  EXPECT_GE(conn->stats().paced_waits, 3u);
}

TEST(AsyncWsConnectionTest, LoginGateAndLoginTimeout) {
  EchoServer server;
  IoLoop loop;
  Recorder rec;
  auto o = FastOptions(server.Url());
  o.needs_login = true;
  o.login_timeout = milliseconds(100);
  auto conn = AsyncWsConnection::Create(loop, o, rec.Callbacks()).value();
  conn->Start();
  ASSERT_TRUE(
      loop.RunUntil([&] { return conn->state() == WsState::kLoggingIn; }, milliseconds(3000)));
  // Nobody calls MarkReady: the login deadline reconnects.
  ASSERT_TRUE(loop.RunUntil([&] { return conn->stats().connects >= 2; }, milliseconds(3000)));
  bool saw_timeout = false;
  for (const auto& r : rec.reasons) saw_timeout |= r.find("login timeout") != std::string::npos;
  EXPECT_TRUE(saw_timeout);
  ASSERT_TRUE(
      loop.RunUntil([&] { return conn->state() == WsState::kLoggingIn; }, milliseconds(3000)));
  conn->MarkReady();
  EXPECT_EQ(conn->state(), WsState::kReady);
}

TEST(AsyncWsConnectionTest, UnreachableServerBacksOffAndCounts) {
  std::string url;
  {
    EchoServer gone;  // a port that was just free
    url = gone.Url();
  }
  IoLoop loop;
  Recorder rec;
  auto conn = AsyncWsConnection::Create(loop, FastOptions(url), rec.Callbacks()).value();
  conn->Start();
  ASSERT_TRUE(
      loop.RunUntil([&] { return conn->stats().connect_failures >= 3; }, milliseconds(3000)));
  EXPECT_EQ(conn->stats().connects, 0u);
  conn->Stop();
  const auto failures = conn->stats().connect_failures;
  loop.RunFor(milliseconds(100));
  EXPECT_EQ(conn->stats().connect_failures, failures);  // stopped: no more attempts
  EXPECT_EQ(conn->state(), WsState::kDisconnected);
}

TEST(AsyncWsConnectionTest, DestroyedWhileConnectingRunsNoCallback) {
  EchoServer server;
  IoLoop loop;
  int calls = 0;
  {
    WsConnectionCallbacks cb;
    cb.on_state = [&](WsState, std::string_view) { ++calls; };
    auto conn = AsyncWsConnection::Create(loop, FastOptions(server.Url()), cb).value();
    conn->Start();
  }
  const int before = calls;
  loop.RunFor(milliseconds(50));
  EXPECT_EQ(calls, before);
}

}  // namespace
}  // namespace bgt::net
