// Order-book apply + checksum per `books` update message (market::OrderBook), on the workload of
// book_bench_data.h. Every message must apply cleanly (its checksum, computed independently by
// a reference map, must match) and each full pass must end on the reference's final checksum;
// anything else aborts. BM_BookApplyChecksumLatency times each message and reports p50/p99/max.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "book_bench_data.h"
#include "core/check.h"
#include "market/order_book.h"

namespace bgt::bench {
namespace {

const BookWorkload& Workload() {
  static const BookWorkload kWorkload = MakeBookWorkload();
  return kWorkload;
}

void ApplyOrDie(market::OrderBook& book, const model::BookDelta& delta) {
  const market::ApplyResult r = book.Apply(delta);
  BGT_CHECK(r.applied(), r.detail);
}

void Run(benchmark::State& state, const std::vector<model::BookDelta>& updates, bool verify_final) {
  const BookWorkload& w = Workload();
  market::OrderBook book(w.spec);
  ApplyOrDie(book, w.snapshot);
  std::size_t i = 0;
  for (auto _ : state) {
    ApplyOrDie(book, updates[i]);
    if (++i == updates.size()) {
      BGT_CHECK(!verify_final || book.Checksum() == w.final_checksum, "final checksum differs");
      ApplyOrDie(book, w.snapshot);
      i = 0;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_BookApplyChecksum(benchmark::State& state) { Run(state, Workload().updates, true); }
BENCHMARK(BM_BookApplyChecksum);

// The same messages without their checksum field: the cost of the merge alone.
void BM_BookApplyNoChecksum(benchmark::State& state) {
  static const std::vector<model::BookDelta> kStripped = [] {
    std::vector<model::BookDelta> out = Workload().updates;
    for (auto& d : out) d.checksum.reset();
    return out;
  }();
  Run(state, kStripped, true);
}
BENCHMARK(BM_BookApplyNoChecksum);

// CRC32 of the top 25 levels of a 400-level book.
void BM_BookChecksumTop25(benchmark::State& state) {
  const BookWorkload& w = Workload();
  market::OrderBook book(w.spec);
  ApplyOrDie(book, w.snapshot);
  for (auto _ : state) {
    const std::int32_t crc = book.Checksum();
    BGT_CHECK(crc == *w.snapshot.checksum, "checksum differs");
    benchmark::DoNotOptimize(crc);
  }
}
BENCHMARK(BM_BookChecksumTop25);

// One iteration = one pass over every message, each timed on its own (steady_clock, ~20 ns of
// overhead per sample included).
void BM_BookApplyChecksumLatency(benchmark::State& state) {
  const BookWorkload& w = Workload();
  std::vector<double> ns(w.updates.size());
  std::vector<double> all;
  for (auto _ : state) {
    market::OrderBook book(w.spec);
    ApplyOrDie(book, w.snapshot);
    for (std::size_t i = 0; i < w.updates.size(); ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      const market::ApplyResult r = book.Apply(w.updates[i]);
      const auto t1 = std::chrono::steady_clock::now();
      BGT_CHECK(r.applied(), r.detail);
      ns[i] = std::chrono::duration<double, std::nano>(t1 - t0).count();
    }
    BGT_CHECK(book.Checksum() == w.final_checksum, "final checksum differs");
    all.insert(all.end(), ns.begin(), ns.end());
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
BENCHMARK(BM_BookApplyChecksumLatency)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace bgt::bench
