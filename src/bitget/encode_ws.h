// Encoders of the `data` arrays of Bitget's v2 private WebSocket pushes (bitget-api.md §9.5,
// bitget-api-more.md §4.8, §5.1): `orders`, `fill`, `positions`, `account` and `orders-algo`
// (instType
// USDT-FUTURES). The rows are built from the typed REST results of responses.h (the same
// values the REST read-back endpoints return), so the emulator converts its state once and each
// shape is written once; the `fill` row is the REST fills row plus `orderType` and `uTime`.
// Decimals and times are strings as Bitget sends them, except `leverage` in `positions`, a
// JSON number as in Bitget's samples.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bitget/responses.h"
#include "model/order_types.h"

namespace bgt::bitget {

// One `orders` row: the order after a state change and, when an execution caused it, that
// fill (its price, size, fee, trade id, liquidity and PnL become fillPrice, baseVolume,
// fillFee, tradeId, tradeScope "T"/"M" and pnl; accBaseVolume is the order's cumulative fill).
struct WsOrderPush {
  OrderInfo order;
  std::optional<FillInfo> fill;
};

// One `fill` row: a REST fills row and the type of its order.
struct WsFillPush {
  FillInfo fill;
  model::OrderType order_type = model::OrderType::kLimit;
};

// One `positions` row: a REST position row and its position id (`posId`).
struct WsPositionPush {
  PositionInfo position;
  std::string pos_id;
};

// One `orders-algo` row: a plan as orders-plan-pending lists it (planType goes out as the
// channel's short code: pl, track, tp, sl, mtpsl, ptp, psl; status as plan_status: live,
// executed, fail_execute, cancelled), the time it triggered and its child order's size.
struct WsPlanPush {
  PlanOrderInfo plan;
  std::optional<core::Timestamp> trigger_time;
  std::optional<core::Decimal> actual_size;
};

// JSON arrays (text) of the rows, in the given order; an empty vector gives "[]" (a flat
// account's `positions` snapshot).
std::string EncodeWsOrders(const std::vector<WsOrderPush>& rows);
std::string EncodeWsFills(const std::vector<WsFillPush>& rows);
std::string EncodeWsPositions(const std::vector<WsPositionPush>& rows);
std::string EncodeWsPlanOrders(const std::vector<WsPlanPush>& rows);
// `account` rows: marginCoin, frozen (= locked), available, maxOpenPosAvailable (=
// crossedMaxAvailable), maxTransferOut, equity (= accountEquity), usdtEquity, crossedRiskRate,
// unrealizedPL, crossedMargin, isolatedMargin, assetsMode.
std::string EncodeWsAccount(const std::vector<AccountInfo>& rows);

}  // namespace bgt::bitget
