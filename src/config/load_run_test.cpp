// The [run] and [risk] sections: defaults, every key, bad input reported all at once with its
// key path and line, the run.leverage <= risk.max_leverage rule, and the round trip through
// ToToml.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "config/dump.h"
#include "config/load.h"
#include "config/load_test_support.h"

namespace bgt::config {
namespace {

using test_support::At;
using test_support::ExpectViolation;
using test_support::ViolationsOf;

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

core::Decimal D(std::string_view text) { return *core::Decimal::Parse(text); }

TEST(RunConfig, DefaultsAreTheDocumentedOnes) {
  const RunConfig run;
  EXPECT_TRUE(run.symbols.empty());
  EXPECT_EQ(run.duration_s, 0);
  EXPECT_EQ(run.on_stop, OnStop::kFlatten);
  EXPECT_EQ(run.adopted_positions, AdoptedPositions::kManage);
  EXPECT_EQ(run.journal, "bgt-journal.db");
  EXPECT_EQ(run.summary, "bgt-summary.txt");
  EXPECT_EQ(run.status_interval_s, 5);
  EXPECT_EQ(run.granularity, model::Granularity::k1m);
  EXPECT_EQ(run.history_bars, 200);
  EXPECT_EQ(run.leverage, 5);
  EXPECT_EQ(run.margin_mode, model::MarginMode::kCrossed);
  EXPECT_EQ(run.paper_balance, D("10000"));
  EXPECT_EQ(run.rest_poll_interval_s, 5);
  auto parsed = ParseConfig("");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->run, run);
  EXPECT_EQ(Config{}.risk, risk::RiskConfig::Defaults());
  EXPECT_EQ(parsed->risk, risk::RiskConfig::Defaults());
}

TEST(RunConfig, EnumNamesRoundTripAndAreExact) {
  for (std::string_view name : OnStopNames()) EXPECT_EQ(OnStopName(*ParseOnStop(name)), name);
  for (std::string_view name : AdoptedPositionsNames()) {
    EXPECT_EQ(AdoptedPositionsName(*ParseAdoptedPositions(name)), name);
  }
  EXPECT_THAT(OnStopNames(), ElementsAre("flatten", "leave"));
  EXPECT_THAT(AdoptedPositionsNames(), ElementsAre("manage", "leave"));
  EXPECT_FALSE(ParseOnStop("Flatten").has_value());
  EXPECT_FALSE(ParseAdoptedPositions("").has_value());
}

constexpr std::string_view kEveryRunAndRiskKey = R"(
[run]
symbols = ["BTCUSDT", "ETHUSDT"]
duration_s = 31536000
on_stop = "leave"
adopted_positions = "leave"
journal = ""
summary = "out/summary.txt"
status_interval_s = 3600
granularity = "15m"
history_bars = 1000
leverage = 3
margin_mode = "isolated"
paper_balance = "2500.5"
rest_poll_interval_s = 1

[risk]
risk_fraction = "0.005"
max_symbol_notional = 2000
max_total_notional = "5000.5"
max_leverage = 3
max_open_positions = 2
max_orders = 10
order_window_ms = 2500
min_liquidation_distance = 0.1
maintenance_margin_rate = "0"
daily_loss_limit = "50"
max_drawdown = "0.1"
)";

TEST(RunConfig, EveryKeyIsRead) {
  auto config = ParseConfig(kEveryRunAndRiskKey);
  ASSERT_TRUE(config.has_value()) << config.error().ToString();
  const RunConfig& run = config->run;
  EXPECT_THAT(run.symbols, ElementsAre("BTCUSDT", "ETHUSDT"));
  EXPECT_EQ(run.duration_s, 31'536'000);
  EXPECT_EQ(run.on_stop, OnStop::kLeave);
  EXPECT_EQ(run.adopted_positions, AdoptedPositions::kLeave);
  EXPECT_EQ(run.journal, "");
  EXPECT_EQ(run.summary, "out/summary.txt");
  EXPECT_EQ(run.status_interval_s, 3600);
  EXPECT_EQ(run.granularity, model::Granularity::k15m);
  EXPECT_EQ(run.history_bars, 1000);
  EXPECT_EQ(run.leverage, 3);
  EXPECT_EQ(run.margin_mode, model::MarginMode::kIsolated);
  EXPECT_EQ(run.paper_balance, D("2500.5"));
  EXPECT_EQ(run.rest_poll_interval_s, 1);

  const risk::RiskConfig& r = config->risk;
  EXPECT_EQ(r.risk_fraction, D("0.005"));
  EXPECT_EQ(r.max_symbol_notional, D("2000"));
  EXPECT_EQ(r.max_total_notional, D("5000.5"));
  EXPECT_EQ(r.max_leverage, 3);
  EXPECT_EQ(r.max_open_positions, 2);
  EXPECT_EQ(r.max_orders, 10);
  EXPECT_EQ(r.order_window, std::chrono::milliseconds(2500));
  EXPECT_EQ(r.min_liquidation_distance, D("0.1"));
  EXPECT_EQ(r.maintenance_margin_rate, D("0"));
  EXPECT_EQ(r.daily_loss_limit, D("50"));
  EXPECT_EQ(r.max_drawdown, D("0.1"));
  EXPECT_TRUE(r.Validate().ok());
}

TEST(RunConfig, ToTomlPrintsBothSectionsAndReadsBack) {
  auto config = ParseConfig(kEveryRunAndRiskKey);
  ASSERT_TRUE(config.has_value()) << config.error().ToString();
  const std::string shown = ToToml(*config);
  EXPECT_THAT(shown, AllOf(HasSubstr("[run]"), HasSubstr("on_stop = 'leave'"),
                           HasSubstr("granularity = '15m'"), HasSubstr("margin_mode = 'isolated'"),
                           HasSubstr("paper_balance = '2500.5'"), HasSubstr("[risk]"),
                           HasSubstr("order_window_ms = 2500"),
                           HasSubstr("max_total_notional = '5000.5'")));
  auto again = ParseConfig(shown);
  ASSERT_TRUE(again.has_value()) << again.error().ToString() << "\n" << shown;
  EXPECT_EQ(*again, *config);

  const std::string defaults = ToToml(Config{});
  EXPECT_THAT(defaults,
              AllOf(HasSubstr("on_stop = 'flatten'"), HasSubstr("duration_s = 0"),
                    HasSubstr("adopted_positions = 'manage'"), HasSubstr("margin_mode = 'crossed'"),
                    HasSubstr("risk_fraction = '0.01'"), HasSubstr("order_window_ms = 10000")));
  EXPECT_THAT(ToJson(*config), HasSubstr("\"on_stop\" : \"leave\""));
}

TEST(RunConfig, BadValuesAreAllReportedWithPathAndLine) {
  const auto violations = ViolationsOf(R"([run]
symbols = ["btcusdt", 3, "ETHUSDT", "ETHUSDT"]
duration_s = -1
on_stop = "close"
adopted_positions = true
journal = "a\u0001b"
status_interval_s = 0
granularity = "1M"
history_bars = 9
leverage = 126
margin_mode = "cross"
paper_balance = "0"
rest_poll_interval_s = 3601
speed = 60
)");
  const auto check = [&](std::string_view path, std::uint32_t line, std::string_view text) {
    ExpectViolation(violations, path, line, text);
  };
  check("run.symbols[0]", 2, "is not a symbol");
  check("run.symbols[1]", 2, "expected a string, got an integer");
  check("run.symbols[3]", 2, "duplicate symbol \"ETHUSDT\"");
  check("run.duration_s", 3, "must be between 0 and 31536000 (got -1)");
  check("run.on_stop", 4, "unknown value \"close\" (expected one of: flatten, leave)");
  check("run.adopted_positions", 5, "expected a string, got a boolean");
  check("run.journal", 6, "control characters");
  check("run.status_interval_s", 7, "must be between 1 and 3600");
  check("run.granularity", 8, "no fixed length");
  check("run.history_bars", 9, "must be between 10 and 1000 (got 9)");
  check("run.leverage", 10, "must be between 1 and 125 (got 126)");
  check("run.margin_mode", 11, "(expected one of: crossed, isolated)");
  check("run.paper_balance", 12, "must be a positive amount of USDT");
  check("run.rest_poll_interval_s", 13, "must be between 1 and 3600 (got 3601)");
  check("run.speed", 14, "unknown key");
  EXPECT_EQ(violations.size(), 15u);
}

TEST(RunConfig, GranularityNeedsAWebSocketChannelAndBitgetsSpelling) {
  auto v = ViolationsOf("[run]\ngranularity = \"2H\"\n");
  EXPECT_THAT(At(v, "run.granularity").message, HasSubstr("no WebSocket candle channel"));
  v = ViolationsOf("[run]\ngranularity = \"1h\"\n");
  EXPECT_THAT(At(v, "run.granularity").message, HasSubstr("unknown granularity \"1h\""));
  for (const char* ok : {"1m", "5m", "1H", "4H", "1D", "6Hutc"}) {
    auto config = ParseConfig(std::string("[run]\ngranularity = \"") + ok + "\"\n");
    ASSERT_TRUE(config.has_value()) << ok;
    EXPECT_EQ(model::ToString(config->run.granularity), ok);
  }
}

TEST(RunConfig, SummaryMustNotOverwriteTheJournal) {
  const auto v = ViolationsOf("[run]\njournal = \"x.db\"\nsummary = \"x.db\"\n");
  EXPECT_THAT(At(v, "run.summary").message, HasSubstr("must not be the journal file"));
  // Both off is fine.
  EXPECT_TRUE(ParseConfig("[run]\njournal = \"\"\nsummary = \"\"\n").has_value());
}

TEST(RunConfig, SectionsMustBeTables) {
  const auto v = ViolationsOf("run = 1\nrisk = \"x\"\nstrategy = []\n");
  EXPECT_THAT(At(v, "run").message, HasSubstr("expected a table"));
  EXPECT_THAT(At(v, "risk").message, HasSubstr("expected a table"));
  EXPECT_THAT(At(v, "strategy").message, HasSubstr("expected a table"));
}

TEST(RiskConfig, EachBrokenLimitIsReportedAtItsKey) {
  const auto violations = ViolationsOf(R"([risk]
risk_fraction = "0.5"
max_symbol_notional = "-1"
max_total_notional = true
max_leverage = 0
max_open_positions = 0
max_orders = 0
order_window_ms = 0
min_liquidation_distance = 1
maintenance_margin_rate = "-0.1"
daily_loss_limit = "lots"
max_drawdown = nan
max_position = 3
)");
  const auto check = [&](std::string_view path, std::uint32_t line, std::string_view text) {
    ExpectViolation(violations, path, line, text);
  };
  check("risk.risk_fraction", 2, "must be in (0, 0.1], got 0.5");
  check("risk.max_symbol_notional", 3, "must be > 0, got -1");
  check("risk.max_total_notional", 4, "expected a decimal");
  check("risk.max_leverage", 5, "must be between 1 and 125 (got 0)");
  check("risk.max_open_positions", 6, "must be between 1 and 10000");
  check("risk.max_orders", 7, "must be between 1 and 1000000");
  check("risk.order_window_ms", 8, "must be between 1 and 86400000");
  check("risk.min_liquidation_distance", 9, "must be in (0, 1), got 1");
  check("risk.maintenance_margin_rate", 10, "must be in [0, 1), got -0.1");
  check("risk.daily_loss_limit", 11, "not a valid decimal");
  check("risk.max_drawdown", 12, "must be a finite number");
  check("risk.max_position", 13, "unknown key");
  EXPECT_EQ(violations.size(), 12u);
}

TEST(RiskConfig, CrossRuleIsReportedAtTheKeyTheFileSets) {
  // max_total_notional (default 30000) < max_symbol_notional: only the latter is in the file.
  auto v = ViolationsOf("[risk]\nmax_symbol_notional = 40000\n");
  Violation at = At(v, "risk.max_symbol_notional");
  EXPECT_EQ(at.line, 2u);
  EXPECT_THAT(at.message, HasSubstr("max_total_notional: must be >= max_symbol_notional"));
  // Both set: at max_total_notional.
  v = ViolationsOf("[risk]\nmax_symbol_notional = 40000\nmax_total_notional = 35000\n");
  at = At(v, "risk.max_total_notional");
  EXPECT_EQ(at.line, 3u);
  EXPECT_EQ(at.message, "must be >= max_symbol_notional");
}

TEST(RiskConfig, RunLeverageMustNotExceedTheRiskLimit) {
  auto v = ViolationsOf("[run]\nleverage = 20\n");
  Violation at = At(v, "run.leverage");
  EXPECT_EQ(at.line, 2u);
  EXPECT_EQ(at.message, "20 exceeds risk.max_leverage (10)");
  // Only the limit is in the file: reported there.
  v = ViolationsOf("[risk]\nmax_leverage = 3\n");
  at = At(v, "risk.max_leverage");
  EXPECT_EQ(at.line, 2u);
  EXPECT_EQ(at.message, "3 is below run.leverage (5)");
  // Equal is fine, in either order of the sections.
  EXPECT_TRUE(ParseConfig("[risk]\nmax_leverage = 7\n[run]\nleverage = 7\n").has_value());
}

TEST(RunRiskAndStrategy, EveryViolationIsReportedAtOnceInFileOrder) {
  std::vector<Violation> violations;
  auto config = ParseConfig(R"(mode = "moon"
[risk]
max_drawdown = "2"
[run]
on_stop = "stay"
history_bars = "200"
[strategy.funding]
harvest_rate = "-1"
)",
                            &violations);
  ASSERT_FALSE(config.has_value());
  std::vector<std::string> paths;
  for (const Violation& v : violations) paths.push_back(v.path);
  EXPECT_THAT(paths, ElementsAre("mode", "risk.max_drawdown", "run.on_stop", "run.history_bars",
                                 "strategy.funding.harvest_rate"));
  EXPECT_THAT(config.error().message,
              AllOf(HasSubstr("5 violations"), HasSubstr("harvest_rate: must be > 0 (line 8)"),
                    HasSubstr("risk.max_drawdown: must be in (0, 1)"), HasSubstr("(line 3)"),
                    HasSubstr("expected an integer, got a string")));
}

}  // namespace
}  // namespace bgt::config
