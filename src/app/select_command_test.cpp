// `bgt select` against the emulator in-process: every contract gets a verdict, the set has the
// asked size, [universe] settings from the config file apply, and bad settings are refused.
#include "app/select_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli.h"
#include "app/exit_codes.h"
#include "emulator/emulator.h"

namespace bgt::app {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

class SelectCommandTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    emulator::EmulatorConfig config;
    config.history_days = 30;
    auto started = emulator::Emulator::Start(config);
    ASSERT_TRUE(started.has_value()) << started.error().ToString();
    emulator_ = std::move(*started).release();
  }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }

  static Outcome Bgt(std::vector<std::string> args, const std::string& config_toml = "") {
    std::vector<std::string> full = {"bgt", "--base-url", emulator_->RestUrl()};
    if (!config_toml.empty()) {
      const std::filesystem::path path =
          std::filesystem::path(::testing::TempDir()) /
          ("bgt-select-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++) + ".toml");
      std::ofstream(path) << config_toml;
      full.insert(full.end(), {"--config", path.string()});
    }
    full.insert(full.end(), args.begin(), args.end());
    std::vector<const char*> argv;
    for (const std::string& a : full) argv.push_back(a.c_str());
    std::ostringstream out;
    std::ostringstream err;
    const Io io{out, err, [](std::string_view) -> std::optional<std::string> {
                  return std::nullopt;  // public data: no credentials
                }};
    Outcome o;
    o.code = app::Run(static_cast<int>(argv.size()), argv.data(), io);
    o.out = out.str();
    o.err = err.str();
    return o;
  }

  static boost::json::object Json(const Outcome& o) {
    boost::json::error_code ec;
    boost::json::value v = boost::json::parse(o.out, ec);
    EXPECT_FALSE(ec) << o.out << o.err;
    return ec ? boost::json::object{} : v.as_object();
  }

  static emulator::Emulator* emulator_;
  static int counter_;
};

emulator::Emulator* SelectCommandTest::emulator_ = nullptr;
int SelectCommandTest::counter_ = 0;

TEST_F(SelectCommandTest, JsonGivesEveryContractAVerdictAndTheSet) {
  const Outcome o = Bgt({"--json", "select", "--top-n", "3"});
  ASSERT_EQ(o.code, kExitOk) << o.err << o.out;
  const boost::json::object doc = Json(o);
  EXPECT_EQ(doc.at("ok"), true);
  EXPECT_EQ(doc.at("top_n"), 3);
  const boost::json::array& members = doc.at("members").as_array();
  const boost::json::array& symbols = doc.at("symbols").as_array();
  EXPECT_EQ(members.size(), 3u) << o.out;
  EXPECT_GE(symbols.size(), 20u);  // the emulator lists every preset contract
  int selected = 0;
  for (const boost::json::value& v : symbols) {
    const boost::json::object& s = v.as_object();
    EXPECT_FALSE(s.at("reason").as_string().empty()) << s;
    if (s.at("decision") == "selected") {
      ++selected;
      EXPECT_TRUE(s.at("filter").is_null());
      EXPECT_GT(s.at("score").as_double(), 0.0);
      EXPECT_TRUE(s.at("atr_pct").is_double()) << s;
    } else if (s.at("decision") == "dropped") {
      EXPECT_TRUE(s.at("filter").is_string()) << s;
      EXPECT_TRUE(s.at("rank").is_null());
    }
  }
  EXPECT_EQ(selected, 3);
  // The set is the first three symbols of the ranking.
  EXPECT_EQ(symbols[0].at("symbol"), members[0]);
}

TEST_F(SelectCommandTest, TextTableAndConfigSettingsApply) {
  const std::string config =
      "[universe]\ntop_n = 2\nblacklist = [\"BTCUSDT\"]\nmin_volume_usdt_24h = \"60000000\"\n";
  const Outcome o = Bgt({"select"}, config);
  ASSERT_EQ(o.code, kExitOk) << o.err << o.out;
  EXPECT_THAT(o.out, AllOf(HasSubstr("rank"), HasSubstr("reason"), HasSubstr("selected"),
                           HasSubstr("dropped:blacklist"), HasSubstr("dropped:volume"),
                           HasSubstr("< 60000000"), HasSubstr("(top 2)")));
  const Outcome j = Bgt({"--json", "select"}, config);
  const boost::json::object doc = Json(j);
  EXPECT_EQ(doc.at("members").as_array().size(), 2u);
  for (const boost::json::value& v : doc.at("symbols").as_array()) {
    if (v.at("symbol") == "BTCUSDT") {
      EXPECT_EQ(v.at("filter"), "blacklist");
    }
  }
}

TEST_F(SelectCommandTest, NothingPassingIsAnEmptySetNotAnError) {
  const Outcome o =
      Bgt({"--json", "select"}, "[universe]\nmin_volume_usdt_24h = \"1000000000000000\"\n");
  ASSERT_EQ(o.code, kExitOk) << o.err;
  const boost::json::object doc = Json(o);
  EXPECT_TRUE(doc.at("members").as_array().empty());
  for (const boost::json::value& v : doc.at("symbols").as_array()) {
    EXPECT_EQ(v.at("filter"), "volume") << v;
  }
}

TEST_F(SelectCommandTest, BadSettingsAreConfigOrUsageErrors) {
  const Outcome bad_config = Bgt({"select"}, "[universe]\ntop_n = 0\n");
  EXPECT_EQ(bad_config.code, kExitInvalidConfig);
  EXPECT_THAT(bad_config.err, HasSubstr("universe.top_n"));
  EXPECT_EQ(Bgt({"select", "--top-n", "0"}).code, kExitUsage);
  EXPECT_EQ(Bgt({"select", "--top-n", "x"}).code, kExitUsage);
}

}  // namespace
}  // namespace bgt::app
