// The [universe] section: defaults, every key, and bad input reported all at once.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/dump.h"
#include "config/load.h"

namespace bgt::config {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

core::Decimal D(std::string_view text) { return *core::Decimal::Parse(text); }

TEST(UniverseConfig, DefaultsAreTheSelectorsDefaults) {
  auto config = ParseConfig("");
  ASSERT_TRUE(config.has_value());
  EXPECT_EQ(config->universe, market::UniverseParams{});
  EXPECT_TRUE(market::ValidateParams(config->universe).ok());
}

TEST(UniverseConfig, EveryKeyIsRead) {
  auto config = ParseConfig(R"(
[universe]
min_volume_usdt_24h = "50000000.5"
min_open_interest_usdt = 1000000
max_spread_bps = 4.5
min_funding_rate = "-0.0005"
max_funding_rate = 0.0007
min_atr_pct = 1
max_atr_pct = 6.5
atr_period = 21
candle_granularity = "4H"
min_listing_age_days = 90
schedule_window_hours = 48
max_ticker_age_s = 60
blacklist = ["LUNAUSDT"]
whitelist = []
top_n = 5
refresh_interval_s = 900
keep_slack = 2
entry_margin = 0.1
[universe.weights]
volume = 2
open_interest = 1.5
spread = 0
volatility = 0.25
funding = 1
)");
  ASSERT_TRUE(config.has_value()) << config.error().ToString();
  const market::UniverseParams& u = config->universe;
  EXPECT_EQ(u.min_volume_usdt_24h, D("50000000.5"));
  EXPECT_EQ(u.min_open_interest_usdt, D("1000000"));
  EXPECT_EQ(u.max_spread_bps, D("4.5"));
  EXPECT_EQ(u.min_funding_rate, D("-0.0005"));
  EXPECT_EQ(u.max_funding_rate, D("0.0007"));
  EXPECT_DOUBLE_EQ(u.min_atr_pct, 1.0);
  EXPECT_DOUBLE_EQ(u.max_atr_pct, 6.5);
  EXPECT_EQ(u.atr_period, 21);
  EXPECT_EQ(u.candle_granularity, model::Granularity::k4H);
  EXPECT_EQ(u.min_listing_age_days, 90);
  EXPECT_EQ(u.schedule_window, std::chrono::hours(48));
  EXPECT_EQ(u.max_ticker_age, std::chrono::seconds(60));
  EXPECT_THAT(u.blacklist, ElementsAre("LUNAUSDT"));
  EXPECT_TRUE(u.whitelist.empty());
  EXPECT_EQ(u.top_n, 5);
  EXPECT_EQ(u.refresh_interval, std::chrono::seconds(900));
  EXPECT_EQ(u.keep_slack, 2);
  EXPECT_DOUBLE_EQ(u.entry_margin, 0.1);
  EXPECT_DOUBLE_EQ(u.weights.volume, 2.0);
  EXPECT_DOUBLE_EQ(u.weights.open_interest, 1.5);
  EXPECT_DOUBLE_EQ(u.weights.spread, 0.0);
  EXPECT_DOUBLE_EQ(u.weights.volatility, 0.25);
  EXPECT_DOUBLE_EQ(u.weights.funding, 1.0);
  // `config show` prints the section, and what it prints reads back to the same values.
  const std::string shown = ToToml(*config);
  EXPECT_THAT(shown, AllOf(HasSubstr("[universe]"), HasSubstr("top_n = 5"),
                           HasSubstr("candle_granularity = '4H'")));
  auto again = ParseConfig(shown);
  ASSERT_TRUE(again.has_value()) << again.error().ToString();
  EXPECT_EQ(again->universe, u);
}

TEST(UniverseConfig, BadValuesAreAllReported) {
  std::vector<Violation> violations;
  auto config = ParseConfig(R"(
[universe]
min_volume_usdt_24h = "lots"
max_spread_bps = true
min_atr_pct = nan
max_atr_pct = inf
atr_period = 0
candle_granularity = "1M"
blacklist = ["btcusdt", 3]
top_n = 0
entry_margin = 2
min_funding_rate = "0.01"
unknown_key = 1
[universe.weights]
volume = -1
)",
                            &violations);
  ASSERT_FALSE(config.has_value());
  std::vector<std::string> paths;
  for (const Violation& v : violations) paths.push_back(v.path);
  for (const char* path :
       {"universe.min_volume_usdt_24h", "universe.max_spread_bps", "universe.min_atr_pct",
        "universe.max_atr_pct", "universe.atr_period", "universe.candle_granularity",
        "universe.blacklist[0]", "universe.blacklist[1]", "universe.top_n", "universe.unknown_key",
        "universe.weights.volume", "universe.min_funding_rate", "universe.entry_margin"}) {
    EXPECT_THAT(paths, ::testing::Contains(std::string(path)));
  }
  EXPECT_THAT(config.error().message, AllOf(HasSubstr("finite"), HasSubstr("is not a symbol")));
}

TEST(UniverseConfig, SectionMustBeATable) {
  auto config = ParseConfig("universe = 3\n");
  ASSERT_FALSE(config.has_value());
  EXPECT_THAT(config.error().message, HasSubstr("universe: expected a table"));
}

}  // namespace
}  // namespace bgt::config
