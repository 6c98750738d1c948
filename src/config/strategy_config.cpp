#include "config/strategy_config.h"

#include <array>
#include <cstddef>

#include "core/check.h"

namespace bgt::config {
namespace {

// Indexed by TrendParams::Signal's underlying value (dense, from 0).
constexpr std::array<std::string_view, 2> kTrendSignalNames = {"ema_cross", "donchian_breakout"};

}  // namespace

strategy::TrendParams DefaultTrendParams() {
  strategy::TrendParams p;
  p.fast_period = 9;
  p.slow_period = 21;
  return p;
}

strategy::MeanReversionParams DefaultMeanReversionParams() {
  strategy::MeanReversionParams p;
  p.min_atr_pct = 0.02;
  p.max_hold_bars = 30;
  return p;
}

std::string_view TrendSignalName(strategy::TrendParams::Signal signal) {
  const auto index = static_cast<std::size_t>(signal);
  BGT_CHECK(index < kTrendSignalNames.size(), "enum value out of range");
  return kTrendSignalNames[index];
}

std::optional<strategy::TrendParams::Signal> ParseTrendSignal(std::string_view name) {
  for (std::size_t i = 0; i < kTrendSignalNames.size(); ++i) {
    if (kTrendSignalNames[i] == name) return static_cast<strategy::TrendParams::Signal>(i);
  }
  return std::nullopt;
}

std::span<const std::string_view> TrendSignalNames() { return kTrendSignalNames; }

}  // namespace bgt::config
