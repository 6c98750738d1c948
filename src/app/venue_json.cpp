#include "app/venue_json.h"

#include <string_view>

#include "model/order_types.h"

namespace bgt::app {
namespace {

// An enum in Bitget's spelling (found by argument-dependent lookup).
template <typename E>
boost::json::value Name(E value) {
  return boost::json::value(ToString(value));
}

template <typename E>
boost::json::value Name(const std::optional<E>& value) {
  if (!value) return nullptr;
  return boost::json::value(ToString(*value));
}

boost::json::value Text(const std::string& text) {
  if (text.empty()) return nullptr;
  return boost::json::value(text);
}

boost::json::value Text(const std::optional<std::string>& text) {
  if (!text || text->empty()) return nullptr;
  return boost::json::value(*text);
}

boost::json::value Int(const std::optional<int>& value) {
  if (!value) return nullptr;
  return boost::json::value(*value);
}

boost::json::value Bool(const std::optional<bool>& value) {
  if (!value) return nullptr;
  return boost::json::value(*value);
}

boost::json::array Levels(const std::vector<model::BookLevel>& levels) {
  boost::json::array out;
  for (const model::BookLevel& level : levels) {
    out.push_back(boost::json::array{Json(level.price), Json(level.size)});
  }
  return out;
}

}  // namespace

boost::json::value Json(const core::Decimal& value) { return boost::json::value(value.ToString()); }

boost::json::value Json(const std::optional<core::Decimal>& value) {
  if (!value) return nullptr;
  return Json(*value);
}

boost::json::value Json(core::Timestamp time) { return boost::json::value(time.millis()); }

boost::json::value Json(const std::optional<core::Timestamp>& time) {
  if (!time) return nullptr;
  return Json(*time);
}

boost::json::object ToJson(const model::ContractRow& row) {
  boost::json::array coins;
  for (const std::string& coin : row.support_margin_coins)
    coins.push_back(boost::json::value(coin));
  return {
      {"symbol", row.symbol},
      {"base_coin", row.base_coin},
      {"quote_coin", row.quote_coin},
      {"buy_limit_price_ratio", row.buy_limit_price_ratio},
      {"sell_limit_price_ratio", row.sell_limit_price_ratio},
      {"fee_rate_up_ratio", row.fee_rate_up_ratio},
      {"maker_fee_rate", row.maker_fee_rate},
      {"taker_fee_rate", row.taker_fee_rate},
      {"open_cost_up_ratio", row.open_cost_up_ratio},
      {"support_margin_coins", std::move(coins)},
      {"min_trade_num", row.min_trade_num},
      {"price_end_step", row.price_end_step},
      {"volume_place", row.volume_place},
      {"price_place", row.price_place},
      {"size_multiplier", row.size_multiplier},
      {"symbol_type", row.symbol_type},
      {"min_trade_usdt", row.min_trade_usdt},
      {"max_symbol_order_num", row.max_symbol_order_num},
      {"max_product_order_num", row.max_product_order_num},
      {"max_position_num", row.max_position_num},
      {"symbol_status", row.symbol_status},
      {"off_time", row.off_time},
      {"limit_open_time", row.limit_open_time},
      {"delivery_time", row.delivery_time},
      {"delivery_start_time", row.delivery_start_time},
      {"delivery_period", row.delivery_period},
      {"launch_time", row.launch_time},
      {"fund_interval", row.fund_interval},
      {"min_lever", row.min_lever},
      {"max_lever", row.max_lever},
      {"pos_limit", row.pos_limit},
      {"maintain_time", row.maintain_time},
      {"open_time", row.open_time},
      {"max_market_order_qty", row.max_market_order_qty},
      {"max_order_qty", row.max_order_qty},
      {"is_rwa", row.is_rwa},
  };
}

boost::json::object ToJson(const bitget::TickerInfo& info) {
  const model::Ticker& t = info.ticker;
  return {
      {"symbol", t.symbol},
      {"last_price", Json(t.last_price)},
      {"bid_price", Json(t.bid_price)},
      {"bid_size", Json(t.bid_size)},
      {"ask_price", Json(t.ask_price)},
      {"ask_size", Json(t.ask_size)},
      {"open_24h", Json(t.open_24h)},
      {"high_24h", Json(t.high_24h)},
      {"low_24h", Json(t.low_24h)},
      {"base_volume_24h", Json(t.base_volume_24h)},
      {"quote_volume_24h", Json(t.quote_volume_24h)},
      {"funding_rate", Json(t.funding_rate)},
      {"mark_price", Json(t.mark_price)},
      {"index_price", Json(t.index_price)},
      {"open_interest", Json(t.open_interest)},
      {"ts", Json(t.ts)},
      {"change_24h", Json(info.change_24h)},
      {"usdt_volume", Json(info.usdt_volume)},
      {"open_utc", Json(info.open_utc)},
      {"change_utc_24h", Json(info.change_utc_24h)},
  };
}

boost::json::object ToJson(const model::Candle& c) {
  return {
      {"open_time", Json(c.open_time)},
      {"open", Json(c.open)},
      {"high", Json(c.high)},
      {"low", Json(c.low)},
      {"close", Json(c.close)},
      {"base_volume", Json(c.base_volume)},
      {"quote_volume", Json(c.quote_volume)},
  };
}

boost::json::object ToJson(const bitget::CandleGap& gap) {
  return {{"from", Json(gap.from)}, {"to", Json(gap.to)}};
}

boost::json::object ToJson(const bitget::MergeDepth& depth) {
  return {
      {"symbol", depth.book.symbol},
      {"bids", Levels(depth.book.bids)},
      {"asks", Levels(depth.book.asks)},
      {"ts", Json(depth.book.ts)},
      {"scale", Json(depth.scale)},
      {"precision", Text(depth.precision)},
      {"is_max_precision", Bool(depth.is_max_precision)},
  };
}

boost::json::object ToJson(const bitget::OpenInterestEntry& entry) {
  return {{"symbol", entry.symbol}, {"size", Json(entry.size)}};
}

boost::json::object ToJson(const bitget::FundingRateInfo& r) {
  return {
      {"symbol", r.symbol},
      {"funding_rate", Json(r.funding_rate)},
      {"funding_rate_interval_hours", Int(r.funding_rate_interval_hours)},
      {"next_update", Json(r.next_update)},
      {"min_funding_rate", Json(r.min_funding_rate)},
      {"max_funding_rate", Json(r.max_funding_rate)},
  };
}

boost::json::object ToJson(const bitget::AccountInfo& a) {
  boost::json::array assets;
  for (const bitget::AssetBalance& asset : a.asset_list) {
    assets.push_back(boost::json::object{{"coin", asset.coin},
                                         {"balance", Json(asset.balance)},
                                         {"available", Json(asset.available)}});
  }
  return {
      {"margin_coin", a.margin_coin},
      {"locked", Json(a.locked)},
      {"available", Json(a.available)},
      {"crossed_max_available", Json(a.crossed_max_available)},
      {"isolated_max_available", Json(a.isolated_max_available)},
      {"max_transfer_out", Json(a.max_transfer_out)},
      {"account_equity", Json(a.account_equity)},
      {"usdt_equity", Json(a.usdt_equity)},
      {"btc_equity", Json(a.btc_equity)},
      {"crossed_risk_rate", Json(a.crossed_risk_rate)},
      {"crossed_margin_leverage", Json(a.crossed_margin_leverage)},
      {"isolated_long_lever", Json(a.isolated_long_lever)},
      {"isolated_short_lever", Json(a.isolated_short_lever)},
      {"margin_mode", Name(a.margin_mode)},
      {"pos_mode", Name(a.pos_mode)},
      {"unrealized_pl", Json(a.unrealized_pl)},
      {"coupon", Json(a.coupon)},
      {"crossed_unrealized_pl", Json(a.crossed_unrealized_pl)},
      {"isolated_unrealized_pl", Json(a.isolated_unrealized_pl)},
      {"grant", Json(a.grant)},
      {"isolated_margin", Json(a.isolated_margin)},
      {"crossed_margin", Json(a.crossed_margin)},
      {"union_total_margin", Json(a.union_total_margin)},
      {"union_available", Json(a.union_available)},
      {"union_mm", Json(a.union_mm)},
      {"asset_list", std::move(assets)},
      {"asset_mode", Name(a.asset_mode)},
  };
}

boost::json::object ToJson(const bitget::LeverageResult& r) {
  return {
      {"symbol", r.symbol},
      {"margin_coin", r.margin_coin},
      {"long_leverage", Json(r.long_leverage)},
      {"short_leverage", Json(r.short_leverage)},
      {"cross_margin_leverage", Json(r.cross_margin_leverage)},
      {"margin_mode", Name(r.margin_mode)},
  };
}

boost::json::object ToJson(const bitget::MarginModeResult& r) {
  return {
      {"symbol", r.symbol},
      {"margin_coin", r.margin_coin},
      {"long_leverage", Json(r.long_leverage)},
      {"short_leverage", Json(r.short_leverage)},
      {"margin_mode", Name(r.margin_mode)},
  };
}

boost::json::object ToJson(const bitget::PositionModeResult& r) {
  return {{"pos_mode", Name(r.pos_mode)}};
}

boost::json::object ToJson(const bitget::OrderAck& ack) {
  return {{"order_id", Text(ack.order_id)}, {"client_oid", Text(ack.client_oid)}};
}

boost::json::object ToJson(const bitget::BatchResult& r) {
  boost::json::array successes;
  for (const bitget::BatchSuccess& s : r.success_list) {
    successes.push_back(boost::json::object{{"order_id", Text(s.order_id)},
                                            {"client_oid", Text(s.client_oid)},
                                            {"symbol", Text(s.symbol)}});
  }
  boost::json::array failures;
  for (const bitget::BatchFailure& f : r.failure_list) {
    failures.push_back(boost::json::object{{"order_id", Text(f.order_id)},
                                           {"client_oid", Text(f.client_oid)},
                                           {"symbol", Text(f.symbol)},
                                           {"error_code", Text(f.error_code)},
                                           {"error_msg", Text(f.error_msg)}});
  }
  return {{"success_list", std::move(successes)},
          {"failure_list", std::move(failures)},
          {"result", Bool(r.result)}};
}

boost::json::object ToJson(const bitget::OrderInfo& o) {
  boost::json::value direction = nullptr;
  boost::json::value leg = nullptr;
  if (auto intent = bitget::TradeDirection(o.side, o.trade_side, o.pos_mode)) {
    direction = Name(intent->direction);
    leg = Name(intent->leg);
  }
  return {
      {"symbol", o.symbol},
      {"order_id", o.order_id},
      {"client_oid", Text(o.client_oid)},
      {"size", Json(o.size)},
      {"base_volume", Json(o.base_volume)},
      {"price", Json(o.price)},
      {"price_avg", Json(o.price_avg)},
      {"status", Name(o.status)},
      {"side", Name(o.side)},
      {"trade_side", Text(o.trade_side)},
      {"direction", std::move(direction)},
      {"leg", std::move(leg)},
      {"pos_side", Name(o.pos_side)},
      {"pos_mode", Name(o.pos_mode)},
      {"order_type", Name(o.order_type)},
      {"force", Name(o.force)},
      {"reduce_only", o.reduce_only},
      {"margin_mode", Name(o.margin_mode)},
      {"margin_coin", Text(o.margin_coin)},
      {"leverage", Json(o.leverage)},
      {"fee", Json(o.fee)},
      {"quote_volume", Json(o.quote_volume)},
      {"total_profits", Json(o.total_profits)},
      {"preset_stop_surplus_price", Json(o.preset_stop_surplus_price)},
      {"preset_stop_loss_price", Json(o.preset_stop_loss_price)},
      {"order_source", Text(o.order_source)},
      {"enter_point_source", Text(o.enter_point_source)},
      {"cancel_reason", Text(o.cancel_reason)},
      {"new_trade_side", Text(o.new_trade_side)},
      {"liq_price", Json(o.liq_price)},
      {"pos_avg", Json(o.pos_avg)},
      {"c_time", Json(o.c_time)},
      {"u_time", Json(o.u_time)},
  };
}

boost::json::object ToJson(const bitget::PositionInfo& p) {
  return {
      {"symbol", p.symbol},
      {"margin_coin", p.margin_coin},
      {"hold_side", Name(p.hold_side)},
      {"total", Json(p.total)},
      {"available", Json(p.available)},
      {"locked", Json(p.locked)},
      {"open_delegate_size", Json(p.open_delegate_size)},
      {"open_price_avg", Json(p.open_price_avg)},
      {"mark_price", Json(p.mark_price)},
      {"liquidation_price", Json(p.liquidation_price)},
      {"break_even_price", Json(p.break_even_price)},
      {"unrealized_pl", Json(p.unrealized_pl)},
      {"achieved_profits", Json(p.achieved_profits)},
      {"margin_size", Json(p.margin_size)},
      {"margin_ratio", Json(p.margin_ratio)},
      {"keep_margin_rate", Json(p.keep_margin_rate)},
      {"leverage", Json(p.leverage)},
      {"margin_mode", Name(p.margin_mode)},
      {"pos_mode", Name(p.pos_mode)},
      {"total_fee", Json(p.total_fee)},
      {"deducted_fee", Json(p.deducted_fee)},
      {"take_profit", Json(p.take_profit)},
      {"stop_loss", Json(p.stop_loss)},
      {"auto_margin", Text(p.auto_margin)},
      {"c_time", Json(p.c_time)},
      {"u_time", Json(p.u_time)},
  };
}

}  // namespace bgt::app
