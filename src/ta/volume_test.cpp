#include "ta/volume.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "ta/test_series.h"

namespace bgt::ta {
namespace {

TEST(ObvTest, AddsOnUpSubtractsOnDownKeepsOnFlat) {
  Obv obv;
  EXPECT_TRUE(std::isnan(obv.Value()));
  EXPECT_EQ(obv.Update(Bar{10, 9, 9.5, 100}), 0.0);
  EXPECT_EQ(obv.Update(Bar{10, 9, 9.8, 50}), 50.0);
  EXPECT_EQ(obv.Update(Bar{10, 9, 9.8, 70}), 50.0);
  EXPECT_EQ(obv.Update(Bar{10, 9, 9.1, 20}), 30.0);
  EXPECT_EQ(obv.Update(Bar{10, 9, 9.1, -20}), 30.0);  // negative volume: rejected
  EXPECT_EQ(obv.RejectedCount(), 1);
}

TEST(VwapTest, RollingWindowOfTypicalPrice) {
  Vwap vwap(2);
  EXPECT_TRUE(std::isnan(vwap.Update(Bar{3, 3, 3, 1})));
  EXPECT_DOUBLE_EQ(vwap.Update(Bar{6, 6, 6, 2}), (3.0 + 12.0) / 3.0);
  EXPECT_DOUBLE_EQ(vwap.Update(Bar{12, 6, 9, 1}), (12.0 + 9.0) / 3.0);
  // No volume in the window: the newest typical price.
  vwap.Update(Bar{5, 5, 5, 0});
  EXPECT_DOUBLE_EQ(vwap.Update(Bar{4, 4, 4, 0}), 4.0);
  EXPECT_FALSE(Vwap::Create(0).has_value());
}

TEST(VwapTest, ZeroVolumeWindowAfterTradingIsExact) {
  std::vector<Bar> bars = testing::RandomWalk(3000, 41, 123.0, 0.01);
  for (int i = 0; i < 10; ++i) bars.push_back(Bar{101.5, 99.5, 100.0, 0.0});
  // The window holds only volume-free bars: the newest typical price, not residue / residue.
  EXPECT_DOUBLE_EQ(VwapSeries(bars, 10).back(), (101.5 + 99.5 + 100.0) / 3.0);
}

TEST(SessionVwapTest, ResetsAtSessionStart) {
  SessionVwap vwap;
  EXPECT_TRUE(std::isnan(vwap.Update(Bar{3, 3, 3, 0})));  // no volume yet
  EXPECT_DOUBLE_EQ(vwap.Update(Bar{3, 3, 3, 1}), 3.0);
  EXPECT_DOUBLE_EQ(vwap.Update(Bar{6, 6, 6, 2}), 5.0);
  EXPECT_DOUBLE_EQ(vwap.Update(Bar{10, 10, 10, 1}, /*new_session=*/true), 10.0);
  vwap.StartSession();
  EXPECT_FALSE(vwap.Ready());
  EXPECT_DOUBLE_EQ(vwap.Update(Bar{2, 2, 2, 3}), 2.0);

  const std::vector<Bar> bars = {Bar{3, 3, 3, 1}, Bar{6, 6, 6, 2}, Bar{10, 10, 10, 1},
                                 Bar{20, 20, 20, 1}};
  const std::vector<std::size_t> starts = {2};
  const auto out = SessionVwapSeries(bars, starts);
  EXPECT_DOUBLE_EQ(out[1], 5.0);
  EXPECT_DOUBLE_EQ(out[2], 10.0);
  EXPECT_DOUBLE_EQ(out[3], 15.0);
}

TEST(VwapTest, LongRunMatchesBruteForce) {
  const std::vector<Bar> bars = testing::RandomWalk(200'000, 21, 3e4, 0.01);
  const int window = 60;
  const auto out = VwapSeries(bars, window);
  for (size_t i = bars.size() - 100; i < bars.size(); ++i) {
    long double pv = 0, v = 0;
    for (size_t j = i + 1 - window; j <= i; ++j) {
      pv += (bars[j].high + bars[j].low + bars[j].close) * (1.0 / 3.0) * bars[j].volume;
      v += bars[j].volume;
    }
    const double expected = static_cast<double>(pv / v);
    EXPECT_NEAR(out[i], expected, 1e-12 * expected) << i;
  }
}

}  // namespace
}  // namespace bgt::ta
