// Bar: the OHLCV input of the bar-based indicators, in doubles (indicators are the one place
// where bgt computes in floating point), and its conversion from model::Candle.
// Thread-safety: plain value type and pure functions.
#pragma once

#include <cmath>

#include "model/candle.h"

namespace bgt::ta {

struct Bar {
  double high = 0.0;
  double low = 0.0;
  double close = 0.0;
  double volume = 0.0;
};

// An indicator accepts a bar only when every field is finite, low <= high and volume >= 0;
// other bars are rejected without touching its state (see the indicator headers).
inline bool IsValidBar(const Bar& bar) {
  return std::isfinite(bar.high) && std::isfinite(bar.low) && std::isfinite(bar.close) &&
         std::isfinite(bar.volume) && bar.low <= bar.high && bar.volume >= 0.0;
}

// high/low/close and base_volume of the candle, converted with Decimal::ToDouble.
Bar BarFromCandle(const model::Candle& candle);

}  // namespace bgt::ta
