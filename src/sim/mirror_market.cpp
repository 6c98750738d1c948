#include "sim/mirror_market.h"

#include <algorithm>
#include <string>
#include <utility>

#include "core/check.h"
#include "sim/funding.h"
#include "sim/market_candles.h"

namespace bgt::sim {
namespace {

using core::Decimal;
using core::Timestamp;

constexpr std::int64_t kMinuteNs = 60'000'000'000;

core::Error Invalid(std::string_view symbol, const std::string& what) {
  return core::MakeError(core::ErrorCode::kInvalidArgument,
                         "mirror " + std::string(symbol) + ": " + what);
}

std::int64_t MinuteOf(Timestamp t) {
  const std::int64_t ns = t.nanos();
  return ns / kMinuteNs - (ns % kMinuteNs < 0 ? 1 : 0);
}

// A price that must be a positive multiple of the tick.
core::Status CheckPrice(const model::Instrument& in, const char* field, const Decimal& price) {
  if (!price.IsPositive()) {
    return Invalid(in.symbol(), std::string(field) + " " + price.ToString() + " is not positive");
  }
  if (!price.IsMultipleOf(in.tick_size())) {
    return Invalid(in.symbol(), std::string(field) + " " + price.ToString() + " is off the tick " +
                                    in.tick_size().ToString());
  }
  return core::Status::Ok();
}

core::Status CheckSize(const model::Instrument& in, const char* field, const Decimal& size) {
  if (!size.IsPositive()) {
    return Invalid(in.symbol(), std::string(field) + " " + size.ToString() + " is not positive");
  }
  if (!size.IsMultipleOf(in.size_step())) {
    return Invalid(in.symbol(), std::string(field) + " " + size.ToString() +
                                    " is off the size step " + in.size_step().ToString());
  }
  return core::Status::Ok();
}

// Mark and index: rounded to the nearest tick (ties away from zero), refused when not positive.
core::Result<Decimal> OnTick(const model::Instrument& in, const char* field, const Decimal& price) {
  if (!price.IsPositive()) {
    return Invalid(in.symbol(), std::string(field) + " " + price.ToString() + " is not positive");
  }
  auto rounded = price.RoundToMultiple(in.tick_size(), core::Rounding::kHalfUp);
  if (!rounded) return Invalid(in.symbol(), std::string(field) + ": " + rounded.error().message);
  if (!rounded->IsPositive()) {
    return Invalid(in.symbol(), std::string(field) + " " + price.ToString() +
                                    " rounds to 0 on the tick " + in.tick_size().ToString());
  }
  return rounded->Normalized();
}

core::Status CheckBook(const model::Instrument& in, const model::OrderBookSnapshot& book) {
  if (book.bids.empty() || book.asks.empty()) {
    return Invalid(in.symbol(), "book has an empty side");
  }
  if (auto status = model::CheckSnapshot(book); !status.ok()) {
    return Invalid(in.symbol(), "book: " + status.error().message);
  }
  for (const auto* side : {&book.bids, &book.asks}) {
    const char* name = side == &book.bids ? "book bid" : "book ask";
    for (const model::BookLevel& level : *side) {
      BGT_RETURN_IF_ERROR(CheckPrice(in, name, level.price));
      BGT_RETURN_IF_ERROR(CheckSize(in, name, level.size));
    }
  }
  return core::Status::Ok();
}

}  // namespace

core::Result<std::unique_ptr<MirrorMarket>> MirrorMarket::Create(
    std::vector<model::Instrument> instruments, Timestamp start, MirrorMarketOptions options) {
  if (instruments.empty()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "mirror: no instruments");
  }
  if (options.candle_history < std::chrono::minutes(1)) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "mirror: candle_history must be at least one minute");
  }
  if (options.max_funding_rate.IsNegative()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "mirror: max_funding_rate must not be negative");
  }
  std::unique_ptr<MirrorMarket> market(new MirrorMarket());
  market->start_ = start;
  market->now_ = start;
  market->max_bars_ = options.candle_history.count() / kMinuteNs;
  market->options_ = std::move(options);
  for (model::Instrument& instrument : instruments) {
    if (market->FindSymbol(instrument.symbol()).has_value()) {
      return Invalid(instrument.symbol(), "duplicate symbol");
    }
    Symbol s;
    s.ticker.symbol = instrument.symbol();
    s.ticker.ts = start;
    s.book.symbol = instrument.symbol();
    s.book.ts = start;
    market->instruments_.push_back(std::move(instrument));
    market->symbols_.push_back(std::move(s));
  }
  return market;
}

const MirrorMarket::Symbol& MirrorMarket::At(std::size_t i) const {
  BGT_CHECK(i < symbols_.size(), "symbol index out of range");
  return symbols_[i];
}

core::Result<std::size_t> MirrorMarket::Index(std::string_view symbol) const {
  const auto i = FindSymbol(symbol);
  if (!i) {
    return core::MakeError(core::ErrorCode::kNotFound,
                           "mirror: unknown symbol '" + std::string(symbol) + "'");
  }
  return *i;
}

int MirrorMarket::IntervalHours(std::size_t i) const {
  return instruments_[i].fund_interval_hours().value_or(8);
}

bool MirrorMarket::HasFeed(std::size_t i) const { return At(i).fed; }

core::Status MirrorMarket::Feed(const model::Ticker& in) {
  auto index = Index(in.symbol);
  if (!index) return index.error();
  const std::size_t i = *index;
  const model::Instrument& instrument = instruments_[i];
  const std::string& sym = instrument.symbol();

  // Validate everything before touching the state.
  BGT_RETURN_IF_ERROR(CheckPrice(instrument, "last price", in.last_price));
  BGT_RETURN_IF_ERROR(CheckPrice(instrument, "bid price", in.bid_price));
  BGT_RETURN_IF_ERROR(CheckPrice(instrument, "ask price", in.ask_price));
  BGT_RETURN_IF_ERROR(CheckSize(instrument, "bid size", in.bid_size));
  BGT_RETURN_IF_ERROR(CheckSize(instrument, "ask size", in.ask_size));
  if (in.bid_price >= in.ask_price) {
    return Invalid(sym, "crossed quotes: bid " + in.bid_price.ToString() + " >= ask " +
                            in.ask_price.ToString());
  }
  for (const auto& [name, price] :
       {std::pair<const char*, const Decimal*>{"24h open", &in.open_24h},
        {"24h high", &in.high_24h},
        {"24h low", &in.low_24h}}) {
    if (!price->IsZero()) BGT_RETURN_IF_ERROR(CheckPrice(instrument, name, *price));
  }
  for (const auto& [name, amount] :
       {std::pair<const char*, const Decimal*>{"24h base volume", &in.base_volume_24h},
        {"24h quote volume", &in.quote_volume_24h},
        {"open interest", &in.open_interest}}) {
    if (amount->IsNegative()) {
      return Invalid(sym, std::string(name) + " " + amount->ToString() + " is negative");
    }
  }
  if (in.funding_rate.Abs() >= Decimal::FromInt(1)) {
    return Invalid(sym, "funding rate " + in.funding_rate.ToString() + " is out of range");
  }
  auto mark = OnTick(instrument, "mark price", in.mark_price);
  if (!mark) return mark.error();
  auto index_price = OnTick(instrument, "index price", in.index_price);
  if (!index_price) return index_price.error();

  Symbol& s = symbols_[i];
  // The book: the ticker's best quotes over the deeper levels of the previously fed book.
  model::OrderBookSnapshot book;
  book.symbol = sym;
  book.ts = now_;
  book.bids.push_back({in.bid_price, in.bid_size});
  book.asks.push_back({in.ask_price, in.ask_size});
  for (const model::BookLevel& level : s.book.bids) {
    if (level.price < in.bid_price) book.bids.push_back(level);
  }
  for (const model::BookLevel& level : s.book.asks) {
    if (level.price > in.ask_price) book.asks.push_back(level);
  }
  s.book = std::move(book);

  s.ticker = in;
  s.ticker.symbol = sym;
  s.ticker.mark_price = *mark;
  s.ticker.index_price = *index_price;
  s.ticker.ts = now_;

  // Funding: the fed period; one already over settles at its own rate.
  const core::Duration interval = std::chrono::hours(IntervalHours(i));
  Timestamp next = in.next_funding_time.value_or(NextFundingTime(now_, IntervalHours(i)));
  if (next <= now_) {
    if (!s.last_funding_time || next > *s.last_funding_time) {
      s.last_funding_time = next;
      s.last_rate = in.funding_rate;
    }
    while (next <= now_) next += interval;
  }
  s.next_funding = next;
  s.ticker.next_funding_time = next;

  // Candles: the minute containing Now() takes the fed last price.
  if (!s.fed) {
    s.first_minute = MinuteOf(now_);
    s.bars.push_back(Minute{in.last_price, in.last_price, in.last_price, in.last_price});
  } else {
    ExtendBars(s, now_);
    Minute& bar = s.bars.back();
    bar.high = std::max(bar.high, in.last_price);
    bar.low = std::min(bar.low, in.last_price);
    bar.close = in.last_price;
  }
  s.fed = true;
  return core::Status::Ok();
}

core::Status MirrorMarket::FeedBook(std::string_view symbol, const model::OrderBookSnapshot& in) {
  auto index = Index(symbol);
  if (!index) return index.error();
  const std::size_t i = *index;
  const model::Instrument& instrument = instruments_[i];
  if (!in.symbol.empty() && in.symbol != instrument.symbol()) {
    return Invalid(instrument.symbol(), "book is for " + in.symbol);
  }
  BGT_RETURN_IF_ERROR(CheckBook(instrument, in));
  Symbol& s = symbols_[i];
  s.book = in;
  s.book.symbol = instrument.symbol();
  s.book.ts = now_;
  s.ticker.bid_price = in.bids[0].price;
  s.ticker.bid_size = in.bids[0].size;
  s.ticker.ask_price = in.asks[0].price;
  s.ticker.ask_size = in.asks[0].size;
  s.ticker.ts = now_;
  return core::Status::Ok();
}

void MirrorMarket::ExtendBars(Symbol& s, Timestamp t) const {
  if (s.bars.empty()) return;
  const std::int64_t minute = MinuteOf(t);
  const std::int64_t last = s.first_minute + static_cast<std::int64_t>(s.bars.size()) - 1;
  if (minute <= last) return;
  const Decimal close = s.bars.back().close;
  const Minute flat{close, close, close, close};
  if (minute - last >= max_bars_) {
    s.bars.assign(static_cast<std::size_t>(max_bars_), flat);
    s.first_minute = minute - max_bars_ + 1;
    return;
  }
  for (std::int64_t m = last + 1; m <= minute; ++m) s.bars.push_back(flat);
  while (static_cast<std::int64_t>(s.bars.size()) > max_bars_) {
    s.bars.pop_front();
    ++s.first_minute;
  }
}

void MirrorMarket::Settle(std::size_t i, Timestamp t) {
  Symbol& s = symbols_[i];
  if (!s.fed || s.next_funding > t) return;
  const core::Duration interval = std::chrono::hours(IntervalHours(i));
  while (s.next_funding <= t) {
    s.last_funding_time = s.next_funding;
    s.last_rate = s.ticker.funding_rate;
    s.next_funding += interval;
  }
  s.ticker.next_funding_time = s.next_funding;
}

core::Status MirrorMarket::AdvanceTo(Timestamp t) {
  if (t < now_) {
    return core::MakeError(
        core::ErrorCode::kFailedPrecondition,
        "market time cannot go backwards: " + t.ToIso8601() + " < " + now_.ToIso8601());
  }
  now_ = t;
  for (std::size_t i = 0; i < symbols_.size(); ++i) {
    Symbol& s = symbols_[i];
    Settle(i, t);
    ExtendBars(s, t);
    s.ticker.ts = t;
    s.book.ts = t;
  }
  return core::Status::Ok();
}

const model::Ticker& MirrorMarket::ticker(std::size_t i) const { return At(i).ticker; }

model::OrderBookSnapshot MirrorMarket::Book(std::size_t i, std::size_t depth) const {
  model::OrderBookSnapshot book = At(i).book;
  if (book.bids.size() > depth) book.bids.resize(depth);
  if (book.asks.size() > depth) book.asks.resize(depth);
  return book;
}

std::span<const MarketTrade> MirrorMarket::RecentTrades(std::size_t i) const {
  (void)At(i);
  return {};
}

FundingInfo MirrorMarket::Funding(std::size_t i) const {
  const Symbol& s = At(i);
  FundingInfo info;
  info.rate = s.ticker.funding_rate;
  info.interval_hours = IntervalHours(i);
  info.next_funding_time = s.fed ? s.next_funding : NextFundingTime(now_, info.interval_hours);
  info.max_rate = options_.max_funding_rate;
  info.min_rate = -options_.max_funding_rate;
  info.last_funding_time = s.last_funding_time;
  info.last_rate = s.last_rate;
  return info;
}

core::Result<std::vector<model::Candle>> MirrorMarket::Candles(std::size_t i, model::Granularity g,
                                                               Timestamp from, Timestamp to,
                                                               std::size_t limit) const {
  const Symbol& s = At(i);
  if (from > to || limit == 0) {
    return Invalid(instruments_[i].symbol(), "candles: need from <= to and limit > 0");
  }
  std::vector<model::Candle> out;
  if (s.bars.empty()) return out;
  to = std::min(to, now_);
  if (from > to) return out;
  // Minutes of the bars of g that open in [from, to].
  const std::int64_t first_kept = s.first_minute;
  const std::int64_t last_kept = first_kept + static_cast<std::int64_t>(s.bars.size()) - 1;
  const std::int64_t lo = std::max(first_kept, MinuteOf(BarOpenTime(g, from)));
  const std::int64_t hi = std::min(last_kept, MinuteOf(NextBarOpen(g, to) - core::Duration(1)));
  if (lo > hi) return out;
  std::vector<model::Candle> minutes;
  minutes.reserve(static_cast<std::size_t>(hi - lo + 1));
  for (std::int64_t m = lo; m <= hi; ++m) {
    const Minute& bar = s.bars[static_cast<std::size_t>(m - first_kept)];
    model::Candle candle;
    candle.open_time = Timestamp::FromNanos(m * kMinuteNs);
    candle.open = bar.open;
    candle.high = bar.high;
    candle.low = bar.low;
    candle.close = bar.close;
    candle.granularity = model::Granularity::k1m;
    minutes.push_back(candle);
  }
  auto aggregated = AggregateCandles(minutes, g);
  if (!aggregated) return aggregated.error();
  out = std::move(*aggregated);
  std::erase_if(out, [&](const model::Candle& bar) { return bar.open_time < from; });
  if (out.size() > limit) out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(limit));
  return out;
}

}  // namespace bgt::sim
