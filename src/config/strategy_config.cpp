#include "config/strategy_config.h"

#include <array>
#include <cstddef>

#include "config/enum_names.h"

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
  return internal::NameOf(kTrendSignalNames, signal);
}

std::optional<strategy::TrendParams::Signal> ParseTrendSignal(std::string_view name) {
  return internal::ParseName<strategy::TrendParams::Signal>(kTrendSignalNames, name);
}

std::span<const std::string_view> TrendSignalNames() { return kTrendSignalNames; }

}  // namespace bgt::config
