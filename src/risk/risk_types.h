// Vocabulary of the risk engine: the account picture it is fed (equity, positions at mark), the
// order it is asked about, its trading state, and the events it emits (a refusal with a typed
// reason and the numbers, a state change with its reason, a flatten request).
// Thread-safety: plain value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/decimal.h"
#include "core/time.h"
#include "model/instrument.h"
#include "model/order_types.h"

namespace bgt::risk {

// RUNNING: everything allowed. REDUCING: only orders that reduce a position. HALTED: only
// reducing orders (the flatten), latched until Resume().
enum class TradingState : std::uint8_t { kRunning, kReducing, kHalted };

enum class RefusalReason : std::uint8_t {
  kHalted,                 // state HALTED and the order does not reduce
  kReducingOnly,           // state REDUCING and the order does not reduce
  kVenueRule,              // model::ValidateOrder refused (venue_code = Bitget's code)
  kBelowMinSize,           // sizing: rounded size < minTradeNum (45111)
  kBelowMinNotional,       // sizing: size × price < minTradeUSDT (45110)
  kNoStopDistance,         // sizing: entry == stop
  kNoEquity,               // sizing: equity <= 0
  kSymbolNotional,         // per-symbol notional cap
  kTotalNotional,          // total notional cap
  kLeverage,               // leverage above max_leverage
  kMaxPositions,           // a new position beyond max_open_positions
  kOrderRate,              // order-rate cap in the sliding window
  kLiquidationDistance,    // too close to liquidation (existing position or estimate)
  kReduceExceedsPosition,  // a reducing order larger than the position
  kNoPosition,             // a reducing order with nothing to reduce
};

enum class StateReason : std::uint8_t {
  kKillSwitch,
  kDailyLoss,
  kDrawdown,
  kManual,  // SetReducing / Resume
};

enum class FlattenReason : std::uint8_t {
  kKillSwitch,
  kDailyLoss,
  kDrawdown,
  kLiquidationDistance
};

std::string_view ToString(TradingState v);
std::string_view ToString(RefusalReason v);
std::string_view ToString(StateReason v);
std::string_view ToString(FlattenReason v);

// One open position as the risk engine sees it.
struct PositionExposure {
  std::string symbol;
  model::PositionSide leg = model::PositionSide::kNet;  // kNet one-way; the leg in hedge mode
  core::Decimal quantity;                               // signed: > 0 long, < 0 short
  core::Decimal mark;                                   // > 0
  std::optional<core::Decimal> liquidation_price;       // the venue's, when known
};

// The account picture: fed by the caller from the portfolio (or a venue snapshot).
struct AccountState {
  core::Decimal equity;
  std::vector<PositionExposure> positions;
};

// The order to check, in model terms.
struct OrderCheck {
  const model::Instrument* instrument = nullptr;  // required
  std::string client_oid;                         // for the refusal event only
  model::OrderSide direction = model::OrderSide::kBuy;
  model::PositionSide leg = model::PositionSide::kNet;
  model::OrderType type = model::OrderType::kLimit;
  core::Decimal size;
  std::optional<core::Decimal> price;  // limit orders
  core::Decimal reference_price;       // mark: notional of market orders, price band
  bool reduce_only = false;            // one-way reduceOnly (hedge: implied by leg/direction)
  int leverage = 1;                    // the symbol's leverage for this order
};

// A refusal: why, the value that broke the limit and the limit (both 0 when not numeric).
struct Refusal {
  RefusalReason reason = RefusalReason::kHalted;
  std::string symbol;
  std::string client_oid;
  core::Decimal value;
  core::Decimal limit;
  std::string venue_code;  // kVenueRule only
  std::string message;
  core::Timestamp ts;
};

struct OrderDenied {
  Refusal refusal;
};
struct StateChanged {
  TradingState from = TradingState::kRunning;
  TradingState to = TradingState::kRunning;
  StateReason reason = StateReason::kManual;
  std::string message;  // with the numbers that triggered it
  core::Timestamp ts;
};
// A command to close positions: of `symbol` (and `leg`) when set, else every position.
struct FlattenRequested {
  std::optional<std::string> symbol;
  std::optional<model::PositionSide> leg;
  FlattenReason reason = FlattenReason::kKillSwitch;
  std::string message;
  core::Timestamp ts;
};

using RiskEvent = std::variant<OrderDenied, StateChanged, FlattenRequested>;

}  // namespace bgt::risk
