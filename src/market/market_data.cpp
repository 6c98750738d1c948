#include "market/market_data.h"

#include <algorithm>
#include <utility>

#include "core/check.h"

namespace bgt::market {

TradeRing::TradeRing(std::size_t capacity) : slots_(capacity) {
  BGT_CHECK(capacity >= 1, "TradeRing: capacity must be at least 1");
}

void TradeRing::Push(PublicTrade trade) {
  slots_[next_] = std::move(trade);
  next_ = (next_ + 1) % slots_.size();
  size_ = std::min(size_ + 1, slots_.size());
}

bool TradeRing::Contains(std::string_view trade_id) const {
  for (std::size_t i = 0; i < size_; ++i) {
    const std::size_t slot = (next_ + slots_.size() - 1 - i) % slots_.size();
    if (slots_[slot].trade_id == trade_id) return true;
  }
  return false;
}

std::optional<core::Timestamp> TradeRing::NewestTs() const {
  if (size_ == 0) return std::nullopt;
  return slots_[(next_ + slots_.size() - 1) % slots_.size()].ts;
}

std::vector<PublicTrade> TradeRing::Recent(std::size_t n) const {
  n = std::min(n, size_);
  std::vector<PublicTrade> out;
  out.reserve(n);
  for (std::size_t i = n; i > 0; --i) {
    out.push_back(slots_[(next_ + slots_.size() - i) % slots_.size()]);
  }
  return out;
}

MarketDataEngine::MarketDataEngine(core::Clock& clock, MarketDataConfig config)
    : clock_(clock),
      config_(config),
      feed_(config.feed_history),
      staleness_(clock, config.staleness) {
  BGT_CHECK(config_.trades_per_symbol >= 1, "MarketDataEngine: trades_per_symbol must be >= 1");
  BGT_CHECK(config_.candle_capacity >= 2, "MarketDataEngine: candle_capacity must be >= 2");
  books_.SetListener([this](const BookEvent& event) { feed_.Publish(event); });
}

MarketDataEngine::~MarketDataEngine() {
  if (staleness_timer_) clock_.Cancel(*staleness_timer_);
}

void MarketDataEngine::AddInstrument(const model::Instrument& instrument) {
  AddBook(BookSpec::FromInstrument(instrument));
  staleness_.Watch(StreamKind::kTicker, instrument.symbol());
}

void MarketDataEngine::AddBook(BookSpec spec) {
  staleness_.Watch(StreamKind::kBook, spec.symbol);
  books_.AddBook(std::move(spec));
}

void MarketDataEngine::Touch(StreamKind kind, std::string_view symbol) {
  if (auto fresh = staleness_.Touch(kind, symbol)) {
    ++counters_.fresh_events;
    feed_.Publish(std::move(*fresh));
  }
}

core::Result<ApplyResult> MarketDataEngine::OnBook(const model::BookDelta& delta) {
  auto result = books_.OnDelta(delta);
  if (!result) return result;
  // Only a usable book counts as fresh: one stuck waiting for its resync snapshot goes stale.
  if (result->applied() || result->issue == BookIssue::kDuplicate) {
    Touch(StreamKind::kBook, delta.symbol);
  }
  if (result->applied()) {
    feed_.Publish(BookUpdatedEvent{delta.symbol, delta.seq});
  }
  return result;
}

bool MarketDataEngine::OnTicker(const model::Ticker& ticker) {
  Touch(StreamKind::kTicker, ticker.symbol);
  auto it = tickers_.find(ticker.symbol);
  if (it != tickers_.end() && ticker.ts < it->second.ts) {
    ++counters_.tickers_out_of_order;
    return false;
  }
  ++counters_.tickers;
  model::Ticker merged = ticker;
  if (it != tickers_.end()) {
    if (!merged.next_funding_time) merged.next_funding_time = it->second.next_funding_time;
    it->second = merged;
  } else {
    tickers_.emplace(ticker.symbol, merged);
  }
  feed_.Publish(TickerEvent{std::move(merged)});
  return true;
}

CandleSeries& MarketDataEngine::Series(std::string_view symbol, model::Granularity granularity) {
  auto key = std::make_pair(std::string(symbol), granularity);
  auto it = candles_.find(key);
  if (it == candles_.end()) {
    it = candles_
             .emplace(key, CandleSeries(std::string(symbol), granularity, config_.candle_capacity))
             .first;
  }
  return it->second;
}

CandleUpdate MarketDataEngine::OnCandle(std::string_view symbol, const model::Candle& candle) {
  Touch(StreamKind::kCandle, symbol);
  ++counters_.candles;
  CandleUpdate update = Series(symbol, candle.granularity).OnCandle(candle);
  if (update.finalized) {
    feed_.Publish(CandleEvent{std::string(symbol), *update.finalized, true});
  }
  if (update.outcome == CandleOutcome::kOpened || update.outcome == CandleOutcome::kUpdated) {
    feed_.Publish(CandleEvent{std::string(symbol), candle, false});
  }
  return update;
}

core::Status MarketDataEngine::SeedCandles(std::string_view symbol, model::Granularity granularity,
                                           std::span<const model::Candle> history) {
  auto finalized = Series(symbol, granularity).Seed(history);
  if (!finalized) return finalized.error();
  for (const model::Candle& c : *finalized) {
    feed_.Publish(CandleEvent{std::string(symbol), c, true});
  }
  return core::Status::Ok();
}

bool MarketDataEngine::OnTrade(const PublicTrade& trade) {
  Touch(StreamKind::kTrade, trade.symbol);
  auto it = trades_.find(trade.symbol);
  if (it == trades_.end()) {
    it = trades_.emplace(trade.symbol, TradeRing(config_.trades_per_symbol)).first;
  }
  TradeRing& ring = it->second;
  // Bitget re-sends recent trades on (re)subscribe; only those can repeat an id.
  const auto newest = ring.NewestTs();
  if (newest && trade.ts <= *newest && !trade.trade_id.empty() && ring.Contains(trade.trade_id)) {
    ++counters_.trades_duplicate;
    return false;
  }
  ++counters_.trades;
  ring.Push(trade);
  feed_.Publish(TradeEvent{trade});
  return true;
}

std::vector<StalenessEvent> MarketDataEngine::CheckStaleness() {
  std::vector<StalenessEvent> events = staleness_.Check();
  for (const StalenessEvent& e : events) {
    ++counters_.stale_events;
    feed_.Publish(e);
  }
  return events;
}

void MarketDataEngine::ScheduleStalenessChecks(core::Duration interval) {
  if (staleness_timer_) clock_.Cancel(*staleness_timer_);
  staleness_timer_ = clock_.ScheduleEvery(interval, [this](core::Timestamp) { CheckStaleness(); });
}

const model::Ticker* MarketDataEngine::FindTicker(std::string_view symbol) const {
  auto it = tickers_.find(symbol);
  return it == tickers_.end() ? nullptr : &it->second;
}

const CandleSeries* MarketDataEngine::FindCandles(std::string_view symbol,
                                                  model::Granularity granularity) const {
  auto it = candles_.find(std::make_pair(std::string(symbol), granularity));
  return it == candles_.end() ? nullptr : &it->second;
}

std::vector<PublicTrade> MarketDataEngine::RecentTrades(std::string_view symbol,
                                                        std::size_t n) const {
  auto it = trades_.find(symbol);
  return it == trades_.end() ? std::vector<PublicTrade>{} : it->second.Recent(n);
}

}  // namespace bgt::market
