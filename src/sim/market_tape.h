// The finest level of the synthetic market, generated for the minutes the live market passes
// through: a minute's latent price per second and its public trades, built to agree exactly with
// the minute bar (the first trade prints the open at the minute's first instant, one trade each
// prints the high and the low, the last prints the close, and trade sizes sum to the bar's base
// volume), plus the order book of any second (spread, level spacing and sizes). Each is drawn
// from a stream keyed by (seed, symbol, minute or second), so the result does not depend on how
// the caller steps through time.
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "model/order_book.h"
#include "model/order_types.h"
#include "sim/market_path.h"

namespace bgt::sim {

struct TapeTrade {
  std::int64_t offset_ns = 0;  // from the minute's start, in [0, 60 s)
  std::int64_t price_ticks = 0;
  std::int64_t lots = 0;
  model::OrderSide side = model::OrderSide::kBuy;  // taker side
};

struct MinuteTape {
  std::int64_t minute = 0;              // minutes since the epoch
  std::array<std::int64_t, 60> path{};  // latent price of each second, in ticks
  std::vector<TapeTrade> trades;        // time order; trades[0] is at offset 0
};

// The tape of `minute` whose bar is `bar` (non-empty) and activity `activity` (1 = a normal
// minute).
MinuteTape BuildTape(const SymbolSpec& spec, std::int64_t minute, const TickBar& bar,
                     float activity);

struct TickLevel {
  std::int64_t price_ticks = 0;
  std::int64_t lots = 0;
};

// Quoted spread in ticks during `second` (seconds since the epoch), in the preset's range,
// wider when activity is high.
std::int64_t SpreadTicks(const SymbolSpec& spec, std::int64_t second, float activity);

// Up to `depth` levels of one book side during `second`, best first, starting at `best_ticks`
// (> 0); a bid side stops before reaching price 0. `price` is the current price in USDT (for
// notional sizing). The first k levels do not depend on `depth`.
std::vector<TickLevel> BookSide(const SymbolSpec& spec, std::int64_t second, model::BookSide side,
                                std::int64_t best_ticks, double price, std::size_t depth);

}  // namespace bgt::sim
