// RiskConfig: the typed, validated limits of the risk engine (sizing fraction, notional caps,
// leverage, position count, order rate, liquidation distance, daily loss, drawdown). Defaults
// live in RiskConfig::Defaults() only; a default-constructed config fails validation.
// Thread-safety: plain value type.
#pragma once

#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"

namespace bgt::risk {

struct RiskConfig {
  // Fraction of equity lost if an entry's stop is hit (0 < f <= 0.1).
  core::Decimal risk_fraction;
  // |position value| caps in USDT at mark: per symbol (both legs) and over all symbols (> 0).
  core::Decimal max_symbol_notional;
  core::Decimal max_total_notional;
  int max_leverage = 0;        // 1..125
  int max_open_positions = 0;  // >= 1; a hedge leg counts as one position
  // Order-rate cap: at most max_orders orders approved in any sliding order_window (> 0).
  int max_orders = 0;
  core::Duration order_window{0};
  // Minimum |mark − liquidation price| / mark (0 < d < 1), and the maintenance-margin rate used
  // to estimate a new order's liquidation distance (≈ 1/leverage − rate; 0 <= rate < 1).
  core::Decimal min_liquidation_distance;
  core::Decimal maintenance_margin_rate;
  // Equity lost since the start of the UTC day (USDT, > 0) that halts trading.
  core::Decimal daily_loss_limit;
  // Drawdown from the equity peak, as a fraction (0 < d < 1), that halts trading.
  core::Decimal max_drawdown;

  // Conservative defaults: risk 1 %, 10,000 / 30,000 USDT caps, leverage 10, 5 positions,
  // 20 orders per 10 s, 5 % liquidation distance (MMR 0.4 %), 500 USDT daily loss, 20 % drawdown.
  static RiskConfig Defaults();

  // OK, or kConfig listing every violation as "field: problem" separated by "; ".
  core::Status Validate() const;

  friend bool operator==(const RiskConfig&, const RiskConfig&) = default;
};

}  // namespace bgt::risk
