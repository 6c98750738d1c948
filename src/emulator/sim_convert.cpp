// sim views -> Bitget REST result types.
#include "emulator/sim_convert.h"

#include <string>

namespace bgt::emulator {
namespace {

bitget::OrderState ToWireState(sim::OrderState state) {
  switch (state) {
    case sim::OrderState::kLive:
      return bitget::OrderState::kLive;
    case sim::OrderState::kPartiallyFilled:
      return bitget::OrderState::kPartiallyFilled;
    case sim::OrderState::kFilled:
      return bitget::OrderState::kFilled;
    case sim::OrderState::kCanceled:
      return bitget::OrderState::kCanceled;
  }
  return bitget::OrderState::kLive;
}

std::string TradeSideText(const std::optional<model::TradeSide>& side) {
  return side ? std::string(model::ToString(*side)) : std::string();
}

// Bitget's cancelReason: "stp_cancel" for self-trade prevention, else "normal_cancel"
// (bitget-api-more.md §5.2).
std::string CancelReasonText(sim::CancelReason reason) {
  return reason == sim::CancelReason::kSelfTrade ? "stp_cancel" : "normal_cancel";
}

}  // namespace

bitget::AccountInfo ToAccountInfo(const sim::AccountView& a, const sim::SymbolConfig& settings) {
  bitget::AccountInfo out;
  out.margin_coin = a.margin_coin;
  out.locked = a.locked;
  out.available = a.available;
  out.crossed_max_available = a.max_open;
  out.isolated_max_available = a.max_open;
  out.max_transfer_out = a.max_transfer_out;
  out.account_equity = a.equity;
  out.usdt_equity = a.equity;
  out.crossed_risk_rate = a.crossed_risk_rate;
  out.crossed_margin_leverage = core::Decimal::FromInt(settings.cross_leverage);
  out.isolated_long_lever = core::Decimal::FromInt(settings.long_leverage);
  out.isolated_short_lever = core::Decimal::FromInt(settings.short_leverage);
  out.margin_mode = settings.margin_mode;
  out.pos_mode = a.pos_mode;
  out.unrealized_pl = a.unrealized_pnl;
  out.crossed_unrealized_pl = a.crossed_unrealized_pnl;
  out.isolated_unrealized_pl = a.isolated_unrealized_pnl;
  out.isolated_margin = a.isolated_margin;
  out.crossed_margin = a.crossed_margin;
  out.asset_mode = bitget::AssetMode::kSingle;
  return out;
}

bitget::OrderInfo ToOrderInfo(const sim::OrderView& o) {
  bitget::OrderInfo out;
  out.symbol = o.symbol;
  out.size = o.size;
  out.order_id = std::to_string(o.order_id);
  out.client_oid = o.client_oid;
  out.base_volume = o.filled;
  out.fee = o.fee;
  out.price = o.price;
  out.price_avg = o.AvgPrice(8);
  out.status = ToWireState(o.state);
  out.side = o.side;
  out.force = o.force;
  out.total_profits = o.realized_pnl;
  out.pos_side = o.pos_side;
  out.margin_coin = "USDT";
  out.quote_volume = o.filled_notional;
  out.leverage = core::Decimal::FromInt(o.leverage);
  out.margin_mode = o.margin_mode;
  out.reduce_only = o.reduce_only;
  out.enter_point_source = "API";
  out.trade_side = TradeSideText(o.trade_side);
  if (out.trade_side.empty())
    out.trade_side = o.side == model::OrderSide::kBuy ? "buy_single" : "sell_single";
  out.pos_mode = o.pos_mode;
  out.order_type = o.type;
  out.order_source = std::string(sim::ToString(o.source));
  out.preset_stop_surplus_price = o.preset_take_profit;
  out.preset_stop_surplus_execute_price = o.preset_take_profit_execute;
  out.preset_stop_loss_price = o.preset_stop_loss;
  out.preset_stop_loss_execute_price = o.preset_stop_loss_execute;
  if (o.cancel_reason) out.cancel_reason = CancelReasonText(*o.cancel_reason);
  out.c_time = o.created;
  out.u_time = o.updated;
  return out;
}

bitget::PositionInfo ToPositionInfo(const sim::PositionView& p) {
  bitget::PositionInfo out;
  out.margin_coin = "USDT";
  out.symbol = p.symbol;
  out.hold_side = p.hold_side;
  out.open_delegate_size = core::Decimal();
  out.margin_size = p.margin;
  out.available = p.available;
  out.locked = p.locked;
  out.total = p.total;
  out.leverage = core::Decimal::FromInt(p.leverage);
  out.achieved_profits = p.realized_pnl;
  out.open_price_avg = p.open_price_avg;
  out.margin_mode = p.margin_mode;
  out.pos_mode = p.pos_mode;
  out.unrealized_pl = p.unrealized_pnl;
  out.liquidation_price = p.liquidation_price;
  out.keep_margin_rate = p.maintenance_rate;
  out.mark_price = p.mark;
  out.margin_ratio = p.margin_ratio;
  out.total_fee = p.funding;
  out.deducted_fee = p.fees;
  out.asset_mode = bitget::AssetMode::kSingle;
  out.auto_margin = "off";
  out.take_profit = p.take_profit;
  out.stop_loss = p.stop_loss;
  if (p.take_profit_id) out.take_profit_id = std::to_string(*p.take_profit_id);
  if (p.stop_loss_id) out.stop_loss_id = std::to_string(*p.stop_loss_id);
  out.c_time = p.created;
  out.u_time = p.updated;
  return out;
}

bitget::FillInfo ToFillInfo(const sim::FillView& f) {
  bitget::FillInfo out;
  out.trade_id = std::to_string(f.trade_id);
  out.symbol = f.symbol;
  out.order_id = std::to_string(f.order_id);
  out.price = f.price;
  out.base_volume = f.size;
  out.quote_volume = f.price * f.size;
  out.side = f.side;
  out.profit = f.realized_pnl;
  out.enter_point_source = "API";
  out.trade_side = TradeSideText(f.trade_side);
  if (out.trade_side.empty())
    out.trade_side = f.side == model::OrderSide::kBuy ? "buy_single" : "sell_single";
  out.pos_mode = f.pos_mode;
  out.trade_scope = f.liquidity;
  out.fee_detail.push_back(bitget::FeeDetail{false, "USDT", core::Decimal(), f.fee});
  out.margin_coin = "USDT";
  out.c_time = f.ts;
  return out;
}

bitget::PlanOrderInfo ToPlanOrderInfo(const sim::PlanOrder& plan) {
  bitget::PlanOrderInfo out;
  out.plan_type = bitget::ParsePlanType(sim::ToString(plan.type)).value();
  out.symbol = plan.symbol;
  out.size = plan.size;
  out.order_id = std::to_string(plan.plan_id);
  out.client_oid = plan.client_oid;
  out.price = plan.execute_price;
  out.execute_price = plan.execute_price;
  out.trigger_price = plan.trigger_price;
  out.trigger_type = bitget::ParseTriggerType(sim::ToString(plan.trigger_type)).value();
  out.plan_status =
      plan.status == sim::PlanStatus::kLive ? "live" : std::string(sim::ToString(plan.status));
  out.side = plan.side;
  if (plan.hold_side != model::PositionSide::kNet) out.pos_side = plan.hold_side;
  out.margin_coin = "USDT";
  out.margin_mode = plan.margin_mode;
  out.enter_point_source = "API";
  out.order_type = plan.order_type;
  out.c_time = plan.created;
  out.u_time = plan.updated;
  return out;
}

bitget::OrderAck ToOrderAck(const sim::OrderAck& ack) {
  return bitget::OrderAck{std::to_string(ack.order_id), ack.client_oid};
}

bitget::BatchResult ToBatchResult(const sim::BatchResult& r) {
  bitget::BatchResult out;
  for (const sim::OrderAck& s : r.success) {
    out.success_list.push_back(bitget::BatchSuccess{std::to_string(s.order_id), s.client_oid, ""});
  }
  for (const sim::BatchFailure& f : r.failure) {
    out.failure_list.push_back(bitget::BatchFailure{std::to_string(f.order_id), f.client_oid, "",
                                                    f.error.venue_code, f.error.message});
  }
  return out;
}

}  // namespace bgt::emulator
