// Writes a `bgt record` file (record_command.h format) of one Bitget `books` stream for
// bench/compare-ccxt-book: a BTCUSDT snapshot (tick 0.1, lots 0.001, 400 levels a side) then
// N-1 updates of 1-10 level changes near the touch (~25 % deletes), the workload of
// bench/book_bench_data.h, each with the CRC32 checksum of the resulting top 25 levels computed by
// a naive reference (std::map + market::BookChecksum). Prints the final checksum.
// Usage: bgt_book_stream_gen N FILE
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "book_bench_data.h"

int main(int argc, char** argv) {
  using namespace bgt;
  long long n = 0;
  if (argc != 3 || std::from_chars(argv[1], argv[1] + std::strlen(argv[1]), n).ec != std::errc() ||
      n < 1) {
    std::fprintf(stderr, "usage: bgt_book_stream_gen N FILE (N >= 1)\n");
    return 2;
  }
  std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
  if (!out) {
    std::fprintf(stderr, "bgt_book_stream_gen: cannot write %s\n", argv[2]);
    return 1;
  }
  std::mt19937_64 rng(20261125);
  auto uniform = [&rng](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  std::geometric_distribution<std::int64_t> distance(0.08);
  const std::int64_t mid = 270000;  // 27000.0
  std::map<std::int64_t, model::BookLevelText> bids;
  std::map<std::int64_t, model::BookLevelText> asks;
  for (std::int64_t i = 0; i < 400; ++i) {
    bids[mid - 1 - i] = {bench::TickText(mid - 1 - i), bench::LotText(uniform(1, 20000))};
    asks[mid + 1 + i] = {bench::TickText(mid + 1 + i), bench::LotText(uniform(1, 20000))};
  }
  std::vector<market::LevelText> b;
  std::vector<market::LevelText> a;
  auto checksum = [&] {
    b.clear();
    a.clear();
    for (auto it = bids.rbegin(); it != bids.rend() && b.size() < 25; ++it) {
      b.push_back({it->second.price, it->second.size});
    }
    for (auto it = asks.begin(); it != asks.end() && a.size() < 25; ++it) {
      a.push_back({it->second.price, it->second.size});
    }
    return market::BookChecksum(b, a);
  };
  std::int64_t seq = 1000;
  std::int64_t recv_ns = 1795600000000000000;
  model::BookDelta d;
  d.symbol = "BTCUSDT";
  d.channel = "books";
  d.action = model::BookAction::kSnapshot;
  for (auto it = bids.rbegin(); it != bids.rend(); ++it) d.bids.push_back(it->second);
  for (auto& [t, l] : asks) d.asks.push_back(l);
  d.seq = seq;
  d.checksum = checksum();
  out << recv_ns << '\t' << bench::ToJson(d) << '\n';
  for (long long m = 1; m < n; ++m) {
    d.bids.clear();
    d.asks.clear();
    d.action = model::BookAction::kUpdate;
    const std::int64_t changes = uniform(1, 10);
    for (std::int64_t c = 0; c < changes; ++c) {
      const bool bid = uniform(0, 1) == 0;
      const std::int64_t ticks = bid ? mid - 1 - distance(rng) : mid + 1 + distance(rng);
      const bool del = uniform(0, 3) == 0;
      model::BookLevelText level{bench::TickText(ticks),
                                 del ? "0" : bench::LotText(uniform(1, 20000))};
      auto& side = bid ? bids : asks;
      if (del) {
        side.erase(ticks);
      } else {
        side[ticks] = level;
      }
      (bid ? d.bids : d.asks).push_back(std::move(level));
    }
    d.prev_seq = seq;
    d.seq = ++seq;
    d.checksum = checksum();
    recv_ns += 1000000;
    out << recv_ns << '\t' << bench::ToJson(d) << '\n';
  }
  out.flush();
  if (!out) {
    std::fprintf(stderr, "bgt_book_stream_gen: write to %s failed\n", argv[2]);
    return 1;
  }
  std::printf("messages=%lld final_checksum=%d\n", n, checksum());
  return 0;
}
