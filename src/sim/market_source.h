// MarketSource: the market the simulated exchange, the emulator and the backtester pull from.
// A source serves a fixed list of instruments; it is advanced in time monotonically and, for each
// symbol, answers with the state at Now(): ticker (last/mark/index, best bid/ask and sizes, 24h
// statistics, funding, open interest), an order book of N levels, the public trades since the
// previous step, funding details and candles of any Bitget granularity up to Now() (never
// beyond: no look-ahead). Every price is a multiple of the instrument's tick and every size a
// multiple of its size step. Implementations: MarketGenerator (seeded synthetic market),
// MarketReplay (recorded data) and MirrorMarket (the live market fed from outside, paper mode).
// Thread-safety: not thread-safe; a source belongs to one thread (the kernel's or the backtest's).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"
#include "model/candle.h"
#include "model/instrument.h"
#include "model/order_book.h"
#include "model/order_types.h"
#include "model/ticker.h"

namespace bgt::sim {

// One public trade (Bitget `trade` channel / fills-history endpoint).
struct MarketTrade {
  std::int64_t trade_id = 0;  // unique per symbol, increasing with ts
  core::Decimal price;
  core::Decimal size;                              // base coin
  model::OrderSide side = model::OrderSide::kBuy;  // the taker's side
  core::Timestamp ts;
};

// Funding of one symbol at Now(). Rates are per funding interval (0.0001 = 0.01 %).
struct FundingInfo {
  core::Decimal rate;  // predicted rate of the interval in progress (settles at next_funding_time)
  core::Timestamp next_funding_time;
  int interval_hours = 8;
  core::Decimal min_rate;  // the symbol's funding caps
  core::Decimal max_rate;
  // The most recent settlement at or before Now() and the rate it settled at; nullopt when no
  // settlement is known yet. The exchange applies `last_rate` at `last_funding_time`.
  std::optional<core::Timestamp> last_funding_time;
  core::Decimal last_rate;
};

class MarketSource {
 public:
  MarketSource() = default;
  MarketSource(const MarketSource&) = delete;
  MarketSource& operator=(const MarketSource&) = delete;
  virtual ~MarketSource() = default;

  // The instruments served, in a fixed order; a symbol's position is its index `i` below.
  virtual std::span<const model::Instrument> instruments() const = 0;
  // Index of `symbol`, or nullopt when it is not served.
  std::optional<std::size_t> FindSymbol(std::string_view symbol) const {
    const auto all = instruments();
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i].symbol() == symbol) return i;
    }
    return std::nullopt;
  }

  virtual core::Timestamp Now() const = 0;

  // Moves the market to `t` (t >= Now(); t == Now() is a no-op step that clears RecentTrades).
  // Error kFailedPrecondition when t < Now(); the source is then unchanged.
  virtual core::Status AdvanceTo(core::Timestamp t) = 0;

  // Symbol i's state at Now(). `i` must be < instruments().size() (checked; aborts otherwise).
  virtual const model::Ticker& ticker(std::size_t i) const = 0;
  // The order book at Now(): at most `depth` levels per side, best first, strictly ordered,
  // best bid < best ask; bids[0]/asks[0] match the ticker's best bid/ask.
  virtual model::OrderBookSnapshot Book(std::size_t i, std::size_t depth) const = 0;
  // Public trades with ts in (previous Now(), Now()], oldest first. Valid until the next
  // AdvanceTo.
  virtual std::span<const MarketTrade> RecentTrades(std::size_t i) const = 0;
  virtual FundingInfo Funding(std::size_t i) const = 0;

  // Candles of granularity `g` whose open time is in [from, to] and at or before Now(), oldest
  // first; when more than `limit` qualify, the latest `limit`. The bar containing Now() is partial
  // (it aggregates only what happened up to Now()). Coarser bars are exactly the aggregation of
  // finer ones. Error kInvalidArgument when from > to, limit is 0, or the source cannot serve `g`
  // (replay of a coarser recording).
  virtual core::Result<std::vector<model::Candle>> Candles(std::size_t i, model::Granularity g,
                                                           core::Timestamp from, core::Timestamp to,
                                                           std::size_t limit) const = 0;
};

}  // namespace bgt::sim
