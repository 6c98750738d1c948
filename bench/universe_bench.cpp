// Pair selection over 500 contracts: 500 instruments, a ticker, open interest and funding each,
// and 60 one-hour candles each (ATR from the last 57). Checks the set it computes: with volumes
// rising with the index and everything else equal, the top 10 are the last 10 symbols, and the
// symbols made to fail a filter are dropped by that filter.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/decimal.h"
#include "market/universe.h"
#include "model/contract_rows_testdata.h"

namespace {

using bgt::core::Decimal;
using bgt::core::Timestamp;
namespace market = bgt::market;
namespace model = bgt::model;

const Timestamp kNow = Timestamp::FromSeconds(1'760'000'400);
constexpr int kSymbols = 500;

Decimal D(const std::string& text) { return *Decimal::Parse(text); }

std::string Name(int i) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "S%03dUSDT", i);
  return buf;
}

market::UniverseInputs MakeInputs() {
  market::UniverseInputs in;
  for (int i = 0; i < kSymbols; ++i) {
    const std::string symbol = Name(i);
    model::ContractRow row = model::testdata::BtcUsdtRow();
    row.symbol = symbol;
    row.base_coin = symbol.substr(0, 4);
    if (i % 50 == 7) row.symbol_status = "limit_open";
    in.instruments.push_back(model::testdata::MustBuild(row));
    model::Ticker t;
    t.symbol = symbol;
    t.bid_price = D("99.99");
    t.ask_price = i % 50 == 9 ? D("101") : D("100.01");
    t.last_price = t.mark_price = D("100");
    t.quote_volume_24h = Decimal::FromInt(30'000'000 + 1'000'000LL * i);
    t.funding_rate = D("0.0001");
    t.ts = kNow - std::chrono::seconds(2);
    in.tickers.push_back(t);
    in.open_interest.push_back({symbol, D("100000"), kNow - std::chrono::seconds(5)});
    in.funding.push_back({symbol, D("0.0001"), kNow + std::chrono::hours(3), kNow});
    std::vector<model::Candle>& bars = in.candles[symbol];
    for (int h = 60; h >= 1; --h) {
      model::Candle c;
      c.open_time = kNow - std::chrono::hours(h);
      c.open = c.close = D("100");
      c.high = D("101");
      c.low = D("99");
      c.base_volume = Decimal::FromInt(10);
      c.quote_volume = Decimal::FromInt(1000);
      c.granularity = model::Granularity::k1H;
      bars.push_back(c);
    }
  }
  return in;
}

void Check(const market::UniverseSnapshot& snap) {
  bool ok = snap.members.size() == 10 && snap.verdicts.size() == kSymbols;
  for (int k = 0; ok && k < 10; ++k) ok = snap.members[k] == Name(kSymbols - 1 - k);
  const market::SymbolVerdict* status = snap.Find(Name(7));
  const market::SymbolVerdict* spread = snap.Find(Name(9));
  ok = ok && status && status->filter == market::UniverseFilter::kStatus && spread &&
       spread->filter == market::UniverseFilter::kSpread;
  if (!ok) {
    std::fprintf(stderr, "universe_bench: wrong selection\n");
    std::abort();
  }
}

void BM_UniverseRefresh500(benchmark::State& state) {
  const market::UniverseInputs inputs = MakeInputs();
  market::UniverseParams params;
  params.weights = {.volume = 1, .open_interest = 0, .spread = 0, .volatility = 0, .funding = 0};
  for (auto _ : state) {
    market::UniverseSelector selector(params);
    auto snap = selector.Refresh(inputs, kNow);
    benchmark::DoNotOptimize(snap);
    state.PauseTiming();
    Check(*snap);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * kSymbols);
}
BENCHMARK(BM_UniverseRefresh500)->Unit(benchmark::kMillisecond);

}  // namespace
