// Market-data parsers on the recorded payloads of tests/fixtures/bitget/.
#include <gtest/gtest.h>

#include <string>

#include "bitget/parse_responses.h"
#include "bitget/parse_test_util.h"

namespace bgt::bitget {
namespace {

using testing::D;
using testing::Envelope;
using testing::ExpectInvalid;
using testing::Ms;
using testing::ReadFixture;

// The tickers fixture row, for edits.
constexpr std::string_view kTickerRow =
    R"({"symbol":"BTCUSDT","lastPr":"29904.5","askPr":"29904.5","bidPr":"29903.5",)"
    R"("bidSz":"0.5091","askSz":"2.2694","high24h":"30100","low24h":"29500",)"
    R"("ts":"1695794271400","change24h":"0.0012","baseVolume":"1234.5",)"
    R"("quoteVolume":"36912345.6","usdtVolume":"36912345.6","openUtc":"29800",)"
    R"("changeUtc24h":"0.0035","indexPrice":"29900.1","fundingRate":"0.0001",)"
    R"("holdingAmount":"125.6844","deliveryStartTime":null,"deliveryTime":null,)"
    R"("deliveryStatus":"","open24h":"29870","markPrice":"29904.2"})";

// kTickerRow with `"<field>":<old value>` replaced by `"<field>":<replacement>`.
std::string TickerWith(std::string_view field, std::string_view replacement) {
  std::string row(kTickerRow);
  const std::string key = "\"" + std::string(field) + "\":";
  const std::size_t start = row.find(key);
  EXPECT_NE(start, std::string::npos) << field;
  const std::size_t value_start = start + key.size();
  const std::size_t value_end = row.find_first_of(",}", value_start + 1);
  row.replace(value_start, value_end - value_start, replacement);
  return row;
}

std::string Tickers(std::string_view row) { return Envelope("[" + std::string(row) + "]"); }

TEST(ParseMarketTest, ServerTime) {
  auto time = ParseServerTime(ReadFixture("server_time.json"), 200);
  ASSERT_TRUE(time.has_value()) << time.error().ToString();
  EXPECT_EQ(time->server_time, Ms(1700111073740));
  ExpectInvalid(ParseServerTime(Envelope(R"({"serverTime":""})"), 200),
                "data.serverTime is empty, expected a time in ms");
  ExpectInvalid(ParseServerTime(Envelope(R"({"serverTime":"17e11"})"), 200),
                R"(data.serverTime is "17e11", not a time in ms)");
  ExpectInvalid(ParseServerTime(Envelope("{}"), 200), "data.serverTime is missing");
}

TEST(ParseMarketTest, TickersFixture) {
  auto tickers = ParseTickers(ReadFixture("tickers.json"), 200);
  ASSERT_TRUE(tickers.has_value()) << tickers.error().ToString();
  ASSERT_EQ(tickers->size(), 1u);
  const TickerInfo& row = tickers->front();
  const model::Ticker& t = row.ticker;
  EXPECT_EQ(t.symbol, "BTCUSDT");
  EXPECT_EQ(t.last_price, D("29904.5"));
  EXPECT_EQ(t.ask_price, D("29904.5"));
  EXPECT_EQ(t.bid_price, D("29903.5"));
  EXPECT_EQ(t.bid_size, D("0.5091"));
  EXPECT_EQ(t.ask_size, D("2.2694"));
  EXPECT_EQ(t.high_24h, D("30100"));
  EXPECT_EQ(t.low_24h, D("29500"));
  EXPECT_EQ(t.open_24h, D("29870"));
  EXPECT_EQ(t.base_volume_24h, D("1234.5"));
  EXPECT_EQ(t.quote_volume_24h, D("36912345.6"));
  EXPECT_EQ(t.funding_rate, D("0.0001"));
  EXPECT_EQ(t.mark_price, D("29904.2"));
  EXPECT_EQ(t.index_price, D("29900.1"));
  EXPECT_EQ(t.open_interest, D("125.6844"));
  EXPECT_EQ(t.ts, Ms(1695794271400));
  EXPECT_FALSE(t.next_funding_time.has_value());
  EXPECT_EQ(row.change_24h, D("0.0012"));
  EXPECT_EQ(row.usdt_volume, D("36912345.6"));
  EXPECT_EQ(row.open_utc, D("29800"));
  EXPECT_EQ(row.change_utc_24h, D("0.0035"));
  EXPECT_FALSE(row.delivery_start_time.has_value());
  EXPECT_FALSE(row.delivery_time.has_value());
  EXPECT_EQ(row.delivery_status, "");
}

TEST(ParseMarketTest, TickerValuesKeepEveryDigit) {
  // holdingAmount as recorded from the live venue (2026-09-25): 13 fraction digits.
  auto tickers =
      ParseTickers(Tickers(TickerWith("holdingAmount", R"("31911.3455999999605")")), 200);
  ASSERT_TRUE(tickers.has_value()) << tickers.error().ToString();
  EXPECT_EQ(tickers->front().ticker.open_interest.ToString(), "31911.3455999999605");
}

TEST(ParseMarketTest, TickerAcceptsJsonNumbersExactly) {
  auto tickers = ParseTickers(Tickers(TickerWith("lastPr", "29904.50")), 200);
  ASSERT_TRUE(tickers.has_value()) << tickers.error().ToString();
  EXPECT_EQ(tickers->front().ticker.last_price.ToString(), "29904.50");
  auto integer = ParseTickers(Tickers(TickerWith("ts", "1695794271400")), 200);
  ASSERT_TRUE(integer.has_value()) << integer.error().ToString();
  EXPECT_EQ(integer->front().ticker.ts, Ms(1695794271400));
}

TEST(ParseMarketTest, TickerErrorsNameRowAndField) {
  ExpectInvalid(ParseTickers(Tickers(TickerWith("lastPr", "true")), 200),
                "data[0] (BTCUSDT).lastPr is a boolean, expected a decimal");
  ExpectInvalid(ParseTickers(Tickers(TickerWith("lastPr", "null")), 200),
                "data[0] (BTCUSDT).lastPr is null");
  ExpectInvalid(ParseTickers(Tickers(TickerWith("lastPr", R"("")")), 200),
                "data[0] (BTCUSDT).lastPr is empty, expected a decimal");
  ExpectInvalid(ParseTickers(Tickers(TickerWith("bidPr", R"("1,5")")), 200),
                R"(data[0] (BTCUSDT).bidPr is "1,5", not a decimal)");
  ExpectInvalid(ParseTickers(Tickers(TickerWith("markPrice", R"(["1"])")), 200),
                "data[0] (BTCUSDT).markPrice is an array");
  ExpectInvalid(ParseTickers(Tickers(TickerWith("symbol", "7")), 200), "data[0].symbol");
  ExpectInvalid(ParseTickers(Tickers(TickerWith("deliveryTime", R"("soon")")), 200),
                R"(data[0] (BTCUSDT).deliveryTime is "soon", not a time in ms)");
  ExpectInvalid(ParseTickers(Envelope("[" + std::string(kTickerRow) + "," +
                                      TickerWith("symbol", R"("ETHUSDT")") + "," +
                                      R"({"symbol":"SOLUSDT"})" + "]"),
                             200),
                "data[2] (SOLUSDT).lastPr is missing");
}

TEST(ParseMarketTest, UnknownTickerFieldsAreIgnored) {
  std::string row(kTickerRow);
  row.insert(1, R"("newField":{"nested":[1.5,{"x":null}]},"symbolType":"1",)");
  auto tickers = ParseTickers(Tickers(row), 200);
  ASSERT_TRUE(tickers.has_value()) << tickers.error().ToString();
  EXPECT_EQ(tickers->front().ticker.symbol, "BTCUSDT");
}

TEST(ParseMarketTest, CandlesFixture) {
  auto candles = ParseCandles(ReadFixture("candles.json"), 200, model::Granularity::k1m);
  ASSERT_TRUE(candles.has_value()) << candles.error().ToString();
  ASSERT_EQ(candles->size(), 1u);
  const model::Candle& c = candles->front();
  EXPECT_EQ(c.open_time, Ms(1645911960000));
  EXPECT_EQ(c.open, D("39406"));
  EXPECT_EQ(c.high, D("39407"));
  EXPECT_EQ(c.low, D("39374.5"));
  EXPECT_EQ(c.close, D("39379"));
  EXPECT_EQ(c.base_volume, D("35.526"));
  EXPECT_EQ(c.quote_volume, D("1399132.341"));
  EXPECT_EQ(c.granularity, model::Granularity::k1m);
  EXPECT_TRUE(model::CheckCandle(c).ok());
}

TEST(ParseMarketTest, RecordedHistoryCandles) {
  auto candles = ParseCandles(ReadFixture("history_candles.json"), 200, model::Granularity::k1m);
  ASSERT_TRUE(candles.has_value()) << candles.error().ToString();
  ASSERT_EQ(candles->size(), 5u);
  for (std::size_t i = 0; i < candles->size(); ++i) {
    EXPECT_EQ((*candles)[i].open_time, Ms(1790358660000 + static_cast<std::int64_t>(i) * 60000));
    EXPECT_TRUE(model::CheckCandle((*candles)[i]).ok()) << i;
  }
  EXPECT_EQ(candles->back().close, D("83710.1"));
  EXPECT_EQ(candles->back().quote_volume, D("173803.13488"));
}

TEST(ParseMarketTest, CandleRowShapes) {
  // Spot-style rows carry an 8th column: ignored.
  auto eight = ParseCandles(Envelope(R"([["1","2","3","1","2","5","6","7"]])"), 200,
                            model::Granularity::k1H);
  ASSERT_TRUE(eight.has_value()) << eight.error().ToString();
  EXPECT_EQ(eight->front().granularity, model::Granularity::k1H);
  auto numbers = ParseCandles(Envelope(R"([[1645911960000,39406,39407.5,39374.5,39379,0.5,1]])"),
                              200, model::Granularity::k1m);
  ASSERT_TRUE(numbers.has_value()) << numbers.error().ToString();
  EXPECT_EQ(numbers->front().high.ToString(), "39407.5");
  auto empty = ParseCandles(Envelope("[]"), 200, model::Granularity::k1m);
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->empty());
  ExpectInvalid(
      ParseCandles(Envelope(R"([["1","2","3","4","5","6"]])"), 200, model::Granularity::k1m),
      "data[0] has 6 entries, expected 7");
  ExpectInvalid(ParseCandles(Envelope(R"([{"ts":"1"}])"), 200, model::Granularity::k1m),
                "data[0] is an object, expected an array of 7 strings");
  ExpectInvalid(
      ParseCandles(Envelope(R"([["1","2","3","4","5","6","7"],["1","2","x","4","5","6","7"]])"),
                   200, model::Granularity::k1m),
      R"(data[1][2] is "x", not a decimal)");
}

TEST(ParseMarketTest, MergeDepthFixtureWithNumericLevels) {
  auto depth = ParseMergeDepth(ReadFixture("merge_depth.json"), 200, "BTCUSDT");
  ASSERT_TRUE(depth.has_value()) << depth.error().ToString();
  const model::OrderBookSnapshot& book = depth->book;
  EXPECT_EQ(book.symbol, "BTCUSDT");
  ASSERT_EQ(book.asks.size(), 2u);
  ASSERT_EQ(book.bids.size(), 2u);
  EXPECT_EQ(book.asks[0], (model::BookLevel{D("26347.5"), D("0.25")}));
  EXPECT_EQ(book.asks[1].price.ToString(), "26348.0");  // the number's own text, scale kept
  EXPECT_EQ(book.asks[1].size, D("0.16"));
  EXPECT_EQ(book.bids[0], (model::BookLevel{D("26346.5"), D("0.16")}));
  EXPECT_EQ(book.bids[1], (model::BookLevel{D("26346.0"), D("0.32")}));
  EXPECT_EQ(book.ts, Ms(1695870968804));
  EXPECT_EQ(book.seq, 0);
  EXPECT_FALSE(book.checksum.has_value());
  EXPECT_EQ(depth->scale, D("0.1"));
  EXPECT_EQ(depth->precision, "scale0");
  EXPECT_EQ(depth->is_max_precision, false);
  EXPECT_TRUE(model::CheckSnapshot(book).ok());
}

TEST(ParseMarketTest, MergeDepthStringLevelsAndErrors) {
  auto strings = ParseMergeDepth(
      Envelope(R"({"asks":[["26347.5","0.25"]],"bids":null,"ts":"1695870968804"})"), 200, "X");
  ASSERT_TRUE(strings.has_value()) << strings.error().ToString();
  EXPECT_EQ(strings->book.asks[0].size, D("0.25"));
  EXPECT_TRUE(strings->book.bids.empty());
  EXPECT_FALSE(strings->scale.has_value());
  ExpectInvalid(ParseMergeDepth(Envelope(R"({"asks":[[1.5]],"bids":[],"ts":"1"})"), 200, "X"),
                "data.asks[0] is an array, expected a [price, size] pair");
  ExpectInvalid(ParseMergeDepth(Envelope(R"({"asks":[],"bids":[["1",null]],"ts":"1"})"), 200, "X"),
                "data.bids[0][1] is null, expected a decimal");
  ExpectInvalid(
      ParseMergeDepth(Envelope(R"({"asks":[],"bids":[],"ts":"1","isMaxPrecision":"maybe"})"), 200,
                      "X"),
      R"(data.isMaxPrecision is "maybe", expected "YES" or "NO")");
  ExpectInvalid(ParseMergeDepth(Envelope(R"({"asks":[],"bids":[]})"), 200, "X"),
                "data.ts is missing");
}

TEST(ParseMarketTest, OpenInterestFixture) {
  auto oi = ParseOpenInterest(ReadFixture("open_interest.json"), 200);
  ASSERT_TRUE(oi.has_value()) << oi.error().ToString();
  ASSERT_EQ(oi->open_interest_list.size(), 1u);
  EXPECT_EQ(oi->open_interest_list[0].symbol, "BTCUSDT");
  EXPECT_EQ(oi->open_interest_list[0].size, D("52234.134"));
  EXPECT_EQ(oi->ts, Ms(1700866041023));
  ExpectInvalid(
      ParseOpenInterest(Envelope(R"({"openInterestList":[{"symbol":"BTCUSDT"}],"ts":"1"})"), 200),
      "data.openInterestList[0] (BTCUSDT).size is missing");
}

TEST(ParseMarketTest, CurrentFundRateFixture) {
  auto rates = ParseCurrentFundRate(ReadFixture("current_fund_rate.json"), 200);
  ASSERT_TRUE(rates.has_value()) << rates.error().ToString();
  ASSERT_EQ(rates->size(), 1u);
  const FundingRateInfo& r = rates->front();
  EXPECT_EQ(r.symbol, "BTCUSDT");
  EXPECT_EQ(r.funding_rate, D("0.000068"));
  EXPECT_EQ(r.funding_rate_interval_hours, 8);
  EXPECT_EQ(r.next_update, Ms(1743062400000));
  EXPECT_EQ(r.min_funding_rate, D("-0.003"));
  EXPECT_EQ(r.max_funding_rate, D("0.003"));
  // Rows from before 2025-03 lack the interval and bounds.
  auto old =
      ParseCurrentFundRate(Envelope(R"([{"symbol":"ETHUSDT","fundingRate":"-0.0001"}])"), 200);
  ASSERT_TRUE(old.has_value()) << old.error().ToString();
  EXPECT_FALSE(old->front().funding_rate_interval_hours.has_value());
  EXPECT_FALSE(old->front().next_update.has_value());
  ExpectInvalid(
      ParseCurrentFundRate(
          Envelope(R"([{"symbol":"ETHUSDT","fundingRate":"0","fundingRateInterval":"8h"}])"), 200),
      R"(data[0] (ETHUSDT).fundingRateInterval is "8h", not an integer)");
}

TEST(ParseMarketTest, RecordedFundingHistory) {
  auto rows = ParseFundingRateHistory(ReadFixture("history_fund_rate.json"), 200);
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  ASSERT_EQ(rows->size(), 5u);
  EXPECT_EQ(rows->front().symbol, "BTCUSDT");
  EXPECT_EQ(rows->front().funding_rate, D("0.000078"));
  EXPECT_EQ(rows->front().funding_time, Ms(1790352000000));
  EXPECT_EQ(rows->back().funding_time, Ms(1790236800000));  // newest first, as sent
}

}  // namespace
}  // namespace bgt::bitget
