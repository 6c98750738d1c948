// MarketFeed fan-out, StalenessMonitor with TestClock, and the MarketDataEngine wiring.
#include "market/market_data.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "market/order_book_test_util.h"

namespace bgt::market {
namespace {

using namespace std::chrono_literals;

TradeEvent Trade(const std::string& id) {
  PublicTrade t;
  t.symbol = "BTCUSDT";
  t.trade_id = id;
  return TradeEvent{t};
}

std::string IdOf(const MarketEvent& e) { return std::get<TradeEvent>(e).trade.trade_id; }

TEST(MarketFeedTest, FansOutToEverySubscriberAndCursorInOrder) {
  MarketFeed feed(8);
  std::vector<std::string> a;
  std::vector<std::string> b;
  const auto id_a = feed.Subscribe([&](const MarketEvent& e) { a.push_back(IdOf(e)); });
  feed.Subscribe([&](const MarketEvent& e) { b.push_back(IdOf(e)); });
  MarketFeed::Cursor early = feed.NewCursor();
  feed.Publish(Trade("1"));
  MarketFeed::Cursor late = feed.NewCursor();
  feed.Publish(Trade("2"));
  EXPECT_TRUE(feed.Unsubscribe(id_a));
  EXPECT_FALSE(feed.Unsubscribe(id_a));
  feed.Publish(Trade("3"));
  EXPECT_EQ(a, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(b, (std::vector<std::string>{"1", "2", "3"}));
  std::vector<MarketEvent> out;
  EXPECT_EQ(feed.Poll(early, out, 2), 0u);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(IdOf(out[1]), "2");
  out.clear();
  EXPECT_EQ(feed.Poll(early, out), 0u);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(IdOf(out[0]), "3");
  out.clear();
  EXPECT_EQ(feed.Poll(late, out), 0u);
  EXPECT_EQ(out.size(), 2u);
  EXPECT_EQ(feed.published(), 3u);
}

TEST(MarketFeedTest, SlowCursorIsToldHowManyItLost) {
  MarketFeed feed(4);
  MarketFeed::Cursor cursor = feed.NewCursor();
  for (int i = 0; i < 10; ++i) feed.Publish(Trade(std::to_string(i)));
  std::vector<MarketEvent> out;
  EXPECT_EQ(feed.Poll(cursor, out), 6u);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(IdOf(out.front()), "6");
  EXPECT_EQ(IdOf(out.back()), "9");
}

TEST(MarketFeedTest, PublishFromACallbackIsQueuedNotReentrant) {
  MarketFeed feed(16);
  std::vector<std::string> seen_first;
  std::vector<std::string> seen_second;
  SubscriptionId self = 0;
  self = feed.Subscribe([&](const MarketEvent& e) {
    seen_first.push_back(IdOf(e));
    if (IdOf(e) == "1") {
      feed.Publish(Trade("1b"));
      feed.Unsubscribe(self);
      feed.Subscribe([&](const MarketEvent& e2) { seen_second.push_back("new:" + IdOf(e2)); });
    }
  });
  feed.Subscribe([&](const MarketEvent& e) { seen_second.push_back(IdOf(e)); });
  feed.Publish(Trade("1"));
  feed.Publish(Trade("2"));
  EXPECT_EQ(seen_first, (std::vector<std::string>{"1"}));
  EXPECT_EQ(seen_second, (std::vector<std::string>{"1", "1b", "new:1b", "2", "new:2"}));
  EXPECT_EQ(feed.subscribers(), 2u);
}

TEST(StalenessTest, GoesStaleOnceAndFreshOnTheNextMessage) {
  core::TestClock clock(core::Timestamp::FromSeconds(1000));
  StalenessConfig config;
  config.max_age = {2s, 5s, 0s, 0s};
  StalenessMonitor monitor(clock, config);
  monitor.Watch(StreamKind::kTicker, "BTCUSDT");
  monitor.Watch(StreamKind::kBook, "BTCUSDT");
  monitor.Watch(StreamKind::kCandle, "BTCUSDT");  // max age 0: never stale
  ASSERT_TRUE(clock.AdvanceBy(2s).ok());
  EXPECT_TRUE(monitor.Check().empty());  // exactly the max age is still fresh
  ASSERT_TRUE(clock.AdvanceBy(1ms).ok());
  auto events = monitor.Check();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].stream, (StreamKey{StreamKind::kTicker, "BTCUSDT"}));
  EXPECT_TRUE(events[0].stale);
  EXPECT_EQ(events[0].age, 2001ms);
  EXPECT_TRUE(monitor.IsStale(StreamKind::kTicker, "BTCUSDT"));
  EXPECT_TRUE(monitor.Check().empty());  // reported once
  EXPECT_FALSE(monitor.Touch(StreamKind::kBook, "BTCUSDT").has_value());
  ASSERT_TRUE(clock.AdvanceBy(1s).ok());
  auto fresh = monitor.Touch(StreamKind::kTicker, "BTCUSDT");
  ASSERT_TRUE(fresh.has_value());
  EXPECT_FALSE(fresh->stale);
  EXPECT_EQ(fresh->age, 3001ms);
  EXPECT_FALSE(monitor.IsStale(StreamKind::kTicker, "BTCUSDT"));
  ASSERT_TRUE(clock.AdvanceBy(10min).ok());
  EXPECT_EQ(monitor.Check().size(), 2u);  // ticker and book, in key order
  EXPECT_EQ(*monitor.Age(StreamKind::kBook, "BTCUSDT"), 10min + 1s);
  EXPECT_FALSE(monitor.Age(StreamKind::kTrade, "BTCUSDT").has_value());
}

class MarketDataEngineTest : public ::testing::Test {
 protected:
  MarketDataEngineTest() : engine_(clock_, Config()) {
    engine_.AddBook(testing::TestSpec());
    engine_.feed().Subscribe([this](const MarketEvent& e) { events_.push_back(e); });
  }
  static MarketDataConfig Config() {
    MarketDataConfig c;
    c.trades_per_symbol = 3;
    c.staleness.max_age = {5s, 5s, 0s, 0s};
    return c;
  }
  template <typename T>
  std::vector<T> Events() const {
    std::vector<T> out;
    for (const auto& e : events_) {
      if (const T* t = std::get_if<T>(&e)) out.push_back(*t);
    }
    return out;
  }
  core::TestClock clock_{core::Timestamp::FromSeconds(1000)};
  MarketDataEngine engine_;
  std::vector<MarketEvent> events_;
};

TEST_F(MarketDataEngineTest, TickerCacheKeepsNewestAndFundingTime) {
  model::Ticker t;
  t.symbol = "BTCUSDT";
  t.last_price = testing::D("100.5");
  t.funding_rate = testing::D("0.0001");
  t.next_funding_time = core::Timestamp::FromSeconds(2000);
  t.open_interest = testing::D("12.5");
  t.ts = core::Timestamp::FromSeconds(1000);
  EXPECT_TRUE(engine_.OnTicker(t));
  model::Ticker rest = t;  // REST ticker: no next funding time
  rest.next_funding_time.reset();
  rest.last_price = testing::D("101");
  rest.ts = core::Timestamp::FromSeconds(1001);
  EXPECT_TRUE(engine_.OnTicker(rest));
  const model::Ticker* cached = engine_.FindTicker("BTCUSDT");
  ASSERT_NE(cached, nullptr);
  EXPECT_EQ(cached->last_price, testing::D("101"));
  EXPECT_EQ(cached->next_funding_time, core::Timestamp::FromSeconds(2000));
  EXPECT_EQ(cached->open_interest, testing::D("12.5"));
  EXPECT_FALSE(engine_.OnTicker(t));  // older
  EXPECT_EQ(engine_.counters().tickers_out_of_order, 1u);
  EXPECT_EQ(Events<TickerEvent>().size(), 2u);
  EXPECT_EQ(engine_.FindTicker("ETHUSDT"), nullptr);
}

TEST_F(MarketDataEngineTest, BooksPublishUpdatesAndResyncEvents) {
  ASSERT_TRUE(engine_.OnBook(testing::Snapshot({{"99", "1"}}, {{"100", "1"}}, 1))->applied());
  EXPECT_EQ(engine_.OnBook(testing::Update({{"99", "2"}}, {}, 5, 4))->issue, BookIssue::kGap);
  ASSERT_TRUE(engine_.OnBook(testing::Snapshot({{"99", "1"}}, {{"100", "1"}}, 9))->applied());
  EXPECT_EQ(Events<BookUpdatedEvent>().size(), 2u);
  const auto resync = Events<BookEvent>();
  ASSERT_EQ(resync.size(), 2u);
  EXPECT_EQ(resync[0].kind, BookEvent::Kind::kResyncNeeded);
  EXPECT_EQ(resync[1].kind, BookEvent::Kind::kResynced);
  EXPECT_EQ(engine_.books().TakeResyncRequests().size(), 1u);
  EXPECT_EQ(engine_.books().Find("BTCUSDT")->BestBid()->price, testing::D("99"));
}

TEST_F(MarketDataEngineTest, TradesRingDedupesAndKeepsTheNewest) {
  for (int i = 1; i <= 5; ++i) {
    PublicTrade t;
    t.symbol = "BTCUSDT";
    t.trade_id = std::to_string(i);
    t.ts = core::Timestamp::FromSeconds(1000 + i);
    EXPECT_TRUE(engine_.OnTrade(t));
  }
  PublicTrade again;
  again.symbol = "BTCUSDT";
  again.trade_id = "5";
  again.ts = core::Timestamp::FromSeconds(1005);
  EXPECT_FALSE(engine_.OnTrade(again));
  const auto recent = engine_.RecentTrades("BTCUSDT", 10);
  ASSERT_EQ(recent.size(), 3u);
  EXPECT_EQ(recent.front().trade_id, "3");
  EXPECT_EQ(recent.back().trade_id, "5");
  EXPECT_EQ(engine_.RecentTrades("BTCUSDT", 1).front().trade_id, "5");
  EXPECT_EQ(engine_.counters().trades_duplicate, 1u);
  EXPECT_EQ(Events<TradeEvent>().size(), 5u);
}

TEST_F(MarketDataEngineTest, CandlesPublishFinalBars) {
  model::Candle c;
  c.open_time = core::Timestamp::FromSeconds(60'000);
  c.open = c.high = c.low = c.close = testing::D("100");
  c.granularity = model::Granularity::k1m;
  const std::vector<model::Candle> history = {c};
  ASSERT_TRUE(engine_.SeedCandles("BTCUSDT", model::Granularity::k1m, history).ok());
  model::Candle next = c;
  next.open_time = c.open_time + 60s;
  EXPECT_EQ(engine_.OnCandle("BTCUSDT", next).outcome, CandleOutcome::kOpened);
  const auto candles = Events<CandleEvent>();
  ASSERT_EQ(candles.size(), 2u);
  EXPECT_TRUE(candles[0].final);
  EXPECT_EQ(candles[0].candle.open_time, c.open_time);
  EXPECT_FALSE(candles[1].final);
  ASSERT_NE(engine_.FindCandles("BTCUSDT", model::Granularity::k1m), nullptr);
  EXPECT_EQ(engine_.FindCandles("BTCUSDT", model::Granularity::k5m), nullptr);
}

TEST_F(MarketDataEngineTest, ScheduledStalenessChecksPublishStaleAndFresh) {
  engine_.ScheduleStalenessChecks(1s);
  ASSERT_TRUE(clock_.AdvanceBy(6s).ok());
  auto stale = Events<StalenessEvent>();
  ASSERT_EQ(stale.size(), 1u);  // the book stream; the ticker stream is not watched
  EXPECT_EQ(stale[0].stream.kind, StreamKind::kBook);
  EXPECT_TRUE(stale[0].stale);
  ASSERT_TRUE(engine_.OnBook(testing::Snapshot({{"99", "1"}}, {{"100", "1"}}, 1))->applied());
  stale = Events<StalenessEvent>();
  ASSERT_EQ(stale.size(), 2u);
  EXPECT_FALSE(stale[1].stale);
  EXPECT_EQ(engine_.counters().stale_events, 1u);
  EXPECT_EQ(engine_.counters().fresh_events, 1u);
}

TEST_F(MarketDataEngineTest, BookWaitingForResyncGoesStaleDespiteUpdates) {
  ASSERT_TRUE(engine_.OnBook(testing::Snapshot({{"99", "1"}}, {{"100", "1"}}, 1))->applied());
  ASSERT_EQ(engine_.OnBook(testing::Update({}, {}, 3, 2))->issue, BookIssue::kGap);
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(clock_.AdvanceBy(1s).ok());
    ASSERT_EQ(engine_.OnBook(testing::Update({}, {}, 4 + i, 3 + i))->issue,
              BookIssue::kAwaitingSnapshot);
  }
  const auto stale = engine_.CheckStaleness();
  ASSERT_EQ(stale.size(), 1u);
  EXPECT_EQ(stale[0].stream, (StreamKey{StreamKind::kBook, "BTCUSDT"}));
  EXPECT_EQ(stale[0].age, 6s);
}

}  // namespace
}  // namespace bgt::market
