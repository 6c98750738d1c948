// CandleSeries: one symbol's bars at one granularity, seeded from REST history and then driven
// by live candle pushes. Only the newest bar is open (still changing); a bar becomes FINAL only
// when a newer bar opens, and final bars never change. Duplicate pushes, late pushes of final
// bars, pushes older than the open bar and invalid bars are ignored and counted.
// Thread-safety: not thread-safe; owned by the kernel thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/candle.h"

namespace bgt::market {

struct Bar {
  model::Candle candle;
  bool final = false;
};

enum class CandleOutcome : std::uint8_t {
  kOpened,     // a newer bar opened (the previous open bar, if any, became final)
  kUpdated,    // the open bar changed
  kDuplicate,  // identical to the stored bar: nothing changed
  kLate,       // older than the open bar (a final or unknown bar): ignored
  kRejected,   // fails model::CheckCandle or has another granularity: ignored
};

// "opened", "updated", "duplicate", "late", "rejected".
std::string_view ToString(CandleOutcome outcome);

struct CandleUpdate {
  CandleOutcome outcome = CandleOutcome::kRejected;
  std::optional<model::Candle> finalized;  // the bar this push made final
  std::size_t missing_bars = 0;            // whole bars skipped between the two (fixed lengths)
};

struct CandleCounters {
  std::uint64_t opened = 0;
  std::uint64_t updated = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t late = 0;
  std::uint64_t rejected = 0;
  std::uint64_t missing_bars = 0;
};

class CandleSeries {
 public:
  // Keeps at most `capacity` (>= 2, BGT_CHECK) bars, dropping the oldest.
  CandleSeries(std::string symbol, model::Granularity granularity, std::size_t capacity = 5000);

  // Merges REST history (any order). Bars already held are kept (live data wins); after the
  // merge every bar but the newest is final. Error (kInvalidArgument, naming the index and the
  // reason) when any row fails CheckCandle or has another granularity; nothing is merged then.
  // Returns the bars this merge made final that were open before (at most one).
  core::Result<std::vector<model::Candle>> Seed(std::span<const model::Candle> history);

  // Applies one live push.
  CandleUpdate OnCandle(const model::Candle& candle);

  const std::string& symbol() const { return symbol_; }
  model::Granularity granularity() const { return granularity_; }
  const std::deque<Bar>& bars() const { return bars_; }
  std::optional<model::Candle> OpenBar() const;
  std::optional<model::Candle> LastFinal() const;
  // The newest `n` final bars, oldest first.
  std::vector<model::Candle> Finals(std::size_t n) const;
  const CandleCounters& counters() const { return counters_; }

 private:
  std::size_t MissingBetween(core::Timestamp older, core::Timestamp newer) const;
  void Trim();

  std::string symbol_;
  model::Granularity granularity_;
  std::size_t capacity_;
  std::deque<Bar> bars_;  // ascending open_time; only the back may be open
  CandleCounters counters_;
};

}  // namespace bgt::market
