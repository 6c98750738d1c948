// Parameters of the synthetic market: per-symbol presets (the real Bitget USDT-M contract row,
// a starting price and the statistics of returns, liquidity, volume, open interest and funding)
// and the model-wide constants. Every number is sourced in market_presets.cpp from the project's
// market-data note (/work/shared/data/README.md, compiled 2026-11-25) and the upstream sources it
// lists; figures marked EST there or here are estimates.
// Thread-safety: plain values; DefaultPresets() builds a fresh vector on each call.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/contract_row.h"

namespace bgt::sim {

struct SymbolPreset {
  model::ContractRow contract;  // a real GET /api/v2/mix/market/contracts row
  double start_price = 0;       // USDT; the price at 00:00 UTC of the generator's start day
  double annual_vol = 0;        // annualised sd of daily log returns (365-day year)
  // 1-minute GARCH(1,1) on unit-mean variance: g' = (1 - a - b) + a z^2 g + b g.
  double garch_alpha = 0;
  double garch_beta = 0;
  double tail_dof = 0;        // Student-t degrees of freedom of 1-minute innovations (> 2)
  double minute_loading = 0;  // loading on the common 1-minute market factor, in [0, 1)
  double daily_loading = 0;   // loading on the common daily market factor, in [0, 1)
  int spread_min_ticks = 1;   // quoted spread range, in ticks
  int spread_max_ticks = 1;
  double quote_volume_24h = 0;    // USDT
  double open_interest_usdt = 0;  // USDT
  // Premium index P (per 8 h, Bitget's funding formula) as an Ornstein-Uhlenbeck process.
  double premium_mean = 0;
  double premium_sd = 0;         // stationary sd
  double funding_cap = 0;        // |funding rate| cap per interval
  double trades_per_minute = 0;  // density of the simulated public tape
  double index_noise_bps = 0;    // sd of index vs last-price noise
  double book_span_bps = 0;      // distance from the touch covered by the deepest book level
};

// Constants shared by all symbols. Sources as in market_presets.cpp ([S#] of README §3; EST =
// estimate, DER = derived).
struct MarketModelParams {
  // Daily GARCH(1,1) of BTC, [S14] via README §2.4 (persistence 0.961), used for every symbol.
  double daily_garch_alpha = 0.144;
  double daily_garch_beta = 0.817;
  // Daily innovations: "Gaussian or mildly fat" (README §2.3, [S11]); t(8) gives sample daily
  // kurtosis of ~4-8 over two years, around README §2.3's 5.5 (BTC) and 6.1 (DOGE).
  double daily_tail_dof = 8;
  // The common 1-minute factor carries the majors' tail (README §2.9: t, dof 6).
  double factor_tail_dof = 6;
  // EST: a weak pull of the log level towards the history start keeps multi-year history in a
  // realistic band (a pure random walk at 140 % vol wanders by 10x in four years).
  double level_half_life_days = 365;
  // EST: funding is "positively autocorrelated" (README §2.7, [S22b]); one 8 h interval.
  double premium_half_life_hours = 8;
  // Bitget's funding formula, [S6] via README §2.7: I = 0.01 % per 8 h, clamp +-0.05 %.
  double interest_rate_8h = 0.0001;
  double premium_band_8h = 0.0005;
  // EST: open interest drifts slowly (sd 25 % in log, half-life 10 days).
  double oi_half_life_days = 10;
  double oi_log_sd = 0.25;
  // BTC touch 0.1-0.4M USDT per side ([S2], README §2.5); 70k per deeper level so that 50 levels
  // hold ~3.5M USDT within ~10 bps (DER from [S17]). Other symbols scale by their
  // maxMarketOrderQty notional relative to BTC's (README §2.5's own scaling; BTC: 220 BTC at
  // 83,692.3, DER from [S1] and [S2]).
  double btc_top_notional_min = 100'000;
  double btc_top_notional_max = 400'000;
  double btc_level_notional = 70'000;
  double btc_max_market_notional = 220 * 83'692.3;
};

// Twenty Bitget USDT-M perpetuals: BTC ETH XRP BCH LTC ADA ETC LINK TRX DOT DOGE SOL BNB AVAX
// SHIB NEAR SUI PEPE WIF TAIKO (8 h funding except WIF 4 h and TAIKO 1 h).
std::vector<SymbolPreset> DefaultPresets();
// The preset of `symbol`; error kNotFound when it is not one of DefaultPresets().
core::Result<SymbolPreset> FindPreset(std::string_view symbol);

// OK when the preset's numbers are usable (positive price, volume, open interest, trade density;
// 0 < vol; a, b >= 0 with a + b < 1; dof > 2; loadings in [0, 1); 1 <= min spread <= max spread;
// premium sd >= 0; funding cap > 0; noise and span >= 0). Else kInvalidArgument naming the symbol
// and every violation. The contract row is checked by Instrument::FromContractRow.
core::Status ValidatePreset(const SymbolPreset& preset);

}  // namespace bgt::sim
