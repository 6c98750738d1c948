// The strategy API: MarketView (the read-only market data a strategy may see), StrategyContext
// (its view of the world: clock, market data, instrument rules, its own positions; and where its
// intents are collected) and the Strategy interface (callbacks). A strategy sees no mode, no
// network and no orders: it reads, and it states intents (intent.h). Its typed parameters are
// the struct it is constructed with (each built-in strategy validates its own).
// Thread-safety: not thread-safe; everything here belongs to the kernel thread.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "core/time.h"
#include "model/candle.h"
#include "model/instrument.h"
#include "model/ticker.h"
#include "strategy/events.h"
#include "strategy/intent.h"

namespace bgt::strategy {

// The latest market data per symbol, written by the kernel (or a backtest loop) before the
// matching strategy callback runs. Keeps the last `max_candles` closed candles per symbol.
class MarketView {
 public:
  explicit MarketView(std::size_t max_candles = 500) : max_candles_(max_candles) {}

  void SetInstrument(const model::Instrument& instrument);
  void OnTicker(const model::Ticker& ticker);
  void OnBook(const TopOfBook& book);
  void OnFunding(const FundingEvent& funding);
  // Appends a closed candle. Error (kInvalidArgument) when its open time is not after the last
  // one of `symbol` or CheckCandle refuses it; the view is then unchanged.
  core::Status OnCandleClosed(const std::string& symbol, const model::Candle& candle);

  // nullptr / empty when nothing is known yet.
  const model::Instrument* instrument(std::string_view symbol) const;
  const model::Ticker* ticker(std::string_view symbol) const;
  const TopOfBook* book(std::string_view symbol) const;
  const FundingEvent* funding(std::string_view symbol) const;
  const std::deque<model::Candle>& candles(std::string_view symbol) const;

 private:
  std::size_t max_candles_;
  std::map<std::string, model::Instrument, std::less<>> instruments_;
  std::map<std::string, model::Ticker, std::less<>> tickers_;
  std::map<std::string, TopOfBook, std::less<>> books_;
  std::map<std::string, FundingEvent, std::less<>> funding_;
  std::map<std::string, std::deque<model::Candle>, std::less<>> candles_;
};

// A strategy's positions, written by the kernel from fills; strategies only read them.
class PositionBook {
 public:
  void Set(const PositionView& position);  // a flat position removes the entry
  const PositionView* Find(std::string_view symbol) const;
  const std::map<std::string, PositionView, std::less<>>& all() const { return positions_; }

 private:
  std::map<std::string, PositionView, std::less<>> positions_;
};

class StrategyContext {
 public:
  // All three must outlive the context.
  StrategyContext(std::string strategy_id, const core::Clock& clock, const MarketView& market,
                  const PositionBook& positions);
  // A context over the same clock, data and positions collecting its own intents (for wrappers
  // that filter what an inner strategy wants).
  StrategyContext Child(std::string strategy_id) const;

  const std::string& strategy_id() const { return strategy_id_; }
  core::Timestamp Now() const { return clock_->Now(); }
  const MarketView& market() const { return *market_; }
  const model::Instrument* instrument(std::string_view symbol) const {
    return market_->instrument(symbol);
  }
  // The strategy's position; nullptr when flat.
  const PositionView* position(std::string_view symbol) const { return positions_->Find(symbol); }
  // Signed quantity, 0 when flat.
  core::Decimal PositionQuantity(std::string_view symbol) const;

  // Records an intent stamped with the strategy id and Now().
  void Submit(IntentBody body);
  const std::vector<Intent>& intents() const { return intents_; }
  // Returns the intents collected so far and forgets them.
  std::vector<Intent> TakeIntents();

 private:
  std::string strategy_id_;
  const core::Clock* clock_;
  const MarketView* market_;
  const PositionBook* positions_;
  std::vector<Intent> intents_;
};

// Callbacks run on the kernel thread after MarketView / PositionBook hold the new data. Default
// implementations ignore the event.
class Strategy {
 public:
  virtual ~Strategy() = default;

  virtual std::string_view name() const = 0;
  virtual void OnCandleClosed(StrategyContext& /*ctx*/, const std::string& /*symbol*/,
                              const model::Candle& /*candle*/) {}
  virtual void OnTicker(StrategyContext& /*ctx*/, const model::Ticker& /*ticker*/) {}
  virtual void OnBook(StrategyContext& /*ctx*/, const TopOfBook& /*book*/) {}
  virtual void OnFunding(StrategyContext& /*ctx*/, const FundingEvent& /*funding*/) {}
  virtual void OnOrderEvent(StrategyContext& /*ctx*/, const OrderEvent& /*event*/) {}
  virtual void OnPositionChanged(StrategyContext& /*ctx*/, const PositionView& /*position*/) {}
  // Fires every TimerInterval() when the runner schedules it.
  virtual void OnTimer(StrategyContext& /*ctx*/, core::Timestamp /*deadline*/) {}
  virtual std::optional<core::Duration> TimerInterval() const { return std::nullopt; }
};

// Helpers for the built-in strategies: a price from indicator arithmetic, rounded to the
// instrument's tick (kFloor / kCeiling as asked; half-even to 8 decimals without an instrument).
// Error when the value is not finite or out of range.
core::Result<core::Decimal> PriceFromDouble(const model::Instrument* instrument, double value,
                                            core::Rounding rounding);

}  // namespace bgt::strategy
