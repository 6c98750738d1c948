// Trend indicators: ADX with +DI/-DI (Wilder), Supertrend, Parabolic SAR. Streaming, O(1) per bar.
// Thread-safety: value types; one instance per thread. Conventions (NaN until ready, rejected
// bars, Reset) are in ta/series.h; parameter checks in ta/params.h.
//
// Definitions (where libraries differ):
// - Adx (Tulip's adx/di): from the second bar on, true range and directional movements
//   (+DM = up move if it exceeds the down move and is > 0, likewise -DM; a tie gives 0 to both,
//   where Tulip keeps both) are summed over the first period - 1 changes, then Wilder-smoothed
//   (s = s (period - 1) / period + new). +DI/-DI = 100 DM / TR sums (defined after `period` bars),
//   DX = 100 |+DI - -DI| / (+DI + -DI) (0 when both are 0), ADX = mean of the first `period` DX
//   then Wilder-smoothed: ready after 2 period - 1 bars (TA-Lib needs one bar more).
// - Supertrend: hl2 = (high + low) / 2, basic bands hl2 +- multiplier * Atr(period); the final
//   upper band only moves down (and the lower only up) unless the previous close crossed it; the
//   trend flips up when close > final upper, down when close < final lower. The first ready bar
//   starts an uptrend unless its close is below the lower band. Value is the lower band in an
//   uptrend, the upper band in a downtrend.
// - Psar (Tulip's psar exactly): the first two bars choose the side (long when h0 + l0 <=
//   h1 + l1), sar starts at the first bar's low (long) or high (short), the extreme at its high
//   (low); acceleration starts at `step`, grows by `step` on each new extreme up to `max`. Ready
//   from the second bar.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/result.h"
#include "ta/bar.h"
#include "ta/series.h"
#include "ta/volatility.h"

namespace bgt::ta {

struct AdxValue {
  double adx = kNaN;
  double plus_di = kNaN;
  double minus_di = kNaN;
};

class Adx {
 public:
  static core::Status Validate(int period);  // period >= 2
  static core::Result<Adx> Create(int period);
  explicit Adx(int period);

  // plus_di/minus_di are defined from bar `period`, adx once Ready().
  AdxValue Update(const Bar& bar);
  bool Ready() const { return dx_count_ >= period_; }
  AdxValue Value() const;
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  int period_;
  double keep_;  // (period - 1) / period
  int bars_ = 0;
  Bar prev_{};
  double tr_ = 0.0, plus_dm_ = 0.0, minus_dm_ = 0.0;
  double plus_di_ = 0.0, minus_di_ = 0.0;
  int dx_count_ = 0;
  double adx_ = 0.0;  // sum of DX during warm-up, then the average
  std::int64_t rejected_ = 0;
};

struct SupertrendValue {
  double value = kNaN;  // the active band: lower in an uptrend, upper in a downtrend
  int direction = 0;    // +1 up, -1 down, 0 before ready
  double upper = kNaN;  // final upper band
  double lower = kNaN;  // final lower band
};

class Supertrend {
 public:
  static core::Status Validate(int atr_period, double multiplier);  // >= 1, (0, 100]
  static core::Result<Supertrend> Create(int atr_period, double multiplier);
  Supertrend(int atr_period, double multiplier);

  SupertrendValue Update(const Bar& bar);
  bool Ready() const { return value_.direction != 0; }
  SupertrendValue Value() const { return value_; }
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  double multiplier_;
  Atr atr_;
  SupertrendValue value_;
  double prev_close_ = 0.0;
  std::int64_t rejected_ = 0;
};

class Psar {
 public:
  static core::Status Validate(double step, double max);  // 0 < step <= max <= 1
  static core::Result<Psar> Create(double step, double max);
  Psar(double step, double max);

  double Update(const Bar& bar);
  bool Ready() const { return bars_ >= 2; }
  double Value() const { return Ready() ? sar_ : kNaN; }
  // True while the SAR is below price (long side); meaningful once Ready().
  bool IsLong() const { return long_; }
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  double step_, max_;
  std::int64_t bars_ = 0;
  Bar prev_{}, prev2_{};
  bool long_ = true;
  double sar_ = 0.0, extreme_ = 0.0, accel_ = 0.0;
  std::int64_t rejected_ = 0;
};

// Batch forms (see moving_average.h).
std::vector<AdxValue> AdxSeries(std::span<const Bar> bars, int period);
std::vector<SupertrendValue> SupertrendSeries(std::span<const Bar> bars, int atr_period,
                                              double multiplier);
std::vector<double> PsarSeries(std::span<const Bar> bars, double step, double max);

}  // namespace bgt::ta
