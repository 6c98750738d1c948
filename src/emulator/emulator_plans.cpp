// Private REST endpoints of the emulator for TP/SL and plan orders: place-tpsl-order,
// orders-plan-pending and cancel-plan-order.
#include <boost/json.hpp>
#include <cstdlib>
#include <string>
#include <vector>

#include "bitget/encode_responses.h"
#include "emulator/emulator_impl.h"
#include "emulator/sim_convert.h"

namespace bgt::emulator {
namespace {

using bitget::Endpoint;

}  // namespace

void Emulator::Impl::AddTpslRoutes() {
  AddRoute(Endpoint::kPlaceTpslOrder, [this](const Call& call) -> core::Result<std::string> {
    auto symbol = SymbolIndex(call.params);
    if (!symbol) return symbol.error();
    sim::TpslRequest request;
    request.symbol = market_->instruments()[*symbol].symbol();
    auto plan_text = call.params.Require("planType");
    if (!plan_text) return plan_text.error();
    auto plan_type = sim::ParsePlanType(*plan_text);
    if (!plan_type) return VenueReject("40017", "Parameter planType error");
    request.plan_type = *plan_type;
    auto trigger = call.params.RequireDecimal("triggerPrice");
    if (!trigger) return trigger.error();
    request.trigger_price = *trigger;
    auto trigger_type =
        call.params.OptionalEnum<sim::TriggerType>("triggerType", sim::ParseTriggerType);
    if (!trigger_type) return trigger_type.error();
    if (*trigger_type) request.trigger_type = **trigger_type;
    auto execute = call.params.OptionalDecimal("executePrice");
    if (!execute) return execute.error();
    request.execute_price = *execute;
    auto hold = call.params.Require("holdSide");
    if (!hold) return hold.error();
    if (net::EqualsIgnoreCase(*hold, "long") || net::EqualsIgnoreCase(*hold, "buy")) {
      request.hold_side = model::PositionSide::kLong;
    } else if (net::EqualsIgnoreCase(*hold, "short") || net::EqualsIgnoreCase(*hold, "sell")) {
      request.hold_side = model::PositionSide::kShort;
    } else {
      return VenueReject("40017", "Parameter holdSide error");
    }
    auto size = call.params.OptionalDecimal("size");
    if (!size) return size.error();
    request.size = *size;
    request.client_oid = call.params.Get("clientOid").value_or("");
    auto ack = exchange_->PlaceTpsl(call.key->account, request);
    if (!ack) return ack.error();
    return bitget::EncodeOrderAck(ToOrderAck(*ack), call.now);
  });

  AddRoute(Endpoint::kOrdersPlanPending, [this](const Call& call) -> core::Result<std::string> {
    auto type = call.params.Require("productType");
    if (!type) return type.error();
    std::optional<std::string> symbol;
    if (call.params.Get("symbol")) {
      auto i = SymbolIndex(call.params);
      if (!i) return i.error();
      symbol = market_->instruments()[*i].symbol();
    }
    auto plans = exchange_->GetPlanOrders(
        call.key->account, symbol ? std::optional<std::string_view>(*symbol) : std::nullopt);
    if (!plans) return plans.error();
    const auto filter = call.params.Get("planType");
    bitget::PlanOrderList list;
    for (const sim::PlanOrder& plan : *plans) {
      const bool wanted = filter ? net::EqualsIgnoreCase(*filter, "profit_loss")
                                       ? sim::IsTpsl(plan.type)
                                       : net::EqualsIgnoreCase(*filter, sim::ToString(plan.type))
                                 : plan.type == sim::PlanType::kNormalPlan;
      if (wanted) list.entrusted_list.push_back(ToPlanOrderInfo(plan));
    }
    if (!list.entrusted_list.empty()) list.end_id = list.entrusted_list.back().order_id;
    return bitget::EncodePlanOrders(list, call.now);
  });

  AddRoute(Endpoint::kCancelPlanOrder, [this](const Call& call) -> core::Result<std::string> {
    auto symbol = SymbolIndex(call.params);
    if (!symbol) return symbol.error();
    std::vector<sim::OrderRef> refs;
    if (const auto list = call.params.Get("orderIdList")) {
      boost::system::error_code ec;
      const boost::json::value items = boost::json::parse(*list, ec);
      if (ec || !items.is_array()) return VenueReject("40017", "Parameter orderIdList error");
      for (const boost::json::value& item : items.as_array()) {
        if (!item.is_object()) return VenueReject("40017", "Parameter orderIdList error");
        sim::OrderRef ref;
        if (const auto* id = item.as_object().if_contains("orderId"); id && id->is_string()) {
          ref.order_id = std::strtoull(id->as_string().c_str(), nullptr, 10);
        }
        if (const auto* oid = item.as_object().if_contains("clientOid"); oid && oid->is_string()) {
          ref.client_oid = std::string(oid->as_string());
        }
        refs.push_back(std::move(ref));
      }
    }
    std::optional<sim::PlanType> type;
    if (const auto text = call.params.Get("planType")) {
      auto parsed = sim::ParsePlanType(*text);
      if (!parsed) return VenueReject("40017", "Parameter planType error");
      type = *parsed;
    }
    auto result = exchange_->CancelPlanOrders(call.key->account,
                                              market_->instruments()[*symbol].symbol(), refs, type);
    if (!result) return result.error();
    return bitget::EncodeBatchResult(ToBatchResult(*result), call.now);
  });
}

}  // namespace bgt::emulator
