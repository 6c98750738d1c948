// npm clients against the full emulator: starts it on a free loopback port (system wall clock,
// the documented test account, rate limits on) and runs one tests/conformance/ session per test
// with the repo's pinned, unmodified packages: ccxt REST (ccxt_rest.js), bitget-api REST
// (bitget_api_rest.js), ccxt pro WebSocket with private watches (ccxt_ws.js --private) and
// bitget-api WebSocket public + private (bitget_api_ws.js --private). Each script prints
// "ok <step>" per checked step; the test asserts exit 0 and the exact step list. A missing node
// or package is a failure, not a skip (scripts/install-deps installs them).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "emulator/emulator.h"
#include "tests/support/node_runner.h"

namespace bgt::emulator {
namespace {

using test_support::NodeRun;
using test_support::RunNodeScript;

class NpmConformanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto emulator = Emulator::Start(EmulatorConfig{});
    ASSERT_TRUE(emulator.has_value()) << emulator.error().ToString();
    emulator_ = std::move(*emulator);
  }

  static void ExpectSession(const NodeRun& run, const std::vector<std::string>& steps) {
    ASSERT_TRUE(run.failure.empty()) << run.Describe();
    EXPECT_EQ(run.exit_code, 0) << "a step failed (FAILED <step> on stderr); " << run.Describe();
    EXPECT_EQ(run.OkSteps(), steps) << run.Describe();
    EXPECT_NE(run.output.find("passed " + std::to_string(steps.size()) + " steps\n"),
              std::string::npos)
        << run.Describe();
  }

  std::unique_ptr<Emulator> emulator_;
};

TEST_F(NpmConformanceTest, CcxtRestFullSession) {
  const NodeRun run = RunNodeScript("tests/conformance/ccxt_rest.js", {emulator_->RestUrl()});
  ExpectSession(run, {"loadMarkets",
                      "fetchTicker",
                      "fetchTickers",
                      "fetchOHLCV 1m",
                      "fetchOHLCV 15m",
                      "fetchOHLCV 1h",
                      "fetchOHLCV 4h",
                      "fetchOHLCV 1d",
                      "fetchOHLCV 1h since",
                      "fetchOrderBook",
                      "fetchOpenInterest",
                      "fetchFundingRate",
                      "fetchFundingRateHistory",
                      "fetchBalance",
                      "setLeverage",
                      "setMarginMode isolated (flat)",
                      "setMarginMode cross (flat)",
                      "setPositionMode one-way",
                      "createOrder limit",
                      "fetchOrder limit (open)",
                      "createOrder post-only (rests)",
                      "createOrder post-only (would take: canceled)",
                      "fetchOpenOrders",
                      "cancelOrder",
                      "cancelOrder again (OrderNotFound)",
                      "cancelAllOrders",
                      "createOrder market (open long)",
                      "fetchMyTrades (fills of the market order)",
                      "numbers agree: position size = filled size",
                      "numbers agree: balance moved by the open fee",
                      "setMarginMode refused while a position is open (45117)",
                      "createOrder reduce-only market (close long)",
                      "numbers agree: balance moved by realized PnL + close fee",
                      "reduce-only with nothing open is refused",
                      "setPositionMode hedge",
                      "hedge open long + open short",
                      "hedge close long (reduce-only)",
                      "closePosition short",
                      "closeAllPositions",
                      "setPositionMode one-way (back)"});
}

TEST_F(NpmConformanceTest, BitgetApiRestFullSession) {
  const NodeRun run = RunNodeScript("tests/conformance/bitget_api_rest.js", {emulator_->RestUrl()},
                                    {.package = "bitget-api"});
  ExpectSession(run, {"getServerTime",
                      "getFuturesContractConfig",
                      "getFuturesTicker",
                      "getFuturesAllTickers",
                      "getFuturesCandles",
                      "getFuturesHistoricCandles",
                      "getFuturesMergeDepth",
                      "getFuturesOpenInterest",
                      "getFuturesCurrentFundingRate",
                      "getFuturesAccountAsset",
                      "setFuturesLeverage",
                      "setFuturesMarginMode",
                      "setFuturesPositionMode",
                      "futuresSubmitOrder limit",
                      "getFuturesOrder",
                      "getFuturesOpenOrders",
                      "futuresCancelOrder",
                      "futuresCancelAllOrders",
                      "refused call keeps the Bitget envelope",
                      "futuresSubmitOrder market",
                      "getFuturesFills",
                      "getFuturesPositions (size = filled)",
                      "balance moved by the fee",
                      "futuresFlashClosePositions",
                      "nothing to close (22002)"});
}

TEST_F(NpmConformanceTest, CcxtProPublicAndPrivateWatches) {
  const NodeRun run =
      RunNodeScript("tests/conformance/ccxt_ws.js",
                    {emulator_->RestUrl(), emulator_->WsUrl() + "/v2/ws/private", "--private"});
  ExpectSession(run, {"loadMarkets", "watchTicker", "watchOrderBook (checksummed updates)",
                      "setPositionMode one-way (REST)", "watchBalance (snapshot)",
                      "watchOrders (new order open)", "watchOrders (canceled)",
                      "watchPositions (long of the filled size)", "watchBalance (after the trade)",
                      "watchPositions (closed)"});
}

TEST_F(NpmConformanceTest, BitgetApiWsPublicAndPrivatePushes) {
  const NodeRun run =
      RunNodeScript("tests/conformance/bitget_api_ws.js",
                    {emulator_->WsUrl() + "/v2/ws/private", "--private", emulator_->RestUrl()},
                    {.package = "bitget-api"});
  ExpectSession(run,
                {"authenticated", "ticker", "books", "orders-ack", "positions-ack", "fill-ack",
                 "account-ack", "orders push: live", "orders push: canceled", "orders push: filled",
                 "fill push", "positions push: long 0.01", "account push", "positions push: flat"});
}

}  // namespace
}  // namespace bgt::emulator
