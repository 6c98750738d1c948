// Mirror mode of the emulator: the live market fed from outside into sim::MirrorMarket and
// pushed into the exchange at once (Emulator::FeedTicker / FeedBook).
#include <string>

#include "emulator/emulator_impl.h"

namespace bgt::emulator {

core::Status Emulator::Impl::ApplyFeed(std::string_view symbol,
                                       const std::function<core::Status()>& feed) {
  std::lock_guard lock(mu_);
  if (mirror_ == nullptr) {
    return core::MakeError(core::ErrorCode::kFailedPrecondition,
                           "emulator: market feeds need mirror mode (EmulatorConfig::"
                           "mirror_contracts); this emulator generates its market");
  }
  // Whatever came due before the feed (funding) settles at the previously fed values.
  AdvanceMarket(clock_.Now());
  const core::Status fed = feed();
  if (fed.ok()) {
    const auto i = market_->FindSymbol(symbol);
    BGT_CHECK(i.has_value(), "a fed symbol is served");
    PushSymbol(*i);
    exchange_->OnTime(market_->Now());
  }
  PublishPrivate();
  return fed;
}

core::Status Emulator::Impl::FeedTicker(const model::Ticker& ticker) {
  return ApplyFeed(ticker.symbol, [&] { return mirror_->Feed(ticker); });
}

core::Status Emulator::Impl::FeedBook(std::string_view symbol,
                                      const model::OrderBookSnapshot& book) {
  return ApplyFeed(symbol, [&] { return mirror_->FeedBook(symbol, book); });
}

core::Status Emulator::FeedTicker(const model::Ticker& ticker) { return impl_->FeedTicker(ticker); }

core::Status Emulator::FeedBook(std::string_view symbol, const model::OrderBookSnapshot& book) {
  return impl_->FeedBook(symbol, book);
}

}  // namespace bgt::emulator
