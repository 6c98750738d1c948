// Typed REST results -> Bitget JSON (Boost.JSON), field names and order as Bitget sends them.
#include "bitget/encode_responses.h"

#include <boost/json.hpp>
#include <string>

#include "bitget/encode_rows_internal.h"
#include "bitget/errors.h"

namespace bgt::bitget {
namespace {

namespace json = boost::json;

json::string Str(std::string_view text) { return json::string(text); }
json::string Dec(const core::Decimal& d) { return json::string(d.ToString()); }
json::string Dec(const std::optional<core::Decimal>& d) {
  return d ? json::string(d->ToString()) : json::string();
}
json::string Ms(core::Timestamp t) { return json::string(std::to_string(t.millis())); }
json::string Ms(const std::optional<core::Timestamp>& t) { return t ? Ms(*t) : json::string(); }
template <typename Enum>
json::string EnumText(const std::optional<Enum>& v) {
  return v ? json::string(ToString(*v)) : json::string();
}
json::string IdText(const std::optional<std::string>& id) {
  return id ? json::string(*id) : json::string();
}

std::string Wrap(const json::value& data, core::Timestamp request_time) {
  json::object out;
  out["code"] = std::string(kSuccessCode);
  out["msg"] = "success";
  out["requestTime"] = request_time.millis();
  out["data"] = data;
  return json::serialize(out);
}

json::object TickerObject(const TickerInfo& t) {
  const model::Ticker& k = t.ticker;
  json::object o;
  o["symbol"] = Str(k.symbol);
  o["lastPr"] = Dec(k.last_price);
  o["askPr"] = Dec(k.ask_price);
  o["bidPr"] = Dec(k.bid_price);
  o["bidSz"] = Dec(k.bid_size);
  o["askSz"] = Dec(k.ask_size);
  o["high24h"] = Dec(k.high_24h);
  o["low24h"] = Dec(k.low_24h);
  o["ts"] = Ms(k.ts);
  o["change24h"] = Dec(t.change_24h);
  o["baseVolume"] = Dec(k.base_volume_24h);
  o["quoteVolume"] = Dec(k.quote_volume_24h);
  o["usdtVolume"] = Dec(t.usdt_volume);
  o["openUtc"] = Dec(t.open_utc);
  o["changeUtc24h"] = Dec(t.change_utc_24h);
  o["indexPrice"] = Dec(k.index_price);
  o["fundingRate"] = Dec(k.funding_rate);
  o["holdingAmount"] = Dec(k.open_interest);
  o["deliveryStartTime"] = nullptr;
  o["deliveryTime"] = nullptr;
  o["deliveryStatus"] = Str(t.delivery_status);
  o["open24h"] = Dec(k.open_24h);
  o["markPrice"] = Dec(k.mark_price);
  return o;
}

json::object AccountObject(const AccountInfo& a) {
  json::object o;
  o["marginCoin"] = Str(a.margin_coin);
  o["locked"] = Dec(a.locked);
  o["available"] = Dec(a.available);
  o["crossedMaxAvailable"] = Dec(a.crossed_max_available);
  o["isolatedMaxAvailable"] = Dec(a.isolated_max_available);
  o["maxTransferOut"] = Dec(a.max_transfer_out);
  o["accountEquity"] = Dec(a.account_equity);
  o["usdtEquity"] = Dec(a.usdt_equity);
  o["btcEquity"] = Dec(a.btc_equity);
  o["crossedRiskRate"] = Dec(a.crossed_risk_rate);
  o["crossedMarginLeverage"] = Dec(a.crossed_margin_leverage);
  o["isolatedLongLever"] = Dec(a.isolated_long_lever);
  o["isolatedShortLever"] = Dec(a.isolated_short_lever);
  o["marginMode"] = EnumText(a.margin_mode);
  o["posMode"] = EnumText(a.pos_mode);
  o["unrealizedPL"] = Dec(a.unrealized_pl);
  o["coupon"] = Dec(a.coupon);
  o["unionTotalMargin"] = Dec(a.union_total_margin);
  o["unionAvailable"] = Dec(a.union_available);
  o["unionMm"] = Dec(a.union_mm);
  json::array assets;
  for (const AssetBalance& b : a.asset_list) {
    assets.push_back(json::object{
        {"coin", Str(b.coin)}, {"balance", Dec(b.balance)}, {"available", Dec(b.available)}});
  }
  o["assetList"] = std::move(assets);
  o["grant"] = Dec(a.grant);
  o["isolatedMargin"] = Dec(a.isolated_margin);
  o["crossedMargin"] = Dec(a.crossed_margin);
  o["crossedUnrealizedPL"] = Dec(a.crossed_unrealized_pl);
  o["isolatedUnrealizedPL"] = Dec(a.isolated_unrealized_pl);
  o["assetMode"] = EnumText(a.asset_mode);
  return o;
}

json::object OrderObject(const OrderInfo& r, std::string_view status_key) {
  json::object o;
  o["symbol"] = Str(r.symbol);
  o["size"] = Dec(r.size);
  o["orderId"] = Str(r.order_id);
  o["clientOid"] = Str(r.client_oid);
  o["baseVolume"] = Dec(r.base_volume);
  o["fee"] = Dec(r.fee);
  o["price"] = Dec(r.price);
  o["priceAvg"] = Dec(r.price_avg);
  o[status_key] = Str(ToString(r.status));
  o["side"] = Str(ToString(r.side));
  o["force"] = EnumText(r.force);
  o["totalProfits"] = Dec(r.total_profits);
  o["posSide"] = EnumText(r.pos_side);
  o["marginCoin"] = Str(r.margin_coin);
  o["presetStopSurplusPrice"] = Dec(r.preset_stop_surplus_price);
  o["presetStopLossPrice"] = Dec(r.preset_stop_loss_price);
  o["quoteVolume"] = Dec(r.quote_volume);
  o["orderType"] = Str(ToString(r.order_type));
  o["leverage"] = Dec(r.leverage);
  o["marginMode"] = EnumText(r.margin_mode);
  o["reduceOnly"] = r.reduce_only ? "YES" : "NO";
  o["enterPointSource"] = Str(r.enter_point_source);
  o["tradeSide"] = Str(r.trade_side);
  o["posMode"] = EnumText(r.pos_mode);
  o["orderSource"] = Str(r.order_source);
  o["cTime"] = Ms(r.c_time);
  o["uTime"] = Ms(r.u_time);
  o["presetStopSurplusExecutePrice"] = Dec(r.preset_stop_surplus_execute_price);
  o["presetStopSurplusType"] = EnumText(r.preset_stop_surplus_trigger_type);
  o["presetStopLossExecutePrice"] = Dec(r.preset_stop_loss_execute_price);
  o["presetStopLossType"] = EnumText(r.preset_stop_loss_trigger_type);
  o["cancelReason"] = Str(r.cancel_reason);
  if (status_key == "state") o["newTradeSide"] = Str(r.new_trade_side);
  return o;
}

json::object FillObject(const FillInfo& f) {
  json::object o;
  o["tradeId"] = Str(f.trade_id);
  o["symbol"] = Str(f.symbol);
  o["orderId"] = Str(f.order_id);
  o["price"] = Dec(f.price);
  o["baseVolume"] = Dec(f.base_volume);
  json::array fees;
  for (const FeeDetail& d : f.fee_detail) {
    json::object fd;
    fd["deduction"] = d.deduction ? json::string(*d.deduction ? "yes" : "no") : json::string();
    fd["feeCoin"] = Str(d.fee_coin);
    fd["totalDeductionFee"] = Dec(d.total_deduction_fee);
    fd["totalFee"] = Dec(d.total_fee);
    fees.push_back(std::move(fd));
  }
  o["feeDetail"] = std::move(fees);
  o["side"] = Str(ToString(f.side));
  o["quoteVolume"] = Dec(f.quote_volume);
  o["profit"] = Dec(f.profit);
  o["enterPointSource"] = Str(f.enter_point_source);
  o["tradeSide"] = Str(f.trade_side);
  o["posMode"] = EnumText(f.pos_mode);
  o["tradeScope"] = Str(ToString(f.trade_scope));
  o["cTime"] = Ms(f.c_time);
  o["marginCoin"] = Str(f.margin_coin);
  return o;
}

json::object PositionObject(const PositionInfo& p) {
  json::object o;
  o["marginCoin"] = Str(p.margin_coin);
  o["symbol"] = Str(p.symbol);
  o["holdSide"] = Str(ToString(p.hold_side));
  o["openDelegateSize"] = Dec(p.open_delegate_size);
  o["marginSize"] = Dec(p.margin_size);
  o["available"] = Dec(p.available);
  o["locked"] = Dec(p.locked);
  o["total"] = Dec(p.total);
  o["leverage"] = Dec(p.leverage);
  o["achievedProfits"] = Dec(p.achieved_profits);
  o["openPriceAvg"] = Dec(p.open_price_avg);
  o["marginMode"] = Str(ToString(p.margin_mode));
  o["posMode"] = Str(ToString(p.pos_mode));
  o["unrealizedPL"] = Dec(p.unrealized_pl);
  o["liquidationPrice"] = Dec(p.liquidation_price);
  o["keepMarginRate"] = Dec(p.keep_margin_rate);
  o["markPrice"] = Dec(p.mark_price);
  o["breakEvenPrice"] = Dec(p.break_even_price);
  o["totalFee"] = Dec(p.total_fee);
  o["deductedFee"] = Dec(p.deducted_fee);
  o["marginRatio"] = Dec(p.margin_ratio);
  o["assetMode"] = EnumText(p.asset_mode);
  o["uTime"] = Ms(p.u_time);
  o["autoMargin"] = Str(p.auto_margin);
  o["cTime"] = Ms(p.c_time);
  o["takeProfit"] = Dec(p.take_profit);
  o["stopLoss"] = Dec(p.stop_loss);
  o["takeProfitId"] = Str(p.take_profit_id);
  o["stopLossId"] = Str(p.stop_loss_id);
  return o;
}

json::array Levels(const std::vector<model::BookLevel>& levels) {
  json::array out;
  for (const model::BookLevel& l : levels) out.push_back(json::array{Dec(l.price), Dec(l.size)});
  return out;
}

}  // namespace

std::string EncodeOk(std::string_view data_json, core::Timestamp request_time) {
  std::string out = R"({"code":")";
  out += kSuccessCode;
  out += R"(","msg":"success","requestTime":)";
  out += std::to_string(request_time.millis());
  out += R"(,"data":)";
  out += data_json;
  out += '}';
  return out;
}

std::string EncodeError(std::string_view code, std::string_view msg, core::Timestamp request_time) {
  json::object out;
  out["code"] = Str(code);
  out["msg"] = Str(msg);
  out["requestTime"] = request_time.millis();
  out["data"] = nullptr;
  return json::serialize(out);
}

std::string EncodeServerTime(const ServerTime& time, core::Timestamp request_time) {
  return Wrap(json::object{{"serverTime", Ms(time.server_time)}}, request_time);
}

std::string EncodeContracts(const std::vector<model::ContractRow>& rows,
                            core::Timestamp request_time) {
  json::array data;
  for (const model::ContractRow& r : rows) {
    json::array coins;
    for (const std::string& c : r.support_margin_coins) coins.push_back(Str(c));
    data.push_back(json::object{
        {"symbol", Str(r.symbol)},
        {"baseCoin", Str(r.base_coin)},
        {"quoteCoin", Str(r.quote_coin)},
        {"buyLimitPriceRatio", Str(r.buy_limit_price_ratio)},
        {"sellLimitPriceRatio", Str(r.sell_limit_price_ratio)},
        {"feeRateUpRatio", Str(r.fee_rate_up_ratio)},
        {"makerFeeRate", Str(r.maker_fee_rate)},
        {"takerFeeRate", Str(r.taker_fee_rate)},
        {"openCostUpRatio", Str(r.open_cost_up_ratio)},
        {"supportMarginCoins", std::move(coins)},
        {"minTradeNum", Str(r.min_trade_num)},
        {"priceEndStep", Str(r.price_end_step)},
        {"volumePlace", Str(r.volume_place)},
        {"pricePlace", Str(r.price_place)},
        {"sizeMultiplier", Str(r.size_multiplier)},
        {"symbolType", Str(r.symbol_type)},
        {"minTradeUSDT", Str(r.min_trade_usdt)},
        {"maxSymbolOrderNum", Str(r.max_symbol_order_num)},
        {"maxProductOrderNum", Str(r.max_product_order_num)},
        {"maxPositionNum", Str(r.max_position_num)},
        {"symbolStatus", Str(r.symbol_status)},
        {"offTime", Str(r.off_time)},
        {"limitOpenTime", Str(r.limit_open_time)},
        {"deliveryTime", Str(r.delivery_time)},
        {"deliveryStartTime", Str(r.delivery_start_time)},
        {"deliveryPeriod", Str(r.delivery_period)},
        {"launchTime", Str(r.launch_time)},
        {"fundInterval", Str(r.fund_interval)},
        {"minLever", Str(r.min_lever)},
        {"maxLever", Str(r.max_lever)},
        {"posLimit", Str(r.pos_limit)},
        {"maintainTime", Str(r.maintain_time)},
        {"maxMarketOrderQty", Str(r.max_market_order_qty)},
        {"maxOrderQty", Str(r.max_order_qty)},
        {"openTime", Str(r.open_time)},
        {"isRwa", Str(r.is_rwa)},
    });
  }
  return Wrap(data, request_time);
}

std::string EncodeTickers(const std::vector<TickerInfo>& tickers, core::Timestamp request_time) {
  json::array data;
  for (const TickerInfo& t : tickers) data.push_back(TickerObject(t));
  return Wrap(data, request_time);
}

std::string EncodeCandles(const std::vector<model::Candle>& candles, core::Timestamp request_time) {
  json::array data;
  for (const model::Candle& c : candles) {
    data.push_back(json::array{Ms(c.open_time), Dec(c.open), Dec(c.high), Dec(c.low), Dec(c.close),
                               Dec(c.base_volume), Dec(c.quote_volume)});
  }
  return Wrap(data, request_time);
}

std::string EncodeMergeDepth(const MergeDepth& depth, core::Timestamp request_time) {
  json::object o;
  o["asks"] = Levels(depth.book.asks);
  o["bids"] = Levels(depth.book.bids);
  o["ts"] = Ms(depth.book.ts);
  o["scale"] = Dec(depth.scale);
  o["precision"] = Str(depth.precision);
  o["isMaxPrecision"] =
      depth.is_max_precision ? json::string(*depth.is_max_precision ? "YES" : "NO") : "";
  return Wrap(o, request_time);
}

std::string EncodeOpenInterest(const OpenInterest& interest, core::Timestamp request_time) {
  json::array list;
  for (const OpenInterestEntry& e : interest.open_interest_list) {
    list.push_back(json::object{{"symbol", Str(e.symbol)}, {"size", Dec(e.size)}});
  }
  return Wrap(json::object{{"openInterestList", std::move(list)}, {"ts", Ms(interest.ts)}},
              request_time);
}

std::string EncodeCurrentFundRate(const std::vector<FundingRateInfo>& rates,
                                  core::Timestamp request_time) {
  json::array data;
  for (const FundingRateInfo& r : rates) {
    json::object o;
    o["symbol"] = Str(r.symbol);
    o["fundingRate"] = Dec(r.funding_rate);
    o["fundingRateInterval"] = r.funding_rate_interval_hours
                                   ? json::string(std::to_string(*r.funding_rate_interval_hours))
                                   : json::string();
    o["nextUpdate"] = Ms(r.next_update);
    o["minFundingRate"] = Dec(r.min_funding_rate);
    o["maxFundingRate"] = Dec(r.max_funding_rate);
    data.push_back(std::move(o));
  }
  return Wrap(data, request_time);
}

std::string EncodeFundingHistory(const std::vector<FundingRateHistoryRow>& rows,
                                 core::Timestamp request_time) {
  json::array data;
  for (const FundingRateHistoryRow& r : rows) {
    data.push_back(json::object{{"symbol", Str(r.symbol)},
                                {"fundingRate", Dec(r.funding_rate)},
                                {"fundingTime", Ms(r.funding_time)}});
  }
  return Wrap(data, request_time);
}

std::string EncodeAccount(const AccountInfo& account, core::Timestamp request_time) {
  return Wrap(AccountObject(account), request_time);
}

std::string EncodeAccounts(const std::vector<AccountInfo>& accounts, core::Timestamp request_time) {
  json::array data;
  for (const AccountInfo& a : accounts) data.push_back(AccountObject(a));
  return Wrap(data, request_time);
}

std::string EncodeSetLeverage(const LeverageResult& r, core::Timestamp request_time) {
  json::object o;
  o["symbol"] = Str(r.symbol);
  o["marginCoin"] = Str(r.margin_coin);
  o["longLeverage"] = Dec(r.long_leverage);
  o["shortLeverage"] = Dec(r.short_leverage);
  o["crossMarginLeverage"] = Dec(r.cross_margin_leverage);
  o["marginMode"] = EnumText(r.margin_mode);
  return Wrap(o, request_time);
}

std::string EncodeSetMarginMode(const MarginModeResult& r, core::Timestamp request_time) {
  json::object o;
  o["symbol"] = Str(r.symbol);
  o["marginCoin"] = Str(r.margin_coin);
  o["longLeverage"] = Dec(r.long_leverage);
  o["shortLeverage"] = Dec(r.short_leverage);
  o["marginMode"] = Str(ToString(r.margin_mode));
  return Wrap(o, request_time);
}

std::string EncodeSetPositionMode(const PositionModeResult& r, core::Timestamp request_time) {
  return Wrap(json::object{{"posMode", Str(ToString(r.pos_mode))}}, request_time);
}

std::string EncodeOrderAck(const OrderAck& ack, core::Timestamp request_time) {
  json::object o;
  o["orderId"] = ack.order_id ? json::value(Str(*ack.order_id)) : json::value(nullptr);
  o["clientOid"] = Str(ack.client_oid);
  return Wrap(o, request_time);
}

std::string EncodeBatchResult(const BatchResult& r, core::Timestamp request_time) {
  json::array success;
  for (const BatchSuccess& s : r.success_list) {
    json::object o{{"orderId", IdText(s.order_id)}, {"clientOid", Str(s.client_oid)}};
    if (!s.symbol.empty()) o["symbol"] = Str(s.symbol);
    success.push_back(std::move(o));
  }
  json::array failure;
  for (const BatchFailure& f : r.failure_list) {
    json::object o{{"orderId", IdText(f.order_id)}, {"clientOid", Str(f.client_oid)}};
    if (!f.symbol.empty()) o["symbol"] = Str(f.symbol);
    o["errorMsg"] = Str(f.error_msg);
    o["errorCode"] = Str(f.error_code);
    failure.push_back(std::move(o));
  }
  json::object o{{"successList", std::move(success)}, {"failureList", std::move(failure)}};
  if (r.result) o["result"] = *r.result;
  return Wrap(o, request_time);
}

std::string EncodeOrderDetail(const OrderInfo& order, core::Timestamp request_time) {
  return Wrap(OrderObject(order, "state"), request_time);
}

std::string EncodeOrderList(const OrderList& list, core::Timestamp request_time) {
  json::array rows;
  for (const OrderInfo& r : list.entrusted_list) rows.push_back(OrderObject(r, "status"));
  json::object o{{"entrustedList", std::move(rows)}, {"endId", Str(list.end_id)}};
  return Wrap(o, request_time);
}

std::string EncodeFills(const FillList& list, core::Timestamp request_time) {
  json::array rows;
  for (const FillInfo& f : list.fill_list) rows.push_back(FillObject(f));
  json::object o{{"fillList", std::move(rows)}, {"endId", Str(list.end_id)}};
  return Wrap(o, request_time);
}

std::string EncodePlanOrders(const PlanOrderList& list, core::Timestamp request_time) {
  json::array rows;
  for (const PlanOrderInfo& p : list.entrusted_list) {
    json::object o;
    o["planType"] = Str(ToString(p.plan_type));
    o["symbol"] = Str(p.symbol);
    o["size"] = Dec(p.size);
    o["orderId"] = Str(p.order_id);
    o["clientOid"] = Str(p.client_oid);
    o["price"] = Dec(p.price);
    o["executePrice"] = Dec(p.execute_price);
    o["callbackRatio"] = Dec(p.callback_ratio);
    o["triggerPrice"] = Dec(p.trigger_price);
    o["triggerType"] = EnumText(p.trigger_type);
    o["planStatus"] = Str(p.plan_status);
    o["side"] = EnumText(p.side);
    o["posSide"] = EnumText(p.pos_side);
    o["marginCoin"] = Str(p.margin_coin);
    o["marginMode"] = EnumText(p.margin_mode);
    o["enterPointSource"] = Str(p.enter_point_source);
    o["tradeSide"] = Str(p.trade_side);
    o["posMode"] = EnumText(p.pos_mode);
    o["orderType"] = EnumText(p.order_type);
    o["orderSource"] = Str(p.order_source);
    o["stopSurplusTriggerPrice"] = Dec(p.stop_surplus_trigger_price);
    o["stopSurplusExecutePrice"] = Dec(p.stop_surplus_execute_price);
    o["stopSurplusTriggerType"] = EnumText(p.stop_surplus_trigger_type);
    o["stopLossTriggerPrice"] = Dec(p.stop_loss_trigger_price);
    o["stopLossExecutePrice"] = Dec(p.stop_loss_execute_price);
    o["stopLossTriggerType"] = EnumText(p.stop_loss_trigger_type);
    o["cTime"] = Ms(p.c_time);
    o["uTime"] = Ms(p.u_time);
    rows.push_back(std::move(o));
  }
  json::object o{{"entrustedList", std::move(rows)}, {"endId", Str(list.end_id)}};
  return Wrap(o, request_time);
}

std::string EncodePositions(const std::vector<PositionInfo>& positions,
                            core::Timestamp request_time) {
  json::array rows;
  for (const PositionInfo& p : positions) rows.push_back(PositionObject(p));
  return Wrap(rows, request_time);
}

namespace internal {
json::object FillRowObject(const FillInfo& fill) { return FillObject(fill); }
}  // namespace internal

}  // namespace bgt::bitget
