// bench_ta [BARS]: every bgt::ta indicator over BARS bars (default 10,000,000) next to the Tulip
// Indicators 0.8.4 C code (npm tulind, LGPL-3.0: linked into this comparison benchmark and the
// tests only, never into bgt) on the same data in the same run. Prints, per indicator, CPU
// ns/bar for bgt (streaming Update per bar, outputs stored) and Tulip (its batch function), the
// ratio, and the largest relative difference over the last 10,000 outputs where the definitions
// agree. Exit status 1 when a checked indicator disagrees by more than 1e-6 or an output is not
// finite. Not part of `make test` (about a minute at 10M bars).

#include <indicators.h>
#include <time.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "ta/ta.h"

namespace {

using bgt::ta::Bar;

std::int64_t CpuNanos() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// Best of `reps` runs, in CPU nanoseconds.
double BestOf(int reps, const std::function<void()>& run) {
  double best = 1e300;
  for (int r = 0; r < reps; ++r) {
    const std::int64_t start = CpuNanos();
    run();
    best = std::min(best, static_cast<double>(CpuNanos() - start));
  }
  return best;
}

struct Data {
  std::vector<Bar> bars;
  std::vector<double> high, low, close, volume, typical, log_returns;
};

// A seeded geometric random walk with small steps (so 10M bars stay within a sane price range)
// and random wicks and volumes.
Data MakeData(int n) {
  Data d;
  std::mt19937_64 rng(20261125);
  std::normal_distribution<double> step(0.0, 2e-4);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  double close = 30000.0;
  for (int i = 0; i < n; ++i) {
    const double next = close * std::exp(step(rng));
    const double wick = close * 2e-4 * unit(rng);
    const Bar bar{std::max(close, next) + wick, std::min(close, next) - wick, next,
                  10.0 * (0.1 + unit(rng))};
    d.bars.push_back(bar);
    d.high.push_back(bar.high);
    d.low.push_back(bar.low);
    d.close.push_back(bar.close);
    d.volume.push_back(bar.volume);
    d.typical.push_back((bar.high + bar.low + bar.close) * (1.0 / 3.0));
    if (i > 0) d.log_returns.push_back(std::log(next / close));
    close = next;
  }
  return d;
}

struct Outputs {
  explicit Outputs(size_t n) : a(n), b(n), c(n) {}
  std::vector<double> a, b, c;
};

struct Case {
  std::string name;
  std::function<void(const Data&, Outputs&)> bgt;
  // Tulip call writing into outputs at their start offset; empty when Tulip has no equivalent.
  std::function<int(const Data&, Outputs&)> tulip;
  unsigned compare = 1;  // bit k: compare output k's tail (0: the definitions differ)
};

using TiFn = int (*)(int, const TI_REAL* const*, const TI_REAL*, TI_REAL* const*);
using TiStart = int (*)(const TI_REAL*);

// Runs a Tulip indicator with its outputs aligned to the input; returns its start offset.
int RunTulip(TiFn fn, TiStart start, std::vector<const double*> inputs, int n,
             std::vector<double> options, std::vector<std::vector<double>*> outputs) {
  const int s = start(options.data());
  std::vector<double*> ptrs;
  for (std::vector<double>* out : outputs) ptrs.push_back(out->data() + s);
  if (fn(n, inputs.data(), options.data(), ptrs.data()) != TI_OKAY) {
    std::fprintf(stderr, "tulip call failed\n");
    std::exit(1);
  }
  return s;
}

template <typename Indicator, typename Input, typename Store>
void Stream(Indicator ind, const std::vector<Input>& in, Outputs& out, Store store) {
  for (size_t i = 0; i < in.size(); ++i) store(out, i, ind.Update(in[i]));
}

// Stores as function objects (not function pointers) so the per-bar store inlines.
constexpr auto Single = [](Outputs& o, size_t i, double v) { o.a[i] = v; };
constexpr auto Banded = [](Outputs& o, size_t i, const bgt::ta::Bands& v) {
  o.a[i] = v.lower;
  o.b[i] = v.middle;
  o.c[i] = v.upper;
};

std::vector<Case> Cases() {
  using namespace bgt::ta;  // NOLINT(google-build-using-namespace)
  std::vector<Case> c;
  auto n = [](const Data& d) { return static_cast<int>(d.close.size()); };
  c.push_back({"SMA(20)", [](const Data& d, Outputs& o) { Stream(Sma(20), d.close, o, Single); },
               [n](const Data& d, Outputs& o) {
                 return RunTulip(ti_sma, ti_sma_start, {d.close.data()}, n(d), {20}, {&o.a});
               }});
  c.push_back({"EMA(20)", [](const Data& d, Outputs& o) { Stream(Ema(20), d.close, o, Single); },
               [n](const Data& d, Outputs& o) {
                 return RunTulip(ti_ema, ti_ema_start, {d.close.data()}, n(d), {20}, {&o.a});
               }});
  c.push_back({"WMA(20)", [](const Data& d, Outputs& o) { Stream(Wma(20), d.close, o, Single); },
               [n](const Data& d, Outputs& o) {
                 return RunTulip(ti_wma, ti_wma_start, {d.close.data()}, n(d), {20}, {&o.a});
               }});
  c.push_back({"DEMA(20)", [](const Data& d, Outputs& o) { Stream(Dema(20), d.close, o, Single); },
               [n](const Data& d, Outputs& o) {
                 return RunTulip(ti_dema, ti_dema_start, {d.close.data()}, n(d), {20}, {&o.a});
               }});
  c.push_back({"TEMA(20)", [](const Data& d, Outputs& o) { Stream(Tema(20), d.close, o, Single); },
               [n](const Data& d, Outputs& o) {
                 return RunTulip(ti_tema, ti_tema_start, {d.close.data()}, n(d), {20}, {&o.a});
               }});
  c.push_back({"RSI(14)", [](const Data& d, Outputs& o) { Stream(Rsi(14), d.close, o, Single); },
               [n](const Data& d, Outputs& o) {
                 return RunTulip(ti_rsi, ti_rsi_start, {d.close.data()}, n(d), {14}, {&o.a});
               }});
  c.push_back({"MACD(12,26,9)",
               [](const Data& d, Outputs& o) {
                 Stream(Macd(12, 26, 9), d.close, o, [](Outputs& out, size_t i, MacdValue v) {
                   out.a[i] = v.line;
                   out.b[i] = v.signal;
                   out.c[i] = v.histogram;
                 });
               },
               [n](const Data& d, Outputs& o) {
                 return RunTulip(ti_macd, ti_macd_start, {d.close.data()}, n(d), {12, 26, 9},
                                 {&o.a, &o.b, &o.c});
               },
               0});  // Tulip hard-codes alphas 0.15/0.075 for 12/26
  c.push_back({"Bollinger(20,2)",
               [](const Data& d, Outputs& o) { Stream(Bollinger(20, 2), d.close, o, Banded); },
               [n](const Data& d, Outputs& o) {
                 return RunTulip(ti_bbands, ti_bbands_start, {d.close.data()}, n(d), {20, 2},
                                 {&o.a, &o.b, &o.c});
               },
               7});
  c.push_back({"ATR(14)", [](const Data& d, Outputs& o) { Stream(Atr(14), d.bars, o, Single); },
               [n](const Data& d, Outputs& o) {
                 return RunTulip(ti_atr, ti_atr_start,
                                 {d.high.data(), d.low.data(), d.close.data()}, n(d), {14}, {&o.a});
               }});
  c.push_back({"ADX(14)",
               [](const Data& d, Outputs& o) {
                 Stream(Adx(14), d.bars, o, [](Outputs& out, size_t i, AdxValue v) {
                   out.a[i] = v.adx;
                   out.b[i] = v.plus_di;
                   out.c[i] = v.minus_di;
                 });
               },
               [n](const Data& d, Outputs& o) {
                 return RunTulip(ti_adx, ti_adx_start,
                                 {d.high.data(), d.low.data(), d.close.data()}, n(d), {14}, {&o.a});
               }});
  c.push_back(
      {"Stochastic(14,3,3)",
       [](const Data& d, Outputs& o) {
         Stream(Stochastic(14, 3, 3), d.bars, o, [](Outputs& out, size_t i, StochasticValue v) {
           out.a[i] = v.k;
           out.b[i] = v.d;
         });
       },
       [n](const Data& d, Outputs& o) {
         return RunTulip(ti_stoch, ti_stoch_start, {d.high.data(), d.low.data(), d.close.data()},
                         n(d), {14, 3, 3}, {&o.a, &o.b});
       },
       3});
  c.push_back({"CCI(20)", [](const Data& d, Outputs& o) { Stream(Cci(20), d.bars, o, Single); },
               [n](const Data& d, Outputs& o) {
                 return RunTulip(ti_cci, ti_cci_start,
                                 {d.high.data(), d.low.data(), d.close.data()}, n(d), {20}, {&o.a});
               }});
  c.push_back({"ROC(10)", [](const Data& d, Outputs& o) { Stream(Roc(10), d.close, o, Single); },
               [n](const Data& d, Outputs& o) {
                 return RunTulip(ti_roc, ti_roc_start, {d.close.data()}, n(d), {10}, {&o.a});
               }});
  c.push_back(
      {"OBV", [](const Data& d, Outputs& o) { Stream(Obv(), d.bars, o, Single); },
       [n](const Data& d, Outputs& o) {
         return RunTulip(ti_obv, ti_obv_start, {d.close.data(), d.volume.data()}, n(d), {}, {&o.a});
       }});
  c.push_back({"VWAP rolling(24)",
               [](const Data& d, Outputs& o) { Stream(Vwap(24), d.bars, o, Single); },
               [n](const Data& d, Outputs& o) {
                 return RunTulip(ti_vwma, ti_vwma_start, {d.typical.data(), d.volume.data()}, n(d),
                                 {24}, {&o.a});
               }});
  c.push_back({"VWAP session",
               [](const Data& d, Outputs& o) { Stream(SessionVwap(), d.bars, o, Single); }, nullptr,
               0});
  c.push_back({"Donchian(20)",
               [](const Data& d, Outputs& o) { Stream(Donchian(20), d.bars, o, Banded); },
               [n](const Data& d, Outputs& o) {
                 RunTulip(ti_min, ti_min_start, {d.low.data()}, n(d), {20}, {&o.a});
                 return RunTulip(ti_max, ti_max_start, {d.high.data()}, n(d), {20}, {&o.c});
               },
               5});
  c.push_back({"Keltner(20,10,2)",
               [](const Data& d, Outputs& o) { Stream(Keltner(20, 10, 2), d.bars, o, Banded); },
               [n](const Data& d, Outputs& o) {
                 // ema into b, atr into c, then the bands.
                 RunTulip(ti_ema, ti_ema_start, {d.close.data()}, n(d), {20}, {&o.b});
                 const int s =
                     RunTulip(ti_atr, ti_atr_start, {d.high.data(), d.low.data(), d.close.data()},
                              n(d), {10}, {&o.c});
                 for (size_t i = 19; i < d.close.size(); ++i) {
                   const double w = 2 * o.c[i];
                   o.a[i] = o.b[i] - w;
                   o.c[i] = o.b[i] + w;
                 }
                 return std::max(s, 19);
               },
               7});
  c.push_back({"Supertrend(10,3)",
               [](const Data& d, Outputs& o) {
                 Stream(Supertrend(10, 3), d.bars, o,
                        [](Outputs& out, size_t i, SupertrendValue v) { out.a[i] = v.value; });
               },
               nullptr, 0});
  c.push_back({"PSAR(0.02,0.2)",
               [](const Data& d, Outputs& o) { Stream(Psar(0.02, 0.2), d.bars, o, Single); },
               [n](const Data& d, Outputs& o) {
                 return RunTulip(ti_psar, ti_psar_start, {d.high.data(), d.low.data()}, n(d),
                                 {0.02, 0.2}, {&o.a});
               }});
  c.push_back({"ZScore(20)",
               [](const Data& d, Outputs& o) { Stream(ZScore(20), d.close, o, Single); },
               [n](const Data& d, Outputs& o) {
                 // Tulip has no z-score: sma + stddev + the division.
                 RunTulip(ti_stddev, ti_stddev_start, {d.close.data()}, n(d), {20}, {&o.b});
                 const int s = RunTulip(ti_sma, ti_sma_start, {d.close.data()}, n(d), {20}, {&o.a});
                 for (size_t i = s; i < d.close.size(); ++i)
                   o.a[i] = (d.close[i] - o.a[i]) / o.b[i];
                 return s;
               },
               0});  // Tulip's sum-of-squares stddev loses digits at this price level
  c.push_back({"RealizedVol(20)",
               [](const Data& d, Outputs& o) {
                 Stream(RealizedVol(20, 365.0 * 24 * 60), d.close, o, Single);
               },
               [n](const Data& d, Outputs& o) {
                 // Tulip's volatility (simple returns, population, sqrt(252)): cost only.
                 return RunTulip(ti_volatility, ti_volatility_start, {d.close.data()}, n(d), {20},
                                 {&o.a});
               },
               0});
  return c;
}

double MaxRelDiff(const std::vector<double>& x, const std::vector<double>& y, size_t tail) {
  double worst = 0;
  for (size_t i = x.size() - tail; i < x.size(); ++i) {
    const double scale = std::max({std::fabs(y[i]), 1.0});
    worst = std::max(worst, std::fabs(x[i] - y[i]) / scale);
  }
  return worst;
}

}  // namespace

int main(int argc, char** argv) {
  const long bars = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 10'000'000;
  if (bars < 100'000 || bars > 200'000'000) {
    std::fprintf(stderr, "usage: bench_ta [BARS in 100000..200000000]\n");
    return 1;
  }
  const Data data = MakeData(static_cast<int>(bars));
  const size_t n = data.close.size();
  const size_t tail = 10'000;
  std::printf("bars=%zu (CPU time, best of 3)\n", n);
  std::printf("%-20s %12s %12s %8s %12s\n", "indicator", "bgt ns/bar", "tulip ns/bar", "ratio",
              "max rel diff");
  int failures = 0;
  for (const Case& c : Cases()) {
    Outputs ours(n), theirs(n);
    const double bgt_ns = BestOf(3, [&] { c.bgt(data, ours); }) / static_cast<double>(n);
    if (!std::isfinite(ours.a[n - 1])) {
      std::printf("%-20s not finite at the last bar\n", c.name.c_str());
      ++failures;
      continue;
    }
    if (!c.tulip) {
      std::printf("%-20s %12.2f %12s %8s %12s\n", c.name.c_str(), bgt_ns, "-", "-", "-");
      continue;
    }
    const double tulip_ns = BestOf(3, [&] { c.tulip(data, theirs); }) / static_cast<double>(n);
    std::string diff = "(differs)";
    if (c.compare != 0) {
      double d = 0;
      if (c.compare & 1) d = std::max(d, MaxRelDiff(ours.a, theirs.a, tail));
      if (c.compare & 2) d = std::max(d, MaxRelDiff(ours.b, theirs.b, tail));
      if (c.compare & 4) d = std::max(d, MaxRelDiff(ours.c, theirs.c, tail));
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1e", d);
      diff = buf;
      if (!(d <= 1e-6)) {
        diff += " FAIL";
        ++failures;
      }
    }
    std::printf("%-20s %12.2f %12.2f %7.2fx %12s\n", c.name.c_str(), bgt_ns, tulip_ns,
                bgt_ns / tulip_ns, diff.c_str());
  }
  return failures == 0 ? 0 : 1;
}
