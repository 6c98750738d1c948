// `bgt run` in-process, driven by config files: emulator mode with [run] and [strategy] from the
// file, paper mode against an emulator standing in for Bitget's market data (no keys; no order
// reaches that venue), run.on_stop = "leave", and the refused backtest mode.
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli.h"
#include "app/exit_codes.h"
#include "app/options.h"
#include "bitget/api.h"
#include "emulator/emulator.h"
#include "emulator/test_client.h"
#include "store/journal.h"

namespace bgt::app {
namespace {

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

class RunCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bgt_run_command_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  std::string WriteConfig(const std::string& text) {
    const std::string path = Path("bgt.toml");
    std::ofstream(path) << text;
    return path;
  }

  // Runs `bgt --config <file> run <args>` with an empty environment (no keys).
  static Outcome Bgt(const std::string& config, std::vector<std::string> args) {
    args.insert(args.begin(), {"bgt", "--config", config, "run"});
    std::vector<const char*> argv;
    for (const std::string& a : args) argv.push_back(a.c_str());
    std::ostringstream out;
    std::ostringstream err;
    const Io io{out, err,
                [](std::string_view) -> std::optional<std::string> { return std::nullopt; }};
    Outcome o;
    o.code = app::Run(static_cast<int>(argv.size()), argv.data(), io);
    o.out = out.str();
    o.err = err.str();
    return o;
  }

  static std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

  std::filesystem::path dir_;
};

TEST_F(RunCommandTest, EmulatorModeTakesRunAndStrategyFromTheConfig) {
  const std::string config = WriteConfig(R"(mode = "emulator"
[run]
symbols = ["BTCUSDT", "ETHUSDT"]
duration_s = 3
status_interval_s = 1
journal = ")" + Path("journal.db") + R"("
summary = ")" + Path("summary.txt") + R"("
leverage = 3
[strategy.trend]
enabled = false
[risk]
max_leverage = 4
)");
  const Outcome o = Bgt(config, {});
  ASSERT_EQ(o.code, kExitOk) << o.out << o.err;
  EXPECT_NE(o.out.find("emulator mode"), std::string::npos) << o.out;
  EXPECT_EQ(o.out.find("pair selection"), std::string::npos) << o.out;  // run.symbols given
  EXPECT_NE(o.out.find("flattened:         yes, verified flat"), std::string::npos) << o.out;
  const std::string summary = ReadFile(Path("summary.txt"));
  EXPECT_NE(summary.find("json: {"), std::string::npos) << summary;
  // The config in force is journaled, with the file's settings.
  auto journal = store::Journal::Open(Path("journal.db"));
  ASSERT_TRUE(journal.has_value()) << journal.error().ToString();
  auto last = (*journal)->LastConfig();
  ASSERT_TRUE(last.has_value());
  ASSERT_TRUE(last->has_value());
  EXPECT_NE((*last)->text.find("leverage = 3"), std::string::npos) << (*last)->text;
  EXPECT_NE((*last)->text.find("max_leverage = 4"), std::string::npos) << (*last)->text;
}

// The node trades the first configured emulator account, not always the documented one.
TEST_F(RunCommandTest, EmulatorModeTradesTheFirstConfiguredAccount) {
  const std::string config = WriteConfig(R"([[emulator.accounts]]
name = "alice"
api_key = "alice-key"
secret = "alice-secret"
passphrase = "alice-passphrase"
usdt_deposit = "2500"
[run]
symbols = ["BTCUSDT"]
duration_s = 1
journal = ""
summary = ""
)");
  const Outcome o = Bgt(config, {});
  ASSERT_EQ(o.code, kExitOk) << o.out << o.err;
  EXPECT_NE(o.out.find("account \"alice\""), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("starting equity:   2500 USDT"), std::string::npos) << o.out;
  EXPECT_EQ(o.out.find("alice-secret"), std::string::npos);
  EXPECT_EQ(o.err.find("alice-secret"), std::string::npos);
}

TEST_F(RunCommandTest, LeaveOnStopKeepsPositionsAndSaysSo) {
  const std::string config = WriteConfig(R"([run]
symbols = ["BTCUSDT"]
duration_s = 1
on_stop = "leave"
journal = ""
summary = ""
)");
  const Outcome o = Bgt(config, {});
  ASSERT_EQ(o.code, kExitOk) << o.out << o.err;
  EXPECT_NE(o.out.find("flattened:         no (positions left open)"), std::string::npos) << o.out;
}

TEST_F(RunCommandTest, BacktestModeIsRefused) {
  const std::string config = WriteConfig("mode = \"backtest\"\n");
  const Outcome o = Bgt(config, {});
  EXPECT_EQ(o.code, kExitInvalidConfig) << o.out << o.err;
  EXPECT_NE(o.err.find("backtest"), std::string::npos) << o.err;
}

TEST_F(RunCommandTest, InvalidRunSectionIsReportedNotRun) {
  const std::string config = WriteConfig("[run]\nduration_s = -1\non_stop = \"maybe\"\n");
  const Outcome o = Bgt(config, {});
  EXPECT_EQ(o.code, kExitInvalidConfig) << o.out << o.err;
  EXPECT_NE(o.err.find("run.duration_s"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("run.on_stop"), std::string::npos) << o.err;
}

// Paper mode: an emulator plays Bitget's public side. bgt reads its market data without keys
// and trades on its own simulated exchange; the market venue never sees an order.
TEST_F(RunCommandTest, PaperModeReadsTheMarketAndTradesOnTheSimulatedExchange) {
  emulator::EmulatorConfig market_config;
  market_config.speed = 60;
  market_config.history_days = 2;
  auto market = emulator::Emulator::Start(market_config);
  ASSERT_TRUE(market.has_value()) << market.error().ToString();
  const std::string config = WriteConfig(R"(mode = "paper"
[venue]
rest_url = ")" + (*market)->RestUrl() + R"("
ws_public_url = ")" + (*market)->WsUrl() +
                                         R"(/v2/ws/public"
[run]
symbols = ["BTCUSDT", "ETHUSDT"]
duration_s = 3
paper_balance = "2500"
journal = ""
summary = ")" + Path("summary.txt") + R"("
)");
  const Outcome o = Bgt(config, {});
  ASSERT_EQ(o.code, kExitOk) << o.out << o.err;
  EXPECT_NE(o.out.find("paper mode"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("market updates taken, 0 refused"), std::string::npos) << o.out;
  EXPECT_EQ(o.out.find("paper exchange:    0 market updates"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("starting equity:   2500 USDT"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("flattened:         yes, verified flat"), std::string::npos) << o.out;
  const std::string summary = ReadFile(Path("summary.txt"));
  EXPECT_NE(summary.find("market events"), std::string::npos);
  EXPECT_EQ(summary.find("market events:     0 "), std::string::npos) << summary;

  // The market venue's own account: untouched (no order ever reached it).
  emulator::EmulatorClient client((*market)->RestUrl());
  bitget::OrdersHistoryQuery query;
  query.symbol = "BTCUSDT";
  auto orders = client.api->GetOrderHistory(query);
  ASSERT_TRUE(orders.has_value()) << orders.error().ToString();
  EXPECT_TRUE(orders->entrusted_list.empty());
}

}  // namespace
}  // namespace bgt::app
