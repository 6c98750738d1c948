#include "ta/trend.h"

#include <algorithm>
#include <cmath>

#include "ta/params.h"

namespace bgt::ta {

using internal::CheckOrDie;
using internal::CheckPeriod;
using internal::CheckReal;
using internal::CreateChecked;

// --- Adx ---
core::Status Adx::Validate(int period) { return CheckPeriod("Adx", "period", period, 2); }
core::Result<Adx> Adx::Create(int period) { return CreateChecked<Adx>(Validate(period), period); }
Adx::Adx(int period)
    : period_((CheckOrDie(Validate(period)), period)), keep_((period - 1.0) / period) {}

AdxValue Adx::Update(const Bar& bar) {
  if (!IsValidBar(bar)) {
    ++rejected_;
    return Value();
  }
  ++bars_;
  if (bars_ > 1) {
    const double tr = std::max(
        {bar.high - bar.low, std::fabs(bar.high - prev_.close), std::fabs(bar.low - prev_.close)});
    const double up = bar.high - prev_.high;
    const double down = prev_.low - bar.low;
    const double plus = (up > down && up > 0.0) ? up : 0.0;
    const double minus = (down > up && down > 0.0) ? down : 0.0;
    if (bars_ <= period_) {
      tr_ += tr;
      plus_dm_ += plus;
      minus_dm_ += minus;
    } else {
      tr_ = tr_ * keep_ + tr;
      plus_dm_ = plus_dm_ * keep_ + plus;
      minus_dm_ = minus_dm_ * keep_ + minus;
    }
    if (bars_ >= period_) {
      plus_di_ = tr_ > 0.0 ? 100.0 * plus_dm_ / tr_ : 0.0;
      minus_di_ = tr_ > 0.0 ? 100.0 * minus_dm_ / tr_ : 0.0;
      const double di_sum = plus_di_ + minus_di_;
      const double dx = di_sum > 0.0 ? 100.0 * std::fabs(plus_di_ - minus_di_) / di_sum : 0.0;
      if (dx_count_ < period_) {
        adx_ += dx;
        if (++dx_count_ == period_) adx_ /= period_;
      } else {
        adx_ += (dx - adx_) / period_;
      }
    }
  }
  prev_ = bar;
  return Value();
}

AdxValue Adx::Value() const {
  AdxValue v;
  if (bars_ < period_) return v;
  v.plus_di = plus_di_;
  v.minus_di = minus_di_;
  if (Ready()) v.adx = adx_;
  return v;
}

void Adx::Reset() {
  bars_ = 0;
  tr_ = plus_dm_ = minus_dm_ = 0.0;
  plus_di_ = minus_di_ = 0.0;
  dx_count_ = 0;
  adx_ = 0.0;
  rejected_ = 0;
}

// --- Supertrend ---
core::Status Supertrend::Validate(int atr_period, double multiplier) {
  BGT_RETURN_IF_ERROR(CheckPeriod("Supertrend", "atr_period", atr_period));
  return CheckReal("Supertrend", "multiplier", multiplier, 0.0, 100.0, false);
}
core::Result<Supertrend> Supertrend::Create(int atr_period, double multiplier) {
  return CreateChecked<Supertrend>(Validate(atr_period, multiplier), atr_period, multiplier);
}
Supertrend::Supertrend(int atr_period, double multiplier)
    : multiplier_(multiplier), atr_((CheckOrDie(Validate(atr_period, multiplier)), atr_period)) {}

SupertrendValue Supertrend::Update(const Bar& bar) {
  if (!IsValidBar(bar)) {
    ++rejected_;
    return Value();
  }
  atr_.Update(bar);
  if (atr_.Ready()) {
    const double hl2 = 0.5 * (bar.high + bar.low);
    const double width = multiplier_ * atr_.Value();
    const double basic_upper = hl2 + width;
    const double basic_lower = hl2 - width;
    SupertrendValue next;
    if (!Ready()) {
      next.upper = basic_upper;
      next.lower = basic_lower;
      next.direction = bar.close < basic_lower ? -1 : 1;
    } else {
      const SupertrendValue& prev = value_;
      next.upper =
          (basic_upper < prev.upper || prev_close_ > prev.upper) ? basic_upper : prev.upper;
      next.lower =
          (basic_lower > prev.lower || prev_close_ < prev.lower) ? basic_lower : prev.lower;
      if (prev.direction > 0) {
        next.direction = bar.close < next.lower ? -1 : 1;
      } else {
        next.direction = bar.close > next.upper ? 1 : -1;
      }
    }
    next.value = next.direction > 0 ? next.lower : next.upper;
    value_ = next;
  }
  prev_close_ = bar.close;
  return Value();
}

void Supertrend::Reset() {
  atr_.Reset();
  value_ = SupertrendValue{};
  prev_close_ = 0.0;
  rejected_ = 0;
}

// --- Psar ---
core::Status Psar::Validate(double step, double max) {
  BGT_RETURN_IF_ERROR(CheckReal("Psar", "step", step, 0.0, 1.0, false));
  return CheckReal("Psar", "max", max, step, 1.0, true);
}
core::Result<Psar> Psar::Create(double step, double max) {
  return CreateChecked<Psar>(Validate(step, max), step, max);
}
Psar::Psar(double step, double max) : step_(step), max_(max) { CheckOrDie(Validate(step, max)); }

double Psar::Update(const Bar& bar) {
  if (!IsValidBar(bar)) {
    ++rejected_;
    return Value();
  }
  ++bars_;
  if (bars_ == 1) {
    prev_ = bar;
    return Value();
  }
  if (bars_ == 2) {
    long_ = prev_.high + prev_.low <= bar.high + bar.low;
    extreme_ = long_ ? prev_.high : prev_.low;
    sar_ = long_ ? prev_.low : prev_.high;
    accel_ = step_;
  }
  sar_ += (extreme_ - sar_) * accel_;
  if (long_) {
    if (bars_ >= 3) sar_ = std::min(sar_, prev2_.low);
    sar_ = std::min(sar_, prev_.low);
    if (bar.high > extreme_) {
      extreme_ = bar.high;
      accel_ = std::min(accel_ + step_, max_);
    }
  } else {
    if (bars_ >= 3) sar_ = std::max(sar_, prev2_.high);
    sar_ = std::max(sar_, prev_.high);
    if (bar.low < extreme_) {
      extreme_ = bar.low;
      accel_ = std::min(accel_ + step_, max_);
    }
  }
  if ((long_ && bar.low < sar_) || (!long_ && bar.high > sar_)) {
    accel_ = step_;
    sar_ = extreme_;
    long_ = !long_;
    extreme_ = long_ ? bar.high : bar.low;
  }
  prev2_ = prev_;
  prev_ = bar;
  return Value();
}

void Psar::Reset() {
  bars_ = 0;
  long_ = true;
  sar_ = extreme_ = accel_ = 0.0;
  rejected_ = 0;
}

std::vector<AdxValue> AdxSeries(std::span<const Bar> bars, int period) {
  return RunSeries(Adx(period), bars);
}
std::vector<SupertrendValue> SupertrendSeries(std::span<const Bar> bars, int atr_period,
                                              double multiplier) {
  return RunSeries(Supertrend(atr_period, multiplier), bars);
}
std::vector<double> PsarSeries(std::span<const Bar> bars, double step, double max) {
  return RunSeries(Psar(step, max), bars);
}

}  // namespace bgt::ta
