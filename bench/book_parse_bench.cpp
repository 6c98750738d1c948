// Parse + apply + checksum per `books` update push: bitget::ParseWsBooks of the JSON text into a
// reused model::BookDelta, then market::OrderBook::Apply (which verifies the checksum). Same
// workload and checks as book_bench.cpp; any parse error or failed apply aborts.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "bitget/parse_ws.h"
#include "book_bench_data.h"
#include "core/check.h"
#include "market/order_book.h"

namespace bgt::bench {
namespace {

const BookWorkload& Workload() {
  static const BookWorkload kWorkload = MakeBookWorkload();
  return kWorkload;
}

market::ApplyResult ParseAndApply(market::OrderBook& book, const std::string& json,
                                  model::BookDelta& delta) {
  const core::Status parsed = bitget::ParseWsBooks(json, delta);
  BGT_CHECK(parsed.ok(), parsed.ToString());
  return book.Apply(delta);
}

void BM_BookParseApplyChecksum(benchmark::State& state) {
  const BookWorkload& w = Workload();
  market::OrderBook book(w.spec);
  model::BookDelta delta;
  BGT_CHECK(ParseAndApply(book, w.snapshot_json[0], delta).applied(), "snapshot");
  std::size_t i = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const market::ApplyResult r = ParseAndApply(book, w.updates_json[i], delta);
    BGT_CHECK(r.applied(), r.detail);
    bytes += w.updates_json[i].size();
    if (++i == w.updates_json.size()) {
      BGT_CHECK(book.Checksum() == w.final_checksum, "final checksum differs");
      BGT_CHECK(ParseAndApply(book, w.snapshot_json[0], delta).applied(), "snapshot");
      i = 0;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_BookParseApplyChecksum);

void BM_BookParseApplyChecksumLatency(benchmark::State& state) {
  const BookWorkload& w = Workload();
  std::vector<double> all;
  model::BookDelta delta;
  for (auto _ : state) {
    market::OrderBook book(w.spec);
    BGT_CHECK(ParseAndApply(book, w.snapshot_json[0], delta).applied(), "snapshot");
    for (const std::string& json : w.updates_json) {
      const auto t0 = std::chrono::steady_clock::now();
      const market::ApplyResult r = ParseAndApply(book, json, delta);
      const auto t1 = std::chrono::steady_clock::now();
      BGT_CHECK(r.applied(), r.detail);
      all.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
    }
    BGT_CHECK(book.Checksum() == w.final_checksum, "final checksum differs");
  }
  std::sort(all.begin(), all.end());
  auto pct = [&all](double p) {
    return all[static_cast<std::size_t>(p * static_cast<double>(all.size() - 1))];
  };
  state.counters["p50_ns"] = pct(0.50);
  state.counters["p99_ns"] = pct(0.99);
  state.counters["max_ns"] = all.back();
  state.SetItemsProcessed(static_cast<std::int64_t>(all.size()));
}
BENCHMARK(BM_BookParseApplyChecksumLatency)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace bgt::bench
