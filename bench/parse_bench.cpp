// Bitget response parsing (simdjson DOM + exact decimals): a 300-row tickers response and a
// 1000-row candles response generated deterministically (seeded), plus merge depth with JSON
// number levels (the two-pass exact-number path) and with string levels. Each benchmark checks
// the whole parsed result once and its size and a sampled row on every iteration, and aborts on
// a wrong answer.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "bitget/parse_responses.h"
#include "core/check.h"
#include "core/decimal.h"

namespace bgt::bitget {
namespace {

using core::Decimal;

// A random decimal with `scale` fraction digits in [low, high) units; its exact text.
Decimal RandomDecimal(std::mt19937_64& rng, std::int64_t low, std::int64_t high, int scale) {
  std::int64_t factor = 1;
  for (int i = 0; i < scale; ++i) factor *= 10;
  std::uniform_int_distribution<std::int64_t> dist(low * factor, high * factor - 1);
  return *Decimal::FromParts(dist(rng), scale);
}

std::string Q(const Decimal& d) { return "\"" + d.ToString() + "\""; }

struct TickersCase {
  std::string body;
  std::vector<std::string> symbols;
  std::vector<Decimal> last;
  std::vector<Decimal> holding;
};

const TickersCase& Tickers300() {
  static const TickersCase kCase = [] {
    TickersCase c;
    std::mt19937_64 rng(20261125);
    c.body = R"({"code":"00000","msg":"success","requestTime":1790358274804,"data":[)";
    for (int i = 0; i < 300; ++i) {
      const int scale = 1 + i % 5;
      const Decimal last = RandomDecimal(rng, 1, 100000, scale);
      const Decimal holding = RandomDecimal(rng, 0, 10000000, 4);
      const std::string symbol = "S" + std::to_string(i) + "USDT";
      const std::string row =
          R"({"symbol":")" + symbol + R"(","lastPr":)" + Q(last) + R"(,"askPr":)" + Q(last) +
          R"(,"bidPr":)" + Q(last) + R"(,"bidSz":)" + Q(RandomDecimal(rng, 0, 100, 4)) +
          R"(,"askSz":)" + Q(RandomDecimal(rng, 0, 100, 4)) + R"(,"high24h":)" +
          Q(RandomDecimal(rng, 1, 100000, scale)) + R"(,"low24h":)" +
          Q(RandomDecimal(rng, 1, 100000, scale)) + R"(,"ts":"17903587)" +
          std::to_string(10000 + i) + R"(","change24h":)" + Q(RandomDecimal(rng, -1, 1, 5)) +
          R"(,"baseVolume":)" + Q(RandomDecimal(rng, 0, 1000000, 4)) + R"(,"quoteVolume":)" +
          Q(RandomDecimal(rng, 0, 1000000000, 5)) + R"(,"usdtVolume":)" +
          Q(RandomDecimal(rng, 0, 1000000000, 5)) + R"(,"openUtc":)" +
          Q(RandomDecimal(rng, 1, 100000, scale)) + R"(,"changeUtc24h":)" +
          Q(RandomDecimal(rng, -1, 1, 5)) + R"(,"indexPrice":)" +
          Q(RandomDecimal(rng, 1, 100000, scale + 3)) + R"(,"fundingRate":)" +
          Q(RandomDecimal(rng, -1, 1, 6)) + R"(,"holdingAmount":)" + Q(holding) +
          R"(,"deliveryStartTime":null,"deliveryTime":null,"deliveryStatus":"","open24h":)" +
          Q(RandomDecimal(rng, 1, 100000, scale)) + R"(,"markPrice":)" + Q(last) + "}";
      c.body += (i == 0 ? "" : ",") + row;
      c.symbols.push_back(symbol);
      c.last.push_back(last);
      c.holding.push_back(holding);
    }
    c.body += "]}";
    return c;
  }();
  return kCase;
}

struct CandlesCase {
  std::string body;
  std::vector<Decimal> close;
  std::vector<Decimal> quote_volume;
};

const CandlesCase& Candles1000() {
  static const CandlesCase kCase = [] {
    CandlesCase c;
    std::mt19937_64 rng(20261126);
    c.body = R"({"code":"00000","msg":"success","requestTime":1790358274804,"data":[)";
    for (int i = 0; i < 1000; ++i) {
      const Decimal open = RandomDecimal(rng, 80000, 90000, 1);
      const Decimal close = RandomDecimal(rng, 80000, 90000, 1);
      const Decimal high = RandomDecimal(rng, 90000, 91000, 1);
      const Decimal low = RandomDecimal(rng, 79000, 80000, 1);
      const Decimal volume = RandomDecimal(rng, 0, 100, 4);
      const Decimal quote = RandomDecimal(rng, 0, 10000000, 5);
      c.body += (i == 0 ? "[\"" : ",[\"") + std::to_string(1790358660000 + 60000LL * i) + "\"," +
                Q(open) + "," + Q(high) + "," + Q(low) + "," + Q(close) + "," + Q(volume) + "," +
                Q(quote) + "]";
      c.close.push_back(close);
      c.quote_volume.push_back(quote);
    }
    c.body += "]}";
    return c;
  }();
  return kCase;
}

// Merge depth with `levels` levels per side, as JSON numbers (Bitget's docs) or strings.
std::string Depth(int levels, bool numbers) {
  std::string body = R"({"code":"00000","msg":"success","requestTime":1695870963008,"data":{)";
  for (const char* side : {"asks", "bids"}) {
    body += std::string(side == std::string("asks") ? "" : ",") + "\"" + side + "\":[";
    for (int i = 0; i < levels; ++i) {
      const int step = side == std::string("asks") ? i : -i - 1;
      const std::string price = std::to_string(263475 + step) + "e-1";
      const std::string size = "0." + std::to_string(10 + i);
      body += (i == 0 ? "" : ",") + std::string("[") + (numbers ? price : "\"" + price + "\"") +
              "," + (numbers ? size : "\"" + size + "\"") + "]";
    }
    body += "]";
  }
  body += R"(,"ts":"1695870968804","scale":"0.1","precision":"scale0","isMaxPrecision":"NO"}})";
  return body;
}

void CheckTickers(const core::Result<std::vector<TickerInfo>>& parsed, bool full) {
  const TickersCase& c = Tickers300();
  BGT_CHECK(parsed.has_value(), "tickers did not parse");
  BGT_CHECK(parsed->size() == 300, "wrong ticker count");
  for (std::size_t i = full ? 0 : 137; i < (full ? 300 : 138); ++i) {
    const model::Ticker& t = (*parsed)[i].ticker;
    BGT_CHECK(t.symbol == c.symbols[i], "wrong ticker symbol");
    BGT_CHECK(t.last_price == c.last[i] && t.last_price.scale() == c.last[i].scale(),
              "wrong last price");
    BGT_CHECK(t.open_interest == c.holding[i], "wrong holding amount");
    BGT_CHECK(t.ts.millis() == 1790358710000 + static_cast<std::int64_t>(i), "wrong ts");
  }
}

void BM_ParseTickers300(benchmark::State& state) {
  const TickersCase& c = Tickers300();
  CheckTickers(ParseTickers(c.body, 200), true);
  for (auto _ : state) {
    auto parsed = ParseTickers(c.body, 200);
    benchmark::DoNotOptimize(parsed);
    CheckTickers(parsed, false);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c.body.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * 300));
  state.counters["body_kB"] = static_cast<double>(c.body.size()) / 1000.0;
}
BENCHMARK(BM_ParseTickers300);

void CheckCandles(const core::Result<std::vector<model::Candle>>& parsed, bool full) {
  const CandlesCase& c = Candles1000();
  BGT_CHECK(parsed.has_value(), "candles did not parse");
  BGT_CHECK(parsed->size() == 1000, "wrong candle count");
  for (std::size_t i = full ? 0 : 613; i < (full ? 1000 : 614); ++i) {
    const model::Candle& k = (*parsed)[i];
    BGT_CHECK(k.close == c.close[i] && k.quote_volume == c.quote_volume[i], "wrong candle");
    BGT_CHECK(k.open_time.millis() == 1790358660000 + 60000 * static_cast<std::int64_t>(i),
              "wrong candle time");
  }
}

void BM_ParseCandles1000(benchmark::State& state) {
  const CandlesCase& c = Candles1000();
  CheckCandles(ParseCandles(c.body, 200, model::Granularity::k1m), true);
  for (auto _ : state) {
    auto parsed = ParseCandles(c.body, 200, model::Granularity::k1m);
    benchmark::DoNotOptimize(parsed);
    CheckCandles(parsed, false);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c.body.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * 1000));
  state.counters["body_kB"] = static_cast<double>(c.body.size()) / 1000.0;
}
BENCHMARK(BM_ParseCandles1000);

// arg 1: levels as JSON numbers (parsed twice, the second time with exact number text);
// arg 0: levels as strings (one pass).
void BM_ParseMergeDepth100(benchmark::State& state) {
  const bool numbers = state.range(0) != 0;
  const std::string body = Depth(100, numbers);
  const Decimal best_ask = *Decimal::Parse("26347.5");
  const Decimal last_bid_size = *Decimal::Parse("0.109");
  for (auto _ : state) {
    auto parsed = ParseMergeDepth(body, 200, "BTCUSDT");
    benchmark::DoNotOptimize(parsed);
    BGT_CHECK(
        parsed.has_value() && parsed->book.asks.size() == 100 && parsed->book.bids.size() == 100,
        "merge depth did not parse");
    BGT_CHECK(parsed->book.asks[0].price == best_ask && parsed->book.bids[99].size == last_bid_size,
              "wrong merge depth level");
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_ParseMergeDepth100)->Arg(0)->Arg(1);

}  // namespace
}  // namespace bgt::bitget
