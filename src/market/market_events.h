// Market data events fanned out by MarketFeed: ticker, candle, public trade, book update, book
// resync and stream staleness. Each event is a self-contained value (safe to keep after the
// publishing call returns).
// Thread-safety: plain value types.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "core/decimal.h"
#include "core/time.h"
#include "market/book_manager.h"
#include "model/candle.h"
#include "model/order_types.h"
#include "model/ticker.h"

namespace bgt::market {

// One public trade (Bitget `trade` channel / fills-history endpoint).
struct PublicTrade {
  std::string symbol;
  std::string trade_id;
  core::Decimal price;
  core::Decimal size;                              // base coin
  model::OrderSide side = model::OrderSide::kBuy;  // taker side
  core::Timestamp ts;
};

enum class StreamKind : std::uint8_t { kTicker, kBook, kCandle, kTrade };
inline constexpr std::size_t kStreamKindCount = 4;

// "ticker", "book", "candle", "trade".
std::string_view ToString(StreamKind kind);

struct StreamKey {
  StreamKind kind = StreamKind::kTicker;
  std::string symbol;
  friend auto operator<=>(const StreamKey&, const StreamKey&) = default;
  friend bool operator==(const StreamKey&, const StreamKey&) = default;
};

struct TickerEvent {
  model::Ticker ticker;
};

struct CandleEvent {
  std::string symbol;
  model::Candle candle;
  bool final = false;  // true once a newer bar has opened; the bar will not change again
};

struct TradeEvent {
  PublicTrade trade;
};

// A book changed (snapshot or update applied); read it through BookManager::Find.
struct BookUpdatedEvent {
  std::string symbol;
  std::int64_t seq = 0;
};

struct StalenessEvent {
  StreamKey stream;
  bool stale = false;    // true: no message within the max age; false: messages flow again
  core::Duration age{};  // time since the stream's last message when the event was raised
};

using MarketEvent =
    std::variant<TickerEvent, CandleEvent, TradeEvent, BookUpdatedEvent, BookEvent, StalenessEvent>;

}  // namespace bgt::market
