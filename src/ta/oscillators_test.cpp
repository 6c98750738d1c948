#include "ta/oscillators.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "ta/test_series.h"

namespace bgt::ta {
namespace {

TEST(RsiTest, HandComputedWilder) {
  Rsi rsi(2);
  EXPECT_TRUE(std::isnan(rsi.Update(1)));
  EXPECT_TRUE(std::isnan(rsi.Update(2)));
  EXPECT_DOUBLE_EQ(rsi.Update(3), 100.0);  // gains 1, 1; losses 0, 0
  EXPECT_TRUE(rsi.Ready());
  EXPECT_DOUBLE_EQ(rsi.Update(2), 50.0);  // gain 0.5, loss 0.5
  EXPECT_DOUBLE_EQ(rsi.Update(2), 100.0 * 0.25 / 0.5);
  EXPECT_DOUBLE_EQ(rsi.Update(std::nan("")), 50.0);
  EXPECT_EQ(rsi.RejectedCount(), 1);
}

TEST(RsiTest, ConstantSeriesIsFifty) {
  const std::vector<double> x(100, 7.0);
  const std::vector<double> out = RsiSeries(x, 14);
  EXPECT_TRUE(std::isnan(out[13]));
  EXPECT_DOUBLE_EQ(out[14], 50.0);
  EXPECT_DOUBLE_EQ(out.back(), 50.0);
}

TEST(RsiTest, MonotoneSeriesesSaturate) {
  std::vector<double> up, down;
  for (int i = 0; i < 50; ++i) {
    up.push_back(100 + i);
    down.push_back(100 - i);
  }
  EXPECT_DOUBLE_EQ(RsiSeries(up, 14).back(), 100.0);
  EXPECT_DOUBLE_EQ(RsiSeries(down, 14).back(), 0.0);
}

TEST(MacdTest, HandComputed) {
  Macd macd(1, 2, 1);  // fast = the value itself, slow alpha = 2/3, signal = the line
  MacdValue v = macd.Update(1);
  EXPECT_TRUE(std::isnan(v.line));
  v = macd.Update(2);  // slow = 1.5
  EXPECT_DOUBLE_EQ(v.line, 0.5);
  EXPECT_DOUBLE_EQ(v.signal, 0.5);
  EXPECT_DOUBLE_EQ(v.histogram, 0.0);
  EXPECT_TRUE(macd.Ready());
  v = macd.Update(4);  // slow = 1.5 + 2/3 * 2.5
  EXPECT_NEAR(v.line, 4 - (1.5 + 2.5 * 2.0 / 3.0), 1e-15);

  Macd slower(2, 3, 2);
  slower.Update(1);
  slower.Update(2);
  v = slower.Update(3);  // slow ready: line defined, signal not yet
  EXPECT_FALSE(slower.Ready());
  EXPECT_TRUE(std::isfinite(v.line));
  EXPECT_TRUE(std::isnan(v.signal));
  v = slower.Update(4);
  EXPECT_TRUE(slower.Ready());
  EXPECT_DOUBLE_EQ(v.histogram, v.line - v.signal);
}

TEST(MacdTest, ValidateNamesTheBadParameter) {
  auto bad = Macd::Create(26, 12, 9);
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("slow"), std::string::npos);
  EXPECT_FALSE(Macd::Create(12, 26, 0).has_value());
  EXPECT_TRUE(Macd::Create(12, 26, 9).has_value());
}

TEST(StochasticTest, HandComputedAndFlatRange) {
  Stochastic st(2, 1, 2);
  EXPECT_TRUE(std::isnan(st.Update(Bar{10, 8, 9, 1}).k));
  StochasticValue v = st.Update(Bar{12, 9, 11, 1});  // HH 12, LL 8: fast %K 75
  EXPECT_TRUE(std::isnan(v.k));                      // %D needs two %K
  v = st.Update(Bar{13, 11, 11, 1});                 // HH 13, LL 9: 50
  EXPECT_DOUBLE_EQ(v.k, 50.0);
  EXPECT_DOUBLE_EQ(v.d, 62.5);

  const std::vector<Bar> flat = testing::Constant(20);
  const auto out = StochasticSeries(flat, 5, 3, 3);
  EXPECT_DOUBLE_EQ(out.back().k, 50.0);
  EXPECT_DOUBLE_EQ(out.back().d, 50.0);
  EXPECT_TRUE(std::isnan(out[5 + 3 + 3 - 4].k));  // ready after k + slow + d - 2 bars
  EXPECT_FALSE(std::isnan(out[5 + 3 + 3 - 3].k));
}

TEST(CciTest, HandComputedAndConstant) {
  Cci cci(3);
  cci.Update(Bar{1, 1, 1, 0});
  cci.Update(Bar{2, 2, 2, 0});
  // tp 1, 2, 3: mean 2, mean deviation 2/3.
  EXPECT_NEAR(cci.Update(Bar{3, 3, 3, 0}), 1.0 / (0.015 * 2.0 / 3.0), 1e-9);
  EXPECT_DOUBLE_EQ(CciSeries(testing::Constant(10), 4).back(), 0.0);
  EXPECT_DOUBLE_EQ(cci.Update(Bar{1, 2, 1, 0}), cci.Value());  // low > high: rejected
  EXPECT_EQ(cci.RejectedCount(), 1);
}

TEST(CciTest, FlatWindowAfterNoiseIsZero) {
  std::vector<Bar> bars = testing::RandomWalk(500, 31, 1e4, 0.01);
  const std::vector<Bar> flat = testing::Constant(25, 1234.567);
  bars.insert(bars.end(), flat.begin(), flat.end());
  EXPECT_EQ(CciSeries(bars, 20).back(), 0.0);
}

TEST(RocTest, FractionAndZeroBase) {
  Roc roc(1);
  EXPECT_TRUE(std::isnan(roc.Update(10)));
  EXPECT_DOUBLE_EQ(roc.Update(11), 0.1);
  EXPECT_DOUBLE_EQ(roc.Update(0), -1.0);
  EXPECT_DOUBLE_EQ(roc.Update(5), 0.0);  // base 0
}

TEST(OscillatorsTest, FiniteOnExtremeAndGappedSeries) {
  for (const auto& bars : {testing::Extreme(3000, 1), testing::Gaps(3000, 2)}) {
    const std::vector<double> close = testing::Closes(bars);
    for (double r : RsiSeries(close, 14)) EXPECT_TRUE(std::isnan(r) || (r >= 0 && r <= 100));
    for (const auto& s : StochasticSeries(bars, 14, 3, 3)) {
      EXPECT_TRUE(std::isnan(s.k) || (s.k >= -1e-9 && s.k <= 100 + 1e-9));
    }
    const auto cci = CciSeries(bars, 20);
    EXPECT_TRUE(std::isfinite(cci.back()));
    const auto macd = MacdSeries(close, 12, 26, 9);
    EXPECT_TRUE(std::isfinite(macd.back().histogram));
  }
}

}  // namespace
}  // namespace bgt::ta
