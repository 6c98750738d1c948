// Bitget WebSocket push parsing (bitget/parse_ws.h): a ticker push, a books5 snapshot and a
// 50-level books snapshot, each parsed into a reused object. Every iteration checks the values
// it read, and a counting operator new checks that steady-state parsing does not allocate
// (reported as allocs_per_parse; the benchmark aborts if it is not zero).
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

#include "bitget/parse_ws.h"
#include "core/check.h"

// The replacement operator new/delete below pair malloc with free; GCC cannot see that once
// they are inlined into library code.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

namespace {
std::atomic<std::size_t> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace bgt::bench {
namespace {

const std::string kTicker =
    R"({"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":"ticker","instId":"BTCUSDT"},"data":[{"instId":"BTCUSDT","lastPr":"43480.4","bidPr":"43476.3","askPr":"43476.8","bidSz":"0.1","askSz":"3.055","open24h":"42252.3","high24h":"44518.2","low24h":"41387.0","change24h":"0.03875","fundingRate":"0.000096","nextFundingTime":"1701849600000","markPrice":"43476.4","indexPrice":"43478.4","holdingAmount":"50670.787","baseVolume":"120187.104","quoteVolume":"5167385048.693","openUtc":"44071.4","symbolType":"1","symbol":"BTCUSDT","deliveryPrice":"0","ts":"1701843962811"}],"ts":1701843962812})";

const std::string kBooks5 =
    R"({"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":"books5","instId":"BTCUSDT"},"data":[{"asks":[["27000.5","8.760"],["27001.0","0.400"],["27001.5","1.1"],["27002.0","2.25"],["27002.5","0.003"]],"bids":[["27000.0","2.710"],["26999.5","1.460"],["26999.0","0.5"],["26998.5","3"],["26998.0","0.75"]],"seq":123,"pseq":122,"ts":"1695716059516"}],"ts":1695716059516})";

std::string Books50() {
  std::string asks;
  std::string bids;
  for (int i = 0; i < 50; ++i) {
    const std::string sep = i ? "," : "";
    asks += sep + "[\"" + std::to_string(27000 + i) + ".5\",\"" + std::to_string(i + 1) + ".125\"]";
    bids += sep + "[\"" + std::to_string(27000 - i) + ".0\",\"0." + std::to_string(i + 1) + "\"]";
  }
  return R"({"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":"books","instId":"ETHUSDT"},"data":[{"asks":[)" +
         asks + R"(],"bids":[)" + bids +
         R"(],"checksum":-1504501796,"seq":9001,"pseq":0,"ts":"1695716059516"}],"ts":1695716059516})";
}

template <typename Parse, typename Check>
void Run(benchmark::State& state, const std::string& text, Parse&& parse, Check&& check) {
  for (int i = 0; i < 3; ++i) {  // warm-up: parser buffers, row capacity
    BGT_CHECK(parse(text).ok(), "warm-up parse");
  }
  const std::size_t before = g_allocations.load();
  std::size_t parses = 0;
  for (auto _ : state) {
    const bgt::core::Status s = parse(text);
    BGT_CHECK(s.ok(), s.ToString());
    check();
    ++parses;
  }
  const std::size_t allocations = g_allocations.load() - before;
  BGT_CHECK(allocations == 0, "steady-state parsing allocated");
  state.counters["allocs_per_parse"] =
      static_cast<double>(allocations) / static_cast<double>(parses == 0 ? 1 : parses);
  state.SetItemsProcessed(static_cast<std::int64_t>(parses));
  state.SetBytesProcessed(static_cast<std::int64_t>(parses * text.size()));
}

void BM_WsParseTicker(benchmark::State& state) {
  bitget::WsPush<model::Ticker> push;
  Run(
      state, kTicker, [&](const std::string& t) { return bitget::ParseWsTickers(t, push); },
      [&] {
        BGT_CHECK(push.rows.size() == 1 && push.rows[0].symbol == "BTCUSDT" &&
                      push.rows[0].last_price.mantissa() == 434804 &&
                      push.rows[0].open_interest.mantissa() == 50670787,
                  "ticker values");
      });
}
BENCHMARK(BM_WsParseTicker);

void BM_WsParseBooks5(benchmark::State& state) {
  model::BookDelta delta;
  Run(
      state, kBooks5, [&](const std::string& t) { return bitget::ParseWsBooks(t, delta); },
      [&] {
        BGT_CHECK(delta.asks.size() == 5 && delta.bids.size() == 5 &&
                      delta.asks[4].size == "0.003" && delta.bids[0].price == "27000.0" &&
                      delta.seq == 123,
                  "books5 values");
      });
}
BENCHMARK(BM_WsParseBooks5);

void BM_WsParseBooks50(benchmark::State& state) {
  const std::string text = Books50();
  model::BookDelta delta;
  Run(
      state, text, [&](const std::string& t) { return bitget::ParseWsBooks(t, delta); },
      [&] {
        BGT_CHECK(delta.asks.size() == 50 && delta.bids.size() == 50 &&
                      delta.asks[49].price == "27049.5" && delta.bids[49].size == "0.50" &&
                      delta.checksum == -1504501796,
                  "books50 values");
      });
}
BENCHMARK(BM_WsParseBooks50);

void BM_WsParseFrameHeader(benchmark::State& state) {
  bitget::WsFrame frame;
  Run(
      state, kTicker, [&](const std::string& t) { return bitget::ParseWsFrame(t, frame); },
      [&] {
        BGT_CHECK(frame.type == bitget::WsFrameType::kPush && frame.arg.inst_id == "BTCUSDT",
                  "frame header");
      });
}
BENCHMARK(BM_WsParseFrameHeader);

}  // namespace
}  // namespace bgt::bench
