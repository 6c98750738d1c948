// Oscillators: RSI (Wilder), MACD, Stochastic, CCI, ROC. Streaming; O(1) per value except Cci,
// whose mean absolute deviation is O(period) per value (it has no O(1) sliding form).
// Thread-safety: value types; one instance per thread. Conventions (NaN until ready, rejected
// inputs, Reset) are in ta/series.h; parameter checks in ta/params.h.
//
// Definitions (where libraries differ):
// - Rsi: gains/losses of consecutive values, each averaged with Wilder's smoothing seeded by the
//   mean of the first `period` changes; ready after period + 1 values (Tulip's rsi exactly).
//   A window with no change at all gives 50 (Tulip: NaN).
// - Macd: line = Ema(fast) - Ema(slow) (SMA-seeded Emas, see moving_average.h), signal = Ema of
//   the line from its first value, histogram = line - signal. Ready (signal defined) after
//   slow + signal - 1 values; `line` alone is defined from `slow` values. Tulip seeds with the
//   first value and hard-codes alphas 0.15 / 0.075 for 12/26; we use 2 / (n + 1) always.
// - Stochastic: fast %K = 100 (close - lowest low) / (highest high - lowest low) over k_period
//   bars, %K = Sma(k_slow) of fast %K, %D = Sma(d_period) of %K; ready after
//   k_period + k_slow + d_period - 2 bars. A flat range gives fast %K = 50 (Tulip: 0).
// - Cci: typical price (h + l + c) / 3; (tp - Sma(tp)) / (0.015 * mean |tp_i - Sma(tp)|) over
//   `period` bars; ready after `period` bars (Tulip waits 2 period - 1 bars, same values after).
//   A flat window (all typical prices equal) gives 0.
// - Roc: (x - x[period ago]) / x[period ago] as a fraction (not percent); ready after period + 1
//   values; 0 when x[period ago] is 0.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/result.h"
#include "ta/bar.h"
#include "ta/moving_average.h"
#include "ta/rolling.h"
#include "ta/series.h"

namespace bgt::ta {

class Rsi {
 public:
  static core::Status Validate(int period);  // period >= 1
  static core::Result<Rsi> Create(int period);
  explicit Rsi(int period);

  double Update(double x);
  bool Ready() const { return gain_.Ready(); }
  double Value() const;
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  Rma gain_, loss_;
  bool has_prev_ = false;
  double prev_ = 0.0;
  std::int64_t rejected_ = 0;
};

struct MacdValue {
  double line = kNaN;
  double signal = kNaN;
  double histogram = kNaN;
};

class Macd {
 public:
  static core::Status Validate(int fast, int slow, int signal);  // 1 <= fast < slow, signal >= 1
  static core::Result<Macd> Create(int fast, int slow, int signal);
  Macd(int fast, int slow, int signal);

  MacdValue Update(double x);
  bool Ready() const { return signal_.Ready(); }
  MacdValue Value() const;
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  Ema fast_, slow_, signal_;
  std::int64_t rejected_ = 0;
};

struct StochasticValue {
  double k = kNaN;
  double d = kNaN;
};

class Stochastic {
 public:
  static core::Status Validate(int k_period, int k_slow, int d_period);  // each >= 1
  static core::Result<Stochastic> Create(int k_period, int k_slow, int d_period);
  Stochastic(int k_period, int k_slow, int d_period);

  StochasticValue Update(const Bar& bar);
  bool Ready() const { return d_.Ready(); }
  StochasticValue Value() const;
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  RollingExtremum highs_, lows_;
  Sma k_, d_;
  std::int64_t rejected_ = 0;
};

class Cci {
 public:
  static core::Status Validate(int period);  // period >= 1
  static core::Result<Cci> Create(int period);
  explicit Cci(int period);

  double Update(const Bar& bar);
  bool Ready() const { return tp_.Full(); }
  double Value() const { return Ready() ? value_ : kNaN; }
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  int period_;
  RollingSum tp_;
  double value_ = 0.0;
  std::int64_t rejected_ = 0;
};

class Roc {
 public:
  static core::Status Validate(int period);  // period >= 1
  static core::Result<Roc> Create(int period);
  explicit Roc(int period);

  double Update(double x);
  bool Ready() const { return window_.full(); }
  double Value() const;
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  RingBuffer window_;  // period + 1 values
  std::int64_t rejected_ = 0;
};

// Batch forms (see moving_average.h).
std::vector<double> RsiSeries(std::span<const double> x, int period);
std::vector<MacdValue> MacdSeries(std::span<const double> x, int fast, int slow, int signal);
std::vector<StochasticValue> StochasticSeries(std::span<const Bar> bars, int k_period, int k_slow,
                                              int d_period);
std::vector<double> CciSeries(std::span<const Bar> bars, int period);
std::vector<double> RocSeries(std::span<const double> x, int period);

}  // namespace bgt::ta
