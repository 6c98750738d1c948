#include "ta/trend.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "ta/test_series.h"

namespace bgt::ta {
namespace {

TEST(AdxTest, ConstantSeriesIsZeroNotNaN) {
  const auto out = AdxSeries(testing::Constant(60), 14);
  EXPECT_TRUE(std::isnan(out[12].plus_di));
  EXPECT_EQ(out[13].plus_di, 0.0);
  EXPECT_TRUE(std::isnan(out[25].adx));
  EXPECT_EQ(out[26].adx, 0.0);
  EXPECT_EQ(out.back().minus_di, 0.0);
}

TEST(AdxTest, EqualUpAndDownMovesCountForNeither) {
  Adx adx(2);
  adx.Update(Bar{10, 9, 9.5, 1});
  // Outside bar: up move 1, down move 1 -> +DM = -DM = 0 (Tulip would keep both).
  const AdxValue v = adx.Update(Bar{11, 8, 9.5, 1});
  EXPECT_EQ(v.plus_di, 0.0);
  EXPECT_EQ(v.minus_di, 0.0);
  EXPECT_FALSE(adx.Ready());
  adx.Update(Bar{12, 10.5, 11.5, 1});
  EXPECT_TRUE(adx.Ready());
  EXPECT_GT(adx.Value().adx, 0.0);
  EXPECT_FALSE(Adx::Create(1).has_value());
}

TEST(AdxTest, StrongTrendHasHighAdxAndDominantPlusDi) {
  const AdxValue v = AdxSeries(testing::Trend(300, 1), 14).back();
  EXPECT_GT(v.adx, 40.0);
  EXPECT_GT(v.plus_di, v.minus_di);
}

// Textbook Supertrend over arrays, written independently of the streaming class.
std::vector<SupertrendValue> ReferenceSupertrend(const std::vector<Bar>& bars, int period,
                                                 double m) {
  const std::vector<double> atr = AtrSeries(bars, period);
  std::vector<SupertrendValue> out(bars.size());
  for (size_t i = period - 1; i < bars.size(); ++i) {
    const double hl2 = (bars[i].high + bars[i].low) / 2;
    const double bu = hl2 + m * atr[i];
    const double bl = hl2 - m * atr[i];
    SupertrendValue& cur = out[i];
    if (i == static_cast<size_t>(period - 1)) {
      cur.upper = bu;
      cur.lower = bl;
      cur.direction = bars[i].close < bl ? -1 : 1;
    } else {
      const SupertrendValue& prev = out[i - 1];
      const double pc = bars[i - 1].close;
      cur.upper = (bu < prev.upper || pc > prev.upper) ? bu : prev.upper;
      cur.lower = (bl > prev.lower || pc < prev.lower) ? bl : prev.lower;
      if (prev.value == prev.upper) {
        cur.direction = bars[i].close > cur.upper ? 1 : -1;
      } else {
        cur.direction = bars[i].close < cur.lower ? -1 : 1;
      }
    }
    cur.value = cur.direction == 1 ? cur.lower : cur.upper;
  }
  return out;
}

TEST(SupertrendTest, MatchesReferenceOnRandomWalkAndGaps) {
  for (const auto& bars : {testing::RandomWalk(3000, 12), testing::Gaps(3000, 13)}) {
    const auto ours = SupertrendSeries(bars, 10, 3.0);
    const auto ref = ReferenceSupertrend(bars, 10, 3.0);
    int flips = 0;
    for (size_t i = 0; i < bars.size(); ++i) {
      ASSERT_EQ(ours[i].direction, ref[i].direction) << i;
      if (i < 9) {
        ASSERT_TRUE(std::isnan(ours[i].value));
        continue;
      }
      ASSERT_EQ(ours[i].value, ref[i].value) << i;
      ASSERT_EQ(ours[i].upper, ref[i].upper) << i;
      if (i > 9 && ours[i].direction != ours[i - 1].direction) ++flips;
    }
    EXPECT_GT(flips, 5);
  }
}

TEST(SupertrendTest, FlipsDownOnACrash) {
  std::vector<Bar> bars = testing::Trend(50, 3);
  Supertrend st(5, 2.0);
  for (const Bar& b : bars) st.Update(b);
  EXPECT_EQ(st.Value().direction, 1);
  EXPECT_LT(st.Value().value, bars.back().close);
  const SupertrendValue v = st.Update(Bar{bars.back().close, 10, 10.5, 1});
  EXPECT_EQ(v.direction, -1);
  EXPECT_EQ(v.value, v.upper);
  EXPECT_FALSE(Supertrend::Create(10, 0.0).has_value());
}

TEST(PsarTest, FollowsAnUptrendAndRejectsBadBars) {
  Psar psar(0.02, 0.2);
  EXPECT_TRUE(std::isnan(psar.Update(Bar{10, 9, 9.5, 1})));
  const double first = psar.Update(Bar{11, 10, 10.5, 1});
  EXPECT_TRUE(psar.IsLong());
  // sar = 9 + (10 - 9) * 0.02, then clamped to the previous low (9).
  EXPECT_DOUBLE_EQ(first, 9.0);
  for (const Bar& b : testing::Trend(100, 4)) psar.Update(b);
  EXPECT_TRUE(psar.IsLong());
  EXPECT_DOUBLE_EQ(psar.Update(Bar{std::nan(""), 1, 1, 1}), psar.Value());
  EXPECT_EQ(psar.RejectedCount(), 1);
  EXPECT_FALSE(Psar::Create(0.3, 0.2).has_value());
  EXPECT_FALSE(Psar::Create(0.0, 0.2).has_value());
  psar.Reset();
  EXPECT_FALSE(psar.Ready());
}

}  // namespace
}  // namespace bgt::ta
