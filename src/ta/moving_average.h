// Moving averages: SMA, EMA, RMA (Wilder), WMA, DEMA, TEMA, streaming and O(1) per value.
// Thread-safety: value types; one instance per thread. Conventions (NaN until ready, rejected
// non-finite inputs, Reset) are in ta/series.h; parameter checks in ta/params.h.
//
// Definitions (where libraries differ):
// - Ema: alpha = 2 / (period + 1), seeded with the SMA of the first `period` values, ready after
//   `period` values (TA-Lib's convention). Tulip seeds with the first value instead and outputs
//   from the first bar; both agree once (1 - alpha)^n has decayed.
// - Rma: Wilder's smoothing, alpha = 1 / period, seeded like Ema (Tulip's `wilders`).
// - Dema = 2 E1 - E2, Tema = 3 E1 - 3 E2 + E3, where E(k+1) is the Ema of E(k)'s outputs once
//   E(k) is ready: ready after 2 period - 1 and 3 period - 2 values.
// - Wma: weights 1..period, newest heaviest.
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "core/result.h"
#include "ta/rolling.h"
#include "ta/series.h"

namespace bgt::ta {

class Sma {
 public:
  static core::Status Validate(int period);  // period >= 1
  static core::Result<Sma> Create(int period);
  explicit Sma(int period);

  double Update(double x) {
    if (!std::isfinite(x)) [[unlikely]] {
      ++rejected_;
    } else {
      sum_.Add(x);
    }
    return Value();
  }
  bool Ready() const { return sum_.Full(); }
  double Value() const { return Ready() ? sum_.Sum() / period_ : kNaN; }
  void Reset();
  int Period() const { return period_; }
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  int period_;
  RollingSum sum_;
  std::int64_t rejected_ = 0;
};

// Exponential smoothing with a given alpha, seeded by the mean of the first `period` values.
// Ema and Rma are this with alpha 2/(period+1) and 1/period.
class ExpSmoothing {
 public:
  ExpSmoothing(int period, double alpha);
  double Update(double x) {
    if (!std::isfinite(x)) [[unlikely]] {
      ++rejected_;
    } else if (count_ >= period_) [[likely]] {
      value_ += alpha_ * (x - value_);
    } else {
      Seed(x);
    }
    return Value();
  }
  bool Ready() const { return count_ >= period_; }
  double Value() const { return Ready() ? value_ : kNaN; }
  void Reset();
  int Period() const { return period_; }
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  void Seed(double x) {
    value_ += x;
    if (++count_ == period_) value_ /= period_;
  }
  int period_;
  double alpha_;
  int count_ = 0;
  double value_ = 0.0;  // running sum during warm-up, then the average
  std::int64_t rejected_ = 0;
};

class Ema : public ExpSmoothing {
 public:
  static core::Status Validate(int period);  // period >= 1
  static core::Result<Ema> Create(int period);
  explicit Ema(int period);
};

class Rma : public ExpSmoothing {
 public:
  static core::Status Validate(int period);  // period >= 1
  static core::Result<Rma> Create(int period);
  explicit Rma(int period);
};

class Wma {
 public:
  static core::Status Validate(int period);  // period >= 1
  static core::Result<Wma> Create(int period);
  explicit Wma(int period);

  double Update(double x);
  bool Ready() const { return window_.full(); }
  double Value() const;
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  void Recompute();
  int period_;
  RingBuffer window_;
  double sum_ = 0.0;       // plain sum of the window
  double weighted_ = 0.0;  // sum of i * x_i, i = 1 for the oldest
  int since_recompute_ = 0;
  std::int64_t rejected_ = 0;
};

class Dema {
 public:
  static core::Status Validate(int period);  // period >= 1
  static core::Result<Dema> Create(int period);
  explicit Dema(int period);

  double Update(double x);
  bool Ready() const { return e2_.Ready(); }
  double Value() const { return Ready() ? 2.0 * e1_.Value() - e2_.Value() : kNaN; }
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  Ema e1_, e2_;
  std::int64_t rejected_ = 0;
};

class Tema {
 public:
  static core::Status Validate(int period);  // period >= 1
  static core::Result<Tema> Create(int period);
  explicit Tema(int period);

  double Update(double x);
  bool Ready() const { return e3_.Ready(); }
  double Value() const;
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  Ema e1_, e2_, e3_;
  std::int64_t rejected_ = 0;
};

// Batch forms: element i is the streaming Update of input i (NaN during warm-up). Parameters
// must pass the class's Validate (else abort).
std::vector<double> SmaSeries(std::span<const double> x, int period);
std::vector<double> EmaSeries(std::span<const double> x, int period);
std::vector<double> RmaSeries(std::span<const double> x, int period);
std::vector<double> WmaSeries(std::span<const double> x, int period);
std::vector<double> DemaSeries(std::span<const double> x, int period);
std::vector<double> TemaSeries(std::span<const double> x, int period);

}  // namespace bgt::ta
