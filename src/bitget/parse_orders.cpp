// Order read-back responses: order detail, orders-pending / orders-history, fills.
#include <array>
#include <cstdint>
#include <vector>

#include "bitget/json_internal.h"
#include "bitget/parse_responses.h"

namespace bgt::bitget {
namespace {

using internal::FieldSpec;
using internal::Opt;
using internal::OptRounded;
using internal::ParseBody;
using internal::Req;
using internal::Value;

// Detail, pending and history rows, in Bitget's order (detail first, then the list-only and
// endpoint-specific fields). The status is under `state` (detail) or `status` (lists).
constexpr std::array<FieldSpec<OrderInfo>, 38> kOrderFields = {
    Req<&OrderInfo::symbol>("symbol"),
    Req<&OrderInfo::size>("size"),
    internal::ReqId<&OrderInfo::order_id>("orderId"),
    internal::OptId<&OrderInfo::client_oid>("clientOid"),
    Req<&OrderInfo::base_volume>("baseVolume"),
    OptRounded<&OrderInfo::fee>("fee"),
    Opt<&OrderInfo::price>("price"),
    OptRounded<&OrderInfo::price_avg>("priceAvg"),
    Opt<&OrderInfo::status>("state"),
    Opt<&OrderInfo::status>("status"),
    Req<&OrderInfo::side>("side"),
    Opt<&OrderInfo::force>("force"),
    OptRounded<&OrderInfo::total_profits>("totalProfits"),
    Opt<&OrderInfo::pos_side>("posSide"),
    Opt<&OrderInfo::margin_coin>("marginCoin"),
    Opt<&OrderInfo::preset_stop_surplus_price>("presetStopSurplusPrice"),
    Opt<&OrderInfo::preset_stop_loss_price>("presetStopLossPrice"),
    OptRounded<&OrderInfo::quote_volume>("quoteVolume"),
    Req<&OrderInfo::order_type>("orderType"),
    Opt<&OrderInfo::leverage>("leverage"),
    Opt<&OrderInfo::margin_mode>("marginMode"),
    Opt<&OrderInfo::reduce_only>("reduceOnly"),
    Opt<&OrderInfo::enter_point_source>("enterPointSource"),
    Opt<&OrderInfo::trade_side>("tradeSide"),
    Opt<&OrderInfo::pos_mode>("posMode"),
    Opt<&OrderInfo::order_source>("orderSource"),
    Req<&OrderInfo::c_time>("cTime"),
    Opt<&OrderInfo::u_time>("uTime"),
    Opt<&OrderInfo::preset_stop_surplus_execute_price>("presetStopSurplusExecutePrice"),
    Opt<&OrderInfo::preset_stop_surplus_trigger_type>("presetStopSurplusType"),
    Opt<&OrderInfo::preset_stop_surplus_trigger_type>("presetStopSurplusTriggerType"),
    Opt<&OrderInfo::preset_stop_loss_execute_price>("presetStopLossExecutePrice"),
    Opt<&OrderInfo::preset_stop_loss_trigger_type>("presetStopLossType"),
    Opt<&OrderInfo::preset_stop_loss_trigger_type>("presetStopLossTriggerType"),
    Opt<&OrderInfo::cancel_reason>("cancelReason"),
    Opt<&OrderInfo::new_trade_side>("newTradeSide"),
    OptRounded<&OrderInfo::liq_price>("liqPrice"),
    OptRounded<&OrderInfo::pos_avg>("posAvg"),
};

constexpr std::uint64_t BitOf(std::string_view key) {
  for (std::size_t i = 0; i < kOrderFields.size(); ++i) {
    if (kOrderFields[i].key == key) return std::uint64_t{1} << i;
  }
  return 0;
}
constexpr std::uint64_t kStatusBits = BitOf("state") | BitOf("status");
static_assert(kStatusBits != 0 && (kStatusBits & (kStatusBits - 1)) != 0);

core::Status ReadOrder(const Value& value, OrderInfo& out) {
  std::uint64_t seen = 0;
  BGT_RETURN_IF_ERROR(internal::ReadObject(value, kOrderFields, out, &seen));
  if ((seen & kStatusBits) == 0) {
    return Value(value.ctx(), value.element(), value.path().Key("state")).Error("is missing");
  }
  return core::Status::Ok();
}

core::Status ReadEntrustedList(const Value& value, OrderList& out) {
  return internal::ReadArray(value, /*null_is_empty=*/true, out.entrusted_list,
                             [&](const Value& row, std::size_t) {
                               return ReadOrder(row, out.entrusted_list.emplace_back());
                             });
}

constexpr std::array<FieldSpec<OrderList>, 2> kOrderListFields = {
    FieldSpec<OrderList>{"entrustedList", &ReadEntrustedList, false},
    internal::OptId<&OrderList::end_id>("endId"),
};

constexpr std::array<FieldSpec<FeeDetail>, 4> kFeeDetailFields = {
    Opt<&FeeDetail::deduction>("deduction"),
    Opt<&FeeDetail::fee_coin>("feeCoin"),
    OptRounded<&FeeDetail::total_deduction_fee>("totalDeductionFee"),
    internal::ReqRounded<&FeeDetail::total_fee>("totalFee"),
};

core::Status ReadFeeDetail(const Value& value, FillInfo& out) {
  return internal::ReadRows(value, kFeeDetailFields, out.fee_detail, /*null_is_empty=*/true);
}

constexpr std::array<FieldSpec<FillInfo>, 15> kFillFields = {
    internal::ReqId<&FillInfo::trade_id>("tradeId"),
    Req<&FillInfo::symbol>("symbol"),
    internal::ReqId<&FillInfo::order_id>("orderId"),
    Req<&FillInfo::price>("price"),
    Req<&FillInfo::base_volume>("baseVolume"),
    FieldSpec<FillInfo>{"feeDetail", &ReadFeeDetail, false},
    Req<&FillInfo::side>("side"),
    OptRounded<&FillInfo::quote_volume>("quoteVolume"),
    OptRounded<&FillInfo::profit>("profit"),
    Opt<&FillInfo::enter_point_source>("enterPointSource"),
    Opt<&FillInfo::trade_side>("tradeSide"),
    Opt<&FillInfo::pos_mode>("posMode"),
    Req<&FillInfo::trade_scope>("tradeScope"),
    Req<&FillInfo::c_time>("cTime"),
    Opt<&FillInfo::margin_coin>("marginCoin"),
};

core::Status ReadFillList(const Value& value, FillList& out) {
  return internal::ReadRows(value, kFillFields, out.fill_list, /*null_is_empty=*/true);
}

constexpr std::array<FieldSpec<FillList>, 2> kFillListFields = {
    FieldSpec<FillList>{"fillList", &ReadFillList, false},
    internal::OptId<&FillList::end_id>("endId"),
};

}  // namespace

core::Result<OrderInfo> ParseOrderDetail(std::string_view body, int http_status) {
  return ParseBody<OrderInfo>("order detail", body, http_status, &ReadOrder);
}

core::Result<OrderList> ParseOrderList(std::string_view body, int http_status) {
  return ParseBody<OrderList>("order list", body, http_status,
                              [](const Value& data, OrderList& out) {
                                return internal::ReadObject(data, kOrderListFields, out);
                              });
}

core::Result<FillList> ParseFills(std::string_view body, int http_status) {
  return ParseBody<FillList>("fills", body, http_status, [](const Value& data, FillList& out) {
    return internal::ReadObject(data, kFillListFields, out);
  });
}

}  // namespace bgt::bitget
