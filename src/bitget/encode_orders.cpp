// Encoders of the order requests: place, cancel (one, batch, all), flash close, order queries,
// and the plan / TP-SL endpoints. Market data, account and positions: encode_requests.cpp.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>
#include <utility>

#include "bitget/encode_fields.h"
#include "bitget/encode_requests.h"

namespace bgt::bitget {

using internal::AddParam;
using internal::CheckClientOid;
using internal::CheckContext;
using internal::CheckOrderId;
using internal::CheckRange;
using internal::CheckSymbol;
using internal::FieldError;
using internal::PriceText;
using internal::QueryRequest;

namespace {

constexpr int kMaxPageLimit = 100;

// Checks both ids; at least one must be set.
core::Status CheckOrderOrClientId(std::string_view type, std::string_view order_id,
                                  std::string_view client_oid) {
  if (order_id.empty() && client_oid.empty()) {
    return FieldError(type, "order_id", "order_id or client_oid required");
  }
  BGT_RETURN_IF_ERROR(CheckOrderId(type, "order_id", order_id, false));
  return CheckClientOid(type, "client_oid", client_oid, false);
}

// `orderIdList` entries: {"orderId"} and/or {"clientOid"}, after CheckOrderRef on each.
core::Result<boost::json::array> OrderIdList(std::string_view type,
                                             const std::vector<OrderRef>& orders) {
  boost::json::array list;
  list.reserve(orders.size());
  for (std::size_t i = 0; i < orders.size(); ++i) {
    const OrderRef& ref = orders[i];
    BGT_RETURN_IF_ERROR(internal::CheckOrderRef(type, "orders[" + std::to_string(i) + "]", ref));
    boost::json::object item;
    if (!ref.order_id.empty()) item.emplace("orderId", ref.order_id);
    if (!ref.client_oid.empty()) item.emplace("clientOid", ref.client_oid);
    list.emplace_back(std::move(item));
  }
  return list;
}

// side (+ tradeSide, reduceOnly) of a place-order body (bitget-api.md §5.1).
core::Status AddDirection(std::string_view type, const PlaceOrderRequest& request,
                          boost::json::object& body) {
  if (request.position_mode == model::PositionMode::kOneWay) {
    if (request.leg != model::PositionSide::kNet) {
      return FieldError(type, "leg",
                        "one-way orders act on the net position, not " +
                            std::string(model::ToString(request.leg)));
    }
    // No tradeSide in one-way mode: Bitget answers 40774 when it is sent.
    body.emplace("side", model::ToString(request.direction));
    return core::Status::Ok();
  }
  auto wire = model::ToHedgeWire(request.direction, request.leg);
  if (!wire) return FieldError(type, "leg", "hedge-mode orders need a long or short leg, not net");
  if (request.reduce_only && wire->trade_side == model::TradeSide::kOpen) {
    return FieldError(type, "reduce_only",
                      "a " + std::string(model::ToString(request.direction)) + " on the " +
                          std::string(model::ToString(request.leg)) +
                          " leg opens it; a hedge-mode reduce-only order must close its leg");
  }
  body.emplace("side", model::ToString(wire->side));
  body.emplace("tradeSide", model::ToString(wire->trade_side));
  return core::Status::Ok();
}

// presetStopSurplus* / presetStopLoss*: a trigger price, and an execute price only with it.
core::Status AddPreset(std::string_view type, std::string_view trigger_field,
                       std::string_view execute_field, std::string_view trigger_key,
                       std::string_view execute_key, const std::optional<core::Decimal>& trigger,
                       const std::optional<core::Decimal>& execute, const EncodeContext& context,
                       boost::json::object& body) {
  if (execute && !trigger) {
    return FieldError(type, execute_field, "needs " + std::string(trigger_field));
  }
  if (!trigger) return core::Status::Ok();
  auto trigger_text = PriceText(type, trigger_field, *trigger, context);
  if (!trigger_text) return trigger_text.error();
  body.emplace(trigger_key, *trigger_text);
  if (execute) {
    auto execute_text = PriceText(type, execute_field, *execute, context);
    if (!execute_text) return execute_text.error();
    body.emplace(execute_key, *execute_text);
  }
  return core::Status::Ok();
}

bool IsTpslPlan(PlanType plan) {
  return plan == PlanType::kProfitPlan || plan == PlanType::kLossPlan ||
         plan == PlanType::kMovingPlan || plan == PlanType::kPosProfit ||
         plan == PlanType::kPosLoss;
}

// Shared by orders-pending / orders-history / fills.
struct OrderListFilter {
  std::string_view symbol;
  std::string_view order_id;
  std::string_view id_less_than;
  const std::optional<core::Timestamp>& start;
  const std::optional<core::Timestamp>& end;
  const std::optional<int>& limit;
};

core::Result<EncodedRequest> OrderListQuery(std::string_view type, Endpoint endpoint,
                                            const OrderListFilter& filter,
                                            const EncodeContext& context) {
  BGT_RETURN_IF_ERROR(CheckContext(type, context));
  BGT_RETURN_IF_ERROR(CheckSymbol(type, filter.symbol, false, context));
  BGT_RETURN_IF_ERROR(CheckOrderId(type, "order_id", filter.order_id, false));
  BGT_RETURN_IF_ERROR(CheckOrderId(type, "id_less_than", filter.id_less_than, false));
  BGT_RETURN_IF_ERROR(internal::CheckTimeRange(type, filter.start, filter.end));
  BGT_RETURN_IF_ERROR(CheckRange(type, "limit", filter.limit, 1, kMaxPageLimit));
  EncodedRequest request = QueryRequest(endpoint, context);
  if (!filter.symbol.empty()) AddParam(request, "symbol", std::string(filter.symbol));
  if (!filter.order_id.empty()) AddParam(request, "orderId", std::string(filter.order_id));
  if (!filter.id_less_than.empty()) {
    AddParam(request, "idLessThan", std::string(filter.id_less_than));
  }
  internal::AddTimeRange(request, filter.start, filter.end);
  if (filter.limit) AddParam(request, "limit", std::to_string(*filter.limit));
  return request;
}

}  // namespace

core::Result<EncodedRequest> Encode(const PlaceOrderRequest& request,
                                    const EncodeContext& context) {
  constexpr std::string_view kType = "PlaceOrderRequest";
  BGT_RETURN_IF_ERROR(CheckContext(kType, context));
  BGT_RETURN_IF_ERROR(CheckSymbol(kType, request.symbol, true, context));
  auto coin = internal::MarginCoin(kType, request.margin_coin, context);
  if (!coin) return coin.error();
  BGT_RETURN_IF_ERROR(CheckClientOid(kType, "client_oid", request.client_oid, true));
  auto size = internal::SizeText(kType, "size", request.size, context);
  if (!size) return size.error();
  const bool is_limit = request.order_type == model::OrderType::kLimit;
  std::string price;
  if (is_limit) {
    if (!request.price) return FieldError(kType, "price", "required for a limit order");
    auto text = PriceText(kType, "price", *request.price, context);
    if (!text) return text.error();
    price = std::move(*text);
  } else {
    if (request.price) return FieldError(kType, "price", "a market order carries no price");
    if (request.time_in_force == model::TimeInForce::kPostOnly) {
      return FieldError(kType, "time_in_force", "post_only needs a limit order");
    }
  }

  boost::json::object body;
  body.reserve(17);
  body.emplace("symbol", request.symbol);
  body.emplace("productType", context.product_type);
  body.emplace("marginMode", model::ToString(request.margin_mode));
  body.emplace("marginCoin", *coin);
  body.emplace("size", *size);
  if (is_limit) body.emplace("price", price);
  BGT_RETURN_IF_ERROR(AddDirection(kType, request, body));
  body.emplace("orderType", model::ToString(request.order_type));
  body.emplace("force", model::ToString(request.time_in_force));
  body.emplace("clientOid", request.client_oid);
  if (request.reduce_only && request.position_mode == model::PositionMode::kOneWay) {
    body.emplace("reduceOnly", "YES");
  }
  BGT_RETURN_IF_ERROR(AddPreset(kType, "take_profit_trigger_price", "take_profit_execute_price",
                                "presetStopSurplusPrice", "presetStopSurplusExecutePrice",
                                request.take_profit_trigger_price,
                                request.take_profit_execute_price, context, body));
  BGT_RETURN_IF_ERROR(AddPreset(kType, "stop_loss_trigger_price", "stop_loss_execute_price",
                                "presetStopLossPrice", "presetStopLossExecutePrice",
                                request.stop_loss_trigger_price, request.stop_loss_execute_price,
                                context, body));
  if (request.stp_mode) body.emplace("stpMode", ToString(*request.stp_mode));
  return internal::BodyRequest(Endpoint::kPlaceOrder, body);
}

core::Result<EncodedRequest> Encode(const CancelOrderRequest& request,
                                    const EncodeContext& context) {
  constexpr std::string_view kType = "CancelOrderRequest";
  BGT_RETURN_IF_ERROR(CheckContext(kType, context));
  BGT_RETURN_IF_ERROR(CheckSymbol(kType, request.symbol, true, context));
  BGT_RETURN_IF_ERROR(CheckOrderOrClientId(kType, request.order_id, request.client_oid));
  boost::json::object body;
  body.reserve(4);
  body.emplace("symbol", request.symbol);
  body.emplace("productType", context.product_type);
  if (!request.order_id.empty()) body.emplace("orderId", request.order_id);
  if (!request.client_oid.empty()) body.emplace("clientOid", request.client_oid);
  return internal::BodyRequest(Endpoint::kCancelOrder, body);
}

core::Result<EncodedRequest> Encode(const CancelAllOrdersRequest& request,
                                    const EncodeContext& context) {
  constexpr std::string_view kType = "CancelAllOrdersRequest";
  BGT_RETURN_IF_ERROR(CheckContext(kType, context));
  BGT_RETURN_IF_ERROR(CheckSymbol(kType, request.symbol, false, context));
  auto coin = internal::MarginCoin(kType, request.margin_coin, context);
  if (!coin) return coin.error();
  boost::json::object body;
  body.reserve(3);
  body.emplace("productType", context.product_type);
  if (!request.symbol.empty()) body.emplace("symbol", request.symbol);
  body.emplace("marginCoin", *coin);
  return internal::BodyRequest(Endpoint::kCancelAllOrders, body);
}

core::Result<EncodedRequest> Encode(const BatchCancelRequest& request,
                                    const EncodeContext& context) {
  constexpr std::string_view kType = "BatchCancelRequest";
  BGT_RETURN_IF_ERROR(CheckContext(kType, context));
  BGT_RETURN_IF_ERROR(CheckSymbol(kType, request.symbol, true, context));
  if (request.orders.size() > internal::kMaxBatchOrders) {
    return FieldError(kType, "orders",
                      std::to_string(request.orders.size()) + " orders, at most " +
                          std::to_string(internal::kMaxBatchOrders) + " per batch");
  }
  auto list = OrderIdList(kType, request.orders);
  if (!list) return list.error();
  boost::json::object body;
  body.reserve(3);
  body.emplace("symbol", request.symbol);
  body.emplace("productType", context.product_type);
  if (!list->empty()) body.emplace("orderIdList", std::move(*list));
  return internal::BodyRequest(Endpoint::kBatchCancelOrders, body);
}

core::Result<EncodedRequest> Encode(const ClosePositionsRequest& request,
                                    const EncodeContext& context) {
  constexpr std::string_view kType = "ClosePositionsRequest";
  BGT_RETURN_IF_ERROR(CheckContext(kType, context));
  BGT_RETURN_IF_ERROR(CheckSymbol(kType, request.symbol, false, context));
  boost::json::object body;
  body.reserve(3);
  if (!request.symbol.empty()) body.emplace("symbol", request.symbol);
  body.emplace("productType", context.product_type);
  if (request.hold_side) {
    auto hold_side = internal::HoldSideText(kType, "hold_side", *request.hold_side);
    if (!hold_side) return hold_side.error();
    body.emplace("holdSide", *hold_side);
  }
  return internal::BodyRequest(Endpoint::kClosePositions, body);
}

core::Result<EncodedRequest> Encode(const OrderDetailQuery& query, const EncodeContext& context) {
  constexpr std::string_view kType = "OrderDetailQuery";
  BGT_RETURN_IF_ERROR(CheckContext(kType, context));
  BGT_RETURN_IF_ERROR(CheckSymbol(kType, query.symbol, true, context));
  BGT_RETURN_IF_ERROR(CheckOrderOrClientId(kType, query.order_id, query.client_oid));
  EncodedRequest request = QueryRequest(Endpoint::kOrderDetail, context);
  AddParam(request, "symbol", query.symbol);
  if (!query.order_id.empty()) AddParam(request, "orderId", query.order_id);
  if (!query.client_oid.empty()) AddParam(request, "clientOid", query.client_oid);
  return request;
}

core::Result<EncodedRequest> Encode(const OrdersPendingQuery& query, const EncodeContext& context) {
  auto request = OrderListQuery(
      "OrdersPendingQuery", Endpoint::kOrdersPending,
      {query.symbol, {}, query.id_less_than, query.start, query.end, query.limit}, context);
  if (request && query.status) AddParam(*request, "status", std::string(ToString(*query.status)));
  return request;
}

core::Result<EncodedRequest> Encode(const OrdersHistoryQuery& query, const EncodeContext& context) {
  return OrderListQuery(
      "OrdersHistoryQuery", Endpoint::kOrdersHistory,
      {query.symbol, query.order_id, query.id_less_than, query.start, query.end, query.limit},
      context);
}

core::Result<EncodedRequest> Encode(const FillsQuery& query, const EncodeContext& context) {
  return OrderListQuery(
      "FillsQuery", Endpoint::kFills,
      {query.symbol, query.order_id, query.id_less_than, query.start, query.end, query.limit},
      context);
}

core::Result<EncodedRequest> Encode(const PlaceTpslRequest& request, const EncodeContext& context) {
  constexpr std::string_view kType = "PlaceTpslRequest";
  BGT_RETURN_IF_ERROR(CheckContext(kType, context));
  BGT_RETURN_IF_ERROR(CheckSymbol(kType, request.symbol, true, context));
  auto coin = internal::MarginCoin(kType, request.margin_coin, context);
  if (!coin) return coin.error();
  if (!IsTpslPlan(request.plan_type)) {
    return FieldError(kType, "plan_type",
                      std::string(ToString(request.plan_type)) +
                          " is not a TP/SL plan (profit_plan, loss_plan, moving_plan, "
                          "pos_profit, pos_loss)");
  }
  BGT_RETURN_IF_ERROR(CheckClientOid(kType, "client_oid", request.client_oid, false));
  auto trigger = PriceText(kType, "trigger_price", request.trigger_price, context);
  if (!trigger) return trigger.error();
  if (request.position == model::PositionSide::kNet) {
    return FieldError(kType, "position", "the protected leg must be long or short, not net");
  }
  const bool whole_position =
      request.plan_type == PlanType::kPosProfit || request.plan_type == PlanType::kPosLoss;
  const bool moving = request.plan_type == PlanType::kMovingPlan;
  const std::string plan(ToString(request.plan_type));

  std::string execute;
  if (request.execute_price) {
    if (moving) return FieldError(kType, "execute_price", "moving_plan executes at market");
    auto text = PriceText(kType, "execute_price", *request.execute_price, context);
    if (!text) return text.error();
    execute = std::move(*text);
  }
  std::string size;
  if (whole_position && request.size) {
    return FieldError(kType, "size", plan + " closes the whole position and takes no size");
  }
  if (!whole_position) {
    if (!request.size) return FieldError(kType, "size", "required for " + plan);
    auto text = internal::SizeText(kType, "size", *request.size, context);
    if (!text) return text.error();
    size = std::move(*text);
  }
  std::string range_rate;
  if (moving != request.range_rate.has_value()) {
    return FieldError(kType, "range_rate",
                      moving ? "required for moving_plan" : "only moving_plan takes one");
  }
  if (moving) {
    auto text = internal::PositiveText(kType, "range_rate", *request.range_rate);
    if (!text) return text.error();
    range_rate = std::move(*text);
  }

  boost::json::object body;
  body.reserve(12);
  body.emplace("marginCoin", *coin);
  body.emplace("productType", context.product_type);
  body.emplace("symbol", request.symbol);
  body.emplace("planType", plan);
  body.emplace("triggerPrice", *trigger);
  if (request.trigger_type) body.emplace("triggerType", ToString(*request.trigger_type));
  if (!execute.empty()) body.emplace("executePrice", execute);
  // holdSide: the leg in hedge mode; in one-way mode buy = long position, sell = short.
  const bool hedge = request.position_mode == model::PositionMode::kHedge;
  const bool is_long = request.position == model::PositionSide::kLong;
  body.emplace("holdSide",
               hedge ? model::ToString(request.position)
                     : model::ToString(is_long ? model::OrderSide::kBuy : model::OrderSide::kSell));
  if (!size.empty()) body.emplace("size", size);
  if (!range_rate.empty()) body.emplace("rangeRate", range_rate);
  if (!request.client_oid.empty()) body.emplace("clientOid", request.client_oid);
  if (request.stp_mode) body.emplace("stpMode", ToString(*request.stp_mode));
  return internal::BodyRequest(Endpoint::kPlaceTpslOrder, body);
}

core::Result<EncodedRequest> Encode(const PlanOrdersPendingQuery& query,
                                    const EncodeContext& context) {
  constexpr std::string_view kType = "PlanOrdersPendingQuery";
  BGT_RETURN_IF_ERROR(CheckContext(kType, context));
  BGT_RETURN_IF_ERROR(CheckSymbol(kType, query.symbol, false, context));
  if (query.plan_type != PlanType::kNormalPlan && query.plan_type != PlanType::kTrackPlan &&
      query.plan_type != PlanType::kProfitLoss) {
    return FieldError(kType, "plan_type",
                      std::string(ToString(query.plan_type)) +
                          " cannot be queried: use normal_plan, track_plan or profit_loss");
  }
  EncodedRequest request = QueryRequest(Endpoint::kOrdersPlanPending, context);
  AddParam(request, "planType", std::string(ToString(query.plan_type)));
  if (!query.symbol.empty()) AddParam(request, "symbol", query.symbol);
  return request;
}

core::Result<EncodedRequest> Encode(const CancelPlanOrderRequest& request,
                                    const EncodeContext& context) {
  constexpr std::string_view kType = "CancelPlanOrderRequest";
  BGT_RETURN_IF_ERROR(CheckContext(kType, context));
  if (!request.orders.empty() && request.symbol.empty()) {
    return FieldError(kType, "symbol", "required when orders are listed");
  }
  BGT_RETURN_IF_ERROR(CheckSymbol(kType, request.symbol, false, context));
  if (request.plan_type == PlanType::kProfitLoss) {
    return FieldError(kType, "plan_type", "profit_loss is a query filter, not a plan type");
  }
  auto list = OrderIdList(kType, request.orders);
  if (!list) return list.error();
  boost::json::object body;
  body.reserve(4);
  if (!request.symbol.empty()) body.emplace("symbol", request.symbol);
  body.emplace("productType", context.product_type);
  if (!list->empty()) body.emplace("orderIdList", std::move(*list));
  if (request.plan_type) body.emplace("planType", ToString(*request.plan_type));
  return internal::BodyRequest(Endpoint::kCancelPlanOrder, body);
}

}  // namespace bgt::bitget
