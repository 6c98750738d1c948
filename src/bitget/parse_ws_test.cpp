// WebSocket frame and public-channel parsers on the recorded frames of tests/fixtures/bitget/ws/
// and on hostile frames.
#include "bitget/parse_ws.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "bitget/parse_test_util.h"

namespace bgt::bitget {
namespace {

using testing::D;
using testing::ReadFixture;

std::string Fixture(std::string_view name) { return ReadFixture("ws/" + std::string(name)); }

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

TEST(ParseWsFrameTest, ClassifiesRecordedEvents) {
  const auto lines = Lines(Fixture("events.txt"));
  ASSERT_EQ(lines.size(), 7u);
  WsFrame f;
  ASSERT_TRUE(ParseWsFrame(lines[0], f).ok());
  EXPECT_EQ(f.type, WsFrameType::kPong);
  ASSERT_TRUE(ParseWsFrame(lines[1], f).ok());
  EXPECT_EQ(f.type, WsFrameType::kSubscribe);
  ASSERT_TRUE(f.has_arg);
  EXPECT_EQ(f.arg, (WsArg{"USDT-FUTURES", "ticker", "BTCUSDT", ""}));
  ASSERT_TRUE(ParseWsFrame(lines[2], f).ok());
  EXPECT_EQ(f.type, WsFrameType::kUnsubscribe);
  ASSERT_TRUE(ParseWsFrame(lines[3], f).ok());
  EXPECT_EQ(f.type, WsFrameType::kLogin);
  EXPECT_EQ(f.code, 0);
  EXPECT_EQ(f.conn_id, "0621ccff");
  ASSERT_TRUE(ParseWsFrame(lines[4], f).ok());
  EXPECT_EQ(f.type, WsFrameType::kError);
  EXPECT_EQ(f.code, 30001);
  EXPECT_EQ(f.msg, "instType:sp,channel:candleundefined,instId:BTCUSDT doesn't exist");
  ASSERT_TRUE(ParseWsFrame(lines[5], f).ok());
  EXPECT_EQ(f.type, WsFrameType::kLogin);
  EXPECT_EQ(f.code, 0);
  ASSERT_TRUE(ParseWsFrame(lines[6], f).ok());
  EXPECT_EQ(f.type, WsFrameType::kOtherEvent);
  EXPECT_EQ(f.event, "trade");
  EXPECT_FALSE(f.has_arg);
}

TEST(ParseWsFrameTest, ClassifiesPushesWithoutReadingData) {
  WsFrame f;
  ASSERT_TRUE(ParseWsFrame(Fixture("books_update.json"), f).ok());
  EXPECT_EQ(f.type, WsFrameType::kPush);
  EXPECT_EQ(f.action, WsAction::kUpdate);
  EXPECT_EQ(f.arg.channel, "books");
  EXPECT_EQ(f.arg.inst_id, "BTCUSDT");
  EXPECT_EQ(f.ts, core::Timestamp::FromMillis(1695716059717));
  ASSERT_TRUE(ParseWsFrame(Fixture("account.json"), f).ok());
  EXPECT_EQ(f.arg.coin, "default");
}

TEST(ParseWsFrameTest, RejectsHostileFrames) {
  WsFrame f;
  for (const std::string bad :
       {"", "   ", "pon", "{", "[1,2]", "\"text\"", "{\"event\":\"login\",\"code\":0",
        "{\"event\":5}", "{\"arg\":{\"channel\":\"ticker\"}}", "{}",
        "{\"event\":\"error\",\"code\":\"x1\"}", "{\"event\":\"error\",\"code\":true}",
        "{\"action\":\"explode\",\"arg\":{\"channel\":\"ticker\"},\"data\":[]}",
        "{\"event\":\"login\"} trailing", "{\"event\":\"subscribe\",\"arg\":{\"instId\":\"X\"}}",
        "{\"event\":\"login\",\"code\":99999999999999999999999}"}) {
    const core::Status status = ParseWsFrame(bad, f);
    ASSERT_FALSE(status.ok()) << bad;
    EXPECT_EQ(status.error().code, core::ErrorCode::kInvalidArgument) << bad;
    EXPECT_NE(status.error().message.find("Bitget ws frame"), std::string::npos)
        << status.error().message;
  }
}

TEST(ParseWsTickersTest, RecordedTicker) {
  WsPush<model::Ticker> push;
  ASSERT_TRUE(ParseWsTickers(Fixture("ticker.json"), push).ok());
  EXPECT_EQ(push.header.action, WsAction::kSnapshot);
  EXPECT_EQ(push.header.ts, core::Timestamp::FromMillis(1701843962812));
  ASSERT_EQ(push.rows.size(), 1u);
  const model::Ticker& t = push.rows[0];
  EXPECT_EQ(t.symbol, "BTCUSDT");
  EXPECT_EQ(t.last_price, D("43480.4"));
  EXPECT_EQ(t.bid_price, D("43476.3"));
  EXPECT_EQ(t.ask_price, D("43476.8"));
  EXPECT_EQ(t.bid_size, D("0.1"));
  EXPECT_EQ(t.ask_size, D("3.055"));
  EXPECT_EQ(t.open_24h, D("42252.3"));
  EXPECT_EQ(t.high_24h, D("44518.2"));
  EXPECT_EQ(t.low_24h, D("41387.0"));
  EXPECT_EQ(t.funding_rate, D("0.000096"));
  EXPECT_EQ(t.next_funding_time, core::Timestamp::FromMillis(1701849600000));
  EXPECT_EQ(t.mark_price, D("43476.4"));
  EXPECT_EQ(t.index_price, D("43478.4"));
  EXPECT_EQ(t.open_interest, D("50670.787"));
  EXPECT_EQ(t.base_volume_24h, D("120187.104"));
  EXPECT_EQ(t.quote_volume_24h, D("5167385048.693"));
  EXPECT_EQ(t.ts, core::Timestamp::FromMillis(1701843962811));
}

TEST(ParseWsTickersTest, ReusesRowsAndAcceptsExactNumbers) {
  WsPush<model::Ticker> push;
  ASSERT_TRUE(ParseWsTickers(Fixture("ticker.json"), push).ok());
  const std::string numeric =
      R"({"arg":{"channel":"ticker","instId":"ETHUSDT"},"action":"snapshot","data":[{"instId":"ETHUSDT","lastPr":2000.25,"bidPr":"2000.2","askPr":"2000.3","bidSz":"1","askSz":"2","ts":1701843962999,"newField":{"x":[1,2]}}],"ts":1})";
  ASSERT_TRUE(ParseWsTickers(numeric, push).ok());
  ASSERT_EQ(push.rows.size(), 1u);
  EXPECT_EQ(push.rows[0].symbol, "ETHUSDT");
  EXPECT_EQ(push.rows[0].last_price, D("2000.25"));
  EXPECT_TRUE(push.rows[0].mark_price.IsZero());  // reset, not left from the previous push
  EXPECT_FALSE(push.rows[0].next_funding_time.has_value());
}

TEST(ParseWsTickersTest, RejectsHostileTickers) {
  WsPush<model::Ticker> push;
  const std::string head = R"({"action":"snapshot","arg":{"channel":"ticker","instId":"BTCUSDT"},)";
  const std::string row_ok =
      R"("instId":"BTCUSDT","lastPr":"1","bidPr":"1","askPr":"1","bidSz":"1","askSz":"1")";
  struct Case {
    std::string frame;
    std::string needle;
  };
  const std::vector<Case> cases = {
      {head + R"("data":[{)" + row_ok + "}]}", "data[0].ts is missing"},
      {head + R"("data":[{)" + row_ok + R"(,"ts":true}]})", "data[0].ts is a boolean"},
      {head + R"("data":[{"instId":5,"lastPr":"1"}]})", "data[0].instId is a number"},
      {head + R"("data":[{)" + row_ok + R"(,"ts":"1","lastPr":"abc"}]})", "lastPr is not a valid"},
      {head + R"("data":[{)" + row_ok + R"(,"ts":"1","lastPr":null}]})", "lastPr is null"},
      {head + R"("data":{}})", "data is an object, expected an array"},
      {head + R"("data":["x"]})", "data[0] is a string, expected an object"},
      {head + R"("data":[{)" + row_ok + R"(,"ts":"1"}])", "malformed"},  // truncated
      {R"({"action":"snapshot","arg":{"channel":"books","instId":"BTCUSDT"},"data":[{)" + row_ok +
           R"(,"ts":"1"}]})",
       "expected ticker"},
      {R"({"action":"snapshot","data":[]})", "arg is missing"},
      {head + R"("data":[{)" + row_ok + R"(,"ts":"-5"}]})", "not a millisecond time"},
  };
  for (const Case& c : cases) {
    const core::Status status = ParseWsTickers(c.frame, push);
    ASSERT_FALSE(status.ok()) << c.frame;
    EXPECT_NE(status.error().message.find(c.needle), std::string::npos)
        << c.needle << " | " << status.error().message;
  }
}

TEST(ParseWsCandlesTest, RecordedCandles) {
  WsPush<model::Candle> push;
  ASSERT_TRUE(ParseWsCandles(Fixture("candle1m.json"), push).ok());
  ASSERT_EQ(push.rows.size(), 2u);
  const model::Candle& c = push.rows[1];
  EXPECT_EQ(c.open_time, core::Timestamp::FromMillis(1695685560000));
  EXPECT_EQ(c.open, D("27000.5"));
  EXPECT_EQ(c.high, D("27001"));
  EXPECT_EQ(c.low, D("26999.5"));
  EXPECT_EQ(c.close, D("27000"));
  EXPECT_EQ(c.base_volume, D("1.2"));
  EXPECT_EQ(c.quote_volume, D("32400.2"));
  EXPECT_EQ(c.granularity, model::Granularity::k1m);
  const std::string hourly =
      R"({"action":"update","arg":{"channel":"candle1H","instId":"X"},"data":[["1","1","1","1","1","0","0"]]})";
  ASSERT_TRUE(ParseWsCandles(hourly, push).ok());
  ASSERT_EQ(push.rows.size(), 1u);
  EXPECT_EQ(push.rows[0].granularity, model::Granularity::k1H);
  EXPECT_EQ(push.header.action, WsAction::kUpdate);
}

TEST(ParseWsCandlesTest, RejectsShortRowsAndUnknownGranularity) {
  WsPush<model::Candle> push;
  EXPECT_FALSE(
      ParseWsCandles(R"({"arg":{"channel":"candle1m"},"data":[["1","1","1","1","1","0"]]})", push)
          .ok());
  EXPECT_FALSE(ParseWsCandles(
                   R"({"arg":{"channel":"candle7m"},"data":[["1","1","1","1","1","0","0"]]})", push)
                   .ok());
  EXPECT_FALSE(ParseWsCandles(R"({"arg":{"channel":"candle1m"},"data":[{"ts":"1"}]})", push).ok());
}

TEST(ParseWsBooksTest, RecordedSnapshotAndUpdate) {
  model::BookDelta delta;
  ASSERT_TRUE(ParseWsBooks(Fixture("books5_snapshot.json"), delta).ok());
  EXPECT_EQ(delta.symbol, "BTCUSDT");
  EXPECT_EQ(delta.channel, "books5");
  EXPECT_EQ(delta.action, model::BookAction::kSnapshot);
  ASSERT_EQ(delta.asks.size(), 2u);
  ASSERT_EQ(delta.bids.size(), 2u);
  EXPECT_EQ(delta.asks[0], (model::BookLevelText{"27000.5", "8.760"}));  // text kept verbatim
  EXPECT_EQ(delta.asks[1], (model::BookLevelText{"27001.0", "0.400"}));
  EXPECT_EQ(delta.bids[1], (model::BookLevelText{"26999.5", "1.460"}));
  EXPECT_EQ(delta.seq, 123);
  EXPECT_EQ(delta.prev_seq, 122);
  EXPECT_FALSE(delta.checksum.has_value());
  EXPECT_EQ(delta.ts, core::Timestamp::FromMillis(1695716059516));

  ASSERT_TRUE(ParseWsBooks(Fixture("books_update.json"), delta).ok());
  EXPECT_EQ(delta.channel, "books");
  EXPECT_EQ(delta.action, model::BookAction::kUpdate);
  ASSERT_EQ(delta.asks.size(), 2u);
  EXPECT_EQ(delta.asks[0], (model::BookLevelText{"27000.5", "0"}));
  ASSERT_EQ(delta.bids.size(), 1u);
  EXPECT_EQ(delta.bids[0], (model::BookLevelText{"27000.0", "3.1"}));
  EXPECT_EQ(delta.checksum, -1504501796);
  EXPECT_EQ(delta.seq, 125);
  EXPECT_EQ(delta.prev_seq, 124);
}

TEST(ParseWsBooksTest, RejectsHostileBooks) {
  model::BookDelta delta;
  const std::string head = R"({"action":"update","arg":{"channel":"books","instId":"BTCUSDT"},)";
  std::string huge = head + R"("data":[{"asks":[)";
  for (std::size_t i = 0; i <= kMaxWsBookLevels; ++i) {
    huge += std::string(i ? "," : "") + "[\"1\",\"1\"]";
  }
  huge += R"(],"bids":[]}]})";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {head + R"("data":[{"asks":[["1"]],"bids":[]}]})", "fewer than 2"},
      {head + R"("data":[{"asks":[["1","x"]],"bids":[]}]})", "bad decimal"},
      {head + R"("data":[{"asks":[[true,"1"]],"bids":[]}]})", "is a boolean"},
      {head + R"("data":[{"asks":"none","bids":[]}]})", "asks is a string"},
      {head + R"("data":[{"asks":[]}]})", "bids is missing"},
      {head + R"("data":[{"asks":[],"bids":[],"checksum":4294967296}]})", "32-bit"},
      {head + R"("data":[{"asks":[],"bids":[]},{"asks":[],"bids":[]}]})", "extra element"},
      {head + R"("data":[]})", "holds no book"},
      {R"({"action":"update","arg":{"channel":"books"},"data":[{"asks":[],"bids":[]}]})",
       "instId is missing"},
      {huge, "more than 5000 levels"},
  };
  for (const auto& [frame, needle] : cases) {
    const core::Status status = ParseWsBooks(frame, delta);
    ASSERT_FALSE(status.ok()) << frame.substr(0, 200);
    EXPECT_NE(status.error().message.find(needle), std::string::npos)
        << needle << " | " << status.error().message;
  }
  // Numbers where strings are expected are read exactly (raw text kept).
  ASSERT_TRUE(
      ParseWsBooks(head + R"("data":[{"asks":[[27000.50,1e-3]],"bids":[],"seq":"7"}]})", delta)
          .ok());
  EXPECT_EQ(delta.asks[0], (model::BookLevelText{"27000.50", "1e-3"}));
  EXPECT_EQ(delta.seq, 7);
}

TEST(ParseWsTradesTest, RecordedTrades) {
  WsPush<WsTrade> push;
  ASSERT_TRUE(ParseWsTrades(Fixture("trade.json"), push).ok());
  ASSERT_EQ(push.rows.size(), 2u);
  EXPECT_EQ(push.rows[0].symbol, "BTCUSDT");
  EXPECT_EQ(push.rows[0].trade_id, "1116461060594286593");
  EXPECT_EQ(push.rows[0].price, D("43854.01"));
  EXPECT_EQ(push.rows[0].size, D("0.0535"));
  EXPECT_EQ(push.rows[0].side, model::OrderSide::kBuy);
  EXPECT_EQ(push.rows[0].ts, core::Timestamp::FromMillis(1701910980366));
  EXPECT_EQ(push.rows[1].side, model::OrderSide::kSell);
  EXPECT_FALSE(
      ParseWsTrades(
          R"({"arg":{"channel":"trade"},"data":[{"ts":"1","price":"1","size":"1","side":"up","tradeId":"1"}]})",
          push)
          .ok());
}

}  // namespace
}  // namespace bgt::bitget
