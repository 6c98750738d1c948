// Account: the futures account's balances in its margin coin (USDT) and its margin and
// position modes, as last reported by the venue (Bitget `account` / `accounts`).
// Thread-safety: plain value type.
#pragma once

#include <string>

#include "core/decimal.h"
#include "core/time.h"
#include "model/order_types.h"

namespace bgt::model {

struct Account {
  std::string margin_coin = "USDT";
  core::Decimal equity;          // balance + unrealized PnL (Bitget `accountEquity`/`equity`)
  core::Decimal available;       // free for new orders (Bitget `available`)
  core::Decimal locked;          // frozen by open orders (Bitget `locked`/`frozen`)
  core::Decimal unrealized_pnl;  // of all open positions (Bitget `unrealizedPL`)
  MarginMode margin_mode = MarginMode::kCrossed;
  PositionMode position_mode = PositionMode::kOneWay;
  core::Timestamp ts;  // when the venue reported it
};

}  // namespace bgt::model
