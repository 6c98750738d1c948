#include "sim/market_replay.h"

#include <algorithm>
#include <string>
#include <utility>

#include "core/check.h"
#include "sim/market_candles.h"

namespace bgt::sim {
namespace {

using core::Decimal;
using core::Timestamp;

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

core::Error Invalid(const std::string& symbol, const std::string& what) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, "replay " + symbol + ": " + what);
}

std::string Where(const char* series, std::size_t index) {
  return std::string(series) + "[" + std::to_string(index) + "]";
}

bool OnTick(const model::Instrument& in, const Decimal& price) {
  return price.IsPositive() && price.IsMultipleOf(in.tick_size());
}
bool OnStep(const model::Instrument& in, const Decimal& size) {
  return size.IsZero() || (size.IsPositive() && size.IsMultipleOf(in.size_step()));
}

template <typename T, typename TimeOf>
core::Status CheckOrder(const std::string& symbol, const char* series, const std::vector<T>& v,
                        TimeOf time_of, bool strict) {
  for (std::size_t k = 1; k < v.size(); ++k) {
    const Timestamp a = time_of(v[k - 1]);
    const Timestamp b = time_of(v[k]);
    if (b < a || (strict && b == a)) {
      return Invalid(symbol, Where(series, k) + " is out of time order (" + b.ToIso8601() +
                                 " after " + a.ToIso8601() + ")");
    }
  }
  return core::Status::Ok();
}

core::Status Validate(const RecordedSymbol& r) {
  const model::Instrument& in = r.instrument;
  const std::string& sym = in.symbol();
  BGT_RETURN_IF_ERROR(CheckOrder(
      sym, "candles", r.candles, [](const model::Candle& c) { return c.open_time; }, true));
  BGT_RETURN_IF_ERROR(CheckOrder(
      sym, "trades", r.trades, [](const MarketTrade& t) { return t.ts; }, false));
  BGT_RETURN_IF_ERROR(CheckOrder(
      sym, "books", r.books, [](const model::OrderBookSnapshot& b) { return b.ts; }, false));
  BGT_RETURN_IF_ERROR(CheckOrder(
      sym, "tickers", r.tickers, [](const model::Ticker& t) { return t.ts; }, false));
  for (std::size_t k = 0; k < r.candles.size(); ++k) {
    const model::Candle& c = r.candles[k];
    if (c.granularity != r.candles[0].granularity) {
      return Invalid(sym, Where("candles", k) + " has another granularity than candles[0]");
    }
    if (auto status = model::CheckCandle(c); !status.ok()) {
      return Invalid(sym, Where("candles", k) + ": " + status.error().message);
    }
    for (const Decimal* p : {&c.open, &c.high, &c.low, &c.close}) {
      if (!OnTick(in, *p)) return Invalid(sym, Where("candles", k) + " has a price off the tick");
    }
    if (!OnStep(in, c.base_volume)) {
      return Invalid(sym, Where("candles", k) + " has a volume off the size step");
    }
  }
  for (std::size_t k = 0; k < r.trades.size(); ++k) {
    const MarketTrade& t = r.trades[k];
    if (!OnTick(in, t.price) || !OnStep(in, t.size) || !t.size.IsPositive()) {
      return Invalid(sym, Where("trades", k) + " is off the tick or size step");
    }
  }
  for (std::size_t k = 0; k < r.books.size(); ++k) {
    const model::OrderBookSnapshot& b = r.books[k];
    if (b.symbol != sym) return Invalid(sym, Where("books", k) + " is for " + b.symbol);
    if (auto status = model::CheckSnapshot(b); !status.ok()) {
      return Invalid(sym, Where("books", k) + ": " + status.error().message);
    }
    for (const auto* side : {&b.bids, &b.asks}) {
      for (const model::BookLevel& level : *side) {
        if (!OnTick(in, level.price) || !OnStep(in, level.size)) {
          return Invalid(sym, Where("books", k) + " has a level off the tick or size step");
        }
      }
    }
  }
  for (std::size_t k = 0; k < r.tickers.size(); ++k) {
    const model::Ticker& t = r.tickers[k];
    if (t.symbol != sym) return Invalid(sym, Where("tickers", k) + " is for " + t.symbol);
    for (const Decimal* p :
         {&t.last_price, &t.bid_price, &t.ask_price, &t.mark_price, &t.index_price}) {
      if (!p->IsZero() && !OnTick(in, *p)) {
        return Invalid(sym, Where("tickers", k) + " has a price off the tick");
      }
    }
  }
  return core::Status::Ok();
}

Timestamp LastTime(const RecordedSymbol& r) {
  Timestamp end;
  if (!r.candles.empty()) {
    end = std::max(end, NextBarOpen(r.candles.back().granularity, r.candles.back().open_time));
  }
  if (!r.trades.empty()) end = std::max(end, r.trades.back().ts);
  if (!r.books.empty()) end = std::max(end, r.books.back().ts);
  if (!r.tickers.empty()) end = std::max(end, r.tickers.back().ts);
  return end;
}

std::int64_t IntervalNs(const model::Instrument& in) {
  return static_cast<std::int64_t>(in.fund_interval_hours().value_or(8)) * 3'600'000'000'000;
}

}  // namespace

core::Result<std::unique_ptr<MarketReplay>> MarketReplay::Create(
    std::vector<RecordedSymbol> symbols, Timestamp start) {
  if (symbols.empty()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "replay: no symbols");
  }
  std::unique_ptr<MarketReplay> replay(new MarketReplay());
  replay->now_ = start;
  replay->end_ = start;
  for (RecordedSymbol& r : symbols) {
    if (replay->FindSymbol(r.instrument.symbol()).has_value()) {
      return Invalid(r.instrument.symbol(), "duplicate symbol");
    }
    BGT_RETURN_IF_ERROR(Validate(r));
    replay->end_ = std::max(replay->end_, LastTime(r));
    replay->instruments_.push_back(r.instrument);
    Cursor cursor{.data = std::move(r)};
    cursor.ticker.symbol = cursor.data.instrument.symbol();
    replay->cursors_.push_back(std::move(cursor));
  }
  for (Cursor& c : replay->cursors_) {
    replay->Step(c, start);
    c.recent_begin = c.trades;
  }
  return replay;
}

const MarketReplay::Cursor& MarketReplay::At(std::size_t i) const {
  BGT_CHECK(i < cursors_.size(), "symbol index out of range");
  return cursors_[i];
}

core::Status MarketReplay::AdvanceTo(Timestamp t) {
  if (t < now_) {
    return core::MakeError(
        core::ErrorCode::kFailedPrecondition,
        "market time cannot go backwards: " + t.ToIso8601() + " < " + now_.ToIso8601());
  }
  for (Cursor& c : cursors_) Step(c, t);
  now_ = t;
  return core::Status::Ok();
}

void MarketReplay::Step(Cursor& c, Timestamp t) const {
  const RecordedSymbol& r = c.data;
  c.recent_begin = c.trades;
  while (c.trades < r.trades.size() && r.trades[c.trades].ts <= t) ++c.trades;
  while (c.books < r.books.size() && r.books[c.books].ts <= t) ++c.books;
  while (c.tickers < r.tickers.size() && r.tickers[c.tickers].ts <= t) ++c.tickers;
  const std::size_t closed_before = c.candles;
  while (c.candles < r.candles.size() &&
         NextBarOpen(r.candles[c.candles].granularity, r.candles[c.candles].open_time) <= t) {
    ++c.candles;
  }
  Compose(c, t, c.candles != closed_before || closed_before == 0);
}

void MarketReplay::Compose(Cursor& c, Timestamp t, bool candles_moved) const {
  const RecordedSymbol& r = c.data;
  model::Ticker& k = c.ticker;
  const model::Ticker* recorded = c.tickers > 0 ? &r.tickers[c.tickers - 1] : nullptr;
  if (recorded != nullptr) {
    k = *recorded;
  } else if (candles_moved) {
    // 24h statistics from the candles closed in the last 24 h.
    const Timestamp since = t - std::chrono::hours(24);
    std::optional<model::Candle> day;
    for (std::size_t j = c.candles; j-- > 0 && r.candles[j].open_time >= since;) {
      if (!day.has_value()) {
        day = r.candles[j];
        continue;
      }
      model::Candle earlier = r.candles[j];
      MergeInto(earlier, *day);
      day = earlier;
    }
    if (day.has_value()) {
      k.open_24h = day->open;
      k.high_24h = day->high;
      k.low_24h = day->low;
      k.base_volume_24h = day->base_volume;
      k.quote_volume_24h = day->quote_volume;
    }
  }
  // Last price: the freshest of trade, recorded ticker and closed candle.
  Timestamp last_ts = recorded != nullptr ? recorded->ts : Timestamp::FromNanos(INT64_MIN);
  if (c.candles > 0) {
    const model::Candle& bar = r.candles[c.candles - 1];
    const Timestamp closed = NextBarOpen(bar.granularity, bar.open_time);
    if (closed > last_ts) {
      k.last_price = bar.close;
      last_ts = closed;
    }
  }
  if (c.trades > 0 && r.trades[c.trades - 1].ts >= last_ts) {
    k.last_price = r.trades[c.trades - 1].price;
  }
  if (c.books > 0) {
    const model::OrderBookSnapshot& book = r.books[c.books - 1];
    if ((recorded == nullptr || book.ts >= recorded->ts) && !book.bids.empty() &&
        !book.asks.empty()) {
      k.bid_price = book.bids[0].price;
      k.bid_size = book.bids[0].size;
      k.ask_price = book.asks[0].price;
      k.ask_size = book.asks[0].size;
    }
  }
  if (recorded == nullptr) {
    k.mark_price = k.last_price;
    k.index_price = k.last_price;
    const std::int64_t interval = IntervalNs(r.instrument);
    k.next_funding_time = Timestamp::FromNanos((t.nanos() / interval + 1) * interval);
  }
  k.symbol = r.instrument.symbol();
  k.ts = t;
}

const model::Ticker& MarketReplay::ticker(std::size_t i) const { return At(i).ticker; }

std::span<const MarketTrade> MarketReplay::RecentTrades(std::size_t i) const {
  const Cursor& c = At(i);
  return std::span<const MarketTrade>(c.data.trades)
      .subspan(c.recent_begin, c.trades - c.recent_begin);
}

model::OrderBookSnapshot MarketReplay::Book(std::size_t i, std::size_t depth) const {
  const Cursor& c = At(i);
  model::OrderBookSnapshot book;
  if (c.books > 0) {
    book = c.data.books[c.books - 1];
    if (book.bids.size() > depth) book.bids.resize(depth);
    if (book.asks.size() > depth) book.asks.resize(depth);
    return book;
  }
  book.symbol = c.data.instrument.symbol();
  book.ts = now_;
  if (depth > 0 && c.ticker.bid_price.IsPositive() && c.ticker.ask_price > c.ticker.bid_price) {
    book.bids.push_back({c.ticker.bid_price, c.ticker.bid_size});
    book.asks.push_back({c.ticker.ask_price, c.ticker.ask_size});
  }
  return book;
}

FundingInfo MarketReplay::Funding(std::size_t i) const {
  const Cursor& c = At(i);
  const RecordedSymbol& r = c.data;
  const std::int64_t interval = IntervalNs(r.instrument);
  FundingInfo info;
  info.rate = c.ticker.funding_rate;
  info.next_funding_time = c.ticker.next_funding_time.value_or(
      Timestamp::FromNanos((now_.nanos() / interval + 1) * interval));
  info.interval_hours = r.instrument.fund_interval_hours().value_or(8);
  info.max_rate = r.max_funding_rate;
  info.min_rate = -r.max_funding_rate;
  // The last settlement: the rate the latest ticker before it predicted.
  const Timestamp settled = Timestamp::FromNanos(now_.nanos() / interval * interval);
  const auto before = std::lower_bound(
      r.tickers.begin(), r.tickers.begin() + static_cast<std::ptrdiff_t>(c.tickers), settled,
      [](const model::Ticker& k, Timestamp ts) { return k.ts < ts; });
  if (before != r.tickers.begin()) {
    info.last_funding_time = settled;
    info.last_rate = std::prev(before)->funding_rate;
  }
  return info;
}

core::Result<std::vector<model::Candle>> MarketReplay::Candles(std::size_t i, model::Granularity g,
                                                               Timestamp from, Timestamp to,
                                                               std::size_t limit) const {
  const Cursor& c = At(i);
  if (from > to || limit == 0) {
    return Invalid(c.data.instrument.symbol(), "candles: need from <= to and limit > 0");
  }
  if (c.data.candles.empty()) return std::vector<model::Candle>{};
  if (!Nests(c.data.candles[0].granularity, g)) {
    return Invalid(c.data.instrument.symbol(),
                   "candles: recorded " +
                       std::string(model::ToString(c.data.candles[0].granularity)) +
                       " bars cannot make " + std::string(model::ToString(g)));
  }
  const auto closed = std::span<const model::Candle>(c.data.candles).first(c.candles);
  // Bars of g opening in [from, to]: their recorded parts start at or after from's bar open.
  const Timestamp first_open = BarOpenTime(g, from);
  const auto begin =
      std::lower_bound(closed.begin(), closed.end(), first_open,
                       [](const model::Candle& bar, Timestamp ts) { return bar.open_time < ts; });
  const auto end =
      std::lower_bound(closed.begin(), closed.end(), NextBarOpen(g, to),
                       [](const model::Candle& bar, Timestamp ts) { return bar.open_time < ts; });
  auto out = AggregateCandles(std::span<const model::Candle>(begin, end), g);
  if (!out) return out.error();
  std::erase_if(*out, [&](const model::Candle& bar) { return bar.open_time < from; });
  if (out->size() > limit) {
    out->erase(out->begin(), out->end() - static_cast<std::ptrdiff_t>(limit));
  }
  return out;
}

}  // namespace bgt::sim
