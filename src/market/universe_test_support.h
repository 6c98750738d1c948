// Test support for pair selection: instruments from a real Bitget contract row with the fields a
// test changes, tickers, and 1H candle series with a known ATR (constant close c and range
// c ± d give a true range of 2d on every bar, so ATR = 2d and ATR % = 200 d / c, whatever the
// smoothing).
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "core/check.h"
#include "core/decimal.h"
#include "core/time.h"
#include "market/universe.h"
#include "model/contract_rows_testdata.h"
#include "model/instrument.h"

namespace bgt::market::testing {

inline const core::Timestamp kNow = core::Timestamp::FromSeconds(1'760'000'400);  // on the hour

inline core::Decimal D(std::string_view text) { return *core::Decimal::Parse(text); }

struct InstSpec {
  std::string status = "normal";
  std::string launch_ms = "";
  std::string off_ms = "-1";
  std::string limit_open_ms = "-1";
  std::string maintain_ms = "";
  std::string type = "perpetual";
};

inline model::Instrument Inst(const std::string& symbol, const InstSpec& spec = {}) {
  model::ContractRow row = model::testdata::BtcUsdtRow();
  row.symbol = symbol;
  row.base_coin = symbol.substr(0, symbol.size() - 4);
  row.symbol_status = spec.status;
  row.launch_time = spec.launch_ms;
  row.off_time = spec.off_ms;
  row.limit_open_time = spec.limit_open_ms;
  row.maintain_time = spec.maintain_ms;
  row.symbol_type = spec.type;
  if (spec.type == "delivery") row.delivery_period = "this_quarter";
  auto inst = model::Instrument::FromContractRow(row);
  BGT_CHECK(inst.has_value(), inst.error().ToString());
  return *inst;
}

struct TickSpec {
  std::string bid = "99.99";
  std::string ask = "100.01";  // 2 bps around 100
  std::string quote_volume = "100000000";
  std::string open_interest = "1000000";  // base coin: 100M USDT at mark 100
  std::string mark = "100";
  std::string funding = "0.0001";
  core::Timestamp ts = kNow - std::chrono::seconds(1);
};

inline model::Ticker Tick(const std::string& symbol, const TickSpec& spec = {}) {
  model::Ticker t;
  t.symbol = symbol;
  t.bid_price = D(spec.bid);
  t.ask_price = D(spec.ask);
  t.last_price = D(spec.mark);
  t.mark_price = D(spec.mark);
  t.index_price = D(spec.mark);
  t.quote_volume_24h = D(spec.quote_volume);
  t.open_interest = D(spec.open_interest);
  t.funding_rate = D(spec.funding);
  t.ts = spec.ts;
  return t;
}

// `n` 1H bars with close `close` and range close ± half_range, the last closing at `end`.
inline std::vector<model::Candle> Bars(int n, std::string_view close, std::string_view half_range,
                                       core::Timestamp end = kNow) {
  std::vector<model::Candle> out;
  const core::Decimal c = D(close);
  const core::Decimal h = D(half_range);
  for (int i = n; i >= 1; --i) {
    model::Candle k;
    k.open_time = end - std::chrono::hours(i);
    k.open = c;
    k.close = c;
    k.high = c + h;
    k.low = c - h;
    k.base_volume = core::Decimal::FromInt(10);
    k.quote_volume = core::Decimal::FromInt(1000);
    k.granularity = model::Granularity::k1H;
    out.push_back(k);
  }
  return out;
}

// A symbol that passes every default filter: ATR 2 %, volume `volume`.
inline void AddGood(UniverseInputs& in, const std::string& symbol,
                    const std::string& volume = "100000000") {
  in.instruments.push_back(Inst(symbol));
  TickSpec spec;
  spec.quote_volume = volume;
  in.tickers.push_back(Tick(symbol, spec));
  in.candles[symbol] = Bars(60, "100", "1");
}

}  // namespace bgt::market::testing
