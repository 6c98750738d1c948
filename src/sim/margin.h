// Margin rules of the simulated Bitget USDT-M venue for linear contracts (contract size 1):
// position tiers (maintenance-margin rates), initial and maintenance margin, the liquidation test
// and the estimated liquidation price.
// Thread-safety: immutable values and pure functions.
//
// Formulas (sources in /work/shared/reference/bitget-api-more.md):
//   position value V = |size| × mark  (§2.2, [SUP:12560603777225])
//   initial margin IM = V / leverage, mark basis since 2025-09-29 (§2.2, [SUP:12560603838731]),
//     rounded up to kMarginScale decimals; order reserves use the order price instead of mark.
//   maintenance MM = Σ over tiers of (the part of V inside the tier) × (MMR_tier + taker fee
//     rate): Bitget's progressive rule for Classic positions opened after 2025-11-10 (§1.4,
//     [SUP:12560603841952]); exact, no rounding.
//   liquidation: isolated when posted margin + UPL <= MM; crossed when crossed equity <= Σ MM of
//     the crossed positions (§2.3, [SUP:360058821652]).
//   liquidation price: inside tier k, MM(v) = v·r_k − D_k (r_k = MMR_k + fee, D_k the
//     progressive deduction); solving M + d·(S·P' − N) = S·P'·r_k − D_k gives
//       P' = (M − d·N + D_k) / (S·(r_k − d)),  d = +1 long / −1 short,
//     N = entry notional S·P, M = the margin backing the position (isolated: the posted margin;
//     crossed: §2.4's X = crossed balance + other crossed UPL − other crossed MM). With D_k = 0
//     this is §2.4's isolated formula ([SUP:12560603808759], as freqtrade implements it). The
//     tier is the one the liquidation value S·P' falls in. P' <= 0 means "no liquidation
//     price" (Bitget reports liquidationPrice <= 0 as "low risk", §2.2).
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "core/decimal.h"
#include "core/result.h"

namespace bgt::sim {

// Decimals kept for margins that are divided out (initial margin, liquidation prices before
// rounding to the tick).
inline constexpr int kMarginScale = 8;

// One row of Bitget's position tier table (GET /api/v2/mix/market/query-position-lever).
struct MarginTier {
  int level = 1;              // `level`
  core::Decimal min_value;    // `startUnit`, USDT, inclusive
  core::Decimal max_value;    // `endUnit`, USDT, exclusive
  int max_leverage = 1;       // `leverage`
  core::Decimal maintenance;  // `keepMarginRate`, e.g. 0.004
};

class TierTable {
 public:
  // Error (kInvalidArgument, naming the row): empty table; levels not 1, 2, 3...; first
  // min_value not 0; a tier whose min_value is not the previous max_value or whose
  // max_value <= min_value; max_leverage outside 1..1000 or increasing from one tier to the
  // next; maintenance rate outside (0, 1) or decreasing.
  static core::Result<TierTable> Create(std::vector<MarginTier> tiers);

  // BTCUSDT's table effective 2025-09-26 (bitget-api-more.md §1.3, [SUP:12560603838668]):
  // 12 tiers from 0–200,000 USDT at 150x / 0.40% to 900M–1.2B at 1x / 60%. The simulator's
  // default for every symbol that has no table of its own.
  static TierTable BtcUsdt();

  const std::vector<MarginTier>& tiers() const { return tiers_; }
  // The tier containing `position_value` (>= 0); the last tier beyond the table's end.
  const MarginTier& TierFor(const core::Decimal& position_value) const;
  // The largest position value (USDT) allowed at `leverage`: the max_value of the last tier
  // whose max_leverage >= leverage; zero when even the first tier's max_leverage is below it.
  core::Decimal MaxValueAt(int leverage) const;
  int max_leverage() const { return tiers_.front().max_leverage; }

 private:
  explicit TierTable(std::vector<MarginTier> tiers) : tiers_(std::move(tiers)) {}
  std::vector<MarginTier> tiers_;
};

// notional / leverage rounded up to kMarginScale decimals. Error (kInvalidArgument) when
// leverage < 1 or notional < 0; kOutOfRange on overflow.
core::Result<core::Decimal> InitialMargin(const core::Decimal& notional, int leverage);

// The progressive maintenance margin of a position worth `position_value` (>= 0) USDT, exact.
// Error (kInvalidArgument) for a negative value or fee rate; kOutOfRange on overflow.
core::Result<core::Decimal> MaintenanceMargin(const TierTable& tiers,
                                              const core::Decimal& position_value,
                                              const core::Decimal& taker_fee_rate);

// a × b exact (operands normalised first). Error (kOutOfRange) when the product overflows or
// needs more than 18 decimals.
core::Result<core::Decimal> MulExact(const core::Decimal& a, const core::Decimal& b);

// Liquidation test: true when the equity backing a position (or the crossed account) is at or
// below its maintenance margin and the maintenance margin is positive.
constexpr bool IsBelowMaintenance(const core::Decimal& margin_equity,
                                  const core::Decimal& maintenance) {
  return maintenance.IsPositive() && margin_equity <= maintenance;
}

// What the liquidation price depends on.
struct LiquidationInput {
  bool is_long = true;
  core::Decimal size;            // |quantity| > 0, base coin
  core::Decimal entry_notional;  // Σ entry price × size of the open quantity (> 0)
  core::Decimal margin;          // M of the header formula (may be negative)
  core::Decimal taker_fee_rate;  // added to every tier's MMR
  // The result is rounded to a multiple of the tick into the liquidated side (down for longs,
  // up for shorts): at the reported price the position is liquidated.
  core::Decimal tick;
};

// The estimated mark price at which the position is liquidated, per the header formula;
// nullopt when there is none (P' <= 0). Error (kInvalidArgument) when size, entry notional or
// tick is not positive; kOutOfRange on overflow.
core::Result<std::optional<core::Decimal>> LiquidationPrice(const TierTable& tiers,
                                                            const LiquidationInput& input);

}  // namespace bgt::sim
