#include "ta/rolling.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace bgt::ta {
namespace {

TEST(RingBufferTest, KeepsTheNewestValuesInOrder) {
  RingBuffer ring(3);
  double evicted = -1;
  EXPECT_FALSE(ring.Push(1, &evicted));
  EXPECT_FALSE(ring.Push(2, &evicted));
  EXPECT_FALSE(ring.Push(3, &evicted));
  EXPECT_TRUE(ring.full());
  EXPECT_TRUE(ring.Push(4, &evicted));
  EXPECT_EQ(evicted, 1);
  EXPECT_EQ(ring.At(0), 2);
  EXPECT_EQ(ring.At(2), 4);
  EXPECT_EQ(ring.Newest(), 4);
  ring.Clear();
  EXPECT_EQ(ring.size(), 0);
}

TEST(RollingExtremumTest, MatchesBruteForceWithTies) {
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<int> pick(0, 9);  // many ties
  for (int window : {1, 2, 5, 17}) {
    RollingExtremum hi(window, RollingExtremum::Kind::kMax);
    RollingExtremum lo(window, RollingExtremum::Kind::kMin);
    std::vector<double> x;
    for (int i = 0; i < 2000; ++i) {
      x.push_back(pick(rng));
      hi.Add(x.back());
      lo.Add(x.back());
      const int from = std::max(0, i + 1 - window);
      const double want_hi = *std::max_element(x.begin() + from, x.end());
      const double want_lo = *std::min_element(x.begin() + from, x.end());
      ASSERT_EQ(hi.Value(), want_hi) << window << " " << i;
      ASSERT_EQ(lo.Value(), want_lo) << window << " " << i;
      ASSERT_EQ(x[i - hi.Age()], want_hi);
      ASSERT_LE(hi.Age(), window - 1);
    }
    EXPECT_TRUE(hi.Full());
    hi.Reset();
    hi.Add(-5);
    EXPECT_EQ(hi.Value(), -5);
    EXPECT_EQ(hi.Count(), 1);
  }
}

TEST(RollingSumTest, CompensatedOverMillionsOfMixedMagnitudes) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const int window = 100;
  RollingSum sum(window);
  std::vector<double> x;
  for (int i = 0; i < 1'000'000; ++i) {
    // Mostly small values with rare huge ones that leave the window again.
    x.push_back(i % 9973 == 0 ? 1e15 : unit(rng));
    sum.Add(x.back());
  }
  long double exact = 0;
  for (size_t i = x.size() - window; i < x.size(); ++i) exact += x[i];
  EXPECT_NEAR(sum.Sum(), static_cast<double>(exact), 1e-9);
}

TEST(RollingMomentsTest, LargeOffsetSmallNoise) {
  std::mt19937_64 rng(9);
  std::normal_distribution<double> noise(0.0, 1e-3);
  const int window = 50;
  RollingMoments m(window);
  std::vector<double> x;
  for (int i = 0; i < 200'000; ++i) {
    x.push_back(1e8 + noise(rng));
    m.Add(x.back());
  }
  long double mean = 0;
  for (size_t i = x.size() - window; i < x.size(); ++i) mean += x[i];
  mean /= window;
  long double var = 0;
  for (size_t i = x.size() - window; i < x.size(); ++i) var += (x[i] - mean) * (x[i] - mean);
  var /= window;
  EXPECT_NEAR(m.Mean(), static_cast<double>(mean), 1e-7);
  EXPECT_NEAR(m.Variance(), static_cast<double>(var), 1e-3 * static_cast<double>(var));
  EXPECT_NEAR(m.SampleVariance(), static_cast<double>(var) * window / (window - 1),
              1e-3 * static_cast<double>(var));
}

TEST(RollingMomentsTest, ConstantWindowIsExact) {
  RollingMoments m(4);
  for (double v : {1.1, 7.3, -2.0, 5.5, 0.3}) m.Add(v);
  for (int i = 0; i < 4; ++i) m.Add(0.1);
  EXPECT_EQ(m.Variance(), 0.0);
  EXPECT_EQ(m.Mean(), 0.1);
  m.Reset();
  EXPECT_EQ(m.Count(), 0);
  EXPECT_EQ(m.Variance(), 0.0);
}

}  // namespace
}  // namespace bgt::ta
