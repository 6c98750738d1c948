#include "market/candle_series.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/decimal.h"

namespace bgt::market {
namespace {

using model::Candle;
using model::Granularity;

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kT0 = 1'700'000'040'000;  // a minute boundary

Candle Bar(int minute, const char* close, const char* volume = "1") {
  Candle c;
  c.open_time = core::Timestamp::FromMillis(kT0 + minute * kMinuteMs);
  c.open = core::Decimal::Parse("100").value();
  c.close = core::Decimal::Parse(close).value();
  c.high = std::max(c.open, c.close) + core::Decimal::FromInt(1);
  c.low = std::min(c.open, c.close) - core::Decimal::FromInt(1);
  c.base_volume = core::Decimal::Parse(volume).value();
  c.quote_volume = c.base_volume * c.close;
  c.granularity = Granularity::k1m;
  return c;
}

TEST(CandleSeriesTest, BarBecomesFinalOnlyWhenTheNextOpens) {
  CandleSeries s("BTCUSDT", Granularity::k1m);
  auto u = s.OnCandle(Bar(0, "100"));
  EXPECT_EQ(u.outcome, CandleOutcome::kOpened);
  EXPECT_FALSE(u.finalized.has_value());
  EXPECT_EQ(s.OnCandle(Bar(0, "101", "2")).outcome, CandleOutcome::kUpdated);
  EXPECT_FALSE(s.LastFinal().has_value());
  EXPECT_EQ(s.OpenBar()->close, core::Decimal::FromInt(101));
  // Bar 1 opens: bar 0 (close 101) is final.
  u = s.OnCandle(Bar(1, "102"));
  EXPECT_EQ(u.outcome, CandleOutcome::kOpened);
  ASSERT_TRUE(u.finalized.has_value());
  EXPECT_EQ(u.finalized->close, core::Decimal::FromInt(101));
  EXPECT_EQ(u.missing_bars, 0u);
  EXPECT_EQ(s.LastFinal()->open_time, Bar(0, "1").open_time);
  ASSERT_EQ(s.bars().size(), 2u);
  EXPECT_TRUE(s.bars()[0].final);
  EXPECT_FALSE(s.bars()[1].final);
}

TEST(CandleSeriesTest, DuplicateLateAndRejectedBarsAreIgnored) {
  CandleSeries s("BTCUSDT", Granularity::k1m);
  ASSERT_EQ(s.OnCandle(Bar(0, "100")).outcome, CandleOutcome::kOpened);
  ASSERT_EQ(s.OnCandle(Bar(1, "101")).outcome, CandleOutcome::kOpened);
  EXPECT_EQ(s.OnCandle(Bar(1, "101")).outcome, CandleOutcome::kDuplicate);
  EXPECT_EQ(s.OnCandle(Bar(0, "100")).outcome, CandleOutcome::kDuplicate);
  // A final bar never changes.
  EXPECT_EQ(s.OnCandle(Bar(0, "99")).outcome, CandleOutcome::kLate);
  EXPECT_EQ(s.bars()[0].candle.close, core::Decimal::FromInt(100));
  // Older than anything held.
  EXPECT_EQ(s.OnCandle(Bar(-5, "99")).outcome, CandleOutcome::kLate);
  Candle bad = Bar(2, "100");
  bad.low = core::Decimal::FromInt(200);
  EXPECT_EQ(s.OnCandle(bad).outcome, CandleOutcome::kRejected);
  Candle other = Bar(2, "100");
  other.granularity = Granularity::k5m;
  EXPECT_EQ(s.OnCandle(other).outcome, CandleOutcome::kRejected);
  // A gap of three bars is counted.
  EXPECT_EQ(s.OnCandle(Bar(5, "100")).missing_bars, 3u);
  const auto& c = s.counters();
  EXPECT_EQ(c.duplicates, 2u);
  EXPECT_EQ(c.late, 2u);
  EXPECT_EQ(c.rejected, 2u);
  EXPECT_EQ(c.missing_bars, 3u);
}

TEST(CandleSeriesTest, SeedFromRestThenLive) {
  CandleSeries s("BTCUSDT", Granularity::k1m);
  // REST newest first, as Bitget returns them; the newest (minute 2) is still open.
  const std::vector<Candle> history = {Bar(2, "103"), Bar(1, "102"), Bar(0, "101")};
  auto seeded = s.Seed(history);
  ASSERT_TRUE(seeded.has_value());
  EXPECT_TRUE(seeded->empty());
  ASSERT_EQ(s.bars().size(), 3u);
  EXPECT_TRUE(s.bars()[1].final);
  EXPECT_FALSE(s.bars()[2].final);
  // Live push of the open bar, then the next bar.
  EXPECT_EQ(s.OnCandle(Bar(2, "104")).outcome, CandleOutcome::kUpdated);
  auto u = s.OnCandle(Bar(3, "105"));
  ASSERT_TRUE(u.finalized.has_value());
  EXPECT_EQ(u.finalized->close, core::Decimal::FromInt(104));
  EXPECT_EQ(s.Finals(10).size(), 3u);
  EXPECT_EQ(s.Finals(2).front().open_time, Bar(1, "1").open_time);
}

TEST(CandleSeriesTest, SeedKeepsLiveBarsAndFinalizesTheOpenOneWhenHistoryIsNewer) {
  CandleSeries s("BTCUSDT", Granularity::k1m);
  ASSERT_EQ(s.OnCandle(Bar(1, "150")).outcome, CandleOutcome::kOpened);
  const std::vector<Candle> history = {Bar(0, "101"), Bar(1, "102"), Bar(2, "103")};
  auto seeded = s.Seed(history);
  ASSERT_TRUE(seeded.has_value());
  ASSERT_EQ(seeded->size(), 1u);
  EXPECT_EQ((*seeded)[0].close, core::Decimal::FromInt(150));  // live bar kept
  EXPECT_EQ(s.bars()[1].candle.close, core::Decimal::FromInt(150));
  EXPECT_TRUE(s.bars()[1].final);
  EXPECT_FALSE(s.bars()[2].final);
}

TEST(CandleSeriesTest, SeedRejectsInvalidRowsAtomically) {
  CandleSeries s("BTCUSDT", Granularity::k1m);
  std::vector<Candle> history = {Bar(0, "101"), Bar(1, "102")};
  history[1].base_volume = core::Decimal::FromInt(-1);
  auto seeded = s.Seed(history);
  ASSERT_FALSE(seeded.has_value());
  EXPECT_NE(seeded.error().message.find("candle 1"), std::string::npos);
  EXPECT_TRUE(s.bars().empty());
}

TEST(CandleSeriesTest, CapacityDropsTheOldest) {
  CandleSeries s("BTCUSDT", Granularity::k1m, 3);
  for (int i = 0; i < 10; ++i) ASSERT_EQ(s.OnCandle(Bar(i, "100")).outcome, CandleOutcome::kOpened);
  ASSERT_EQ(s.bars().size(), 3u);
  EXPECT_EQ(s.bars().front().candle.open_time, Bar(7, "1").open_time);
}

}  // namespace
}  // namespace bgt::market
