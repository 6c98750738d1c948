// Portfolio: positions per (symbol, leg) of a linear USDT-M account — average entry, realized
// and unrealized PnL, fees (Bitget's sign: negative = paid), funding paid/received, balance,
// equity, margin in use and liquidation distance — built from fills, funding payments and
// transfers, and corrected by venue snapshots (the snapshot wins; every difference is
// reported). Fills are deduplicated by trade id.
// Thread-safety: not thread-safe; belongs to the kernel thread.
//
// Balance = transfers + realized PnL + fees + funding + adjustments, where adjustments are the
// corrections taken from account snapshots. A position's funding, fees and realized PnL restart
// when it goes flat (as the venue's position record does); the account totals keep everything.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"
#include "model/fill.h"
#include "model/order.h"
#include "model/order_types.h"
#include "model/position.h"

namespace bgt::portfolio {

struct LegKey {
  std::string symbol;
  model::PositionSide leg = model::PositionSide::kNet;  // kNet one-way; kLong/kShort hedge
  friend auto operator<=>(const LegKey&, const LegKey&) = default;
};

// A funding settlement: + received, − paid.
struct FundingPayment {
  std::string symbol;
  model::PositionSide leg = model::PositionSide::kNet;
  core::Decimal amount;
  core::Timestamp ts;
};

// One position as the venue reports it.
struct PositionSnapshot {
  std::string symbol;
  model::PositionSide leg = model::PositionSide::kNet;
  core::Decimal quantity;        // signed: > 0 long, < 0 short
  core::Decimal entry_notional;  // exact entry value of the open quantity (>= 0)
  std::optional<core::Decimal> mark;
  std::optional<int> leverage;
  std::optional<core::Decimal> liquidation_price;
  // The venue's average entry price as it sent it, when known. Venues round it (Bitget's
  // openPriceAvg), so entry_notional = entry_price × |quantity| may miss the exact value by
  // less than |quantity| × one unit of its last decimal: a local entry value within that
  // distance agrees with the venue and is kept.
  std::optional<core::Decimal> entry_price;
  // The funding the venue has credited (+) or charged (−) this position since it opened
  // (Bitget's position `totalFee`), when known. An increase since the last snapshot that no
  // OnFunding accounted for is booked as a funding payment (see TakeSnapshotFunding).
  std::optional<core::Decimal> funding;
};

enum class DiffKind : std::uint8_t {
  kQuantity,       // local and venue quantity differ (local / venue: the quantities)
  kEntryNotional,  // same quantity, different entry value
  kBalance,        // account balance differs (local / venue: the balances)
};

struct Difference {
  DiffKind kind = DiffKind::kQuantity;
  std::string symbol;  // empty for kBalance
  model::PositionSide leg = model::PositionSide::kNet;
  core::Decimal local;
  core::Decimal venue;
};

struct PositionSummary {
  std::string symbol;
  model::PositionSide leg = model::PositionSide::kNet;
  core::Decimal quantity;
  core::Decimal entry_notional;
  core::Decimal realized_pnl;  // of this position since it opened, fees excluded
  core::Decimal fees;
  core::Decimal funding;
  std::optional<core::Decimal> mark;
  std::optional<core::Decimal> unrealized_pnl;  // nullopt without a mark
};

class Portfolio {
 public:
  // Bitget's leverage for a symbol never set; the margin estimate uses it until SetLeverage.
  static constexpr int kDefaultLeverage = 20;

  // Deposits (+) and withdrawals (−).
  void OnTransfer(const core::Decimal& amount);

  // Applies a fill to its (symbol, position_side) position. kDuplicate when the trade id was
  // already applied (nothing changes). Errors (nothing changes): those of model::Position
  // (kInvalidArgument for price/quantity <= 0, kOutOfRange for a hedge leg changing sign) and
  // kInvalidArgument for an empty trade id or symbol.
  core::Result<model::FillOutcome> OnFill(const model::Fill& fill);

  // Books a funding payment on the account and on the open position. Error (kNotFound) when the
  // position is flat locally; the amount is then still booked on the account.
  core::Status OnFunding(const FundingPayment& payment);
  // The funding payments ApplyPositions booked from the snapshots' accumulated funding since
  // the last call (a venue that pushes no funding events, e.g. Bitget's private stream).
  std::vector<FundingPayment> TakeSnapshotFunding() { return std::exchange(snapshot_funding_, {}); }

  // Error (kInvalidArgument): mark <= 0, leverage outside 1..1000.
  core::Status SetMark(const std::string& symbol, const core::Decimal& mark);
  core::Status SetLeverage(const std::string& symbol, int leverage);

  // Replaces the positions with the venue's (a full snapshot: a local position missing from it
  // is flat at the venue) and returns the differences found, in (symbol, leg) order. Marks,
  // leverages and liquidation prices in the snapshot are adopted too.
  std::vector<Difference> ApplyPositions(const std::vector<PositionSnapshot>& venue);
  // Adopts the venue's balance; the gap goes to adjustments(). Returns the difference if any.
  std::optional<Difference> ApplyBalance(const core::Decimal& venue_balance);

  const model::Position* Find(const std::string& symbol, model::PositionSide leg) const;
  std::vector<PositionSummary> Positions() const;
  int OpenPositions() const { return static_cast<int>(legs_.size()); }

  const core::Decimal& transfers() const { return transfers_; }
  const core::Decimal& realized_pnl() const { return realized_; }
  const core::Decimal& fees() const { return fees_; }
  const core::Decimal& funding() const { return funding_; }
  const core::Decimal& adjustments() const { return adjustments_; }
  core::Decimal balance() const { return transfers_ + realized_ + fees_ + funding_ + adjustments_; }

  // Σ UPL at the marks. Error (kFailedPrecondition) when an open position has no mark.
  core::Result<core::Decimal> UnrealizedPnl() const;
  // balance + UPL; errors as UnrealizedPnl.
  core::Result<core::Decimal> Equity() const;
  // Σ |qty| × mark / leverage (8 decimals, rounded up); errors as UnrealizedPnl.
  core::Result<core::Decimal> MarginInUse() const;
  // Σ |qty| × mark of a symbol (or of all when empty); errors as UnrealizedPnl.
  core::Result<core::Decimal> Notional(const std::string& symbol = "") const;
  // |mark − liquidation| / mark (8 decimals, down) from the venue's liquidation price; nullopt
  // when flat, without a mark or without a reported liquidation price.
  std::optional<core::Decimal> LiquidationDistance(const std::string& symbol,
                                                   model::PositionSide leg) const;
  std::optional<core::Decimal> LiquidationPrice(const std::string& symbol,
                                                model::PositionSide leg) const;
  std::optional<core::Decimal> Mark(const std::string& symbol) const;

 private:
  struct LegState {
    model::Position position;
    core::Decimal funding;
    std::optional<core::Decimal> liquidation_price;
    // The venue's accumulated funding of this position already booked here: 0 for a position
    // opened by a fill, the first snapshot's value for one adopted from the venue.
    std::optional<core::Decimal> venue_funding;
  };

  std::map<LegKey, LegState> legs_;
  std::vector<FundingPayment> snapshot_funding_;
  std::map<std::string, core::Decimal> marks_;
  std::map<std::string, int> leverage_;
  std::set<std::string> trade_ids_;
  core::Decimal transfers_;
  core::Decimal realized_;
  core::Decimal fees_;
  core::Decimal funding_;
  core::Decimal adjustments_;
};

}  // namespace bgt::portfolio
