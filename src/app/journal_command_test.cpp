// `bgt journal ...` on a journal written through store::Journal: rows, filters, JSON and the
// error for a missing file.
#include "app/journal_command.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli.h"
#include "app/exit_codes.h"
#include "store/journal.h"

namespace bgt::app {
namespace {

using core::Decimal;
using core::Timestamp;

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

Outcome Bgt(std::vector<std::string> args) {
  args.insert(args.begin(), "bgt");
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out;
  std::ostringstream err;
  const Io io{out, err, [](std::string_view) { return std::optional<std::string>(); }};
  Outcome o;
  o.code = app::Run(static_cast<int>(argv.size()), argv.data(), io);
  o.out = out.str();
  o.err = err.str();
  return o;
}

class JournalCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("bgt_journal_cmd_" +
              std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + ".db"))
                .string();
    std::filesystem::remove(path_);
    auto journal = store::Journal::Open(path_);
    ASSERT_TRUE(journal.has_value()) << journal.error().ToString();
    store::OrderRecord open;
    open.client_oid = "bgt-open";
    open.order_id = "11";
    open.symbol = "BTCUSDT";
    open.side = "buy";
    open.leg = "net";
    open.order_type = "limit";
    open.time_in_force = "gtc";
    open.price = *Decimal::Parse("27000.50");
    open.size = *Decimal::Parse("0.010");
    open.status = "Accepted";
    open.updated = Timestamp::FromMillis(1'700'000'000'000);
    store::OrderRecord done = open;
    done.client_oid = "bgt-done";
    done.status = "Filled";
    done.filled = done.size;
    store::FillRecord fill;
    fill.trade_id = "t-77";
    fill.symbol = "ETHUSDT";
    fill.side = "sell";
    fill.leg = "net";
    fill.price = *Decimal::Parse("1850.25");
    fill.size = *Decimal::Parse("0.30");
    fill.fee = *Decimal::Parse("-0.3330450");
    fill.fee_coin = "USDT";
    fill.ts = Timestamp::FromMillis(1'700'000'100'000);
    store::EventRecord event{Timestamp::FromMillis(1'700'000'200'000), "risk", "BTCUSDT",
                             "order denied: per-symbol notional cap", ""};
    ASSERT_TRUE((*journal)->WriteBatch({open, done, fill, event}).ok());
  }
  void TearDown() override {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }

  std::string path_;
};

TEST_F(JournalCommandTest, PrintsFillsExactlyAsJson) {
  const Outcome o = Bgt({"--json", "journal", "fills", "--file", path_});
  ASSERT_EQ(o.code, kExitOk) << o.err;
  const boost::json::value v = boost::json::parse(o.out);
  const auto& rows = v.at("rows").as_array();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("trade_id").as_string(), "t-77");
  EXPECT_EQ(rows[0].at("fee").as_string(), "-0.3330450");
  EXPECT_EQ(rows[0].at("size").as_string(), "0.30");
}

TEST_F(JournalCommandTest, FiltersOpenOrdersAndSymbols) {
  const Outcome open = Bgt({"--json", "journal", "orders", "--file", path_, "--open"});
  ASSERT_EQ(open.code, kExitOk) << open.err;
  const auto rows = boost::json::parse(open.out).at("rows").as_array();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("client_oid").as_string(), "bgt-open");

  const Outcome none = Bgt({"--json", "journal", "fills", "--file", path_, "--symbol", "BTCUSDT"});
  ASSERT_EQ(none.code, kExitOk);
  EXPECT_TRUE(boost::json::parse(none.out).at("rows").as_array().empty());

  const Outcome later =
      Bgt({"--json", "journal", "events", "--file", path_, "--since", "2030-01-01"});
  ASSERT_EQ(later.code, kExitOk);
  EXPECT_TRUE(boost::json::parse(later.out).at("rows").as_array().empty());
}

TEST_F(JournalCommandTest, PrintsATable) {
  const Outcome o = Bgt({"journal", "events", "--file", path_});
  ASSERT_EQ(o.code, kExitOk) << o.err;
  EXPECT_NE(o.out.find("order denied: per-symbol notional cap"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("risk"), std::string::npos) << o.out;
}

TEST_F(JournalCommandTest, AMissingFileIsAnError) {
  const Outcome o = Bgt({"journal", "orders", "--file", path_ + ".missing"});
  EXPECT_EQ(o.code, kExitRuntimeFailure);
  EXPECT_NE(o.err.find("no journal at"), std::string::npos) << o.err;
  EXPECT_FALSE(std::filesystem::exists(path_ + ".missing"));
}

}  // namespace
}  // namespace bgt::app
