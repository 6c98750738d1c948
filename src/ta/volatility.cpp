#include "ta/volatility.h"

#include <algorithm>
#include <cmath>

#include "ta/params.h"

namespace bgt::ta {

using internal::CheckOrDie;
using internal::CheckPeriod;
using internal::CheckReal;
using internal::CreateChecked;

double TrueRange::Update(const Bar& bar) {
  double tr = bar.high - bar.low;
  if (has_prev_) {
    tr = std::max({tr, std::fabs(bar.high - prev_close_), std::fabs(bar.low - prev_close_)});
  }
  has_prev_ = true;
  prev_close_ = bar.close;
  return tr;
}

// --- Atr ---
core::Status Atr::Validate(int period) { return CheckPeriod("Atr", "period", period); }
core::Result<Atr> Atr::Create(int period) { return CreateChecked<Atr>(Validate(period), period); }
Atr::Atr(int period) : rma_((CheckOrDie(Validate(period)), period)) {}

double Atr::Update(const Bar& bar) {
  if (!IsValidBar(bar)) {
    ++rejected_;
    return Value();
  }
  return rma_.Update(tr_.Update(bar));
}

void Atr::Reset() {
  tr_.Reset();
  rma_.Reset();
  rejected_ = 0;
}

// --- Bollinger ---
core::Status Bollinger::Validate(int period, double k) {
  BGT_RETURN_IF_ERROR(CheckPeriod("Bollinger", "period", period));
  return CheckReal("Bollinger", "k", k, 0.0, 100.0, true);
}
core::Result<Bollinger> Bollinger::Create(int period, double k) {
  return CreateChecked<Bollinger>(Validate(period, k), period, k);
}
Bollinger::Bollinger(int period, double k)
    : k_(k), moments_((CheckOrDie(Validate(period, k)), period)) {}

Bands Bollinger::Update(double x) {
  if (!std::isfinite(x)) {
    ++rejected_;
    return Value();
  }
  moments_.Add(x);
  return Value();
}

double Bollinger::StdDev() const { return Ready() ? std::sqrt(moments_.Variance()) : kNaN; }

Bands Bollinger::Value() const {
  if (!Ready()) return Bands{};
  const double mid = moments_.Mean();
  const double width = k_ * std::sqrt(moments_.Variance());
  return Bands{mid - width, mid, mid + width};
}

void Bollinger::Reset() {
  moments_.Reset();
  rejected_ = 0;
}

// --- ZScore ---
core::Status ZScore::Validate(int period) { return CheckPeriod("ZScore", "period", period); }
core::Result<ZScore> ZScore::Create(int period) {
  return CreateChecked<ZScore>(Validate(period), period);
}
ZScore::ZScore(int period) : moments_((CheckOrDie(Validate(period)), period)) {}

double ZScore::Update(double x) {
  if (!std::isfinite(x)) {
    ++rejected_;
    return Value();
  }
  moments_.Add(x);
  const double sd = std::sqrt(moments_.Variance());
  value_ = sd > 0.0 ? (x - moments_.Mean()) / sd : 0.0;
  return Value();
}

void ZScore::Reset() {
  moments_.Reset();
  value_ = 0.0;
  rejected_ = 0;
}

// --- RealizedVol ---
core::Status RealizedVol::Validate(int period, double periods_per_year) {
  BGT_RETURN_IF_ERROR(CheckPeriod("RealizedVol", "period", period, 2));
  return CheckReal("RealizedVol", "periods_per_year", periods_per_year, 0.0, 1e9, false);
}
core::Result<RealizedVol> RealizedVol::Create(int period, double periods_per_year) {
  return CreateChecked<RealizedVol>(Validate(period, periods_per_year), period, periods_per_year);
}
RealizedVol::RealizedVol(int period, double periods_per_year)
    : annualization_(std::sqrt(periods_per_year)),
      returns_((CheckOrDie(Validate(period, periods_per_year)), period)) {}

double RealizedVol::Update(double price) {
  if (!std::isfinite(price) || price <= 0.0) {
    ++rejected_;
    return Value();
  }
  const double log_price = std::log(price);
  if (has_prev_) returns_.Add(log_price - prev_log_);
  has_prev_ = true;
  prev_log_ = log_price;
  return Value();
}

double RealizedVol::Value() const {
  return Ready() ? std::sqrt(returns_.SampleVariance()) * annualization_ : kNaN;
}

void RealizedVol::Reset() {
  returns_.Reset();
  has_prev_ = false;
  prev_log_ = 0.0;
  rejected_ = 0;
}

// --- Donchian ---
core::Status Donchian::Validate(int period) { return CheckPeriod("Donchian", "period", period); }
core::Result<Donchian> Donchian::Create(int period) {
  return CreateChecked<Donchian>(Validate(period), period);
}
Donchian::Donchian(int period)
    : highs_((CheckOrDie(Validate(period)), period), RollingExtremum::Kind::kMax),
      lows_(period, RollingExtremum::Kind::kMin) {}

Bands Donchian::Update(const Bar& bar) {
  if (!IsValidBar(bar)) {
    ++rejected_;
    return Value();
  }
  highs_.Add(bar.high);
  lows_.Add(bar.low);
  return Value();
}

Bands Donchian::Value() const {
  if (!Ready()) return Bands{};
  const double hi = highs_.Value();
  const double lo = lows_.Value();
  return Bands{lo, lo + 0.5 * (hi - lo), hi};
}

void Donchian::Reset() {
  highs_.Reset();
  lows_.Reset();
  rejected_ = 0;
}

// --- Keltner ---
core::Status Keltner::Validate(int ema_period, int atr_period, double multiplier) {
  BGT_RETURN_IF_ERROR(CheckPeriod("Keltner", "ema_period", ema_period));
  BGT_RETURN_IF_ERROR(CheckPeriod("Keltner", "atr_period", atr_period));
  return CheckReal("Keltner", "multiplier", multiplier, 0.0, 100.0, true);
}
core::Result<Keltner> Keltner::Create(int ema_period, int atr_period, double multiplier) {
  return CreateChecked<Keltner>(Validate(ema_period, atr_period, multiplier), ema_period,
                                atr_period, multiplier);
}
Keltner::Keltner(int ema_period, int atr_period, double multiplier)
    : multiplier_(multiplier),
      ema_((CheckOrDie(Validate(ema_period, atr_period, multiplier)), ema_period)),
      atr_(atr_period) {}

Bands Keltner::Update(const Bar& bar) {
  if (!IsValidBar(bar)) {
    ++rejected_;
    return Value();
  }
  ema_.Update(bar.close);
  atr_.Update(bar);
  return Value();
}

Bands Keltner::Value() const {
  if (!Ready()) return Bands{};
  const double mid = ema_.Value();
  const double width = multiplier_ * atr_.Value();
  return Bands{mid - width, mid, mid + width};
}

void Keltner::Reset() {
  ema_.Reset();
  atr_.Reset();
  rejected_ = 0;
}

std::vector<double> AtrSeries(std::span<const Bar> bars, int period) {
  return RunSeries(Atr(period), bars);
}
std::vector<Bands> BollingerSeries(std::span<const double> x, int period, double k) {
  return RunSeries(Bollinger(period, k), x);
}
std::vector<double> ZScoreSeries(std::span<const double> x, int period) {
  return RunSeries(ZScore(period), x);
}
std::vector<double> RealizedVolSeries(std::span<const double> prices, int period,
                                      double periods_per_year) {
  return RunSeries(RealizedVol(period, periods_per_year), prices);
}
std::vector<Bands> DonchianSeries(std::span<const Bar> bars, int period) {
  return RunSeries(Donchian(period), bars);
}
std::vector<Bands> KeltnerSeries(std::span<const Bar> bars, int ema_period, int atr_period,
                                 double multiplier) {
  return RunSeries(Keltner(ema_period, atr_period, multiplier), bars);
}

}  // namespace bgt::ta
