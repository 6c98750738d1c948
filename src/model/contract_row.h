// ContractRow: one `data[]` row of GET /api/v2/mix/market/contracts exactly as Bitget sends it,
// every value still text. bitget/ fills it from JSON; Instrument::FromContractRow turns it into
// typed, validated values. A field Bitget left out is an empty string (or an empty vector).
// Thread-safety: plain value type.
#pragma once

#include <string>
#include <vector>

namespace bgt::model {

// Members are Bitget's camelCase field names in snake_case, in Bitget's order.
struct ContractRow {
  std::string symbol;                  // "BTCUSDT"
  std::string base_coin;               // "BTC"
  std::string quote_coin;              // "USDT"
  std::string buy_limit_price_ratio;   // "0.05": a buy may not exceed reference × (1 + ratio)
  std::string sell_limit_price_ratio;  // "0.05": a sell may not go below reference × (1 - ratio)
  std::string fee_rate_up_ratio;       // "0.005"
  std::string maker_fee_rate;          // "0.0002"
  std::string taker_fee_rate;          // "0.0006"
  std::string open_cost_up_ratio;      // "0.01"
  std::vector<std::string> support_margin_coins;  // ["USDT"]
  std::string min_trade_num;                      // "0.0001": minimum order size, base coin
  std::string price_end_step;                     // "1": tick = priceEndStep × 10^-pricePlace
  std::string volume_place;                       // "4": size decimals
  std::string price_place;                        // "1": price decimals
  std::string size_multiplier;                    // "0.0001": size step
  std::string symbol_type;                        // "perpetual" | "delivery"
  std::string min_trade_usdt;                     // "5": minimum notional, USDT
  std::string max_symbol_order_num;               // "200": open orders per symbol
  std::string max_product_order_num;              // "1000": open orders per product type
  std::string max_position_num;                   // "150"
  std::string symbol_status;        // listed | normal | maintain | limit_open | restrictedAPI | off
  std::string off_time;             // ms epoch; "-1" = none
  std::string limit_open_time;      // ms epoch; "-1" = none
  std::string delivery_time;        // ms epoch; "" = none
  std::string delivery_start_time;  // ms epoch; "" = none
  std::string delivery_period;      // delivery contracts only; "" otherwise
  std::string launch_time;          // ms epoch; "" = none
  std::string fund_interval;        // "8": funding interval, hours
  std::string min_lever;            // "1"
  std::string max_lever;            // "150"
  std::string pos_limit;            // "0.2" (deprecated by Bitget)
  std::string maintain_time;        // ms epoch; "" = none
  std::string open_time;            // ms epoch; "" = none (deprecated by Bitget)
  std::string max_market_order_qty;  // "220": per-order cap for market orders, base coin
  std::string max_order_qty;         // "1200": per-order cap for limit orders, base coin
  std::string is_rwa;                // "YES" | "NO"
};

}  // namespace bgt::model
