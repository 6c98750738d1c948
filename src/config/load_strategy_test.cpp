// The [strategy] section: defaults equal to what `bgt run` traded before it was configurable,
// every key, the strategies' own rules reported per key with path and line, and the round trip
// through ToToml.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "config/dump.h"
#include "config/load.h"
#include "config/load_test_support.h"

namespace bgt::config {
namespace {

using test_support::At;
using test_support::ExpectViolation;
using test_support::ViolationsOf;

using ::testing::AllOf;
using ::testing::HasSubstr;

core::Decimal D(std::string_view text) { return *core::Decimal::Parse(text); }

TEST(StrategyConfig, DefaultsAreTheOneMinuteTuningOverTheStructsDefaults) {
  const StrategyConfig s;
  EXPECT_TRUE(s.trend.enabled);
  EXPECT_TRUE(s.mean_reversion.enabled);
  EXPECT_TRUE(s.funding.enabled);
  strategy::TrendParams trend;
  trend.fast_period = 9;
  trend.slow_period = 21;
  EXPECT_EQ(s.trend.params, trend);
  strategy::MeanReversionParams reversion;
  reversion.min_atr_pct = 0.02;
  reversion.max_hold_bars = 30;
  EXPECT_EQ(s.mean_reversion.params, reversion);
  EXPECT_EQ(s.funding.params, strategy::FundingParams{});
  EXPECT_TRUE(strategy::Validate(s.trend.params).ok());
  EXPECT_TRUE(strategy::Validate(s.mean_reversion.params).ok());
  EXPECT_TRUE(strategy::Validate(s.funding.params).ok());
  auto parsed = ParseConfig("");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->strategy, s);
}

TEST(StrategyConfig, SignalNamesRoundTrip) {
  for (std::string_view name : TrendSignalNames()) {
    EXPECT_EQ(TrendSignalName(*ParseTrendSignal(name)), name);
  }
  EXPECT_EQ(ParseTrendSignal("donchian_breakout"),
            strategy::TrendParams::Signal::kDonchianBreakout);
  EXPECT_FALSE(ParseTrendSignal("ema").has_value());
}

constexpr std::string_view kEveryStrategyKey = R"(
[strategy.trend]
enabled = false
signal = "donchian_breakout"
fast_period = 5
slow_period = 30
donchian_period = 40
atr_period = 10
stop_atr = 1.5
trail_atr = 4
allow_short = false

[strategy.mean_reversion]
enabled = true
rsi_period = 7
rsi_oversold = 25
rsi_overbought = 75.5
band_period = 30
band_k = 2.5
exit_z = 0.5
atr_period = 21
stop_atr = 3
min_atr_pct = 0.05
max_atr_pct = 4.25
max_hold_bars = 0
allow_short = false

[strategy.funding]
enabled = false
expensive_rate = "0.0005"
avoid_window_s = 900
harvest = true
harvest_rate = 0.001
harvest_window_s = 300
harvest_stop_pct = 0.75
exit_after_s = 0
check_interval_s = 30
)";

TEST(StrategyConfig, EveryKeyIsRead) {
  auto config = ParseConfig(kEveryStrategyKey);
  ASSERT_TRUE(config.has_value()) << config.error().ToString();
  const StrategyConfig& s = config->strategy;
  EXPECT_FALSE(s.trend.enabled);
  const strategy::TrendParams& t = s.trend.params;
  EXPECT_EQ(t.signal, strategy::TrendParams::Signal::kDonchianBreakout);
  EXPECT_EQ(t.fast_period, 5);
  EXPECT_EQ(t.slow_period, 30);
  EXPECT_EQ(t.donchian_period, 40);
  EXPECT_EQ(t.atr_period, 10);
  EXPECT_DOUBLE_EQ(t.stop_atr, 1.5);
  EXPECT_DOUBLE_EQ(t.trail_atr, 4.0);
  EXPECT_FALSE(t.allow_short);
  EXPECT_TRUE(t.symbols.empty());

  EXPECT_TRUE(s.mean_reversion.enabled);
  const strategy::MeanReversionParams& m = s.mean_reversion.params;
  EXPECT_EQ(m.rsi_period, 7);
  EXPECT_DOUBLE_EQ(m.rsi_oversold, 25.0);
  EXPECT_DOUBLE_EQ(m.rsi_overbought, 75.5);
  EXPECT_EQ(m.band_period, 30);
  EXPECT_DOUBLE_EQ(m.band_k, 2.5);
  EXPECT_DOUBLE_EQ(m.exit_z, 0.5);
  EXPECT_EQ(m.atr_period, 21);
  EXPECT_DOUBLE_EQ(m.stop_atr, 3.0);
  EXPECT_DOUBLE_EQ(m.min_atr_pct, 0.05);
  EXPECT_DOUBLE_EQ(m.max_atr_pct, 4.25);
  EXPECT_EQ(m.max_hold_bars, 0);
  EXPECT_FALSE(m.allow_short);

  EXPECT_FALSE(s.funding.enabled);
  const strategy::FundingParams& f = s.funding.params;
  EXPECT_EQ(f.expensive_rate, D("0.0005"));
  EXPECT_EQ(f.avoid_window, std::chrono::seconds(900));
  EXPECT_TRUE(f.harvest);
  EXPECT_EQ(f.harvest_rate, D("0.001"));
  EXPECT_EQ(f.harvest_window, std::chrono::seconds(300));
  EXPECT_DOUBLE_EQ(f.harvest_stop_pct, 0.75);
  EXPECT_EQ(f.exit_after, std::chrono::seconds(0));
  EXPECT_EQ(f.check_interval, std::chrono::seconds(30));
}

TEST(StrategyConfig, ToTomlPrintsTheSectionAndReadsBack) {
  auto config = ParseConfig(kEveryStrategyKey);
  ASSERT_TRUE(config.has_value()) << config.error().ToString();
  const std::string shown = ToToml(*config);
  EXPECT_THAT(shown,
              AllOf(HasSubstr("[strategy.trend]"), HasSubstr("[strategy.mean_reversion]"),
                    HasSubstr("[strategy.funding]"), HasSubstr("signal = 'donchian_breakout'"),
                    HasSubstr("expensive_rate = '0.0005'"), HasSubstr("check_interval_s = 30")));
  auto again = ParseConfig(shown);
  ASSERT_TRUE(again.has_value()) << again.error().ToString() << "\n" << shown;
  EXPECT_EQ(*again, *config);
  // The defaults too (0.02 must print exactly).
  auto defaults = ParseConfig(ToToml(Config{}));
  ASSERT_TRUE(defaults.has_value()) << defaults.error().ToString();
  EXPECT_EQ(defaults->strategy, StrategyConfig{});
  EXPECT_THAT(ToToml(Config{}), AllOf(HasSubstr("fast_period = 9"), HasSubstr("slow_period = 21"),
                                      HasSubstr("max_hold_bars = 30")));
}

TEST(StrategyConfig, TheStrategiesOwnRulesAreReportedPerKey) {
  const auto violations = ViolationsOf(R"([strategy.trend]
fast_period = 30
slow_period = 20
stop_atr = 0
signal = "macd"
[strategy.mean_reversion]
rsi_oversold = 80
band_k = 1
exit_z = 1.5
min_atr_pct = 6
max_hold_bars = -1
[strategy.funding]
expensive_rate = "0"
harvest_stop_pct = 100
check_interval_s = 0
avoid_window_s = "30"
)");
  const auto check = [&](std::string_view path, std::uint32_t line, std::string_view text) {
    ExpectViolation(violations, path, line, text);
  };
  check("strategy.trend.fast_period", 2, "must be < slow_period");
  check("strategy.trend.stop_atr", 4, "must be finite and > 0");
  check("strategy.trend.signal", 5,
        "unknown value \"macd\" (expected one of: ema_cross, donchian_breakout)");
  check("strategy.mean_reversion.rsi_oversold", 7,
        "rsi_oversold, rsi_overbought: need 0 <= oversold < overbought");
  check("strategy.mean_reversion.exit_z", 9, "within [-band_k, band_k]");
  check("strategy.mean_reversion.min_atr_pct", 10,
        "min_atr_pct, max_atr_pct: need 0 <= min <= max");
  check("strategy.mean_reversion.max_hold_bars", 11, "must be between 0 and 1000000 (got -1)");
  check("strategy.funding.expensive_rate", 13, "must be > 0");
  check("strategy.funding.harvest_stop_pct", 14, "must be in (0, 100)");
  check("strategy.funding.check_interval_s", 15, "must be between 1 and 86400 (got 0)");
  check("strategy.funding.avoid_window_s", 16, "expected an integer, got a string");
  EXPECT_EQ(violations.size(), 11u);
}

TEST(StrategyConfig, ACrossRuleGoesToTheKeyTheFileSets) {
  // slow_period below the default fast_period (9): only slow_period is in the file.
  const auto v = ViolationsOf("[strategy.trend]\nslow_period = 5\n");
  const Violation at = At(v, "strategy.trend.slow_period");
  EXPECT_EQ(at.line, 2u);
  EXPECT_EQ(at.message, "fast_period: must be < slow_period");
}

TEST(StrategyConfig, UnknownKeysWrongTypesAndSymbolsAreReported) {
  const auto violations = ViolationsOf(R"([strategy]
grid = {}
[strategy.trend]
enabled = "yes"
fast_periods = 9
symbols = ["BTCUSDT"]
[strategy.funding]
harvest = 1
)");
  EXPECT_THAT(At(violations, "strategy.grid").message, HasSubstr("unknown key"));
  EXPECT_EQ(At(violations, "strategy.grid").line, 2u);
  EXPECT_THAT(At(violations, "strategy.trend.enabled").message,
              HasSubstr("expected a boolean (true or false), got a string"));
  EXPECT_THAT(At(violations, "strategy.trend.fast_periods").message,
              HasSubstr("did you mean \"fast_period\"?"));
  EXPECT_THAT(At(violations, "strategy.trend.symbols").message,
              HasSubstr("bgt run assigns the traded symbols"));
  EXPECT_EQ(At(violations, "strategy.funding.harvest").line, 8u);
  EXPECT_EQ(violations.size(), 5u);
}

TEST(StrategyConfig, AtLeastOneStrategyMustTrade) {
  const auto v = ViolationsOf(
      "[strategy.trend]\nenabled = false\n[strategy.mean_reversion]\nenabled = false\n");
  const Violation at = At(v, "strategy.trend.enabled");
  EXPECT_EQ(at.line, 2u);
  EXPECT_THAT(at.message, HasSubstr("no strategy is enabled"));
  // Funding harvest alone is a strategy.
  EXPECT_TRUE(ParseConfig("[strategy.trend]\nenabled = false\n[strategy.mean_reversion]\n"
                          "enabled = false\n[strategy.funding]\nharvest = true\n")
                  .has_value());
}

TEST(StrategyConfig, TheLiveExampleIsValid) {
  auto config = LoadConfigFile(BGT_LIVE_EXAMPLE_CONFIG);
  ASSERT_TRUE(config.has_value()) << config.error().ToString();
  EXPECT_EQ(config->run.duration_s, 0);
  EXPECT_LE(config->run.leverage, config->risk.max_leverage);
  EXPECT_TRUE(config->risk.Validate().ok());
}

}  // namespace
}  // namespace bgt::config
