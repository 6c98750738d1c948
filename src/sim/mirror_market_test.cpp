#include "sim/mirror_market.h"

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

const Timestamp kT0 = Timestamp::FromSeconds(1'767'225'600) + hours(1);  // 2026-01-01T01:00Z

Decimal D(const char* text) { return *Decimal::Parse(text); }

std::unique_ptr<MirrorMarket> Make(MirrorMarketOptions options = {}) {
  std::vector<model::Instrument> instruments = {
      model::testdata::MustBuild(model::testdata::BtcUsdtRow()),
      model::testdata::MustBuild(model::testdata::EthUsdtRow())};
  auto market = MirrorMarket::Create(std::move(instruments), kT0, std::move(options));
  EXPECT_TRUE(market.has_value()) << market.error().ToString();
  return std::move(*market);
}

model::Ticker Btc(const char* last, const char* bid, const char* ask) {
  model::Ticker t;
  t.symbol = "BTCUSDT";
  t.last_price = D(last);
  t.bid_price = D(bid);
  t.bid_size = D("1.5000");
  t.ask_price = D(ask);
  t.ask_size = D("2.0000");
  t.open_24h = D("59000.0");
  t.high_24h = D("61000.0");
  t.low_24h = D("58000.0");
  t.base_volume_24h = D("12345.6789");
  t.quote_volume_24h = D("740000000.12");
  t.funding_rate = D("0.0001");
  t.mark_price = D(last);
  t.index_price = D(last);
  t.open_interest = D("50000");
  t.ts = Timestamp::FromSeconds(1);  // not trusted: the mirror stamps Now()
  return t;
}

model::OrderBookSnapshot Book(std::vector<model::BookLevel> bids,
                              std::vector<model::BookLevel> asks) {
  model::OrderBookSnapshot b;
  b.symbol = "BTCUSDT";
  b.bids = std::move(bids);
  b.asks = std::move(asks);
  return b;
}

TEST(MirrorMarketTest, CreateRefusesBadInput) {
  EXPECT_FALSE(MirrorMarket::Create({}, kT0).has_value());
  const auto btc = model::testdata::MustBuild(model::testdata::BtcUsdtRow());
  EXPECT_FALSE(MirrorMarket::Create({btc, btc}, kT0).has_value());
  EXPECT_FALSE(MirrorMarket::Create({btc}, kT0, {.candle_history = seconds(59)}).has_value());
}

TEST(MirrorMarketTest, BeforeAnyFeedThereIsNoMarket) {
  auto m = Make();
  ASSERT_EQ(m->FindSymbol("ETHUSDT"), 1u);
  EXPECT_FALSE(m->HasFeed(0));
  EXPECT_EQ(m->ticker(0).symbol, "BTCUSDT");
  EXPECT_TRUE(m->ticker(0).last_price.IsZero());
  EXPECT_TRUE(m->Book(0, 10).bids.empty());
  EXPECT_TRUE(m->RecentTrades(0).empty());
  auto candles = m->Candles(0, Granularity::k1m, kT0 - hours(1), kT0, 100);
  ASSERT_TRUE(candles.has_value());
  EXPECT_TRUE(candles->empty());
  EXPECT_FALSE(m->Funding(0).last_funding_time.has_value());
}

TEST(MirrorMarketTest, FeedSetsTickerAndOneLevelBook) {
  auto m = Make();
  ASSERT_TRUE(m->AdvanceTo(kT0 + seconds(5)).ok());
  model::Ticker fed = Btc("60000.0", "59999.9", "60000.1");
  fed.mark_price = D("60000.04");   // Bitget prints mark/index with more decimals
  fed.index_price = D("59999.96");  // than the tick: rounded to the nearest tick
  ASSERT_TRUE(m->Feed(fed).ok());
  EXPECT_TRUE(m->HasFeed(0));
  const model::Ticker& t = m->ticker(0);
  EXPECT_EQ(t.last_price, D("60000.0"));
  EXPECT_EQ(t.mark_price, D("60000.0"));
  EXPECT_EQ(t.index_price, D("60000.0"));
  EXPECT_EQ(t.bid_size, D("1.5"));
  EXPECT_EQ(t.high_24h, D("61000.0"));
  EXPECT_EQ(t.ts, kT0 + seconds(5));
  const model::OrderBookSnapshot book = m->Book(0, 5);
  ASSERT_EQ(book.bids.size(), 1u);
  ASSERT_EQ(book.asks.size(), 1u);
  EXPECT_EQ(book.bids[0], (model::BookLevel{D("59999.9"), D("1.5000")}));
  EXPECT_EQ(book.asks[0], (model::BookLevel{D("60000.1"), D("2.0000")}));
  EXPECT_TRUE(m->Book(1, 5).bids.empty());  // ETH not fed
}

TEST(MirrorMarketTest, BadFeedsAreRefusedAndChangeNothing) {
  auto m = Make();
  ASSERT_TRUE(m->Feed(Btc("60000.0", "59999.9", "60000.1")).ok());
  const model::Ticker before = m->ticker(0);
  const auto book_before = m->Book(0, 10);

  model::Ticker unknown = Btc("60000.0", "59999.9", "60000.1");
  unknown.symbol = "NOPEUSDT";
  const core::Status status = m->Feed(unknown);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, core::ErrorCode::kNotFound);
  EXPECT_NE(status.error().message.find("NOPEUSDT"), std::string::npos);

  struct Case {
    const char* name;
    model::Ticker ticker;
    const char* expect;
  };
  std::vector<Case> cases;
  cases.push_back({"crossed", Btc("60000.0", "60000.1", "60000.1"), "crossed"});
  cases.push_back({"off tick", Btc("60000.05", "59999.9", "60000.1"), "off the tick"});
  cases.push_back({"zero last", Btc("0", "59999.9", "60000.1"), "not positive"});
  model::Ticker size = Btc("60000.0", "59999.9", "60000.1");
  size.bid_size = D("0.00005");
  cases.push_back({"off step", size, "off the size step"});
  model::Ticker mark = Btc("60000.0", "59999.9", "60000.1");
  mark.mark_price = D("0.01");
  cases.push_back({"mark rounds to 0", mark, "rounds to 0"});
  model::Ticker rate = Btc("60000.0", "59999.9", "60000.1");
  rate.funding_rate = D("-1.5");
  cases.push_back({"funding", rate, "funding rate"});
  for (const Case& c : cases) {
    const core::Status s = m->Feed(c.ticker);
    ASSERT_FALSE(s.ok()) << c.name;
    EXPECT_EQ(s.error().code, core::ErrorCode::kInvalidArgument) << c.name;
    EXPECT_NE(s.error().message.find(c.expect), std::string::npos)
        << c.name << ": " << s.error().message;
    EXPECT_NE(s.error().message.find("BTCUSDT"), std::string::npos) << c.name;
  }

  // Books: crossed, out of order, off tick, empty side, another symbol, unknown symbol.
  std::vector<model::OrderBookSnapshot> books = {
      Book({{D("60000.1"), D("1")}}, {{D("60000.1"), D("1")}}),
      Book({{D("59999.0"), D("1")}, {D("59999.5"), D("1")}}, {{D("60000.1"), D("1")}}),
      Book({{D("59999.95"), D("1")}}, {{D("60000.1"), D("1")}}),
      Book({}, {{D("60000.1"), D("1")}}),
  };
  model::OrderBookSnapshot other = Book({{D("1.0"), D("1")}}, {{D("2.0"), D("1")}});
  other.symbol = "ETHUSDT";
  books.push_back(other);
  for (std::size_t k = 0; k < books.size(); ++k) {
    const core::Status s = m->FeedBook("BTCUSDT", books[k]);
    ASSERT_FALSE(s.ok()) << k;
    EXPECT_EQ(s.error().code, core::ErrorCode::kInvalidArgument) << k;
  }
  EXPECT_EQ(m->FeedBook("NOPEUSDT", books[0]).error().code, core::ErrorCode::kNotFound);

  EXPECT_EQ(m->ticker(0).last_price, before.last_price);
  EXPECT_EQ(m->ticker(0).bid_price, before.bid_price);
  EXPECT_EQ(m->ticker(0).funding_rate, before.funding_rate);
  EXPECT_EQ(m->Book(0, 10).bids, book_before.bids);
  EXPECT_EQ(m->Book(0, 10).asks, book_before.asks);
  EXPECT_FALSE(m->HasFeed(1));
}

TEST(MirrorMarketTest, TimeIsMonotonic) {
  auto m = Make();
  ASSERT_TRUE(m->AdvanceTo(kT0 + seconds(10)).ok());
  const core::Status s = m->AdvanceTo(kT0 + seconds(9));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(m->Now(), kT0 + seconds(10));
  EXPECT_TRUE(m->AdvanceTo(kT0 + seconds(10)).ok());
}

TEST(MirrorMarketTest, FedBookThenTickerKeepsDeeperLevels) {
  auto m = Make();
  ASSERT_TRUE(m->Feed(Btc("60000.0", "59999.9", "60000.1")).ok());
  ASSERT_TRUE(
      m->FeedBook("BTCUSDT",
                  Book({{D("59999.8"), D("1")}, {D("59999.5"), D("2")}, {D("59999.0"), D("3")}},
                       {{D("60000.2"), D("1")}, {D("60000.5"), D("2")}, {D("60001.0"), D("3")}}))
          .ok());
  // The book is fresher: it sets the ticker's best quotes.
  EXPECT_EQ(m->ticker(0).bid_price, D("59999.8"));
  EXPECT_EQ(m->ticker(0).ask_size, D("1"));
  auto book = m->Book(0, 2);
  ASSERT_EQ(book.bids.size(), 2u);
  EXPECT_EQ(book.asks[1].price, D("60000.5"));

  // A fresher ticker takes the top; the deeper fed levels stay below it.
  ASSERT_TRUE(m->Feed(Btc("60000.4", "60000.3", "60000.6")).ok());
  book = m->Book(0, 10);
  ASSERT_TRUE(model::CheckSnapshot(book).ok());
  std::vector<model::BookLevel> bids = {{D("60000.3"), D("1.5")},
                                        {D("59999.8"), D("1")},
                                        {D("59999.5"), D("2")},
                                        {D("59999.0"), D("3")}};
  std::vector<model::BookLevel> asks = {{D("60000.6"), D("2")}, {D("60001.0"), D("3")}};
  EXPECT_EQ(book.bids, bids);
  EXPECT_EQ(book.asks, asks);
  EXPECT_EQ(book.bids[0].price, m->ticker(0).bid_price);
  EXPECT_EQ(book.asks[0].price, m->ticker(0).ask_price);
}

TEST(MirrorMarketTest, CandlesAggregateFedLastPrices) {
  auto m = Make();
  ASSERT_TRUE(m->AdvanceTo(kT0 + seconds(10)).ok());
  ASSERT_TRUE(m->Feed(Btc("100.0", "99.9", "100.1")).ok());
  ASSERT_TRUE(m->AdvanceTo(kT0 + seconds(20)).ok());
  ASSERT_TRUE(m->Feed(Btc("105.0", "104.9", "105.1")).ok());
  ASSERT_TRUE(m->AdvanceTo(kT0 + seconds(30)).ok());
  ASSERT_TRUE(m->Feed(Btc("98.0", "97.9", "98.1")).ok());
  ASSERT_TRUE(m->AdvanceTo(kT0 + seconds(50)).ok());
  ASSERT_TRUE(m->Feed(Btc("101.0", "100.9", "101.1")).ok());
  // Minute 1: nothing fed (flat at 101). Minute 2: one feed at 103.
  ASSERT_TRUE(m->AdvanceTo(kT0 + minutes(2) + seconds(30)).ok());
  ASSERT_TRUE(m->Feed(Btc("103.0", "102.9", "103.1")).ok());

  auto bars = m->Candles(0, Granularity::k1m, kT0 - hours(1), kT0 + hours(1), 100);
  ASSERT_TRUE(bars.has_value()) << bars.error().ToString();
  ASSERT_EQ(bars->size(), 3u);
  const model::Candle& first = (*bars)[0];
  EXPECT_EQ(first.open_time, kT0);
  EXPECT_EQ(first.open, D("100"));
  EXPECT_EQ(first.high, D("105"));
  EXPECT_EQ(first.low, D("98"));
  EXPECT_EQ(first.close, D("101"));
  EXPECT_TRUE(first.base_volume.IsZero());
  EXPECT_EQ((*bars)[1].open, D("101"));
  EXPECT_EQ((*bars)[1].high, D("101"));
  EXPECT_EQ((*bars)[1].close, D("101"));
  EXPECT_EQ((*bars)[2].open, D("101"));  // the last price in force at the minute's start
  EXPECT_EQ((*bars)[2].high, D("103"));
  EXPECT_EQ((*bars)[2].close, D("103"));
  for (const model::Candle& c : *bars) EXPECT_TRUE(model::CheckCandle(c).ok());

  // The minute containing Now() exists after AdvanceTo alone.
  ASSERT_TRUE(m->AdvanceTo(kT0 + minutes(3) + seconds(1)).ok());
  auto latest = m->Candles(0, Granularity::k1m, kT0, kT0 + hours(1), 1);
  ASSERT_TRUE(latest.has_value());
  ASSERT_EQ(latest->size(), 1u);
  EXPECT_EQ((*latest)[0].open_time, kT0 + minutes(3));
  EXPECT_EQ((*latest)[0].close, D("103"));

  // Coarser bars are the aggregation of the 1-minute ones.
  auto five = m->Candles(0, Granularity::k5m, kT0 - hours(1), kT0 + hours(1), 100);
  ASSERT_TRUE(five.has_value());
  ASSERT_EQ(five->size(), 1u);
  EXPECT_EQ((*five)[0].open_time, kT0);
  EXPECT_EQ((*five)[0].granularity, Granularity::k5m);
  EXPECT_EQ((*five)[0].open, D("100"));
  EXPECT_EQ((*five)[0].high, D("105"));
  EXPECT_EQ((*five)[0].low, D("98"));
  EXPECT_EQ((*five)[0].close, D("103"));
  auto day = m->Candles(0, Granularity::k1D, kT0 - hours(48), kT0 + hours(1), 5);
  ASSERT_TRUE(day.has_value());
  ASSERT_EQ(day->size(), 1u);
  EXPECT_EQ((*day)[0].high, D("105"));

  // `from` inside a bar excludes that bar (open time must be in [from, to]); `limit` keeps the
  // latest; no look-ahead.
  auto from_mid = m->Candles(0, Granularity::k1m, kT0 + seconds(30), kT0 + hours(1), 100);
  ASSERT_TRUE(from_mid.has_value());
  ASSERT_EQ(from_mid->size(), 3u);
  EXPECT_EQ(from_mid->front().open_time, kT0 + minutes(1));
  auto limited = m->Candles(0, Granularity::k1m, kT0, kT0 + hours(1), 2);
  ASSERT_EQ(limited->size(), 2u);
  EXPECT_EQ(limited->back().open_time, kT0 + minutes(3));
  EXPECT_FALSE(m->Candles(0, Granularity::k1m, kT0 + hours(1), kT0, 10).has_value());
  EXPECT_FALSE(m->Candles(0, Granularity::k1m, kT0, kT0 + hours(1), 0).has_value());
}

TEST(MirrorMarketTest, CandleHistoryIsBounded) {
  auto m = Make({.candle_history = minutes(10)});
  ASSERT_TRUE(m->Feed(Btc("100.0", "99.9", "100.1")).ok());
  ASSERT_TRUE(m->AdvanceTo(kT0 + minutes(25)).ok());
  auto bars = m->Candles(0, Granularity::k1m, kT0, kT0 + hours(1), 1000);
  ASSERT_TRUE(bars.has_value());
  ASSERT_EQ(bars->size(), 10u);
  EXPECT_EQ(bars->front().open_time, kT0 + minutes(16));
  EXPECT_EQ(bars->back().open_time, kT0 + minutes(25));
  ASSERT_TRUE(m->AdvanceTo(kT0 + hours(30)).ok());  // a gap longer than the history
  bars = m->Candles(0, Granularity::k1m, kT0, kT0 + hours(31), 1000);
  ASSERT_EQ(bars->size(), 10u);
  EXPECT_EQ(bars->back().open_time, kT0 + hours(30));
  EXPECT_EQ(bars->back().close, D("100"));
}

TEST(MirrorMarketTest, FundingSettlesAtTheFedTimeWithTheFedRate) {
  auto m = Make();
  const Timestamp next = Timestamp::FromSeconds(1'767'225'600) + hours(8);  // 08:00Z
  model::Ticker t = Btc("60000.0", "59999.9", "60000.1");
  t.funding_rate = D("0.0005");
  t.next_funding_time = next;
  ASSERT_TRUE(m->Feed(t).ok());
  FundingInfo f = m->Funding(0);
  EXPECT_EQ(f.rate, D("0.0005"));
  EXPECT_EQ(f.next_funding_time, next);
  EXPECT_EQ(f.interval_hours, 8);
  EXPECT_EQ(f.max_rate, D("0.003"));
  EXPECT_FALSE(f.last_funding_time.has_value());
  EXPECT_EQ(m->ticker(0).next_funding_time, next);

  ASSERT_TRUE(m->AdvanceTo(next - seconds(1)).ok());
  EXPECT_FALSE(m->Funding(0).last_funding_time.has_value());
  ASSERT_TRUE(m->AdvanceTo(next).ok());
  f = m->Funding(0);
  ASSERT_TRUE(f.last_funding_time.has_value());
  EXPECT_EQ(*f.last_funding_time, next);
  EXPECT_EQ(f.last_rate, D("0.0005"));
  EXPECT_EQ(f.next_funding_time, next + hours(8));

  // The next period's rate arrives; its settlement uses it.
  t.funding_rate = D("-0.0002");
  t.next_funding_time = next + hours(8);
  ASSERT_TRUE(m->Feed(t).ok());
  ASSERT_TRUE(m->AdvanceTo(next + hours(9)).ok());
  f = m->Funding(0);
  EXPECT_EQ(*f.last_funding_time, next + hours(8));
  EXPECT_EQ(f.last_rate, D("-0.0002"));

  // A late ticker still naming a period already settled changes only the rate.
  ASSERT_TRUE(m->AdvanceTo(next + hours(16) + seconds(3)).ok());  // settles 00:00 at -0.0002
  EXPECT_EQ(*m->Funding(0).last_funding_time, next + hours(16));
  t.funding_rate = D("0.0003");
  t.next_funding_time = next + hours(16);
  ASSERT_TRUE(m->Feed(t).ok());
  EXPECT_EQ(m->Funding(0).last_rate, D("-0.0002"));
  EXPECT_EQ(m->Funding(0).next_funding_time, next + hours(24));
  EXPECT_EQ(m->Funding(0).rate, D("0.0003"));
}

// A first ticker that arrives after its period ended settles that period at its own rate.
TEST(MirrorMarketTest, LateTickerSettlesItsPeriod) {
  auto m = Make();
  const Timestamp next = Timestamp::FromSeconds(1'767'225'600) + hours(8);
  ASSERT_TRUE(m->AdvanceTo(next + seconds(2)).ok());
  model::Ticker t = Btc("60000.0", "59999.9", "60000.1");
  t.funding_rate = D("0.0004");
  t.next_funding_time = next;
  ASSERT_TRUE(m->Feed(t).ok());
  const FundingInfo f = m->Funding(0);
  ASSERT_TRUE(f.last_funding_time.has_value());
  EXPECT_EQ(*f.last_funding_time, next);
  EXPECT_EQ(f.last_rate, D("0.0004"));
  EXPECT_EQ(f.next_funding_time, next + hours(8));
}

TEST(MirrorMarketTest, FundingWithoutNextTimeUsesTheGrid) {
  auto m = Make();
  ASSERT_TRUE(m->Feed(Btc("60000.0", "59999.9", "60000.1")).ok());
  EXPECT_EQ(m->Funding(0).next_funding_time, Timestamp::FromSeconds(1'767'225'600) + hours(8));
}

}  // namespace
}  // namespace bgt::sim
