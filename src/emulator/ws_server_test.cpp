#include "emulator/ws_server.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "bitget/credential.h"
#include "market/book_checksum.h"
#include "net/http_server.h"
#include "net/ws_client.h"
#include "sim/market_generator.h"

namespace bgt::emulator {
namespace {

namespace json = boost::json;
using std::chrono::milliseconds;

// Login timestamps are checked against this fixed "wall clock" (tests never read wall time).
constexpr std::int64_t kWallSeconds = 1'767'225'600;  // 2026-01-01T00:00:00Z

class WsGatewayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sim::MarketGeneratorConfig config;
    config.history_days = 2;
    source_ = std::move(sim::MarketGenerator::Create(std::move(config)).value());
    WsGatewayOptions options;
    options.wall_clock = [] { return core::Timestamp::FromSeconds(kWallSeconds); };
    gateway_ = std::make_unique<WsGateway>(*source_, options);
    auto server = net::HttpServer::Start(
        {}, [](const net::HttpRequest&) { return net::ServerReply{}; }, gateway_->Handler());
    ASSERT_TRUE(server.has_value());
    server_ = std::move(server.value());
  }
  void TearDown() override { server_->Stop(); }

  std::unique_ptr<net::BlockingWsClient> Connect(const std::string& path = "/v2/ws/public") {
    auto client = net::BlockingWsClient::Connect(
        "ws://127.0.0.1:" + std::to_string(server_->port()) + path, {});
    EXPECT_TRUE(client.has_value());
    return std::move(client.value());
  }
  static json::value Next(net::BlockingWsClient& client) {
    auto text = client.Receive(milliseconds(3000));
    EXPECT_TRUE(text.has_value());
    if (!text.has_value()) return nullptr;
    return json::parse(*text);
  }
  static json::value Request(net::BlockingWsClient& client, const std::string& text) {
    EXPECT_TRUE(client.Send(text).ok());
    return Next(client);
  }
  static std::string Sub(std::string_view op, std::string_view channel, std::string_view inst_id,
                         std::string_view inst_type = "USDT-FUTURES") {
    return "{\"op\":\"" + std::string(op) + "\",\"args\":[{\"instType\":\"" +
           std::string(inst_type) + "\",\"channel\":\"" + std::string(channel) +
           "\",\"instId\":\"" + std::string(inst_id) + "\"}]}";
  }
  static std::string Login(const std::string& key, const std::string& passphrase,
                           const std::string& ts, const std::string& sign) {
    return "{\"op\":\"login\",\"args\":[{\"apiKey\":\"" + key + "\",\"passphrase\":\"" +
           passphrase + "\",\"timestamp\":\"" + ts + "\",\"sign\":\"" + sign + "\"}]}";
  }
  static std::string GoodSign(const std::string& ts) {
    return bitget::SignWsLogin(ts, core::Secret("bgt-test-secret"));
  }
  static void ExpectError(const json::value& v, std::int64_t code) {
    ASSERT_TRUE(v.is_object()) << json::serialize(v);
    EXPECT_EQ(v.at("event"), "error") << json::serialize(v);
    ASSERT_TRUE(v.at("code").is_int64()) << json::serialize(v);
    EXPECT_EQ(v.at("code").as_int64(), code) << json::serialize(v);
  }
  void Advance(milliseconds step) { ASSERT_TRUE(source_->AdvanceTo(source_->Now() + step).ok()); }

  std::unique_ptr<sim::MarketGenerator> source_;
  std::unique_ptr<WsGateway> gateway_;
  std::unique_ptr<net::HttpServer> server_;
};

TEST_F(WsGatewayTest, AnswersTextPingWithPongOnEveryPath) {
  for (const std::string path : {"/v2/ws/public", "/v2/ws/private", "/"}) {
    auto client = Connect(path);
    ASSERT_TRUE(client->Send("ping").ok());
    auto reply = client->Receive(milliseconds(3000));
    ASSERT_TRUE(reply.has_value()) << path;
    EXPECT_EQ(*reply, "pong");
  }
}

TEST_F(WsGatewayTest, AcksSubscribeAndUnsubscribeWithTheNormalisedArg) {
  auto client = Connect();
  const json::value ack = Request(*client, Sub("subscribe", "ticker", "btcusdt", "usdt-futures"));
  EXPECT_EQ(json::serialize(ack),
            R"({"event":"subscribe","arg":{"instType":"USDT-FUTURES","channel":"ticker",)"
            R"("instId":"BTCUSDT"}})");
  const json::value unack = Request(*client, Sub("unsubscribe", "ticker", "BTCUSDT"));
  EXPECT_EQ(unack.at("event"), "unsubscribe");
  // Nothing is subscribed any more: a pump sends nothing, the next reply is the pong.
  gateway_->Pump(source_->Now());
  ASSERT_TRUE(client->Send("ping").ok());
  EXPECT_EQ(client->Receive(milliseconds(3000)).value(), "pong");
}

TEST_F(WsGatewayTest, AnswersErrorEventsForUnknownChannelsAndGarbageAndSurvives) {
  auto client = Connect();
  ExpectError(Request(*client, Sub("subscribe", "tickers", "BTCUSDT")), 30001);
  ExpectError(Request(*client, Sub("subscribe", "ticker", "NOPEUSDT")), 30001);
  ExpectError(Request(*client, Sub("subscribe", "ticker", "BTCUSDT", "SPOT")), 30001);
  ExpectError(Request(*client, "{not json"), 30002);
  ExpectError(Request(*client, "[1,2,3]"), 30002);
  ExpectError(Request(*client, R"({"args":[]})"), 30002);
  ExpectError(Request(*client, R"({"op":"fly","args":[]})"), 30003);
  ExpectError(Request(*client, R"({"op":"subscribe","args":{}})"), 30016);
  ExpectError(Request(*client, R"({"op":"subscribe","args":[42]})"), 30016);
  ExpectError(Request(*client, R"({"op":"subscribe","args":[{"channel":"ticker"}]})"), 30016);
  ASSERT_TRUE(client->Send("ping").ok());
  EXPECT_EQ(client->Receive(milliseconds(3000)).value(), "pong");
}

TEST_F(WsGatewayTest, LoginAnswersNumericCodeZeroOrTheMatchingError) {
  auto client = Connect("/v2/ws/private");
  const std::string ts = std::to_string(kWallSeconds + 5);
  ExpectError(Request(*client, Login("other-key", "bgt-test-passphrase", ts, GoodSign(ts))), 30011);
  ExpectError(Request(*client, Login("bgt-test-key", "wrong", ts, GoodSign(ts))), 30012);
  ExpectError(Request(*client, Login("bgt-test-key", "bgt-test-passphrase", "abc", "x")), 30013);
  const std::string old = std::to_string(kWallSeconds - 31);
  ExpectError(Request(*client, Login("bgt-test-key", "bgt-test-passphrase", old, GoodSign(old))),
              30014);
  ExpectError(Request(*client, Login("bgt-test-key", "bgt-test-passphrase", ts, "bad+sign=")),
              30015);
  ExpectError(Request(*client, R"({"op":"login","args":[{"apiKey":"bgt-test-key"}]})"), 30005);

  const json::value ok =
      Request(*client, Login("bgt-test-key", "bgt-test-passphrase", ts, GoodSign(ts)));
  EXPECT_EQ(ok.at("event"), "login");
  ASSERT_TRUE(ok.at("code").is_int64());  // a JSON number, as bitget-api requires
  EXPECT_EQ(ok.at("code").as_int64(), 0);
}

TEST_F(WsGatewayTest, LoginAcceptsANumericMillisecondTimestamp) {
  auto client = Connect("/");
  const std::string ts = std::to_string(kWallSeconds * 1000 - 2000);
  const std::string msg = R"({"op":"login","args":[{"apiKey":"bgt-test-key","passphrase":)"
                          R"("bgt-test-passphrase","timestamp":)" +
                          ts + R"(,"sign":")" + GoodSign(ts) + R"("}]})";
  const json::value ok = Request(*client, msg);
  EXPECT_EQ(ok.at("code"), 0) << json::serialize(ok);
}

TEST_F(WsGatewayTest, PrivateChannelsNeedLoginAndCarryPushedData) {
  auto client = Connect("/v2/ws/private");
  ExpectError(Request(*client, Sub("subscribe", "orders", "default")), 30004);
  const std::string ts = std::to_string(kWallSeconds);
  ASSERT_EQ(
      Request(*client, Login("bgt-test-key", "bgt-test-passphrase", ts, GoodSign(ts))).at("code"),
      0);
  EXPECT_EQ(Request(*client, Sub("subscribe", "orders", "default")).at("event"), "subscribe");
  const json::value account_ack = Request(
      *client,
      R"({"op":"subscribe","args":[{"instType":"USDT-FUTURES","channel":"account","coin":"default"}]})");
  EXPECT_EQ(json::serialize(account_ack.at("arg")),
            R"({"instType":"USDT-FUTURES","channel":"account","coin":"default"})");

  EXPECT_EQ(gateway_->PushOrders("bgt-test-key", R"([{"orderId":"1","status":"live"}])").value(),
            1u);
  EXPECT_EQ(gateway_->PushOrders("someone-else", "[]").value(), 0u);
  EXPECT_FALSE(gateway_->PushOrders("bgt-test-key", "{}").has_value());
  EXPECT_FALSE(gateway_->PushPrivate("bgt-test-key", ChannelKind::kTicker, "[]").has_value());
  const json::value push = Next(*client);
  EXPECT_EQ(push.at("action"), "snapshot");
  EXPECT_EQ(push.at("arg").at("channel"), "orders");
  EXPECT_EQ(push.at("arg").at("instId"), "default");
  EXPECT_EQ(push.at("data").at(0).at("orderId"), "1");
  EXPECT_EQ(push.at("ts").as_int64(), kWallSeconds * 1000);

  EXPECT_EQ(gateway_->PushAccount("bgt-test-key", R"([{"marginCoin":"USDT"}])").value(), 1u);
  EXPECT_EQ(Next(*client).at("arg").at("coin"), "default");
}

TEST_F(WsGatewayTest, TickerPushHasBitgetFieldNames) {
  auto client = Connect();
  ASSERT_EQ(Request(*client, Sub("subscribe", "ticker", "BTCUSDT")).at("event"), "subscribe");
  gateway_->Pump(source_->Now());
  const json::value push = Next(*client);
  EXPECT_EQ(push.at("action"), "snapshot");
  EXPECT_EQ(push.at("arg").at("channel"), "ticker");
  EXPECT_TRUE(push.at("ts").is_int64());
  const auto& t = push.at("data").at(0).as_object();
  for (const char* field :
       {"instId",     "lastPr",     "bidPr",         "askPr",      "bidSz",       "askSz",
        "open24h",    "high24h",    "low24h",        "change24h",  "fundingRate", "nextFundingTime",
        "markPrice",  "indexPrice", "holdingAmount", "baseVolume", "quoteVolume", "openUtc",
        "symbolType", "symbol",     "deliveryPrice", "ts"}) {
    ASSERT_TRUE(t.contains(field)) << field;
    EXPECT_TRUE(t.at(field).is_string()) << field;
  }
  const auto& ticker = source_->ticker(source_->FindSymbol("BTCUSDT").value());
  EXPECT_EQ(std::string_view(t.at("lastPr").as_string()), ticker.last_price.ToString());
  EXPECT_EQ(std::string_view(t.at("bidPr").as_string()), ticker.bid_price.ToString());
  EXPECT_EQ(t.at("instId"), "BTCUSDT");
}

// Reads a `books` push into a WireBook (the way a client would).
WireBook ReadLevels(const json::value& data) {
  WireBook book;
  for (const char* side : {"bids", "asks"}) {
    for (const auto& level : data.at(side).as_array()) {
      const std::string price(level.at(0).as_string());
      WireLevel l{core::Decimal::Parse(price).value(), price, std::string(level.at(1).as_string())};
      (std::string_view(side) == "bids" ? book.bids : book.asks).push_back(l);
    }
  }
  return book;
}

std::int32_t ClientChecksum(const WireBook& book) {
  std::vector<market::LevelText> bids;
  std::vector<market::LevelText> asks;
  for (const auto& l : book.bids) bids.push_back({l.price_text, l.size_text});
  for (const auto& l : book.asks) asks.push_back({l.price_text, l.size_text});
  return market::BookChecksum(bids, asks);
}

TEST_F(WsGatewayTest, BooksSnapshotThenUpdatesRebuildTheSourceBookWithValidChecksums) {
  const std::size_t i = source_->FindSymbol("BTCUSDT").value();
  auto client = Connect();
  ASSERT_EQ(Request(*client, Sub("subscribe", "books", "BTCUSDT")).at("event"), "subscribe");
  gateway_->Pump(source_->Now());
  const json::value snap = Next(*client);
  ASSERT_EQ(snap.at("action"), "snapshot");
  const auto& snap_data = snap.at("data").at(0);
  WireBook local = ReadLevels(snap_data);
  EXPECT_EQ(local, ToWire(source_->Book(i, 50)));
  EXPECT_EQ(snap_data.at("checksum").as_int64(), ClientChecksum(local));
  std::int64_t seq = snap_data.at("seq").as_int64();

  int updates = 0;
  for (int step = 0; step < 40; ++step) {
    Advance(milliseconds(250));
    gateway_->Pump(source_->Now());
    const WireBook expected = ToWire(source_->Book(i, 50));
    if (expected == local) continue;  // unchanged: nothing is pushed
    const json::value push = Next(*client);
    ASSERT_EQ(push.at("action"), "update");
    const auto& data = push.at("data").at(0);
    EXPECT_EQ(data.at("pseq").as_int64(), seq);
    EXPECT_EQ(data.at("seq").as_int64(), seq + 1);
    seq = data.at("seq").as_int64();
    ApplyBookUpdate(local, ReadLevels(data));
    EXPECT_EQ(data.at("checksum").as_int64(), ClientChecksum(local));
    ASSERT_EQ(local, expected) << "step " << step;
    ++updates;
  }
  EXPECT_GT(updates, 5);
}

TEST_F(WsGatewayTest, FixedDepthBooksAreAlwaysSnapshots) {
  const std::size_t i = source_->FindSymbol("ETHUSDT").value();
  auto client = Connect();
  ASSERT_EQ(Request(*client, Sub("subscribe", "books5", "ETHUSDT")).at("event"), "subscribe");
  gateway_->Pump(source_->Now());
  const json::value push = Next(*client);
  EXPECT_EQ(push.at("action"), "snapshot");
  const WireBook top = ReadLevels(push.at("data").at(0));
  EXPECT_EQ(top, Top(ToWire(source_->Book(i, 5)), 5));
  EXPECT_EQ(push.at("data").at(0).at("pseq").as_int64(), 0);
}

TEST_F(WsGatewayTest, TradeAndCandleChannelsPushBitgetShapes) {
  auto client = Connect();
  ASSERT_EQ(Request(*client, Sub("subscribe", "candle1m", "BTCUSDT")).at("event"), "subscribe");
  gateway_->Pump(source_->Now());
  const json::value candles = Next(*client);
  EXPECT_EQ(candles.at("action"), "snapshot");
  const auto& rows = candles.at("data").as_array();
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.back().as_array().size(), 8u);
  EXPECT_TRUE(rows.back().at(0).is_string());

  ASSERT_EQ(Request(*client, Sub("unsubscribe", "candle1m", "BTCUSDT")).at("event"), "unsubscribe");
  ASSERT_EQ(Request(*client, Sub("subscribe", "trade", "BTCUSDT")).at("event"), "subscribe");
  Advance(milliseconds(60'000));
  gateway_->Pump(source_->Now());
  const json::value trades = Next(*client);
  EXPECT_EQ(trades.at("action"), "snapshot");
  const auto& data = trades.at("data").as_array();
  ASSERT_FALSE(data.empty());
  for (const char* field : {"ts", "price", "size", "side", "tradeId"}) {
    EXPECT_TRUE(data[0].at(field).is_string()) << field;
  }
}

TEST_F(WsGatewayTest, FaultCorruptChecksumMakesTheNextUpdateFailVerification) {
  const std::size_t i = source_->FindSymbol("BTCUSDT").value();
  auto client = Connect();
  ASSERT_EQ(Request(*client, Sub("subscribe", "books", "BTCUSDT")).at("event"), "subscribe");
  gateway_->Pump(source_->Now());
  WireBook local = ReadLevels(Next(*client).at("data").at(0));
  gateway_->SetFaults({.corrupt_book_checksums = 1});
  bool corrupted_seen = false;
  bool valid_after = false;
  for (int step = 0; step < 40 && !valid_after; ++step) {
    Advance(milliseconds(250));
    gateway_->Pump(source_->Now());
    if (ToWire(source_->Book(i, 50)) == local) continue;
    const json::value push = Next(*client);
    const auto& data = push.at("data").at(0);
    ApplyBookUpdate(local, ReadLevels(data));
    const bool valid = data.at("checksum").as_int64() == ClientChecksum(local);
    if (!corrupted_seen) {
      EXPECT_FALSE(valid);
      corrupted_seen = true;
    } else {
      EXPECT_TRUE(valid);
      valid_after = true;
    }
  }
  EXPECT_TRUE(valid_after);
}

TEST_F(WsGatewayTest, FaultDuplicatePushesSendsEachPushTwice) {
  auto client = Connect();
  ASSERT_EQ(Request(*client, Sub("subscribe", "ticker", "BTCUSDT")).at("event"), "subscribe");
  gateway_->SetFaults({.duplicate_pushes = true});
  gateway_->Pump(source_->Now());
  const auto first = client->Receive(milliseconds(3000));
  const auto second = client->Receive(milliseconds(3000));
  ASSERT_TRUE(first.has_value() && second.has_value());
  EXPECT_EQ(*first, *second);
}

TEST_F(WsGatewayTest, FaultReorderPushesSwapsConsecutivePushes) {
  auto client = Connect();
  ASSERT_EQ(Request(*client, Sub("subscribe", "ticker", "BTCUSDT")).at("event"), "subscribe");
  WsFaults faults;
  faults.reorder_pushes = true;
  gateway_->SetFaults(faults);
  const core::Timestamp t1 = source_->Now();
  const core::Timestamp t2 = t1 + std::chrono::seconds(1);
  gateway_->Pump(t1);
  gateway_->Pump(t2);
  const auto first = client->Receive(milliseconds(3000));
  const auto second = client->Receive(milliseconds(3000));
  ASSERT_TRUE(first.has_value() && second.has_value());
  const auto ts = [](const std::string& text) {
    return json::parse(text).as_object().at("ts").to_number<std::int64_t>();
  };
  EXPECT_EQ(ts(*first), t2.nanos() / 1'000'000) << *first;    // the later push first
  EXPECT_EQ(ts(*second), t1.nanos() / 1'000'000) << *second;  // then the held one
}

TEST_F(WsGatewayTest, FaultDropConnectionsClosesEveryClient) {
  auto a = Connect();
  auto b = Connect("/");
  ASSERT_TRUE(a->Send("ping").ok());
  ASSERT_EQ(a->Receive(milliseconds(3000)).value(), "pong");
  ASSERT_TRUE(b->Send("ping").ok());
  ASSERT_EQ(b->Receive(milliseconds(3000)).value(), "pong");
  EXPECT_EQ(gateway_->DropConnections(), 2u);
  EXPECT_EQ(a->Receive(milliseconds(3000)).error().code, core::ErrorCode::kIo);
  EXPECT_EQ(b->Receive(milliseconds(3000)).error().code, core::ErrorCode::kIo);
}

}  // namespace
}  // namespace bgt::emulator
