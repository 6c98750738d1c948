// The synthetic market: live steps for the twenty preset symbols (ticker, trades, rolling 24 h,
// funding), order-book snapshots, and history generation (1-minute days aggregated to daily
// candles). Every benchmark checks what it produced (prices on the tick, uncrossed touch, trades
// in time order, candle relations) and aborts on a wrong answer.
#include <benchmark/benchmark.h>

#include <memory>

#include "core/check.h"
#include "sim/market_generator.h"

namespace bgt::sim {
namespace {

using core::Timestamp;

std::unique_ptr<MarketGenerator> Make(int history_days, std::size_t symbols) {
  MarketGeneratorConfig config;
  config.seed = 42;
  config.history_days = history_days;
  config.presets.resize(symbols);
  auto gen = MarketGenerator::Create(std::move(config));
  BGT_CHECK(gen.has_value(), "generator creation failed");
  return std::move(gen).value();
}

// Checks symbol i's state after a step that ended at `now` and began after `previous`.
void Verify(const MarketGenerator& gen, std::size_t i, Timestamp previous, Timestamp now) {
  const model::Instrument& in = gen.instruments()[i];
  const model::Ticker& k = gen.ticker(i);
  BGT_CHECK(k.ts == now, "stale ticker");
  BGT_CHECK(k.last_price.IsPositive() && k.last_price.IsMultipleOf(in.tick_size()),
            "last price off the tick");
  BGT_CHECK(k.bid_price < k.ask_price, "crossed touch");
  BGT_CHECK(k.low_24h <= k.last_price && k.last_price <= k.high_24h, "last outside 24h range");
  for (const MarketTrade& t : gen.RecentTrades(i)) {
    BGT_CHECK(t.ts > previous && t.ts <= now, "trade outside the step");
    BGT_CHECK(t.size.IsMultipleOf(in.size_step()), "trade size off the step");
  }
}

// One step = all twenty symbols advanced by `step_ms`; items = symbol updates.
void StepBench(benchmark::State& state, std::int64_t step_ms) {
  auto gen = Make(3, 20);
  const std::size_t n = gen->instruments().size();
  std::int64_t trades = 0;
  for (auto _ : state) {
    const Timestamp previous = gen->Now();
    const Timestamp next = previous + std::chrono::milliseconds(step_ms);
    BGT_CHECK(gen->AdvanceTo(next).ok(), "advance failed");
    for (std::size_t i = 0; i < n; ++i)
      trades += static_cast<std::int64_t>(gen->RecentTrades(i).size());
    state.PauseTiming();
    for (std::size_t i = 0; i < n; ++i) Verify(*gen, i, previous, next);
    state.ResumeTiming();
  }
  BGT_CHECK(state.iterations() < 100 || trades > 0, "no trades generated");
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  state.counters["trades/s"] =
      benchmark::Counter(static_cast<double>(trades), benchmark::Counter::kIsRate);
}

void BM_MarketStep20Symbols100ms(benchmark::State& state) { StepBench(state, 100); }
BENCHMARK(BM_MarketStep20Symbols100ms);

void BM_MarketStep20Symbols1s(benchmark::State& state) { StepBench(state, 1000); }
BENCHMARK(BM_MarketStep20Symbols1s);

void BM_MarketStep20Symbols1min(benchmark::State& state) { StepBench(state, 60'000); }
BENCHMARK(BM_MarketStep20Symbols1min);

void BM_MarketBook50(benchmark::State& state) {
  auto gen = Make(3, 20);
  std::size_t i = 0;
  for (auto _ : state) {
    const model::OrderBookSnapshot book = gen->Book(i, 50);
    BGT_CHECK(book.bids.size() == 50 && book.asks.size() == 50, "short book");
    BGT_CHECK(book.bids[0].price == gen->ticker(i).bid_price, "book top differs from ticker");
    benchmark::DoNotOptimize(book);
    i = (i + 1) % gen->instruments().size();
  }
}
BENCHMARK(BM_MarketBook50);

// A year of daily candles from a cold generator: 365 days of 1-minute generation per iteration.
void BM_MarketHistoryYearOfDailyCandles(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    auto gen = Make(400, 1);
    state.ResumeTiming();
    auto days =
        gen->Candles(0, model::Granularity::k1Dutc, gen->Now() - std::chrono::hours(24 * 365),
                     gen->Now() - std::chrono::nanoseconds(1), 1000);
    BGT_CHECK(days.has_value() && days->size() == 365, "wrong number of daily candles");
    for (const model::Candle& c : *days) {
      BGT_CHECK(model::CheckCandle(c).ok(), "inconsistent candle");
    }
  }
  state.SetItemsProcessed(state.iterations() * 365);
  state.SetLabel("items = generated days");
}
BENCHMARK(BM_MarketHistoryYearOfDailyCandles)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace bgt::sim
