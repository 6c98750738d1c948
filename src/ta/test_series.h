// Test-only input series for the indicator tests: seeded random walk, trend, gaps, constant and
// extreme-magnitude series, as closes and as bars. Deterministic (fixed seeds).
// Thread-safety: pure functions.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "ta/bar.h"

namespace bgt::ta::testing {

struct NamedBars {
  std::string name;
  std::vector<Bar> bars;
};

// A bar around `close` with a seeded wick size and volume.
inline Bar MakeBar(double prev_close, double close, double wick, double volume) {
  const double hi = std::max(prev_close, close) + wick;
  const double lo = std::min(prev_close, close) - wick;
  return Bar{hi, lo, close, volume};
}

// Geometric random walk from `start` with per-bar volatility `sigma`.
inline std::vector<Bar> RandomWalk(int n, std::uint64_t seed, double start = 100.0,
                                   double sigma = 0.01) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> step(0.0, sigma);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<Bar> bars;
  bars.reserve(n);
  double close = start;
  for (int i = 0; i < n; ++i) {
    const double next = close * std::exp(step(rng));
    bars.push_back(MakeBar(close, next, close * sigma * unit(rng), 1000.0 * (0.1 + unit(rng))));
    close = next;
  }
  return bars;
}

// Linear uptrend with a small seeded wiggle.
inline std::vector<Bar> Trend(int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  std::vector<Bar> bars;
  double close = 50.0;
  for (int i = 0; i < n; ++i) {
    const double next = 50.0 + 0.5 * (i + 1) + 0.2 * unit(rng);
    bars.push_back(MakeBar(close, next, 0.1 + 0.05 * unit(rng), 500.0 + 100.0 * unit(rng)));
    close = next;
  }
  return bars;
}

// Random walk with occasional +-8% jumps (price gaps) every ~40 bars.
inline std::vector<Bar> Gaps(int n, std::uint64_t seed) {
  std::vector<Bar> bars = RandomWalk(n, seed, 200.0, 0.004);
  double factor = 1.0;
  for (int i = 0; i < n; ++i) {
    if (i % 41 == 40) factor *= (i % 82 == 40) ? 1.08 : 0.92;
    bars[i].high *= factor;
    bars[i].low *= factor;
    bars[i].close *= factor;
  }
  return bars;
}

inline std::vector<Bar> Constant(int n, double value = 42.5) {
  return std::vector<Bar>(n, Bar{value, value, value, 10.0});
}

// Prices around 1e9 (first half) and 1e-6 (second half): large and tiny magnitudes.
inline std::vector<Bar> Extreme(int n, std::uint64_t seed) {
  std::vector<Bar> big = RandomWalk(n / 2, seed, 1e9, 0.02);
  std::vector<Bar> tiny = RandomWalk(n - n / 2, seed + 1, 1e-6, 0.02);
  big.insert(big.end(), tiny.begin(), tiny.end());
  return big;
}

inline std::vector<double> Closes(const std::vector<Bar>& bars) {
  std::vector<double> out;
  out.reserve(bars.size());
  for (const Bar& b : bars) out.push_back(b.close);
  return out;
}

}  // namespace bgt::ta::testing
