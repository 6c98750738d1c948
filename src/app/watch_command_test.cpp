// `bgt watch`, `bgt record`, `bgt replay` against the in-process emulator, and the pure helpers.
#include "app/watch_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli.h"
#include "app/exit_codes.h"
#include "app/record_command.h"
#include "emulator/emulator.h"

namespace bgt::app {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

Outcome Bgt(const std::vector<std::string>& args) {
  std::vector<const char*> argv = {"bgt"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out;
  std::ostringstream err;
  const Io io{out, err, [](std::string_view) -> std::optional<std::string> { return {}; }};
  Outcome o;
  o.code = Run(static_cast<int>(argv.size()), argv.data(), io);
  o.out = out.str();
  o.err = err.str();
  return o;
}

std::string TempPath(const std::string& name) {
  return (std::filesystem::path(::testing::TempDir()) /
          ("bgt-watch-" + std::to_string(::getpid()) + "-" + name))
      .string();
}

TEST(DeriveWsPublicUrl, Cases) {
  EXPECT_EQ(*DeriveWsPublicUrl("http://127.0.0.1:8080"), "ws://127.0.0.1:8080/v2/ws/public");
  EXPECT_EQ(*DeriveWsPublicUrl("http://127.0.0.1:8080/"), "ws://127.0.0.1:8080/v2/ws/public");
  EXPECT_EQ(*DeriveWsPublicUrl("http://localhost"), "ws://localhost/v2/ws/public");
  EXPECT_EQ(*DeriveWsPublicUrl("https://api.bitget.com"), "wss://ws.bitget.com/v2/ws/public");
  EXPECT_EQ(*DeriveWsPublicUrl("https://API.bitget.com/"), "wss://ws.bitget.com/v2/ws/public");
  EXPECT_EQ(*DeriveWsPublicUrl("https://example.org:8443"), "wss://example.org:8443/v2/ws/public");
  EXPECT_FALSE(DeriveWsPublicUrl("").has_value());
  EXPECT_FALSE(DeriveWsPublicUrl("ftp://x").has_value());
  EXPECT_FALSE(DeriveWsPublicUrl("http://").has_value());
  EXPECT_FALSE(DeriveWsPublicUrl("https://api.bitget.com/api/v2").has_value());
  GlobalOptions options;
  EXPECT_EQ(*ResolveWsUrl(options, ""), "wss://ws.bitget.com/v2/ws/public");
  EXPECT_EQ(*ResolveWsUrl(options, "ws://h:1/x"), "ws://h:1/x");
  options.base_url = "http://127.0.0.1:9";
  EXPECT_EQ(*ResolveWsUrl(options, ""), "ws://127.0.0.1:9/v2/ws/public");
}

TEST(RecordFormat, ChannelSpecAndLine) {
  auto spec = ParseChannelSpec("books:btcusdt");
  ASSERT_TRUE(spec.has_value());
  EXPECT_EQ(spec->channel, "books");
  EXPECT_EQ(spec->inst_id, "BTCUSDT");
  EXPECT_FALSE(ParseChannelSpec("books").has_value());
  EXPECT_FALSE(ParseChannelSpec(":BTCUSDT").has_value());
  EXPECT_FALSE(ParseChannelSpec("books:").has_value());
  EXPECT_EQ(RecordLine(12, "{\"a\":\n1}"), "12\t{\"a\": 1}\n");
}

const char kSnapshot[] =
    R"({"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":"books","instId":"BTCUSDT"},)"
    R"("data":[{"asks":[["27000.5","1.5"]],"bids":[["27000.0","2"]],"checksum":0,"seq":10,)"
    R"("pseq":0,"ts":"1695716059516"}],"ts":1695716059517})";

TEST(Replay, HostileRecordingIsCountedNotFatal) {
  std::string file = std::string(kRecordHeader) + "\n";
  file += RecordLine(1000, kSnapshot);                       // good
  file += "no tab at all\n";                                 // bad line
  file += "abc\t{}\n";                                       // bad timestamp
  file += "-5\t{}\n";                                        // negative timestamp
  file += "7\t\n";                                           // empty frame
  file += "2000\t{\"action\":\"snapshot\",\"arg\":{\"ch\n";  // truncated JSON
  file += "3000\tgarbage \x01\xff\n";                        // not JSON
  file +=
      "4000\t"
      R"({"action":"update","arg":{"instType":"USDT-FUTURES","channel":"books",)"
      R"("instId":"BTCUSDT"},"data":[{"asks":5,"bids":[],"seq":11,"pseq":10}],"ts":1})"
      "\n";
  file +=
      "5000\t"
      R"({"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":"ticker",)"
      R"("instId":"BTCUSDT"},"data":[{"instId":"BTCUSDT","lastPr":true}],"ts":1})"
      "\n";
  file +=
      "6000\t"
      R"({"arg":{"channel":"nosuch","instId":"X"},"data":[]})"
      "\n";
  file += "6500\tpong\n";             // an event, not malformed
  file += "7000\t{\"action\":\"upd";  // final line without '\n'
  std::istringstream in(file);
  MarketView view;
  ReplayOptions options;
  int sleeps = 0;
  options.sleep = [&sleeps](std::chrono::nanoseconds) { ++sleeps; };
  const ReplayStats stats = ReplayStream(in, view, options);
  EXPECT_EQ(stats.lines, 12u);
  EXPECT_EQ(stats.bad_lines, 5u);
  EXPECT_EQ(stats.truncated, 1u);
  EXPECT_EQ(stats.frames, 7u);
  EXPECT_EQ(view.counters().malformed, 5u);
  EXPECT_EQ(view.counters().events, 1u);
  EXPECT_EQ(view.counters().pushes, 1u);
  EXPECT_GE(sleeps, 5);
  const market::OrderBook* book = view.engine().books().Find("BTCUSDT");
  ASSERT_NE(book, nullptr);
  EXPECT_TRUE(book->valid());
  EXPECT_EQ(book->BestAsk()->price, *core::Decimal::Parse("27000.5"));
  EXPECT_EQ(view.counters().resyncs_needed, 0u);
}

TEST(Replay, ChecksumFailureCountsAResync) {
  std::string file = RecordLine(1, kSnapshot);
  file += RecordLine(2, R"({"action":"update","arg":{"instType":"USDT-FUTURES","channel":"books",)"
                        R"("instId":"BTCUSDT"},"data":[{"asks":[["27001.0","1"]],"bids":[],)"
                        R"("checksum":12345,"seq":11,"pseq":10,"ts":"1695716059616"}],"ts":1})");
  std::istringstream in(file);
  MarketView view;
  ReplayOptions options;
  options.as_fast_as_possible = true;
  const ReplayStats stats = ReplayStream(in, view, options);
  EXPECT_EQ(stats.frames, 2u);
  EXPECT_EQ(view.counters().resyncs_needed, 1u);
  EXPECT_EQ(view.engine().books().counters().checksum_failures, 1u);
  EXPECT_FALSE(view.engine().books().Find("BTCUSDT")->valid());
}

class WatchEmulatorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    emulator::EmulatorConfig config;
    config.history_days = 2;
    config.speed = 20;
    auto started = emulator::Emulator::Start(config);
    ASSERT_TRUE(started.has_value()) << started.error().ToString();
    emulator_ = std::move(*started).release();
  }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }
  static emulator::Emulator* emulator_;
};
emulator::Emulator* WatchEmulatorTest::emulator_ = nullptr;

void ExpectSameBook(const MarketView& a, const MarketView& b, const std::string& symbol) {
  const market::OrderBook* x = a.engine().books().Find(symbol);
  const market::OrderBook* y = b.engine().books().Find(symbol);
  ASSERT_NE(x, nullptr);
  ASSERT_NE(y, nullptr);
  ASSERT_TRUE(x->valid());
  ASSERT_TRUE(y->valid());
  EXPECT_EQ(x->seq(), y->seq());
  EXPECT_EQ(x->Checksum(), y->Checksum());
  for (model::BookSide side : {model::BookSide::kBid, model::BookSide::kAsk}) {
    EXPECT_EQ(x->TopLevelsText(side, 100000), y->TopLevelsText(side, 100000));
    EXPECT_GT(x->depth(side), 0u);
  }
}

TEST_F(WatchEmulatorTest, RecordThenReplayRebuildsTheLiveBooks) {
  const std::string url = emulator_->WsUrl() + "/v2/ws/public";
  std::ostringstream recording;
  recording << kRecordHeader << '\n';
  std::ostringstream out;
  std::ostringstream err;
  const Io io{out, err, [](std::string_view) -> std::optional<std::string> { return {}; }};
  MarketView live;
  const int code = RunLiveStream(
      io, url,
      {bitget::WsSubscription::Public("books", "BTCUSDT"),
       bitget::WsSubscription::Public("ticker", "ETHUSDT")},
      1.5, live,
      [&recording](std::int64_t ns, std::string_view text) { recording << RecordLine(ns, text); },
      nullptr);
  ASSERT_EQ(code, kExitOk) << err.str();
  EXPECT_GT(live.counters().book_pushes, 1u);
  EXPECT_EQ(live.counters().malformed, 0u);
  ASSERT_NE(live.engine().FindTicker("ETHUSDT"), nullptr);

  std::istringstream in(recording.str());
  MarketView replayed;
  ReplayOptions options;
  options.as_fast_as_possible = true;
  const ReplayStats stats = ReplayStream(in, replayed, options);
  EXPECT_EQ(stats.bad_lines, 0u);
  EXPECT_EQ(stats.frames, live.counters().frames);
  EXPECT_EQ(replayed.counters().malformed, 0u);
  EXPECT_EQ(replayed.counters().resyncs_needed, 0u);
  const market::BookManagerCounters& bc = replayed.engine().books().counters();
  EXPECT_EQ(bc.checksum_failures, 0u);
  EXPECT_EQ(bc.gaps, 0u);
  const market::OrderBook* book = replayed.engine().books().Find("BTCUSDT");
  ASSERT_NE(book, nullptr);
  EXPECT_GT(book->counters().checksums_verified, 0u);
  ExpectSameBook(live, replayed, "BTCUSDT");
  ASSERT_NE(replayed.engine().FindTicker("ETHUSDT"), nullptr);
  EXPECT_EQ(replayed.engine().FindTicker("ETHUSDT")->last_price,
            live.engine().FindTicker("ETHUSDT")->last_price);
}

TEST_F(WatchEmulatorTest, ChecksumFailureResyncsLiveAndInReplay) {
  emulator::WsFaults faults;
  faults.corrupt_book_checksums = 1;
  emulator_->SetWsFaults(faults);
  std::ostringstream recording;
  std::ostringstream out;
  std::ostringstream err;
  const Io io{out, err, [](std::string_view) -> std::optional<std::string> { return {}; }};
  MarketView live;
  const int code = RunLiveStream(
      io, emulator_->WsUrl() + "/v2/ws/public",
      {bitget::WsSubscription::Public("books", "ETHUSDT")}, 1.5, live,
      [&recording](std::int64_t ns, std::string_view text) { recording << RecordLine(ns, text); },
      nullptr);
  emulator_->SetWsFaults({});
  ASSERT_EQ(code, kExitOk) << err.str();
  const market::BookManagerCounters& lc = live.engine().books().counters();
  EXPECT_EQ(lc.checksum_failures, 1u);
  EXPECT_EQ(lc.resyncs_requested, 1u);
  EXPECT_EQ(lc.resyncs_completed, 1u);  // Resubscribe brought a fresh snapshot
  EXPECT_EQ(live.counters().resyncs_needed, 1u);

  std::istringstream in(recording.str());
  MarketView replayed;
  ReplayOptions options;
  options.as_fast_as_possible = true;
  ReplayStream(in, replayed, options);
  EXPECT_EQ(replayed.counters().resyncs_needed, 1u);
  EXPECT_EQ(replayed.engine().books().counters().checksum_failures, 1u);
  ExpectSameBook(live, replayed, "ETHUSDT");
}

TEST_F(WatchEmulatorTest, RecordAndReplayCommands) {
  const std::string path = TempPath("rec.txt");
  Outcome rec = Bgt({"--base-url", emulator_->RestUrl(), "record", "--out", path, "--duration", "1",
                     "books:BTCUSDT", "ticker:ETHUSDT"});
  ASSERT_EQ(rec.code, kExitOk) << rec.err;
  EXPECT_THAT(rec.out, HasSubstr("recorded "));
  EXPECT_THAT(rec.out, HasSubstr("BTCUSDT book seq"));
  Outcome rep = Bgt({"replay", "--as-fast-as-possible", path});
  ASSERT_EQ(rep.code, kExitOk) << rep.err;
  EXPECT_THAT(rep.out, HasSubstr("BTCUSDT book seq"));
  EXPECT_THAT(rep.out, HasSubstr("ETHUSDT"));
  EXPECT_THAT(rep.out,
              HasSubstr("bad lines 0 (truncated 0)  malformed frames 0  resyncs needed 0"));
  EXPECT_THAT(rep.out, HasSubstr("checksum failures 0  gaps 0"));
  // The same book line in both (the recorder's live view and the replay).
  const auto book_line = [](const std::string& text) {
    const std::size_t at = text.find("BTCUSDT book seq");
    return at == std::string::npos ? std::string() : text.substr(at, text.find('\n', at) - at);
  };
  EXPECT_EQ(book_line(rec.out), book_line(rep.out));
  std::filesystem::remove(path);

  Outcome missing = Bgt({"replay", TempPath("missing.txt")});
  EXPECT_EQ(missing.code, kExitRuntimeFailure);
  Outcome bad_spec = Bgt({"record", "--out", path, "--duration", "1", "books"});
  EXPECT_EQ(bad_spec.code, kExitUsage);
}

TEST_F(WatchEmulatorTest, WatchBookPrintsABook) {
  Outcome o = Bgt({"--base-url", emulator_->RestUrl(), "watch", "book", "BTCUSDT", "--duration",
                   "2", "--depth", "5"});
  ASSERT_EQ(o.code, kExitOk) << o.err;
  EXPECT_THAT(o.out, HasSubstr("--- final\nBTCUSDT book seq"));
  EXPECT_THAT(o.out, HasSubstr("best bid "));
  EXPECT_THAT(o.out, HasSubstr(" bps)"));
  EXPECT_THAT(o.out, HasSubstr("bid size"));
  EXPECT_THAT(o.out, HasSubstr("checksum failures 0  gaps 0"));
  EXPECT_THAT(o.out, Not(HasSubstr("\x1b[")));  // not a TTY: plain frames

  Outcome t =
      Bgt({"--base-url", emulator_->RestUrl(), "watch", "ticker", "BTCUSDT", "--duration", "0.6"});
  ASSERT_EQ(t.code, kExitOk) << t.err;
  EXPECT_THAT(t.out, HasSubstr("BTCUSDT"));
  EXPECT_THAT(t.out, HasSubstr("last"));
}

}  // namespace
}  // namespace bgt::app
