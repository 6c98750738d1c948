// REST fault injection (FaultInjector on its own, then through the emulator's server: latency,
// 502/503 pages, 429 bursts and recovery, dropped place-order answers whose order exists),
// several accounts, and a market clock faster than the wall clock (injected wall clock).
#include "emulator/emulator_faults.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "bitget/credential.h"
#include "core/clock.h"
#include "core/decimal.h"
#include "emulator/emulator.h"
#include "net/http_client.h"
#include "net/ws_client.h"

namespace bgt::emulator {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kPlacePath = "/api/v2/mix/order/place-order";

net::HttpRequest Signed(std::string method, std::string target, std::string body,
                        const EmulatorAccount& account, core::Timestamp at) {
  net::HttpRequest request;
  request.method = std::move(method);
  request.target = std::move(target);
  request.body = std::move(body);
  auto headers = bitget::SignedHeaders(
      bitget::Credentials{core::Secret(account.api_key), core::Secret(account.secret),
                          core::Secret(account.passphrase)},
      at, request.method, request.Path(), request.Query(), request.body);
  EXPECT_TRUE(headers.has_value());
  for (const bitget::Header& h : *headers) request.headers.emplace_back(h.name, h.value);
  return request;
}

std::string MarketBuy(std::string_view client_oid) {
  return R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginMode":"crossed",)"
         R"("marginCoin":"USDT","size":"0.01","side":"buy","orderType":"market","clientOid":")" +
         std::string(client_oid) + R"("})";
}

std::string DetailTarget(std::string_view client_oid) {
  return "/api/v2/mix/order/detail?symbol=BTCUSDT&productType=USDT-FUTURES&clientOid=" +
         std::string(client_oid);
}

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(BGT_FIXTURES_DIR) + "/" + name, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::unique_ptr<net::HttpClient> ClientFor(const Emulator& emu, std::chrono::milliseconds timeout) {
  net::HttpClientOptions options;
  options.base_url = emu.RestUrl();
  options.request_timeout = timeout;
  auto client = net::HttpClient::Create(options);
  EXPECT_TRUE(client.has_value());
  return client.has_value() ? std::move(*client) : nullptr;
}

net::HttpRequest Ticker() {
  net::HttpRequest request;
  request.target = "/api/v2/mix/market/ticker?symbol=BTCUSDT&productType=USDT-FUTURES";
  return request;
}

std::unique_ptr<Emulator> StartEmulator(EmulatorConfig config = {}) {
  config.rate_limits = false;
  config.history_days = 2;
  auto emu = Emulator::Start(config);
  EXPECT_TRUE(emu.has_value()) << emu.error().ToString();
  return emu.has_value() ? std::move(*emu) : nullptr;
}

// ---- FaultInjector -----------------------------------------------------------------------------

TEST(FaultInjector, SameSeedSameFaultsOtherSeedOtherFaults) {
  RestFaults faults;
  faults.seed = 42;
  faults.latency_jitter_ms = 100;
  faults.error_5xx_rate = 0.2;
  faults.burst_429_rate = 0.05;
  faults.burst_429_requests = 3;
  faults.drop_response_rate = 0.3;
  const auto run = [](const RestFaults& f) {
    FaultInjector injector(f);
    std::string trace;
    for (int i = 0; i < 300; ++i) {
      const FaultDecision d = injector.Decide(i % 2 == 0 ? "POST" : "GET", "/x");
      trace += std::to_string(d.delay.count()) + "/" + std::to_string(d.status) +
               (d.drop_if_ok ? "d" : "") + " ";
    }
    return std::make_pair(trace, injector.counters());
  };
  const auto a = run(faults);
  const auto b = run(faults);
  EXPECT_EQ(a.first, b.first);
  EXPECT_EQ(a.second, b.second);
  EXPECT_GT(a.second.http_502, 0u);
  EXPECT_GT(a.second.http_503, 0u);
  EXPECT_GT(a.second.bursts_429, 0u);
  EXPECT_GE(a.second.http_429, a.second.bursts_429);
  faults.seed = 43;
  EXPECT_NE(run(faults).first, a.first);
}

TEST(FaultInjector, LatencyIsFixedPlusBoundedJitterAndCounted) {
  RestFaults faults;
  faults.latency_ms = 50;
  faults.latency_jitter_ms = 20;
  FaultInjector injector(faults);
  std::uint64_t total = 0;
  for (int i = 0; i < 100; ++i) {
    const FaultDecision d = injector.Decide("GET", "/x");
    EXPECT_GE(d.delay, 50ms);
    EXPECT_LE(d.delay, 70ms);
    EXPECT_EQ(d.status, 0);
    total += static_cast<std::uint64_t>(d.delay.count());
  }
  EXPECT_EQ(injector.counters().delayed, 100u);
  EXPECT_EQ(injector.counters().delay_ms_total, total);
}

TEST(FaultInjector, BurstsAreContiguousAndEndWithinTheirLength) {
  RestFaults faults;
  faults.burst_429_rate = 0.1;
  faults.burst_429_requests = 4;
  FaultInjector injector(faults);
  int run = 0;
  int runs = 0;
  for (int i = 0; i < 1000; ++i) {
    if (injector.Decide("GET", "/x").status == 429) {
      ++run;
    } else if (run > 0) {
      EXPECT_EQ(run % 4, 0) << "a burst is 4 requests (back-to-back bursts add up)";
      ++runs;
      run = 0;
    }
  }
  EXPECT_GT(runs, 5);
  const FaultCounters counters = injector.counters();
  EXPECT_LE(counters.http_429, counters.bursts_429 * 4);
  EXPECT_GT(counters.http_429, (counters.bursts_429 - 1) * 4);
}

TEST(FaultInjector, OnlyPathsInScopeAndDropsOnlyPosts) {
  RestFaults faults;
  faults.error_5xx_rate = 1;
  faults.paths = {"/a"};
  FaultInjector injector(faults);
  EXPECT_EQ(injector.Decide("GET", "/b").status, 0);
  EXPECT_NE(injector.Decide("GET", "/a").status, 0);

  faults = {};
  faults.drop_response_rate = 1;
  injector.Set(faults);
  EXPECT_FALSE(injector.Decide("GET", "/a").drop_if_ok);
  EXPECT_TRUE(injector.Decide("POST", "/a").drop_if_ok);
  EXPECT_FALSE(RestFaults{}.Active());
  EXPECT_TRUE(faults.Active());
}

// ---- through the emulator's server -------------------------------------------------------------

TEST(EmulatorFaults, LatencyIsAddedAndCounted) {
  auto emu = StartEmulator();
  ASSERT_NE(emu, nullptr);
  RestFaults faults;
  faults.latency_ms = 30;
  faults.paths = {"/api/v2/mix/market/ticker"};
  emu->SetFaults(faults);
  auto client = ClientFor(*emu, 5s);
  auto response = client->Send(Ticker());
  ASSERT_TRUE(response.has_value()) << response.error().ToString();
  EXPECT_EQ(response->status, 200);
  net::HttpRequest time;
  time.target = "/api/v2/public/time";
  ASSERT_TRUE(client->Send(time).has_value());  // out of scope: no delay
  EXPECT_EQ(emu->fault_counters().delayed, 1u);
  EXPECT_EQ(emu->fault_counters().delay_ms_total, 30u);
  EXPECT_EQ(emu->Serve(Ticker()).delay, 30ms);
}

TEST(EmulatorFaults, Http5xxCarriesNginxPages) {
  EmulatorConfig config;
  config.faults.error_5xx_rate = 1;
  config.faults.seed = 7;
  auto emu = StartEmulator(config);
  ASSERT_NE(emu, nullptr);
  auto client = ClientFor(*emu, 5s);
  const std::string page_502 = ReadFixture("error_502.html");
  ASSERT_FALSE(page_502.empty());
  int seen_502 = 0;
  int seen_503 = 0;
  for (int i = 0; i < 20; ++i) {
    auto response = client->Send(Ticker());
    ASSERT_TRUE(response.has_value()) << response.error().ToString();
    EXPECT_EQ(response->Header("Content-Type"), "text/html");
    if (response->status == 502) {
      ++seen_502;
      EXPECT_EQ(response->body, page_502);
    } else {
      ASSERT_EQ(response->status, 503);
      ++seen_503;
      EXPECT_NE(response->body.find("<title>503 Service Temporarily Unavailable</title>"),
                std::string::npos)
          << response->body;
    }
  }
  EXPECT_GT(seen_502, 0);
  EXPECT_GT(seen_503, 0);
  EXPECT_EQ(emu->fault_counters().http_502, static_cast<std::uint64_t>(seen_502));
  EXPECT_EQ(emu->fault_counters().http_503, static_cast<std::uint64_t>(seen_503));
  emu->SetFaults({});
  auto healthy = client->Send(Ticker());
  ASSERT_TRUE(healthy.has_value());
  EXPECT_EQ(healthy->status, 200);
}

TEST(EmulatorFaults, RateLimitBurstThenRecovery) {
  auto emu = StartEmulator();
  ASSERT_NE(emu, nullptr);
  auto client = ClientFor(*emu, 5s);
  emu->StartRateLimitBurst(3);
  for (int i = 0; i < 3; ++i) {
    auto response = client->Send(Ticker());
    ASSERT_TRUE(response.has_value()) << response.error().ToString();
    EXPECT_EQ(response->status, 429);
    EXPECT_NE(response->body.find(R"("code":"429","msg":"Too Many Requests")"), std::string::npos)
        << response->body;
    EXPECT_NE(response->body.find(R"("data":null)"), std::string::npos) << response->body;
  }
  auto recovered = client->Send(Ticker());
  ASSERT_TRUE(recovered.has_value());
  EXPECT_EQ(recovered->status, 200) << recovered->body;
  EXPECT_EQ(emu->fault_counters().http_429, 3u);
  EXPECT_EQ(emu->fault_counters().bursts_429, 1u);
}

TEST(EmulatorFaults, DroppedPlaceOrderAnswerIsAmbiguousButTheOrderExists) {
  EmulatorConfig config;
  config.faults.drop_response_rate = 1;
  config.faults.paths = {std::string(kPlacePath)};
  auto emu = StartEmulator(config);
  ASSERT_NE(emu, nullptr);
  auto client = ClientFor(*emu, 2s);
  const EmulatorAccount account;
  auto placed = client->Send(Signed("POST", std::string(kPlacePath), MarketBuy("drop-1"), account,
                                    core::WallClock().Now()));
  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().code, core::ErrorCode::kAmbiguous) << placed.error().ToString();
  EXPECT_EQ(emu->fault_counters().dropped_responses, 1u);

  auto detail =
      client->Send(Signed("GET", DetailTarget("drop-1"), "", account, core::WallClock().Now()));
  ASSERT_TRUE(detail.has_value()) << detail.error().ToString();
  EXPECT_EQ(detail->status, 200) << detail->body;
  EXPECT_NE(detail->body.find(R"("clientOid":"drop-1")"), std::string::npos) << detail->body;

  // A rejected order is not "accepted": its answer is not dropped.
  auto rejected = client->Send(Signed("POST", std::string(kPlacePath),
                                      R"({"symbol":"NOPEUSDT","productType":"USDT-FUTURES"})",
                                      account, core::WallClock().Now()));
  ASSERT_TRUE(rejected.has_value());
  EXPECT_EQ(rejected->status, 400);
  EXPECT_EQ(emu->fault_counters().dropped_responses, 1u);
}

// ---- accounts ----------------------------------------------------------------------------------

std::string Available(const net::HttpResponse& response) {
  const auto doc = boost::json::parse(response.body);
  return std::string(doc.at("data").at(0).at("available").as_string());
}

TEST(EmulatorAccounts, EachKeySeesOnlyItsOwnBalanceAndOrders) {
  EmulatorConfig config;
  config.accounts = {EmulatorAccount{"alice-key", "alice-secret", "alice-pass", "1000", "alice"},
                     EmulatorAccount{"bob-key", "bob-secret", "bob-pass", "2500", "bob"}};
  auto emu = StartEmulator(config);
  ASSERT_NE(emu, nullptr);
  const auto now = [] { return core::WallClock().Now(); };
  const std::string accounts = "/api/v2/mix/account/accounts?productType=USDT-FUTURES";
  const auto alice_balance = emu->Handle(Signed("GET", accounts, "", config.accounts[0], now()));
  const auto bob_balance = emu->Handle(Signed("GET", accounts, "", config.accounts[1], now()));
  ASSERT_EQ(alice_balance.status, 200) << alice_balance.body;
  ASSERT_EQ(bob_balance.status, 200) << bob_balance.body;
  EXPECT_EQ(core::Decimal::Parse(Available(alice_balance)).value(), core::Decimal::FromInt(1000));
  EXPECT_EQ(core::Decimal::Parse(Available(bob_balance)).value(), core::Decimal::FromInt(2500));

  const auto placed = emu->Handle(
      Signed("POST", std::string(kPlacePath), MarketBuy("alice-1"), config.accounts[0], now()));
  ASSERT_EQ(placed.status, 200) << placed.body;
  const auto mine =
      emu->Handle(Signed("GET", DetailTarget("alice-1"), "", config.accounts[0], now()));
  EXPECT_EQ(mine.status, 200) << mine.body;
  const auto theirs =
      emu->Handle(Signed("GET", DetailTarget("alice-1"), "", config.accounts[1], now()));
  EXPECT_EQ(theirs.status, 400) << theirs.body;
  const std::string positions =
      "/api/v2/mix/position/all-position?productType=USDT-FUTURES&marginCoin=USDT";
  const auto alice_pos = emu->Handle(Signed("GET", positions, "", config.accounts[0], now()));
  const auto bob_pos = emu->Handle(Signed("GET", positions, "", config.accounts[1], now()));
  ASSERT_EQ(alice_pos.status, 200) << alice_pos.body;
  ASSERT_EQ(bob_pos.status, 200) << bob_pos.body;
  EXPECT_NE(alice_pos.body.find("BTCUSDT"), std::string::npos) << alice_pos.body;
  EXPECT_EQ(bob_pos.body.find("BTCUSDT"), std::string::npos) << bob_pos.body;

  // The default test account is not open when accounts are given.
  const auto stranger = emu->Handle(Signed("GET", accounts, "", EmulatorAccount{}, now()));
  EXPECT_NE(stranger.body.find(R"("code":"40006")"), std::string::npos) << stranger.body;
}

TEST(EmulatorAccounts, BadAccountsAndSpeedAreRejectedAtStart) {
  EmulatorConfig duplicate;
  duplicate.accounts = {EmulatorAccount{}, EmulatorAccount{}};
  EXPECT_EQ(Emulator::Start(duplicate).error().code, core::ErrorCode::kInvalidArgument);
  EmulatorConfig negative;
  negative.accounts[0].usdt_deposit = "-5";
  EXPECT_EQ(Emulator::Start(negative).error().code, core::ErrorCode::kInvalidArgument);
  EmulatorConfig stopped;
  stopped.speed = 0;
  EXPECT_EQ(Emulator::Start(stopped).error().code, core::ErrorCode::kInvalidArgument);
}

// ---- market speed ------------------------------------------------------------------------------

// The last 1m candle's open time (ms) from a candles answer.
std::int64_t LastCandleOpen(const net::HttpResponse& response) {
  const auto doc = boost::json::parse(response.body);
  const auto& rows = doc.at("data").as_array();
  EXPECT_FALSE(rows.empty());
  if (rows.empty()) return 0;
  return std::stoll(std::string(rows.back().as_array().at(0).as_string()));
}

TEST(EmulatorSpeed, MarketTimeRunsSpeedTimesFasterThanTheWallClock) {
  const core::Timestamp t0 = core::Timestamp::FromMillis(core::WallClock().Now().millis());
  auto wall_ms = std::make_shared<std::atomic<std::int64_t>>(t0.millis());
  EmulatorConfig config;
  config.speed = 60;
  config.wall_clock = [wall_ms] { return core::Timestamp::FromMillis(wall_ms->load()); };
  auto emu = StartEmulator(config);
  ASSERT_NE(emu, nullptr);
  EXPECT_EQ(emu->MarketNow(), t0);

  wall_ms->store(t0.millis() + 10'000);  // 10 wall seconds = 10 market minutes
  EXPECT_EQ(emu->MarketNow(), t0 + 600s);
  net::HttpRequest candles;
  candles.target =
      "/api/v2/mix/market/candles?symbol=BTCUSDT&productType=USDT-FUTURES&granularity=1m&limit=30";
  const auto answer = emu->Handle(candles);
  ASSERT_EQ(answer.status, 200) << answer.body;
  const std::int64_t last = LastCandleOpen(answer);
  EXPECT_GE(last, t0.millis() + 9 * 60'000);
  EXPECT_LE(last, t0.millis() + 10 * 60'000);

  // Authentication still uses the (injected) wall clock, not market time.
  const std::string accounts = "/api/v2/mix/account/accounts?productType=USDT-FUTURES";
  const core::Timestamp wall_now = core::Timestamp::FromMillis(wall_ms->load());
  EXPECT_EQ(emu->Handle(Signed("GET", accounts, "", EmulatorAccount{}, wall_now)).status, 200);
  const auto at_market = emu->Handle(Signed("GET", accounts, "", EmulatorAccount{}, t0 + 600s));
  EXPECT_NE(at_market.body.find(R"("code":"40008")"), std::string::npos) << at_market.body;
  // The public time endpoint answers wall time (clients measure their clock offset with it).
  net::HttpRequest time;
  time.target = "/api/v2/public/time";
  EXPECT_NE(emu->Handle(time).body.find(std::to_string(wall_now.millis())), std::string::npos);
}

TEST(EmulatorSpeed, SpeedOneFollowsTheWallClock) {
  const core::Timestamp t0 = core::Timestamp::FromMillis(core::WallClock().Now().millis());
  auto wall_ms = std::make_shared<std::atomic<std::int64_t>>(t0.millis());
  EmulatorConfig config;
  config.wall_clock = [wall_ms] { return core::Timestamp::FromMillis(wall_ms->load()); };
  auto emu = StartEmulator(config);
  ASSERT_NE(emu, nullptr);
  wall_ms->store(t0.millis() + 10'000);
  EXPECT_EQ(emu->MarketNow(), t0 + 10s);
}

TEST(EmulatorWsFaults, DisconnectsEveryIntervalOfWallTime) {
  const core::Timestamp t0 = core::WallClock().Now();
  auto wall_ms = std::make_shared<std::atomic<std::int64_t>>(t0.millis());
  EmulatorConfig config;
  config.ws_disconnect_interval = 1000ms;
  config.wall_clock = [wall_ms] { return core::Timestamp::FromMillis(wall_ms->load()); };
  auto emu = StartEmulator(config);
  ASSERT_NE(emu, nullptr);
  auto ws = net::BlockingWsClient::Connect(emu->WsUrl() + "/v2/ws/public", {});
  ASSERT_TRUE(ws.has_value()) << ws.error().ToString();
  ASSERT_TRUE((*ws)->Send("ping"));
  EXPECT_EQ((*ws)->Receive(5s).value_or(""), "pong");
  wall_ms->store(t0.millis() + 60'000);  // the pump's next round drops the connection
  bool dropped = false;
  for (int i = 0; i < 50 && !dropped; ++i) {
    auto message = (*ws)->Receive(200ms);
    if (!message && message.error().code != core::ErrorCode::kTimeout) dropped = true;
  }
  EXPECT_TRUE(dropped);
}

}  // namespace
}  // namespace bgt::emulator
