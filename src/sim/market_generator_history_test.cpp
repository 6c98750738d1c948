// MarketGenerator history: candles of every granularity agree with each other and with the live
// tape, the ticker's 24 h statistics agree with the candles, and funding follows the schedule.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/market_candles.h"
#include "sim/market_generator.h"

namespace bgt::sim {
namespace {

using core::Decimal;
using core::Timestamp;
using model::Granularity;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::nanoseconds;
using std::chrono::seconds;

const Timestamp kStart = Timestamp::FromSeconds(1'767'225'600);  // 2026-01-01T00:00Z

std::unique_ptr<MarketGenerator> Make(std::uint64_t seed, const std::vector<std::string>& symbols,
                                      int history_days, Timestamp start) {
  MarketGeneratorConfig config;
  config.seed = seed;
  config.start = start;
  config.history_days = history_days;
  config.presets.clear();
  for (const std::string& s : symbols) config.presets.push_back(*FindPreset(s));
  auto gen = MarketGenerator::Create(std::move(config));
  EXPECT_TRUE(gen.has_value()) << gen.error().ToString();
  return std::move(gen).value();
}

std::string Text(const model::Candle& c) {
  return std::string(model::ToString(c.granularity)) + " " + c.open_time.ToIso8601() + " " +
         c.open.ToString() + " " + c.high.ToString() + " " + c.low.ToString() + " " +
         c.close.ToString() + " " + c.base_volume.ToString() + " " + c.quote_volume.ToString();
}

// Every bar of `coarse` in [from, now] equals the aggregation of the `fine` bars it spans.
void ExpectAggregatesOfFiner(const MarketGenerator& gen, std::size_t i, Granularity coarse,
                             Granularity fine, Timestamp from) {
  const auto bars = gen.Candles(i, coarse, from, gen.Now(), 100'000);
  ASSERT_TRUE(bars.has_value());
  ASSERT_FALSE(bars->empty()) << model::ToString(coarse);
  for (const model::Candle& bar : *bars) {
    ASSERT_TRUE(model::CheckCandle(bar).ok()) << Text(bar);
    const auto parts = gen.Candles(i, fine, bar.open_time,
                                   NextBarOpen(coarse, bar.open_time) - nanoseconds(1), 100'000);
    ASSERT_TRUE(parts.has_value());
    const auto merged = AggregateCandles(*parts, coarse);
    ASSERT_TRUE(merged.has_value());
    ASSERT_EQ(merged->size(), 1u) << Text(bar);
    ASSERT_EQ(Text((*merged)[0]), Text(bar));
  }
}

TEST(MarketGeneratorHistoryTest, CoarserCandlesAreExactAggregatesOfFinerOnes) {
  auto gen = Make(21, {"BTCUSDT", "DOGEUSDT"}, 120, kStart + minutes(37) + milliseconds(13'500));
  // Advance a little so the latest bars are partial.
  ASSERT_TRUE(gen->AdvanceTo(gen->Now() + seconds(95)).ok());
  for (std::size_t i = 0; i < 2; ++i) {
    for (Granularity g : {Granularity::k3m, Granularity::k5m, Granularity::k15m, Granularity::k30m,
                          Granularity::k1H, Granularity::k2H, Granularity::k4H, Granularity::k6H,
                          Granularity::k6Hutc, Granularity::k12H, Granularity::k12Hutc,
                          Granularity::k1D, Granularity::k1Dutc}) {
      ExpectAggregatesOfFiner(*gen, i, g, Granularity::k1m, gen->Now() - hours(50));
    }
    for (Granularity g : {Granularity::k3D, Granularity::k3Dutc, Granularity::k1W,
                          Granularity::k1Wutc, Granularity::k1M, Granularity::k1Mutc}) {
      ExpectAggregatesOfFiner(*gen, i, g, Granularity::k1H, gen->Now() - hours(24 * 70));
    }
  }
}

TEST(MarketGeneratorHistoryTest, HistoryReachesBackAsFarAsBitgetServesIt) {
  auto gen = Make(4, {"ETHUSDT"}, 1500, kStart);
  // 1m for a month, 1H for ~83 days, 1D for years.
  const auto minutes_bars =
      gen->Candles(0, Granularity::k1m, kStart - hours(24 * 31), kStart, 100'000);
  EXPECT_EQ(minutes_bars->size(), 31u * 1440 + 1);
  const auto hourly = gen->Candles(0, Granularity::k1H, kStart - hours(24 * 83), kStart, 1000);
  EXPECT_EQ(hourly->size(), 1000u);  // the latest 1000 of 83 * 24 + 1
  EXPECT_EQ(hourly->back().open_time, kStart);
  const auto daily = gen->Candles(0, Granularity::k1Dutc, kStart - hours(24 * 1400), kStart, 1000);
  EXPECT_EQ(daily->size(), 1000u);
  // Nothing before the history start, nothing after Now().
  EXPECT_TRUE(
      gen->Candles(0, Granularity::k1D, kStart - hours(24 * 1600), kStart - hours(24 * 1501), 10)
          ->empty());
  const auto future = gen->Candles(0, Granularity::k1m, kStart, kStart + hours(5), 10);
  ASSERT_EQ(future->size(), 1u);
  EXPECT_EQ(future->front().open_time, kStart);
  EXPECT_EQ(gen->Candles(0, Granularity::k1m, kStart, kStart - hours(1), 10).error().code,
            core::ErrorCode::kInvalidArgument);
  EXPECT_FALSE(gen->Candles(0, Granularity::k1m, kStart - hours(1), kStart, 0).has_value());
}

// Folds trades into a bar: open/high/low/close/base volume.
struct TradeBar {
  Decimal open, high, low, close, volume;
  bool empty = true;
  void Add(const MarketTrade& t) {
    if (empty) {
      open = high = low = t.price;
      volume = Decimal();
      empty = false;
    }
    high = std::max(high, t.price);
    low = std::min(low, t.price);
    close = t.price;
    volume += t.size;
  }
};

TEST(MarketGeneratorHistoryTest, LiveTradesBuildTheMinuteCandles) {
  const Timestamp start = kStart + minutes(10);
  auto gen = Make(31, {"SOLUSDT", "SHIBUSDT"}, 3, start);
  // The minute in progress at the start began before the run (its first trade is start state),
  // so checks begin with the next minute.
  Timestamp minute_open = start;
  std::vector<TradeBar> bars(2);
  int complete_minutes = 0;
  for (int step = 1; step <= 250; ++step) {
    const Timestamp t = start + milliseconds(997 * step);
    ASSERT_TRUE(gen->AdvanceTo(t).ok());
    const bool crossed = t >= minute_open + minutes(1);
    for (std::size_t i = 0; i < 2; ++i) {
      TradeBar next;
      for (const MarketTrade& trade : gen->RecentTrades(i)) {
        (trade.ts < minute_open + minutes(1) ? bars[i] : next).Add(trade);
      }
      if (crossed) {
        if (minute_open > start) {
          // The completed minute, now served from history, is exactly its trades.
          const auto c = gen->Candles(i, Granularity::k1m, minute_open, minute_open, 1);
          ASSERT_EQ(c->size(), 1u);
          EXPECT_EQ(c->front().open, bars[i].open);
          EXPECT_EQ(c->front().high, bars[i].high);
          EXPECT_EQ(c->front().low, bars[i].low);
          EXPECT_EQ(c->front().close, bars[i].close);
          EXPECT_EQ(c->front().base_volume, bars[i].volume);
          // Quote volume is priced at the bar's typical price: inside the bar's range.
          const double average = c->front().quote_volume.ToDouble() / bars[i].volume.ToDouble();
          EXPECT_GE(average, c->front().low.ToDouble() * 0.9999);
          EXPECT_LE(average, c->front().high.ToDouble() * 1.0001);
          if (i == 0) ++complete_minutes;
        }
        bars[i] = next;
      }
    }
    if (crossed) minute_open += minutes(1);
    if (minute_open == start) continue;
    for (std::size_t i = 0; i < 2; ++i) {
      // The minute in progress is exactly the trades so far.
      const auto c = gen->Candles(i, Granularity::k1m, minute_open, t, 1);
      ASSERT_EQ(c->size(), 1u);
      ASSERT_FALSE(bars[i].empty);
      EXPECT_EQ(c->front().open, bars[i].open);
      EXPECT_EQ(c->front().high, bars[i].high);
      EXPECT_EQ(c->front().low, bars[i].low);
      EXPECT_EQ(c->front().close, gen->ticker(i).last_price);
      EXPECT_EQ(c->front().close, bars[i].close);
      EXPECT_EQ(c->front().base_volume, bars[i].volume);
    }
  }
  EXPECT_EQ(complete_minutes, 3);
}

TEST(MarketGeneratorHistoryTest, TickerDayStatisticsAgreeWithTheMinuteCandles) {
  auto gen = Make(8, {"BTCUSDT", "WIFUSDT"}, 5, kStart + hours(30));
  for (int step = 0; step < 3; ++step) {
    ASSERT_TRUE(gen->AdvanceTo(gen->Now() + minutes(47) + milliseconds(31'250)).ok());
    for (std::size_t i = 0; i < 2; ++i) {
      const Timestamp now = gen->Now();
      const Timestamp window = BarOpenTime(Granularity::k1m, now) - minutes(1439);
      const auto bars = gen->Candles(i, Granularity::k1m, window, now, 2000);
      ASSERT_EQ(bars->size(), 1440u);
      const auto merged = AggregateCandles(*bars, Granularity::k1M);  // one bar: the fold
      ASSERT_TRUE(merged.has_value());
      ASSERT_LE(merged->size(), 2u);
      model::Candle day = (*merged)[0];
      if (merged->size() == 2) MergeInto(day, (*merged)[1]);
      const model::Ticker& k = gen->ticker(i);
      EXPECT_EQ(k.open_24h, day.open);
      EXPECT_EQ(k.high_24h, day.high);
      EXPECT_EQ(k.low_24h, day.low);
      EXPECT_EQ(k.last_price, day.close);
      EXPECT_EQ(k.base_volume_24h, day.base_volume);
      EXPECT_EQ(k.quote_volume_24h, day.quote_volume);
    }
  }
}

TEST(MarketGeneratorHistoryTest, FundingFollowsEachSymbolsScheduleAndCaps) {
  auto gen = Make(17, {"BTCUSDT", "WIFUSDT", "TAIKOUSDT"}, 3, kStart + hours(9) + minutes(5));
  const int expected_hours[] = {8, 4, 1};
  for (int step = 0; step < 40; ++step) {
    ASSERT_TRUE(gen->AdvanceTo(gen->Now() + minutes(29)).ok());
    for (std::size_t i = 0; i < 3; ++i) {
      const FundingInfo f = gen->Funding(i);
      const std::int64_t interval = expected_hours[i] * 3600LL * 1'000'000'000;
      EXPECT_EQ(f.interval_hours, expected_hours[i]);
      EXPECT_EQ(f.next_funding_time.nanos() % interval, 0);
      EXPECT_GT(f.next_funding_time, gen->Now());
      EXPECT_LE(f.next_funding_time - gen->Now(), nanoseconds(interval));
      ASSERT_TRUE(f.last_funding_time.has_value());
      EXPECT_EQ(*f.last_funding_time + nanoseconds(interval), f.next_funding_time);
      for (const Decimal* rate : {&f.rate, &f.last_rate}) {
        EXPECT_GE(*rate, f.min_rate);
        EXPECT_LE(*rate, f.max_rate);
      }
      EXPECT_EQ(f.rate, gen->ticker(i).funding_rate);
      EXPECT_EQ(f.next_funding_time, *gen->ticker(i).next_funding_time);
    }
  }
  // BTCUSDT settles at 00:00, 08:00 and 16:00 UTC ([S2]).
  const std::int64_t hour_of_day = (gen->Funding(0).next_funding_time.seconds() % 86'400) / 3600;
  EXPECT_TRUE(hour_of_day == 0 || hour_of_day == 8 || hour_of_day == 16);
}

}  // namespace
}  // namespace bgt::sim
