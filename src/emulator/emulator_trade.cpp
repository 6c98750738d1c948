// Private REST endpoints of the emulator: account, leverage and modes, orders, fills,
// positions, TP/SL and plan orders, answered from the simulated exchange.
#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <string>
#include <vector>

#include "bitget/encode_responses.h"
#include "emulator/emulator_impl.h"
#include "emulator/sim_convert.h"
#include "model/order_types.h"

namespace bgt::emulator {
namespace {

using bitget::Endpoint;

// Declares `var` = expr and returns its error from the handler when it failed.
#define BGT_EMU_TRY(var, expr) \
  auto var = (expr);           \
  if (!var) return var.error()

core::Result<bool> YesNo(const Params& params, std::string_view name) {
  const auto text = params.Get(name);
  if (!text) return false;
  if (net::EqualsIgnoreCase(*text, "YES") || net::EqualsIgnoreCase(*text, "true")) return true;
  if (net::EqualsIgnoreCase(*text, "NO") || net::EqualsIgnoreCase(*text, "false")) return false;
  return VenueReject("40017", "Parameter " + std::string(name) + " error");
}

// Bitget holdSide: long / short (buy / sell name the long / short position in one-way mode).
core::Result<std::optional<model::PositionSide>> HoldSide(const Params& params) {
  const auto text = params.Get("holdSide");
  if (!text) return std::optional<model::PositionSide>();
  if (net::EqualsIgnoreCase(*text, "long") || net::EqualsIgnoreCase(*text, "buy")) {
    return std::optional<model::PositionSide>(model::PositionSide::kLong);
  }
  if (net::EqualsIgnoreCase(*text, "short") || net::EqualsIgnoreCase(*text, "sell")) {
    return std::optional<model::PositionSide>(model::PositionSide::kShort);
  }
  return VenueReject("40017", "Parameter holdSide error");
}

core::Result<sim::OrderRef> OrderRefOf(const Params& params) {
  sim::OrderRef ref;
  BGT_EMU_TRY(id, params.OptionalInt("orderId"));
  if (*id) ref.order_id = static_cast<sim::OrderId>(**id);
  ref.client_oid = params.Get("clientOid").value_or("");
  if (!ref.order_id && ref.client_oid.empty()) {
    return VenueReject("40019", "Parameter orderId cannot be empty");
  }
  return ref;
}

std::optional<int> IntOf(const std::optional<long long>& v) {
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

core::Result<sim::PlaceOrderRequest> PlaceRequestOf(const Params& p, std::string symbol) {
  sim::PlaceOrderRequest r;
  r.symbol = std::move(symbol);
  BGT_EMU_TRY(size, p.RequireDecimal("size"));
  r.size = *size;
  BGT_EMU_TRY(side_text, p.Require("side"));
  BGT_EMU_TRY(side, p.OptionalEnum<model::OrderSide>("side", model::ParseOrderSide));
  r.side = **side;
  BGT_EMU_TRY(type_text, p.Require("orderType"));
  BGT_EMU_TRY(type, p.OptionalEnum<model::OrderType>("orderType", model::ParseOrderType));
  r.type = **type;
  BGT_EMU_TRY(mode_text, p.Require("marginMode"));
  BGT_EMU_TRY(mode, p.OptionalEnum<model::MarginMode>("marginMode", model::ParseMarginMode));
  r.margin_mode = **mode;
  BGT_EMU_TRY(price, p.OptionalDecimal("price"));
  r.price = *price;
  if (r.type == model::OrderType::kLimit && !r.price) {
    return VenueReject("40019", "Parameter price cannot be empty");
  }
  if (r.type == model::OrderType::kMarket) r.price.reset();
  BGT_EMU_TRY(force, p.OptionalEnum<model::TimeInForce>("force", model::ParseTimeInForce));
  if (*force) r.force = **force;
  BGT_EMU_TRY(trade_side, p.OptionalEnum<model::TradeSide>("tradeSide", model::ParseTradeSide));
  r.trade_side = *trade_side;
  BGT_EMU_TRY(reduce_only, YesNo(p, "reduceOnly"));
  r.reduce_only = *reduce_only;
  r.client_oid = p.Get("clientOid").value_or("");
  BGT_EMU_TRY(tp, p.OptionalDecimal("presetStopSurplusPrice"));
  r.preset_take_profit = *tp;
  BGT_EMU_TRY(tp_exec, p.OptionalDecimal("presetStopSurplusExecutePrice"));
  r.preset_take_profit_execute = *tp_exec;
  BGT_EMU_TRY(sl, p.OptionalDecimal("presetStopLossPrice"));
  r.preset_stop_loss = *sl;
  BGT_EMU_TRY(sl_exec, p.OptionalDecimal("presetStopLossExecutePrice"));
  r.preset_stop_loss_execute = *sl_exec;
  BGT_EMU_TRY(stp, p.OptionalEnum<sim::StpMode>("stpMode", sim::ParseStpMode));
  if (*stp) r.stp_mode = **stp;
  return r;
}

bitget::OrderList ToOrderList(const std::vector<sim::OrderView>& orders, bool newest_first) {
  bitget::OrderList list;
  for (const sim::OrderView& o : orders) list.entrusted_list.push_back(ToOrderInfo(o));
  if (newest_first) {
    std::reverse(list.entrusted_list.begin(), list.entrusted_list.end());
  }
  if (!list.entrusted_list.empty()) list.end_id = list.entrusted_list.back().order_id;
  return list;
}

}  // namespace

void Emulator::Impl::AddTradeRoutes() {
  AddRoute(Endpoint::kAccount, [this](const Call& call) -> core::Result<std::string> {
    BGT_EMU_TRY(symbol, SymbolIndex(call.params));
    BGT_EMU_TRY(coin, call.params.Require("marginCoin"));
    BGT_EMU_TRY(type, call.params.Require("productType"));
    const std::string& name = market_->instruments()[*symbol].symbol();
    BGT_EMU_TRY(account, exchange_->GetAccount(call.key->account));
    BGT_EMU_TRY(settings, exchange_->GetSymbolSettings(call.key->account, name));
    return bitget::EncodeAccount(ToAccountInfo(*account, settings->config), call.now);
  });

  AddRoute(Endpoint::kAccounts, [this](const Call& call) -> core::Result<std::string> {
    BGT_EMU_TRY(type, call.params.Require("productType"));
    BGT_EMU_TRY(account, exchange_->GetAccount(call.key->account));
    bitget::AccountInfo info = ToAccountInfo(*account, sim::SymbolConfig{});
    info.crossed_margin_leverage.reset();
    info.isolated_long_lever.reset();
    info.isolated_short_lever.reset();
    info.margin_mode.reset();
    info.asset_list.push_back({"USDT", account->balance, account->available});
    return bitget::EncodeAccounts({info}, call.now);
  });

  AddRoute(Endpoint::kSetLeverage, [this](const Call& call) -> core::Result<std::string> {
    BGT_EMU_TRY(symbol, SymbolIndex(call.params));
    BGT_EMU_TRY(coin, call.params.Require("marginCoin"));
    sim::SetLeverageRequest request;
    request.symbol = market_->instruments()[*symbol].symbol();
    BGT_EMU_TRY(leverage, call.params.OptionalInt("leverage"));
    BGT_EMU_TRY(long_leverage, call.params.OptionalInt("longLeverage"));
    BGT_EMU_TRY(short_leverage, call.params.OptionalInt("shortLeverage"));
    BGT_EMU_TRY(hold_side, HoldSide(call.params));
    request.leverage = IntOf(*leverage);
    request.long_leverage = IntOf(*long_leverage);
    request.short_leverage = IntOf(*short_leverage);
    request.hold_side = *hold_side;
    BGT_EMU_TRY(settings, exchange_->SetLeverage(call.key->account, request));
    bitget::LeverageResult result;
    result.symbol = settings->symbol;
    result.margin_coin = *coin;
    result.long_leverage = core::Decimal::FromInt(settings->config.long_leverage);
    result.short_leverage = core::Decimal::FromInt(settings->config.short_leverage);
    result.cross_margin_leverage = core::Decimal::FromInt(settings->config.cross_leverage);
    result.margin_mode = settings->config.margin_mode;
    return bitget::EncodeSetLeverage(result, call.now);
  });

  AddRoute(Endpoint::kSetMarginMode, [this](const Call& call) -> core::Result<std::string> {
    BGT_EMU_TRY(symbol, SymbolIndex(call.params));
    BGT_EMU_TRY(coin, call.params.Require("marginCoin"));
    BGT_EMU_TRY(text, call.params.Require("marginMode"));
    BGT_EMU_TRY(mode,
                call.params.OptionalEnum<model::MarginMode>("marginMode", model::ParseMarginMode));
    const std::string& name = market_->instruments()[*symbol].symbol();
    BGT_EMU_TRY(settings, exchange_->SetMarginMode(call.key->account, name, **mode));
    bitget::MarginModeResult result;
    result.symbol = settings->symbol;
    result.margin_coin = *coin;
    result.long_leverage = core::Decimal::FromInt(settings->config.long_leverage);
    result.short_leverage = core::Decimal::FromInt(settings->config.short_leverage);
    result.margin_mode = settings->config.margin_mode;
    return bitget::EncodeSetMarginMode(result, call.now);
  });

  AddRoute(Endpoint::kSetPositionMode, [this](const Call& call) -> core::Result<std::string> {
    BGT_EMU_TRY(text, call.params.Require("posMode"));
    BGT_EMU_TRY(mode,
                call.params.OptionalEnum<model::PositionMode>("posMode", model::ParsePositionMode));
    BGT_RETURN_IF_ERROR(exchange_->SetPositionMode(call.key->account, **mode));
    return bitget::EncodeSetPositionMode(bitget::PositionModeResult{**mode}, call.now);
  });

  AddRoute(Endpoint::kPlaceOrder, [this](const Call& call) -> core::Result<std::string> {
    BGT_EMU_TRY(symbol, SymbolIndex(call.params));
    BGT_EMU_TRY(type, call.params.Require("productType"));
    BGT_EMU_TRY(coin, call.params.Require("marginCoin"));
    BGT_EMU_TRY(request, PlaceRequestOf(call.params, market_->instruments()[*symbol].symbol()));
    BGT_EMU_TRY(ack, exchange_->PlaceOrder(call.key->account, *request));
    return bitget::EncodeOrderAck(ToOrderAck(*ack), call.now);
  });

  AddRoute(Endpoint::kCancelOrder, [this](const Call& call) -> core::Result<std::string> {
    BGT_EMU_TRY(symbol, SymbolIndex(call.params));
    BGT_EMU_TRY(ref, OrderRefOf(call.params));
    const std::string& name = market_->instruments()[*symbol].symbol();
    BGT_EMU_TRY(ack, exchange_->CancelOrder(call.key->account, name, *ref));
    return bitget::EncodeOrderAck(ToOrderAck(*ack), call.now);
  });

  AddRoute(Endpoint::kCancelAllOrders, [this](const Call& call) -> core::Result<std::string> {
    BGT_EMU_TRY(type, call.params.Require("productType"));
    std::optional<std::string> symbol;
    if (call.params.Get("symbol")) {
      BGT_EMU_TRY(i, SymbolIndex(call.params));
      symbol = market_->instruments()[*i].symbol();
    }
    BGT_EMU_TRY(result, exchange_->CancelAllOrders(
                            call.key->account,
                            symbol ? std::optional<std::string_view>(*symbol) : std::nullopt));
    return bitget::EncodeBatchResult(ToBatchResult(*result), call.now);
  });

  AddRoute(Endpoint::kBatchCancelOrders, [this](const Call& call) -> core::Result<std::string> {
    BGT_EMU_TRY(symbol, SymbolIndex(call.params));
    const std::string name = market_->instruments()[*symbol].symbol();
    const auto list = call.params.Get("orderIdList");
    if (!list) {
      BGT_EMU_TRY(all, exchange_->CancelAllOrders(call.key->account, name));
      return bitget::EncodeBatchResult(ToBatchResult(*all), call.now);
    }
    boost::system::error_code ec;
    const boost::json::value refs = boost::json::parse(*list, ec);
    if (ec || !refs.is_array()) return VenueReject("40017", "Parameter orderIdList error");
    bitget::BatchResult out;
    for (const boost::json::value& item : refs.as_array()) {
      if (!item.is_object()) return VenueReject("40017", "Parameter orderIdList error");
      sim::OrderRef ref;
      if (const auto* id = item.as_object().if_contains("orderId"); id && id->is_string()) {
        ref.order_id = std::strtoull(id->as_string().c_str(), nullptr, 10);
      }
      if (const auto* oid = item.as_object().if_contains("clientOid"); oid && oid->is_string()) {
        ref.client_oid = std::string(oid->as_string());
      }
      auto ack = exchange_->CancelOrder(call.key->account, name, ref);
      const std::string id_text = ref.order_id ? std::to_string(*ref.order_id) : "";
      if (ack) {
        out.success_list.push_back({std::to_string(ack->order_id), ack->client_oid, ""});
      } else {
        out.failure_list.push_back(
            {id_text, ref.client_oid, "", ack.error().venue_code, ack.error().message});
      }
    }
    return bitget::EncodeBatchResult(out, call.now);
  });

  AddRoute(Endpoint::kClosePositions, [this](const Call& call) -> core::Result<std::string> {
    BGT_EMU_TRY(type, call.params.Require("productType"));
    std::optional<std::string> symbol;
    if (call.params.Get("symbol")) {
      BGT_EMU_TRY(i, SymbolIndex(call.params));
      symbol = market_->instruments()[*i].symbol();
    }
    BGT_EMU_TRY(hold_side, HoldSide(call.params));
    BGT_EMU_TRY(result,
                exchange_->ClosePositions(
                    call.key->account,
                    symbol ? std::optional<std::string_view>(*symbol) : std::nullopt, *hold_side));
    return bitget::EncodeBatchResult(ToBatchResult(*result), call.now);
  });

  AddRoute(Endpoint::kOrderDetail, [this](const Call& call) -> core::Result<std::string> {
    BGT_EMU_TRY(symbol, SymbolIndex(call.params));
    BGT_EMU_TRY(ref, OrderRefOf(call.params));
    const std::string& name = market_->instruments()[*symbol].symbol();
    BGT_EMU_TRY(order, exchange_->GetOrder(call.key->account, name, *ref));
    return bitget::EncodeOrderDetail(ToOrderInfo(*order), call.now);
  });

  const auto order_list = [this](bool open) {
    return [this, open](const Call& call) -> core::Result<std::string> {
      BGT_EMU_TRY(type, call.params.Require("productType"));
      std::optional<std::string> symbol;
      if (call.params.Get("symbol")) {
        BGT_EMU_TRY(i, SymbolIndex(call.params));
        symbol = market_->instruments()[*i].symbol();
      }
      const auto filter =
          symbol ? std::optional<std::string_view>(*symbol) : std::optional<std::string_view>();
      BGT_EMU_TRY(orders, open ? exchange_->GetOpenOrders(call.key->account, filter)
                               : exchange_->GetOrderHistory(call.key->account, filter));
      return bitget::EncodeOrderList(ToOrderList(*orders, true), call.now);
    };
  };
  AddRoute(Endpoint::kOrdersPending, order_list(true));
  AddRoute(Endpoint::kOrdersHistory, order_list(false));

  AddRoute(Endpoint::kFills, [this](const Call& call) -> core::Result<std::string> {
    BGT_EMU_TRY(type, call.params.Require("productType"));
    std::optional<std::string> symbol;
    if (call.params.Get("symbol")) {
      BGT_EMU_TRY(i, SymbolIndex(call.params));
      symbol = market_->instruments()[*i].symbol();
    }
    BGT_EMU_TRY(order_id, call.params.OptionalInt("orderId"));
    BGT_EMU_TRY(
        fills,
        exchange_->GetFills(
            call.key->account, symbol ? std::optional<std::string_view>(*symbol) : std::nullopt,
            *order_id ? std::optional<sim::OrderId>(static_cast<sim::OrderId>(**order_id))
                      : std::nullopt));
    bitget::FillList list;
    for (auto it = fills->rbegin(); it != fills->rend(); ++it) {
      list.fill_list.push_back(ToFillInfo(*it));
    }
    if (!list.fill_list.empty()) list.end_id = list.fill_list.back().trade_id;
    return bitget::EncodeFills(list, call.now);
  });

  AddRoute(Endpoint::kAllPosition, [this](const Call& call) -> core::Result<std::string> {
    BGT_EMU_TRY(type, call.params.Require("productType"));
    BGT_EMU_TRY(coin, call.params.Require("marginCoin"));
    BGT_EMU_TRY(positions, exchange_->GetPositions(call.key->account));
    std::vector<bitget::PositionInfo> rows;
    for (const sim::PositionView& p : *positions) rows.push_back(ToPositionInfo(p));
    return bitget::EncodePositions(rows, call.now);
  });

  AddRoute(Endpoint::kSinglePosition, [this](const Call& call) -> core::Result<std::string> {
    BGT_EMU_TRY(symbol, SymbolIndex(call.params));
    BGT_EMU_TRY(coin, call.params.Require("marginCoin"));
    const std::string& name = market_->instruments()[*symbol].symbol();
    BGT_EMU_TRY(positions, exchange_->GetPositions(call.key->account, name));
    std::vector<bitget::PositionInfo> rows;
    for (const sim::PositionView& p : *positions) rows.push_back(ToPositionInfo(p));
    return bitget::EncodePositions(rows, call.now);
  });

  AddTpslRoutes();
}

}  // namespace bgt::emulator
