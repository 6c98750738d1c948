#include "sim/market_replay.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/contract_rows_testdata.h"

namespace bgt::sim {
namespace {

using core::Decimal;
using core::Timestamp;
using model::Granularity;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const Timestamp kT0 = Timestamp::FromSeconds(1'767'225'600);  // 2026-01-01T00:00Z

Decimal D(const char* text) { return *Decimal::Parse(text); }

model::Instrument Btc() { return model::testdata::MustBuild(model::testdata::BtcUsdtRow()); }

MarketTrade Trade(std::int64_t id, const char* price, const char* size, Timestamp ts) {
  return MarketTrade{
      .trade_id = id, .price = D(price), .size = D(size), .side = model::OrderSide::kBuy, .ts = ts};
}

model::Candle Minute(int index, const char* o, const char* h, const char* l, const char* c) {
  return model::Candle{.open_time = kT0 + minutes(index),
                       .open = D(o),
                       .high = D(h),
                       .low = D(l),
                       .close = D(c),
                       .base_volume = D("1.5000"),
                       .quote_volume = D("100000"),
                       .granularity = Granularity::k1m};
}

model::OrderBookSnapshot BookAt(Timestamp ts, const char* bid, const char* ask) {
  model::OrderBookSnapshot b;
  b.symbol = "BTCUSDT";
  b.ts = ts;
  b.bids = {{D(bid), D("1.0000")}, {D(bid) - D("0.5"), D("2.0000")}};
  b.asks = {{D(ask), D("0.5000")}, {D(ask) + D("0.5"), D("3.0000")}};
  return b;
}

RecordedSymbol Recording() {
  RecordedSymbol r{.instrument = Btc()};
  r.candles = {Minute(0, "60000.0", "60010.0", "59990.0", "60005.0"),
               Minute(1, "60005.0", "60020.0", "60000.0", "60015.0"),
               Minute(2, "60015.0", "60015.0", "59950.0", "59960.0"),
               Minute(3, "59960.0", "59970.0", "59940.0", "59945.0")};
  r.trades = {Trade(1, "60000.0", "0.0100", kT0), Trade(2, "60001.5", "0.0200", kT0 + seconds(30)),
              Trade(3, "60005.0", "0.0010", kT0 + seconds(59)),
              Trade(4, "60010.0", "0.5000", kT0 + seconds(75)),
              Trade(5, "60015.0", "0.0500", kT0 + seconds(119))};
  r.books = {BookAt(kT0 + seconds(10), "60000.0", "60000.1"),
             BookAt(kT0 + seconds(70), "60009.9", "60010.0")};
  return r;
}

std::unique_ptr<MarketReplay> Make(std::vector<RecordedSymbol> symbols, Timestamp start) {
  auto replay = MarketReplay::Create(std::move(symbols), start);
  EXPECT_TRUE(replay.has_value()) << replay.error().ToString();
  return std::move(replay).value();
}

TEST(MarketReplayTest, DeliversTradesInOrderExactlyOnce) {
  auto replay = Make({Recording()}, kT0);
  // The trade at the start instant is state, not news.
  EXPECT_TRUE(replay->RecentTrades(0).empty());
  EXPECT_EQ(replay->ticker(0).last_price, D("60000.0"));
  std::vector<std::int64_t> seen;
  for (int s = 5; s <= 150; s += 5) {
    ASSERT_TRUE(replay->AdvanceTo(kT0 + seconds(s)).ok());
    for (const MarketTrade& t : replay->RecentTrades(0)) {
      EXPECT_LE(t.ts, kT0 + seconds(s));
      EXPECT_GT(t.ts, kT0 + seconds(s - 5));
      seen.push_back(t.trade_id);
    }
  }
  EXPECT_EQ(seen, (std::vector<std::int64_t>{2, 3, 4, 5}));
  EXPECT_EQ(replay->ticker(0).last_price, D("60015.0"));
  EXPECT_EQ(replay->end(), kT0 + minutes(4));
}

TEST(MarketReplayTest, BookIsTheLatestSnapshotAndFeedsTheTicker) {
  auto replay = Make({Recording()}, kT0);
  EXPECT_TRUE(replay->Book(0, 5).bids.empty());
  ASSERT_TRUE(replay->AdvanceTo(kT0 + seconds(69)).ok());
  EXPECT_EQ(replay->Book(0, 5).bids[0].price, D("60000.0"));
  ASSERT_TRUE(replay->AdvanceTo(kT0 + seconds(70)).ok());
  const model::OrderBookSnapshot book = replay->Book(0, 1);
  ASSERT_EQ(book.bids.size(), 1u);
  ASSERT_EQ(book.asks.size(), 1u);
  EXPECT_EQ(book.bids[0].price, D("60009.9"));
  EXPECT_EQ(replay->ticker(0).bid_price, D("60009.9"));
  EXPECT_EQ(replay->ticker(0).ask_price, D("60010.0"));
  EXPECT_EQ(replay->ticker(0).ask_size, D("0.5"));
  EXPECT_EQ(replay->Book(0, 10).asks.size(), 2u);
}

TEST(MarketReplayTest, CandlesAppearOnlyOnceClosedAndAggregate) {
  auto replay = Make({Recording()}, kT0);
  ASSERT_TRUE(replay->AdvanceTo(kT0 + seconds(179)).ok());
  auto bars = replay->Candles(0, Granularity::k1m, kT0, kT0 + hours(1), 100);
  ASSERT_TRUE(bars.has_value());
  ASSERT_EQ(bars->size(), 2u);  // minute 2 closes at 180 s: not yet
  ASSERT_TRUE(replay->AdvanceTo(kT0 + seconds(180)).ok());
  auto five = replay->Candles(0, Granularity::k5m, kT0, kT0 + hours(1), 100);
  ASSERT_TRUE(five.has_value());
  ASSERT_EQ(five->size(), 1u);
  EXPECT_EQ((*five)[0].open, D("60000.0"));
  EXPECT_EQ((*five)[0].high, D("60020.0"));
  EXPECT_EQ((*five)[0].low, D("59950.0"));
  EXPECT_EQ((*five)[0].close, D("59960.0"));
  EXPECT_EQ((*five)[0].base_volume, D("4.5"));
  ASSERT_TRUE(replay->AdvanceTo(kT0 + hours(2)).ok());
  auto latest = replay->Candles(0, Granularity::k1m, kT0, kT0 + hours(1), 2);
  ASSERT_EQ(latest->size(), 2u);
  EXPECT_EQ(latest->front().open_time, kT0 + minutes(2));
  // Without tickers the 24h statistics come from the closed candles.
  EXPECT_EQ(replay->ticker(0).high_24h, D("60020.0"));
  EXPECT_EQ(replay->ticker(0).low_24h, D("59940.0"));
  EXPECT_EQ(replay->ticker(0).open_24h, D("60000.0"));
  EXPECT_EQ(replay->ticker(0).base_volume_24h, D("6"));
  EXPECT_EQ(replay->ticker(0).last_price, D("59945.0"));  // the freshest: minute 3's close
  // 1m bars cannot be cut into finer ones... and a 1m recording can make anything.
  RecordedSymbol hourly{.instrument = Btc()};
  hourly.candles = {Minute(0, "1.0", "1.0", "1.0", "1.0")};
  hourly.candles[0].granularity = Granularity::k1H;
  auto coarse = Make({hourly}, kT0 + hours(3));
  EXPECT_EQ(coarse->Candles(0, Granularity::k5m, kT0, kT0 + hours(3), 10).error().code,
            core::ErrorCode::kInvalidArgument);
  // The 1D bar (UTC+8 day) opened at 16:00 UTC the day before.
  EXPECT_TRUE(coarse->Candles(0, Granularity::k1D, kT0, kT0 + hours(3), 10)->empty());
  EXPECT_EQ(coarse->Candles(0, Granularity::k1D, kT0 - hours(8), kT0 + hours(3), 10)->size(), 1u);
  EXPECT_FALSE(coarse->Candles(0, Granularity::k1H, kT0 + hours(1), kT0, 10).has_value());
}

TEST(MarketReplayTest, RecordedTickersCarryFundingMarkIndexAndOpenInterest) {
  RecordedSymbol r = Recording();
  model::Ticker k;
  k.symbol = "BTCUSDT";
  k.last_price = D("59990.0");
  k.mark_price = D("59991.2");
  k.index_price = D("59980.4");
  k.funding_rate = D("0.0001");
  k.next_funding_time = kT0 + hours(8);
  k.open_interest = D("31911.0000");
  k.high_24h = D("61000.0");
  k.ts = kT0 - seconds(1);
  model::Ticker later = k;
  later.funding_rate = D("0.000052");
  later.ts = kT0 + hours(8) + seconds(1);
  r.tickers = {k, later};
  auto replay = Make({r}, kT0 + seconds(20));
  const model::Ticker& t = replay->ticker(0);
  EXPECT_EQ(t.mark_price, D("59991.2"));
  EXPECT_EQ(t.index_price, D("59980.4"));
  EXPECT_EQ(t.open_interest, D("31911"));
  EXPECT_EQ(t.high_24h, D("61000.0"));
  EXPECT_EQ(t.last_price, D("60000.0"));  // the trade at kT0 is fresher than the ticker
  EXPECT_EQ(t.ts, kT0 + seconds(20));
  FundingInfo f = replay->Funding(0);
  EXPECT_EQ(f.rate, D("0.0001"));
  EXPECT_EQ(f.next_funding_time, kT0 + hours(8));
  EXPECT_EQ(f.interval_hours, 8);
  EXPECT_EQ(f.max_rate, D("0.003"));
  EXPECT_TRUE(f.last_funding_time.has_value());  // settled at kT0 with the rate seen before it
  ASSERT_TRUE(replay->AdvanceTo(kT0 + hours(9)).ok());
  f = replay->Funding(0);
  EXPECT_EQ(f.rate, D("0.000052"));
  EXPECT_EQ(f.last_funding_time, kT0 + hours(8));
  EXPECT_EQ(f.last_rate, D("0.0001"));
}

TEST(MarketReplayTest, RefusesToGoBackInTime) {
  auto replay = Make({Recording()}, kT0 + seconds(60));
  const core::Status status = replay->AdvanceTo(kT0 + seconds(59));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(replay->Now(), kT0 + seconds(60));
}

TEST(MarketReplayTest, CreateRejectsDisorderAndOffGridData) {
  RecordedSymbol unordered = Recording();
  std::swap(unordered.trades[1], unordered.trades[3]);
  auto result = MarketReplay::Create({unordered}, kT0);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("trades[2]"), std::string::npos) << result.error().message;

  RecordedSymbol off_tick = Recording();
  off_tick.trades[0].price = D("60000.05");
  EXPECT_FALSE(MarketReplay::Create({off_tick}, kT0).has_value());

  RecordedSymbol off_step = Recording();
  off_step.books[0].bids[0].size = D("0.00005");
  EXPECT_FALSE(MarketReplay::Create({off_step}, kT0).has_value());

  RecordedSymbol crossed = Recording();
  std::swap(crossed.books[0].bids, crossed.books[0].asks);
  EXPECT_FALSE(MarketReplay::Create({crossed}, kT0).has_value());

  RecordedSymbol repeated_bar = Recording();
  repeated_bar.candles[2].open_time = repeated_bar.candles[1].open_time;
  EXPECT_FALSE(MarketReplay::Create({repeated_bar}, kT0).has_value());

  EXPECT_FALSE(MarketReplay::Create({Recording(), Recording()}, kT0).has_value());
  EXPECT_FALSE(MarketReplay::Create({}, kT0).has_value());
}

}  // namespace
}  // namespace bgt::sim
