// Pre-trade validation against an Instrument's rules: refuses, before anything leaves bgt,
// every order Bitget would reject for precision, size, notional, price band or symbol status,
// with the code Bitget would answer.
// Thread-safety: pure function.
//
// Checks run in this order; the first failure is returned as Error{kDenied, message,
// venue_code}. Messages start with Bitget's wording; bgt's detail follows in parentheses.
//
//   failing check                                   venue_code  message starts with
//   status listed (trading not open yet)            43115  The trading pair is opening soon
//   status maintain, off or restrictedAPI;          41114  The current trading pair is under
//     status limit_open and the order opens                maintenance
//   size <= 0                                       40808  Parameter verification exception size
//   size has more decimals than volumePlace         40808  Parameter verification exception size
//                                                          checkBDScale error value=X checkScale=N
//   size not a multiple of sizeMultiplier           40808  Parameter verification exception size
//   reference price given but <= 0                  (none) reference price must be positive
//   limit order without a price                     40019  Parameter price cannot be empty
//   price <= 0                                      40808  Parameter verification exception
//                                                          delegatePrice
//   price has more decimals than pricePlace         41103  param price scale error error
//   price not a multiple of the tick                40808  ... delegatePrice
//   buy price > reference × (1 + buyLimitPriceRatio)   40808  ... delegatePrice
//   sell price < reference × (1 - sellLimitPriceRatio) 40808  ... delegatePrice
//   market order without a reference price          (none) market order needs a reference price
//                                                          (bgt cannot check its notional)
//   size < minTradeNum                              45111  less than the minimum order quantity
//   notional < minTradeUSDT                         45110  less than the minimum amount N USDT
//   limit size > maxOrderQty,                       40762  The order size is greater than the max
//     market size > maxMarketOrderQty                      open size
//
// Decimals are counted on the value ("23455.50" has one decimal): bgt always prints with
// FormatPrice/FormatSize, which pad to exactly pricePlace/volumePlace. The notional is
// price × size for limit orders and reference × size for market orders. The price band is
// checked only when a reference price is given (pass the mark price). A market order's price is
// ignored, as Bitget ignores it. Minimum size and notional apply to closing orders too; close a
// dust position with Bitget's flash-close endpoint, which takes no size. Whether the symbol's
// offTime/limitOpenTime has passed is the caller's concern (this layer has no clock).
#pragma once

#include <optional>

#include "core/decimal.h"
#include "core/result.h"
#include "model/instrument.h"
#include "model/order_types.h"

namespace bgt::model {

// What bgt intends to send, in model terms.
struct OrderIntent {
  OrderSide side = OrderSide::kBuy;  // trade direction
  OrderType type = OrderType::kLimit;
  std::optional<core::Decimal> price;  // required for limit orders
  core::Decimal size;                  // base coin
  // Mark (or best opposite quote) price: the notional of market orders and the price band.
  std::optional<core::Decimal> reference_price;
  // kNet in one-way mode; the leg in hedge mode (with side it tells open from close).
  PositionSide position_side = PositionSide::kNet;
  bool reduce_only = false;  // one-way mode: never opens
};

// True when the intent can open or increase a position: not reduce-only and, in hedge mode,
// a buy on the long leg or a sell on the short leg.
bool OpensPosition(const OrderIntent& intent);

// OK, or Error{kDenied, ..., venue_code} per the table above.
core::Status ValidateOrder(const Instrument& instrument, const OrderIntent& intent);

}  // namespace bgt::model
