#include "app/cli.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "app/exit_codes.h"

namespace bgt::app {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

constexpr std::string_view kKey = "AKEY-7c1f-do-not-print";
constexpr std::string_view kSecret = "SECRET-99aa-do-not-print";
constexpr std::string_view kPassphrase = "PASS-0b0b-do-not-print";

using Env = std::map<std::string, std::string, std::less<>>;

Env FullEnv() {
  return {{"BITGET_API_KEY", std::string(kKey)},
          {"BITGET_API_SECRET", std::string(kSecret)},
          {"BITGET_API_PASSPHRASE", std::string(kPassphrase)}};
}

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

// Runs the CLI in-process: `bgt args...` with `env` as the whole environment.
Outcome RunBgt(std::vector<std::string> args, const Env& env = {}) {
  args.insert(args.begin(), "bgt");
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out;
  std::ostringstream err;
  const Io io{out, err, [&env](std::string_view name) -> std::optional<std::string> {
                auto it = env.find(name);
                if (it == env.end()) return std::nullopt;
                return it->second;
              }};
  Outcome o;
  o.code = Run(static_cast<int>(argv.size()), argv.data(), io);
  o.out = out.str();
  o.err = err.str();
  return o;
}

std::string WriteConfig(const std::string& name, std::string_view text) {
  // The process id keeps parallel runs (ctest -j, several build trees) apart.
  const std::filesystem::path path = std::filesystem::path(::testing::TempDir()) /
                                     ("bgt-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

boost::json::value ParseJson(const std::string& text) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  EXPECT_FALSE(ec) << "not JSON: " << text;
  return v;
}

// --- help, version, usage ---

TEST(Cli, HelpListsTheOptionsCommandsAndExitCodes) {
  const Outcome o = RunBgt({"--help"});
  EXPECT_EQ(o.code, kExitOk);
  EXPECT_THAT(o.out, AllOf(HasSubstr("--config"), HasSubstr("--json"), HasSubstr("--log-level"),
                           HasSubstr("--version"), HasSubstr("--help"), HasSubstr("config")));
  EXPECT_THAT(o.out, HasSubstr(kExitCodesHelp));
  EXPECT_THAT(o.err, IsEmpty());
}

TEST(Cli, NoCommandPrintsHelpAndSucceeds) {
  const Outcome o = RunBgt({});
  EXPECT_EQ(o.code, kExitOk);
  EXPECT_THAT(o.out, AllOf(HasSubstr("--config"), HasSubstr("Exit codes:")));
}

TEST(Cli, ConfigWithoutASubcommandPrintsItsHelp) {
  for (const auto& args : {std::vector<std::string>{"config"}, {"config", "--help"}}) {
    const Outcome o = RunBgt(args);
    EXPECT_EQ(o.code, kExitOk);
    EXPECT_THAT(o.out, AllOf(HasSubstr("show"), HasSubstr("check")));
  }
}

TEST(Cli, VersionPrintsTheProjectVersion) {
  const Outcome o = RunBgt({"--version"});
  EXPECT_EQ(o.code, kExitOk);
  EXPECT_EQ(o.out, std::string("bgt ") + BGT_VERSION + "\n");
  EXPECT_STREQ(VersionString(), "bgt " BGT_VERSION);
}

TEST(Cli, UsageErrorsExitWithTwo) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--frobnicate"},
           {"--log-level", "loud", "config", "check"},
           {"--log-level"},
           {"--config"},
           {"nonsense"},
           {"config", "frob"},
           {"config", "show", "extra-argument"},
           {"config", "show", "check"},
       }) {
    const Outcome o = RunBgt(args);
    EXPECT_EQ(o.code, kExitUsage) << ::testing::PrintToString(args);
    EXPECT_THAT(o.err, Not(IsEmpty())) << ::testing::PrintToString(args);
  }
}

// --- config check ---

TEST(ConfigCheck, DefaultsAreValid) {
  const Outcome o = RunBgt({"config", "check"});
  EXPECT_EQ(o.code, kExitOk);
  EXPECT_EQ(o.out, "config OK\n");
}

TEST(ConfigCheck, TheExampleFileIsValid) {
  const Outcome o = RunBgt({"--config", BGT_EXAMPLE_CONFIG, "config", "check"});
  EXPECT_EQ(o.code, kExitOk) << o.out << o.err;
}

TEST(ConfigCheck, InvalidConfigExitsWithThreeAndListsEveryViolation) {
  const std::string path = WriteConfig("invalid.toml",
                                       "mode = \"moon\"\n"
                                       "[venue]\n"
                                       "rest_url = \"http://api.bitget.com\"\n"
                                       "connect_timeout_ms = -1\n"
                                       "rest_ulr = \"x\"\n");
  const Outcome o = RunBgt({"--config", path, "config", "check"});
  EXPECT_EQ(o.code, kExitInvalidConfig);
  EXPECT_THAT(o.out, HasSubstr("4 violations"));
  EXPECT_THAT(o.out, AllOf(HasSubstr("mode: unknown value \"moon\""),
                           HasSubstr("venue.rest_url: http:// (no TLS)"),
                           HasSubstr("venue.connect_timeout_ms: must be between 1 and 60000"),
                           HasSubstr("venue.rest_ulr: unknown key")));
}

TEST(ConfigCheck, MissingCredentialsAreAnInvalidConfiguration) {
  const std::string path = WriteConfig("live.toml", "mode = \"live\"\n");
  const Outcome o = RunBgt({"--config", path, "config", "check"});
  EXPECT_EQ(o.code, kExitInvalidConfig);
  EXPECT_THAT(o.out, AllOf(HasSubstr("env BITGET_API_KEY: not set"),
                           HasSubstr("env BITGET_API_SECRET: not set"),
                           HasSubstr("env BITGET_API_PASSPHRASE: not set")));
}

TEST(ConfigCheck, MissingConfigFileExitsWithThree) {
  const Outcome o = RunBgt({"--config", "/nonexistent/bgt.toml", "config", "check"});
  EXPECT_EQ(o.code, kExitInvalidConfig);
  EXPECT_THAT(o.out, HasSubstr("does not exist"));
}

TEST(ConfigCheck, JsonReportsOkOrTheViolations) {
  const Outcome ok = RunBgt({"--json", "config", "check"});
  EXPECT_EQ(ok.code, kExitOk);
  EXPECT_EQ(ParseJson(ok.out), boost::json::value({{"ok", true}}));

  const std::string path =
      WriteConfig("invalid-json.toml", "mode = \"moon\"\n[log]\nlevel = \"loud\"\n");
  const Outcome bad = RunBgt({"config", "check", "--json", "--config", path});
  EXPECT_EQ(bad.code, kExitInvalidConfig);
  const boost::json::value v = ParseJson(bad.out);
  ASSERT_TRUE(v.is_object());
  EXPECT_EQ(v.at("ok"), false);
  const boost::json::array& violations = v.at("violations").as_array();
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].at("path"), "mode");
  EXPECT_EQ(violations[0].at("line"), 1);
  EXPECT_EQ(violations[1].at("path"), "log.level");
}

// --- config show ---

TEST(ConfigShow, PrintsTheEffectiveConfigAsToml) {
  const Outcome o = RunBgt({"config", "show"});
  EXPECT_EQ(o.code, kExitOk);
  EXPECT_THAT(o.out, AllOf(HasSubstr("mode = 'emulator'"), HasSubstr("[venue]"),
                           HasSubstr("rest_url = 'https://api.bitget.com'"),
                           HasSubstr("credentials: not used in mode \"emulator\"")));
}

TEST(ConfigShow, NeverPrintsASecretFromTheEnvironment) {
  const std::string path = WriteConfig("live-show.toml", "mode = \"live\"\n");
  for (const auto& extra : {std::vector<std::string>{}, {"--json"}}) {
    std::vector<std::string> args = {"--log-level", "trace", "--config", path, "config", "show"};
    args.insert(args.end(), extra.begin(), extra.end());
    const Outcome o = RunBgt(args, FullEnv());
    EXPECT_EQ(o.code, kExitOk) << o.err;
    EXPECT_THAT(o.out, HasSubstr("***"));
    for (std::string_view secret : {kKey, kSecret, kPassphrase}) {
      EXPECT_THAT(o.out, Not(HasSubstr(secret)));
      EXPECT_THAT(o.err, Not(HasSubstr(secret)));
    }
  }
}

TEST(ConfigShow, TomlOutputShowsMaskedCredentials) {
  const std::string path = WriteConfig("live-show-toml.toml", "mode = \"live\"\n");
  const Outcome o = RunBgt({"--config", path, "config", "show"}, FullEnv());
  EXPECT_EQ(o.code, kExitOk);
  EXPECT_THAT(o.out, AllOf(HasSubstr("#   BITGET_API_KEY = ***\n"),
                           HasSubstr("#   BITGET_API_SECRET = ***\n"),
                           HasSubstr("#   BITGET_API_PASSPHRASE = ***\n")));
}

TEST(ConfigShow, JsonOutputParses) {
  const std::string path = WriteConfig("live-json.toml", "mode = \"live\"\n");
  const Outcome o = RunBgt({"--config", path, "config", "show", "--json"}, FullEnv());
  EXPECT_EQ(o.code, kExitOk) << o.err;
  const boost::json::value v = ParseJson(o.out);
  ASSERT_TRUE(v.is_object());
  EXPECT_EQ(v.at("config").at("mode"), "live");
  EXPECT_EQ(v.at("config").at("venue").at("connect_timeout_ms"), 5000);
  EXPECT_EQ(v.at("config").at("log").at("level"), "info");
  EXPECT_EQ(v.at("credentials").at("required"), true);
  EXPECT_EQ(v.at("credentials").at("BITGET_API_SECRET"), "***");
}

TEST(ConfigShow, JsonWithoutCredentialsShowsNull) {
  const Outcome o = RunBgt({"--json", "config", "show"}, FullEnv());
  EXPECT_EQ(o.code, kExitOk);
  const boost::json::value v = ParseJson(o.out);
  EXPECT_EQ(v.at("credentials").at("required"), false);
  EXPECT_TRUE(v.at("credentials").at("BITGET_API_KEY").is_null());
}

TEST(ConfigShow, InvalidConfigGoesToStderrWithExitThree) {
  const std::string path = WriteConfig("live-noenv.toml", "mode = \"live\"\n");
  const Outcome o = RunBgt({"--config", path, "config", "show"});
  EXPECT_EQ(o.code, kExitInvalidConfig);
  EXPECT_THAT(o.out, IsEmpty());
  EXPECT_THAT(o.err, HasSubstr("3 violations"));
}

TEST(ConfigShow, InvalidConfigWithJsonIsJsonOnStdout) {
  const std::string path = WriteConfig("bad-json.toml", "[venue\n");
  const Outcome o = RunBgt({"--json", "--config", path, "config", "show"});
  EXPECT_EQ(o.code, kExitInvalidConfig);
  const boost::json::value v = ParseJson(o.out);
  EXPECT_EQ(v.at("ok"), false);
  EXPECT_EQ(v.at("violations").as_array().size(), 1u);
  EXPECT_EQ(v.at("violations").as_array()[0].at("column"), 7);
}

// --- logging ---

TEST(Logging, LogLevelFlagOverridesTheConfigFile) {
  const std::string path = WriteConfig("quiet.toml", "[log]\nlevel = \"error\"\n");
  const Outcome quiet = RunBgt({"--config", path, "config", "show"});
  EXPECT_THAT(quiet.out, HasSubstr("level = 'error'"));
  EXPECT_THAT(quiet.err, IsEmpty());

  const Outcome loud = RunBgt({"--config", path, "--log-level", "debug", "config", "show"});
  EXPECT_EQ(loud.code, kExitOk);
  EXPECT_THAT(loud.out, HasSubstr("level = 'debug'"));
  EXPECT_THAT(loud.err, HasSubstr("debug configuration loaded from"));
}

TEST(Logging, LogFileReceivesTheLog) {
  const std::filesystem::path log = std::filesystem::path(::testing::TempDir()) /
                                    ("bgt-" + std::to_string(::getpid()) + "-cli-test.log");
  std::filesystem::remove(log);
  const std::string path =
      WriteConfig("logfile.toml", "[log]\nlevel = \"debug\"\nfile = \"" + log.string() + "\"\n");
  const Outcome o = RunBgt({"--config", path, "config", "check"});
  EXPECT_EQ(o.code, kExitOk) << o.err;
  std::ifstream in(log);
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_THAT(content.str(), HasSubstr("configuration loaded from"));
}

TEST(Logging, UnopenableLogFileIsARuntimeFailure) {
  // A path below a regular file: neither the file nor its directory can be created (spdlog
  // creates missing directories, and the tests may run as root).
  const std::string not_a_dir = WriteConfig("not-a-directory", "");
  const std::string path =
      WriteConfig("badlog.toml", "[log]\nfile = \"" + not_a_dir + "/bgt.log\"\n");
  const Outcome o = RunBgt({"--config", path, "config", "check"});
  EXPECT_EQ(o.code, kExitRuntimeFailure);
  EXPECT_THAT(o.err, StartsWith("bgt: cannot open log file"));
}

}  // namespace
}  // namespace bgt::app
