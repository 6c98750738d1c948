// Real Bitget USDT-M contract rows for tests, copied value for value from
// /work/shared/data/bitget-usdtm-contracts.json (a GET /api/v2/mix/market/contracts response of
// 2026-07-02; see that folder's README.md for provenance). Test-only; not part of bgt_model.
// Thread-safety: pure functions returning fresh values.
#pragma once

#include "core/check.h"
#include "model/contract_row.h"
#include "model/instrument.h"

namespace bgt::model::testdata {

inline ContractRow BtcUsdtRow() {
  return ContractRow{
      .symbol = "BTCUSDT",
      .base_coin = "BTC",
      .quote_coin = "USDT",
      .buy_limit_price_ratio = "0.05",
      .sell_limit_price_ratio = "0.05",
      .fee_rate_up_ratio = "0.005",
      .maker_fee_rate = "0.0002",
      .taker_fee_rate = "0.0006",
      .open_cost_up_ratio = "0.01",
      .support_margin_coins = {"USDT"},
      .min_trade_num = "0.0001",
      .price_end_step = "1",
      .volume_place = "4",
      .price_place = "1",
      .size_multiplier = "0.0001",
      .symbol_type = "perpetual",
      .min_trade_usdt = "5",
      .max_symbol_order_num = "200",
      .max_product_order_num = "1000",
      .max_position_num = "150",
      .symbol_status = "normal",
      .off_time = "-1",
      .limit_open_time = "-1",
      .delivery_time = "",
      .delivery_start_time = "",
      .delivery_period = "",
      .launch_time = "",
      .fund_interval = "8",
      .min_lever = "1",
      .max_lever = "150",
      .pos_limit = "0.2",
      .maintain_time = "",
      .open_time = "",
      .max_market_order_qty = "220",
      .max_order_qty = "1200",
      .is_rwa = "NO",
  };
}

inline ContractRow EthUsdtRow() {
  return ContractRow{
      .symbol = "ETHUSDT",
      .base_coin = "ETH",
      .quote_coin = "USDT",
      .buy_limit_price_ratio = "0.05",
      .sell_limit_price_ratio = "0.05",
      .fee_rate_up_ratio = "0.005",
      .maker_fee_rate = "0.0002",
      .taker_fee_rate = "0.0006",
      .open_cost_up_ratio = "0.01",
      .support_margin_coins = {"USDT"},
      .min_trade_num = "0.01",
      .price_end_step = "1",
      .volume_place = "2",
      .price_place = "2",
      .size_multiplier = "0.01",
      .symbol_type = "perpetual",
      .min_trade_usdt = "5",
      .max_symbol_order_num = "200",
      .max_product_order_num = "1000",
      .max_position_num = "150",
      .symbol_status = "normal",
      .off_time = "-1",
      .limit_open_time = "-1",
      .delivery_time = "",
      .delivery_start_time = "",
      .delivery_period = "",
      .launch_time = "",
      .fund_interval = "8",
      .min_lever = "1",
      .max_lever = "150",
      .pos_limit = "0.1",
      .maintain_time = "",
      .open_time = "",
      .max_market_order_qty = "1900",
      .max_order_qty = "9900",
      .is_rwa = "NO",
  };
}

inline ContractRow PepeUsdtRow() {
  return ContractRow{
      .symbol = "PEPEUSDT",
      .base_coin = "PEPE",
      .quote_coin = "USDT",
      .buy_limit_price_ratio = "0.05",
      .sell_limit_price_ratio = "0.05",
      .fee_rate_up_ratio = "0.005",
      .maker_fee_rate = "0.0002",
      .taker_fee_rate = "0.0006",
      .open_cost_up_ratio = "0.01",
      .support_margin_coins = {"USDT"},
      .min_trade_num = "1000",
      .price_end_step = "1",
      .volume_place = "0",
      .price_place = "10",
      .size_multiplier = "1000",
      .symbol_type = "perpetual",
      .min_trade_usdt = "5",
      .max_symbol_order_num = "200",
      .max_product_order_num = "1000",
      .max_position_num = "150",
      .symbol_status = "normal",
      .off_time = "-1",
      .limit_open_time = "-1",
      .delivery_time = "",
      .delivery_start_time = "",
      .delivery_period = "",
      .launch_time = "",
      .fund_interval = "8",
      .min_lever = "1",
      .max_lever = "75",
      .pos_limit = "0.15",
      .maintain_time = "",
      .open_time = "",
      .max_market_order_qty = "190000000000",
      .max_order_qty = "1500000000000",
      .is_rwa = "NO",
  };
}

inline ContractRow ShibUsdtRow() {
  return ContractRow{
      .symbol = "SHIBUSDT",
      .base_coin = "SHIB",
      .quote_coin = "USDT",
      .buy_limit_price_ratio = "0.05",
      .sell_limit_price_ratio = "0.05",
      .fee_rate_up_ratio = "0.005",
      .maker_fee_rate = "0.0002",
      .taker_fee_rate = "0.0006",
      .open_cost_up_ratio = "0.01",
      .support_margin_coins = {"USDT"},
      .min_trade_num = "10000",
      .price_end_step = "1",
      .volume_place = "0",
      .price_place = "9",
      .size_multiplier = "10000",
      .symbol_type = "perpetual",
      .min_trade_usdt = "5",
      .max_symbol_order_num = "200",
      .max_product_order_num = "1000",
      .max_position_num = "150",
      .symbol_status = "normal",
      .off_time = "-1",
      .limit_open_time = "-1",
      .delivery_time = "",
      .delivery_start_time = "",
      .delivery_period = "",
      .launch_time = "",
      .fund_interval = "8",
      .min_lever = "1",
      .max_lever = "75",
      .pos_limit = "0.15",
      .maintain_time = "",
      .open_time = "",
      .max_market_order_qty = "94000000000",
      .max_order_qty = "920000000000",
      .is_rwa = "NO",
  };
}

// A BTCUSDT row changed to the seed example of the precision rules: pricePlace 1 and
// priceEndStep 5, so the tick is 0.5.
inline ContractRow HalfTickRow() {
  ContractRow row = BtcUsdtRow();
  row.price_end_step = "5";
  return row;
}

// The Instrument of a row known to be valid (aborts otherwise: a broken test fixture).
inline Instrument MustBuild(const ContractRow& row) {
  auto instrument = Instrument::FromContractRow(row);
  BGT_CHECK(instrument.has_value(), "test fixture row must be valid");
  return *instrument;
}

}  // namespace bgt::model::testdata
