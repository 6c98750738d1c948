// BitgetWsClient against the emulator's WebSocket gateway (emulator/ws_server.h) on loopback:
// many symbols and channels over several connections, pushes parsed with parse_ws.h, dropped
// connections restored (re-login, re-subscribe, counters), message and subscription pacing read
// from the client's own send log, resync, private pushes, bad credentials.
// The market is advanced and pumped from the test's own IoLoop thread (no extra thread).
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "bitget/encode_ws.h"
#include "bitget/parse_ws.h"
#include "bitget/ws_client.h"
#include "emulator/ws_server.h"
#include "market/book_manager.h"
#include "net/http_server.h"
#include "net/io_loop.h"
#include "sim/market_generator.h"

namespace bgt::bitget {
namespace {

using std::chrono::milliseconds;

const std::vector<std::string> kSymbols = {"BTCUSDT", "ETHUSDT", "XRPUSDT",  "BCHUSDT",
                                           "LTCUSDT", "ADAUSDT", "ETCUSDT",  "LINKUSDT",
                                           "TRXUSDT", "DOTUSDT", "DOGEUSDT", "SOLUSDT"};
const std::vector<std::string> kChannels = {"ticker", "books5", "books", "trade", "candle1m"};

// Counts "op" messages the server received, per op, and the args they carried.
struct ServerLog {
  std::mutex mu;
  std::map<std::string, int> messages;  // op -> messages
  std::map<std::string, int> args;      // op -> args
};

class WsClientEmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sim::MarketGeneratorConfig config;
    config.history_days = 2;
    source_ = std::move(sim::MarketGenerator::Create(std::move(config)).value());
    gateway_ = std::make_unique<emulator::WsGateway>(*source_);
    net::WsHandler inner = gateway_->Handler();
    net::WsHandler handler = inner;
    handler.on_message = [this, inner](const std::shared_ptr<net::WsConnection>& ws,
                                       std::string_view text) {
      Record(text);
      inner.on_message(ws, text);
    };
    server_ = std::move(net::HttpServer::Start(
                            {}, [](const net::HttpRequest&) { return net::ServerReply{}; }, handler)
                            .value());
    pump_ = std::make_unique<net::IoTimer>(loop_);
    SchedulePump();
  }
  void TearDown() override {
    client_.reset();
    pump_.reset();
    server_->Stop();
  }

  void Record(std::string_view text) {
    WsFrame unused;
    const auto op_at = text.find("\"op\":\"");
    if (op_at == std::string_view::npos) return;
    const auto start = op_at + 6;
    const std::string op(text.substr(start, text.find('"', start) - start));
    int args = 0;
    for (auto at = text.find("\"channel\""); at != std::string_view::npos;
         at = text.find("\"channel\"", at + 1)) {
      ++args;
    }
    std::lock_guard lock(log_.mu);
    ++log_.messages[op];
    log_.args[op] += args;
  }
  int ServerArgs(const std::string& op) {
    std::lock_guard lock(log_.mu);
    return log_.args[op];
  }
  int ServerMessages(const std::string& op) {
    std::lock_guard lock(log_.mu);
    return log_.messages[op];
  }

  void SchedulePump() {
    pump_->Start(milliseconds(40), [this] {
      ASSERT_TRUE(source_->AdvanceTo(source_->Now() + milliseconds(250)).ok());
      gateway_->Pump(source_->Now());
      SchedulePump();
    });
  }

  std::string Url(std::string_view path) const {
    return "ws://127.0.0.1:" + std::to_string(server_->port()) + std::string(path);
  }

  BitgetWsOptions Options() const {
    BitgetWsOptions o;
    o.public_url = Url("/v2/ws/public");
    o.private_url = Url("/v2/ws/private");
    o.ping_interval = milliseconds(200);
    o.pong_timeout = milliseconds(2000);
    o.connect_timeout = milliseconds(2000);
    o.backoff.initial = milliseconds(10);
    o.backoff.max = milliseconds(80);
    o.backoff.seed = 7;
    return o;
  }

  void MakeClient(BitgetWsOptions options) {
    BitgetWsCallbacks cb;
    cb.on_push = [this](const WsFrame& frame, std::string_view text) { OnPush(frame, text); };
    cb.on_error = [this](const WsErrorEvent& e) { errors_.push_back(e); };
    cb.on_sent = [this](std::size_t conn, std::string_view text, core::Timestamp at) {
      sent_.push_back({conn, std::string(text), at});
    };
    client_ = BitgetWsClient::Create(loop_, std::move(options), std::move(cb)).value();
  }

  void OnPush(const WsFrame& frame, std::string_view text) {
    const std::string& channel = frame.arg.channel;
    if (channel == "ticker") {
      ASSERT_TRUE(ParseWsTickers(text, tickers_).ok()) << text;
      for (const auto& t : tickers_.rows) {
        EXPECT_EQ(t.symbol, frame.arg.inst_id);
        EXPECT_TRUE(t.last_price.IsPositive());
        ++ticker_count_[t.symbol];
      }
    } else if (channel.starts_with("books")) {
      ASSERT_TRUE(ParseWsBooks(text, book_).ok()) << text.substr(0, 300);
      EXPECT_EQ(book_.symbol, frame.arg.inst_id);
      if (book_.action == model::BookAction::kSnapshot) {
        EXPECT_FALSE(book_.bids.empty());
        ++book_snapshots_[channel + "|" + book_.symbol];
      }
      ++book_count_[book_.symbol];
      if (books_) {
        (void)books_->OnDelta(book_);
        for (const market::ResyncRequest& r : books_->TakeResyncRequests()) {
          (void)client_->Resubscribe(r.channel, r.symbol);
        }
      }
    } else if (channel == "trade") {
      ASSERT_TRUE(ParseWsTrades(text, trades_).ok()) << text.substr(0, 300);
    } else if (channel.starts_with("candle")) {
      ASSERT_TRUE(ParseWsCandles(text, candles_).ok()) << text.substr(0, 300);
    } else if (channel == "orders") {
      ASSERT_TRUE(ParseWsOrders(text, orders_).ok()) << text;
      for (const auto& o : orders_.rows) order_ids_.push_back(o.order_id);
    }
    ++pushes_by_channel_[channel];
  }

  bool RunUntil(const std::function<bool()>& done, milliseconds timeout = milliseconds(5000)) {
    return loop_.RunUntil(done, timeout);
  }

  void SubscribeAll(std::size_t symbols) {
    for (std::size_t i = 0; i < symbols; ++i) {
      for (const auto& channel : kChannels) {
        ASSERT_TRUE(client_->Subscribe(WsSubscription::Public(channel, kSymbols[i])).ok());
      }
    }
  }

  struct Sent {
    std::size_t conn;
    std::string text;
    core::Timestamp at;
  };

  net::IoLoop loop_;
  std::unique_ptr<sim::MarketGenerator> source_;
  std::unique_ptr<emulator::WsGateway> gateway_;
  std::unique_ptr<net::HttpServer> server_;
  std::unique_ptr<net::IoTimer> pump_;
  std::unique_ptr<BitgetWsClient> client_;
  ServerLog log_;
  std::vector<WsErrorEvent> errors_;
  std::vector<Sent> sent_;
  WsPush<model::Ticker> tickers_;
  WsPush<WsTrade> trades_;
  WsPush<model::Candle> candles_;
  WsPush<WsOrderRow> orders_;
  model::BookDelta book_;
  std::unique_ptr<market::BookManager> books_;  // when set, every books push is applied
  std::map<std::string, int> ticker_count_;
  std::map<std::string, int> book_count_;
  std::map<std::string, int> book_snapshots_;
  std::map<std::string, int> pushes_by_channel_;
  std::vector<std::string> order_ids_;
};

TEST_F(WsClientEmulatorTest, SubscribesManySymbolsOverSeveralConnectionsAndReceivesPushes) {
  auto o = Options();
  o.max_channels_per_connection = 25;
  MakeClient(o);
  SubscribeAll(kSymbols.size());  // 60 channels
  client_->Start();
  ASSERT_TRUE(RunUntil([&] { return client_->acked_count() == 60; })) << client_->acked_count();
  const auto conns = client_->connections();
  ASSERT_EQ(conns.size(), 3u);
  for (const auto& c : conns) {
    EXPECT_LE(c.subscriptions, 25u);
    EXPECT_EQ(c.acked, c.subscriptions);
    EXPECT_EQ(c.state, net::WsState::kReady);
    EXPECT_FALSE(c.is_private);
  }
  ASSERT_TRUE(RunUntil([&] {
    for (const auto& s : kSymbols) {
      if (ticker_count_[s] == 0 || book_count_[s] == 0) return false;
    }
    return pushes_by_channel_["trade"] > 0 && pushes_by_channel_["candle1m"] > 0;
  }));
  EXPECT_EQ(client_->counters().malformed_frames, 0u);
  EXPECT_EQ(client_->counters().reconnects, 0u);
  EXPECT_EQ(client_->counters().subscribe_acks, 60u);
  EXPECT_EQ(ServerArgs("subscribe"), 60);
  // Batches of at most 15 args.
  EXPECT_GE(ServerMessages("subscribe"), 4);
  EXPECT_TRUE(errors_.empty());
}

TEST_F(WsClientEmulatorTest, DroppedConnectionsReconnectAndRestoreEverySubscription) {
  auto o = Options();
  o.max_channels_per_connection = 25;
  MakeClient(o);
  SubscribeAll(8);  // 40 channels, 2 connections
  client_->Start();
  ASSERT_TRUE(RunUntil([&] { return client_->acked_count() == 40; }));
  for (int round = 1; round <= 2; ++round) {
    book_snapshots_.clear();  // snapshots come after a (re)subscription: only new ones count
    EXPECT_EQ(gateway_->DropConnections(), 2u);
    ASSERT_TRUE(RunUntil([&] {
      return client_->counters().reconnects == static_cast<std::uint64_t>(2 * round) &&
             client_->acked_count() == 40;
    })) << "round "
        << round << " reconnects " << client_->counters().reconnects << " acked "
        << client_->acked_count();
    auto tickers_before = ticker_count_;  // operator[]: 0 for a symbol not seen yet
    // Data flows again for every symbol, with a fresh book snapshot on every books channel.
    ASSERT_TRUE(RunUntil([&] {
      for (std::size_t i = 0; i < 8; ++i) {
        const std::string& s = kSymbols[i];
        if (ticker_count_[s] <= tickers_before[s] || book_snapshots_["books|" + s] == 0 ||
            book_snapshots_["books5|" + s] == 0) {
          return false;
        }
      }
      return true;
    })) << "round "
        << round << [&] {
             std::string out = " server subscribe args " + std::to_string(ServerArgs("subscribe")) +
                               " reconnects " + std::to_string(client_->counters().reconnects) +
                               " resubscribes " + std::to_string(client_->counters().resubscribes) +
                               " acks " + std::to_string(client_->counters().subscribe_acks);
             for (std::size_t i = 0; i < 8; ++i) {
               const std::string& s = kSymbols[i];
               out += " " + s + ":" + std::to_string(ticker_count_[s] - tickers_before[s]) + "/" +
                      std::to_string(book_snapshots_["books|" + s]) + "/" +
                      std::to_string(book_snapshots_["books5|" + s]);
             }
             return out;
           }();
  }
  EXPECT_EQ(client_->counters().resubscribes, 80u);  // 40 args × 2 rounds
  EXPECT_EQ(ServerArgs("subscribe"), 120);           // initial + 2 rounds
  EXPECT_EQ(client_->counters().malformed_frames, 0u);
  for (const auto& c : client_->connections()) {
    EXPECT_EQ(c.stats.disconnects, 2u);
    EXPECT_EQ(c.stats.connects, 3u);
  }
}

TEST_F(WsClientEmulatorTest, PacesMessagesPerConnectionFromTheSendLog) {
  auto o = Options();
  o.max_args_per_message = 1;  // one message per subscription
  o.max_messages_per_second = 5;
  o.message_window = milliseconds(100);
  o.ping_interval = milliseconds(30);  // heartbeats count against the pace too
  MakeClient(o);
  SubscribeAll(5);  // 25 subscribe messages on one connection
  client_->Start();
  ASSERT_TRUE(RunUntil([&] { return client_->acked_count() == 25; }));
  ASSERT_GE(sent_.size(), 25u);
  int pings = 0;
  for (const auto& s : sent_) pings += s.text == "ping" ? 1 : 0;
  EXPECT_GT(pings, 0);
  for (std::size_t i = 0; i + 5 < sent_.size(); ++i) {
    EXPECT_GE(sent_[i + 5].at - sent_[i].at, milliseconds(100)) << i;
  }
  EXPECT_GT(client_->connections()[0].stats.paced_waits, 0u);
}

TEST_F(WsClientEmulatorTest, SubscriptionBudgetDefersArgsBeyondTheWindowLimit) {
  auto o = Options();
  o.max_subscriptions_per_window = 8;
  o.subscription_window = milliseconds(300);
  MakeClient(o);
  SubscribeAll(4);  // 20 args on one connection
  client_->Start();
  ASSERT_TRUE(RunUntil([&] { return client_->acked_count() == 20; }));
  EXPECT_GE(client_->counters().budget_waits, 1u);
  // From the send log: no 300 ms window holds more than 8 subscribe args.
  std::vector<core::Timestamp> arg_times;
  for (const auto& s : sent_) {
    if (s.text.find("\"op\":\"subscribe\"") == std::string::npos) continue;
    for (auto at = s.text.find("\"channel\""); at != std::string::npos;
         at = s.text.find("\"channel\"", at + 1)) {
      arg_times.push_back(s.at);
    }
  }
  ASSERT_EQ(arg_times.size(), 20u);
  for (std::size_t i = 0; i + 8 < arg_times.size(); ++i) {
    EXPECT_GE(arg_times[i + 8] - arg_times[i], milliseconds(300)) << i;
  }
}

TEST_F(WsClientEmulatorTest, ResubscribeFetchesAFreshBookSnapshot) {
  MakeClient(Options());
  ASSERT_TRUE(client_->Subscribe(WsSubscription::Public("books", "BTCUSDT")).ok());
  client_->Start();
  ASSERT_TRUE(RunUntil([&] { return book_snapshots_["books|BTCUSDT"] == 1; }));
  ASSERT_TRUE(RunUntil([&] { return book_count_["BTCUSDT"] >= 3; }));  // updates follow
  ASSERT_TRUE(client_->Resubscribe("books", "BTCUSDT").ok());
  ASSERT_TRUE(RunUntil([&] { return book_snapshots_["books|BTCUSDT"] == 2; }));
  EXPECT_EQ(client_->counters().resync_requests, 1u);
  EXPECT_EQ(ServerArgs("unsubscribe"), 1);
  EXPECT_EQ(ServerArgs("subscribe"), 2);
  EXPECT_FALSE(client_->Resubscribe("books", "ETHUSDT").ok());  // not subscribed
}

TEST_F(WsClientEmulatorTest, PrivateStreamLogsInAgainAfterDropsAndDeliversPushes) {
  auto o = Options();
  o.credentials = emulator::DefaultTestCredentials();
  MakeClient(o);
  ASSERT_TRUE(client_->Subscribe(WsSubscription::Private("orders")).ok());
  ASSERT_TRUE(client_->Subscribe(WsSubscription::Private("fill")).ok());
  ASSERT_TRUE(client_->Subscribe(WsSubscription::Private("positions")).ok());
  ASSERT_TRUE(client_->Subscribe(WsSubscription::Private("account")).ok());
  ASSERT_TRUE(client_->Subscribe(WsSubscription::Public("ticker", "BTCUSDT")).ok());
  client_->Start();
  ASSERT_TRUE(RunUntil([&] { return client_->acked_count() == 5; }));
  EXPECT_EQ(client_->counters().logins, 1u);
  const auto conns = client_->connections();
  ASSERT_EQ(conns.size(), 2u);
  EXPECT_TRUE(conns[0].is_private);
  EXPECT_EQ(conns[0].subscriptions, 4u);

  OrderInfo order;
  order.symbol = "BTCUSDT";
  order.size = core::Decimal::Parse("0.01").value();
  order.order_id = "42";
  order.client_oid = "bgt-42";
  order.order_type = model::OrderType::kMarket;
  order.c_time = core::Timestamp::FromMillis(1'700'000'000'000);
  const std::string data = EncodeWsOrders({WsOrderPush{order, std::nullopt}});
  ASSERT_EQ(gateway_->PushOrders("bgt-test-key", data).value(), 1u);
  ASSERT_TRUE(RunUntil([&] { return order_ids_.size() == 1; }));
  EXPECT_EQ(order_ids_[0], "42");

  gateway_->DropConnections();
  ASSERT_TRUE(RunUntil([&] {
    return client_->counters().logins == 2 && client_->counters().reconnects == 2 &&
           client_->acked_count() == 5;
  }));
  ASSERT_EQ(gateway_->PushOrders("bgt-test-key", data).value(), 1u);
  ASSERT_TRUE(RunUntil([&] { return order_ids_.size() == 2; }));
  EXPECT_EQ(client_->counters().login_failures, 0u);
}

TEST_F(WsClientEmulatorTest, RejectedLoginIsSurfacedCountedAndRetried) {
  auto o = Options();
  Credentials wrong;
  wrong.api_key = core::Secret("bgt-test-key");
  wrong.secret = core::Secret("not-the-secret");
  wrong.passphrase = core::Secret("bgt-test-passphrase");
  o.credentials = std::move(wrong);
  MakeClient(o);
  ASSERT_TRUE(client_->Subscribe(WsSubscription::Private("orders")).ok());
  client_->Start();
  ASSERT_TRUE(RunUntil([&] { return client_->counters().login_failures >= 2; }));
  ASSERT_FALSE(errors_.empty());
  EXPECT_TRUE(errors_[0].is_private);
  EXPECT_GE(errors_[0].code, 30000);
  EXPECT_EQ(client_->acked_count(), 0u);
  EXPECT_NE(client_->connections()[0].state, net::WsState::kReady);
}

TEST_F(WsClientEmulatorTest, RejectsBadSubscriptions) {
  MakeClient(Options());
  EXPECT_EQ(client_->Subscribe(WsSubscription::Private("orders")).error().code,
            core::ErrorCode::kFailedPrecondition);  // no credentials
  EXPECT_FALSE(client_->Subscribe(WsSubscription::Public("ticker", "BTC\"USDT")).ok());
  EXPECT_FALSE(client_->Subscribe(WsSubscription::Public("", "BTCUSDT")).ok());
  EXPECT_TRUE(client_->Subscribe(WsSubscription::Public("ticker", "btcusdt")).ok());
  EXPECT_TRUE(
      client_->Subscribe(WsSubscription::Public("ticker", "BTCUSDT")).ok());  // same key: no-op
  EXPECT_EQ(client_->subscription_count(), 1u);
  EXPECT_TRUE(client_->Unsubscribe(WsSubscription::Public("ticker", "BTCUSDT")).ok());
  EXPECT_EQ(client_->subscription_count(), 0u);
  EXPECT_EQ(client_->Unsubscribe(WsSubscription::Public("ticker", "BTCUSDT")).error().code,
            core::ErrorCode::kNotFound);
  BitgetWsOptions slow = Options();
  slow.ping_interval = milliseconds(31000);
  EXPECT_FALSE(BitgetWsClient::Create(loop_, slow, {}).has_value());
}

// bgt's books against the gateway's own: every update carries the emulator's CRC32 of its top 25
// levels, so each verified checksum is a checkpoint where bgt's book equals the emulator's. With
// duplicate, out-of-order and corrupted pushes the manager detects each kind, resubscribes and
// converges; once the faults stop, every later checkpoint matches.
TEST_F(WsClientEmulatorTest, BooksConvergeToTheEmulatorsUnderDuplicateReorderedAndCorruptPushes) {
  const std::vector<std::string> symbols = {"BTCUSDT", "ETHUSDT", "SOLUSDT"};
  books_ = std::make_unique<market::BookManager>();
  for (const std::string& symbol : symbols) {
    market::BookSpec spec;
    spec.symbol = symbol;
    spec.tick_size = core::Decimal::FromParts(1, 8).value();
    spec.size_scale = 8;
    books_->AddBook(spec);
  }
  MakeClient(Options());
  for (const std::string& symbol : symbols) {
    ASSERT_TRUE(client_->Subscribe(WsSubscription::Public("books", symbol)).ok());
  }
  client_->Start();
  auto all_valid = [&] {
    for (const std::string& s : symbols) {
      const market::OrderBook* book = books_->Find(s);
      if (book == nullptr || !book->valid() || book->counters().checksums_verified < 2) {
        return false;
      }
    }
    return true;
  };
  ASSERT_TRUE(RunUntil(all_valid));

  emulator::WsFaults faults;
  faults.duplicate_pushes = true;
  faults.reorder_pushes = true;
  faults.corrupt_book_checksums = 2;
  gateway_->SetFaults(faults);
  ASSERT_TRUE(RunUntil(
      [&] {
        const market::BookManagerCounters& c = books_->counters();
        return c.duplicates > 0 && c.gaps > 0 && c.checksum_failures >= 1 &&
               c.resyncs_requested >= 2;
      },
      milliseconds(8000)))
      << "duplicates " << books_->counters().duplicates << ", gaps " << books_->counters().gaps
      << ", checksum failures " << books_->counters().checksum_failures;

  gateway_->SetFaults({});
  std::map<std::string, std::uint64_t> verified_at_recovery;
  ASSERT_TRUE(RunUntil(
      [&] {
        for (const std::string& s : symbols) {
          if (!books_->Find(s)->valid() || books_->ResyncPending(s)) return false;
        }
        return true;
      },
      milliseconds(8000)));
  const market::BookManagerCounters before = books_->counters();
  for (const std::string& s : symbols) {
    verified_at_recovery[s] = books_->Find(s)->counters().checksums_verified;
  }
  ASSERT_TRUE(RunUntil(
      [&] {
        for (const std::string& s : symbols) {
          if (books_->Find(s)->counters().checksums_verified < verified_at_recovery[s] + 5) {
            return false;
          }
        }
        return true;
      },
      milliseconds(8000)));
  // Five more checkpoints per symbol, each equal to the emulator's book, and no new failure.
  const market::BookManagerCounters& after = books_->counters();
  EXPECT_EQ(after.checksum_failures, before.checksum_failures);
  EXPECT_EQ(after.gaps, before.gaps);
  EXPECT_EQ(after.resyncs_requested, before.resyncs_requested);
  EXPECT_GE(after.resyncs_completed, 2u);
  for (const std::string& s : symbols) EXPECT_TRUE(books_->Find(s)->valid()) << s;
}

}  // namespace
}  // namespace bgt::bitget
