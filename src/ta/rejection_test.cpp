// Every indicator: feeding a series with NaN/inf values (or invalid bars) interleaved gives
// exactly the outputs of the clean series, and each rejected input returns the previous output
// and is counted.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "ta/ta.h"
#include "ta/test_series.h"

namespace bgt::ta {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Bitwise equality of outputs (NaN == NaN), for doubles and the all-double struct outputs.
template <typename T>
bool Same(const T& a, const T& b) {
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}
// SupertrendValue has padding after `direction`: compare field by field.
bool Same(const SupertrendValue& a, const SupertrendValue& b) {
  return Same(a.value, b.value) && a.direction == b.direction && Same(a.upper, b.upper) &&
         Same(a.lower, b.lower);
}

template <typename Indicator>
void CheckDoubles(Indicator clean, Indicator dirty, const char* name) {
  const std::vector<double> x = testing::Closes(testing::RandomWalk(400, 17));
  std::mt19937_64 rng(5);
  const double bad[] = {std::nan(""), kInf, -kInf};
  for (size_t i = 0; i < x.size(); ++i) {
    const auto before = dirty.Value();
    if (rng() % 4 == 0) {
      const auto out = dirty.Update(bad[rng() % 3]);
      ASSERT_TRUE(Same(out, before)) << name << " at " << i;
    }
    const auto want = clean.Update(x[i]);
    ASSERT_TRUE(Same(dirty.Update(x[i]), want)) << name << " at " << i;
  }
  EXPECT_GT(dirty.RejectedCount(), 50) << name;
  EXPECT_EQ(clean.RejectedCount(), 0) << name;
}

template <typename Indicator>
void CheckBars(Indicator clean, Indicator dirty, const char* name) {
  const std::vector<Bar> bars = testing::RandomWalk(400, 18);
  std::mt19937_64 rng(6);
  const Bar bad[] = {Bar{std::nan(""), 1, 1, 1}, Bar{1, 2, 1.5, 1}, Bar{2, 1, 1.5, -1},
                     Bar{2, 1, kInf, 1}, Bar{2, 1, 1.5, std::nan("")}};
  for (size_t i = 0; i < bars.size(); ++i) {
    const auto before = dirty.Value();
    if (rng() % 4 == 0) {
      const auto out = dirty.Update(bad[rng() % 5]);
      ASSERT_TRUE(Same(out, before)) << name << " at " << i;
    }
    const auto want = clean.Update(bars[i]);
    ASSERT_TRUE(Same(dirty.Update(bars[i]), want)) << name << " at " << i;
  }
  EXPECT_GT(dirty.RejectedCount(), 50) << name;
}

TEST(RejectionTest, ValueInputsIgnoreNonFinite) {
  CheckDoubles(Sma(10), Sma(10), "sma");
  CheckDoubles(Ema(10), Ema(10), "ema");
  CheckDoubles(Rma(10), Rma(10), "rma");
  CheckDoubles(Wma(10), Wma(10), "wma");
  CheckDoubles(Dema(10), Dema(10), "dema");
  CheckDoubles(Tema(10), Tema(10), "tema");
  CheckDoubles(Rsi(14), Rsi(14), "rsi");
  CheckDoubles(Macd(12, 26, 9), Macd(12, 26, 9), "macd");
  CheckDoubles(Roc(10), Roc(10), "roc");
  CheckDoubles(Bollinger(20, 2), Bollinger(20, 2), "bollinger");
  CheckDoubles(ZScore(20), ZScore(20), "zscore");
  CheckDoubles(RealizedVol(20, 365), RealizedVol(20, 365), "realized vol");
}

TEST(RejectionTest, BarInputsIgnoreInvalidBars) {
  CheckBars(Atr(14), Atr(14), "atr");
  CheckBars(Adx(14), Adx(14), "adx");
  CheckBars(Stochastic(14, 3, 3), Stochastic(14, 3, 3), "stochastic");
  CheckBars(Cci(20), Cci(20), "cci");
  CheckBars(Obv(), Obv(), "obv");
  CheckBars(Vwap(24), Vwap(24), "vwap");
  CheckBars(SessionVwap(), SessionVwap(), "session vwap");
  CheckBars(Donchian(20), Donchian(20), "donchian");
  CheckBars(Keltner(20, 10, 2), Keltner(20, 10, 2), "keltner");
  CheckBars(Supertrend(10, 3), Supertrend(10, 3), "supertrend");
  CheckBars(Psar(0.02, 0.2), Psar(0.02, 0.2), "psar");
}

TEST(RejectionTest, ResetRestoresTheFreshState) {
  const std::vector<Bar> bars = testing::RandomWalk(100, 19);
  Supertrend st(10, 3);
  std::vector<SupertrendValue> first;
  for (const Bar& b : bars) first.push_back(st.Update(b));
  st.Update(Bar{std::nan(""), 0, 0, 0});
  st.Reset();
  EXPECT_EQ(st.RejectedCount(), 0);
  for (size_t i = 0; i < bars.size(); ++i) ASSERT_TRUE(Same(st.Update(bars[i]), first[i])) << i;
}

}  // namespace
}  // namespace bgt::ta
