// Volatility and channel indicators: ATR (Wilder), Bollinger Bands, Donchian and Keltner
// channels, rolling z-score and realized volatility. Streaming, O(1) per value (Donchian
// amortized). Thread-safety: value types; one instance per thread. Conventions (NaN until ready,
// rejected inputs, Reset) are in ta/series.h; parameter checks in ta/params.h.
//
// Definitions (where libraries differ):
// - TrueRange of the first bar is high - low; later max(high - low, |high - prev close|,
//   |low - prev close|). Atr is the Rma (Wilder) of it, seeded by the mean of the first `period`
//   true ranges: ready after `period` bars (Tulip's atr exactly).
// - Bollinger: SMA middle +- k * population standard deviation (divide by n) of the window, like
//   Tulip and TA-Lib (pandas' rolling std would be the sample one).
// - ZScore: (x - mean) / population stdev of the last `period` values including x; 0 when the
//   window is constant.
// - RealizedVol: sample standard deviation (divide by n - 1) of the last `period` log returns
//   ln(p_t / p_{t-1}), times sqrt(periods_per_year) (e.g. 365 * 24 for hourly crypto bars).
//   Ready after period + 1 prices. Prices <= 0 are rejected like NaN. (Tulip's `volatility`
//   uses simple returns, population stdev and a fixed sqrt(252).)
// - Donchian: highest high / lowest low of the last `period` bars including the current one
//   (for a breakout test against the previous `period` bars, read Value() before Update(bar)).
// - Keltner: Ema(close, ema_period) +- multiplier * Atr(atr_period).
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

struct Bands {
  double lower = kNaN;
  double middle = kNaN;
  double upper = kNaN;
};

// True range of consecutive bars (first bar: high - low).
class TrueRange {
 public:
  // Returns the true range of bar given the bars before it; the bar must be valid.
  double Update(const Bar& bar);
  void Reset() { has_prev_ = false; }

 private:
  bool has_prev_ = false;
  double prev_close_ = 0.0;
};

class Atr {
 public:
  static core::Status Validate(int period);  // period >= 1
  static core::Result<Atr> Create(int period);
  explicit Atr(int period);

  double Update(const Bar& bar);
  bool Ready() const { return rma_.Ready(); }
  double Value() const { return rma_.Value(); }
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  TrueRange tr_;
  Rma rma_;
  std::int64_t rejected_ = 0;
};

class Bollinger {
 public:
  static core::Status Validate(int period, double k);  // period >= 1, 0 <= k <= 100
  static core::Result<Bollinger> Create(int period, double k);
  Bollinger(int period, double k);

  Bands Update(double x);
  bool Ready() const { return moments_.Full(); }
  Bands Value() const;
  // Population standard deviation of the window (NaN until ready).
  double StdDev() const;
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  double k_;
  RollingMoments moments_;
  std::int64_t rejected_ = 0;
};

class ZScore {
 public:
  static core::Status Validate(int period);  // period >= 1
  static core::Result<ZScore> Create(int period);
  explicit ZScore(int period);

  double Update(double x);
  bool Ready() const { return moments_.Full(); }
  double Value() const { return Ready() ? value_ : kNaN; }
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  RollingMoments moments_;
  double value_ = 0.0;
  std::int64_t rejected_ = 0;
};

class RealizedVol {
 public:
  // period >= 2 returns; periods_per_year in (0, 1e9].
  static core::Status Validate(int period, double periods_per_year);
  static core::Result<RealizedVol> Create(int period, double periods_per_year);
  RealizedVol(int period, double periods_per_year);

  // price: the new close; must be finite and > 0.
  double Update(double price);
  bool Ready() const { return returns_.Full(); }
  double Value() const;
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  double annualization_;  // sqrt(periods_per_year)
  RollingMoments returns_;
  bool has_prev_ = false;
  double prev_log_ = 0.0;
  std::int64_t rejected_ = 0;
};

class Donchian {
 public:
  static core::Status Validate(int period);  // period >= 1
  static core::Result<Donchian> Create(int period);
  explicit Donchian(int period);

  Bands Update(const Bar& bar);
  bool Ready() const { return highs_.Full(); }
  Bands Value() const;
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  RollingExtremum highs_;
  RollingExtremum lows_;
  std::int64_t rejected_ = 0;
};

class Keltner {
 public:
  // periods >= 1, 0 <= multiplier <= 100.
  static core::Status Validate(int ema_period, int atr_period, double multiplier);
  static core::Result<Keltner> Create(int ema_period, int atr_period, double multiplier);
  Keltner(int ema_period, int atr_period, double multiplier);

  Bands Update(const Bar& bar);
  bool Ready() const { return ema_.Ready() && atr_.Ready(); }
  Bands Value() const;
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  double multiplier_;
  Ema ema_;
  Atr atr_;
  std::int64_t rejected_ = 0;
};

// Batch forms (see moving_average.h).
std::vector<double> AtrSeries(std::span<const Bar> bars, int period);
std::vector<Bands> BollingerSeries(std::span<const double> x, int period, double k);
std::vector<double> ZScoreSeries(std::span<const double> x, int period);
std::vector<double> RealizedVolSeries(std::span<const double> prices, int period,
                                      double periods_per_year);
std::vector<Bands> DonchianSeries(std::span<const Bar> bars, int period);
std::vector<Bands> KeltnerSeries(std::span<const Bar> bars, int ema_period, int atr_period,
                                 double multiplier);

}  // namespace bgt::ta
