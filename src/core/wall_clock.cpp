// The one place in the pure layers (L0-L3) that reads the system clock; scripts/check-purity
// allows exactly this file. Engines only ever see time through Clock&.
#include <chrono>

#include "core/clock.h"

namespace bgt::core {

Timestamp WallClock::Now() const {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp::FromNanos(
      std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count());
}

}  // namespace bgt::core
