// The market, account and position commands, in-process against a mock Bitget on loopback.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/exit_codes.h"
#include "app/venue_test_support.h"

namespace bgt::app {
namespace {

using ::testing::AllOf;
using testing::Credentials;
using testing::ErrorBody;
using testing::Fixture;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::MockBitget;
using ::testing::Not;
using testing::Outcome;
using testing::ParseJson;
using testing::RunBgt;
using ::testing::StartsWith;

// `bgt --base-url <mock> args...`.
Outcome RunAt(const MockBitget& mock, std::vector<std::string> args,
              const testing::Env& env = Credentials()) {
  args.insert(args.begin(), {"--base-url", mock.BaseUrl()});
  return RunBgt(std::move(args), env);
}

std::string QueryOf(const MockBitget& mock, std::string_view path) {
  return std::string(mock.Last(path).Query());
}

// --- help and global options ---

TEST(VenueCli, HelpListsTheCommandGroupsAndEveryExitCode) {
  const Outcome o = RunBgt({"--help"});
  EXPECT_EQ(o.code, kExitOk);
  EXPECT_THAT(o.out, AllOf(HasSubstr("market"), HasSubstr("account"), HasSubstr("order"),
                           HasSubstr("position"), HasSubstr("--base-url"),
                           HasSubstr("4  the venue answered with an error"),
                           HasSubstr("5  network"), HasSubstr("6  refused locally")));
  for (const char* group : {"market", "account", "order", "position"}) {
    const Outcome g = RunBgt({group});
    EXPECT_EQ(g.code, kExitOk) << group;
    EXPECT_THAT(g.out, HasSubstr("Subcommands")) << group;
  }
}

TEST(VenueCli, UnsafeOrMalformedBaseUrlIsAUsageError) {
  for (const char* url : {"http://example.com", "ftp://127.0.0.1", "https://user:pw@x.com",
                          "http://127.0.0.1:1/path"}) {
    const Outcome o = RunBgt({"--base-url", url, "market", "tickers"});
    EXPECT_EQ(o.code, kExitUsage) << url;
    EXPECT_THAT(o.err, HasSubstr("--base-url")) << url;
  }
}

TEST(VenueCli, MissingRequiredOptionsAreUsageErrors) {
  MockBitget mock;
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"market", "candles", "--symbol", "BTCUSDT"},
           {"market", "candles", "--symbol", "BTCUSDT", "--granularity", "1h"},
           {"market", "candles", "--symbol", "BTCUSDT", "--granularity", "1m", "--from",
            "yesterday"},
           {"market", "depth", "--symbol", "BTCUSDT", "--limit", "7"},
           {"account", "set-leverage", "--symbol", "BTCUSDT"},
           {"account", "set-margin-mode", "--symbol", "BTCUSDT", "--mode", "cross"},
           {"position", "close-all", "--force"},
       }) {
    const Outcome o = RunAt(mock, args);
    EXPECT_EQ(o.code, kExitUsage) << ::testing::PrintToString(args);
  }
  EXPECT_THAT(mock.requests(), IsEmpty());
}

TEST(VenueCli, TheConfigRestUrlIsUsedWithoutBaseUrl) {
  MockBitget mock;
  const std::filesystem::path path = std::filesystem::path(::testing::TempDir()) /
                                     ("bgt-venue-" + std::to_string(::getpid()) + ".toml");
  std::ofstream(path) << "[venue]\nrest_url = \"" << mock.BaseUrl() << "\"\n";
  const Outcome o = RunBgt({"--config", path.string(), "market", "tickers"});
  EXPECT_EQ(o.code, kExitOk) << o.err;
  EXPECT_EQ(mock.Count("/api/v2/mix/market/tickers"), 1);
}

// --- market ---

TEST(Market, ContractsShowsTheRulesAndJsonKeepsBitgetsStrings) {
  MockBitget mock;
  const Outcome o = RunAt(mock, {"market", "contracts", "--symbol", "btcusdt"});
  ASSERT_EQ(o.code, kExitOk) << o.err;
  EXPECT_THAT(QueryOf(mock, "/api/v2/mix/market/contracts"),
              AllOf(HasSubstr("symbol=BTCUSDT"), HasSubstr("productType=USDT-FUTURES")));
  EXPECT_THAT(o.out, AllOf(StartsWith("symbol"), HasSubstr("BTCUSDT"), HasSubstr("normal"),
                           HasSubstr("0.1"), HasSubstr("0.0001"), HasSubstr("150")));

  const Outcome j = RunAt(mock, {"--json", "market", "contracts"});
  ASSERT_EQ(j.code, kExitOk) << j.err;
  const boost::json::value v = ParseJson(j.out);
  EXPECT_EQ(v.at("ok"), true);
  const boost::json::array& rows = v.at("contracts").as_array();
  EXPECT_EQ(rows.size(), 26u);
  EXPECT_EQ(rows[0].at("symbol"), "BTCUSDT");
  EXPECT_EQ(rows[0].at("price_place"), "1");
  EXPECT_EQ(rows[0].at("min_trade_usdt"), "5");
}

TEST(Market, TickersTableAndJson) {
  MockBitget mock;
  const Outcome o = RunAt(mock, {"market", "tickers", "--symbol", "BTCUSDT"});
  ASSERT_EQ(o.code, kExitOk) << o.err;
  EXPECT_EQ(mock.Count("/api/v2/mix/market/ticker"), 1);
  EXPECT_THAT(o.out, AllOf(HasSubstr("BTCUSDT"), HasSubstr("29904.5"), HasSubstr("29903.5"),
                           HasSubstr("29904.2"), HasSubstr("125.6844")));

  const Outcome j = RunAt(mock, {"market", "tickers", "--json"});
  ASSERT_EQ(j.code, kExitOk) << j.err;
  const boost::json::value v = ParseJson(j.out);
  const boost::json::value& t = v.at("tickers").at(0);
  EXPECT_EQ(t.at("last_price"), "29904.5");
  EXPECT_EQ(t.at("mark_price"), "29904.2");
  EXPECT_EQ(t.at("funding_rate"), "0.0001");
  EXPECT_EQ(t.at("ts"), 1695794271400);
  EXPECT_EQ(mock.Count("/api/v2/mix/market/tickers"), 1);
}

TEST(Market, RecentCandles) {
  MockBitget mock;
  const Outcome o = RunAt(
      mock, {"market", "candles", "--symbol", "BTCUSDT", "--granularity", "1m", "--limit", "5"});
  ASSERT_EQ(o.code, kExitOk) << o.err;
  EXPECT_THAT(QueryOf(mock, "/api/v2/mix/market/candles"),
              AllOf(HasSubstr("granularity=1m"), HasSubstr("limit=5")));
  EXPECT_THAT(o.out, AllOf(HasSubstr("2022-02-26T21:46:00.000Z"), HasSubstr("39406"),
                           HasSubstr("39374.5"), HasSubstr("1399132.341")));

  const Outcome j = RunAt(mock, {"--json", "market", "candles", "--symbol", "BTCUSDT",
                                 "--granularity", "1H", "--kind", "mark"});
  ASSERT_EQ(j.code, kExitOk) << j.err;
  EXPECT_THAT(QueryOf(mock, "/api/v2/mix/market/candles"),
              AllOf(HasSubstr("granularity=1H"), HasSubstr("kLineType=MARK")));
  const boost::json::value v = ParseJson(j.out);
  EXPECT_EQ(v.at("granularity"), "1H");
  const boost::json::value& c = v.at("candles").at(0);
  EXPECT_EQ(c.at("open_time"), 1645911960000);
  EXPECT_EQ(c.at("low"), "39374.5");
  EXPECT_EQ(c.at("base_volume"), "35.526");
}

TEST(Market, CandleRangeUsesTheRangeFetcher) {
  MockBitget mock;
  // Five 1-minute bars two hours ago (inside the recent `candles` window).
  const std::int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count();
  const std::int64_t from = (now_ms / 60'000 - 120) * 60'000;
  const std::int64_t to = from + 5 * 60'000;
  mock.Set("/api/v2/mix/market/candles", [from](const net::HttpRequest&) {
    std::string rows;
    for (int i = 0; i < 5; ++i) {
      if (i > 0) rows += ",";
      rows += R"([")" + std::to_string(from + i * 60'000) + R"(","100","101","99","100.5","2",)" +
              R"("201"])";
    }
    return testing::Reply(
        200, R"({"code":"00000","msg":"success","requestTime":0,"data":[)" + rows + "]}");
  });
  const Outcome o =
      RunAt(mock, {"--json", "market", "candles", "--symbol", "BTCUSDT", "--granularity", "1m",
                   "--from", std::to_string(from), "--to", std::to_string(to)});
  ASSERT_EQ(o.code, kExitOk) << o.err;
  const boost::json::value v = ParseJson(o.out);
  EXPECT_EQ(v.at("candles").as_array().size(), 5u);
  EXPECT_EQ(v.at("candles").at(4).at("open_time"), from + 4 * 60'000);
  EXPECT_EQ(v.at("candles").at(0).at("close"), "100.5");
  EXPECT_TRUE(v.at("gaps").as_array().empty());
  EXPECT_EQ(v.at("requests"), 1);
  EXPECT_THAT(QueryOf(mock, "/api/v2/mix/market/candles"),
              AllOf(HasSubstr("startTime=" + std::to_string(from)), HasSubstr("endTime=")));

  // A range older than the venue's data is refused before anything is sent.
  const std::size_t sent = mock.requests().size();
  const Outcome bad = RunAt(mock, {"market", "candles", "--symbol", "BTCUSDT", "--granularity",
                                   "1m", "--from", "2017-01-01", "--to", "2017-01-02"});
  EXPECT_EQ(bad.code, kExitUsage);
  EXPECT_EQ(mock.requests().size(), sent);
}

TEST(Market, DepthKeepsTheExactLevels) {
  MockBitget mock;
  const Outcome o = RunAt(mock, {"market", "depth", "--symbol", "BTCUSDT", "--limit", "5"});
  ASSERT_EQ(o.code, kExitOk) << o.err;
  EXPECT_THAT(QueryOf(mock, "/api/v2/mix/market/merge-depth"), HasSubstr("limit=5"));
  EXPECT_THAT(o.out, AllOf(HasSubstr("bid size"), HasSubstr("26346.5"), HasSubstr("26347.5"),
                           HasSubstr("26348.0"), HasSubstr("0.32")));

  const Outcome j = RunAt(mock, {"--json", "market", "depth", "--symbol", "BTCUSDT"});
  const boost::json::value v = ParseJson(j.out);
  const boost::json::value& depth = v.at("depth");
  EXPECT_EQ(depth.at("bids").at(0).at(0), "26346.5");
  EXPECT_EQ(depth.at("asks").at(1).at(0), "26348.0");
  EXPECT_EQ(depth.at("asks").at(1).at(1), "0.16");
  EXPECT_EQ(depth.at("scale"), "0.1");
}

TEST(Market, OpenInterestAndFunding) {
  MockBitget mock;
  const Outcome oi = RunAt(mock, {"market", "open-interest", "--symbol", "BTCUSDT"});
  ASSERT_EQ(oi.code, kExitOk) << oi.err;
  EXPECT_THAT(oi.out, AllOf(HasSubstr("52234.134"), HasSubstr("2023-11-24T22:47:21.023Z")));
  const Outcome oij = RunAt(mock, {"--json", "market", "open-interest", "--symbol", "BTCUSDT"});
  EXPECT_EQ(ParseJson(oij.out).at("open_interest").at(0).at("size"), "52234.134");

  const Outcome f = RunAt(mock, {"market", "funding"});
  ASSERT_EQ(f.code, kExitOk) << f.err;
  EXPECT_THAT(f.out, AllOf(HasSubstr("0.000068"), HasSubstr("2025-03-27T08:00:00.000Z"),
                           HasSubstr("-0.003")));
  const Outcome fj = RunAt(mock, {"--json", "market", "funding", "--symbol", "BTCUSDT"});
  const boost::json::value v = ParseJson(fj.out);
  EXPECT_EQ(v.at("funding").at(0).at("funding_rate"), "0.000068");
  EXPECT_EQ(v.at("funding").at(0).at("funding_rate_interval_hours"), 8);
  EXPECT_THAT(QueryOf(mock, "/api/v2/mix/market/current-fund-rate"), HasSubstr("symbol=BTCUSDT"));
}

// --- failures ---

TEST(VenueErrors, AVenueErrorExitsWithFourAndPrintsBitgetsCodeAndMessage) {
  MockBitget mock;
  mock.Set("/api/v2/mix/market/ticker", 400, Fixture("error_40808.json"));
  const Outcome o = RunAt(mock, {"market", "tickers", "--symbol", "BTCUSDT"});
  EXPECT_EQ(o.code, kExitVenueError);
  EXPECT_THAT(o.out, IsEmpty());
  EXPECT_THAT(o.err, AllOf(HasSubstr("40808"),
                           HasSubstr("Parameter verification exception double fixed, hold side "
                                     "is null"),
                           HasSubstr("HTTP 400")));

  const Outcome j = RunAt(mock, {"--json", "market", "tickers", "--symbol", "BTCUSDT"});
  EXPECT_EQ(j.code, kExitVenueError);
  const boost::json::value v = ParseJson(j.out);
  EXPECT_EQ(v.at("ok"), false);
  EXPECT_EQ(v.at("error").at("venue_code"), "40808");
  EXPECT_EQ(v.at("error").at("http_status"), 400);
  EXPECT_EQ(v.at("error").at("exit_code"), 4);
  EXPECT_THAT(std::string(v.at("error").at("message").as_string()), HasSubstr("hold side is null"));
}

TEST(VenueErrors, AnUnreachableVenueExitsWithFive) {
  std::string url;
  {
    MockBitget closed;  // a port that was just free and is closed again
    url = closed.BaseUrl();
  }
  // One run only: the client retries an unreachable venue with a real back-off (~0.6 s).
  const Outcome o = RunBgt({"--json", "--base-url", url, "market", "tickers"});
  EXPECT_EQ(o.code, kExitNetwork);
  const boost::json::value v = ParseJson(o.out);
  EXPECT_EQ(v.at("ok"), false);
  EXPECT_EQ(v.at("error").at("kind"), "unavailable");
  EXPECT_EQ(v.at("error").at("exit_code"), 5);
}

TEST(VenueErrors, AnAnswerThatIsNotBitgetsIsNotASuccess) {
  MockBitget mock;
  mock.Set("/api/v2/mix/market/tickers", 200, R"({"code":"00000","msg":"success","data":{}})");
  const Outcome o = RunAt(mock, {"market", "tickers"});
  EXPECT_EQ(o.code, kExitRuntimeFailure);
  EXPECT_THAT(o.err, Not(IsEmpty()));
}

TEST(VenueErrors, PrivateCommandsWithoutCredentialsExitWithThreeAndSendNothing) {
  MockBitget mock;
  const Outcome o = RunAt(mock, {"account", "show"}, {{"BITGET_API_KEY", "k"}});
  EXPECT_EQ(o.code, kExitInvalidConfig);
  EXPECT_THAT(o.err,
              AllOf(HasSubstr("env BITGET_API_SECRET: not set"),
                    HasSubstr("env BITGET_API_PASSPHRASE: not set"), HasSubstr("account show")));
  EXPECT_THAT(o.err, Not(HasSubstr("env BITGET_API_KEY")));
  const Outcome bad =
      RunAt(mock, {"order", "list"},
            {{"BITGET_API_KEY", "k"}, {"BITGET_API_SECRET", "s\n"}, {"BITGET_API_PASSPHRASE", ""}});
  EXPECT_EQ(bad.code, kExitInvalidConfig);
  EXPECT_THAT(bad.err, AllOf(HasSubstr("BITGET_API_SECRET: contains whitespace"),
                             HasSubstr("BITGET_API_PASSPHRASE: is empty")));
  EXPECT_THAT(mock.requests(), IsEmpty());
  EXPECT_EQ(mock.time_requests(), 0);
}

// --- account ---

TEST(Account, ShowListsEveryMarginCoinSigned) {
  MockBitget mock;
  const Outcome o = RunAt(mock, {"account", "show"});
  ASSERT_EQ(o.code, kExitOk) << o.err;
  EXPECT_THAT(o.out, AllOf(HasSubstr("margin coin"), HasSubstr("USDT"), HasSubstr("100"),
                           HasSubstr("single")));
  EXPECT_EQ(mock.signed_requests(), 1);
  EXPECT_EQ(mock.bad_signatures(), 0);
  EXPECT_EQ(mock.time_requests(), 0);  // reads are signed with the local clock
  EXPECT_THAT(QueryOf(mock, "/api/v2/mix/account/accounts"), HasSubstr("productType=USDT-FUTURES"));

  const Outcome j = RunAt(mock, {"--json", "--log-level", "trace", "account", "show"});
  EXPECT_THAT(j.err, HasSubstr("accounts"));  // the trace log; RunBgt checks it has no secret
  const boost::json::value v = ParseJson(j.out);
  EXPECT_EQ(v.at("accounts").at(0).at("available"), "100");
  EXPECT_EQ(v.at("accounts").at(0).at("asset_list").at(0).at("coin"), "USDT");
}

TEST(Account, ShowWithASymbolReadsItsSettings) {
  MockBitget mock;
  const Outcome o = RunAt(mock, {"account", "show", "--symbol", "BTCUSDT"});
  ASSERT_EQ(o.code, kExitOk) << o.err;
  EXPECT_THAT(QueryOf(mock, "/api/v2/mix/account/account"),
              AllOf(HasSubstr("symbol=BTCUSDT"), HasSubstr("marginCoin=USDT")));
  EXPECT_THAT(o.out,
              AllOf(HasSubstr("13168.86110692"), HasSubstr("hedge_mode"), HasSubstr("crossed")));
  const Outcome j = RunAt(mock, {"--json", "account", "show", "--symbol", "BTCUSDT"});
  const boost::json::value v = ParseJson(j.out);
  EXPECT_EQ(v.at("account").at("account_equity"), "13178.86110692");
  EXPECT_EQ(v.at("account").at("unrealized_pl"), nullptr);
  EXPECT_EQ(v.at("account").at("pos_mode"), "hedge_mode");
  EXPECT_EQ(mock.bad_signatures(), 0);
}

TEST(Account, SetLeverageMeasuresTheClockThenSendsASignedPost) {
  MockBitget mock;
  const Outcome o = RunAt(mock, {"--json", "account", "set-leverage", "--symbol", "BTCUSDT",
                                 "--leverage", "25", "--long"});
  ASSERT_EQ(o.code, kExitOk) << o.err << o.out;
  EXPECT_GE(mock.time_requests(), 1);
  const net::HttpRequest post = mock.Last("/api/v2/mix/account/set-leverage");
  EXPECT_EQ(post.method, "POST");
  EXPECT_THAT(post.body, AllOf(HasSubstr(R"("leverage":"25")"), HasSubstr(R"("holdSide":"long")"),
                               HasSubstr(R"("symbol":"BTCUSDT")")));
  EXPECT_EQ(mock.bad_signatures(), 0);
  const boost::json::value v = ParseJson(o.out);
  EXPECT_EQ(v.at("leverage").at("long_leverage"), "25");
  EXPECT_EQ(v.at("leverage").at("margin_mode"), "crossed");
}

TEST(Account, LeverageOutsideTheContractsRangeIsRefusedLocally) {
  MockBitget mock;
  const Outcome o =
      RunAt(mock, {"account", "set-leverage", "--symbol", "BTCUSDT", "--leverage", "200"});
  EXPECT_EQ(o.code, kExitDenied);
  EXPECT_THAT(o.err, AllOf(HasSubstr("refused locally"), HasSubstr("1..150")));
  EXPECT_EQ(mock.posts(), 0);
  EXPECT_EQ(mock.signed_requests(), 0);
}

TEST(Account, SetMarginAndPositionMode) {
  MockBitget mock;
  const Outcome m =
      RunAt(mock, {"account", "set-margin-mode", "--symbol", "BTCUSDT", "--mode", "isolated"});
  ASSERT_EQ(m.code, kExitOk) << m.err;
  EXPECT_THAT(mock.Last("/api/v2/mix/account/set-margin-mode").body,
              HasSubstr(R"("marginMode":"isolated")"));
  const Outcome p = RunAt(mock, {"--json", "account", "set-position-mode", "--mode", "hedge"});
  ASSERT_EQ(p.code, kExitOk) << p.err;
  EXPECT_THAT(mock.Last("/api/v2/mix/account/set-position-mode").body,
              HasSubstr(R"("posMode":"hedge_mode")"));
  EXPECT_EQ(ParseJson(p.out).at("position_mode").at("pos_mode"), "hedge_mode");
  EXPECT_EQ(mock.bad_signatures(), 0);
}

TEST(Account, AClockTooFarOffRefusesToTradeAndSendsNothing) {
  MockBitget mock;
  mock.set_clock_offset(std::chrono::minutes(10));
  const Outcome o = RunAt(mock, {"account", "set-position-mode", "--mode", "one_way"});
  EXPECT_EQ(o.code, kExitDenied);
  EXPECT_THAT(o.err, AllOf(HasSubstr("refused locally"), HasSubstr("max_clock_skew_ms")));
  EXPECT_EQ(mock.posts(), 0);
}

// --- positions ---

TEST(Position, ListShowsOpenPositions) {
  MockBitget mock;
  const Outcome o = RunAt(mock, {"position", "list"});
  ASSERT_EQ(o.code, kExitOk) << o.err;
  EXPECT_THAT(o.out, AllOf(HasSubstr("BTCUSDT"), HasSubstr("long"), HasSubstr("25000"),
                           HasSubstr("25100"), HasSubstr("isolated")));
  const Outcome j = RunAt(mock, {"--json", "position", "list", "--symbol", "ETHUSDT"});
  EXPECT_TRUE(ParseJson(j.out).at("positions").as_array().empty());
  const Outcome b = RunAt(mock, {"--json", "position", "list", "--symbol", "BTCUSDT"});
  const boost::json::value v = ParseJson(b.out);
  // Bitget's 22-digit value, rounded half-even to the 18 significant digits a Decimal holds.
  EXPECT_EQ(v.at("positions").at(0).at("liquidation_price"), "24144.1124161806978");
  EXPECT_EQ(v.at("positions").at(0).at("margin_size"), "9.6695050093373343");
  EXPECT_EQ(mock.bad_signatures(), 0);
}

TEST(Position, CloseAllWithoutYesOnlyShowsWhatItWouldClose) {
  MockBitget mock;
  const Outcome o = RunAt(mock, {"position", "close-all"});
  EXPECT_EQ(o.code, kExitUsage);
  EXPECT_THAT(o.out, HasSubstr("BTCUSDT"));
  EXPECT_THAT(o.err, AllOf(HasSubstr("dry run"), HasSubstr("--yes")));
  EXPECT_EQ(mock.Count("/api/v2/mix/order/close-positions"), 0);
  EXPECT_EQ(mock.posts(), 0);
  EXPECT_EQ(mock.time_requests(), 0);

  const Outcome j = RunAt(mock, {"--json", "position", "close-all", "--symbol", "BTCUSDT"});
  EXPECT_EQ(j.code, kExitUsage);
  const boost::json::value v = ParseJson(j.out);
  EXPECT_EQ(v.at("dry_run"), true);
  EXPECT_EQ(v.at("positions").as_array().size(), 1u);
  EXPECT_EQ(mock.posts(), 0);
}

TEST(Position, CloseAllWithYesFlashClosesThem) {
  MockBitget mock;
  const Outcome o = RunAt(mock, {"position", "close-all", "--symbol", "BTCUSDT", "--yes"});
  ASSERT_EQ(o.code, kExitOk) << o.err;
  const net::HttpRequest post = mock.Last("/api/v2/mix/order/close-positions");
  EXPECT_THAT(post.body, HasSubstr(R"("symbol":"BTCUSDT")"));
  EXPECT_THAT(o.out, HasSubstr("1120923953904893955"));
  EXPECT_EQ(mock.bad_signatures(), 0);

  // Nothing open: nothing is sent.
  const Outcome none = RunAt(mock, {"position", "close-all", "--symbol", "ETHUSDT", "--yes"});
  EXPECT_EQ(none.code, kExitOk);
  EXPECT_THAT(none.err, HasSubstr("nothing was sent"));
  EXPECT_EQ(mock.Count("/api/v2/mix/order/close-positions"), 1);
}

}  // namespace
}  // namespace bgt::app
