// Candle: one OHLCV bar and Bitget's candle granularities ("1m" ... "1M", "6Hutc" ...), with
// their wire names and fixed durations.
// Thread-safety: plain value type and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"

namespace bgt::model {

// Bitget `granularity`. The plain 6H..1M bars and the "utc" variants differ in where the bar
// boundaries fall, not in length. k2H is accepted by the REST endpoints but has no WebSocket
// channel.
enum class Granularity : std::uint8_t {
  k1m,
  k3m,
  k5m,
  k15m,
  k30m,
  k1H,
  k2H,
  k4H,
  k6H,
  k12H,
  k1D,
  k3D,
  k1W,
  k1M,
  k6Hutc,
  k12Hutc,
  k1Dutc,
  k3Dutc,
  k1Wutc,
  k1Mutc,
};

// "1m", "3m", ..., "1H", ..., "1M", "6Hutc", ..., "1Mutc" (Bitget's spelling).
std::string_view ToString(Granularity g);
// Case-sensitive, since "1m" (minute) and "1M" (month) differ. Error (kInvalidArgument) naming
// the unknown text.
core::Result<Granularity> ParseGranularity(std::string_view text);
// The bar length; nullopt for the calendar-month bars (1M, 1Mutc), whose length varies.
std::optional<core::Duration> FixedDuration(Granularity g);

struct Candle {
  core::Timestamp open_time;
  core::Decimal open;
  core::Decimal high;
  core::Decimal low;
  core::Decimal close;
  core::Decimal base_volume;   // base coin
  core::Decimal quote_volume;  // USDT
  Granularity granularity = Granularity::k1m;
};

// OK when low <= open, close <= high, low > 0 and both volumes >= 0; else kInvalidArgument
// saying which relation fails.
core::Status CheckCandle(const Candle& candle);

}  // namespace bgt::model
