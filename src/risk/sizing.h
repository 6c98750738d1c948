// Position sizing: the base-coin size that loses `risk_fraction` of equity between entry and
// stop, rounded DOWN to the size step and clamped to the instrument's per-order cap, refused
// (rather than rounded up) when it would fall below minTradeNum or minTradeUSDT. Also the
// closing rule for dust: a close is always of the exact remaining size.
// Thread-safety: pure functions.
#pragma once

#include <variant>

#include "core/decimal.h"
#include "core/result.h"
#include "model/instrument.h"
#include "model/order_types.h"
#include "risk/risk_types.h"

namespace bgt::risk {

struct SizingInput {
  core::Decimal equity;       // USDT
  core::Decimal entry_price;  // > 0
  core::Decimal stop_price;   // > 0, != entry
  core::Decimal risk_fraction;
  model::OrderType type = model::OrderType::kMarket;  // picks maxOrderQty / maxMarketOrderQty
};

struct Sizing {
  core::Decimal size;         // what to send: a multiple of the size step, >= minTradeNum
  core::Decimal raw_size;     // risk amount / stop distance before rounding (volumePlace + 4 dp)
  core::Decimal risk_amount;  // equity × risk_fraction
  bool capped = false;        // clamped to maxOrderQty / maxMarketOrderQty
};

// Returns the sizing, or the refusal (kNoEquity, kNoStopDistance, kBelowMinSize with venue code
// 45111, kBelowMinNotional with 45110) with the offending value and the limit. Never returns a
// size the venue would refuse with 40762 / 45110 / 45111 / 40808.
std::variant<Sizing, Refusal> SizeFromStop(const model::Instrument& instrument,
                                           const SizingInput& input);

// True when a close of |position_qty| cannot be sent as an ordinary order because it is below
// minTradeNum, or its notional at `price` is below minTradeUSDT: the position is dust and is
// closed with its exact size through the venue's close-position path.
bool IsDust(const model::Instrument& instrument, const core::Decimal& position_qty,
            const core::Decimal& price);

}  // namespace bgt::risk
