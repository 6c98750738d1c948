// Volume indicators: OBV, rolling VWAP and session VWAP. Streaming, O(1) per bar.
// Thread-safety: value types; one instance per thread. Conventions (NaN until ready, rejected
// bars, Reset) are in ta/series.h; parameter checks in ta/params.h.
//
// Definitions:
// - Obv: 0 on the first bar, then + volume when close rises, - volume when it falls, unchanged on
//   an equal close (Tulip's obv). Ready from the first bar.
// - Vwap: sum(typical price * volume) / sum(volume) over the last `window` bars, typical price
//   (high + low + close) / 3 (Tulip's vwma is the same with close for the price). Ready once the
//   window is full; when the window's volume is 0 the value is the newest typical price.
// - SessionVwap: the same over all bars since StartSession() (or construction). NaN until the
//   session has seen volume.
// The volume sums are Neumaier-compensated and recomputed periodically (ta/rolling.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/result.h"
#include "ta/bar.h"
#include "ta/rolling.h"
#include "ta/series.h"

namespace bgt::ta {

class Obv {
 public:
  Obv() = default;
  static core::Status Validate() { return core::Status::Ok(); }
  static core::Result<Obv> Create() { return Obv(); }

  double Update(const Bar& bar);
  bool Ready() const { return has_prev_; }
  double Value() const { return Ready() ? value_ : kNaN; }
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  bool has_prev_ = false;
  double prev_close_ = 0.0;
  double value_ = 0.0;
  std::int64_t rejected_ = 0;
};

class Vwap {
 public:
  static core::Status Validate(int window);  // window >= 1
  static core::Result<Vwap> Create(int window);
  explicit Vwap(int window);

  double Update(const Bar& bar);
  bool Ready() const { return volume_.Full(); }
  double Value() const;
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  RollingSum price_volume_;
  RollingSum volume_;
  double last_typical_ = 0.0;
  int nonzero_volumes_ = 0;  // bars in the window with volume != 0
  std::int64_t rejected_ = 0;
};

class SessionVwap {
 public:
  SessionVwap() = default;
  static core::Status Validate() { return core::Status::Ok(); }
  static core::Result<SessionVwap> Create() { return SessionVwap(); }

  // Starts a new session: the next bar is the first one averaged. Keeps RejectedCount().
  void StartSession();
  double Update(const Bar& bar);
  // Same as StartSession() when new_session, then Update(bar).
  double Update(const Bar& bar, bool new_session);
  bool Ready() const { return volume_ > 0.0; }
  double Value() const { return Ready() ? (price_volume_ + pv_comp_) / volume_ : kNaN; }
  void Reset();
  std::int64_t RejectedCount() const { return rejected_; }

 private:
  double price_volume_ = 0.0;
  double pv_comp_ = 0.0;  // Neumaier compensation of price_volume_
  double volume_ = 0.0;
  std::int64_t rejected_ = 0;
};

// Batch forms (see moving_average.h). SessionVwapSeries starts a new session at each bar index
// listed in session_starts (the first bar always starts one; indices must be increasing).
std::vector<double> ObvSeries(std::span<const Bar> bars);
std::vector<double> VwapSeries(std::span<const Bar> bars, int window);
std::vector<double> SessionVwapSeries(std::span<const Bar> bars,
                                      std::span<const std::size_t> session_starts);

}  // namespace bgt::ta
