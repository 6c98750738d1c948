#include "ta/moving_average.h"

#include <algorithm>
#include <cmath>

#include "ta/params.h"

namespace bgt::ta {

using internal::CheckOrDie;
using internal::CheckPeriod;
using internal::CreateChecked;

// --- Sma ---
core::Status Sma::Validate(int period) { return CheckPeriod("Sma", "period", period); }
core::Result<Sma> Sma::Create(int period) { return CreateChecked<Sma>(Validate(period), period); }
Sma::Sma(int period) : period_(period), sum_((CheckOrDie(Validate(period)), period)) {}

void Sma::Reset() {
  sum_.Reset();
  rejected_ = 0;
}

// --- ExpSmoothing, Ema, Rma ---
ExpSmoothing::ExpSmoothing(int period, double alpha) : period_(period), alpha_(alpha) {
  BGT_CHECK(period >= 1 && alpha > 0.0 && alpha <= 1.0, "ExpSmoothing: bad period or alpha");
}

void ExpSmoothing::Reset() {
  count_ = 0;
  value_ = 0.0;
  rejected_ = 0;
}

core::Status Ema::Validate(int period) { return CheckPeriod("Ema", "period", period); }
core::Result<Ema> Ema::Create(int period) { return CreateChecked<Ema>(Validate(period), period); }
Ema::Ema(int period) : ExpSmoothing((CheckOrDie(Validate(period)), period), 2.0 / (period + 1.0)) {}

core::Status Rma::Validate(int period) { return CheckPeriod("Rma", "period", period); }
core::Result<Rma> Rma::Create(int period) { return CreateChecked<Rma>(Validate(period), period); }
Rma::Rma(int period) : ExpSmoothing((CheckOrDie(Validate(period)), period), 1.0 / period) {}

// --- Wma ---
core::Status Wma::Validate(int period) { return CheckPeriod("Wma", "period", period); }
core::Result<Wma> Wma::Create(int period) { return CreateChecked<Wma>(Validate(period), period); }
Wma::Wma(int period) : period_(period), window_((CheckOrDie(Validate(period)), period)) {}

double Wma::Update(double x) {
  if (!std::isfinite(x)) {
    ++rejected_;
    return Value();
  }
  double evicted = 0.0;
  if (!window_.Push(x, &evicted)) {
    weighted_ += window_.size() * x;
    sum_ += x;
  } else {
    // Every weight drops by one (the oldest, weight 1, leaves) and x enters with weight period.
    weighted_ += period_ * x - sum_;
    sum_ += x - evicted;
    if (++since_recompute_ >= std::max(period_, kRecomputeEvery)) Recompute();
  }
  return Value();
}

void Wma::Recompute() {
  sum_ = 0.0;
  weighted_ = 0.0;
  for (int i = 0; i < window_.size(); ++i) {
    sum_ += window_.At(i);
    weighted_ += (i + 1.0) * window_.At(i);
  }
  since_recompute_ = 0;
}

double Wma::Value() const {
  if (!Ready()) return kNaN;
  return weighted_ / (0.5 * period_ * (period_ + 1.0));
}

void Wma::Reset() {
  window_.Clear();
  sum_ = 0.0;
  weighted_ = 0.0;
  since_recompute_ = 0;
  rejected_ = 0;
}

// --- Dema, Tema ---
core::Status Dema::Validate(int period) { return CheckPeriod("Dema", "period", period); }
core::Result<Dema> Dema::Create(int period) {
  return CreateChecked<Dema>(Validate(period), period);
}
Dema::Dema(int period) : e1_((CheckOrDie(Validate(period)), period)), e2_(period) {}

double Dema::Update(double x) {
  if (!std::isfinite(x)) {
    ++rejected_;
    return Value();
  }
  if (e1_.Update(x); e1_.Ready()) e2_.Update(e1_.Value());
  return Value();
}

void Dema::Reset() {
  e1_.Reset();
  e2_.Reset();
  rejected_ = 0;
}

core::Status Tema::Validate(int period) { return CheckPeriod("Tema", "period", period); }
core::Result<Tema> Tema::Create(int period) {
  return CreateChecked<Tema>(Validate(period), period);
}
Tema::Tema(int period) : e1_((CheckOrDie(Validate(period)), period)), e2_(period), e3_(period) {}

double Tema::Update(double x) {
  if (!std::isfinite(x)) {
    ++rejected_;
    return Value();
  }
  if (e1_.Update(x); e1_.Ready()) {
    if (e2_.Update(e1_.Value()); e2_.Ready()) e3_.Update(e2_.Value());
  }
  return Value();
}

double Tema::Value() const {
  if (!Ready()) return kNaN;
  return 3.0 * e1_.Value() - 3.0 * e2_.Value() + e3_.Value();
}

void Tema::Reset() {
  e1_.Reset();
  e2_.Reset();
  e3_.Reset();
  rejected_ = 0;
}

std::vector<double> SmaSeries(std::span<const double> x, int period) {
  return RunSeries(Sma(period), x);
}
std::vector<double> EmaSeries(std::span<const double> x, int period) {
  return RunSeries(Ema(period), x);
}
std::vector<double> RmaSeries(std::span<const double> x, int period) {
  return RunSeries(Rma(period), x);
}
std::vector<double> WmaSeries(std::span<const double> x, int period) {
  return RunSeries(Wma(period), x);
}
std::vector<double> DemaSeries(std::span<const double> x, int period) {
  return RunSeries(Dema(period), x);
}
std::vector<double> TemaSeries(std::span<const double> x, int period) {
  return RunSeries(Tema(period), x);
}

}  // namespace bgt::ta
