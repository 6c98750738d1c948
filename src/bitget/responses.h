// Typed results of the Bitget v2 (Classic) REST responses bgt reads: market data, account,
// orders, fills, positions and plan (trigger / TP-SL) orders. Each type keeps every field of the
// row as Bitget sends it, typed: decimals exact, times as Timestamps (Bitget sends ms), closed
// value sets as enums, open value sets (orderSource, enterPointSource, read-side tradeSide...)
// as the verbatim string. The emulator encodes these same types back to Bitget JSON, so a field
// is only left out when Bitget does not send it for that endpoint.
// Conventions: members are Bitget's field names in snake_case (the wire name is in the comment
// when it differs); std::optional is empty when Bitget left the field out or sent null or "";
// a std::string is empty in those cases. Fields marked (≈) are values Bitget computes (averages,
// PnL, margins, ratios); when one carries more digits than a Decimal holds (18 significant
// digits) it is rounded half-even instead of rejected. Every other decimal is exact.
// Thread-safety: plain value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bitget/requests.h"
#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"
#include "model/candle.h"
#include "model/fill.h"
#include "model/order_book.h"
#include "model/order_types.h"
#include "model/ticker.h"

namespace bgt::bitget {

// ---- Bitget value sets that model/ has no enum for -------------------------------------------

// Order `state` (detail) / `status` (lists): "live", "partially_filled", "filled", "canceled"
// (the parser also accepts the plan spelling "cancelled").
enum class OrderState : std::uint8_t { kLive, kPartiallyFilled, kFilled, kCanceled };
// Account `assetMode`: "single", "union" (multi-asset margin).
enum class AssetMode : std::uint8_t { kSingle, kUnion };

std::string_view ToString(OrderState v);
std::string_view ToString(AssetMode v);
// ASCII case-insensitive. Error (kInvalidArgument) naming the unknown text. PlanType and
// TriggerType are the request enums of requests.h (their ToString is there).
core::Result<OrderState> ParseOrderState(std::string_view text);
core::Result<AssetMode> ParseAssetMode(std::string_view text);
core::Result<PlanType> ParsePlanType(std::string_view text);
core::Result<TriggerType> ParseTriggerType(std::string_view text);

// ---- Envelope ---------------------------------------------------------------------------------

// {"code":"00000","msg":"success","requestTime":1695793701269,"data":...}
struct Envelope {
  std::string code;
  std::string msg;
  // requestTime (a JSON number or string); empty when absent or not a valid ms time, since it
  // is informational only.
  std::optional<core::Timestamp> request_time;
};

// ---- Market (public) --------------------------------------------------------------------------

// GET /api/v2/public/time.
struct ServerTime {
  core::Timestamp server_time;
};

// One row of GET /api/v2/mix/market/ticker and /tickers. `ticker` holds the fields the model
// uses (symbol, lastPr, bidPr, bidSz, askPr, askSz, open24h, high24h, low24h, baseVolume,
// quoteVolume, fundingRate, markPrice, indexPrice, holdingAmount, ts; next_funding_time stays
// empty: REST does not send it); the rest are Bitget's extra statistics.
struct TickerInfo {
  model::Ticker ticker;
  std::optional<core::Decimal> change_24h;             // change24h, a ratio (0.0012 = +0.12 %)
  std::optional<core::Decimal> usdt_volume;            // usdtVolume
  std::optional<core::Decimal> open_utc;               // openUtc: open at 00:00 UTC
  std::optional<core::Decimal> change_utc_24h;         // changeUtc24h
  std::optional<core::Timestamp> delivery_start_time;  // null for perpetuals
  std::optional<core::Timestamp> delivery_time;        // null for perpetuals
  std::string delivery_status;                         // "" for perpetuals
};

// GET /api/v2/mix/market/merge-depth. The body names no symbol: the parser takes it from the
// caller. Levels arrive as JSON numbers or strings; both are read exactly.
struct MergeDepth {
  model::OrderBookSnapshot book;         // bids, asks, ts; seq / checksum are not sent here
  std::optional<core::Decimal> scale;    // price step the levels are merged to ("0.1")
  std::string precision;                 // "scale0".."scale3"
  std::optional<bool> is_max_precision;  // isMaxPrecision "YES" / "NO"
};

// GET /api/v2/mix/market/open-interest.
struct OpenInterestEntry {
  std::string symbol;
  core::Decimal size;  // base coin
};
struct OpenInterest {
  std::vector<OpenInterestEntry> open_interest_list;  // openInterestList
  core::Timestamp ts;
};

// One row of GET /api/v2/mix/market/current-fund-rate.
struct FundingRateInfo {
  std::string symbol;
  core::Decimal funding_rate;                      // current period's rate
  std::optional<int> funding_rate_interval_hours;  // fundingRateInterval: 1, 2, 4 or 8
  std::optional<core::Timestamp> next_update;      // nextUpdate: next settlement
  std::optional<core::Decimal> min_funding_rate;   // minFundingRate (clamp)
  std::optional<core::Decimal> max_funding_rate;   // maxFundingRate (clamp)
};

// One row of GET /api/v2/mix/market/history-fund-rate (newest first, as Bitget sends it).
struct FundingRateHistoryRow {
  std::string symbol;
  core::Decimal funding_rate;
  core::Timestamp funding_time;
};

// ---- Account ----------------------------------------------------------------------------------

// One assetList row of account/accounts (multi-asset mode).
struct AssetBalance {
  std::string coin;
  core::Decimal balance;    // (≈)
  core::Decimal available;  // (≈)
};

// GET /api/v2/mix/account/account (one object) and each row of /accounts. The leverage, margin
// and position mode fields come only with account/account; assetList and the union* totals
// only with accounts. Leverages arrive as strings or as JSON numbers.
struct AccountInfo {
  std::string margin_coin;
  core::Decimal locked;                                 // (≈) frozen by orders / close orders
  core::Decimal available;                              // (≈)
  std::optional<core::Decimal> crossed_max_available;   // (≈)
  std::optional<core::Decimal> isolated_max_available;  // (≈)
  std::optional<core::Decimal> max_transfer_out;        // (≈)
  core::Decimal account_equity;                         // (≈) includes unrealized PnL
  std::optional<core::Decimal> usdt_equity;             // (≈)
  std::optional<core::Decimal> btc_equity;              // (≈)
  std::optional<core::Decimal> crossed_risk_rate;       // (≈)
  std::optional<core::Decimal> crossed_margin_leverage;
  std::optional<core::Decimal> isolated_long_lever;
  std::optional<core::Decimal> isolated_short_lever;
  std::optional<model::MarginMode> margin_mode;
  std::optional<model::PositionMode> pos_mode;
  std::optional<core::Decimal> unrealized_pl;           // (≈) unrealizedPL; "" in some answers
  std::optional<core::Decimal> coupon;                  // (≈)
  std::optional<core::Decimal> crossed_unrealized_pl;   // (≈) crossedUnrealizedPL
  std::optional<core::Decimal> isolated_unrealized_pl;  // (≈) isolatedUnrealizedPL
  std::optional<core::Decimal> grant;                   // (≈)
  std::optional<core::Decimal> isolated_margin;         // (≈)
  std::optional<core::Decimal> crossed_margin;          // (≈)
  std::optional<core::Decimal> union_total_margin;      // (≈)
  std::optional<core::Decimal> union_available;         // (≈)
  std::optional<core::Decimal> union_mm;                // (≈)
  std::vector<AssetBalance> asset_list;
  std::optional<AssetMode> asset_mode;
};

// POST /api/v2/mix/account/set-leverage.
struct LeverageResult {
  std::string symbol;
  std::string margin_coin;
  std::optional<core::Decimal> long_leverage;
  std::optional<core::Decimal> short_leverage;
  std::optional<core::Decimal> cross_margin_leverage;  // crossMarginLeverage
  std::optional<model::MarginMode> margin_mode;
};

// POST /api/v2/mix/account/set-margin-mode.
struct MarginModeResult {
  std::string symbol;
  std::string margin_coin;
  std::optional<core::Decimal> long_leverage;
  std::optional<core::Decimal> short_leverage;
  model::MarginMode margin_mode = model::MarginMode::kCrossed;
};

// POST /api/v2/mix/account/set-position-mode.
struct PositionModeResult {
  model::PositionMode pos_mode = model::PositionMode::kOneWay;
};

// ---- Trade ------------------------------------------------------------------------------------

// place-order, cancel-order, modify-order, place-plan-order, place-tpsl-order: {orderId,
// clientOid}. order_id is empty when Bitget sends null or "" (a one-way reduce-only order that
// replaced older reduce-only orders is acknowledged with "orderId": null): reconcile by
// client_oid then.
struct OrderAck {
  std::optional<std::string> order_id;
  std::string client_oid;
};
using TpslAck = OrderAck;

// cancel-all-orders, batch-cancel-orders, batch-place-order, close-positions,
// cancel-plan-order: {successList, failureList[, result]}. A null list is empty.
struct BatchSuccess {
  std::optional<std::string> order_id;
  std::string client_oid;
  std::string symbol;  // sent by newer close-positions answers only
};
struct BatchFailure {
  std::optional<std::string> order_id;
  std::string client_oid;
  std::string symbol;
  std::string error_code;  // errorCode; "" or absent on some endpoints
  std::string error_msg;   // errorMsg
};
struct BatchResult {
  std::vector<BatchSuccess> success_list;
  std::vector<BatchFailure> failure_list;
  std::optional<bool> result;  // close-positions only
};

// One order: GET order/detail (status under `state`) or a row of orders-pending /
// orders-history (under `status`). `side` is the wire side: in hedge mode it names the leg, not
// the trade direction (see TradeDirection()).
struct OrderInfo {
  std::string symbol;
  core::Decimal size;  // base coin
  std::string order_id;
  std::string client_oid;
  core::Decimal base_volume;               // filled so far, base coin
  std::optional<core::Decimal> fee;        // (≈) cumulative, negative = paid
  std::optional<core::Decimal> price;      // "" for market orders
  std::optional<core::Decimal> price_avg;  // (≈) "" until something fills
  OrderState status = OrderState::kLive;   // `state` on detail, `status` on lists
  model::OrderSide side = model::OrderSide::kBuy;
  std::optional<model::TimeInForce> force;
  std::optional<core::Decimal> total_profits;  // (≈) "" while live
  std::optional<model::PositionSide> pos_side;
  std::string margin_coin;
  std::optional<core::Decimal> quote_volume;  // (≈)
  std::optional<core::Decimal> leverage;
  std::optional<model::MarginMode> margin_mode;
  bool reduce_only = false;        // "YES" / "NO" (any case)
  std::string enter_point_source;  // WEB, API, SYS, ANDROID, IOS (any case)
  std::string trade_side;          // open, close, buy_single, burst_close_long...
  std::optional<model::PositionMode> pos_mode;
  model::OrderType order_type = model::OrderType::kLimit;
  std::string order_source;  // normal, market, profit_market, liquidation...
  std::optional<core::Decimal> preset_stop_surplus_price;
  std::optional<core::Decimal> preset_stop_surplus_execute_price;
  // presetStopSurplusType (detail) or presetStopSurplusTriggerType (pending)
  std::optional<TriggerType> preset_stop_surplus_trigger_type;
  std::optional<core::Decimal> preset_stop_loss_price;
  std::optional<core::Decimal> preset_stop_loss_execute_price;
  std::optional<TriggerType> preset_stop_loss_trigger_type;
  std::string cancel_reason;               // normal_cancel, stp_cancel or ""
  std::string new_trade_side;              // newTradeSide (detail only)
  std::optional<core::Decimal> liq_price;  // (≈) liqPrice (history only)
  std::optional<core::Decimal> pos_avg;    // (≈) posAvg (history only)
  core::Timestamp c_time;
  std::optional<core::Timestamp> u_time;
};

// orders-pending / orders-history: {entrustedList, endId}; a null entrustedList is empty.
struct OrderList {
  std::vector<OrderInfo> entrusted_list;
  std::string end_id;  // cursor for idLessThan; "" when absent
};

// One feeDetail entry of a fill.
struct FeeDetail {
  std::optional<bool> deduction;  // "yes" / "no"
  std::string fee_coin;
  std::optional<core::Decimal> total_deduction_fee;  // (≈)
  core::Decimal total_fee;                           // (≈) negative = paid
};

// One row of GET order/fills or order/fill-history. In hedge mode REST fills name the leg in
// `side` (like orders); see ToModelFill().
struct FillInfo {
  std::string trade_id;
  std::string symbol;
  std::string order_id;
  core::Decimal price;
  core::Decimal base_volume;
  std::optional<core::Decimal> quote_volume;  // (≈)
  model::OrderSide side = model::OrderSide::kBuy;
  std::optional<core::Decimal> profit;  // (≈) realized PnL of a close
  std::string enter_point_source;
  std::string trade_side;  // open, close, buy_single, ...
  std::optional<model::PositionMode> pos_mode;
  model::LiquiditySide trade_scope = model::LiquiditySide::kTaker;
  std::vector<FeeDetail> fee_detail;
  std::string margin_coin;  // sent by current Bitget, absent in older samples
  core::Timestamp c_time;
};

// fills: {fillList, endId}; a null fillList is empty.
struct FillList {
  std::vector<FillInfo> fill_list;
  std::string end_id;
};

// ---- Positions --------------------------------------------------------------------------------

// One row of GET position/all-position or position/single-position.
struct PositionInfo {
  std::string margin_coin;
  std::string symbol;
  model::PositionSide hold_side = model::PositionSide::kLong;  // long / short
  core::Decimal open_delegate_size;  // size of open orders that would add to it
  core::Decimal margin_size;         // (≈) position margin
  core::Decimal available;           // closable
  core::Decimal locked;              // frozen by close orders
  core::Decimal total;               // available + locked, base coin
  core::Decimal leverage;
  std::optional<core::Decimal> achieved_profits;  // (≈) realized PnL, fees excluded
  std::optional<core::Decimal> open_price_avg;    // (≈)
  model::MarginMode margin_mode = model::MarginMode::kCrossed;
  model::PositionMode pos_mode = model::PositionMode::kOneWay;
  std::optional<core::Decimal> unrealized_pl;      // (≈) unrealizedPL
  std::optional<core::Decimal> liquidation_price;  // (≈) <= 0: no liquidation price
  std::optional<core::Decimal> keep_margin_rate;   // (≈) tier MMR
  std::optional<core::Decimal> mark_price;
  std::optional<core::Decimal> margin_ratio;      // (≈)
  std::optional<core::Decimal> break_even_price;  // (≈)
  std::optional<core::Decimal> total_fee;         // (≈) accumulated funding
  std::optional<core::Decimal> deducted_fee;      // (≈) trading fees paid
  std::optional<AssetMode> asset_mode;
  std::string auto_margin;  // "on" / "off"
  std::optional<core::Decimal> take_profit;
  std::optional<core::Decimal> stop_loss;
  std::string take_profit_id;
  std::string stop_loss_id;
  core::Timestamp c_time;
  std::optional<core::Timestamp> u_time;
};

// ---- Plan orders ------------------------------------------------------------------------------

// One row of GET order/orders-plan-pending (also the shape of orders-plan-history rows, whose
// extra fields are not read).
struct PlanOrderInfo {
  PlanType plan_type = PlanType::kNormalPlan;
  std::string symbol;                 // verbatim (docs examples are lower-case)
  std::optional<core::Decimal> size;  // "" for whole-position TP/SL (pos_profit/pos_loss)
  std::string order_id;
  std::string client_oid;
  std::optional<core::Decimal> price;  // limit price; "" for market / trailing
  std::optional<core::Decimal> execute_price;
  std::optional<core::Decimal> callback_ratio;  // trailing (track_plan) only
  std::optional<core::Decimal> trigger_price;
  std::optional<TriggerType> trigger_type;
  std::string plan_status;  // live, not_trigger, executing, executed, ...
  std::optional<model::OrderSide> side;
  std::optional<model::PositionSide> pos_side;
  std::string margin_coin;
  std::optional<model::MarginMode> margin_mode;
  std::string enter_point_source;
  std::string trade_side;
  std::optional<model::PositionMode> pos_mode;
  std::optional<model::OrderType> order_type;
  std::string order_source;
  std::optional<core::Decimal> stop_surplus_trigger_price;
  std::optional<core::Decimal> stop_surplus_execute_price;
  std::optional<TriggerType> stop_surplus_trigger_type;
  std::optional<core::Decimal> stop_loss_trigger_price;
  std::optional<core::Decimal> stop_loss_execute_price;
  std::optional<TriggerType> stop_loss_trigger_type;
  core::Timestamp c_time;
  std::optional<core::Timestamp> u_time;  // "" until modified
};

struct PlanOrderList {
  std::vector<PlanOrderInfo> entrusted_list;
  std::string end_id;
};

// ---- Conversions to model types ---------------------------------------------------------------

// The trade direction and position leg of a wire (side, tradeSide, posMode) triple, as Bitget
// v2 spells orders and REST fills: one-way mode (or no posMode) gives (side, kNet); hedge mode
// reads `side` as the leg and tradeSide "open" / "close" (or a read-side variant ending in
// "_close_long" / "_close_short") as the action, through model::FromHedgeWire. Error
// (kInvalidArgument) for a hedge-mode tradeSide that says neither.
core::Result<model::HedgeIntent> TradeDirection(model::OrderSide side, std::string_view trade_side,
                                                std::optional<model::PositionMode> pos_mode);

// The model fill of a REST fill row: direction and leg from TradeDirection(), fee = the sum of
// feeDetail totalFee (0 when there is none), fee_coin = their coin. client_oid stays empty
// (fills do not carry it). Error (kInvalidArgument) when TradeDirection fails, feeDetail mixes
// coins or the fee sum overflows.
core::Result<model::Fill> ToModelFill(const FillInfo& fill);

}  // namespace bgt::bitget
