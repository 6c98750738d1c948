#include "sim/market_generator.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "core/check.h"
#include "sim/market_candles.h"
#include "sim/market_rng.h"

namespace bgt::sim {
namespace {

using core::Decimal;
using core::Timestamp;

constexpr std::size_t kMaxBookDepth = 200;
// The book's deepest level sits book_span_bps from the touch at this depth (README §2.5, [S17]).
constexpr double kSpanLevels = 50;
// Mark price = last price smoothed over this many seconds of the latent path.
constexpr int kMarkSeconds = 5;
constexpr std::int64_t kWindowMinutes = kMinutesPerDay - 1;  // + the current minute = 24 h
// BTCUSDT's 24h quote volume on Bitget, 2026-09-25 ([S2], README §2.6): scales the book of a
// contract that has no maxMarketOrderQty.
constexpr double kBtcQuoteVolume24h = 2.59e9;

Decimal PriceOf(const model::Instrument& in, std::int64_t ticks) {
  std::int64_t mantissa = 0;
  BGT_CHECK(!__builtin_mul_overflow(ticks, in.price_end_step(), &mantissa), "price overflow");
  return *Decimal::FromParts(mantissa, in.price_place());
}

Decimal SizeOf(const model::Instrument& in, std::int64_t lots) {
  std::int64_t mantissa = 0;
  BGT_CHECK(!__builtin_mul_overflow(lots, in.size_step().mantissa(), &mantissa), "size overflow");
  return *Decimal::FromParts(mantissa, in.size_step().scale());
}

Decimal RateOf(double rate) { return Decimal::FromDouble(rate, 8).value().Normalized(); }

std::int64_t MinuteOf(Timestamp t) { return FloorDivI(t.nanos(), kNsPerMinute); }

core::Error Invalid(std::string message) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(message));
}

// The bar with its quote volume recomputed for the fragment it covers (TickBar quote volumes are
// priced at the bar's typical price; see QuoteE4).
TickBar WithQuote(TickBar bar, const SymbolSpec& spec) {
  if (!bar.empty()) {
    bar.quote_e4 =
        QuoteE4(bar.base_lots, bar.open, bar.high, bar.low, bar.close, spec.tick, spec.step);
  }
  return bar;
}

}  // namespace

core::Result<std::unique_ptr<MarketGenerator>> MarketGenerator::Create(
    MarketGeneratorConfig config) {
  if (config.presets.empty()) return Invalid("market generator: no presets");
  if (config.history_days < 1) return Invalid("market generator: history_days must be >= 1");
  if (config.max_trade_window <= core::Duration::zero()) {
    return Invalid("market generator: max_trade_window must be positive");
  }
  std::unique_ptr<MarketGenerator> gen(new MarketGenerator());
  const std::int64_t start_day = FloorDivI(config.start.nanos(), kNsPerDay);
  const std::int64_t history_day = start_day - config.history_days;
  gen->now_ = config.start;
  gen->history_start_ = Timestamp::FromNanos(history_day * kNsPerDay);
  gen->max_trade_window_ = config.max_trade_window;
  for (SymbolPreset& preset : config.presets) {
    BGT_RETURN_IF_ERROR(ValidatePreset(preset));
    auto instrument = model::Instrument::FromContractRow(preset.contract);
    if (!instrument) return instrument.error();
    if (gen->FindSymbol(instrument->symbol()).has_value()) {
      return Invalid("market generator: duplicate symbol " + instrument->symbol());
    }
    if (!instrument->fund_interval_hours().has_value()) {
      return Invalid("market generator: " + instrument->symbol() + " has no funding interval");
    }
    SymbolSpec spec;
    spec.seed = config.seed;
    spec.symbol_hash = HashName(instrument->symbol());
    spec.params = config.params;
    spec.tick = instrument->tick_size().ToDouble();
    spec.step = instrument->size_step().ToDouble();
    auto min_lots =
        Decimal::Div(instrument->min_size(), instrument->size_step(), 0, core::Rounding::kCeiling);
    if (!min_lots) return min_lots.error();
    spec.min_lots = std::max<std::int64_t>(1, min_lots->mantissa());
    // README §2.5 scales BTC's book by each symbol's maxMarketOrderQty notional.
    spec.liquidity = instrument->max_market_order_size().has_value()
                         ? instrument->max_market_order_size()->ToDouble() * preset.start_price /
                               config.params.btc_max_market_notional
                         : preset.quote_volume_24h / kBtcQuoteVolume24h;
    spec.gap_extra_ticks = std::max(
        0.0, preset.book_span_bps * 1e-4 * preset.start_price / spec.tick / kSpanLevels - 1.0);
    spec.fund_interval_hours = *instrument->fund_interval_hours();
    spec.history_start_day = history_day;
    spec.start_day = start_day;
    spec.preset = std::move(preset);
    Live live;
    live.path = std::make_unique<SymbolPath>(std::move(spec));
    gen->instruments_.push_back(*std::move(instrument));
    gen->live_.push_back(std::move(live));
  }
  for (std::size_t i = 0; i < gen->live_.size(); ++i) {
    Live& live = gen->live_[i];
    live.window.next_minute = MinuteOf(config.start) - kWindowMinutes;
    LoadTape(live, MinuteOf(config.start));
    gen->Step(live, gen->instruments_[i], config.start, config.start);
  }
  return gen;
}

MarketGenerator::Live& MarketGenerator::Mutable(std::size_t i) const {
  BGT_CHECK(i < live_.size(), "symbol index out of range");
  return live_[i];
}

core::Status MarketGenerator::AdvanceTo(Timestamp t) {
  if (t < now_) {
    return core::MakeError(
        core::ErrorCode::kFailedPrecondition,
        "market time cannot go backwards: " + t.ToIso8601() + " < " + now_.ToIso8601());
  }
  const Timestamp record_after = std::max(now_, t - max_trade_window_);
  for (std::size_t i = 0; i < live_.size(); ++i) Step(live_[i], instruments_[i], t, record_after);
  now_ = t;
  return core::Status::Ok();
}

void MarketGenerator::LoadTape(Live& live, std::int64_t minute) {
  const SymbolSpec& spec = live.path->spec();
  live.tape = BuildTape(spec, minute, live.path->Minute(minute), live.path->Activity(minute));
  live.next_trade = 0;
  live.partial = TickBar{};
}

void MarketGenerator::Consume(Live& live, const model::Instrument& instrument,
                              std::int64_t until_ns, std::int64_t record_after_ns) {
  const std::int64_t base = live.tape.minute * kNsPerMinute;
  const std::vector<TapeTrade>& trades = live.tape.trades;
  while (live.next_trade < trades.size() && base + trades[live.next_trade].offset_ns <= until_ns) {
    const TapeTrade& trade = trades[live.next_trade];
    const std::int64_t ts = base + trade.offset_ns;
    if (ts > record_after_ns) {
      live.recent.push_back(MarketTrade{
          .trade_id = live.tape.minute * 1000 + static_cast<std::int64_t>(live.next_trade),
          .price = PriceOf(instrument, trade.price_ticks),
          .size = SizeOf(instrument, trade.lots),
          .side = trade.side,
          .ts = Timestamp::FromNanos(ts),
      });
    }
    const std::int64_t p = trade.price_ticks;
    MergeBar(live.partial, TickBar{p, p, p, p, trade.lots, 0});
    live.last_ticks = p;
    live.last_side = trade.side;
    ++live.next_trade;
  }
}

void MarketGenerator::Step(Live& live, const model::Instrument& instrument, Timestamp t,
                           Timestamp record_after) {
  live.recent.clear();
  const std::int64_t minute = MinuteOf(t);
  if (minute != live.tape.minute) {
    Consume(live, instrument, (live.tape.minute + 1) * kNsPerMinute - 1, record_after.nanos());
    // Minutes in between: only those that can still hold reportable trades.
    const std::int64_t first = std::max(live.tape.minute + 1, MinuteOf(record_after));
    for (std::int64_t m = first; m < minute; ++m) {
      LoadTape(live, m);
      Consume(live, instrument, (m + 1) * kNsPerMinute - 1, record_after.nanos());
    }
    LoadTape(live, minute);
  }
  Consume(live, instrument, t.nanos(), record_after.nanos());
  Slide(live, minute);
  RefreshTicker(live, instrument, t);
}

void MarketGenerator::Slide(Live& live, std::int64_t minute) {
  Window& w = live.window;
  const std::int64_t first = minute - kWindowMinutes;
  if (w.next_minute < first) {
    w = Window{};
    w.next_minute = first;
  }
  w.next_minute = std::max(w.next_minute, live.path->history_start_minute());
  for (; w.next_minute < minute; ++w.next_minute) {
    const TickBar bar = live.path->Minute(w.next_minute);
    w.bars.emplace_back(w.next_minute, bar);
    w.base_lots += bar.base_lots;
    w.quote_e4 += bar.quote_e4;
    while (!w.highs.empty() && w.highs.back().second <= bar.high) w.highs.pop_back();
    w.highs.emplace_back(w.next_minute, bar.high);
    while (!w.lows.empty() && w.lows.back().second >= bar.low) w.lows.pop_back();
    w.lows.emplace_back(w.next_minute, bar.low);
  }
  while (!w.bars.empty() && w.bars.front().first < first) {
    w.base_lots -= w.bars.front().second.base_lots;
    w.quote_e4 -= w.bars.front().second.quote_e4;
    w.bars.pop_front();
  }
  while (!w.highs.empty() && w.highs.front().first < first) w.highs.pop_front();
  while (!w.lows.empty() && w.lows.front().first < first) w.lows.pop_front();
}

void MarketGenerator::RefreshTicker(Live& live, const model::Instrument& instrument,
                                    Timestamp t) const {
  SymbolPath& path = *live.path;
  const SymbolSpec& spec = path.spec();
  const std::int64_t minute = live.tape.minute;
  const std::int64_t second = FloorDivI(t.nanos(), kNsPerSecond);
  const auto in_minute = static_cast<int>(second - minute * 60);
  const float activity = path.Activity(minute);

  // Touch: the last trade sits on the side its taker hit.
  const std::int64_t spread = SpreadTicks(spec, second, activity);
  live.best_bid =
      live.last_side == model::OrderSide::kBuy ? live.last_ticks - spread : live.last_ticks;
  if (live.best_bid < 1) live.best_bid = 1;
  live.best_ask = live.best_bid + spread;
  const double price = static_cast<double>(live.last_ticks) * spec.tick;
  const TickLevel bid = BookSide(spec, second, model::BookSide::kBid, live.best_bid, price, 1)[0];
  const TickLevel ask = BookSide(spec, second, model::BookSide::kAsk, live.best_ask, price, 1)[0];

  // Mark: the last price smoothed (in log) with the latent path of the previous seconds of this
  // minute, kMarkSeconds values in all (never the current second: no look-ahead). Index: mark
  // less the perp premium, plus spot/perp noise.
  double log_sum = std::log(static_cast<double>(live.last_ticks));
  int count = 1;
  for (int s = std::max(0, in_minute - kMarkSeconds + 1); s < in_minute; ++s, ++count) {
    log_sum += std::log(static_cast<double>(live.tape.path[static_cast<std::size_t>(s)]));
  }
  const double mark = std::exp(log_sum / count);
  MarketRng noise(StreamKey(spec.seed, spec.symbol_hash, kTagIndex, second));
  const double index =
      mark * std::exp(-path.Premium(minute) + spec.preset.index_noise_bps * 1e-4 * noise.Normal());

  // 24 h: complete minutes of the window plus the current minute so far.
  const Window& w = live.window;
  TickBar day;
  if (!w.bars.empty()) {
    day = TickBar{w.bars.front().second.open,
                  w.highs.front().second,
                  w.lows.front().second,
                  w.bars.back().second.close,
                  w.base_lots,
                  w.quote_e4};
  }
  MergeBar(day, WithQuote(live.partial, spec));

  const int hours = *instrument.fund_interval_hours();
  const std::int64_t interval_ns = hours * 3600 * kNsPerSecond;
  const std::int64_t interval_start = FloorDivI(t.nanos(), interval_ns) * interval_ns;

  model::Ticker& k = live.ticker;
  k.symbol = instrument.symbol();
  k.last_price = PriceOf(instrument, live.last_ticks);
  k.bid_price = PriceOf(instrument, live.best_bid);
  k.bid_size = SizeOf(instrument, bid.lots);
  k.ask_price = PriceOf(instrument, live.best_ask);
  k.ask_size = SizeOf(instrument, ask.lots);
  k.open_24h = PriceOf(instrument, day.open);
  k.high_24h = PriceOf(instrument, day.high);
  k.low_24h = PriceOf(instrument, day.low);
  k.base_volume_24h = SizeOf(instrument, day.base_lots);
  k.quote_volume_24h = *Decimal::FromParts(day.quote_e4, 4);
  k.funding_rate = FundingRate(live, interval_start / kNsPerMinute, minute + 1);
  k.next_funding_time = Timestamp::FromNanos(interval_start + interval_ns);
  k.mark_price = PriceOf(instrument, std::max<std::int64_t>(1, std::llround(mark)));
  k.index_price = PriceOf(instrument, std::max<std::int64_t>(1, std::llround(index)));
  k.open_interest = SizeOf(instrument, path.OpenInterestLots(minute));
  k.ts = t;
}

Decimal MarketGenerator::FundingRate(Live& live, std::int64_t first_minute,
                                     std::int64_t end_minute) const {
  // Bitget since 2025-09-22 (README §2.7, [S6]): F = clamp{[P + clamp(I - P, -band, +band)] /
  // (8 / N), min, max}: inside the band the rate is exactly the baseline I * N / 8.
  const SymbolSpec& spec = live.path->spec();
  const MarketModelParams& q = spec.params;
  const auto hours = static_cast<double>(spec.fund_interval_hours);
  const double premium = live.path->MeanPremium(first_minute, end_minute);
  const double gap = q.interest_rate_8h - premium;
  if (std::abs(gap) <= q.premium_band_8h) return RateOf(q.interest_rate_8h * hours / 8);
  const double rate =
      (premium + std::clamp(gap, -q.premium_band_8h, q.premium_band_8h)) * hours / 8;
  return RateOf(std::clamp(rate, -spec.preset.funding_cap, spec.preset.funding_cap));
}

const model::Ticker& MarketGenerator::ticker(std::size_t i) const { return Mutable(i).ticker; }

std::span<const MarketTrade> MarketGenerator::RecentTrades(std::size_t i) const {
  return Mutable(i).recent;
}

model::OrderBookSnapshot MarketGenerator::Book(std::size_t i, std::size_t depth) const {
  const Live& live = Mutable(i);
  const model::Instrument& instrument = instruments_[i];
  const SymbolSpec& spec = live.path->spec();
  depth = std::min(depth, kMaxBookDepth);
  const std::int64_t second = FloorDivI(now_.nanos(), kNsPerSecond);
  const double price = static_cast<double>(live.last_ticks) * spec.tick;
  model::OrderBookSnapshot book;
  book.symbol = instrument.symbol();
  book.ts = now_;
  book.seq = now_.millis();
  for (const TickLevel& level :
       BookSide(spec, second, model::BookSide::kBid, live.best_bid, price, depth)) {
    book.bids.push_back({PriceOf(instrument, level.price_ticks), SizeOf(instrument, level.lots)});
  }
  for (const TickLevel& level :
       BookSide(spec, second, model::BookSide::kAsk, live.best_ask, price, depth)) {
    book.asks.push_back({PriceOf(instrument, level.price_ticks), SizeOf(instrument, level.lots)});
  }
  return book;
}

FundingInfo MarketGenerator::Funding(std::size_t i) const {
  Live& live = Mutable(i);
  const SymbolSpec& spec = live.path->spec();
  const int hours = *instruments_[i].fund_interval_hours();
  const std::int64_t interval_ns = hours * 3600 * kNsPerSecond;
  const std::int64_t last = FloorDivI(now_.nanos(), interval_ns) * interval_ns;
  FundingInfo info;
  info.rate = live.ticker.funding_rate;
  info.next_funding_time = *live.ticker.next_funding_time;
  info.interval_hours = hours;
  info.max_rate = RateOf(spec.preset.funding_cap);
  info.min_rate = -info.max_rate;
  if (last - interval_ns >= history_start_.nanos()) {
    info.last_funding_time = Timestamp::FromNanos(last);
    info.last_rate = FundingRate(live, (last - interval_ns) / kNsPerMinute, last / kNsPerMinute);
  }
  return info;
}

TickBar MarketGenerator::Aggregate(Live& live, Timestamp open, Timestamp end) const {
  const std::int64_t now_minute = live.tape.minute;
  const std::int64_t first = FloorDivI(open.nanos(), kNsPerMinute);
  const std::int64_t end_minute = FloorDivI(end.nanos(), kNsPerMinute);
  TickBar bar = live.path->Range(first, std::min(end_minute, now_minute));
  if (first <= now_minute && end_minute > now_minute) {
    MergeBar(bar, WithQuote(live.partial, live.path->spec()));
  }
  return bar;
}

core::Result<std::vector<model::Candle>> MarketGenerator::Candles(std::size_t i,
                                                                  model::Granularity g,
                                                                  Timestamp from, Timestamp to,
                                                                  std::size_t limit) const {
  if (from > to) return Invalid("candles: from is after to");
  if (limit == 0) return Invalid("candles: limit must be positive");
  Live& live = Mutable(i);
  const model::Instrument& instrument = instruments_[i];
  std::vector<Timestamp> opens;
  for (Timestamp open = BarOpenTime(g, std::min(to, now_));
       open >= from && NextBarOpen(g, open) > history_start_ && opens.size() < limit;
       open = BarOpenTime(g, open - core::Duration(1))) {
    opens.push_back(open);
  }
  std::vector<model::Candle> out;
  out.reserve(opens.size());
  for (auto it = opens.rbegin(); it != opens.rend(); ++it) {
    const TickBar bar = Aggregate(live, std::max(*it, history_start_), NextBarOpen(g, *it));
    if (bar.empty()) continue;
    out.push_back(model::Candle{
        .open_time = *it,
        .open = PriceOf(instrument, bar.open),
        .high = PriceOf(instrument, bar.high),
        .low = PriceOf(instrument, bar.low),
        .close = PriceOf(instrument, bar.close),
        .base_volume = SizeOf(instrument, bar.base_lots),
        .quote_volume = *Decimal::FromParts(bar.quote_e4, 4),
        .granularity = g,
    });
  }
  return out;
}

}  // namespace bgt::sim
