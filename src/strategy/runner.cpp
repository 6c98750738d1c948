#include "strategy/runner.h"

#include <utility>

namespace bgt::strategy {

StrategyRunner::StrategyRunner(Strategy& strategy, std::string strategy_id, core::Clock& clock,
                               MarketView& market, PositionBook& positions)
    : strategy_(strategy),
      clock_(clock),
      market_(market),
      positions_(positions),
      ctx_(std::move(strategy_id), clock, market, positions) {
  if (auto interval = strategy_.TimerInterval(); interval && interval->count() > 0) {
    timer_ = clock_.ScheduleEvery(
        *interval, [this](core::Timestamp deadline) { strategy_.OnTimer(ctx_, deadline); });
  }
}

StrategyRunner::~StrategyRunner() {
  if (timer_) clock_.Cancel(*timer_);
}

core::Status StrategyRunner::OnCandleClosed(const std::string& symbol,
                                            const model::Candle& candle) {
  BGT_RETURN_IF_ERROR(market_.OnCandleClosed(symbol, candle));
  strategy_.OnCandleClosed(ctx_, symbol, candle);
  return core::Status::Ok();
}

void StrategyRunner::OnTicker(const model::Ticker& ticker) {
  market_.OnTicker(ticker);
  strategy_.OnTicker(ctx_, ticker);
}

void StrategyRunner::OnBook(const TopOfBook& book) {
  market_.OnBook(book);
  strategy_.OnBook(ctx_, book);
}

void StrategyRunner::OnFunding(const FundingEvent& funding) {
  market_.OnFunding(funding);
  strategy_.OnFunding(ctx_, funding);
}

void StrategyRunner::OnOrderEvent(const OrderEvent& event) { strategy_.OnOrderEvent(ctx_, event); }

void StrategyRunner::OnPositionChanged(const PositionView& position) {
  positions_.Set(position);
  strategy_.OnPositionChanged(ctx_, position);
}

}  // namespace bgt::strategy
