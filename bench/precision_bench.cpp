// Precision and pre-trade validation on real Bitget rules (BTCUSDT, PEPEUSDT from
// /work/shared/data/bitget-usdtm-contracts.json): safe price and size rounding, wire formatting,
// full order validation and building an Instrument from a contracts row. Every benchmark checks
// the value it computes and aborts on a wrong answer.
#include <benchmark/benchmark.h>

#include <array>
#include <string>

#include "core/check.h"
#include "core/decimal.h"
#include "model/contract_rows_testdata.h"
#include "model/instrument.h"
#include "model/order_validation.h"
#include "model/precision.h"

namespace bgt::model {
namespace {

using core::Decimal;

Decimal D(const char* text) { return *Decimal::Parse(text); }

const Instrument& Btc() {
  static const Instrument in = testdata::MustBuild(testdata::BtcUsdtRow());
  return in;
}
const Instrument& Pepe() {
  static const Instrument in = testdata::MustBuild(testdata::PepeUsdtRow());
  return in;
}

// Raw prices as an indicator would produce them, with the expected safe results.
struct PriceCase {
  Decimal raw;
  OrderSide side;
  Decimal expected;
};

void BM_RoundPriceSafe(benchmark::State& state) {
  const std::array<PriceCase, 4> cases = {{
      {D("60123.456789"), OrderSide::kBuy, D("60123.4")},
      {D("60123.456789"), OrderSide::kSell, D("60123.5")},
      {D("59999.95"), OrderSide::kBuy, D("59999.9")},
      {D("60000"), OrderSide::kSell, D("60000.0")},
  }};
  std::size_t i = 0;
  for (auto _ : state) {
    const PriceCase& c = cases[i++ & 3];
    auto rounded = RoundPriceSafe(Btc(), c.side, c.raw);
    benchmark::DoNotOptimize(rounded);
    BGT_CHECK(rounded.has_value() && *rounded == c.expected, "wrong safe price");
  }
}
BENCHMARK(BM_RoundPriceSafe);

void BM_RoundPriceSafePepe(benchmark::State& state) {
  const Decimal raw = D("0.000012345678");
  const Decimal expected = D("0.0000123456");
  for (auto _ : state) {
    auto rounded = RoundPriceSafe(Pepe(), OrderSide::kBuy, raw);
    benchmark::DoNotOptimize(rounded);
    BGT_CHECK(rounded.has_value() && *rounded == expected, "wrong PEPE price");
  }
}
BENCHMARK(BM_RoundPriceSafePepe);

void BM_RoundSizeSafe(benchmark::State& state) {
  const Decimal raw = D("0.123456789");
  const Decimal expected = D("0.1234");
  for (auto _ : state) {
    auto rounded = RoundSizeSafe(Btc(), raw);
    benchmark::DoNotOptimize(rounded);
    BGT_CHECK(rounded.has_value() && *rounded == expected, "wrong safe size");
  }
}
BENCHMARK(BM_RoundSizeSafe);

void BM_FormatPriceAndSize(benchmark::State& state) {
  const Decimal price = D("60123.4");
  const Decimal size = D("0.01");
  for (auto _ : state) {
    auto p = FormatPrice(Btc(), price);
    auto s = FormatSize(Btc(), size);
    benchmark::DoNotOptimize(p);
    benchmark::DoNotOptimize(s);
    BGT_CHECK(p.has_value() && *p == "60123.4" && s.has_value() && *s == "0.0100",
              "wrong wire text");
  }
}
BENCHMARK(BM_FormatPriceAndSize);

void BM_ValidateLimitOrder(benchmark::State& state) {
  OrderIntent intent;
  intent.side = OrderSide::kBuy;
  intent.type = OrderType::kLimit;
  intent.price = D("60123.4");
  intent.size = D("0.0150");
  intent.reference_price = D("60100.2");
  for (auto _ : state) {
    const core::Status status = ValidateOrder(Btc(), intent);
    benchmark::DoNotOptimize(status);
    BGT_CHECK(status.ok(), "valid order refused");
  }
}
BENCHMARK(BM_ValidateLimitOrder);

void BM_ValidateDeniedOrder(benchmark::State& state) {
  // Passes every precision check, then fails the minimum notional (0.0001 × 49999.9 < 5).
  OrderIntent intent;
  intent.side = OrderSide::kSell;
  intent.type = OrderType::kLimit;
  intent.price = D("49999.9");
  intent.size = D("0.0001");
  intent.reference_price = D("50000");
  for (auto _ : state) {
    const core::Status status = ValidateOrder(Btc(), intent);
    benchmark::DoNotOptimize(status);
    BGT_CHECK(!status.ok() && status.error().venue_code == "45110", "expected a 45110 denial");
  }
}
BENCHMARK(BM_ValidateDeniedOrder);

void BM_ValidateMarketOrder(benchmark::State& state) {
  OrderIntent intent;
  intent.side = OrderSide::kSell;
  intent.type = OrderType::kMarket;
  intent.size = D("406000");
  intent.reference_price = D("0.0000123456");
  for (auto _ : state) {
    const core::Status status = ValidateOrder(Pepe(), intent);
    benchmark::DoNotOptimize(status);
    BGT_CHECK(status.ok(), "valid market order refused");
  }
}
BENCHMARK(BM_ValidateMarketOrder);

void BM_InstrumentFromContractRow(benchmark::State& state) {
  const ContractRow row = testdata::BtcUsdtRow();
  const Decimal tick = D("0.1");
  for (auto _ : state) {
    auto instrument = Instrument::FromContractRow(row);
    benchmark::DoNotOptimize(instrument);
    BGT_CHECK(instrument.has_value() && instrument->tick_size() == tick, "wrong instrument");
  }
}
BENCHMARK(BM_InstrumentFromContractRow);

}  // namespace
}  // namespace bgt::model
