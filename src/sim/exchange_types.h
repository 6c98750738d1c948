// Value types of the SimExchange facade (exchange.h): requests in Bitget v2 terms but typed,
// read-back views (order, fill, position, account, market) and the events the exchange emits so
// that the emulator can push Bitget's WebSocket `orders`, `fill`, `positions`, `account` and
// `orders-algo` channels.
// Thread-safety: plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"
#include "model/order_book.h"
#include "model/order_types.h"
#include "sim/account.h"
#include "sim/matching_engine.h"
#include "sim/tpsl.h"

namespace bgt::sim {

// POST /api/v2/mix/order/place-order, typed (bitget-api.md §3.13, §5).
struct PlaceOrderRequest {
  std::string symbol;
  model::MarginMode margin_mode = model::MarginMode::kCrossed;
  core::Decimal size;                  // base coin
  std::optional<core::Decimal> price;  // limit orders
  // Bitget `side`: the trade direction in one-way mode, the position direction in hedge mode
  // (close long = side buy + tradeSide close, bitget-api.md §5.1).
  model::OrderSide side = model::OrderSide::kBuy;
  std::optional<model::TradeSide> trade_side;  // hedge mode only (required there)
  model::OrderType type = model::OrderType::kLimit;
  model::TimeInForce force = model::TimeInForce::kGtc;  // ignored for market orders
  std::string client_oid;                               // empty: the venue assigns one
  bool reduce_only = false;                             // one-way only; ignored in hedge
  // presetStopSurplusPrice / presetStopLossPrice and their execute (limit) prices.
  std::optional<core::Decimal> preset_take_profit;
  std::optional<core::Decimal> preset_take_profit_execute;
  std::optional<core::Decimal> preset_stop_loss;
  std::optional<core::Decimal> preset_stop_loss_execute;
  StpMode stp_mode = StpMode::kNone;
};

// The answer of place / cancel: Bitget `{orderId, clientOid}`.
struct OrderAck {
  OrderId order_id = 0;
  std::string client_oid;
};

// An order named by id or clientOid (the id wins when both are given, as on Bitget).
struct OrderRef {
  std::optional<OrderId> order_id;
  std::string client_oid;
};

// Batch answers (cancel-all, close-positions, cancel-plan-order): successList / failureList.
struct BatchFailure {
  OrderId order_id = 0;
  std::string client_oid;
  core::Error error;
};
struct BatchResult {
  std::vector<OrderAck> success;
  std::vector<BatchFailure> failure;
};

// POST /api/v2/mix/account/set-leverage (§3.10). Crossed mode: `leverage` sets the crossed
// leverage (hold_side ignored). Isolated mode: long_leverage / short_leverage win; otherwise
// `leverage` applies to hold_side when given (hedge) or to both sides.
struct SetLeverageRequest {
  std::string symbol;
  std::optional<int> leverage;
  std::optional<int> long_leverage;
  std::optional<int> short_leverage;
  std::optional<model::PositionSide> hold_side;  // kLong / kShort
};

struct SymbolSettings {
  std::string symbol;
  SymbolConfig config;
};

// POST /api/v2/mix/order/place-tpsl-order (bitget-api-more.md §4.3) for an existing position.
struct TpslRequest {
  std::string symbol;
  PlanType plan_type = PlanType::kPosProfit;  // not kNormalPlan
  core::Decimal trigger_price;
  TriggerType trigger_type = TriggerType::kMarkPrice;
  std::optional<core::Decimal> execute_price;  // nullopt or 0 = market
  // The position: kLong / kShort (Bitget holdSide long|short in hedge mode, buy|sell in
  // one-way mode, where buy = the long position).
  model::PositionSide hold_side = model::PositionSide::kLong;
  std::optional<core::Decimal> size;  // profit_plan / loss_plan; ignored for pos_*
  std::string client_oid;
};

// POST /api/v2/mix/order/place-plan-order with planType normal_plan (§4.2): `order` is placed
// when the trigger fires (its price is the execute price of a limit plan; its presets are
// ignored).
struct PlanOrderRequest {
  PlaceOrderRequest order;
  core::Decimal trigger_price;
  TriggerType trigger_type = TriggerType::kMarkPrice;
};

// Bitget order `status` / `state`.
enum class OrderState : std::uint8_t { kLive, kPartiallyFilled, kFilled, kCanceled };
constexpr std::string_view ToString(OrderState s) {
  switch (s) {
    case OrderState::kLive:
      return "live";
    case OrderState::kPartiallyFilled:
      return "partially_filled";
    case OrderState::kFilled:
      return "filled";
    case OrderState::kCanceled:
      return "canceled";
  }
  return "?";
}
constexpr bool IsOpen(OrderState s) {
  return s == OrderState::kLive || s == OrderState::kPartiallyFilled;
}

// Bitget `orderSource` (bitget-api-more.md §5.2) of the orders the simulator creates.
enum class OrderSource : std::uint8_t {
  kNormal,      // placed through place-order or close-positions
  kPlanMarket,  // child of a normal_plan
  kPlanLimit,
  kProfitMarket,  // child of a profit_plan
  kProfitLimit,
  kLossMarket,  // child of a loss_plan
  kLossLimit,
  kPosProfitMarket,  // child of a pos_profit
  kPosProfitLimit,
  kPosLossMarket,  // child of a pos_loss
  kPosLossLimit,
  kLiquidation,  // the system's takeover of a liquidated position (at mark, off the book)
};
constexpr std::string_view ToString(OrderSource s) {
  switch (s) {
    case OrderSource::kNormal:
      return "normal";
    case OrderSource::kPlanMarket:
      return "plan_market";
    case OrderSource::kPlanLimit:
      return "plan_limit";
    case OrderSource::kProfitMarket:
      return "profit_market";
    case OrderSource::kProfitLimit:
      return "profit_limit";
    case OrderSource::kLossMarket:
      return "loss_market";
    case OrderSource::kLossLimit:
      return "loss_limit";
    case OrderSource::kPosProfitMarket:
      return "pos_profit_market";
    case OrderSource::kPosProfitLimit:
      return "pos_profit_limit";
    case OrderSource::kPosLossMarket:
      return "pos_loss_market";
    case OrderSource::kPosLossLimit:
      return "pos_loss_limit";
    case OrderSource::kLiquidation:
      return "liquidation";
  }
  return "?";
}

// An order as read back (detail, orders-pending, orders-history, WS orders).
struct OrderView {
  OrderId order_id = 0;
  std::string client_oid;
  AccountId account = 0;
  std::string symbol;
  model::OrderSide side = model::OrderSide::kBuy;       // Bitget `side` as placed (see the request)
  model::OrderSide direction = model::OrderSide::kBuy;  // the trade direction
  model::PositionSide pos_side = model::PositionSide::kNet;  // kNet one-way; the leg in hedge
  std::optional<model::TradeSide> trade_side;                // hedge mode
  model::PositionMode pos_mode = model::PositionMode::kOneWay;
  model::OrderType type = model::OrderType::kLimit;
  model::TimeInForce force = model::TimeInForce::kGtc;
  core::Decimal size;
  std::optional<core::Decimal> price;
  bool reduce_only = false;  // one-way reduceOnly, or a hedge close (tradeSide close)
  model::MarginMode margin_mode = model::MarginMode::kCrossed;
  int leverage = kDefaultLeverage;
  OrderState state = OrderState::kLive;
  core::Decimal filled;           // baseVolume
  core::Decimal filled_notional;  // quoteVolume
  core::Decimal fee;              // Σ fees, Bitget sign (negative = paid)
  core::Decimal realized_pnl;     // totalProfits
  OrderSource source = OrderSource::kNormal;
  std::optional<CancelReason> cancel_reason;
  std::optional<core::Decimal> preset_take_profit;
  std::optional<core::Decimal> preset_take_profit_execute;
  std::optional<core::Decimal> preset_stop_loss;
  std::optional<core::Decimal> preset_stop_loss_execute;
  core::Timestamp created;
  core::Timestamp updated;

  core::Decimal leaves() const { return size - filled; }
  // filled_notional / filled at `scale` decimals (half-even); nullopt when nothing filled.
  std::optional<core::Decimal> AvgPrice(int scale) const;
};

// One execution of one of the account's orders (GET fills, WS fill).
struct FillView {
  TradeId trade_id = 0;
  OrderId order_id = 0;
  std::string client_oid;
  AccountId account = 0;
  std::string symbol;
  model::OrderSide side = model::OrderSide::kBuy;       // the order's Bitget `side`
  model::OrderSide direction = model::OrderSide::kBuy;  // the trade direction
  model::PositionSide pos_side = model::PositionSide::kNet;
  std::optional<model::TradeSide> trade_side;
  model::PositionMode pos_mode = model::PositionMode::kOneWay;
  model::OrderType order_type = model::OrderType::kLimit;
  core::Decimal price;
  core::Decimal size;
  core::Decimal fee;  // Bitget sign: negative = paid
  model::LiquiditySide liquidity = model::LiquiditySide::kTaker;
  core::Decimal realized_pnl;  // `profit`
  OrderSource source = OrderSource::kNormal;
  core::Timestamp ts;
};

// A position (all-position, single-position, WS positions).
struct PositionView {
  AccountId account = 0;
  std::string symbol;
  model::PositionSide hold_side = model::PositionSide::kLong;  // kLong / kShort: direction
  model::PositionSide leg = model::PositionSide::kNet;         // kNet in one-way mode
  model::PositionMode pos_mode = model::PositionMode::kOneWay;
  model::MarginMode margin_mode = model::MarginMode::kCrossed;
  int leverage = kDefaultLeverage;
  std::uint64_t position_id = 0;
  core::Decimal total;           // |size|
  core::Decimal available;       // total − locked
  core::Decimal locked;          // held by open closing (reduce-only) orders
  core::Decimal open_price_avg;  // at pricePlace + 4 decimals, half-even
  core::Decimal entry_notional;  // exact
  core::Decimal margin;          // `marginSize`
  core::Decimal unrealized_pnl;
  core::Decimal realized_pnl;  // `achievedProfits`
  core::Decimal funding;       // `totalFee` (Σ funding)
  core::Decimal fees;          // Σ trading fees, Bitget sign
  core::Decimal mark;
  core::Decimal maintenance;       // MM
  core::Decimal maintenance_rate;  // `keepMarginRate`
  core::Decimal margin_ratio;      // MM / margin equity (crossed: the account's risk rate)
  std::optional<core::Decimal> liquidation_price;
  std::optional<OrderId> take_profit_id;  // the live pos_profit plan
  std::optional<core::Decimal> take_profit;
  std::optional<OrderId> stop_loss_id;  // the live pos_loss plan
  std::optional<core::Decimal> stop_loss;
  core::Timestamp created;
  core::Timestamp updated;
};

// The account (account/account, accounts, WS account); the formulas are in account.h.
struct AccountView {
  AccountId account = 0;
  std::string margin_coin = "USDT";
  model::PositionMode pos_mode = model::PositionMode::kOneWay;
  core::Decimal balance;
  core::Decimal equity;
  core::Decimal available;
  core::Decimal locked;
  core::Decimal max_open;
  core::Decimal max_transfer_out;
  core::Decimal unrealized_pnl;
  core::Decimal crossed_unrealized_pnl;
  core::Decimal isolated_unrealized_pnl;
  core::Decimal crossed_margin;
  core::Decimal isolated_margin;
  core::Decimal crossed_risk_rate;
  Ledger ledger;
  core::Timestamp ts;
};

// A symbol's market state.
struct MarketView {
  std::string symbol;
  std::optional<core::Decimal> mark;
  std::optional<core::Decimal> index;
  std::optional<core::Decimal> last;
  core::Decimal funding_rate;
  int funding_interval_hours = 8;
  core::Timestamp next_funding;
  std::optional<model::BookLevel> best_bid;
  std::optional<model::BookLevel> best_ask;
  core::Decimal open_interest;  // Σ long position sizes, base coin
};

// Events, in the order they happened. `OrderEvent` carries the fill when one caused it.
struct OrderEvent {
  OrderView order;
  std::optional<FillView> fill;
};
struct FillEvent {
  FillView fill;
};
// All open positions of the account after a change (WS `positions` is always a snapshot);
// `symbol` names the one that changed.
struct PositionEvent {
  AccountId account = 0;
  std::string symbol;
  std::vector<PositionView> positions;
};
struct AccountEvent {
  AccountView account;
};
struct PlanEvent {
  PlanOrder plan;
};
struct FundingEvent {
  AccountId account = 0;
  std::string symbol;
  model::PositionSide leg = model::PositionSide::kNet;
  core::Decimal size;  // signed quantity at settlement
  core::Decimal mark;
  core::Decimal rate;
  core::Decimal amount;  // + received, − paid
  core::Timestamp time;
};
struct LiquidationEvent {
  AccountId account = 0;
  std::string symbol;
  model::PositionSide leg = model::PositionSide::kNet;
  model::MarginMode margin_mode = model::MarginMode::kCrossed;
  core::Decimal size;  // signed quantity taken over
  core::Decimal mark;
  core::Decimal realized_pnl;
  core::Decimal fee;
  core::Timestamp ts;
};
// What a liquidation moved to (−) or from (+) the risk fund, after its positions were closed.
struct RiskFundEvent {
  AccountId account = 0;
  std::string symbol;  // the isolated position's symbol; empty for a crossed liquidation
  core::Decimal amount;
  core::Timestamp ts;
};

using ExchangeEvent = std::variant<OrderEvent, FillEvent, PositionEvent, AccountEvent, PlanEvent,
                                   FundingEvent, LiquidationEvent, RiskFundEvent>;

}  // namespace bgt::sim
