// The strategy API: MarketView, PositionBook, StrategyContext (stamping, collection, child
// contexts) and StrategyRunner (data written before the callback, timers).
#include "strategy/strategy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

#include "strategy/runner.h"
#include "strategy/strategy_test_support.h"

namespace bgt::strategy {
namespace {

using testing::D;
using ::testing::ElementsAre;
using testing::kStart;

model::Candle Bar(int hour, std::string_view close) {
  model::Candle c;
  c.open_time = kStart + std::chrono::hours(hour);
  c.open = c.high = c.low = c.close = D(close);
  c.granularity = model::Granularity::k1H;
  return c;
}

TEST(MarketView, KeepsTheLastCandlesInOrderAndRefusesBadOnes) {
  MarketView view(3);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(view.OnCandleClosed("BTCUSDT", Bar(i, "100")).ok());
  ASSERT_EQ(view.candles("BTCUSDT").size(), 3u);
  EXPECT_EQ(view.candles("BTCUSDT").front().open_time, kStart + std::chrono::hours(2));
  EXPECT_FALSE(view.OnCandleClosed("BTCUSDT", Bar(4, "100")).ok());  // not after the last
  model::Candle bad = Bar(9, "100");
  bad.low = D("0");
  EXPECT_FALSE(view.OnCandleClosed("BTCUSDT", bad).ok());
  EXPECT_EQ(view.candles("BTCUSDT").size(), 3u);
  EXPECT_TRUE(view.candles("ETHUSDT").empty());
  EXPECT_EQ(view.ticker("BTCUSDT"), nullptr);
  EXPECT_EQ(view.funding("BTCUSDT"), nullptr);
}

TEST(StrategyContext, StampsIntentsAndReadsPositions) {
  core::TestClock clock(kStart);
  MarketView market;
  PositionBook positions;
  StrategyContext ctx("trend-1", clock, market, positions);
  EXPECT_TRUE(ctx.PositionQuantity("BTCUSDT").IsZero());
  positions.Set(PositionView{"BTCUSDT", D("-0.5"), D("100"), kStart});
  EXPECT_EQ(ctx.PositionQuantity("BTCUSDT"), D("-0.5"));
  ASSERT_TRUE(clock.AdvanceBy(std::chrono::seconds(5)).ok());
  ctx.Submit(Exit{"BTCUSDT", "done"});
  StrategyContext child = ctx.Child("inner");
  child.Submit(StopUpdate{"BTCUSDT", D("101")});
  EXPECT_EQ(child.PositionQuantity("BTCUSDT"), D("-0.5"));
  ASSERT_EQ(ctx.intents().size(), 1u);
  EXPECT_EQ(ctx.intents()[0].strategy_id, "trend-1");
  EXPECT_EQ(ctx.intents()[0].ts, kStart + std::chrono::seconds(5));
  EXPECT_EQ(KindOf(ctx.intents()[0].body), "exit");
  EXPECT_EQ(child.intents()[0].strategy_id, "inner");
  EXPECT_EQ(ctx.TakeIntents().size(), 1u);
  EXPECT_TRUE(ctx.intents().empty());
  positions.Set(PositionView{"BTCUSDT", D("0"), D("0"), kStart});
  EXPECT_EQ(ctx.position("BTCUSDT"), nullptr);
}

class Recorder final : public Strategy {
 public:
  std::string_view name() const override { return "recorder"; }
  void OnTicker(StrategyContext& ctx, const model::Ticker& t) override {
    seen.push_back("ticker " + ctx.market().ticker(t.symbol)->last_price.ToString());
  }
  void OnBook(StrategyContext& ctx, const TopOfBook& b) override {
    seen.push_back("book " + ctx.market().book(b.symbol)->bid.ToString());
  }
  void OnOrderEvent(StrategyContext&, const OrderEvent& e) override {
    seen.push_back("order " + e.client_oid);
  }
  void OnPositionChanged(StrategyContext& ctx, const PositionView& p) override {
    seen.push_back("position " + ctx.PositionQuantity(p.symbol).ToString());
  }
  void OnTimer(StrategyContext& ctx, core::Timestamp deadline) override {
    seen.push_back("timer " + std::to_string((deadline - kStart).count() / 1'000'000'000));
    ctx.Submit(Exit{"BTCUSDT", "t"});
  }
  std::optional<core::Duration> TimerInterval() const override { return std::chrono::seconds(30); }
  std::vector<std::string> seen;
};

TEST(StrategyRunner, WritesTheDataBeforeEachCallbackAndFiresTheTimer) {
  core::TestClock clock(kStart);
  MarketView market;
  PositionBook positions;
  Recorder recorder;
  {
    StrategyRunner runner(recorder, "rec", clock, market, positions);
    model::Ticker t;
    t.symbol = "BTCUSDT";
    t.last_price = D("42");
    runner.OnTicker(t);
    runner.OnBook(TopOfBook{"BTCUSDT", D("41"), D("1"), D("43"), D("1"), kStart});
    OrderEvent filled;
    filled.kind = OrderEvent::Kind::kFilled;
    filled.symbol = "BTCUSDT";
    filled.client_oid = "oid-1";
    runner.OnOrderEvent(filled);
    runner.OnPositionChanged(PositionView{"BTCUSDT", D("2"), D("42"), kStart});
    ASSERT_TRUE(clock.AdvanceBy(std::chrono::seconds(65)).ok());
    EXPECT_EQ(runner.TakeIntents().size(), 2u);
  }
  EXPECT_THAT(recorder.seen, ElementsAre("ticker 42", "book 41", "order oid-1", "position 2",
                                         "timer 30", "timer 60"));
  ASSERT_TRUE(clock.AdvanceBy(std::chrono::seconds(60)).ok());  // runner gone: timer cancelled
  EXPECT_EQ(recorder.seen.size(), 6u);
}

TEST(StrategyHelpers, PriceFromDoubleRoundsToTheTickAndRefusesNonFinite) {
  const model::Instrument btc = model::testdata::MustBuild(model::testdata::BtcUsdtRow());
  EXPECT_EQ(*PriceFromDouble(&btc, 98.1875, core::Rounding::kFloor), D("98.1"));
  EXPECT_EQ(*PriceFromDouble(&btc, 98.1875, core::Rounding::kCeiling), D("98.2"));
  EXPECT_EQ(*PriceFromDouble(nullptr, 98.1875, core::Rounding::kFloor), D("98.1875"));
  EXPECT_FALSE(
      PriceFromDouble(&btc, std::numeric_limits<double>::quiet_NaN(), core::Rounding::kFloor)
          .has_value());
  EXPECT_FALSE(
      PriceFromDouble(&btc, std::numeric_limits<double>::infinity(), core::Rounding::kFloor)
          .has_value());
  EXPECT_FALSE(PriceFromDouble(&btc, 1e30, core::Rounding::kFloor).has_value());
}

}  // namespace
}  // namespace bgt::strategy
