// Trade responses: order acks, batch results and pending plan (trigger / TP-SL) orders.
#include <array>
#include <vector>

#include "bitget/json_internal.h"
#include "bitget/parse_responses.h"

namespace bgt::bitget {
namespace {

using internal::FieldSpec;
using internal::Opt;
using internal::OptId;
using internal::ParseBody;
using internal::Req;
using internal::ReqId;
using internal::Value;

// Either may be null or "" (orderId of a reduce-only ack, clientOid of a cancel by orderId),
// not both.
constexpr std::array<FieldSpec<OrderAck>, 2> kOrderAckFields = {
    OptId<&OrderAck::order_id>("orderId"),
    OptId<&OrderAck::client_oid>("clientOid"),
};

core::Status ReadAck(const Value& data, OrderAck& out) {
  BGT_RETURN_IF_ERROR(internal::ReadObject(data, kOrderAckFields, out));
  if (!out.order_id && out.client_oid.empty()) {
    return data.Error("has neither orderId nor clientOid");
  }
  return core::Status::Ok();
}

constexpr std::array<FieldSpec<BatchSuccess>, 3> kBatchSuccessFields = {
    OptId<&BatchSuccess::order_id>("orderId"),
    OptId<&BatchSuccess::client_oid>("clientOid"),
    Opt<&BatchSuccess::symbol>("symbol"),
};

constexpr std::array<FieldSpec<BatchFailure>, 5> kBatchFailureFields = {
    OptId<&BatchFailure::order_id>("orderId"),     OptId<&BatchFailure::client_oid>("clientOid"),
    Opt<&BatchFailure::symbol>("symbol"),          Opt<&BatchFailure::error_msg>("errorMsg"),
    OptId<&BatchFailure::error_code>("errorCode"),
};

core::Status ReadSuccessList(const Value& value, BatchResult& out) {
  return internal::ReadRows(value, kBatchSuccessFields, out.success_list, /*null_is_empty=*/true);
}
core::Status ReadFailureList(const Value& value, BatchResult& out) {
  return internal::ReadRows(value, kBatchFailureFields, out.failure_list, /*null_is_empty=*/true);
}

constexpr std::array<FieldSpec<BatchResult>, 3> kBatchFields = {
    FieldSpec<BatchResult>{"successList", &ReadSuccessList, false},
    FieldSpec<BatchResult>{"failureList", &ReadFailureList, false},
    Opt<&BatchResult::result>("result"),
};

constexpr std::array<FieldSpec<PlanOrderInfo>, 28> kPlanOrderFields = {
    Req<&PlanOrderInfo::plan_type>("planType"),
    Req<&PlanOrderInfo::symbol>("symbol"),
    Opt<&PlanOrderInfo::size>("size"),
    ReqId<&PlanOrderInfo::order_id>("orderId"),
    OptId<&PlanOrderInfo::client_oid>("clientOid"),
    Opt<&PlanOrderInfo::price>("price"),
    Opt<&PlanOrderInfo::execute_price>("executePrice"),
    Opt<&PlanOrderInfo::callback_ratio>("callbackRatio"),
    Opt<&PlanOrderInfo::trigger_price>("triggerPrice"),
    Opt<&PlanOrderInfo::trigger_type>("triggerType"),
    Opt<&PlanOrderInfo::plan_status>("planStatus"),
    Opt<&PlanOrderInfo::side>("side"),
    Opt<&PlanOrderInfo::pos_side>("posSide"),
    Opt<&PlanOrderInfo::margin_coin>("marginCoin"),
    Opt<&PlanOrderInfo::margin_mode>("marginMode"),
    Opt<&PlanOrderInfo::enter_point_source>("enterPointSource"),
    Opt<&PlanOrderInfo::trade_side>("tradeSide"),
    Opt<&PlanOrderInfo::pos_mode>("posMode"),
    Opt<&PlanOrderInfo::order_type>("orderType"),
    Opt<&PlanOrderInfo::order_source>("orderSource"),
    Opt<&PlanOrderInfo::stop_surplus_trigger_price>("stopSurplusTriggerPrice"),
    Opt<&PlanOrderInfo::stop_surplus_execute_price>("stopSurplusExecutePrice"),
    Opt<&PlanOrderInfo::stop_surplus_trigger_type>("stopSurplusTriggerType"),
    Opt<&PlanOrderInfo::stop_loss_trigger_price>("stopLossTriggerPrice"),
    Opt<&PlanOrderInfo::stop_loss_execute_price>("stopLossExecutePrice"),
    Opt<&PlanOrderInfo::stop_loss_trigger_type>("stopLossTriggerType"),
    Req<&PlanOrderInfo::c_time>("cTime"),
    Opt<&PlanOrderInfo::u_time>("uTime"),
};

core::Status ReadPlanList(const Value& value, PlanOrderList& out) {
  return internal::ReadRows(value, kPlanOrderFields, out.entrusted_list, /*null_is_empty=*/true);
}

constexpr std::array<FieldSpec<PlanOrderList>, 2> kPlanListFields = {
    FieldSpec<PlanOrderList>{"entrustedList", &ReadPlanList, false},
    OptId<&PlanOrderList::end_id>("endId"),
};

core::Result<OrderAck> ParseAck(std::string_view what, std::string_view body, int http_status) {
  return ParseBody<OrderAck>(what, body, http_status, &ReadAck);
}

}  // namespace

core::Result<OrderAck> ParseOrderAck(std::string_view body, int http_status) {
  return ParseAck("order ack", body, http_status);
}

core::Result<TpslAck> ParsePlaceTpslOrder(std::string_view body, int http_status) {
  return ParseAck("place-tpsl-order", body, http_status);
}

core::Result<BatchResult> ParseBatchResult(std::string_view body, int http_status) {
  return ParseBody<BatchResult>("batch result", body, http_status,
                                [](const Value& data, BatchResult& out) {
                                  return internal::ReadObject(data, kBatchFields, out);
                                });
}

core::Result<PlanOrderList> ParsePlanOrders(std::string_view body, int http_status) {
  return ParseBody<PlanOrderList>("plan orders", body, http_status,
                                  [](const Value& data, PlanOrderList& out) {
                                    return internal::ReadObject(data, kPlanListFields, out);
                                  });
}

}  // namespace bgt::bitget
