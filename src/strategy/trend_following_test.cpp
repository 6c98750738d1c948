// TrendFollowing on crafted series: entries, trailing-stop moves and exits happen on exactly the
// bars computed by hand below, and nowhere else.
#include "strategy/trend_following.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "strategy/strategy_test_support.h"

namespace bgt::strategy {
namespace {

using testing::Describe;
using ::testing::ElementsAre;
using testing::Harness;
using ::testing::HasSubstr;

TrendParams EmaParams() {
  TrendParams p;
  p.fast_period = 2;  // alpha 2/3
  p.slow_period = 4;  // alpha 0.4
  p.atr_period = 2;
  p.stop_atr = 2.0;
  p.trail_atr = 3.0;
  p.allow_short = false;
  return p;
}

// Bars (half range 0.5): six flat at 100 (true range 1), then 101 102 103 104 (true range 2),
// then a crash to 95, then flat.
// bar 6: fast 100.667 > slow 100.4 after equal EMAs -> cross up; ATR = (1 + 2) / 2 = 1.5, so
//        the stop is 101 - 2 × 1.5 = 98.
// bars 7, 8, 9: ATR 1.75, 1.875, 1.9375; trail = best close - 3 ATR = 96.75, 97.375 (below 98:
//        no move), 98.1875 -> 98.1 (floor to the 0.1 tick): one StopUpdate on bar 9.
// bar 10: low 94.5 <= 98.1 -> exit. Afterwards fast < slow all along: no new entry.
TEST(TrendFollowing, EmaCrossEntryTrailingStopAndStopExitExactlyOnTheirBars) {
  TrendFollowing strategy(EmaParams());
  Harness h(strategy);
  h.FeedCloses({100, 100, 100, 100, 100, 100, 101, 102, 103, 104, 95, 95, 95, 95}, 0.5);
  EXPECT_THAT(Describe(h.log()), ElementsAre("6 entry long 98", "9 stop_update 98.1", "10 exit"));
  const auto& exit = std::get<Exit>(h.log()[2].intent.body);
  EXPECT_THAT(exit.reason, HasSubstr("stop 98.1"));
  EXPECT_EQ(h.log()[0].intent.ts, testing::kStart + std::chrono::hours(7));
  EXPECT_EQ(h.log()[0].intent.strategy_id, "test");
}

// The entry of bar 6 is rejected (risk refused it, say) and the symbol stays flat: the
// strategy forgets the trade, so the trailing stop of bar 9 and the stop exit of bar 10 of the
// first test never come. Without the rejection they do (first test).
TEST(TrendFollowing, ARejectedEntryWhileFlatIsForgotten) {
  TrendFollowing strategy(EmaParams());
  Harness h(strategy);
  h.FeedCloses({100, 100, 100, 100, 100, 100, 101}, 0.5);
  ASSERT_THAT(Describe(h.log()), ElementsAre("6 entry long 98"));
  h.Fill(h.symbol(), "0");
  OrderEvent rejected;
  rejected.kind = OrderEvent::Kind::kRejected;
  rejected.symbol = h.symbol();
  rejected.message = "denied by risk";
  h.runner().OnOrderEvent(rejected);
  h.FeedCloses({102, 103, 104, 95, 95, 95, 95}, 0.5);
  EXPECT_THAT(Describe(h.log()), ElementsAre("6 entry long 98"));
}

// A rejection while the position exists (an order of another trade, say) changes nothing.
TEST(TrendFollowing, ARejectionWhileInAPositionKeepsTheTrade) {
  TrendFollowing strategy(EmaParams());
  Harness h(strategy);
  h.FeedCloses({100, 100, 100, 100, 100, 100, 101}, 0.5);
  OrderEvent rejected;
  rejected.kind = OrderEvent::Kind::kRejected;
  rejected.symbol = h.symbol();
  h.runner().OnOrderEvent(rejected);
  h.FeedCloses({102, 103, 104, 95, 95, 95, 95}, 0.5);
  EXPECT_THAT(Describe(h.log()), ElementsAre("6 entry long 98", "9 stop_update 98.1", "10 exit"));
}

// A gentle turn: 100 ×6, 101, 102, 101, 100, 99. The EMAs cross down on bar 9
// (fast 100.395 < slow 100.614). With a wide stop (10 ATR) nothing else fires: the long exits
// and a short opens on bar 9 with stop 100 + 10 × 1.9375 = 119.375 -> 119.4 (ceiling).
TEST(TrendFollowing, OppositeCrossReversesWhenShortsAreAllowed) {
  TrendParams p = EmaParams();
  p.stop_atr = 10;
  p.trail_atr = 10;
  p.allow_short = true;
  TrendFollowing strategy(p);
  Harness h(strategy);
  h.FeedCloses({100, 100, 100, 100, 100, 100, 101, 102, 101, 100}, 0.5);
  EXPECT_THAT(Describe(h.log()), ElementsAre("6 entry long 86", "9 exit", "9 entry short 119.4"));
  EXPECT_THAT(std::get<Exit>(h.log()[1].intent.body).reason, HasSubstr("reverse"));
}

TEST(TrendFollowing, OppositeCrossOnlyExitsWhenShortsAreNotAllowed) {
  TrendParams p = EmaParams();
  p.stop_atr = 10;
  p.trail_atr = 10;
  TrendFollowing strategy(p);
  Harness h(strategy);
  h.FeedCloses({100, 100, 100, 100, 100, 100, 101, 102, 101, 100, 99, 98}, 0.5);
  EXPECT_THAT(Describe(h.log()), ElementsAre("6 entry long 86", "9 exit"));
}

// Donchian(3) breakout: flat 100 (high 100.5) for five bars, then 101 closes above the previous
// three bars' highest high 100.5 on bar 5. ATR(2) there = (1 + 2) / 2 = 1.5 -> stop 101 - 15 = 86.
// Flat at 101 afterwards: no new signal; ATR decays 1.25, 1.125, 1.0625 and the trail
// 101 - 20 ATR stays below 86. Bar 9 closes at 98, below the previous three bars' lowest low
// 100.5: reverse to short. Its true range is 101.5 - 97.5 = 4, ATR = (1.0625 + 4) / 2 = 2.53125,
// stop 98 + 10 × 2.53125 = 123.3125 -> 123.4 (ceiling to the tick).
TEST(TrendFollowing, DonchianBreakoutEntryAndBreakdownReversal) {
  TrendParams p;
  p.signal = TrendParams::Signal::kDonchianBreakout;
  p.donchian_period = 3;
  p.atr_period = 2;
  p.stop_atr = 10;
  p.trail_atr = 20;
  TrendFollowing strategy(p);
  Harness h(strategy);
  h.FeedCloses({100, 100, 100, 100, 100, 101, 101, 101, 101, 98}, 0.5);
  EXPECT_THAT(Describe(h.log()), ElementsAre("5 entry long 86", "9 exit", "9 entry short 123.4"));
}

TEST(TrendFollowing, NoTradeBeforeTheIndicatorsAreReadyAndOnlyConfiguredSymbols) {
  TrendParams p = EmaParams();
  p.symbols = {"ETHUSDT"};
  TrendFollowing strategy(p);
  Harness h(strategy);  // feeds BTCUSDT
  h.FeedCloses({100, 100, 100, 100, 100, 100, 101, 102, 103, 104}, 0.5);
  EXPECT_TRUE(h.log().empty());

  TrendFollowing early(EmaParams());
  Harness e(early);
  e.FeedCloses({100, 101, 102, 103}, 0.5);  // slow EMA ready only on bar 3: no cross seen yet
  EXPECT_TRUE(e.log().empty());
}

TEST(TrendFollowing, BadParametersAreRefused) {
  TrendParams p;
  p.fast_period = 50;
  p.slow_period = 20;
  p.stop_atr = std::numeric_limits<double>::quiet_NaN();
  p.atr_period = 0;
  auto created = TrendFollowing::Create(p);
  ASSERT_FALSE(created.has_value());
  EXPECT_THAT(created.error().message,
              ::testing::AllOf(HasSubstr("fast_period: must be < slow_period"),
                               HasSubstr("stop_atr"), HasSubstr("atr_period")));
  EXPECT_TRUE(TrendFollowing::Create(TrendParams{}).has_value());
}

}  // namespace
}  // namespace bgt::strategy
