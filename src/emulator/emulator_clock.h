// The emulator's two clocks: the wall clock (the system clock, or an injected function for
// tests) and the market clock, which runs `speed` times faster from the moment it is started:
// market time = start + speed × (wall - start).
// Thread-safety: Now()/At() are safe from any thread when the wall function is; Start() must be
// called before the clocks are shared. The timer functions of core::Clock are not used.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <utility>

#include "core/clock.h"
#include "core/time.h"

namespace bgt::emulator {

class FunctionClock final : public core::Clock {
 public:
  explicit FunctionClock(std::function<core::Timestamp()> now) : now_(std::move(now)) {}
  core::Timestamp Now() const override { return now_ ? now_() : wall_.Now(); }

 private:
  std::function<core::Timestamp()> now_;
  core::WallClock wall_;
};

class MarketClock final : public core::Clock {
 public:
  MarketClock(const core::Clock& wall, double speed) : wall_(wall), speed_(speed) {}

  void Start(core::Timestamp wall_start) { start_ = wall_start; }
  core::Timestamp start() const { return start_; }

  // Market time at wall time `wall` (never before the start).
  core::Timestamp At(core::Timestamp wall) const {
    if (wall <= start_) return start_;
    const double scaled = static_cast<double>((wall - start_).count()) * speed_;
    constexpr double kMax = static_cast<double>(std::numeric_limits<std::int64_t>::max() / 2);
    return start_ + core::Duration(static_cast<std::int64_t>(std::llround(std::min(scaled, kMax))));
  }
  core::Timestamp Now() const override { return At(wall_.Now()); }

 private:
  const core::Clock& wall_;
  const double speed_;
  core::Timestamp start_;
};

}  // namespace bgt::emulator
