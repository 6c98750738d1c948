// SymbolPath: one symbol's synthetic price, volume, premium and open-interest history, generated
// lazily and deterministically in two levels so that any range can be served without generating
// everything before it:
//   1. a daily skeleton from the history start (one entry per UTC day: closing log price, daily
//      GARCH variance factor, funding premium and open interest at the day's end), cheap to
//      extend; daily innovations are normal (README §2.3: returns over realised volatility are
//      about normal) and load on a common daily factor;
//   2. the 1440 minutes of a day, drawn from a stream keyed by (seed, symbol, day): 1-minute
//      GARCH(1,1) with Student-t innovations and a common minute factor, bridged so that the
//      minutes sum exactly to the skeleton's daily return; each minute's high/low are exact draws
//      of a Brownian bridge's maximum/minimum; premium and open interest are Ornstein-Uhlenbeck
//      bridges between the skeleton's day-end values.
// Prices are integer ticks and sizes integer lots, so every value respects the instrument's tick
// and size step, and coarser bars (hours, days) are exact merges of the minute bars.
// Thread-safety: not thread-safe (lazy caches).
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/decimal.h"
#include "model/candle.h"
#include "sim/market_presets.h"

namespace bgt::sim {

inline constexpr std::int64_t kNsPerSecond = 1'000'000'000;
inline constexpr std::int64_t kNsPerMinute = 60 * kNsPerSecond;
inline constexpr std::int64_t kMinutesPerDay = 1440;
inline constexpr std::int64_t kNsPerDay = kMinutesPerDay * kNsPerMinute;

// Floor division for (possibly negative) nanosecond counts.
constexpr std::int64_t FloorDivI(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b) < 0 ? 1 : 0);
}

// A bar in integer units: prices in ticks, base volume in lots (size steps), quote volume in
// units of 0.0001 USDT. A default bar (open == 0) is empty.
struct TickBar {
  std::int64_t open = 0;
  std::int64_t high = 0;
  std::int64_t low = 0;
  std::int64_t close = 0;
  std::int64_t base_lots = 0;
  std::int64_t quote_e4 = 0;
  bool empty() const { return open == 0; }
};
// Folds `next` (later in time) into `acc`; an empty acc becomes `next`.
void MergeBar(TickBar& acc, const TickBar& next);
// quote volume (0.0001 USDT) of `lots` traded at the typical price (o + h + l + c) / 4.
std::int64_t QuoteE4(std::int64_t lots, std::int64_t open, std::int64_t high, std::int64_t low,
                     std::int64_t close, double tick, double step);

// Everything a symbol's generators need, fixed at construction.
struct SymbolSpec {
  std::uint64_t seed = 0;
  std::uint64_t symbol_hash = 0;
  SymbolPreset preset;
  MarketModelParams params;
  double tick = 0;             // tick size in USDT
  double step = 0;             // size step in base coin
  std::int64_t min_lots = 1;   // minTradeNum in lots
  double liquidity = 1;        // maxMarketOrderQty notional relative to BTC's
  double gap_extra_ticks = 0;  // mean extra ticks between book levels
  int fund_interval_hours = 8;
  std::int64_t history_start_day = 0;  // first generated UTC day (days since the epoch)
  std::int64_t start_day = 0;          // the day whose open is pinned to preset.start_price
};

// The 1440 minutes of one UTC day and its 24 hourly merges.
struct DayData {
  std::int64_t day = 0;
  std::vector<TickBar> minutes;       // 1440
  std::vector<float> activity;        // 1440: sd of the minute relative to a normal day's minute
  std::vector<double> premium;        // 1440: premium index P (per 8 h) at the minute's start
  std::vector<double> premium_sum;    // 1440: prefix sums of premium
  std::vector<std::int64_t> oi_lots;  // 1440: open interest at the minute's start
  std::array<TickBar, 24> hours;
};

class SymbolPath {
 public:
  explicit SymbolPath(SymbolSpec spec);

  const SymbolSpec& spec() const { return spec_; }
  std::int64_t history_start_minute() const { return spec_.history_start_day * kMinutesPerDay; }

  // The day's data (generated on first use; a few recent days stay cached). `day` must be
  // >= history_start_day (checked).
  const DayData& Day(std::int64_t day);
  TickBar Minute(std::int64_t minute);
  // Merge of the complete minutes [first_minute, end_minute), using hourly merges where whole
  // hours fit. Minutes before the history start are skipped; empty when nothing is left.
  TickBar Range(std::int64_t first_minute, std::int64_t end_minute);

  // Premium index P during `minute` and the mean of P over minutes [first, end) (end > first).
  double Premium(std::int64_t minute);
  double MeanPremium(std::int64_t first_minute, std::int64_t end_minute);
  std::int64_t OpenInterestLots(std::int64_t minute);
  float Activity(std::int64_t minute);

 private:
  struct DayPoint {
    double log_close = 0;      // log price at the day's end, relative to the history start
    double variance = 1;       // daily GARCH variance factor used for this day (unit mean)
    double next_variance = 1;  // the factor of the following day
    double premium = 0;        // P at the day's end
    double log_oi = 0;         // log open interest at the day's end, relative to the preset level
  };

  const DayPoint& Point(std::int64_t day);  // day >= history_start_day - 1
  std::unique_ptr<DayData> Generate(std::int64_t day);
  const std::array<TickBar, 24>& Hours(std::int64_t day);
  std::int64_t Ticks(double log_price) const;

  SymbolSpec spec_;
  std::vector<double> premium_weights_;  // OU bridge weights per minute
  std::vector<double> oi_weights_;
  DayPoint before_start_;
  std::vector<DayPoint> skeleton_;  // skeleton_[k] is day history_start_day + k
  double log_ticks_offset_ = 0;     // log(start price / tick) - skeleton log price at start
  std::deque<std::unique_ptr<DayData>> days_;  // most recently used first
  std::unordered_map<std::int64_t, std::array<TickBar, 24>> hours_;
};

}  // namespace bgt::sim
