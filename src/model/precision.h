// Precision rules of an Instrument: rounding prices to the tick and sizes to the size step, in
// the direction that is safe for the order side, and printing them the way bgt sends them to
// Bitget (exactly pricePlace / volumePlace decimals).
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "core/decimal.h"
#include "core/result.h"
#include "model/instrument.h"
#include "model/order_types.h"

namespace bgt::model {

// `price` rounded to a multiple of the tick in `mode`, with exactly pricePlace decimals.
// Error: kInvalidArgument when price <= 0; kOutOfRange when the result is zero (the price is
// below one tick) or overflows.
core::Result<core::Decimal> RoundPrice(const Instrument& instrument, const core::Decimal& price,
                                       core::Rounding mode);

// The safe rounding for a side: a buy rounds down (never pay more than intended), a sell rounds
// up (never sell for less). Errors as RoundPrice.
core::Result<core::Decimal> RoundPriceSafe(const Instrument& instrument, OrderSide side,
                                           const core::Decimal& price);

// `size` rounded to a multiple of sizeMultiplier in `mode`, with exactly volumePlace decimals.
// The result may be zero or below minTradeNum; ValidateOrder reports that. Error:
// kInvalidArgument when size < 0; kOutOfRange on overflow.
core::Result<core::Decimal> RoundSize(const Instrument& instrument, const core::Decimal& size,
                                      core::Rounding mode);

// Rounds toward zero: never more exposure than asked. Errors as RoundSize.
core::Result<core::Decimal> RoundSizeSafe(const Instrument& instrument, const core::Decimal& size);

// Price / size text for the wire: exactly pricePlace / volumePlace decimals ("23455.5",
// "0.0100"). Never rounds. Error (kInvalidArgument) when the value has more significant
// decimals than allowed; kOutOfRange on overflow.
core::Result<std::string> FormatPrice(const Instrument& instrument, const core::Decimal& price);
core::Result<std::string> FormatSize(const Instrument& instrument, const core::Decimal& size);

}  // namespace bgt::model
