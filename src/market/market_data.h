// MarketDataEngine: the kernel's market data state — order books (BookManager, with resync), a
// ticker cache, candle series per (symbol, granularity), a ring of recent public trades per
// symbol — plus one MarketFeed fanning every change out to consumers and per-stream staleness
// against the injected Clock. The adapter feeds it parsed model values; nothing here does I/O.
// Thread-safety: not thread-safe; owned by the kernel thread (the Clock's thread).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "market/book_manager.h"
#include "market/candle_series.h"
#include "market/market_feed.h"
#include "market/staleness.h"
#include "model/candle.h"
#include "model/instrument.h"
#include "model/ticker.h"

namespace bgt::market {

struct MarketDataConfig {
  std::size_t feed_history = 4096;       // events kept for pull cursors
  std::size_t trades_per_symbol = 1000;  // recent-trades ring size (>= 1)
  std::size_t candle_capacity = 5000;    // bars kept per series (>= 2)
  StalenessConfig staleness;
};

struct MarketDataCounters {
  std::uint64_t tickers = 0;
  std::uint64_t tickers_out_of_order = 0;  // older ts than the cached ticker: ignored
  std::uint64_t trades = 0;
  std::uint64_t trades_duplicate = 0;  // a trade id already in the ring: ignored
  std::uint64_t candles = 0;
  std::uint64_t stale_events = 0;
  std::uint64_t fresh_events = 0;
};

// Fixed-capacity ring of the newest public trades of one symbol.
class TradeRing {
 public:
  explicit TradeRing(std::size_t capacity);  // capacity >= 1 (BGT_CHECK)
  void Push(PublicTrade trade);
  bool Contains(std::string_view trade_id) const;
  std::size_t size() const { return size_; }
  std::optional<core::Timestamp> NewestTs() const;
  // The newest n trades, oldest first.
  std::vector<PublicTrade> Recent(std::size_t n) const;

 private:
  std::vector<PublicTrade> slots_;
  std::size_t next_ = 0;  // slot the next push writes
  std::size_t size_ = 0;
};

class MarketDataEngine {
 public:
  explicit MarketDataEngine(core::Clock& clock, MarketDataConfig config = {});
  ~MarketDataEngine();
  MarketDataEngine(const MarketDataEngine&) = delete;
  MarketDataEngine& operator=(const MarketDataEngine&) = delete;

  // Creates the symbol's book (tick and lot from the instrument) and watches its streams.
  void AddInstrument(const model::Instrument& instrument);
  void AddBook(BookSpec spec);

  // A `books*` push. Error (kNotFound) for a symbol without a book. Publishes
  // BookUpdatedEvent when applied and BookEvent on resync transitions. Only applied (or
  // duplicate) pushes refresh the book stream, so a book waiting for its resync goes stale.
  core::Result<ApplyResult> OnBook(const model::BookDelta& delta);
  // A ticker (REST or WS). Returns false (and ignores it) when older than the cached one. A
  // ticker without next_funding_time keeps the cached one. Publishes TickerEvent.
  bool OnTicker(const model::Ticker& ticker);
  // A live candle push. Publishes CandleEvent for the finalized bar (final = true) and for the
  // pushed bar when it opened or changed.
  CandleUpdate OnCandle(std::string_view symbol, const model::Candle& candle);
  // REST history for a series (created if needed). Error as CandleSeries::Seed.
  core::Status SeedCandles(std::string_view symbol, model::Granularity granularity,
                           std::span<const model::Candle> history);
  // A public trade. Returns false for a duplicate trade id. Publishes TradeEvent.
  bool OnTrade(const PublicTrade& trade);

  // Publishes and returns the streams that just went stale.
  std::vector<StalenessEvent> CheckStaleness();
  // Runs CheckStaleness every `interval` on the clock (replacing an earlier schedule).
  void ScheduleStalenessChecks(core::Duration interval);

  BookManager& books() { return books_; }
  const BookManager& books() const { return books_; }
  MarketFeed& feed() { return feed_; }
  StalenessMonitor& staleness() { return staleness_; }
  const MarketDataCounters& counters() const { return counters_; }

  const model::Ticker* FindTicker(std::string_view symbol) const;
  const CandleSeries* FindCandles(std::string_view symbol, model::Granularity granularity) const;
  // The newest n trades of a symbol, oldest first (empty when none).
  std::vector<PublicTrade> RecentTrades(std::string_view symbol, std::size_t n) const;

 private:
  void Touch(StreamKind kind, std::string_view symbol);
  CandleSeries& Series(std::string_view symbol, model::Granularity granularity);

  core::Clock& clock_;
  MarketDataConfig config_;
  MarketFeed feed_;
  BookManager books_;
  StalenessMonitor staleness_;
  std::map<std::string, model::Ticker, std::less<>> tickers_;
  std::map<std::pair<std::string, model::Granularity>, CandleSeries> candles_;
  std::map<std::string, TradeRing, std::less<>> trades_;
  std::optional<core::TimerId> staleness_timer_;
  MarketDataCounters counters_;
};

}  // namespace bgt::market
