// The [strategy] section of the config file: the built-in strategies `bgt run` trades and their
// parameters. The typed forms are the strategies' own parameter structs, so their defaults live
// there; the only overrides (tuned for one-minute bars) are in the Default*Params functions.
//   [strategy.trend]           enabled + TrendParams (signal, fast_period, slow_period,
//                              donchian_period, atr_period, stop_atr, trail_atr, allow_short)
//   [strategy.mean_reversion]  enabled + MeanReversionParams (rsi_period, rsi_oversold,
//                              rsi_overbought, band_period, band_k, exit_z, atr_period, stop_atr,
//                              min_atr_pct, max_atr_pct, max_hold_bars, allow_short)
//   [strategy.funding]         enabled (wrap both in the funding-aware filter) + FundingParams
//                              (expensive_rate, avoid_window_s, harvest, harvest_rate,
//                              harvest_window_s, harvest_stop_pct, exit_after_s,
//                              check_interval_s)
// The params' `symbols` are not configured here: `bgt run` assigns the traded symbols.
// Thread-safety: plain value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "config/int_range.h"
#include "strategy/funding_aware.h"
#include "strategy/mean_reversion.h"
#include "strategy/trend_following.h"

namespace bgt::config {

// TrendParams{} with the one-minute-bar averages: fast_period 9, slow_period 21.
strategy::TrendParams DefaultTrendParams();
// MeanReversionParams{} with min_atr_pct 0.02 (one-minute ATR is typically 0.05-0.3 % of the
// price) and max_hold_bars 30.
strategy::MeanReversionParams DefaultMeanReversionParams();

struct TrendStrategyConfig {
  bool enabled = true;
  strategy::TrendParams params = DefaultTrendParams();  // symbols: always empty here

  friend bool operator==(const TrendStrategyConfig&, const TrendStrategyConfig&) = default;
};

struct MeanReversionStrategyConfig {
  bool enabled = true;
  strategy::MeanReversionParams params = DefaultMeanReversionParams();  // symbols: empty here

  friend bool operator==(const MeanReversionStrategyConfig&,
                         const MeanReversionStrategyConfig&) = default;
};

struct FundingFilterConfig {
  bool enabled = true;  // wrap every enabled strategy in strategy::FundingAware
  strategy::FundingParams params;

  friend bool operator==(const FundingFilterConfig&, const FundingFilterConfig&) = default;
};

struct StrategyConfig {
  TrendStrategyConfig trend;
  MeanReversionStrategyConfig mean_reversion;
  FundingFilterConfig funding;

  friend bool operator==(const StrategyConfig&, const StrategyConfig&) = default;
};

// Bounds of the integer parameters (the strategies' own rules are checked on top).
inline constexpr IntRange kStrategyPeriodRange{1, 100'000};
inline constexpr IntRange kMaxHoldBarsRange{0, 1'000'000};
inline constexpr IntRange kFundingWindowSRange{0, 86'400};    // avoid_window_s, exit_after_s
inline constexpr IntRange kFundingIntervalSRange{1, 86'400};  // harvest_window_s, check_interval_s

// "ema_cross", "donchian_breakout"; ParseTrendSignal accepts exactly these.
std::string_view TrendSignalName(strategy::TrendParams::Signal signal);
std::optional<strategy::TrendParams::Signal> ParseTrendSignal(std::string_view name);
std::span<const std::string_view> TrendSignalNames();

}  // namespace bgt::config
