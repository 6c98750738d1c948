#include "sim/market_candles.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/decimal.h"

namespace bgt::sim {
namespace {

using core::Decimal;
using core::Timestamp;
using model::Granularity;

Timestamp At(const char* iso_utc) {
  // Only the few instants used below; computed with Python's datetime.
  const std::string s = iso_utc;
  if (s == "2026-01-01T00:00") return Timestamp::FromSeconds(1'767'225'600);
  if (s == "2025-12-29T00:00") return Timestamp::FromSeconds(1'766'966'400);
  if (s == "2026-01-31T20:00") return Timestamp::FromSeconds(1'769'889'600);
  ADD_FAILURE() << "unknown instant " << s;
  return {};
}

constexpr std::int64_t kHour = 3600;

TEST(BarOpenTimeTest, IntradayBarsSitOnUtcMultiples) {
  const Timestamp t = At("2026-01-01T00:00") + std::chrono::seconds(5 * kHour + 37 * 60 + 12);
  EXPECT_EQ(BarOpenTime(Granularity::k1m, t), At("2026-01-01T00:00") + std::chrono::minutes(337));
  EXPECT_EQ(BarOpenTime(Granularity::k5m, t), At("2026-01-01T00:00") + std::chrono::minutes(335));
  EXPECT_EQ(BarOpenTime(Granularity::k1H, t), At("2026-01-01T00:00") + std::chrono::hours(5));
  EXPECT_EQ(BarOpenTime(Granularity::k4H, t), At("2026-01-01T00:00") + std::chrono::hours(4));
  EXPECT_EQ(NextBarOpen(Granularity::k4H, t), At("2026-01-01T00:00") + std::chrono::hours(8));
}

TEST(BarOpenTimeTest, DefaultDailyBarsFollowUtcPlus8AndUtcVariantsUtc) {
  const Timestamp t = At("2026-01-01T00:00") + std::chrono::hours(5);
  EXPECT_EQ(BarOpenTime(Granularity::k1D, t), At("2026-01-01T00:00") - std::chrono::hours(8));
  EXPECT_EQ(BarOpenTime(Granularity::k1Dutc, t), At("2026-01-01T00:00"));
  // 6H bars open at 00/06/12/18 UTC+8 = 16/22/04/10 UTC.
  EXPECT_EQ(BarOpenTime(Granularity::k6H, t), At("2026-01-01T00:00") + std::chrono::hours(4));
  EXPECT_EQ(BarOpenTime(Granularity::k6Hutc, t), At("2026-01-01T00:00"));
  EXPECT_EQ(BarOpenTime(Granularity::k12H, t), At("2026-01-01T00:00") + std::chrono::hours(4));
  // 2026-01-01 is a Thursday: its week opened on Monday 2025-12-29.
  EXPECT_EQ(BarOpenTime(Granularity::k1Wutc, t), At("2025-12-29T00:00"));
  EXPECT_EQ(BarOpenTime(Granularity::k1W, t), At("2025-12-29T00:00") - std::chrono::hours(8));
  EXPECT_EQ(NextBarOpen(Granularity::k1Wutc, t), At("2025-12-29T00:00") + std::chrono::days(7));
}

TEST(BarOpenTimeTest, MonthsAreCalendarMonthsInTheirZone) {
  const Timestamp t = At("2026-01-31T20:00");  // already 2026-02-01 04:00 in UTC+8
  EXPECT_EQ(BarOpenTime(Granularity::k1Mutc, t), At("2026-01-01T00:00"));
  EXPECT_EQ(NextBarOpen(Granularity::k1Mutc, t), At("2026-01-01T00:00") + std::chrono::days(31));
  EXPECT_EQ(BarOpenTime(Granularity::k1M, t),
            At("2026-01-01T00:00") + std::chrono::days(31) - std::chrono::hours(8));
  // December rolls into the next year.
  const Timestamp december = At("2026-01-01T00:00") - std::chrono::days(3);
  EXPECT_EQ(NextBarOpen(Granularity::k1Mutc, december), At("2026-01-01T00:00"));
  EXPECT_EQ(BarOpenTime(Granularity::k1Mutc, december),
            At("2026-01-01T00:00") - std::chrono::days(31));
}

TEST(BarOpenTimeTest, EveryBarContainsItsInstant) {
  for (int g = 0; g <= static_cast<int>(Granularity::k1Mutc); ++g) {
    const auto gran = static_cast<Granularity>(g);
    for (std::int64_t s = -400 * 86400; s < 400 * 86400; s += 7919 * 13) {
      const Timestamp t = At("2026-01-01T00:00") + std::chrono::seconds(s);
      const Timestamp open = BarOpenTime(gran, t);
      ASSERT_LE(open, t) << model::ToString(gran);
      ASSERT_GT(NextBarOpen(gran, t), t) << model::ToString(gran);
      ASSERT_EQ(BarOpenTime(gran, open), open) << model::ToString(gran);
    }
  }
}

TEST(NestsTest, KnowsWhichBarsAreUnionsOfWhich) {
  for (int g = 0; g <= static_cast<int>(Granularity::k1Mutc); ++g) {
    EXPECT_TRUE(Nests(Granularity::k1m, static_cast<Granularity>(g)));
    EXPECT_TRUE(Nests(static_cast<Granularity>(g), static_cast<Granularity>(g)));
  }
  EXPECT_TRUE(Nests(Granularity::k1H, Granularity::k1D));
  EXPECT_TRUE(Nests(Granularity::k1H, Granularity::k1M));
  EXPECT_TRUE(Nests(Granularity::k1D, Granularity::k1W));
  EXPECT_TRUE(Nests(Granularity::k1D, Granularity::k1M));
  EXPECT_TRUE(Nests(Granularity::k1Dutc, Granularity::k1Mutc));
  EXPECT_TRUE(Nests(Granularity::k4H, Granularity::k12Hutc));
  EXPECT_FALSE(Nests(Granularity::k1Dutc, Granularity::k1D));
  EXPECT_FALSE(Nests(Granularity::k1D, Granularity::k1Mutc));
  EXPECT_FALSE(Nests(Granularity::k1W, Granularity::k1M));
  EXPECT_FALSE(Nests(Granularity::k4H, Granularity::k6H));
  EXPECT_FALSE(Nests(Granularity::k3m, Granularity::k5m));
  EXPECT_FALSE(Nests(Granularity::k1D, Granularity::k1H));
}

model::Candle Bar(Timestamp open, const char* o, const char* h, const char* l, const char* c,
                  const char* volume) {
  return model::Candle{.open_time = open,
                       .open = *Decimal::Parse(o),
                       .high = *Decimal::Parse(h),
                       .low = *Decimal::Parse(l),
                       .close = *Decimal::Parse(c),
                       .base_volume = *Decimal::Parse(volume),
                       .quote_volume = *Decimal::Parse(volume) * *Decimal::Parse(c),
                       .granularity = Granularity::k1m};
}

TEST(AggregateCandlesTest, MergesFinerBarsIntoCoarserOnes) {
  const Timestamp t0 = At("2026-01-01T00:00");
  const std::vector<model::Candle> bars = {
      Bar(t0 + std::chrono::minutes(1), "10", "12", "9", "11", "1"),
      Bar(t0 + std::chrono::minutes(3), "11", "15", "10", "14", "2"),
      Bar(t0 + std::chrono::minutes(4), "14", "14", "8", "9", "3"),
      Bar(t0 + std::chrono::minutes(5), "9", "10", "9", "10", "4"),
  };
  auto out = AggregateCandles(bars, Granularity::k5m);
  ASSERT_TRUE(out.has_value()) << out.error().ToString();
  ASSERT_EQ(out->size(), 2u);
  const model::Candle& a = (*out)[0];
  EXPECT_EQ(a.open_time, t0);
  EXPECT_EQ(a.granularity, Granularity::k5m);
  EXPECT_EQ(a.open, *Decimal::Parse("10"));
  EXPECT_EQ(a.high, *Decimal::Parse("15"));
  EXPECT_EQ(a.low, *Decimal::Parse("8"));
  EXPECT_EQ(a.close, *Decimal::Parse("9"));
  EXPECT_EQ(a.base_volume, *Decimal::Parse("6"));
  EXPECT_EQ(a.quote_volume, *Decimal::Parse("66"));
  EXPECT_EQ((*out)[1].open_time, t0 + std::chrono::minutes(5));
  EXPECT_EQ((*out)[1].close, *Decimal::Parse("10"));
}

TEST(AggregateCandlesTest, RefusesDisorderAndBarsThatDoNotNest) {
  const Timestamp t0 = At("2026-01-01T00:00");
  std::vector<model::Candle> bars = {Bar(t0 + std::chrono::minutes(2), "1", "1", "1", "1", "1"),
                                     Bar(t0 + std::chrono::minutes(1), "1", "1", "1", "1", "1")};
  auto out = AggregateCandles(bars, Granularity::k5m);
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().code, core::ErrorCode::kInvalidArgument);
  bars = {Bar(t0, "1", "1", "1", "1", "1")};
  bars[0].granularity = Granularity::k1Dutc;
  EXPECT_FALSE(AggregateCandles(bars, Granularity::k1D).has_value());
}

}  // namespace
}  // namespace bgt::sim
