// MeanReversion on one crafted series (closes below, half range 0.25). The indicator values on
// each bar were computed independently (a short Python model of Wilder RSI(3), population
// Bollinger(5, 1.5) / z-score(5) and Wilder ATR(3)):
//   bar  close  RSI     lower    upper    z       ATR
//    8   97     13.63   97.621   101.579  -1.971  1.98537   close < lower, RSI < 30: long
//    9   97.5   25.97                     -1.046           low 96.75
//   10   98.5   48.18                     -0.147
//   11  100.5   72.72                      1.157           z >= 0: exit
//   14  103.5   85.97   98.400   103.200   1.688  2.10091  close > upper, RSI > 70: short
//   15  103     74.36                      1.009
//   16  101     41.09                     -0.662           z <= 0: exit
// No other bar is outside the band with RSI beyond its threshold.
#include "strategy/mean_reversion.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "strategy/strategy_test_support.h"

namespace bgt::strategy {
namespace {

using testing::Describe;
using ::testing::ElementsAre;
using testing::Harness;
using ::testing::HasSubstr;

const std::vector<double> kCloses = {100,  100.5, 100,   100.5, 100,   100.5, 100, 100.5, 97,
                                     97.5, 98.5,  100.5, 101,   100.5, 103.5, 103, 101,   100};

MeanReversionParams Params() {
  MeanReversionParams p;
  p.rsi_period = 3;
  p.band_period = 5;
  p.band_k = 1.5;
  p.atr_period = 3;
  p.stop_atr = 3;
  p.min_atr_pct = 0.2;
  p.max_atr_pct = 5;
  p.max_hold_bars = 0;
  return p;
}

// Stops: 97 - 3 × 1.98537 = 91.04 -> 91.0 (floor); 103.5 + 3 × 2.10091 = 109.80 -> 109.9.
TEST(MeanReversion, EntersOutsideTheBandWithRsiAndExitsWhenZIsBack) {
  MeanReversion strategy(Params());
  Harness h(strategy);
  h.FeedCloses(kCloses, 0.25);
  EXPECT_THAT(Describe(h.log()),
              ElementsAre("8 entry long 91", "11 exit", "14 entry short 109.9", "16 exit"));
  EXPECT_THAT(std::get<Entry>(h.log()[0].intent.body).reason, HasSubstr("below lower band"));
  EXPECT_THAT(std::get<Exit>(h.log()[1].intent.body).reason, HasSubstr("back to the mean"));
}

TEST(MeanReversion, VolatilityFilterBlocksEveryEntry) {
  MeanReversionParams p = Params();
  p.max_atr_pct = 1.5;  // both setups have ATR ~2 % of the close
  MeanReversion strategy(p);
  Harness h(strategy);
  h.FeedCloses(kCloses, 0.25);
  EXPECT_TRUE(h.log().empty());
}

TEST(MeanReversion, TimeStopAfterMaxHoldBars) {
  MeanReversionParams p = Params();
  p.max_hold_bars = 2;  // the long is still below the mean on bar 10, its second bar held
  MeanReversion strategy(p);
  Harness h(strategy);
  h.FeedCloses(kCloses, 0.25);
  EXPECT_THAT(Describe(h.log()),
              ElementsAre("8 entry long 91", "10 exit", "14 entry short 109.9", "16 exit"));
  EXPECT_THAT(std::get<Exit>(h.log()[1].intent.body).reason, HasSubstr("time stop after 2"));
}

// A tight stop (0.1 ATR: 97 - 0.199 -> 96.8) is touched by bar 9's low 96.75.
TEST(MeanReversion, StopTouchedInsideTheBarExits) {
  MeanReversionParams p = Params();
  p.stop_atr = 0.1;
  p.allow_short = false;
  MeanReversion strategy(p);
  Harness h(strategy);
  h.FeedCloses(kCloses, 0.25);
  EXPECT_THAT(Describe(h.log()), ElementsAre("8 entry long 96.8", "9 exit"));
  EXPECT_THAT(std::get<Exit>(h.log()[1].intent.body).reason, HasSubstr("stop 96.8"));
}

TEST(MeanReversion, BadParametersAreRefused) {
  MeanReversionParams p;
  p.rsi_oversold = 80;
  p.max_atr_pct = -1;
  p.max_hold_bars = -3;
  auto created = MeanReversion::Create(p);
  ASSERT_FALSE(created.has_value());
  EXPECT_THAT(created.error().message,
              ::testing::AllOf(HasSubstr("rsi_oversold"), HasSubstr("max_atr_pct"),
                               HasSubstr("max_hold_bars")));
}

}  // namespace
}  // namespace bgt::strategy
