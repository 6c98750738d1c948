// MirrorMarket: a MarketSource whose state is fed from outside — the live Bitget market seen by
// the node (tickers and order-book snapshots) — so the simulated exchange trades against the
// real market ("paper" mode). It generates nothing; it validates and keeps what it is fed:
//   - Feed(ticker) and FeedBook(symbol, book) apply at Now() (their own `ts` is not trusted: the
//     served ticker and book carry Now()); AdvanceTo only moves time and settles funding.
//   - Prices: last, best bid/ask, the 24 h open/high/low and every book level must lie on the
//     instrument's tick and sizes on its size step, else the feed is refused. Mark and index
//     prices are rounded to the nearest tick (ties away from zero), because Bitget publishes
//     them with more decimals than the contract's tick; a mark or index that rounds to 0 is
//     refused. So every price served is on the tick, as MarketSource promises.
//   - Book: the latest feed wins at the top. FeedBook replaces the book and sets the ticker's
//     best bid/ask (and sizes) from its first levels. Feed(ticker) keeps the previously fed
//     book's deeper levels (bids below the ticker's bid, asks above its ask) under the ticker's
//     best bid/ask; before any FeedBook the book is the ticker's one level per side.
//   - RecentTrades: always empty (the mirror sees prices, not trades).
//   - Candles: 1-minute bars of the fed last price (the bar of a minute opens at the last price
//     in force at its start, i.e. the previous close, and takes each fed last price of the
//     minute; minutes without feeds are flat bars); volumes are 0. Bars exist from the minute
//     of the symbol's first ticker to the minute of Now(), the latest `candle_history` of them
//     are kept; coarser granularities aggregate them. Before a symbol's first ticker: none.
//   - Funding: rate and next funding time from the latest ticker (without nextFundingTime, the
//     next time on the instrument's fundInterval grid). When Now() reaches the next funding
//     time, that period settles at the latest fed rate (last_funding_time / last_rate) and the
//     next time moves one interval on; a ticker whose nextFundingTime is already at or before
//     Now() settles that period at its own rate.
// Refusals (bad input changes nothing): kNotFound for an unknown symbol; kInvalidArgument for
// a non-positive or off-tick price, a non-positive or off-step size, a crossed bid >= ask, a
// book out of order (CheckSnapshot) or with an empty side, a snapshot naming another symbol,
// negative 24 h volumes or open interest, |funding rate| >= 1. Each message names the symbol.
// Thread-safety: not thread-safe; one owner (the emulator serialises access with its mutex).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
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
#include "model/ticker.h"
#include "sim/market_source.h"

namespace bgt::sim {

struct MirrorMarketOptions {
  // 1-minute bars kept per symbol (older ones are dropped; coarser bars reaching before the
  // oldest kept minute aggregate only the kept part).
  core::Duration candle_history = std::chrono::hours(24 * 7);
  // Funding caps reported by Funding() (Bitget publishes them per symbol, not in tickers).
  core::Decimal max_funding_rate = core::Decimal::FromParts(3, 3).value();  // 0.003
};

class MirrorMarket final : public MarketSource {
 public:
  // Now() starts at `start`. Error kInvalidArgument for no instruments, a duplicate symbol, a
  // candle_history shorter than one minute or a negative max_funding_rate.
  static core::Result<std::unique_ptr<MirrorMarket>> Create(
      std::vector<model::Instrument> instruments, core::Timestamp start,
      MirrorMarketOptions options = {});

  // Takes a ticker of the live market at Now() (see the header comment for the rules and the
  // errors). Required: last, mark, index, bid and ask prices > 0, bid and ask sizes > 0.
  core::Status Feed(const model::Ticker& ticker);
  // Takes an order book of `symbol` at Now(); `book.symbol` must be empty or `symbol`.
  core::Status FeedBook(std::string_view symbol, const model::OrderBookSnapshot& book);
  // True once `i` has been fed a ticker (before that its ticker carries zeros).
  bool HasFeed(std::size_t i) const;

  std::span<const model::Instrument> instruments() const override { return instruments_; }
  core::Timestamp Now() const override { return now_; }
  core::Status AdvanceTo(core::Timestamp t) override;
  const model::Ticker& ticker(std::size_t i) const override;
  model::OrderBookSnapshot Book(std::size_t i, std::size_t depth) const override;
  std::span<const MarketTrade> RecentTrades(std::size_t i) const override;
  FundingInfo Funding(std::size_t i) const override;
  core::Result<std::vector<model::Candle>> Candles(std::size_t i, model::Granularity g,
                                                   core::Timestamp from, core::Timestamp to,
                                                   std::size_t limit) const override;

  // The instant the mirror started (no candle opens before it).
  core::Timestamp start() const { return start_; }

 private:
  struct Minute {
    core::Decimal open, high, low, close;
  };
  struct Symbol {
    bool fed = false;
    model::Ticker ticker;
    model::OrderBookSnapshot book;  // empty sides until the first feed
    std::int64_t first_minute = 0;  // minute index of bars.front()
    std::deque<Minute> bars;        // contiguous minutes up to the one containing Now()
    core::Timestamp next_funding;   // valid once fed
    std::optional<core::Timestamp> last_funding_time;
    core::Decimal last_rate;
  };

  MirrorMarket() = default;
  const Symbol& At(std::size_t i) const;
  core::Result<std::size_t> Index(std::string_view symbol) const;
  int IntervalHours(std::size_t i) const;
  // Extends the bars of `s` to the minute containing `t` (flat bars at the last close).
  void ExtendBars(Symbol& s, core::Timestamp t) const;
  void Settle(std::size_t i, core::Timestamp t);

  core::Timestamp start_;
  core::Timestamp now_;
  MirrorMarketOptions options_;
  std::int64_t max_bars_ = 0;
  std::vector<model::Instrument> instruments_;
  std::vector<Symbol> symbols_;
};

}  // namespace bgt::sim
