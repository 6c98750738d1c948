// MarketReplay: recorded market data served through MarketSource, in time order. The caller
// supplies, per symbol, model values (already parsed; no file I/O here): candles of one
// granularity, public trades, order-book snapshots and tickers, each oldest first. At Now() = t:
//   - trades with ts in (previous Now(), t] are RecentTrades; the book is the latest snapshot
//     with ts <= t; a candle becomes visible once its bar has closed (no look-ahead);
//   - the ticker starts from the latest recorded ticker and takes fresher values where the
//     other series have them: last price from the latest trade (or closed candle), best
//     bid/ask from the latest book; without tickers, 24h statistics come from the candles closed
//     in the last 24 h and mark/index equal last;
//   - candles of any granularity the recording nests in are aggregated from the closed bars.
// Thread-safety: not thread-safe; one owner.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
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

struct RecordedSymbol {
  model::Instrument instrument;
  std::vector<model::Candle> candles = {};  // one granularity, strictly increasing open_time
  std::vector<MarketTrade> trades = {};     // non-decreasing ts
  std::vector<model::OrderBookSnapshot> books = {};  // non-decreasing ts
  std::vector<model::Ticker> tickers = {};           // non-decreasing ts
  // Funding caps (Bitget publishes them per symbol; not part of the recorded series).
  core::Decimal max_funding_rate = core::Decimal::FromParts(3, 3).value();  // 0.003
};

class MarketReplay final : public MarketSource {
 public:
  // Now() starts at `start`; records at or before it form the initial state (not reported as
  // RecentTrades). Error kInvalidArgument naming the symbol, series and index when: there are no
  // symbols or a duplicate symbol; a series is out of time order; candles mix granularities or
  // fail CheckCandle; a book fails CheckSnapshot or names another symbol; a ticker names another
  // symbol; any price is off the instrument's tick or any size off its size step.
  static core::Result<std::unique_ptr<MarketReplay>> Create(std::vector<RecordedSymbol> symbols,
                                                            core::Timestamp start);

  std::span<const model::Instrument> instruments() const override { return instruments_; }
  core::Timestamp Now() const override { return now_; }
  core::Status AdvanceTo(core::Timestamp t) override;
  const model::Ticker& ticker(std::size_t i) const override;
  model::OrderBookSnapshot Book(std::size_t i, std::size_t depth) const override;
  std::span<const MarketTrade> RecentTrades(std::size_t i) const override;
  FundingInfo Funding(std::size_t i) const override;
  // Error kInvalidArgument also when the recording's granularity does not nest in `g`.
  core::Result<std::vector<model::Candle>> Candles(std::size_t i, model::Granularity g,
                                                   core::Timestamp from, core::Timestamp to,
                                                   std::size_t limit) const override;

  // The latest timestamp found in any series (Now() may go beyond; the state then stays put).
  core::Timestamp end() const { return end_; }

 private:
  struct Cursor {
    RecordedSymbol data;
    std::size_t candles = 0;  // closed candles: [0, candles)
    std::size_t trades = 0;   // consumed trades: [0, trades)
    std::size_t books = 0;
    std::size_t tickers = 0;
    std::size_t recent_begin = 0;  // RecentTrades = trades [recent_begin, trades)
    model::Ticker ticker = {};
  };

  MarketReplay() = default;
  const Cursor& At(std::size_t i) const;
  void Step(Cursor& c, core::Timestamp t) const;
  void Compose(Cursor& c, core::Timestamp t, bool candles_moved) const;

  core::Timestamp now_;
  core::Timestamp end_;
  std::vector<model::Instrument> instruments_;
  std::vector<Cursor> cursors_;
};

}  // namespace bgt::sim
