// Decimal parse and format: the cost of turning Bitget's decimal strings into fixed-point values
// and back. Each benchmark verifies its result so a broken build cannot post a fast number.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdlib>
#include <string>

#include "core/decimal.h"

namespace {

using bgt::core::Decimal;
using bgt::core::Rounding;

constexpr std::array<const char*, 6> kInputs = {"23455.5",    "0.001",  "-0.0048522",
                                                "0.00001234", "104250", "1873.42"};

void BM_DecimalParse(benchmark::State& state) {
  std::size_t i = 0;
  for (auto _ : state) {
    auto d = Decimal::Parse(kInputs[i++ % kInputs.size()]);
    if (!d) std::abort();
    benchmark::DoNotOptimize(d);
  }
  if (Decimal::Parse("-0.0048522")->mantissa() != -48522) std::abort();
}
BENCHMARK(BM_DecimalParse);

void BM_DecimalToString(benchmark::State& state) {
  std::array<Decimal, kInputs.size()> values;
  for (std::size_t k = 0; k < kInputs.size(); ++k) values[k] = *Decimal::Parse(kInputs[k]);
  std::size_t i = 0;
  for (auto _ : state) {
    std::string s = values[i++ % values.size()].ToString();
    benchmark::DoNotOptimize(s);
  }
  if (values[2].ToString() != "-0.0048522") std::abort();
}
BENCHMARK(BM_DecimalToString);

void BM_DecimalParseFormatRoundTrip(benchmark::State& state) {
  std::size_t i = 0;
  for (auto _ : state) {
    const char* in = kInputs[i++ % kInputs.size()];
    std::string out = Decimal::Parse(in)->ToString();
    if (out != in) std::abort();
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_DecimalParseFormatRoundTrip);

void BM_DecimalMulRounded(benchmark::State& state) {
  const Decimal price = *Decimal::Parse("23455.5");
  const Decimal size = *Decimal::Parse("0.013");
  for (auto _ : state) {
    auto notional = Decimal::MulRounded(price, size, 4, Rounding::kHalfEven);
    benchmark::DoNotOptimize(notional);
  }
  if (Decimal::MulRounded(price, size, 4, Rounding::kHalfEven)->ToString() != "304.9215") {
    std::abort();
  }
}
BENCHMARK(BM_DecimalMulRounded);

}  // namespace
