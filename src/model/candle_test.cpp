#include "model/candle.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace bgt::model {
namespace {

using core::Decimal;

TEST(Granularity, EveryBitgetNameRoundTrips) {
  const char* names[] = {"1m",    "3m",     "5m",    "15m",   "30m",   "1H",   "2H",
                         "4H",    "6H",     "12H",   "1D",    "3D",    "1W",   "1M",
                         "6Hutc", "12Hutc", "1Dutc", "3Dutc", "1Wutc", "1Mutc"};
  for (const char* name : names) {
    auto g = ParseGranularity(name);
    ASSERT_TRUE(g.has_value()) << name;
    EXPECT_EQ(ToString(*g), name);
  }
}

TEST(Granularity, NamesAreCaseSensitive) {
  EXPECT_EQ(*ParseGranularity("1m"), Granularity::k1m);
  EXPECT_EQ(*ParseGranularity("1M"), Granularity::k1M);
  EXPECT_FALSE(ParseGranularity("1h").has_value());
  EXPECT_FALSE(ParseGranularity("1dutc").has_value());
  EXPECT_FALSE(ParseGranularity("").has_value());
  EXPECT_EQ(ParseGranularity("7m").error().code, core::ErrorCode::kInvalidArgument);
}

TEST(Granularity, Durations) {
  using std::chrono::days;
  using std::chrono::hours;
  using std::chrono::minutes;
  EXPECT_EQ(FixedDuration(Granularity::k1m), minutes(1));
  EXPECT_EQ(FixedDuration(Granularity::k15m), minutes(15));
  EXPECT_EQ(FixedDuration(Granularity::k4H), hours(4));
  EXPECT_EQ(FixedDuration(Granularity::k12Hutc), hours(12));
  EXPECT_EQ(FixedDuration(Granularity::k1D), days(1));
  EXPECT_EQ(FixedDuration(Granularity::k3Dutc), days(3));
  EXPECT_EQ(FixedDuration(Granularity::k1W), days(7));
  EXPECT_FALSE(FixedDuration(Granularity::k1M).has_value());
  EXPECT_FALSE(FixedDuration(Granularity::k1Mutc).has_value());
}

Candle Bar(const char* o, const char* h, const char* l, const char* c) {
  Candle bar;
  bar.open_time = core::Timestamp::FromMillis(1645911960000);
  bar.open = *Decimal::Parse(o);
  bar.high = *Decimal::Parse(h);
  bar.low = *Decimal::Parse(l);
  bar.close = *Decimal::Parse(c);
  bar.base_volume = *Decimal::Parse("35.526");
  bar.quote_volume = *Decimal::Parse("1399132.341");
  return bar;
}

TEST(Candle, CheckCandle) {
  // Bitget's documented candle row: [ts, 39406, 39407, 39374.5, 39379, 35.526, 1399132.341].
  EXPECT_TRUE(CheckCandle(Bar("39406", "39407", "39374.5", "39379")).ok());
  EXPECT_FALSE(CheckCandle(Bar("39406", "39400", "39374.5", "39379")).ok());  // high < open
  EXPECT_FALSE(CheckCandle(Bar("39406", "39407", "39380", "39379")).ok());    // low > close
  EXPECT_FALSE(CheckCandle(Bar("0", "1", "0", "1")).ok());                    // low not positive
  Candle negative = Bar("1", "1", "1", "1");
  negative.base_volume = *Decimal::Parse("-1");
  EXPECT_FALSE(CheckCandle(negative).ok());
}

}  // namespace
}  // namespace bgt::model
