// A real crash: `bgt run` (live mode against an emulator on loopback, the default strategies)
// is killed with SIGKILL once it has fills, then started again on the same journal. The
// restart must reconcile — no fill lost, none counted twice, the journal's fills equal to the
// venue's, the account flat after its stop — whatever the kill interrupted.
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "emulator/emulator.h"
#include "emulator/test_client.h"
#include "store/journal.h"

namespace bgt::app {
namespace {

const std::vector<std::string> kSymbols = {"BTCUSDT", "ETHUSDT",  "SOLUSDT",
                                           "XRPUSDT", "DOGEUSDT", "BNBUSDT"};

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Runs `script` with /bin/sh; returns its stdout.
std::string Shell(const std::string& script) {
  FILE* pipe = ::popen(("/bin/sh -c " + ShellQuote(script)).c_str(), "r");
  if (pipe == nullptr) return "popen failed";
  std::string out;
  std::array<char, 256> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  ::pclose(pipe);
  return out;
}

TEST(CrashRestart, KilledWithFillsThenRestartedLosesNothing) {
  emulator::EmulatorConfig venue_config;
  venue_config.speed = 60;
  venue_config.history_days = 2;
  auto venue = emulator::Emulator::Start(venue_config);
  ASSERT_TRUE(venue.has_value()) << venue.error().ToString();

  const std::string dir =
      (std::filesystem::temp_directory_path() / ("bgt_crash_restart_" + std::to_string(::getpid())))
          .string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string journal = dir + "/journal.db";
  const std::string config = dir + "/live.toml";
  std::string symbols;
  for (const std::string& s : kSymbols) symbols += (symbols.empty() ? "\"" : ", \"") + s + "\"";
  std::ofstream(config) << "mode = \"live\"\n[venue]\nrest_url = \"" << (*venue)->RestUrl()
                        << "\"\nws_public_url = \"" << (*venue)->WsUrl()
                        << "/v2/ws/public\"\nws_private_url = \"" << (*venue)->WsUrl()
                        << "/v2/ws/private\"\n[run]\nsymbols = [" << symbols
                        << "]\nstatus_interval_s = 1\nhistory_bars = 50\njournal = \"" << journal
                        << "\"\nsummary = \"\"\n";
  const emulator::EmulatorAccount account;
  const std::string env = "env -i BITGET_API_KEY=" + account.api_key +
                          " BITGET_API_SECRET=" + account.secret +
                          " BITGET_API_PASSPHRASE=" + account.passphrase + " ";
  const std::string bgt = env + ShellQuote(BGT_BINARY) + " --config " + ShellQuote(config) + " ";

  // First run: until its status shows a fill (at most 180 s), then SIGKILL.
  const std::string first_out = dir + "/first.txt";
  const std::string first =
      Shell(bgt + "run >" + ShellQuote(first_out) + " 2>&1 & pid=$!; i=0; " +
            "while ! grep -qE 'fills [1-9]' " + ShellQuote(first_out) +
            " 2>/dev/null; do i=$((i+1)); if [ $i -gt 1800 ]; then break; fi; "
            "if ! kill -0 $pid 2>/dev/null; then break; fi; sleep 0.1; done; "
            "kill -KILL $pid; wait $pid; echo \"exit=$?\"");
  const std::string first_text = ReadAll(first_out);
  ASSERT_NE(first.find("exit=137"), std::string::npos) << first << first_text;
  ASSERT_NE(first_text.find("fills "), std::string::npos) << first_text;

  // Second run on the same journal: reconciles, trades briefly, flattens and verifies flat.
  const std::string second_out = dir + "/second.txt";
  const std::string second =
      Shell(bgt + "run --duration 3 >" + ShellQuote(second_out) + " 2>&1; echo \"exit=$?\"");
  const std::string second_text = ReadAll(second_out);
  ASSERT_NE(second.find("exit=0"), std::string::npos) << second << second_text;
  EXPECT_NE(second_text.find("reconciliation:"), std::string::npos) << second_text;
  EXPECT_NE(second_text.find("flattened:         yes, verified flat"), std::string::npos)
      << second_text;

  // The venue's own ledger against the journal: every fill once, the same fees, flat.
  emulator::EmulatorClient client((*venue)->RestUrl());
  std::map<std::string, core::Decimal> venue_fees;  // by trade id
  for (const std::string& symbol : kSymbols) {
    bitget::FillsQuery query;
    query.symbol = symbol;
    query.limit = 100;
    auto fills = client.api->GetFills(query);
    ASSERT_TRUE(fills.has_value()) << fills.error().ToString();
    ASSERT_LT(fills->fill_list.size(), 100u) << "more fills than one page: widen the read";
    for (const bitget::FillInfo& f : fills->fill_list) {
      core::Decimal fee;
      for (const bitget::FeeDetail& d : f.fee_detail) fee = fee + d.total_fee;
      venue_fees[symbol + "/" + f.trade_id] = fee;
    }
  }
  ASSERT_FALSE(venue_fees.empty());
  std::printf("venue fills after the crash and the restart: %zu\n", venue_fees.size());
  auto opened = store::Journal::Open(journal);
  ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
  store::JournalQuery query;
  query.limit = 100'000;
  auto journaled = (*opened)->Fills(query);
  ASSERT_TRUE(journaled.has_value());
  std::map<std::string, core::Decimal> journal_fees;
  for (const store::FillRecord& f : *journaled) {
    EXPECT_TRUE(journal_fees.emplace(f.symbol + "/" + f.trade_id, f.fee).second)
        << "journaled twice: " << f.trade_id;
  }
  EXPECT_EQ(journal_fees, venue_fees) << first_text << second_text;
  auto positions = client.api->GetPositions({});
  ASSERT_TRUE(positions.has_value());
  for (const bitget::PositionInfo& p : *positions) {
    EXPECT_TRUE(p.total.IsZero()) << p.symbol << " " << p.total.ToString();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace bgt::app
