#include "ta/volume.h"

#include <cmath>

#include "core/check.h"
#include "ta/params.h"

namespace bgt::ta {

using internal::CheckOrDie;
using internal::CheckPeriod;
using internal::CreateChecked;

namespace {
double TypicalPrice(const Bar& bar) { return (bar.high + bar.low + bar.close) * (1.0 / 3.0); }
}  // namespace

// --- Obv ---
double Obv::Update(const Bar& bar) {
  if (!IsValidBar(bar)) {
    ++rejected_;
    return Value();
  }
  if (has_prev_) {
    if (bar.close > prev_close_) {
      value_ += bar.volume;
    } else if (bar.close < prev_close_) {
      value_ -= bar.volume;
    }
  }
  has_prev_ = true;
  prev_close_ = bar.close;
  return Value();
}

void Obv::Reset() {
  has_prev_ = false;
  prev_close_ = 0.0;
  value_ = 0.0;
  rejected_ = 0;
}

// --- Vwap ---
core::Status Vwap::Validate(int window) { return CheckPeriod("Vwap", "window", window); }
core::Result<Vwap> Vwap::Create(int window) {
  return CreateChecked<Vwap>(Validate(window), window);
}
Vwap::Vwap(int window) : price_volume_((CheckOrDie(Validate(window)), window)), volume_(window) {}

double Vwap::Update(const Bar& bar) {
  if (!IsValidBar(bar)) {
    ++rejected_;
    return Value();
  }
  last_typical_ = TypicalPrice(bar);
  if (volume_.Full() && volume_.Window().At(0) != 0.0) --nonzero_volumes_;
  if (bar.volume != 0.0) ++nonzero_volumes_;
  price_volume_.Add(last_typical_ * bar.volume);
  volume_.Add(bar.volume);
  return Value();
}

double Vwap::Value() const {
  if (!Ready()) return kNaN;
  // Counting the bars with volume keeps an all-zero window exact (a rounding residue of the
  // running sums must not be divided by another residue).
  const double volume = volume_.Sum();
  return nonzero_volumes_ > 0 && volume > 0.0 ? price_volume_.Sum() / volume : last_typical_;
}

void Vwap::Reset() {
  price_volume_.Reset();
  volume_.Reset();
  last_typical_ = 0.0;
  nonzero_volumes_ = 0;
  rejected_ = 0;
}

// --- SessionVwap ---
void SessionVwap::StartSession() {
  price_volume_ = 0.0;
  pv_comp_ = 0.0;
  volume_ = 0.0;
}

double SessionVwap::Update(const Bar& bar) {
  if (!IsValidBar(bar)) {
    ++rejected_;
    return Value();
  }
  const double pv = TypicalPrice(bar) * bar.volume;
  const double t = price_volume_ + pv;
  pv_comp_ += std::fabs(price_volume_) >= std::fabs(pv) ? (price_volume_ - t) + pv
                                                        : (pv - t) + price_volume_;
  price_volume_ = t;
  volume_ += bar.volume;
  return Value();
}

double SessionVwap::Update(const Bar& bar, bool new_session) {
  if (new_session) StartSession();
  return Update(bar);
}

void SessionVwap::Reset() {
  StartSession();
  rejected_ = 0;
}

std::vector<double> ObvSeries(std::span<const Bar> bars) { return RunSeries(Obv(), bars); }
std::vector<double> VwapSeries(std::span<const Bar> bars, int window) {
  return RunSeries(Vwap(window), bars);
}
std::vector<double> SessionVwapSeries(std::span<const Bar> bars,
                                      std::span<const std::size_t> session_starts) {
  SessionVwap vwap;
  std::vector<double> out;
  out.reserve(bars.size());
  std::size_t next = 0;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    bool starts = false;
    while (next < session_starts.size() && session_starts[next] <= i) {
      starts = starts || session_starts[next] == i;
      ++next;
    }
    out.push_back(vwap.Update(bars[i], starts));
  }
  return out;
}

}  // namespace bgt::ta
