// Runs npm clients against a bare WsGateway on a loopback server (public channels, login and
// fault injection; the full emulator's private sessions are in ccxt_rest_conformance_test.cpp):
// bitget-api (tests/conformance/bitget_api_ws.js) and ccxt pro (tests/conformance/ccxt_ws.js,
// whose REST market load is answered from tests/fixtures/bitget/contracts.json). A missing node
// or package is a failure, not a skip.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "emulator/ws_server.h"
#include "net/http_server.h"
#include "sim/market_generator.h"
#include "tests/support/node_runner.h"

namespace bgt::emulator {
namespace {

using test_support::NodeRun;

// Serves a gateway (and the contracts fixture over REST), pumps it every 100 ms while advancing
// the market (with `faults` injected), and runs `node tests/conformance/<script> <args>` with
// {rest} and {ws} replaced in the arguments.
NodeRun RunNodeClient(const std::string& script, std::vector<std::string> args,
                      const std::string& package, const WsFaults& faults = {}) {
  std::ifstream contracts_file(test_support::SourceDir() + "/tests/fixtures/bitget/contracts.json");
  std::stringstream contracts;
  contracts << contracts_file.rdbuf();

  sim::MarketGeneratorConfig config;
  config.history_days = 2;
  auto source = std::move(sim::MarketGenerator::Create(std::move(config)).value());
  WsGateway gateway(*source);  // the system wall clock: node signs with Date.now()
  gateway.SetFaults(faults);
  const std::string body = contracts.str();
  auto server = net::HttpServer::Start(
      {},
      [&body](const net::HttpRequest& request) {
        net::ServerReply reply;
        reply.response.status = 404;
        reply.response.body = R"({"code":"40404","msg":"not found","data":null})";
        if (request.target.starts_with("/api/v2/mix/market/contracts")) {
          reply.response.status = 200;
          reply.response.body = body;
        }
        return reply;
      },
      gateway.Handler());
  if (!server.has_value()) {
    NodeRun failed;
    failed.failure = "server: " + server.error().ToString();
    return failed;
  }

  std::atomic<bool> stop{false};
  std::thread pump([&] {
    while (!stop.load()) {
      EXPECT_TRUE(source->AdvanceTo(source->Now() + std::chrono::milliseconds(200)).ok());
      gateway.Pump(source->Now());
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  const std::string port = std::to_string(server.value()->port());
  for (std::string& arg : args) {
    if (arg == "{rest}") arg = "http://127.0.0.1:" + port;
    if (arg == "{ws}") arg = "ws://127.0.0.1:" + port + "/";
  }
  NodeRun run = test_support::RunNodeScript("tests/conformance/" + script, args,
                                            {.package = package, .timeout_s = 120});
  stop.store(true);
  pump.join();
  server.value()->Stop();
  return run;
}

TEST(WsConformanceTest, BitgetApiClientLogsInSubscribesAndReceivesPushes) {
  const NodeRun run = RunNodeClient("bitget_api_ws.js", {"{ws}"}, "bitget-api");
  ASSERT_TRUE(run.failure.empty()) << run.Describe();
  EXPECT_EQ(run.exit_code, 0) << run.Describe();
  EXPECT_EQ(run.OkSteps(),
            (std::vector<std::string>{"authenticated", "ticker", "books", "orders-ack"}));
}

TEST(WsConformanceTest, CcxtProWatchesTickerAndChecksummedOrderBook) {
  const NodeRun run = RunNodeClient("ccxt_ws.js", {"{rest}", "{ws}"}, "ccxt");
  ASSERT_TRUE(run.failure.empty()) << run.Describe();
  EXPECT_EQ(run.exit_code, 0) << run.Describe();
  EXPECT_EQ(run.OkSteps(), (std::vector<std::string>{"loadMarkets", "watchTicker",
                                                     "watchOrderBook (checksummed updates)"}));
}

// Proves the test above exercises ccxt's checksum validation: corrupted checksums make it fail
// at the order-book step.
TEST(WsConformanceTest, CcxtProRejectsCorruptedBookChecksums) {
  const NodeRun run =
      RunNodeClient("ccxt_ws.js", {"{rest}", "{ws}"}, "ccxt", {.corrupt_book_checksums = 1000});
  ASSERT_TRUE(run.failure.empty()) << run.Describe();
  EXPECT_EQ(run.exit_code, 1) << run.Describe();
  EXPECT_EQ(run.OkSteps(), (std::vector<std::string>{"loadMarkets", "watchTicker"}));
}

}  // namespace
}  // namespace bgt::emulator
