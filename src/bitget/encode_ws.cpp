// Typed results -> the `data` arrays of Bitget's private WebSocket pushes (Boost.JSON), field
// names and order as in Bitget's samples.
#include "bitget/encode_ws.h"

#include <boost/json.hpp>
#include <string>

#include "bitget/encode_rows_internal.h"

namespace bgt::bitget {
namespace {

namespace json = boost::json;

constexpr int kRatioScale = 8;

json::string Str(std::string_view text) { return json::string(text); }
json::string Dec(const core::Decimal& d) { return json::string(d.ToString()); }
json::string Dec(const std::optional<core::Decimal>& d) {
  return d ? json::string(d->ToString()) : json::string();
}
// Like Dec, but "0" instead of "" (the push samples carry numbers where REST leaves "").
json::string DecOrZero(const std::optional<core::Decimal>& d) {
  return json::string(d ? d->ToString() : std::string("0"));
}
json::string Ms(core::Timestamp t) { return json::string(std::to_string(t.millis())); }
json::string Ms(const std::optional<core::Timestamp>& t) { return t ? Ms(*t) : json::string(); }
template <typename Enum>
json::string EnumText(const std::optional<Enum>& v) {
  return v ? json::string(ToString(*v)) : json::string();
}

// A leverage as a JSON number (integral leverages as integers).
json::value Number(const core::Decimal& d) {
  const core::Decimal n = d.Normalized();
  if (n.scale() == 0) return json::value(n.mantissa());
  return json::value(n.ToDouble());
}

// a × b at kRatioScale decimals; "" when it does not fit.
json::string Product(const core::Decimal& a, const core::Decimal& b) {
  auto p = core::Decimal::MulRounded(a, b, kRatioScale, core::Rounding::kHalfEven);
  return p ? json::string(p->Normalized().ToString()) : json::string();
}

std::string Serialize(const json::array& rows) { return json::serialize(rows); }

json::object OrderRow(const WsOrderPush& push) {
  const OrderInfo& r = push.order;
  json::object o;
  o["instId"] = Str(r.symbol);
  o["orderId"] = Str(r.order_id);
  o["clientOid"] = Str(r.client_oid);
  o["price"] = DecOrZero(r.price);
  o["size"] = Dec(r.size);
  o["orderType"] = Str(ToString(r.order_type));
  o["force"] = EnumText(r.force);
  o["side"] = Str(ToString(r.side));
  o["posSide"] = EnumText(r.pos_side);
  o["tradeSide"] = Str(r.trade_side);
  o["marginMode"] = EnumText(r.margin_mode);
  o["marginCoin"] = Str(r.margin_coin);
  o["leverage"] = Dec(r.leverage);
  o["reduceOnly"] = r.reduce_only ? "yes" : "no";
  o["posMode"] = EnumText(r.pos_mode);
  o["status"] = Str(ToString(r.status));
  o["accBaseVolume"] = Dec(r.base_volume);
  o["priceAvg"] = DecOrZero(r.price_avg);
  // The order's value: price × size for a limit order, what filled for a market order.
  o["notionalUsd"] = r.price ? Product(*r.price, r.size) : DecOrZero(r.quote_volume);
  o["enterPointSource"] = Str(r.enter_point_source);
  json::array fees;
  fees.push_back(json::object{{"feeCoin", Str(r.margin_coin)}, {"fee", DecOrZero(r.fee)}});
  o["feeDetail"] = std::move(fees);
  o["totalProfits"] = DecOrZero(r.total_profits);
  o["presetStopSurplusPrice"] = Dec(r.preset_stop_surplus_price);
  o["presetStopSurplusExecutePrice"] = Dec(r.preset_stop_surplus_execute_price);
  o["presetStopSurplusType"] = EnumText(r.preset_stop_surplus_trigger_type);
  o["presetStopLossPrice"] = Dec(r.preset_stop_loss_price);
  o["presetStopLossExecutePrice"] = Dec(r.preset_stop_loss_execute_price);
  o["presetStopLossType"] = EnumText(r.preset_stop_loss_trigger_type);
  o["cancelReason"] = Str(r.cancel_reason);
  o["cTime"] = Ms(r.c_time);
  o["uTime"] = Ms(r.u_time);
  if (push.fill) {
    const FillInfo& f = *push.fill;
    core::Decimal fee;
    std::string fee_coin = r.margin_coin;
    for (const FeeDetail& d : f.fee_detail) {
      fee += d.total_fee;
      fee_coin = d.fee_coin;
    }
    o["fillPrice"] = Dec(f.price);
    o["tradeId"] = Str(f.trade_id);
    o["baseVolume"] = Dec(f.base_volume);
    o["fillTime"] = Ms(f.c_time);
    o["fillFee"] = Dec(fee);
    o["fillFeeCoin"] = Str(fee_coin);
    o["fillNotionalUsd"] = f.quote_volume ? Dec(f.quote_volume) : Product(f.price, f.base_volume);
    o["tradeScope"] = f.trade_scope == model::LiquiditySide::kMaker ? "M" : "T";
    o["pnl"] = DecOrZero(f.profit);
  }
  return o;
}

json::object PositionRow(const WsPositionPush& push) {
  const PositionInfo& p = push.position;
  json::object o;
  o["posId"] = Str(push.pos_id);
  o["instId"] = Str(p.symbol);
  o["marginCoin"] = Str(p.margin_coin);
  o["marginSize"] = Dec(p.margin_size);
  o["marginMode"] = Str(ToString(p.margin_mode));
  o["holdSide"] = Str(ToString(p.hold_side));
  o["posMode"] = Str(ToString(p.pos_mode));
  o["total"] = Dec(p.total);
  o["available"] = Dec(p.available);
  o["frozen"] = Dec(p.locked);
  o["openPriceAvg"] = Dec(p.open_price_avg);
  o["leverage"] = Number(p.leverage);
  o["achievedProfits"] = DecOrZero(p.achieved_profits);
  o["unrealizedPL"] = DecOrZero(p.unrealized_pl);
  json::string plr("0");
  if (p.unrealized_pl && p.margin_size.IsPositive()) {
    auto r =
        core::Decimal::Div(*p.unrealized_pl, p.margin_size, kRatioScale, core::Rounding::kHalfEven);
    if (r) plr = json::string(r->Normalized().ToString());
  }
  o["unrealizedPLR"] = std::move(plr);
  o["liquidationPrice"] = Dec(p.liquidation_price);
  o["keepMarginRate"] = Dec(p.keep_margin_rate);
  o["marginRate"] = Dec(p.margin_ratio);
  o["breakEvenPrice"] = Dec(p.break_even_price);
  o["totalFee"] = DecOrZero(p.total_fee);
  o["deductedFee"] = DecOrZero(p.deducted_fee);
  o["markPrice"] = Dec(p.mark_price);
  o["assetMode"] = EnumText(p.asset_mode);
  o["autoMargin"] = Str(p.auto_margin);
  o["takeProfit"] = Dec(p.take_profit);
  o["stopLoss"] = Dec(p.stop_loss);
  o["takeProfitId"] = Str(p.take_profit_id);
  o["stopLossId"] = Str(p.stop_loss_id);
  o["cTime"] = Ms(p.c_time);
  o["uTime"] = Ms(p.u_time);
  return o;
}

json::object AccountRow(const AccountInfo& a) {
  json::object o;
  o["marginCoin"] = Str(a.margin_coin);
  o["frozen"] = Dec(a.locked);
  o["available"] = Dec(a.available);
  o["maxOpenPosAvailable"] = Dec(a.crossed_max_available);
  o["maxTransferOut"] = Dec(a.max_transfer_out);
  o["equity"] = Dec(a.account_equity);
  o["usdtEquity"] = Dec(a.usdt_equity ? *a.usdt_equity : a.account_equity);
  o["crossedRiskRate"] = DecOrZero(a.crossed_risk_rate);
  o["unrealizedPL"] = DecOrZero(a.unrealized_pl);
  o["crossedMargin"] = DecOrZero(a.crossed_margin);
  o["isolatedMargin"] = DecOrZero(a.isolated_margin);
  o["assetsMode"] = a.asset_mode ? Str(ToString(*a.asset_mode)) : Str("single");
  return o;
}

std::string_view PlanCode(PlanType type) {
  switch (type) {
    case PlanType::kNormalPlan:
      return "pl";
    case PlanType::kTrackPlan:
      return "track";
    case PlanType::kProfitPlan:
      return "tp";
    case PlanType::kLossPlan:
      return "sl";
    case PlanType::kMovingPlan:
      return "mtpsl";
    case PlanType::kPosProfit:
      return "ptp";
    case PlanType::kPosLoss:
      return "psl";
    case PlanType::kProfitLoss:
      break;
  }
  return "";
}

json::object PlanRow(const WsPlanPush& push) {
  const PlanOrderInfo& p = push.plan;
  json::object o;
  o["instId"] = Str(p.symbol);
  o["orderId"] = Str(p.order_id);
  o["clientOid"] = Str(p.client_oid);
  o["triggerPrice"] = Dec(p.trigger_price);
  o["triggerType"] = EnumText(p.trigger_type);
  o["triggerTime"] = Ms(push.trigger_time);
  o["planType"] = Str(PlanCode(p.plan_type));
  o["price"] = Dec(p.price);
  o["executePrice"] = Dec(p.execute_price);
  o["size"] = Dec(p.size);
  o["actualSize"] = DecOrZero(push.actual_size);
  o["orderType"] = EnumText(p.order_type);
  o["side"] = EnumText(p.side);
  o["tradeSide"] = Str(p.trade_side);
  o["posSide"] = EnumText(p.pos_side);
  o["marginCoin"] = Str(p.margin_coin);
  o["marginMode"] = EnumText(p.margin_mode);
  o["status"] = Str(p.plan_status);
  o["posMode"] = EnumText(p.pos_mode);
  o["enterPointSource"] = Str(p.enter_point_source);
  o["stopSurplusTriggerPrice"] = Dec(p.stop_surplus_trigger_price);
  o["stopSurplusExecutePrice"] = Dec(p.stop_surplus_execute_price);
  o["stopSurplusTriggerType"] = EnumText(p.stop_surplus_trigger_type);
  o["stopLossTriggerPrice"] = Dec(p.stop_loss_trigger_price);
  o["stopLossExecutePrice"] = Dec(p.stop_loss_execute_price);
  o["stopLossTriggerType"] = EnumText(p.stop_loss_trigger_type);
  o["cTime"] = Ms(p.c_time);
  o["uTime"] = Ms(p.u_time);
  return o;
}

}  // namespace

std::string EncodeWsOrders(const std::vector<WsOrderPush>& rows) {
  json::array out;
  for (const WsOrderPush& r : rows) out.push_back(OrderRow(r));
  return Serialize(out);
}

std::string EncodeWsFills(const std::vector<WsFillPush>& rows) {
  json::array out;
  for (const WsFillPush& r : rows) {
    json::object o = internal::FillRowObject(r.fill);
    o["orderType"] = Str(ToString(r.order_type));
    o["uTime"] = Ms(r.fill.c_time);
    out.push_back(std::move(o));
  }
  return Serialize(out);
}

std::string EncodeWsPositions(const std::vector<WsPositionPush>& rows) {
  json::array out;
  for (const WsPositionPush& r : rows) out.push_back(PositionRow(r));
  return Serialize(out);
}

std::string EncodeWsAccount(const std::vector<AccountInfo>& rows) {
  json::array out;
  for (const AccountInfo& a : rows) out.push_back(AccountRow(a));
  return Serialize(out);
}

std::string EncodeWsPlanOrders(const std::vector<WsPlanPush>& rows) {
  json::array out;
  for (const WsPlanPush& r : rows) out.push_back(PlanRow(r));
  return Serialize(out);
}

}  // namespace bgt::bitget
