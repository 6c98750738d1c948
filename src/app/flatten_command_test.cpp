// `bgt flatten` against the emulator in-process: the dry run lists what is open and sends
// nothing; --yes leaves the account flat, as an independent `bgt position list` confirms.
#include "app/flatten_command.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli.h"
#include "app/exit_codes.h"
#include "emulator/emulator.h"

namespace bgt::app {
namespace {

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

class FlattenCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto emulator = emulator::Emulator::Start(emulator::EmulatorConfig{});
    ASSERT_TRUE(emulator.has_value()) << emulator.error().ToString();
    emulator_ = std::move(*emulator);
  }

  Outcome Bgt(std::vector<std::string> args) {
    args.insert(args.begin(), {"bgt", "--base-url", emulator_->RestUrl(), "--json"});
    std::vector<const char*> argv;
    for (const std::string& a : args) argv.push_back(a.c_str());
    std::ostringstream out;
    std::ostringstream err;
    const emulator::EmulatorAccount account;
    const Io io{out, err, [&](std::string_view name) -> std::optional<std::string> {
                  if (name == "BITGET_API_KEY") return account.api_key;
                  if (name == "BITGET_API_SECRET") return account.secret;
                  if (name == "BITGET_API_PASSPHRASE") return account.passphrase;
                  return std::nullopt;
                }};
    Outcome o;
    o.code = app::Run(static_cast<int>(argv.size()), argv.data(), io);
    o.out = out.str();
    o.err = err.str();
    EXPECT_EQ(o.out.find(account.secret), std::string::npos);
    EXPECT_EQ(o.err.find(account.passphrase), std::string::npos);
    return o;
  }

  static boost::json::object Json(const Outcome& o) {
    boost::json::error_code ec;
    boost::json::value v = boost::json::parse(o.out, ec);
    EXPECT_FALSE(ec) << o.out << o.err;
    return v.is_object() ? v.as_object() : boost::json::object{};
  }

  std::unique_ptr<emulator::Emulator> emulator_;
};

TEST_F(FlattenCommandTest, DryRunListsAndYesFlattens) {
  ASSERT_EQ(Bgt({"order", "place", "--symbol", "BTCUSDT", "--side", "buy", "--type", "market",
                 "--size", "0.02"})
                .code,
            kExitOk);
  ASSERT_EQ(Bgt({"order", "place", "--symbol", "ETHUSDT", "--side", "sell", "--type", "market",
                 "--size", "0.3"})
                .code,
            kExitOk);

  const Outcome dry = Bgt({"flatten"});
  EXPECT_EQ(dry.code, kExitUsage) << dry.out << dry.err;
  const boost::json::object listed = Json(dry);
  ASSERT_TRUE(listed.contains("open")) << dry.out;
  EXPECT_EQ(listed.at("open").as_array().size(), 2u) << dry.out;

  const Outcome flat = Bgt({"flatten", "--yes"});
  EXPECT_EQ(flat.code, kExitOk) << flat.out << flat.err;
  const boost::json::object report = Json(flat);
  EXPECT_EQ(report.at("flat").as_bool(), true) << flat.out;
  EXPECT_EQ(report.at("closed").as_array().size(), 2u) << flat.out;
  EXPECT_TRUE(report.at("leftovers").as_array().empty()) << flat.out;

  const Outcome positions = Bgt({"position", "list"});
  EXPECT_EQ(positions.code, kExitOk) << positions.err;
  const boost::json::object after = Json(positions);
  ASSERT_TRUE(after.contains("positions")) << positions.out;
  EXPECT_TRUE(after.at("positions").as_array().empty()) << positions.out;
}

}  // namespace
}  // namespace bgt::app
