// Internals of pair selection shared by universe.cpp and universe_select.cpp (and their tests):
// the exact spread, the ATR % of a candle series, and the hysteresis step.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"
#include "market/universe.h"
#include "model/candle.h"

namespace bgt::market {

// (ask - bid) × 20000 / (ask + bid), in bps of the mid, rounded half-even to 6 decimals.
// Error (kOutOfRange) on overflow.
core::Result<core::Decimal> SpreadBps(const core::Decimal& bid, const core::Decimal& ask);

struct AtrOutcome {
  std::optional<double> atr_pct;  // set when computable and finite
  bool bad_candles = false;       // a closed candle failed CheckCandle or had another granularity
  std::string problem;            // why atr_pct is unset
};

// ATR(params.atr_period) of the candles closed by `now` (open_time + bar length <= now; later
// ones are ignored), as a percentage of the last closed bar's close. Only the last
// 4 × atr_period + 1 closed bars are used, so the cost per symbol is bounded.
AtrOutcome AtrPercent(const std::vector<model::Candle>* candles, const UniverseParams& params,
                      core::Timestamp now);

// Turns a fresh ranking (`verdicts` as EvaluateUniverse returns them) into the new set given
// the previous members, marking the chosen verdicts kSelected and writing why into each ranked
// verdict's reason. Returns the members, best score first.
std::vector<std::string> ApplyHysteresis(const std::vector<std::string>& previous,
                                         std::vector<SymbolVerdict>& verdicts,
                                         const UniverseParams& params);

}  // namespace bgt::market
