// StrategyRunner: drives one strategy — writes each event into the MarketView / PositionBook
// first, then calls the strategy's callback with its context — and schedules its timer on the
// clock. The kernel and the backtest loop use it; so do the strategy tests.
// Thread-safety: not thread-safe; kernel thread only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "strategy/strategy.h"

namespace bgt::strategy {

class StrategyRunner {
 public:
  // Every reference must outlive the runner. Schedules the strategy's timer when it has one.
  StrategyRunner(Strategy& strategy, std::string strategy_id, core::Clock& clock,
                 MarketView& market, PositionBook& positions);
  ~StrategyRunner();
  StrategyRunner(const StrategyRunner&) = delete;
  StrategyRunner& operator=(const StrategyRunner&) = delete;

  // Error when the MarketView refuses the candle (the strategy is not called then).
  core::Status OnCandleClosed(const std::string& symbol, const model::Candle& candle);
  void OnTicker(const model::Ticker& ticker);
  void OnBook(const TopOfBook& book);
  void OnFunding(const FundingEvent& funding);
  void OnOrderEvent(const OrderEvent& event);
  void OnPositionChanged(const PositionView& position);

  StrategyContext& context() { return ctx_; }
  std::vector<Intent> TakeIntents() { return ctx_.TakeIntents(); }

 private:
  Strategy& strategy_;
  core::Clock& clock_;
  MarketView& market_;
  PositionBook& positions_;
  StrategyContext ctx_;
  std::optional<core::TimerId> timer_;
};

}  // namespace bgt::strategy
