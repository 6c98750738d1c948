// Times bgt's replay path over a `bgt record` file of `books` pushes (bench/compare-ccxt-book):
// the file is read into memory first, then every frame goes through app::MarketView::OnFrame —
// the same code as `bgt replay` (ParseWsFrame, ParseWsBooks, MarketDataEngine/BookManager with
// the CRC32 check). Prints messages, wall and CPU time, checksums verified, integrity failures
// and the final book checksum; exits 1 if any frame failed.
// Usage: bgt_book_replay FILE [SYMBOL]
#include <ctime>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "app/watch_command.h"

namespace {
std::int64_t CpuNanos() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: bgt_book_replay FILE [SYMBOL]\n");
    return 2;
  }
  const std::string symbol = argc == 3 ? argv[2] : "BTCUSDT";
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "bgt_book_replay: cannot read %s\n", argv[1]);
    return 1;
  }
  std::vector<std::string> frames;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    frames.push_back(line.substr(tab + 1));
  }
  bgt::app::MarketView view;
  const std::int64_t cpu_start = CpuNanos();
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& frame : frames) (void)view.OnFrame(frame);
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
          .count();
  const std::int64_t cpu = CpuNanos() - cpu_start;
  const bgt::market::OrderBook* book = view.engine().books().Find(symbol);
  const auto& c = view.engine().books().counters();
  const std::uint64_t failures =
      c.gaps + c.checksum_failures + c.crossed + c.malformed + view.counters().malformed;
  std::printf("n=%zu elapsed_ns=%lld cpu_ns=%lld verified=%llu failures=%llu checksum=%d\n",
              frames.size(), static_cast<long long>(elapsed), static_cast<long long>(cpu),
              static_cast<unsigned long long>(book ? book->counters().checksums_verified : 0),
              static_cast<unsigned long long>(failures),
              book && book->valid() ? book->Checksum() : 0);
  return failures == 0 && book != nullptr && book->valid() ? 0 : 1;
}
