#include "sim/market_path.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/check.h"
#include "sim/market_rng.h"

namespace bgt::sim {
namespace {

constexpr std::size_t kCachedDays = 4;
// Numerical guard on the 1-minute GARCH factor: with t(4) innovations one squared shock can be
// huge; capping at 50x the normal variance keeps single minutes finite without touching the
// bulk of the distribution.
constexpr double kMaxVarianceFactor = 50;
// E[activity * (0.4 + 0.75 |z|)] is about 0.82 (measured over 200 seeded days for six presets;
// varies 0.7-1.0 by symbol), so this brings mean daily volume to the preset's figure.
constexpr double kVolumeNorm = 1.22;
// Price ticks are capped far below int64 overflow.
constexpr double kMaxTicks = 1e15;

// Ornstein-Uhlenbeck path over weights.size() minutes from `from`, mean-reverting to `mean` with
// per-minute decay `decay` and stationary sd `sd`, bridged to end exactly at `to` (weights from
// BridgeWeights). out[m] is the value at the start of minute m (out[0] == from).
void OuBridge(MarketRng& rng, double from, double to, double mean, double sd, double decay,
              const std::vector<double>& weights, std::vector<double>& out) {
  const std::size_t steps = out.size();
  const double shock = sd * std::sqrt(1.0 - decay * decay);
  double x = from;
  out[0] = from;
  for (std::size_t m = 1; m < steps; ++m) {
    x = mean + (x - mean) * decay + shock * rng.Normal();
    out[m] = x;
  }
  x = mean + (x - mean) * decay + shock * rng.Normal();  // the value at the day's end
  const double gap = to - x;
  for (std::size_t m = 1; m < steps; ++m) out[m] += gap * weights[m];
}

// Conditioning an OU path (rate per minute) on its value after `steps` minutes adds
// (end - x_T) * sinh(rate m) / sinh(rate T) at minute m.
std::vector<double> BridgeWeights(double rate, std::size_t steps) {
  std::vector<double> w(steps);
  const double total = std::sinh(rate * static_cast<double>(steps));
  for (std::size_t m = 0; m < steps; ++m) w[m] = std::sinh(rate * static_cast<double>(m)) / total;
  return w;
}

double PerMinuteRate(double half_life_minutes) { return std::log(2.0) / half_life_minutes; }

}  // namespace

void MergeBar(TickBar& acc, const TickBar& next) {
  if (next.empty()) return;
  if (acc.empty()) {
    acc = next;
    return;
  }
  acc.high = std::max(acc.high, next.high);
  acc.low = std::min(acc.low, next.low);
  acc.close = next.close;
  acc.base_lots += next.base_lots;
  acc.quote_e4 += next.quote_e4;
}

std::int64_t QuoteE4(std::int64_t lots, std::int64_t open, std::int64_t high, std::int64_t low,
                     std::int64_t close, double tick, double step) {
  const double typical = static_cast<double>(open + high + low + close) * 0.25 * tick;
  return std::llround(static_cast<double>(lots) * step * typical * 1e4);
}

SymbolPath::SymbolPath(SymbolSpec spec)
    : spec_(std::move(spec)),
      premium_weights_(
          BridgeWeights(PerMinuteRate(spec_.params.premium_half_life_hours * 60), kMinutesPerDay)),
      oi_weights_(BridgeWeights(
          PerMinuteRate(spec_.params.oi_half_life_days * static_cast<double>(kMinutesPerDay)),
          kMinutesPerDay)) {
  BGT_CHECK(spec_.start_day >= spec_.history_start_day, "start day before the history start");
  before_start_.premium = spec_.preset.premium_mean;
  const double start_log = Point(spec_.start_day - 1).log_close;
  log_ticks_offset_ = std::log(spec_.preset.start_price / spec_.tick) - start_log;
}

const SymbolPath::DayPoint& SymbolPath::Point(std::int64_t day) {
  BGT_CHECK(day >= spec_.history_start_day - 1, "day before the history start");
  if (day == spec_.history_start_day - 1) return before_start_;
  const auto index = static_cast<std::size_t>(day - spec_.history_start_day);
  const SymbolPreset& p = spec_.preset;
  const MarketModelParams& q = spec_.params;
  const double daily_sd = p.annual_vol / std::sqrt(365.0);
  const double level_pull = std::log(2.0) / q.level_half_life_days;
  const double omega = 1.0 - q.daily_garch_alpha - q.daily_garch_beta;
  const double premium_decay =
      std::exp(-PerMinuteRate(q.premium_half_life_hours * 60) * kMinutesPerDay);
  const double oi_decay = std::exp(-std::log(2.0) / q.oi_half_life_days);
  const double idio = std::sqrt(1.0 - p.daily_loading * p.daily_loading);
  while (skeleton_.size() <= index) {
    const std::int64_t d = spec_.history_start_day + static_cast<std::int64_t>(skeleton_.size());
    const DayPoint prev = skeleton_.empty() ? before_start_ : skeleton_.back();
    MarketRng factor(StreamKey(spec_.seed, 0, kTagDailyFactor, d));
    MarketRng rng(StreamKey(spec_.seed, spec_.symbol_hash, kTagDaily, d));
    const double z =
        p.daily_loading * factor.StudentT(q.daily_tail_dof) + idio * rng.StudentT(q.daily_tail_dof);
    DayPoint point;
    point.variance = prev.next_variance;
    point.next_variance =
        omega + q.daily_garch_alpha * z * z * point.variance + q.daily_garch_beta * point.variance;
    point.log_close = prev.log_close * (1 - level_pull) + daily_sd * std::sqrt(point.variance) * z;
    point.premium = p.premium_mean + (prev.premium - p.premium_mean) * premium_decay +
                    p.premium_sd * std::sqrt(1 - premium_decay * premium_decay) * rng.Normal();
    point.log_oi =
        prev.log_oi * oi_decay + q.oi_log_sd * std::sqrt(1 - oi_decay * oi_decay) * rng.Normal();
    skeleton_.push_back(point);
  }
  return skeleton_[index];
}

std::int64_t SymbolPath::Ticks(double log_price) const {
  const double ticks = std::exp(log_ticks_offset_ + log_price);
  return std::max<std::int64_t>(1, std::llround(std::min(ticks, kMaxTicks)));
}

std::unique_ptr<DayData> SymbolPath::Generate(std::int64_t day) {
  const DayPoint prev = Point(day - 1);
  const DayPoint cur = Point(day);
  const SymbolPreset& p = spec_.preset;
  const MarketModelParams& q = spec_.params;
  const std::size_t n = kMinutesPerDay;
  auto out = std::make_unique<DayData>();
  out->day = day;
  out->minutes.resize(n);
  out->activity.resize(n);
  out->premium.resize(n);
  out->premium_sum.resize(n);
  out->oi_lots.resize(n);

  // 1-minute returns: GARCH(1,1) on a unit-mean factor, scaled to the day's variance.
  const double day_variance =
      p.annual_vol * p.annual_vol / 365.0 * cur.variance / static_cast<double>(n);
  const double omega = 1.0 - p.garch_alpha - p.garch_beta;
  const double idio = std::sqrt(1.0 - p.minute_loading * p.minute_loading);
  MarketRng factor(StreamKey(spec_.seed, 0, kTagMinuteFactor, day));
  MarketRng rng(StreamKey(spec_.seed, spec_.symbol_hash, kTagMinute, day));
  std::vector<double> ret(n);
  std::vector<double> var(n);
  std::vector<double> shock(n);
  double g = 1.0;
  double sum_ret = 0;
  double sum_var = 0;
  for (std::size_t m = 0; m < n; ++m) {
    const double z =
        p.minute_loading * factor.StudentT(q.factor_tail_dof) + idio * rng.StudentT(p.tail_dof);
    var[m] = day_variance * g;
    ret[m] = std::sqrt(var[m]) * z;
    shock[m] = std::abs(z);
    out->activity[m] = static_cast<float>(std::sqrt(g * cur.variance));
    sum_ret += ret[m];
    sum_var += var[m];
    g = std::min(kMaxVarianceFactor, omega + p.garch_alpha * z * z * g + p.garch_beta * g);
  }
  // Bridge: spread the gap to the skeleton's daily return in proportion to each minute's variance.
  const double gap = (cur.log_close - prev.log_close) - sum_ret;
  for (std::size_t m = 0; m < n; ++m) ret[m] += gap * var[m] / sum_var;

  // Bars. High and low are exact draws of the maximum / minimum of a Brownian bridge from open
  // to close with the minute's variance: P(max > h) = exp(-2 (h - o)(h - c) / v).
  MarketRng extremes(StreamKey(spec_.seed, spec_.symbol_hash, kTagMinuteExtremes, day));
  const double quote_per_minute = p.quote_volume_24h / static_cast<double>(n);
  double level = prev.log_close;
  std::int64_t open = Ticks(level);
  for (std::size_t m = 0; m < n; ++m) {
    const double next_level = m + 1 == n ? cur.log_close : level + ret[m];
    TickBar& bar = out->minutes[m];
    bar.open = open;
    bar.close = Ticks(next_level);
    const double move = next_level - level;
    const double up = std::sqrt(move * move - 2 * var[m] * std::log(extremes.Uniform()));
    const double down = std::sqrt(move * move - 2 * var[m] * std::log(extremes.Uniform()));
    bar.high = std::max({Ticks((level + next_level + up) / 2), bar.open, bar.close});
    bar.low = std::min({Ticks((level + next_level - down) / 2), bar.open, bar.close});
    // Volume follows activity and the size of the move, with log-normal noise (sd 0.35);
    // kVolumeNorm makes the long-run mean equal the preset's 24h volume.
    const double price = static_cast<double>(bar.close) * spec_.tick;
    const double noise = std::exp(0.35 * extremes.Normal() - 0.06125);
    const double lots = quote_per_minute / price / spec_.step * kVolumeNorm * out->activity[m] *
                        (0.4 + 0.75 * shock[m]) * noise;
    bar.base_lots = std::max<std::int64_t>(4 * spec_.min_lots, std::llround(lots));
    bar.quote_e4 =
        QuoteE4(bar.base_lots, bar.open, bar.high, bar.low, bar.close, spec_.tick, spec_.step);
    open = bar.close;
    level = next_level;
  }
  for (std::size_t h = 0; h < 24; ++h) {
    TickBar hour;
    for (std::size_t m = h * 60; m < (h + 1) * 60; ++m) MergeBar(hour, out->minutes[m]);
    out->hours[h] = hour;
  }

  // Premium index and open interest: OU bridges between the skeleton's day-end values.
  MarketRng premium_rng(StreamKey(spec_.seed, spec_.symbol_hash, kTagPremium, day));
  OuBridge(premium_rng, prev.premium, cur.premium, p.premium_mean, p.premium_sd,
           std::exp(-PerMinuteRate(q.premium_half_life_hours * 60)), premium_weights_,
           out->premium);
  double running = 0;
  for (std::size_t m = 0; m < n; ++m) {
    running += out->premium[m];
    out->premium_sum[m] = running;
  }
  std::vector<double> log_oi(n);
  MarketRng oi_rng(StreamKey(spec_.seed, spec_.symbol_hash, kTagOpenInterest, day));
  OuBridge(oi_rng, prev.log_oi, cur.log_oi, 0.0, q.oi_log_sd,
           std::exp(-PerMinuteRate(q.oi_half_life_days * static_cast<double>(kMinutesPerDay))),
           oi_weights_, log_oi);
  const double oi_lots = p.open_interest_usdt / p.start_price / spec_.step;
  for (std::size_t m = 0; m < n; ++m) {
    out->oi_lots[m] = std::max<std::int64_t>(0, std::llround(oi_lots * std::exp(log_oi[m])));
  }
  return out;
}

const DayData& SymbolPath::Day(std::int64_t day) {
  BGT_CHECK(day >= spec_.history_start_day, "day before the history start");
  for (auto it = days_.begin(); it != days_.end(); ++it) {
    if ((*it)->day != day) continue;
    if (it != days_.begin()) {
      std::unique_ptr<DayData> hit = std::move(*it);
      days_.erase(it);
      days_.push_front(std::move(hit));
    }
    return *days_.front();
  }
  days_.push_front(Generate(day));
  if (days_.size() > kCachedDays) days_.pop_back();
  hours_.try_emplace(day, days_.front()->hours);
  return *days_.front();
}

const std::array<TickBar, 24>& SymbolPath::Hours(std::int64_t day) {
  auto it = hours_.find(day);
  if (it != hours_.end()) return it->second;
  Day(day);
  return hours_.at(day);
}

TickBar SymbolPath::Minute(std::int64_t minute) {
  const std::int64_t day = FloorDivI(minute, kMinutesPerDay);
  return Day(day).minutes[static_cast<std::size_t>(minute - day * kMinutesPerDay)];
}

TickBar SymbolPath::Range(std::int64_t first_minute, std::int64_t end_minute) {
  TickBar out;
  std::int64_t m = std::max(first_minute, history_start_minute());
  while (m < end_minute) {
    if (m % 60 == 0 && m + 60 <= end_minute) {
      const std::int64_t day = FloorDivI(m, kMinutesPerDay);
      const std::array<TickBar, 24>& hours = Hours(day);
      MergeBar(out, hours[static_cast<std::size_t>((m - day * kMinutesPerDay) / 60)]);
      m += 60;
    } else {
      MergeBar(out, Minute(m));
      ++m;
    }
  }
  return out;
}

double SymbolPath::Premium(std::int64_t minute) {
  const std::int64_t day = FloorDivI(minute, kMinutesPerDay);
  return Day(day).premium[static_cast<std::size_t>(minute - day * kMinutesPerDay)];
}

double SymbolPath::MeanPremium(std::int64_t first_minute, std::int64_t end_minute) {
  BGT_CHECK(end_minute > first_minute, "empty premium window");
  first_minute = std::max(first_minute, history_start_minute());
  if (first_minute >= end_minute) return Premium(end_minute - 1);
  double sum = 0;
  std::int64_t m = first_minute;
  while (m < end_minute) {
    const std::int64_t day = FloorDivI(m, kMinutesPerDay);
    const std::int64_t day_start = day * kMinutesPerDay;
    const std::int64_t stop = std::min(end_minute, day_start + kMinutesPerDay);
    const DayData& data = Day(day);
    const auto a = static_cast<std::size_t>(m - day_start);
    const auto b = static_cast<std::size_t>(stop - day_start);
    sum += data.premium_sum[b - 1] - (a > 0 ? data.premium_sum[a - 1] : 0.0);
    m = stop;
  }
  return sum / static_cast<double>(end_minute - first_minute);
}

std::int64_t SymbolPath::OpenInterestLots(std::int64_t minute) {
  const std::int64_t day = FloorDivI(minute, kMinutesPerDay);
  return Day(day).oi_lots[static_cast<std::size_t>(minute - day * kMinutesPerDay)];
}

float SymbolPath::Activity(std::int64_t minute) {
  const std::int64_t day = FloorDivI(minute, kMinutesPerDay);
  return Day(day).activity[static_cast<std::size_t>(minute - day * kMinutesPerDay)];
}

}  // namespace bgt::sim
