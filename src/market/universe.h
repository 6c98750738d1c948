// Pair selection: which contracts bgt trades. A chain of hard filters (tradable status and
// schedule, listing age, black/white lists, 24 h USDT volume, open interest in USDT, spread,
// funding bounds, ATR % band) over point-in-time inputs (only data stamped <= now is seen, so a
// backtest cannot look ahead), a weighted ranking of normalised scores, and a top-N set refreshed
// on an interval with hysteresis so it does not flap. Every symbol gets a verdict with its reason.
// Thread-safety: UniverseSelector is not thread-safe (one owner, the kernel thread); the free
// functions are pure.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"
#include "model/candle.h"
#include "model/instrument.h"
#include "model/ticker.h"

namespace bgt::market {

// Open interest of one symbol at `ts`, in base coin (Bitget open-interest `size`).
struct OpenInterestObs {
  std::string symbol;
  core::Decimal size;
  core::Timestamp ts;
};

// Funding of one symbol as known at `ts` (Bitget current-fund-rate).
struct FundingObs {
  std::string symbol;
  core::Decimal rate;  // current period's rate, 0.0001 = 0.01 %
  std::optional<core::Timestamp> next_funding_time;
  core::Timestamp ts;
};

// Everything the selector may look at. Observations may hold several values per symbol and
// values from the future: the selector uses, per symbol, the latest one with ts <= now, and only
// candles closed by now (open_time + bar length <= now). Candles must all have one fixed-length
// granularity per symbol; any order.
struct UniverseInputs {
  std::vector<model::Instrument> instruments;  // the contract list as last fetched
  std::vector<model::Ticker> tickers;
  std::vector<OpenInterestObs> open_interest;  // when absent, the ticker's holdingAmount
  std::vector<FundingObs> funding;             // when absent, the ticker's funding rate
  std::map<std::string, std::vector<model::Candle>, std::less<>> candles;
};

struct UniverseWeights {
  double volume = 1.0;         // log 24 h USDT volume, higher is better
  double open_interest = 1.0;  // log open interest in USDT, higher is better
  double spread = 1.0;         // spread in bps, lower is better
  double volatility = 0.5;     // ATR %, closer to the middle of the band is better
  double funding = 0.5;        // |funding rate|, lower is better

  friend bool operator==(const UniverseWeights&, const UniverseWeights&) = default;
};

// The filters and ranking. Defaults are the documented defaults of the [universe] config section.
struct UniverseParams {
  core::Decimal min_volume_usdt_24h = core::Decimal::FromInt(20'000'000);
  core::Decimal min_open_interest_usdt = core::Decimal::FromInt(5'000'000);
  core::Decimal max_spread_bps = core::Decimal::FromInt(10);
  core::Decimal min_funding_rate = *core::Decimal::FromParts(-10, 4);  // -0.001
  core::Decimal max_funding_rate = *core::Decimal::FromParts(10, 4);   // 0.001
  double min_atr_pct = 0.3;  // ATR as a percentage of the last close
  double max_atr_pct = 10.0;
  int atr_period = 14;
  model::Granularity candle_granularity = model::Granularity::k1H;
  int min_listing_age_days = 30;
  // A contract whose offTime or limitOpenTime falls before now + this window is dropped.
  std::chrono::hours schedule_window{24};
  // A ticker older than this is not current: the symbol is dropped as missing a quote.
  std::chrono::seconds max_ticker_age{300};
  std::vector<std::string> blacklist;
  std::vector<std::string> whitelist;  // non-empty: only these symbols
  UniverseWeights weights;
  int top_n = 10;
  std::chrono::seconds refresh_interval{3600};
  // Hysteresis: a member stays while it passes every filter and ranks within top_n + keep_slack;
  // a newcomer replaces the weakest member only when its score beats it by entry_margin (score
  // points, scores are 0..1).
  int keep_slack = 3;
  double entry_margin = 0.05;

  friend bool operator==(const UniverseParams&, const UniverseParams&) = default;
};

// OK, or kInvalidArgument listing every problem ("top_n: must be >= 1", non-finite or negative
// weights, an empty band, a symbol both black- and whitelisted...).
core::Status ValidateParams(const UniverseParams& params);

// Which step decided a symbol's fate.
enum class UniverseFilter : std::uint8_t {
  kNone,          // passed every filter
  kSymbolType,    // not a perpetual
  kStatus,        // symbolStatus is not "normal"
  kSchedule,      // offTime / limitOpenTime (or an upcoming maintainTime) inside the window
  kListingAge,    // launched less than min_listing_age_days ago (or not yet)
  kBlacklist,     // on the blacklist
  kWhitelist,     // whitelist set and the symbol is not on it
  kNoTicker,      // no ticker with ts <= now, or the latest one is stale
  kBadQuote,      // bid/ask missing, non-positive or crossed
  kVolume,        // 24 h USDT volume below the minimum
  kOpenInterest,  // open interest in USDT below the minimum (or no price to value it)
  kSpread,        // spread above the maximum
  kFunding,       // funding rate outside the bounds
  kVolatility,    // ATR % outside the band, not computable, or too few closed candles
  kBadCandles,    // a closed candle fails model::CheckCandle or mixes granularities
};

// "none", "symbol_type", "status", ... (snake_case of the enumerator).
std::string_view ToString(UniverseFilter filter);

enum class UniverseDecision : std::uint8_t {
  kSelected,  // in the set
  kRanked,    // passed every filter, not in the set
  kDropped,   // failed a filter
};

// "selected", "ranked", "dropped".
std::string_view ToString(UniverseDecision decision);

// The measured inputs of one symbol; unset when not reached or not computable.
struct UniverseMetrics {
  std::optional<core::Decimal> volume_usdt_24h;
  std::optional<core::Decimal> open_interest_usdt;
  std::optional<double> spread_bps;
  std::optional<core::Decimal> funding_rate;
  std::optional<double> atr_pct;
};

struct SymbolVerdict {
  std::string symbol;
  UniverseDecision decision = UniverseDecision::kDropped;
  UniverseFilter filter = UniverseFilter::kNone;  // kDropped: the failing filter
  std::string reason;  // human text with the values ("24h volume 1200 USDT < 20000000")
  int rank = 0;        // 1-based rank among the symbols that passed; 0 when dropped
  double score = 0.0;  // 0..1 weighted score; 0 when dropped
  UniverseMetrics metrics;
};

struct UniverseSnapshot {
  core::Timestamp as_of;
  std::vector<std::string> members;     // the set, best score first
  std::vector<SymbolVerdict> verdicts;  // every symbol: ranked ones by rank, then dropped by name
  bool refreshed = false;               // false: the interval had not elapsed, nothing recomputed

  // The verdict of `symbol`; nullptr when it was not among the inputs.
  const SymbolVerdict* Find(std::string_view symbol) const;
};

// One pass of the filters and the ranking, without hysteresis: every symbol's verdict (ranked
// ones by rank then dropped ones by symbol, decision kRanked / kDropped). Pure.
std::vector<SymbolVerdict> EvaluateUniverse(const UniverseInputs& inputs,
                                            const UniverseParams& params, core::Timestamp now);

class UniverseSelector {
 public:
  // `params` must pass ValidateParams (BGT_CHECK).
  explicit UniverseSelector(UniverseParams params);

  const UniverseParams& params() const { return params_; }
  // True when Update(now) would recompute: never refreshed, or refresh_interval elapsed.
  bool Due(core::Timestamp now) const;
  // Recomputes the set when Due(now), else returns the last snapshot with refreshed = false.
  // Error (kFailedPrecondition) when now is before the previous refresh (time going backwards).
  core::Result<UniverseSnapshot> Update(const UniverseInputs& inputs, core::Timestamp now);
  // Recomputes regardless of the interval (same error).
  core::Result<UniverseSnapshot> Refresh(const UniverseInputs& inputs, core::Timestamp now);

  const std::vector<std::string>& members() const { return last_.members; }

 private:
  UniverseParams params_;
  std::optional<core::Timestamp> last_refresh_;
  UniverseSnapshot last_;
};

}  // namespace bgt::market
