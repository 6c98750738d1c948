#include "ta/oscillators.h"

#include <cmath>

#include "ta/params.h"

namespace bgt::ta {

using internal::CheckOrDie;
using internal::CheckPeriod;
using internal::CreateChecked;

// --- Rsi ---
core::Status Rsi::Validate(int period) { return CheckPeriod("Rsi", "period", period); }
core::Result<Rsi> Rsi::Create(int period) { return CreateChecked<Rsi>(Validate(period), period); }
Rsi::Rsi(int period) : gain_((CheckOrDie(Validate(period)), period)), loss_(period) {}

double Rsi::Update(double x) {
  if (!std::isfinite(x)) {
    ++rejected_;
    return Value();
  }
  if (has_prev_) {
    const double change = x - prev_;
    gain_.Update(change > 0.0 ? change : 0.0);
    loss_.Update(change < 0.0 ? -change : 0.0);
  }
  has_prev_ = true;
  prev_ = x;
  return Value();
}

double Rsi::Value() const {
  if (!Ready()) return kNaN;
  const double up = gain_.Value();
  const double total = up + loss_.Value();
  return total > 0.0 ? 100.0 * up / total : 50.0;
}

void Rsi::Reset() {
  gain_.Reset();
  loss_.Reset();
  has_prev_ = false;
  prev_ = 0.0;
  rejected_ = 0;
}

// --- Macd ---
core::Status Macd::Validate(int fast, int slow, int signal) {
  BGT_RETURN_IF_ERROR(CheckPeriod("Macd", "fast", fast));
  BGT_RETURN_IF_ERROR(CheckPeriod("Macd", "slow", slow, fast + 1));
  return CheckPeriod("Macd", "signal", signal);
}
core::Result<Macd> Macd::Create(int fast, int slow, int signal) {
  return CreateChecked<Macd>(Validate(fast, slow, signal), fast, slow, signal);
}
Macd::Macd(int fast, int slow, int signal)
    : fast_((CheckOrDie(Validate(fast, slow, signal)), fast)), slow_(slow), signal_(signal) {}

MacdValue Macd::Update(double x) {
  if (!std::isfinite(x)) {
    ++rejected_;
    return Value();
  }
  fast_.Update(x);
  if (slow_.Update(x); slow_.Ready()) signal_.Update(fast_.Value() - slow_.Value());
  return Value();
}

MacdValue Macd::Value() const {
  MacdValue v;
  if (!slow_.Ready()) return v;
  v.line = fast_.Value() - slow_.Value();
  if (signal_.Ready()) {
    v.signal = signal_.Value();
    v.histogram = v.line - v.signal;
  }
  return v;
}

void Macd::Reset() {
  fast_.Reset();
  slow_.Reset();
  signal_.Reset();
  rejected_ = 0;
}

// --- Stochastic ---
core::Status Stochastic::Validate(int k_period, int k_slow, int d_period) {
  BGT_RETURN_IF_ERROR(CheckPeriod("Stochastic", "k_period", k_period));
  BGT_RETURN_IF_ERROR(CheckPeriod("Stochastic", "k_slow", k_slow));
  return CheckPeriod("Stochastic", "d_period", d_period);
}
core::Result<Stochastic> Stochastic::Create(int k_period, int k_slow, int d_period) {
  return CreateChecked<Stochastic>(Validate(k_period, k_slow, d_period), k_period, k_slow,
                                   d_period);
}
Stochastic::Stochastic(int k_period, int k_slow, int d_period)
    : highs_((CheckOrDie(Validate(k_period, k_slow, d_period)), k_period),
             RollingExtremum::Kind::kMax),
      lows_(k_period, RollingExtremum::Kind::kMin),
      k_(k_slow),
      d_(d_period) {}

StochasticValue Stochastic::Update(const Bar& bar) {
  if (!IsValidBar(bar)) {
    ++rejected_;
    return Value();
  }
  highs_.Add(bar.high);
  lows_.Add(bar.low);
  if (highs_.Full()) {
    const double lo = lows_.Value();
    const double range = highs_.Value() - lo;
    const double fast_k = range > 0.0 ? 100.0 * (bar.close - lo) / range : 50.0;
    if (k_.Update(fast_k); k_.Ready()) d_.Update(k_.Value());
  }
  return Value();
}

StochasticValue Stochastic::Value() const {
  if (!Ready()) return StochasticValue{};
  return StochasticValue{k_.Value(), d_.Value()};
}

void Stochastic::Reset() {
  highs_.Reset();
  lows_.Reset();
  k_.Reset();
  d_.Reset();
  rejected_ = 0;
}

// --- Cci ---
core::Status Cci::Validate(int period) { return CheckPeriod("Cci", "period", period); }
core::Result<Cci> Cci::Create(int period) { return CreateChecked<Cci>(Validate(period), period); }
Cci::Cci(int period) : period_(period), tp_((CheckOrDie(Validate(period)), period)) {}

double Cci::Update(const Bar& bar) {
  if (!IsValidBar(bar)) {
    ++rejected_;
    return Value();
  }
  const double tp = (bar.high + bar.low + bar.close) * (1.0 / 3.0);
  tp_.Add(tp);
  if (tp_.Full()) {
    const double avg = tp_.Sum() / period_;
    const RingBuffer& window = tp_.Window();
    double deviation = 0.0;
    bool flat = true;  // exact test: avg may be an ulp off the common value of a flat window
    for (int i = 0; i < period_; ++i) {
      deviation += std::fabs(avg - window.At(i));
      flat = flat && window.At(i) == tp;
    }
    deviation *= 0.015 / period_;
    value_ = (!flat && deviation > 0.0) ? (tp - avg) / deviation : 0.0;
  }
  return Value();
}

void Cci::Reset() {
  tp_.Reset();
  value_ = 0.0;
  rejected_ = 0;
}

// --- Roc ---
core::Status Roc::Validate(int period) { return CheckPeriod("Roc", "period", period); }
core::Result<Roc> Roc::Create(int period) { return CreateChecked<Roc>(Validate(period), period); }
Roc::Roc(int period) : window_((CheckOrDie(Validate(period)), period + 1)) {}

double Roc::Update(double x) {
  if (!std::isfinite(x)) {
    ++rejected_;
    return Value();
  }
  double evicted = 0.0;
  window_.Push(x, &evicted);
  return Value();
}

double Roc::Value() const {
  if (!Ready()) return kNaN;
  const double base = window_.At(0);
  return base != 0.0 ? (window_.Newest() - base) / base : 0.0;
}

void Roc::Reset() {
  window_.Clear();
  rejected_ = 0;
}

std::vector<double> RsiSeries(std::span<const double> x, int period) {
  return RunSeries(Rsi(period), x);
}
std::vector<MacdValue> MacdSeries(std::span<const double> x, int fast, int slow, int signal) {
  return RunSeries(Macd(fast, slow, signal), x);
}
std::vector<StochasticValue> StochasticSeries(std::span<const Bar> bars, int k_period, int k_slow,
                                              int d_period) {
  return RunSeries(Stochastic(k_period, k_slow, d_period), bars);
}
std::vector<double> CciSeries(std::span<const Bar> bars, int period) {
  return RunSeries(Cci(period), bars);
}
std::vector<double> RocSeries(std::span<const double> x, int period) {
  return RunSeries(Roc(period), x);
}

}  // namespace bgt::ta
