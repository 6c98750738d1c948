#include "config/load.h"
#include "config/load_test_support.h"

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "config/dump.h"

namespace bgt::config {
namespace {

using test_support::Paths;
using test_support::ViolationsOf;

using ::testing::AllOf;
using ::testing::AnyOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

Config ParseOk(std::string_view text) {
  auto result = ParseConfig(text);
  EXPECT_TRUE(result.has_value()) << result.error().ToString();
  if (!result.has_value()) return Config{};
  return std::move(*result);
}

// A file under the test's temp dir holding `text`.
std::filesystem::path WriteFile(const std::string& name, std::string_view text) {
  // The process id keeps parallel runs (ctest -j, several build trees) apart.
  const std::filesystem::path path = std::filesystem::path(::testing::TempDir()) /
                                     ("bgt-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

EnvLookup NoEnv() {
  return [](std::string_view) { return std::optional<std::string>(); };
}

// --- valid input ---

TEST(ParseConfig, EmptyTextIsTheDefaults) {
  EXPECT_EQ(ParseOk(""), Config{});
  EXPECT_EQ(ParseOk("\n\n# only a comment\n   \n"), Config{});
  EXPECT_EQ(ParseOk("[log]\n[venue]\n"), Config{});
  EXPECT_EQ(ParseOk("\xEF\xBB\xBFmode = \"emulator\"\n"), Config{});  // UTF-8 BOM
}

TEST(ParseConfig, ReadsEveryKey) {
  const Config c = ParseOk(R"(
mode = "demo"
[log]
level = "debug"
file = "/var/log/bgt.log"
[venue]
rest_url = "http://127.0.0.1:8080"
ws_public_url = "ws://localhost:8080/v2/ws/public"
ws_private_url = "wss://wspap.bitget.com/v2/ws/private"
product_type = "SUSDT-FUTURES"
margin_coin = "SUSDT"
locale = "zh-CN"
demo_trading = true
connect_timeout_ms = 1
request_timeout_ms = 120000
max_clock_skew_ms = 30000
)");
  EXPECT_EQ(c.mode, Mode::kDemo);
  EXPECT_EQ(c.log.level, LogLevel::kDebug);
  EXPECT_EQ(c.log.file, "/var/log/bgt.log");
  EXPECT_EQ(c.venue.rest_url, "http://127.0.0.1:8080");
  EXPECT_EQ(c.venue.ws_public_url, "ws://localhost:8080/v2/ws/public");
  EXPECT_EQ(c.venue.ws_private_url, "wss://wspap.bitget.com/v2/ws/private");
  EXPECT_EQ(c.venue.product_type, ProductType::kSusdtFutures);
  EXPECT_EQ(c.venue.margin_coin, "SUSDT");
  EXPECT_EQ(c.venue.locale, Locale::kZhCn);
  EXPECT_TRUE(c.venue.demo_trading);
  EXPECT_EQ(c.venue.connect_timeout_ms, 1);
  EXPECT_EQ(c.venue.request_timeout_ms, 120000);
  EXPECT_EQ(c.venue.max_clock_skew_ms, 30000);
}

TEST(ParseConfig, AcceptsDottedKeysAndInlineTables) {
  const Config c = ParseOk("log = { level = \"warn\" }\nvenue.locale = \"zh-CN\"\n");
  EXPECT_EQ(c.log.level, LogLevel::kWarn);
  EXPECT_EQ(c.venue.locale, Locale::kZhCn);
}

TEST(ParseConfig, DemoModeImpliesDemoTrading) {
  EXPECT_TRUE(ParseOk("mode = \"demo\"").venue.demo_trading);
  EXPECT_FALSE(ParseOk("mode = \"paper\"").venue.demo_trading);
}

// --- syntax errors ---

TEST(ParseConfig, GarbageBytesAreASyntaxErrorWithAPosition) {
  const std::string garbage("\xff\xfe\x00\x01\x80garbage\x1b[31m", 14);
  auto v = ViolationsOf(garbage);
  ASSERT_THAT(v, SizeIs(1));
  EXPECT_EQ(v[0].path, "");
  EXPECT_THAT(v[0].message, HasSubstr("syntax error"));
  EXPECT_EQ(v[0].line, 1u);
  for (const char c : v[0].ToString()) {
    EXPECT_TRUE(c >= 0x20 && c < 0x7f) << "unescaped byte " << static_cast<int>(c);
  }
}

TEST(ParseConfig, TruncatedTomlIsASyntaxError) {
  for (std::string_view text : {"[venue", "[venue]\nrest_url = \"https://api", "mode =",
                                "mode = \"live", "log = { level = \"info\"", "[log]\nlevel"}) {
    auto v = ViolationsOf(text);
    ASSERT_THAT(v, SizeIs(1)) << text;
    EXPECT_THAT(v[0].message, HasSubstr("syntax error")) << text;
    EXPECT_GE(v[0].line, 1u);
  }
}

TEST(ParseConfig, DuplicateKeysAreASyntaxError) {
  auto v = ViolationsOf("mode = \"live\"\nmode = \"demo\"\n");
  ASSERT_THAT(v, SizeIs(1));
  EXPECT_EQ(v[0].line, 2u);
}

TEST(ParseConfig, DeepNestingIsRejectedNotACrash) {
  const std::string text = "a = " + std::string(5000, '[') + std::string(5000, ']');
  auto v = ViolationsOf(text);
  ASSERT_THAT(v, SizeIs(1));
  EXPECT_THAT(v[0].message, HasSubstr("syntax error"));
}

TEST(ParseConfig, NumbersTooLargeForTomlAreSyntaxErrors) {
  EXPECT_THAT(ViolationsOf("[venue]\nconnect_timeout_ms = 99999999999999999999\n"), SizeIs(1));
  EXPECT_THAT(ViolationsOf("[venue]\nconnect_timeout_ms = 1e400\n"), SizeIs(1));
}

// --- numbers ---

TEST(ParseConfig, OutOfRangeNumbersNameTheRange) {
  auto v = ViolationsOf(
      "[venue]\n"
      "connect_timeout_ms = -5\n"
      "request_timeout_ms = 0\n"
      "max_clock_skew_ms = 30001\n");
  ASSERT_THAT(v, SizeIs(3));
  EXPECT_EQ(v[0].ToString(),
            "venue.connect_timeout_ms: must be between 1 and 60000 (got -5) (line 2)");
  EXPECT_EQ(v[1].ToString(),
            "venue.request_timeout_ms: must be between 1 and 120000 (got 0) (line 3)");
  EXPECT_EQ(v[2].ToString(),
            "venue.max_clock_skew_ms: must be between 1 and 30000 (got 30001) (line 4)");
}

TEST(ParseConfig, Int64ExtremesAreOutOfRange) {
  auto v = ViolationsOf(
      "[venue]\n"
      "connect_timeout_ms = 9223372036854775807\n"
      "request_timeout_ms = -9223372036854775808\n");
  ASSERT_THAT(v, SizeIs(2));
  EXPECT_THAT(v[0].message, HasSubstr("got 9223372036854775807"));
  EXPECT_THAT(v[1].message, HasSubstr("got -9223372036854775808"));
}

TEST(ParseConfig, FloatsWhereIntegersAreExpectedAreTypeErrors) {
  auto v = ViolationsOf(
      "[venue]\n"
      "connect_timeout_ms = nan\n"
      "request_timeout_ms = inf\n"
      "max_clock_skew_ms = 2000.0\n");
  ASSERT_THAT(v, SizeIs(3));
  EXPECT_EQ(v[0].message, "expected an integer, got a floating-point number (nan)");
  EXPECT_EQ(v[1].message, "expected an integer, got a floating-point number (inf)");
  EXPECT_EQ(v[2].message, "expected an integer, got a floating-point number");
  EXPECT_THAT(ViolationsOf("[venue]\nconnect_timeout_ms = -inf\n"), SizeIs(1));
  EXPECT_THAT(ViolationsOf("[venue]\nconnect_timeout_ms = -nan\n"), SizeIs(1));
}

// --- types and enums ---

TEST(ParseConfig, WrongTypesNameTheKeyAndTheExpectedType) {
  auto v = ViolationsOf(
      "mode = 1\n"
      "log = \"loud\"\n"
      "[venue]\n"
      "demo_trading = \"true\"\n"
      "connect_timeout_ms = \"5000\"\n"
      "rest_url = [\"https://api.bitget.com\"]\n"
      "locale = 1979-05-27\n");
  ASSERT_THAT(v, SizeIs(6));
  EXPECT_EQ(v[0].ToString(), "mode: expected a string, got an integer (line 1)");
  EXPECT_EQ(v[1].ToString(), "log: expected a table, got a string (line 2)");
  EXPECT_EQ(v[2].ToString(),
            "venue.demo_trading: expected a boolean (true or false), got a string (line 4)");
  EXPECT_EQ(v[3].ToString(),
            "venue.connect_timeout_ms: expected an integer, got a string (line 5)");
  EXPECT_EQ(v[4].ToString(), "venue.rest_url: expected a string, got an array (line 6)");
  EXPECT_EQ(v[5].ToString(), "venue.locale: expected a string, got a date (line 7)");
}

TEST(ParseConfig, ArrayOfTablesWhereATableIsExpectedIsATypeError) {
  auto v = ViolationsOf("[[venue]]\nlocale = \"en-US\"\n");
  ASSERT_THAT(v, SizeIs(1));
  EXPECT_EQ(v[0].path, "venue");
  EXPECT_EQ(v[0].message, "expected a table, got an array");
}

TEST(ParseConfig, UnknownEnumValuesListTheAcceptedOnes) {
  auto v = ViolationsOf(
      "mode = \"Live\"\n"
      "[log]\nlevel = \"warning\"\n"
      "[venue]\nproduct_type = \"COIN-FUTURES\"\nlocale = \"fr-FR\"\nmargin_coin = \"BTC\"\n");
  ASSERT_THAT(v, SizeIs(5));
  EXPECT_EQ(v[0].ToString(),
            "mode: unknown value \"Live\" (expected one of: emulator, live, demo, paper, "
            "backtest) (line 1)");
  EXPECT_THAT(v[1].message, HasSubstr("trace, debug, info, warn, error, critical, off"));
  EXPECT_THAT(v[2].message, HasSubstr("USDT-FUTURES, SUSDT-FUTURES"));
  EXPECT_THAT(v[3].message, HasSubstr("en-US, zh-CN"));
  EXPECT_THAT(v[4].message, HasSubstr("USDT, SUSDT"));
}

TEST(ParseConfig, EchoedValuesAreEscapedAndShortened) {
  auto v = ViolationsOf("mode = \"\\u001b[2Jx\\\"y\"\n");
  ASSERT_THAT(v, SizeIs(1));
  EXPECT_THAT(v[0].message, HasSubstr(R"("\x1b[2Jx\"y")"));
  auto long_value = ViolationsOf("mode = \"" + std::string(500, 'z') + "\"");
  ASSERT_THAT(long_value, SizeIs(1));
  EXPECT_LT(long_value[0].message.size(), 200u);
  EXPECT_THAT(long_value[0].message, HasSubstr("..."));
}

TEST(ParseConfig, LogFileMustBeAUsablePath) {
  EXPECT_THAT(Paths(ViolationsOf("[log]\nfile = \"\"\n")), ElementsAre("log.file"));
  EXPECT_THAT(Paths(ViolationsOf("[log]\nfile = \"a\\nb\"\n")), ElementsAre("log.file"));
}

// --- unknown keys ---

TEST(ParseConfig, UnknownKeysAnywhereAreErrorsWithTheirPath) {
  auto v = ViolationsOf(
      "modee = \"live\"\n"
      "[venue]\n"
      "rest_ulr = \"https://api.bitget.com\"\n"
      "[log]\n"
      "colour = true\n"
      "[foo]\n"
      "bar = 1\n"
      "[venue.nested]\n"
      "x = 1\n");
  EXPECT_THAT(Paths(v),
              ElementsAre("modee", "venue.rest_ulr", "log.colour", "foo", "venue.nested"));
  EXPECT_EQ(v[0].message, "unknown key (did you mean \"mode\"?)");
  EXPECT_EQ(v[1].ToString(), "venue.rest_ulr: unknown key (did you mean \"rest_url\"?) (line 3)");
  EXPECT_EQ(v[2].message, "unknown key (known keys: level, file)");
  EXPECT_THAT(v[3].message, HasSubstr("known keys: mode, log, venue"));
}

TEST(ParseConfig, KeysThatAreNotBareAreQuotedInPaths) {
  auto v = ViolationsOf("[venue]\n\"rest.url\" = \"x\"\n\"\" = 1\n");
  EXPECT_THAT(Paths(v), ElementsAre("venue.\"rest.url\"", "venue.\"\""));
}

// --- secrets ---

TEST(ParseConfig, SecretsInTheFileAreRejectedWithoutEchoingThem) {
  const std::string text =
      "api_key = \"AK-111-leak\"\n"
      "[venue]\n"
      "secret = \"SK-222-leak\"\n"
      "api-passphrase = \"PP-333-leak\"\n"
      "[bitget]\n"
      "apiKey = \"AK-444-leak\"\n"
      "[bitget.auth]\n"
      "password = \"PW-555-leak\"\n";
  std::vector<Violation> v;
  auto result = ParseConfig(text, &v);
  ASSERT_FALSE(result.has_value());
  EXPECT_THAT(Paths(v), ElementsAre("api_key", "venue.secret", "venue.api-passphrase", "bitget",
                                    "bitget.apiKey", "bitget.auth.password"));
  EXPECT_THAT(v[0].message, AllOf(HasSubstr("must not be written in the config file"),
                                  HasSubstr("BITGET_API_KEY"), HasSubstr("BITGET_API_SECRET"),
                                  HasSubstr("BITGET_API_PASSPHRASE")));
  EXPECT_THAT(result.error().message, Not(HasSubstr("leak")));
}

TEST(ParseConfig, SecretsInsideValuesOfTheWrongTypeAreStillFound) {
  auto v = ViolationsOf("mode = { api_key = \"AK-leak\" }\nlog = [{ secret = \"SK-leak\" }]\n");
  EXPECT_THAT(Paths(v), ElementsAre("mode", "mode.api_key", "log", "log[0].secret"));
  for (const Violation& x : v) EXPECT_THAT(x.ToString(), Not(HasSubstr("leak")));
}

// --- URLs ---

TEST(ParseConfig, PlainHttpToARemoteHostIsRejected) {
  auto v = ViolationsOf(
      "[venue]\n"
      "rest_url = \"http://api.bitget.com\"\n"
      "ws_public_url = \"ws://ws.bitget.com/v2/ws/public\"\n"
      "ws_private_url = \"ws://203.0.113.7/v2/ws/private\"\n");
  EXPECT_THAT(Paths(v),
              ElementsAre("venue.rest_url", "venue.ws_public_url", "venue.ws_private_url"));
  EXPECT_THAT(v[0].message, HasSubstr("loopback"));
}

TEST(ParseConfig, PlainHttpToLoopbackIsAccepted) {
  const Config c = ParseOk(
      "[venue]\n"
      "rest_url = \"http://127.0.0.1:18080\"\n"
      "ws_public_url = \"ws://127.0.0.1:18080/v2/ws/public\"\n"
      "ws_private_url = \"ws://[::1]:18080/v2/ws/private\"\n");
  EXPECT_EQ(c.venue.rest_url, "http://127.0.0.1:18080");
}

// --- rules across keys ---

TEST(ParseConfig, DemoTradingMustAgreeWithTheMode) {
  EXPECT_THAT(Paths(ViolationsOf("mode = \"demo\"\n[venue]\ndemo_trading = false\n")),
              ElementsAre("venue.demo_trading"));
  EXPECT_THAT(Paths(ViolationsOf("mode = \"live\"\n[venue]\ndemo_trading = true\n")),
              ElementsAre("venue.demo_trading"));
  EXPECT_THAT(ViolationsOf("mode = \"demo\"\n[venue]\ndemo_trading = true\n"), IsEmpty());
}

TEST(ParseConfig, DemoProductNeedsDemoTradingAndItsMarginCoin) {
  EXPECT_THAT(Paths(ViolationsOf("mode = \"live\"\n[venue]\nproduct_type = \"SUSDT-FUTURES\"\n"
                                 "margin_coin = \"SUSDT\"\n")),
              ElementsAre("venue.product_type"));
  EXPECT_THAT(Paths(ViolationsOf("mode = \"demo\"\n[venue]\nproduct_type = \"SUSDT-FUTURES\"\n")),
              ElementsAre("venue.margin_coin"));
  EXPECT_THAT(Paths(ViolationsOf("[venue]\nmargin_coin = \"SUSDT\"\n")),
              ElementsAre("venue.margin_coin"));
}

// --- all at once ---

TEST(ParseConfig, ReportsEveryViolationAtOnceInFileOrder) {
  const std::string text =
      "mode = \"moon\"\n"
      "[log]\n"
      "level = \"loud\"\n"
      "[venue]\n"
      "rest_url = \"http://api.bitget.com\"\n"
      "connect_timeout_ms = -1\n"
      "request_timeout_ms = 1.5\n"
      "rest_ulr = \"x\"\n"
      "secret = \"shh-value\"\n";
  std::vector<Violation> v;
  auto result = ParseConfig(text, &v, "bgt.toml");
  ASSERT_FALSE(result.has_value());
  EXPECT_THAT(Paths(v),
              ElementsAre("mode", "log.level", "venue.rest_url", "venue.connect_timeout_ms",
                          "venue.request_timeout_ms", "venue.rest_ulr", "venue.secret"));
  const std::string& message = result.error().message;
  EXPECT_THAT(message, HasSubstr("invalid configuration in bgt.toml: 7 violations\n"));
  for (const Violation& x : v) EXPECT_THAT(message, HasSubstr("\n  " + x.ToString()));
  EXPECT_THAT(message, Not(HasSubstr("shh-value")));
}

RC_GTEST_PROP(ParseConfig, NeverCrashesAndAlwaysExplainsAFailure, (const std::string& text)) {
  std::vector<Violation> v;
  auto result = ParseConfig(text, &v);
  RC_ASSERT(result.has_value() == v.empty());
  if (!result) RC_ASSERT(result.error().code == core::ErrorCode::kConfig);
}

RC_GTEST_PROP(ParseConfig, NeverCrashesOnTomlLikeNoise, ()) {
  // Characters and words that steer the parser into tables, arrays, strings, numbers and keys.
  const auto token = rc::gen::elementOf(std::vector<std::string>{"[",
                                                                 "]",
                                                                 "[[",
                                                                 "]]",
                                                                 "{",
                                                                 "}",
                                                                 "=",
                                                                 ".",
                                                                 ",",
                                                                 "\"",
                                                                 "'",
                                                                 "\n",
                                                                 " ",
                                                                 "#",
                                                                 "-",
                                                                 "+",
                                                                 "1",
                                                                 "0x",
                                                                 "e",
                                                                 "inf",
                                                                 "nan",
                                                                 "true",
                                                                 "mode",
                                                                 "log",
                                                                 "venue",
                                                                 "level",
                                                                 "rest_url",
                                                                 "api_key",
                                                                 "connect_timeout_ms",
                                                                 "\"live\"",
                                                                 "\"http://127.0.0.1\"",
                                                                 "\\u0000",
                                                                 "\xff"});
  const auto tokens = *rc::gen::container<std::vector<std::string>>(token);
  std::string text;
  for (const std::string& t : tokens) text += t;
  std::vector<Violation> v;
  auto result = ParseConfig(text, &v);
  RC_ASSERT(result.has_value() == v.empty());
  for (const Violation& x : v) RC_ASSERT(!x.message.empty());
}

RC_GTEST_PROP(ParseConfig, NeverCrashesOnMutatedValidConfigs, (std::size_t at, char byte)) {
  std::string text = ToToml(Config{});
  text[at % text.size()] = byte;
  std::vector<Violation> v;
  auto result = ParseConfig(text, &v);
  RC_ASSERT(result.has_value() == v.empty());
}

// --- the example file ---

TEST(ExampleConfig, IsValidAndHoldsExactlyTheDefaults) {
  auto config = LoadConfigFile(BGT_EXAMPLE_CONFIG);
  ASSERT_TRUE(config.has_value()) << config.error().ToString();
  EXPECT_EQ(*config, Config{});
}

TEST(ExampleConfig, MentionsEveryKey) {
  std::ifstream in(BGT_EXAMPLE_CONFIG);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string example = buffer.str();
  Config all_set;
  all_set.log.file = "x";
  std::istringstream dump(ToToml(all_set));
  int keys = 0;
  for (std::string line; std::getline(dump, line);) {
    const std::size_t eq = line.find(" = ");
    if (eq == std::string::npos) continue;
    ++keys;
    // Keys of nested tables ([emulator.faults]) are indented in the dump.
    const std::size_t start = line.find_first_not_of(' ');
    const std::string key = line.substr(start, eq - start);
    // log.file has no default, so the example shows it commented out.
    EXPECT_THAT(example, AnyOf(HasSubstr("\n" + key + " = "), HasSubstr("\n# " + key + " = ")))
        << key;
  }
  // mode, log, venue (13) + emulator and emulator.faults (16) + the other sections.
  EXPECT_GE(keys, 13 + 16);
}

// --- files ---

TEST(LoadConfigFile, MissingFileIsAClearConfigError) {
  std::vector<Violation> v;
  auto result = LoadConfigFile("/nonexistent/dir/bgt.toml", &v);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, core::ErrorCode::kConfig);
  EXPECT_THAT(result.error().message, HasSubstr("/nonexistent/dir/bgt.toml"));
  EXPECT_THAT(result.error().message, HasSubstr("does not exist"));
  EXPECT_THAT(v, SizeIs(1));
}

TEST(LoadConfigFile, DirectoryAndOversizedFilesAreRejected) {
  auto dir = LoadConfigFile(::testing::TempDir());
  ASSERT_FALSE(dir.has_value());
  EXPECT_THAT(dir.error().message, HasSubstr("is a directory"));

  const auto big = WriteFile("big.toml", std::string(kMaxConfigFileBytes + 1, '#'));
  auto too_big = LoadConfigFile(big);
  ASSERT_FALSE(too_big.has_value());
  EXPECT_THAT(too_big.error().message, HasSubstr("larger than"));
}

TEST(LoadConfigFile, ErrorsNameTheFile) {
  const auto path = WriteFile("bad.toml", "[venue]\nlocale = \"xx\"\n");
  auto result = LoadConfigFile(path);
  ASSERT_FALSE(result.has_value());
  EXPECT_THAT(result.error().message,
              HasSubstr("invalid configuration in " + path.string() + ": 1 violation\n"));
}

// --- settings ---

TEST(LoadSettings, NoFileMeansDefaultsAndNoCredentials) {
  auto settings = LoadSettings(std::nullopt, NoEnv());
  ASSERT_TRUE(settings.has_value());
  EXPECT_EQ(settings->config, Config{});
  EXPECT_FALSE(settings->credentials.complete());
}

TEST(LoadSettings, ReportsConfigAndEnvironmentViolationsTogether) {
  const auto path = WriteFile("live.toml", "mode = \"live\"\n[venue]\nlocale = \"xx\"\n");
  std::vector<Violation> v;
  auto settings = LoadSettings(path, NoEnv(), &v);
  ASSERT_FALSE(settings.has_value());
  EXPECT_THAT(Paths(v), ElementsAre("venue.locale", "env BITGET_API_KEY", "env BITGET_API_SECRET",
                                    "env BITGET_API_PASSPHRASE"));
  EXPECT_THAT(settings.error().message, HasSubstr("4 violations"));
}

TEST(LoadSettings, AnInvalidModeSkipsTheCredentialCheck) {
  const auto path = WriteFile("moon.toml", "mode = \"moon\"\n");
  std::vector<Violation> v;
  EXPECT_FALSE(LoadSettings(path, NoEnv(), &v).has_value());
  EXPECT_THAT(Paths(v), ElementsAre("mode"));
}

TEST(LoadSettings, LiveModeWithTheEnvironmentSet) {
  const auto path = WriteFile("live-ok.toml", "mode = \"live\"\n");
  const std::map<std::string, std::string, std::less<>> env = {
      {"BITGET_API_KEY", "k"}, {"BITGET_API_SECRET", "s"}, {"BITGET_API_PASSPHRASE", "p"}};
  auto settings = LoadSettings(path, [&](std::string_view name) -> std::optional<std::string> {
    auto it = env.find(name);
    return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
  });
  ASSERT_TRUE(settings.has_value()) << settings.error().ToString();
  EXPECT_EQ(settings->config.mode, Mode::kLive);
  EXPECT_TRUE(settings->credentials.complete());
}

}  // namespace
}  // namespace bgt::config
