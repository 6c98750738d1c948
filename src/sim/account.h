// SimAccount: one simulated Bitget USDT-M futures account — its USDT wallet, the ledger that
// explains every change of the wallet, its positions (the net position per symbol in one-way
// mode, a long and a short leg in hedge mode), per-symbol margin mode and leverage, the margin
// frozen by its open orders and its bills — and its valuation at mark prices.
// Thread-safety: not thread-safe; an account belongs to its exchange's thread.
//
// Ledger identity, checked after every change (BGT_CHECK):
//   balance = transfers + realized PnL + fees + funding + risk fund
// with fees in Bitget's sign (negative = paid), funding as credited (+ received, − paid) and the
// risk-fund term holding what a liquidation moved to (−) or from (+) Bitget's risk fund.
//
// Valuation model (bitget-api-more.md §2.5, marked [DERIVED] there; the field names in
// parentheses are Bitget's):
//   equity (accountEquity)      = balance + UPL of every position at mark
//   isolated margin             = Σ margin posted by isolated positions (notional/leverage at open,
//                                 + funding; released pro rata on reduction)
//   crossed margin              = Σ crossed position value at mark / leverage
//   crossed balance             = balance − isolated margin
//   crossed equity              = crossed balance + crossed UPL
//   available (available)       = crossed equity − crossed margin
//   locked (locked / frozen)    = margin frozen by open orders (see SetReserve)
//   max open (crossedMaxAvailable, isolatedMaxAvailable, maxOpenPosAvailable)
//                               = available − locked
//   max transfer out            = max(0, min(max open, crossed balance − crossed margin − locked))
//   crossed risk rate           = Σ crossed MM / crossed equity
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"
#include "model/instrument.h"
#include "model/order_types.h"
#include "model/position.h"
#include "sim/margin.h"
#include "sim/matching_engine.h"

namespace bgt::sim {

// Bitget's default leverage for a symbol never set (capped at the instrument's maxLever).
inline constexpr int kDefaultLeverage = 20;

// Which position: the net position (one-way) or a hedge leg.
struct LegKey {
  std::string symbol;
  model::PositionSide side = model::PositionSide::kNet;
  friend auto operator<=>(const LegKey&, const LegKey&) = default;
};

struct Leg {
  model::Position position;
  model::MarginMode margin_mode = model::MarginMode::kCrossed;
  core::Decimal isolated_margin;  // isolated legs: posted margin; zero for crossed legs
  core::Decimal funding;          // Σ funding credited while open (Bitget position `totalFee`)
  std::uint64_t position_id = 0;
  core::Timestamp opened_at;
};

// Per-symbol settings (Bitget account/account: marginMode, crossedMarginLeverage,
// isolatedLongLever, isolatedShortLever).
struct SymbolConfig {
  model::MarginMode margin_mode = model::MarginMode::kCrossed;
  int cross_leverage = kDefaultLeverage;
  int long_leverage = kDefaultLeverage;
  int short_leverage = kDefaultLeverage;
  // The leverage for a position of direction `is_long` under the current margin mode.
  int LeverageFor(bool is_long) const {
    if (margin_mode == model::MarginMode::kCrossed) return cross_leverage;
    return is_long ? long_leverage : short_leverage;
  }
};

// Bitget `businessType` of account bills (GET /api/v2/mix/account/bill), plus kRiskFund.
enum class BillType : std::uint8_t {
  kTransferIn,      // trans_from_exchange
  kTransferOut,     // trans_to_exchange
  kOpenLong,        // open_long (hedge)
  kOpenShort,       // open_short
  kCloseLong,       // close_long
  kCloseShort,      // close_short
  kBuy,             // buy (one-way)
  kSell,            // sell
  kFunding,         // contract_settle_fee
  kBurstLongLoss,   // burst_long_loss_query (liquidation of a long, hedge)
  kBurstShortLoss,  // burst_short_loss_query
  kBurstBuy,        // burst_buy (liquidation, one-way)
  kBurstSell,       // burst_sell
  kRiskFund,        // risk_fund: the liquidation remainder moved to / from the risk fund (bgt's)
};
std::string_view ToString(BillType type);

struct Bill {
  std::uint64_t bill_id = 0;
  std::string symbol;  // empty for transfers
  BillType type = BillType::kTransferIn;
  core::Decimal amount;   // realized PnL, funding, transfer or risk-fund amount (+ credited)
  core::Decimal fee;      // trading fee, Bitget sign (negative = paid)
  core::Decimal balance;  // balance after the bill
  core::Timestamp ts;
};

struct Ledger {
  core::Decimal transfers;     // deposits − withdrawals
  core::Decimal realized_pnl;  // Σ realized PnL of fills (fees excluded)
  core::Decimal fees;          // Σ trading fees, Bitget sign
  core::Decimal funding;       // Σ funding, + received
  core::Decimal risk_fund;     // Σ liquidation transfers, + received from the risk fund
  core::Decimal Balance() const { return transfers + realized_pnl + fees + funding + risk_fund; }
};

// What valuing a position needs to know about its symbol.
struct SymbolRisk {
  const model::Instrument* instrument = nullptr;
  const TierTable* tiers = nullptr;
  core::Decimal mark;  // > 0
};

class MarketLookup {
 public:
  virtual ~MarketLookup() = default;
  // nullopt when the symbol is unknown or has no mark price yet.
  virtual std::optional<SymbolRisk> Risk(std::string_view symbol) const = 0;
};

struct LegValuation {
  LegKey key;
  bool is_long = true;
  int leverage = 1;
  core::Decimal size;  // |quantity|
  core::Decimal mark;
  core::Decimal value;        // size × mark
  core::Decimal upl;          // unrealized PnL at mark
  core::Decimal margin;       // isolated: posted; crossed: value / leverage (Bitget `marginSize`)
  core::Decimal maintenance;  // MM
  core::Decimal maintenance_rate;  // MMR of the tier the value falls in (`keepMarginRate`)
  std::optional<core::Decimal> liquidation_price;
  bool below_maintenance = false;  // isolated: margin + UPL <= MM (crossed: see the account)
};

struct AccountValuation {
  core::Decimal balance;
  core::Decimal equity;
  core::Decimal unrealized_pnl;
  core::Decimal crossed_unrealized_pnl;
  core::Decimal isolated_unrealized_pnl;
  core::Decimal isolated_margin;
  core::Decimal crossed_margin;
  core::Decimal crossed_maintenance;
  core::Decimal crossed_balance;
  core::Decimal crossed_equity;
  core::Decimal available;
  core::Decimal locked;
  core::Decimal max_open;
  core::Decimal max_transfer_out;
  core::Decimal crossed_risk_rate;  // 0 without crossed positions
  bool crossed_below_maintenance = false;
  std::vector<LegValuation> legs;  // in LegKey order
};

// One trade applied to a position.
struct TradeInput {
  LegKey key;
  model::OrderSide direction = model::OrderSide::kBuy;
  core::Decimal price;
  core::Decimal size;
  core::Decimal fee;                                            // Bitget sign
  model::MarginMode margin_mode = model::MarginMode::kCrossed;  // for a new leg
  int leverage = kDefaultLeverage;  // margin posted for the opening part (isolated)
  bool liquidation = false;         // books burst_* bills
  core::Timestamp ts;
};

struct TradeOutcome {
  core::Decimal realized_pnl;
  core::Decimal closed;  // part of the size that reduced the position
  core::Decimal opened;  // part that opened or increased it
  std::uint64_t position_id = 0;
  bool now_flat = false;
};

class SimAccount {
 public:
  SimAccount(AccountId id, model::PositionMode mode) : id_(id), position_mode_(mode) {}

  AccountId id() const { return id_; }
  model::PositionMode position_mode() const { return position_mode_; }
  void set_position_mode(model::PositionMode mode) { position_mode_ = mode; }
  const core::Decimal& balance() const { return balance_; }
  const Ledger& ledger() const { return ledger_; }
  const std::vector<Bill>& bills() const { return bills_; }

  // Credits (amount > 0) or debits (< 0) the wallet. Error (kInvalidArgument) for zero.
  core::Status Transfer(const core::Decimal& amount, core::Timestamp ts);

  // The symbol's settings, created with the defaults (leverage min(20, maxLever)) on first use.
  SymbolConfig& Config(const model::Instrument& instrument);
  const SymbolConfig* FindConfig(std::string_view symbol) const;

  const std::map<LegKey, Leg>& legs() const { return legs_; }
  const Leg* FindLeg(const LegKey& key) const;
  bool HasPosition(std::string_view symbol) const;
  bool HasAnyPosition() const { return !legs_.empty(); }

  // Applies a fill to its position (created when new, removed when flat): the position's
  // quantity, entry and realized PnL, the wallet (realized PnL + fee), the isolated margin
  // (released pro rata on reduction, notional/leverage posted for the opening part) and a bill.
  // Errors leave everything unchanged: those of model::Position::Apply (a hedge leg changing
  // sign, non-positive price or size, overflow).
  core::Result<TradeOutcome> ApplyTrade(const TradeInput& trade);

  // Credits `amount` of funding (Bitget sign) to a position; isolated positions take it into
  // their posted margin. Error (kNotFound) when the position does not exist.
  core::Status ApplyFunding(const LegKey& key, const core::Decimal& amount, core::Timestamp ts);
  // Books a liquidation transfer with the risk fund (+ received).
  void ApplyRiskFund(std::string_view symbol, const core::Decimal& amount, core::Timestamp ts);
  // Moves `delta` of balance into (> 0) or out of (< 0) an isolated position's margin. Error
  // (kNotFound) for an unknown or crossed position.
  core::Status AdjustIsolatedMargin(const LegKey& key, const core::Decimal& delta);

  // Margin frozen by open order `order_id` (replaces the previous value; zero removes it).
  void SetReserve(OrderId order_id, const core::Decimal& amount);
  void ClearReserve(OrderId order_id) { SetReserve(order_id, core::Decimal()); }
  const core::Decimal& locked() const { return locked_; }

  // Values the account at the marks of `market` (formulas in the header comment). Error
  // (kFailedPrecondition) when a position's symbol has no mark; kOutOfRange on overflow.
  core::Result<AccountValuation> Value(const MarketLookup& market) const;

 private:
  void Book(std::string symbol, BillType type, const core::Decimal& amount,
            const core::Decimal& fee, core::Timestamp ts);
  void CheckLedger() const;

  AccountId id_;
  model::PositionMode position_mode_;
  core::Decimal balance_;
  Ledger ledger_;
  std::map<std::string, SymbolConfig, std::less<>> configs_;
  std::map<LegKey, Leg> legs_;
  std::map<OrderId, core::Decimal> reserves_;
  core::Decimal locked_;
  std::vector<Bill> bills_;
  std::uint64_t next_bill_id_ = 1;
  std::uint64_t next_position_id_ = 1;
};

}  // namespace bgt::sim
