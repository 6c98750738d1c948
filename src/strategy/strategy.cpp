#include "strategy/strategy.h"

#include <cmath>
#include <utility>

namespace bgt::strategy {
namespace {

template <typename Map>
auto FindIn(const Map& map, std::string_view key) -> decltype(&map.begin()->second) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

}  // namespace

std::string_view ToString(Side side) { return side == Side::kLong ? "long" : "short"; }

const std::string& SymbolOf(const IntentBody& body) {
  return std::visit([](const auto& b) -> const std::string& { return b.symbol; }, body);
}

std::string_view KindOf(const IntentBody& body) {
  switch (body.index()) {
    case 0:
      return "target";
    case 1:
      return "entry";
    case 2:
      return "exit";
    default:
      return "stop_update";
  }
}

void MarketView::SetInstrument(const model::Instrument& instrument) {
  instruments_.insert_or_assign(instrument.symbol(), instrument);
}

void MarketView::OnTicker(const model::Ticker& ticker) {
  tickers_.insert_or_assign(ticker.symbol, ticker);
}

void MarketView::OnBook(const TopOfBook& book) { books_.insert_or_assign(book.symbol, book); }

void MarketView::OnFunding(const FundingEvent& funding) {
  funding_.insert_or_assign(funding.symbol, funding);
}

core::Status MarketView::OnCandleClosed(const std::string& symbol, const model::Candle& candle) {
  BGT_RETURN_IF_ERROR(model::CheckCandle(candle));
  std::deque<model::Candle>& series = candles_[symbol];
  if (!series.empty() && candle.open_time <= series.back().open_time) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           symbol + " candle at " + candle.open_time.ToIso8601() +
                               " is not after the last one " + series.back().open_time.ToIso8601());
  }
  series.push_back(candle);
  while (series.size() > max_candles_) series.pop_front();
  return core::Status::Ok();
}

const model::Instrument* MarketView::instrument(std::string_view symbol) const {
  return FindIn(instruments_, symbol);
}
const model::Ticker* MarketView::ticker(std::string_view symbol) const {
  return FindIn(tickers_, symbol);
}
const TopOfBook* MarketView::book(std::string_view symbol) const { return FindIn(books_, symbol); }
const FundingEvent* MarketView::funding(std::string_view symbol) const {
  return FindIn(funding_, symbol);
}
const std::deque<model::Candle>& MarketView::candles(std::string_view symbol) const {
  static const std::deque<model::Candle> kEmpty;
  const auto* found = FindIn(candles_, symbol);
  return found == nullptr ? kEmpty : *found;
}

void PositionBook::Set(const PositionView& position) {
  if (position.IsFlat()) {
    positions_.erase(position.symbol);
  } else {
    positions_.insert_or_assign(position.symbol, position);
  }
}

const PositionView* PositionBook::Find(std::string_view symbol) const {
  return FindIn(positions_, symbol);
}

StrategyContext::StrategyContext(std::string strategy_id, const core::Clock& clock,
                                 const MarketView& market, const PositionBook& positions)
    : strategy_id_(std::move(strategy_id)),
      clock_(&clock),
      market_(&market),
      positions_(&positions) {}

StrategyContext StrategyContext::Child(std::string strategy_id) const {
  return StrategyContext(std::move(strategy_id), *clock_, *market_, *positions_);
}

core::Decimal StrategyContext::PositionQuantity(std::string_view symbol) const {
  const PositionView* p = position(symbol);
  return p == nullptr ? core::Decimal() : p->quantity;
}

void StrategyContext::Submit(IntentBody body) {
  intents_.push_back(Intent{strategy_id_, Now(), std::move(body)});
}

std::vector<Intent> StrategyContext::TakeIntents() {
  std::vector<Intent> out = std::move(intents_);
  intents_.clear();
  return out;
}

core::Result<core::Decimal> PriceFromDouble(const model::Instrument* instrument, double value,
                                            core::Rounding rounding) {
  if (!std::isfinite(value)) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "price is not finite");
  }
  auto raw = core::Decimal::FromDouble(value, 8);
  if (!raw) return raw.error();
  if (instrument == nullptr) return raw;
  return raw->RoundToMultiple(instrument->tick_size(), rounding);
}

}  // namespace bgt::strategy
