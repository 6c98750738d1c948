#include "ta/moving_average.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "ta/test_series.h"

namespace bgt::ta {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(SmaTest, HandComputedWarmUpAndValues) {
  Sma sma(3);
  EXPECT_TRUE(std::isnan(sma.Update(1)));
  EXPECT_FALSE(sma.Ready());
  EXPECT_TRUE(std::isnan(sma.Update(2)));
  EXPECT_DOUBLE_EQ(sma.Update(3), 2.0);
  EXPECT_TRUE(sma.Ready());
  EXPECT_DOUBLE_EQ(sma.Update(4), 3.0);
  EXPECT_DOUBLE_EQ(sma.Update(10), 17.0 / 3.0);
  EXPECT_DOUBLE_EQ(sma.Value(), 17.0 / 3.0);
}

TEST(SmaTest, NonFiniteInputIsRejectedAndCounted) {
  Sma sma(2);
  sma.Update(1);
  sma.Update(3);
  EXPECT_DOUBLE_EQ(sma.Update(std::nan("")), 2.0);
  EXPECT_DOUBLE_EQ(sma.Update(kInf), 2.0);
  EXPECT_DOUBLE_EQ(sma.Update(-kInf), 2.0);
  EXPECT_EQ(sma.RejectedCount(), 3);
  EXPECT_DOUBLE_EQ(sma.Update(5), 4.0);
  sma.Reset();
  EXPECT_FALSE(sma.Ready());
  EXPECT_EQ(sma.RejectedCount(), 0);
  EXPECT_TRUE(std::isnan(sma.Value()));
}

TEST(SmaTest, CreateRejectsBadPeriods) {
  for (int bad : {0, -1, 2'000'000}) {
    auto sma = Sma::Create(bad);
    ASSERT_FALSE(sma.has_value()) << bad;
    EXPECT_EQ(sma.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_NE(sma.error().message.find("period"), std::string::npos);
  }
  ASSERT_TRUE(Sma::Create(1).has_value());
  EXPECT_DOUBLE_EQ(Sma::Create(1)->Update(7.5), 7.5);
}

TEST(SmaTest, LongRunStaysWithinRoundingOfBruteForce) {
  const std::vector<double> x = testing::Closes(testing::RandomWalk(300'000, 7, 1e5, 0.01));
  const int period = 50;
  const std::vector<double> out = SmaSeries(x, period);
  for (size_t i = x.size() - 1000; i < x.size(); ++i) {
    long double sum = 0;
    for (size_t j = i + 1 - period; j <= i; ++j) sum += x[j];
    const double expected = static_cast<double>(sum / period);
    EXPECT_NEAR(out[i], expected, 1e-12 * expected) << i;
  }
}

TEST(EmaTest, SeededWithSmaThenSmoothed) {
  Ema ema(3);  // alpha = 0.5
  EXPECT_TRUE(std::isnan(ema.Update(1)));
  EXPECT_TRUE(std::isnan(ema.Update(2)));
  EXPECT_DOUBLE_EQ(ema.Update(3), 2.0);
  EXPECT_DOUBLE_EQ(ema.Update(4), 3.0);
  EXPECT_DOUBLE_EQ(ema.Update(8), 5.5);
  EXPECT_DOUBLE_EQ(ema.Update(std::nan("")), 5.5);
  EXPECT_EQ(ema.RejectedCount(), 1);
  EXPECT_FALSE(Ema::Create(0).has_value());
}

TEST(RmaTest, WilderAlphaIsOneOverPeriod) {
  Rma rma(2);
  rma.Update(1);
  EXPECT_DOUBLE_EQ(rma.Update(3), 2.0);
  EXPECT_DOUBLE_EQ(rma.Update(5), 3.5);
  EXPECT_DOUBLE_EQ(rma.Update(1.5), 2.5);
}

TEST(WmaTest, HandComputedAndLongRun) {
  Wma wma(3);
  wma.Update(1);
  wma.Update(2);
  EXPECT_DOUBLE_EQ(wma.Update(3), 14.0 / 6.0);
  EXPECT_DOUBLE_EQ(wma.Update(4), 20.0 / 6.0);
  EXPECT_DOUBLE_EQ(wma.Update(0), (3.0 + 8.0 + 0.0) / 6.0);

  const std::vector<double> x = testing::Closes(testing::RandomWalk(100'000, 3));
  const int period = 20;
  const std::vector<double> out = WmaSeries(x, period);
  for (size_t i = x.size() - 300; i < x.size(); ++i) {
    double num = 0;
    for (int k = 0; k < period; ++k) num += (period - k) * x[i - k];
    const double expected = num / (period * (period + 1) / 2.0);
    EXPECT_NEAR(out[i], expected, 1e-12 * expected) << i;
  }
}

TEST(DemaTemaTest, HandComputedOnLinearInput) {
  Dema dema(2);  // alpha = 2/3
  EXPECT_TRUE(std::isnan(dema.Update(1)));
  EXPECT_TRUE(std::isnan(dema.Update(2)));  // E1 = 1.5, E2 not ready
  EXPECT_DOUBLE_EQ(dema.Update(3), 3.0);    // E1 = 2.5, E2 = 2.0
  EXPECT_DOUBLE_EQ(dema.Update(4), 4.0);    // E1 = 3.5, E2 = 3.0
  EXPECT_TRUE(dema.Ready());

  Tema tema(2);
  for (int i = 1; i <= 3; ++i) EXPECT_TRUE(std::isnan(tema.Update(i))) << i;
  EXPECT_FALSE(tema.Ready());
  EXPECT_TRUE(std::isfinite(tema.Update(4)));  // 3 period - 2 = 4 values
  EXPECT_TRUE(tema.Ready());
}

TEST(DemaTemaTest, MatchEmaChainsOnRandomWalk) {
  const std::vector<double> x = testing::Closes(testing::RandomWalk(500, 11));
  const int p = 7;
  const std::vector<double> e1 = EmaSeries(x, p);
  std::vector<double> e1_ready(e1.begin() + (p - 1), e1.end());
  const std::vector<double> e2 = EmaSeries(e1_ready, p);
  std::vector<double> e2_ready(e2.begin() + (p - 1), e2.end());
  const std::vector<double> e3 = EmaSeries(e2_ready, p);
  const std::vector<double> dema = DemaSeries(x, p);
  const std::vector<double> tema = TemaSeries(x, p);
  for (size_t i = 0; i < x.size(); ++i) {
    const bool dema_ready = i >= static_cast<size_t>(2 * p - 2);
    const bool tema_ready = i >= static_cast<size_t>(3 * p - 3);
    ASSERT_EQ(std::isnan(dema[i]), !dema_ready) << i;
    ASSERT_EQ(std::isnan(tema[i]), !tema_ready) << i;
    if (dema_ready) {
      EXPECT_DOUBLE_EQ(dema[i], 2 * e1[i] - e2[i - (p - 1)]);
    }
    if (tema_ready) {
      EXPECT_DOUBLE_EQ(tema[i], 3 * e1[i] - 3 * e2[i - (p - 1)] + e3[i - 2 * (p - 1)]);
    }
  }
}

TEST(MovingAverageTest, ConstantSeriesGivesTheConstant) {
  const std::vector<double> x(200, 42.5);
  for (const auto& series : {SmaSeries(x, 9), EmaSeries(x, 9), RmaSeries(x, 9), WmaSeries(x, 9),
                             DemaSeries(x, 9), TemaSeries(x, 9)}) {
    EXPECT_DOUBLE_EQ(series.back(), 42.5);
  }
}

TEST(MovingAverageTest, StreamingEqualsBatchAfterReset) {
  const std::vector<double> x = testing::Closes(testing::RandomWalk(300, 5));
  Ema ema(10);
  for (double v : x) ema.Update(v);
  ema.Reset();
  std::vector<double> again;
  for (double v : x) again.push_back(ema.Update(v));
  const std::vector<double> batch = EmaSeries(x, 10);
  for (size_t i = 0; i < x.size(); ++i) {
    if (std::isnan(batch[i])) {
      EXPECT_TRUE(std::isnan(again[i]));
    } else {
      EXPECT_EQ(again[i], batch[i]);
    }
  }
}

}  // namespace
}  // namespace bgt::ta
