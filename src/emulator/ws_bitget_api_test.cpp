// Runs npm clients against a WsGateway on a loopback server: bitget-api
// (tests/conformance/bitget_api_ws.js) and ccxt pro (tests/conformance/ccxt_ws.js, whose REST
// market load is answered from tests/fixtures/bitget/contracts.json). Skipped when node or the
// package is missing.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "emulator/ws_server.h"
#include "net/http_server.h"
#include "sim/market_generator.h"

namespace bgt::emulator {
namespace {

// Serves a gateway (and the contracts fixture over REST), pumps it every 100 ms while advancing
// the market (with `faults` injected), and runs `node <script> <args>` with {rest} and {ws}
// replaced. Returns the exit status, or -1 when the test should be skipped.
int RunNodeClient(const std::string& script, const std::string& args, const WsFaults& faults = {}) {
  const char* source_dir = std::getenv("BGT_SOURCE_DIR");
  if (source_dir == nullptr) return -1;
  if (std::system("node --version > /dev/null 2>&1") != 0) return -1;
  std::ifstream contracts_file(std::string(source_dir) + "/tests/fixtures/bitget/contracts.json");
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
  EXPECT_TRUE(server.has_value());
  if (!server.has_value()) return 1;

  std::atomic<bool> stop{false};
  std::thread pump([&] {
    while (!stop.load()) {
      EXPECT_TRUE(source->AdvanceTo(source->Now() + std::chrono::milliseconds(200)).ok());
      gateway.Pump(source->Now());
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  const std::string port = std::to_string(server.value()->port());
  std::string command =
      std::string("node ") + source_dir + "/tests/conformance/" + script + " " + args;
  for (const auto& [key, value] :
       {std::pair<std::string, std::string>{"{rest}", "http://127.0.0.1:" + port},
        {"{ws}", "ws://127.0.0.1:" + port + "/"}}) {
    for (auto at = command.find(key); at != std::string::npos; at = command.find(key)) {
      command.replace(at, key.size(), value);
    }
  }
  const int status = std::system(command.c_str());
  stop.store(true);
  pump.join();
  server.value()->Stop();
  if (!WIFEXITED(status)) return 1;
  return WEXITSTATUS(status) == 2 ? -1 : WEXITSTATUS(status);
}

TEST(WsConformanceTest, BitgetApiClientLogsInSubscribesAndReceivesPushes) {
  const int rc = RunNodeClient("bitget_api_ws.js", "{ws}");
  ASSERT_GE(rc, 0) << "node, bitget-api or BGT_SOURCE_DIR missing (run scripts/install-deps)";
  EXPECT_EQ(rc, 0);
}

TEST(WsConformanceTest, CcxtProWatchesTickerAndChecksummedOrderBook) {
  const int rc = RunNodeClient("ccxt_ws.js", "{rest} {ws}");
  ASSERT_GE(rc, 0) << "node, ccxt or BGT_SOURCE_DIR missing (run scripts/install-deps)";
  EXPECT_EQ(rc, 0);
}

// Proves the test above exercises ccxt's checksum validation: corrupted checksums make it fail.
TEST(WsConformanceTest, CcxtProRejectsCorruptedBookChecksums) {
  const int rc = RunNodeClient("ccxt_ws.js", "{rest} {ws}", {.corrupt_book_checksums = 1000});
  ASSERT_GE(rc, 0) << "node, ccxt or BGT_SOURCE_DIR missing (run scripts/install-deps)";
  EXPECT_EQ(rc, 1);
}

}  // namespace
}  // namespace bgt::emulator
