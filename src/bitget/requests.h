// Typed requests for every Bitget v2 (Classic) USDT-M REST call bgt makes, in model terms
// (trade direction + position leg, Decimal prices and sizes, Timestamps, enums). Encode
// (encode_requests.h) validates them and turns them into the exact wire form.
// Conventions: an optional text field is "not sent" when empty; an optional number, price,
// time or enum is std::optional. Prices and sizes are exact Decimals, already rounded by the
// caller (model/precision.h); the encoder never rounds.
// Thread-safety: plain value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.h"
#include "core/time.h"
#include "model/candle.h"
#include "model/order_types.h"

namespace bgt::bitget {

// ---------------------------------------------------------------------------------------------
// Wire enums that exist only on Bitget's REST surface. ToString gives the exact wire spelling.

// Which price series a candle request reads (`kLineType` on /candles; a separate endpoint for
// history).
enum class CandleKind : std::uint8_t { kMarket, kMark, kIndex };
// merge-depth `precision`: scale0 is the finest price grouping.
enum class DepthPrecision : std::uint8_t { kScale0, kScale1, kScale2, kScale3 };
// merge-depth `limit`: the number of levels per side.
enum class DepthLimit : std::uint8_t { k1, k5, k15, k50, kMax };
// orders-pending `status` filter.
enum class PendingStatus : std::uint8_t { kLive, kPartiallyFilled };
// Self-trade prevention (`stpMode`).
enum class StpMode : std::uint8_t { kNone, kCancelTaker, kCancelMaker, kCancelBoth };
// Plan (trigger / TP-SL) order families (bitget-api-more.md §4.1). kProfitLoss is the
// query-only aggregate of the five TP/SL types.
enum class PlanType : std::uint8_t {
  kNormalPlan,
  kTrackPlan,
  kProfitPlan,
  kLossPlan,
  kMovingPlan,
  kPosProfit,
  kPosLoss,
  kProfitLoss,
};
// Which price a trigger watches (`triggerType`).
enum class TriggerType : std::uint8_t { kMarkPrice, kFillPrice };

// "MARKET", "MARK", "INDEX"; "scale0".."scale3"; "1", "5", "15", "50", "max";
// "live", "partially_filled"; "none", "cancel_taker", "cancel_maker", "cancel_both";
// "normal_plan", "track_plan", "profit_plan", "loss_plan", "moving_plan", "pos_profit",
// "pos_loss", "profit_loss"; "mark_price", "fill_price".
std::string_view ToString(CandleKind v);
std::string_view ToString(DepthPrecision v);
std::string_view ToString(DepthLimit v);
std::string_view ToString(PendingStatus v);
std::string_view ToString(StpMode v);
std::string_view ToString(PlanType v);
std::string_view ToString(TriggerType v);

// An order named by its exchange id or its client id (at least one; Bitget prefers orderId
// when both are sent).
struct OrderRef {
  std::string order_id;
  std::string client_oid;
};

// ---------------------------------------------------------------------------------------------
// Market data (public).

// GET /api/v2/public/time.
struct ServerTimeQuery {};

// GET /api/v2/mix/market/contracts.
struct ContractsQuery {
  std::string symbol;  // empty = every contract of the product type
};

// GET /api/v2/mix/market/ticker.
struct TickerQuery {
  std::string symbol;
};

// GET /api/v2/mix/market/tickers (every symbol of the product type).
struct TickersQuery {};

// GET /api/v2/mix/market/candles (recent, includes the forming bar; kLineType selects the
// series) or, with history = true, history-candles / history-mark-candles /
// history-index-candles (finished bars only).
struct CandlesQuery {
  std::string symbol;
  model::Granularity granularity = model::Granularity::k1m;
  std::optional<core::Timestamp> start;  // sent as whole milliseconds (floor)
  std::optional<core::Timestamp> end;
  std::optional<int> limit;  // recent: 1..1000, history: 1..200; venue default 100
  CandleKind kind = CandleKind::kMarket;
  bool history = false;
};

// GET /api/v2/mix/market/merge-depth.
struct DepthQuery {
  std::string symbol;
  std::optional<DepthPrecision> precision;  // venue default scale0
  std::optional<DepthLimit> limit;          // venue default 100 levels
};

// GET /api/v2/mix/market/open-interest.
struct OpenInterestQuery {
  std::string symbol;
};

// GET /api/v2/mix/market/current-fund-rate.
struct FundingRateQuery {
  std::string symbol;  // empty = every symbol of the product type
};

// GET /api/v2/mix/market/history-fund-rate.
struct FundingHistoryQuery {
  std::string symbol;
  std::optional<int> page_size;  // 1..100
  std::optional<int> page_no;    // >= 1
};

// ---------------------------------------------------------------------------------------------
// Account (private).

// GET /api/v2/mix/account/account (one symbol's margin settings and the coin's balance).
struct AccountQuery {
  std::string symbol;
  std::string margin_coin;  // empty = EncodeContext::margin_coin
};

// GET /api/v2/mix/account/accounts.
struct AccountsQuery {};

// POST /api/v2/mix/account/set-leverage. Either `leverage` (cross margin, or both sides alike)
// or long_leverage / short_leverage (isolated hedge mode; they take precedence); at least one.
struct SetLeverageRequest {
  std::string symbol;
  std::string margin_coin;  // empty = EncodeContext::margin_coin
  std::optional<int> leverage;
  std::optional<int> long_leverage;
  std::optional<int> short_leverage;
  std::optional<model::PositionSide> hold_side;  // kLong / kShort (isolated hedge mode)
};

// POST /api/v2/mix/account/set-margin-mode.
struct SetMarginModeRequest {
  std::string symbol;
  std::string margin_coin;  // empty = EncodeContext::margin_coin
  model::MarginMode margin_mode = model::MarginMode::kCrossed;
};

// POST /api/v2/mix/account/set-position-mode (applies to the whole product type).
struct SetPositionModeRequest {
  model::PositionMode position_mode = model::PositionMode::kOneWay;
};

// ---------------------------------------------------------------------------------------------
// Orders (private).

// POST /api/v2/mix/order/place-order. `direction` is always the trade direction; in hedge mode
// `leg` names the position leg and the encoder derives Bitget's side + tradeSide from the pair
// (a sell on the long leg is sent as side=buy, tradeSide=close). In one-way mode leg must be
// kNet and reduce_only sends reduceOnly=YES. In hedge mode reduce_only is allowed only on a
// closing trade (which is reduce-only by nature) and adds nothing to the wire.
struct PlaceOrderRequest {
  std::string symbol;
  model::MarginMode margin_mode = model::MarginMode::kCrossed;
  std::string margin_coin;             // empty = EncodeContext::margin_coin
  core::Decimal size;                  // base coin, > 0
  std::optional<core::Decimal> price;  // required for limit orders, refused for market orders
  model::OrderSide direction = model::OrderSide::kBuy;
  model::PositionMode position_mode = model::PositionMode::kOneWay;
  model::PositionSide leg = model::PositionSide::kNet;
  model::OrderType order_type = model::OrderType::kLimit;
  model::TimeInForce time_in_force = model::TimeInForce::kGtc;  // always sent as `force`
  std::string client_oid;  // required: bgt reconciles every order by it (ARCHITECTURE §5.4)
  bool reduce_only = false;
  // Attached TP/SL: trigger prices, and optional limit execute prices (none = market).
  std::optional<core::Decimal> take_profit_trigger_price;
  std::optional<core::Decimal> take_profit_execute_price;
  std::optional<core::Decimal> stop_loss_trigger_price;
  std::optional<core::Decimal> stop_loss_execute_price;
  std::optional<StpMode> stp_mode;
};

// POST /api/v2/mix/order/cancel-order.
struct CancelOrderRequest {
  std::string symbol;
  std::string order_id;  // at least one of order_id and client_oid
  std::string client_oid;
};

// POST /api/v2/mix/order/cancel-all-orders (normal orders only).
struct CancelAllOrdersRequest {
  std::string symbol;       // empty = every symbol of the product type
  std::string margin_coin;  // empty = EncodeContext::margin_coin
};

// POST /api/v2/mix/order/batch-cancel-orders: the listed orders (at most 50) of one symbol, or
// every normal order of the symbol when the list is empty (what ccxt's cancelAllOrders sends).
struct BatchCancelRequest {
  std::string symbol;
  std::vector<OrderRef> orders;
};

// POST /api/v2/mix/order/close-positions (flash close at market).
struct ClosePositionsRequest {
  std::string symbol;                            // empty = every position
  std::optional<model::PositionSide> hold_side;  // kLong / kShort; none = both legs
};

// GET /api/v2/mix/order/detail.
struct OrderDetailQuery {
  std::string symbol;
  std::string order_id;  // at least one of order_id and client_oid
  std::string client_oid;
};

// GET /api/v2/mix/order/orders-pending.
struct OrdersPendingQuery {
  std::string symbol;  // empty = every symbol
  std::optional<PendingStatus> status;
  std::string id_less_than;  // page cursor: the previous page's endId
  std::optional<core::Timestamp> start;
  std::optional<core::Timestamp> end;
  std::optional<int> limit;  // 1..100
};

// GET /api/v2/mix/order/orders-history.
struct OrdersHistoryQuery {
  std::string symbol;  // empty = every symbol
  std::string order_id;
  std::string id_less_than;
  std::optional<core::Timestamp> start;
  std::optional<core::Timestamp> end;
  std::optional<int> limit;  // 1..100
};

// GET /api/v2/mix/order/fills.
struct FillsQuery {
  std::string symbol;  // empty = every symbol
  std::string order_id;
  std::string id_less_than;
  std::optional<core::Timestamp> start;
  std::optional<core::Timestamp> end;
  std::optional<int> limit;  // 1..100
};

// ---------------------------------------------------------------------------------------------
// Positions (private).

// GET /api/v2/mix/position/all-position.
struct AllPositionQuery {
  std::string margin_coin;  // empty = EncodeContext::margin_coin
};

// GET /api/v2/mix/position/single-position.
struct SinglePositionQuery {
  std::string symbol;
  std::string margin_coin;  // empty = EncodeContext::margin_coin
};

// ---------------------------------------------------------------------------------------------
// Plan / TP-SL orders (private).

// POST /api/v2/mix/order/place-tpsl-order: a take-profit or stop-loss on an existing position.
// `position` is the protected leg (kLong / kShort); Bitget spells it holdSide=long|short in
// hedge mode and buy|sell in one-way mode. Size is required for profit_plan / loss_plan /
// moving_plan and refused for the whole-position pos_profit / pos_loss; range_rate (trailing
// distance) is required for moving_plan only, which executes at market (no execute price).
struct PlaceTpslRequest {
  std::string symbol;
  std::string margin_coin;  // empty = EncodeContext::margin_coin
  PlanType plan_type = PlanType::kPosLoss;
  core::Decimal trigger_price;  // > 0
  std::optional<TriggerType> trigger_type;
  std::optional<core::Decimal> execute_price;  // none = market
  model::PositionSide position = model::PositionSide::kLong;
  model::PositionMode position_mode = model::PositionMode::kOneWay;
  std::optional<core::Decimal> size;
  std::optional<core::Decimal> range_rate;
  std::string client_oid;  // optional
  std::optional<StpMode> stp_mode;
};

// GET /api/v2/mix/order/orders-plan-pending.
struct PlanOrdersPendingQuery {
  PlanType plan_type = PlanType::kNormalPlan;  // kNormalPlan, kTrackPlan or kProfitLoss
  std::string symbol;                          // empty = every symbol
};

// POST /api/v2/mix/order/cancel-plan-order: the listed plan orders (needs symbol), or all plan
// orders of plan_type (Bitget's default: normal_plan) of the symbol / product type.
struct CancelPlanOrderRequest {
  std::string symbol;
  std::vector<OrderRef> orders;
  std::optional<PlanType> plan_type;  // any but kProfitLoss
};

}  // namespace bgt::bitget
