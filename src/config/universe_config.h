// The [universe] section of the config file: pair selection (market/universe.h). Its typed form
// is market::UniverseParams itself, so the defaults live in one place (that struct's member
// initialisers). Keys (all optional):
//   min_volume_usdt_24h, min_open_interest_usdt, max_spread_bps   decimals (string, int or float)
//   min_funding_rate, max_funding_rate                            decimals, e.g. "-0.001"
//   min_atr_pct, max_atr_pct                                      numbers, ATR in % of the close
//   atr_period (1..1000), candle_granularity ("1H", Bitget's spelling, fixed length)
//   min_listing_age_days (0..3650), schedule_window_hours (0..8760), max_ticker_age_s (1..86400)
//   blacklist, whitelist                                          arrays of symbols
//   top_n (1..1000), refresh_interval_s (1..604800), keep_slack (0..1000), entry_margin (0..1)
//   [universe.weights] volume, open_interest, spread, volatility, funding   numbers >= 0
// Thread-safety: plain value type.
#pragma once

#include "market/universe.h"

namespace bgt::config {

using UniverseConfig = market::UniverseParams;

}  // namespace bgt::config
