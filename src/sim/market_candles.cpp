#include "sim/market_candles.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/check.h"

namespace bgt::sim {
namespace {

using model::Granularity;

constexpr std::int64_t kNsPerHour = 3'600'000'000'000;
constexpr std::int64_t kNsPerDay = 24 * kNsPerHour;
// Bitget's default bars follow Hong Kong time (UTC+8).
constexpr std::int64_t kLocalShiftNs = 8 * kNsPerHour;

// Fixed-length bars open at offset + k * length (ns since the epoch); months carry length 0.
struct Grid {
  std::int64_t length_ns = 0;
  std::int64_t offset_ns = 0;
  std::int64_t month_shift_ns = 0;  // months only: the time zone's offset from UTC
};

Grid GridOf(Granularity g) {
  constexpr std::int64_t kMinute = 60'000'000'000;
  // 1970-01-05 was a Monday.
  constexpr std::int64_t kMonday = 4 * kNsPerDay;
  switch (g) {
    case Granularity::k1m:
      return {kMinute, 0, 0};
    case Granularity::k3m:
      return {3 * kMinute, 0, 0};
    case Granularity::k5m:
      return {5 * kMinute, 0, 0};
    case Granularity::k15m:
      return {15 * kMinute, 0, 0};
    case Granularity::k30m:
      return {30 * kMinute, 0, 0};
    case Granularity::k1H:
      return {kNsPerHour, 0, 0};
    case Granularity::k2H:
      return {2 * kNsPerHour, 0, 0};
    case Granularity::k4H:
      return {4 * kNsPerHour, 0, 0};
    case Granularity::k6H:
      return {6 * kNsPerHour, -kLocalShiftNs, 0};
    case Granularity::k12H:
      return {12 * kNsPerHour, -kLocalShiftNs, 0};
    case Granularity::k1D:
      return {kNsPerDay, -kLocalShiftNs, 0};
    case Granularity::k3D:
      return {3 * kNsPerDay, -kLocalShiftNs, 0};
    case Granularity::k1W:
      return {7 * kNsPerDay, kMonday - kLocalShiftNs, 0};
    case Granularity::k1M:
      return {0, 0, kLocalShiftNs};
    case Granularity::k6Hutc:
      return {6 * kNsPerHour, 0, 0};
    case Granularity::k12Hutc:
      return {12 * kNsPerHour, 0, 0};
    case Granularity::k1Dutc:
      return {kNsPerDay, 0, 0};
    case Granularity::k3Dutc:
      return {3 * kNsPerDay, 0, 0};
    case Granularity::k1Wutc:
      return {7 * kNsPerDay, kMonday, 0};
    case Granularity::k1Mutc:
      return {0, 0, 0};
  }
  BGT_CHECK(false, "unknown granularity");
  return {};
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b) < 0 ? 1 : 0); }
std::int64_t FloorMod(std::int64_t a, std::int64_t b) { return a - FloorDiv(a, b) * b; }

// First instant of the calendar month containing t in the zone UTC+shift, or of the month
// `months_ahead` after it.
core::Timestamp MonthOpen(core::Timestamp t, std::int64_t shift_ns, int months_ahead) {
  using std::chrono::days;
  using std::chrono::sys_days;
  const std::int64_t local_day = FloorDiv(t.nanos() + shift_ns, kNsPerDay);
  const std::chrono::year_month_day ymd{sys_days{days{local_day}}};
  const std::chrono::year_month first =
      std::chrono::year_month{ymd.year(), ymd.month()} + std::chrono::months{months_ahead};
  const sys_days start{first / std::chrono::day{1}};
  return core::Timestamp::FromNanos(start.time_since_epoch().count() * kNsPerDay - shift_ns);
}

}  // namespace

core::Timestamp BarOpenTime(Granularity g, core::Timestamp t) {
  const Grid grid = GridOf(g);
  if (grid.length_ns == 0) return MonthOpen(t, grid.month_shift_ns, 0);
  const std::int64_t k = FloorDiv(t.nanos() - grid.offset_ns, grid.length_ns);
  return core::Timestamp::FromNanos(grid.offset_ns + k * grid.length_ns);
}

core::Timestamp NextBarOpen(Granularity g, core::Timestamp t) {
  const Grid grid = GridOf(g);
  if (grid.length_ns == 0) return MonthOpen(t, grid.month_shift_ns, 1);
  return BarOpenTime(g, t) + core::Duration(grid.length_ns);
}

bool Nests(Granularity fine, Granularity coarse) {
  const Grid f = GridOf(fine);
  const Grid c = GridOf(coarse);
  if (f.length_ns == 0) return c.length_ns == 0 && c.month_shift_ns == f.month_shift_ns;
  if (c.length_ns == 0) {
    // Months open at local midnight: fine bars must split days on that zone's midnights.
    return kNsPerDay % f.length_ns == 0 &&
           FloorMod(-c.month_shift_ns - f.offset_ns, f.length_ns) == 0;
  }
  return c.length_ns % f.length_ns == 0 && FloorMod(c.offset_ns - f.offset_ns, f.length_ns) == 0;
}

void MergeInto(model::Candle& acc, const model::Candle& next) {
  if (next.high > acc.high) acc.high = next.high;
  if (next.low < acc.low) acc.low = next.low;
  acc.close = next.close;
  acc.base_volume += next.base_volume;
  acc.quote_volume += next.quote_volume;
}

core::Result<std::vector<model::Candle>> AggregateCandles(std::span<const model::Candle> bars,
                                                          Granularity g) {
  std::vector<model::Candle> out;
  std::optional<core::Timestamp> previous;
  for (const model::Candle& bar : bars) {
    if (!Nests(bar.granularity, g)) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "bars of " + std::string(model::ToString(bar.granularity)) +
                                 " do not nest in " + std::string(model::ToString(g)));
    }
    if (previous.has_value() && bar.open_time <= *previous) {
      return core::MakeError(
          core::ErrorCode::kInvalidArgument,
          "bars are not in increasing time order at " + bar.open_time.ToIso8601());
    }
    previous = bar.open_time;
    const core::Timestamp open = BarOpenTime(g, bar.open_time);
    if (!out.empty() && out.back().open_time == open) {
      MergeInto(out.back(), bar);
      continue;
    }
    model::Candle fresh = bar;
    fresh.open_time = open;
    fresh.granularity = g;
    out.push_back(fresh);
  }
  return out;
}

}  // namespace bgt::sim
