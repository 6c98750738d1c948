// Fill: one execution (trade) of an order, as reported by the venue, in model terms.
// Thread-safety: plain value type.
#pragma once

#include <string>

#include "core/decimal.h"
#include "core/time.h"
#include "model/order_types.h"

namespace bgt::model {

struct Fill {
  std::string trade_id;  // venue trade id; the idempotency key of an order's fills
  std::string client_oid;
  std::string venue_order_id;
  std::string symbol;
  // The trade direction: buy = base coin bought. bitget/ converts hedge-mode rows (where
  // Bitget's `side` names the leg) with FromHedgeWire.
  OrderSide side = OrderSide::kBuy;
  PositionSide position_side = PositionSide::kNet;  // the position the fill acts on
  core::Decimal price;
  core::Decimal quantity;  // base coin, > 0
  // Bitget's sign: negative = fee paid, positive = rebate received.
  core::Decimal fee;
  std::string fee_coin = "USDT";
  LiquiditySide liquidity = LiquiditySide::kTaker;
  core::Timestamp ts;
};

}  // namespace bgt::model
