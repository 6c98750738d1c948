// Funding of the simulated venue: each symbol settles on its own interval (the instrument's
// fundInterval, 1/2/4/8 h) at the mark price; payment = position value × rate, longs pay shorts
// when the rate is positive (bitget-api-more.md §3: [SUP:360053300511], [SUP:12560603824512]).
// Settlement times sit on a UTC grid anchored at 00:00: an 8 h symbol settles at 00:00, 08:00 and
// 16:00 UTC ([SUP:12560603820668]). Only positions held at the settlement instant pay or receive.
// FundingSchedule keeps, per symbol, the current rate and the next settlement time and hands out
// the settlements that came due; the exchange applies them to positions.
// Thread-safety: not thread-safe; a schedule belongs to its exchange's thread.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"

namespace bgt::sim {

// The first settlement time strictly after `now` on the grid of `interval_hours` hours
// anchored at the Unix epoch (00:00 UTC). interval_hours must be 1..24 (BGT_CHECK).
core::Timestamp NextFundingTime(core::Timestamp now, int interval_hours);

// The amount credited to the holder of `signed_quantity` (> 0 long, < 0 short) at `mark` for
// `rate`, with Bitget's bill sign (+ received, − paid): −quantity × mark × rate, exact. Error
// (kInvalidArgument) when mark <= 0; kOutOfRange on overflow.
core::Result<core::Decimal> FundingAmount(const core::Decimal& signed_quantity,
                                          const core::Decimal& mark, const core::Decimal& rate);

// One settlement that came due.
struct FundingSettlement {
  std::string symbol;
  core::Timestamp time;  // the grid time it belongs to
  core::Decimal rate;    // the symbol's rate at the moment it was taken
  int interval_hours = 8;
};

class FundingSchedule {
 public:
  // Registers `symbol` with its interval; the first settlement is NextFundingTime(now, ...).
  // Error (kInvalidArgument) when interval_hours is outside 1..24; kAlreadyExists when known.
  core::Status AddSymbol(std::string symbol, int interval_hours, core::Timestamp now);
  // Sets the rate used by the next settlements. Error (kNotFound) for an unknown symbol.
  core::Status SetRate(std::string_view symbol, const core::Decimal& rate);

  // Every settlement due at or before `now`, oldest first (ties in symbol order); each
  // symbol's next time advances past `now`. A jump over several intervals yields one
  // settlement per interval, all at the current rate.
  std::vector<FundingSettlement> TakeDue(core::Timestamp now);

  // The earliest next settlement time over all symbols; nullopt when there is none.
  std::optional<core::Timestamp> NextDue() const;

  std::optional<core::Timestamp> NextTime(std::string_view symbol) const;
  std::optional<core::Decimal> Rate(std::string_view symbol) const;
  std::optional<int> IntervalHours(std::string_view symbol) const;

 private:
  struct Entry {
    int interval_hours = 8;
    core::Decimal rate;
    core::Timestamp next;
  };
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace bgt::sim
