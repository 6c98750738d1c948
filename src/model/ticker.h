// Ticker: a symbol's 24-hour statistics, best quotes, funding, mark/index prices and open
// interest (Bitget `ticker` REST endpoint and WebSocket channel).
// Thread-safety: plain value type.
#pragma once

#include <optional>
#include <string>

#include "core/decimal.h"
#include "core/time.h"

namespace bgt::model {

struct Ticker {
  std::string symbol;
  core::Decimal last_price;  // lastPr
  core::Decimal bid_price;   // bidPr
  core::Decimal bid_size;    // bidSz, base coin
  core::Decimal ask_price;   // askPr
  core::Decimal ask_size;    // askSz, base coin
  core::Decimal open_24h;
  core::Decimal high_24h;
  core::Decimal low_24h;
  core::Decimal base_volume_24h;                     // baseVolume
  core::Decimal quote_volume_24h;                    // quoteVolume, USDT
  core::Decimal funding_rate;                        // current period's rate, e.g. 0.0001
  std::optional<core::Timestamp> next_funding_time;  // nextFundingTime (WebSocket only)
  core::Decimal mark_price;
  core::Decimal index_price;
  core::Decimal open_interest;  // holdingAmount, base coin
  core::Timestamp ts;
};

}  // namespace bgt::model
