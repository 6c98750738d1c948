#include "ta/bar.h"

namespace bgt::ta {

Bar BarFromCandle(const model::Candle& candle) {
  return Bar{candle.high.ToDouble(), candle.low.ToDouble(), candle.close.ToDouble(),
             candle.base_volume.ToDouble()};
}

}  // namespace bgt::ta
