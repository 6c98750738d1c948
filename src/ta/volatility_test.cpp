#include "ta/volatility.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "ta/test_series.h"

namespace bgt::ta {
namespace {

TEST(AtrTest, HandComputedWilder) {
  Atr atr(2);
  EXPECT_TRUE(std::isnan(atr.Update(Bar{10, 8, 9, 1})));     // TR 2
  EXPECT_DOUBLE_EQ(atr.Update(Bar{12, 9, 11, 1}), 2.5);      // TR 3
  EXPECT_DOUBLE_EQ(atr.Update(Bar{11, 10, 10.5, 1}), 1.75);  // TR 1
  // Gap up: TR = high - previous close.
  EXPECT_DOUBLE_EQ(atr.Update(Bar{20, 19, 19.5, 1}), 1.75 + 0.5 * (9.5 - 1.75));
  EXPECT_DOUBLE_EQ(atr.Update(Bar{std::nan(""), 1, 1, 1}), atr.Value());
  EXPECT_DOUBLE_EQ(atr.Update(Bar{1, 2, 1, 1}), atr.Value());   // low > high
  EXPECT_DOUBLE_EQ(atr.Update(Bar{2, 1, 1, -1}), atr.Value());  // negative volume
  EXPECT_EQ(atr.RejectedCount(), 3);
}

TEST(BollingerTest, HandComputedPopulationStdDev) {
  Bollinger bb(3, 2.0);
  bb.Update(1);
  EXPECT_TRUE(std::isnan(bb.Update(2).middle));
  const Bands v = bb.Update(3);
  EXPECT_DOUBLE_EQ(v.middle, 2.0);
  EXPECT_NEAR(v.upper, 2.0 + 2.0 * std::sqrt(2.0 / 3.0), 1e-15);
  EXPECT_NEAR(v.lower, 2.0 - 2.0 * std::sqrt(2.0 / 3.0), 1e-15);
  EXPECT_NEAR(bb.StdDev(), std::sqrt(2.0 / 3.0), 1e-15);
  EXPECT_FALSE(Bollinger::Create(20, -1.0).has_value());
  EXPECT_FALSE(Bollinger::Create(20, std::nan("")).has_value());
}

TEST(BollingerTest, ConstantAfterNoiseCollapsesExactly) {
  std::vector<double> x = testing::Closes(testing::RandomWalk(500, 4, 1e6, 0.01));
  x.insert(x.end(), 50, 123.25);
  const auto out = BollingerSeries(x, 20, 2.0);
  EXPECT_EQ(out.back().middle, 123.25);
  EXPECT_EQ(out.back().upper, 123.25);
  EXPECT_EQ(out.back().lower, 123.25);
}

TEST(ZScoreTest, HandComputedAndConstant) {
  ZScore z(3);
  z.Update(1);
  z.Update(2);
  EXPECT_NEAR(z.Update(3), 1.0 / std::sqrt(2.0 / 3.0), 1e-15);
  EXPECT_NEAR(
      z.Update(0),
      (0.0 - 5.0 / 3.0) / std::sqrt(((2 - 5.0 / 3) * (2 - 5.0 / 3) + (3 - 5.0 / 3) * (3 - 5.0 / 3) +
                                     (5.0 / 3) * (5.0 / 3)) /
                                    3.0),
      1e-12);
  std::vector<double> x = testing::Closes(testing::RandomWalk(300, 8));
  x.insert(x.end(), 30, 99.0);
  EXPECT_EQ(ZScoreSeries(x, 10).back(), 0.0);
}

TEST(RealizedVolTest, HandComputedLogReturnsSampleStdDev) {
  RealizedVol vol(2, 4.0);
  vol.Update(1.0);
  EXPECT_TRUE(std::isnan(vol.Update(std::exp(0.1))));
  // Returns 0.1 and 0.2: sample stddev sqrt(0.005), times sqrt(4).
  EXPECT_NEAR(vol.Update(std::exp(0.3)), 2.0 * std::sqrt(0.005), 1e-12);
  EXPECT_DOUBLE_EQ(vol.Update(0.0), vol.Value());
  EXPECT_DOUBLE_EQ(vol.Update(-5.0), vol.Value());
  EXPECT_EQ(vol.RejectedCount(), 2);
  EXPECT_FALSE(RealizedVol::Create(1, 252).has_value());
  EXPECT_FALSE(RealizedVol::Create(20, 0).has_value());
  // A constant price has zero volatility.
  EXPECT_EQ(RealizedVolSeries(std::vector<double>(50, 3.0), 10, 365).back(), 0.0);
}

TEST(DonchianTest, HighestHighLowestLow) {
  Donchian dc(2);
  EXPECT_TRUE(std::isnan(dc.Update(Bar{10, 8, 9, 1}).upper));
  Bands v = dc.Update(Bar{12, 9, 11, 1});
  EXPECT_EQ(v.upper, 12);
  EXPECT_EQ(v.lower, 8);
  EXPECT_EQ(v.middle, 10);
  v = dc.Update(Bar{11, 10, 10.5, 1});
  EXPECT_EQ(v.upper, 12);
  EXPECT_EQ(v.lower, 9);
}

TEST(KeltnerTest, EmaPlusMinusAtr) {
  const std::vector<Bar> bars = testing::RandomWalk(200, 6);
  const auto kc = KeltnerSeries(bars, 20, 10, 1.5);
  const auto ema = EmaSeries(testing::Closes(bars), 20);
  const auto atr = AtrSeries(bars, 10);
  EXPECT_TRUE(std::isnan(kc[18].middle));
  for (size_t i = 19; i < bars.size(); ++i) {
    EXPECT_DOUBLE_EQ(kc[i].middle, ema[i]);
    EXPECT_DOUBLE_EQ(kc[i].upper, ema[i] + 1.5 * atr[i]);
    EXPECT_DOUBLE_EQ(kc[i].lower, ema[i] - 1.5 * atr[i]);
  }
}

TEST(BarTest, FromCandleAndValidity) {
  model::Candle candle;
  candle.high = *core::Decimal::Parse("64123.5");
  candle.low = *core::Decimal::Parse("63990.1");
  candle.close = *core::Decimal::Parse("64001.25");
  candle.base_volume = *core::Decimal::Parse("12.034");
  candle.quote_volume = *core::Decimal::Parse("770000");
  const Bar bar = BarFromCandle(candle);
  EXPECT_DOUBLE_EQ(bar.high, 64123.5);
  EXPECT_DOUBLE_EQ(bar.low, 63990.1);
  EXPECT_DOUBLE_EQ(bar.close, 64001.25);
  EXPECT_DOUBLE_EQ(bar.volume, 12.034);
  EXPECT_TRUE(IsValidBar(bar));
  EXPECT_FALSE(IsValidBar(Bar{1, 2, 1, 0}));
  EXPECT_FALSE(IsValidBar(Bar{2, 1, 1, -0.5}));
  EXPECT_FALSE(IsValidBar(Bar{2, 1, std::nan(""), 1}));
  EXPECT_FALSE(IsValidBar(Bar{std::numeric_limits<double>::infinity(), 1, 1, 1}));
}

TEST(VolatilityTest, FiniteAcrossAnExtremeJump) {
  const std::vector<Bar> bars = testing::Extreme(4000, 3);
  const std::vector<double> close = testing::Closes(bars);
  EXPECT_TRUE(std::isfinite(AtrSeries(bars, 14).back()));
  EXPECT_TRUE(std::isfinite(BollingerSeries(close, 20, 2).back().upper));
  EXPECT_TRUE(std::isfinite(ZScoreSeries(close, 20).back()));
  EXPECT_TRUE(std::isfinite(RealizedVolSeries(close, 20, 365).back()));
  // Far past the jump, the window statistics forget the 1e9 regime.
  const auto bb = BollingerSeries(close, 20, 2);
  EXPECT_LT(bb.back().upper, 1e-5);
  EXPECT_GT(bb.back().lower, -1e-5);
}

}  // namespace
}  // namespace bgt::ta
