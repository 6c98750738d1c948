#include "strategy/funding_aware.h"

#include <cmath>
#include <utility>

namespace bgt::strategy {
namespace {

// +1 when longs pay at `rate`, -1 when shorts pay, 0 when nobody pays.
int PayingSign(const core::Decimal& rate) { return rate.Sign(); }

int SideSign(Side side) { return side == Side::kLong ? 1 : -1; }

// A reference price: last trade, else the mid of the book, else the last close; 0 when none.
double ReferencePrice(const StrategyContext& ctx, const std::string& symbol) {
  if (const model::Ticker* t = ctx.market().ticker(symbol); t && t->last_price.IsPositive()) {
    return t->last_price.ToDouble();
  }
  if (const TopOfBook* b = ctx.market().book(symbol);
      b && b->bid.IsPositive() && b->ask.IsPositive()) {
    return (b->bid.ToDouble() + b->ask.ToDouble()) / 2;
  }
  const auto& candles = ctx.market().candles(symbol);
  return candles.empty() ? 0.0 : candles.back().close.ToDouble();
}

}  // namespace

core::Status Validate(const FundingParams& p) {
  std::string problems;
  const auto bad = [&](std::string_view what) {
    problems += "\n  ";
    problems += what;
  };
  if (!p.expensive_rate.IsPositive()) bad("expensive_rate: must be > 0");
  if (!p.harvest_rate.IsPositive()) bad("harvest_rate: must be > 0");
  if (p.avoid_window.count() < 0) bad("avoid_window: must be >= 0");
  if (p.harvest_window.count() <= 0) bad("harvest_window: must be > 0");
  if (!std::isfinite(p.harvest_stop_pct) || p.harvest_stop_pct <= 0 || p.harvest_stop_pct >= 100) {
    bad("harvest_stop_pct: must be in (0, 100)");
  }
  if (p.exit_after.count() < 0) bad("exit_after: must be >= 0");
  if (p.check_interval.count() <= 0) bad("check_interval: must be > 0");
  if (problems.empty()) return core::Status::Ok();
  return core::MakeError(core::ErrorCode::kInvalidArgument,
                         "invalid funding_aware parameters:" + problems);
}

FundingAware::FundingAware(FundingParams params, std::unique_ptr<Strategy> inner)
    : params_(std::move(params)), inner_(std::move(inner)) {
  const core::Status ok = Validate(params_);
  BGT_CHECK(ok.ok(), ok.ToString());
}

core::Result<std::unique_ptr<FundingAware>> FundingAware::Create(FundingParams params,
                                                                 std::unique_ptr<Strategy> inner) {
  BGT_RETURN_IF_ERROR(Validate(params));
  return std::make_unique<FundingAware>(std::move(params), std::move(inner));
}

std::optional<std::string> FundingAware::EntryVeto(const StrategyContext& ctx,
                                                   const std::string& symbol, Side side) const {
  const FundingEvent* f = ctx.market().funding(symbol);
  if (f == nullptr || !f->next_funding_time) return std::nullopt;
  const core::Duration until = *f->next_funding_time - ctx.Now();
  if (until <= core::Duration::zero() || until > params_.avoid_window) return std::nullopt;
  if (PayingSign(f->rate) != SideSign(side) || f->rate.Abs() < params_.expensive_rate) {
    return std::nullopt;
  }
  return std::string(ToString(side)) + " would pay funding " + f->rate.ToString() + " in " +
         std::to_string(std::chrono::duration_cast<std::chrono::seconds>(until).count()) + " s";
}

template <typename F>
void FundingAware::Forward(StrategyContext& ctx, F&& call) {
  if (!inner_) return;
  StrategyContext child = ctx.Child(ctx.strategy_id());
  call(child);
  for (Intent& intent : child.TakeIntents()) {
    std::optional<std::string> veto;
    if (const auto* entry = std::get_if<Entry>(&intent.body)) {
      veto = EntryVeto(ctx, entry->symbol, entry->side);
    } else if (const auto* target = std::get_if<TargetPosition>(&intent.body)) {
      const core::Decimal current = ctx.PositionQuantity(target->symbol);
      const Side side = target->value.IsNegative() ? Side::kShort : Side::kLong;
      const bool grows =
          !target->value.IsZero() && (current.Sign() != target->value.Sign() ||
                                      (target->unit == TargetPosition::Unit::kBaseSize &&
                                       target->value.Abs() > current.Abs()));
      if (grows) veto = EntryVeto(ctx, target->symbol, side);
    }
    if (veto) {
      blocked_.push_back({std::move(intent), std::move(*veto)});
    } else {
      ctx.Submit(std::move(intent.body));
    }
  }
}

void FundingAware::Harvest(StrategyContext& ctx, const std::string& symbol) {
  if (!params_.harvest) return;
  const core::Timestamp now = ctx.Now();
  if (auto it = harvesting_.find(symbol); it != harvesting_.end()) {
    if (now >= it->second) {
      ctx.Submit(Exit{symbol, "funding collected"});
      harvesting_.erase(it);
    }
    return;
  }
  if (ctx.position(symbol) != nullptr) return;  // only from flat
  const FundingEvent* f = ctx.market().funding(symbol);
  if (f == nullptr || !f->next_funding_time || f->rate.Abs() < params_.harvest_rate) return;
  const core::Duration until = *f->next_funding_time - now;
  if (until <= core::Duration::zero() || until > params_.harvest_window) return;
  const double price = ReferencePrice(ctx, symbol);
  if (!(price > 0)) return;
  const Side side = f->rate.IsPositive() ? Side::kShort : Side::kLong;  // the receiving side
  const double distance = price * params_.harvest_stop_pct / 100.0;
  const bool is_long = side == Side::kLong;
  auto stop = PriceFromDouble(ctx.instrument(symbol), is_long ? price - distance : price + distance,
                              is_long ? core::Rounding::kFloor : core::Rounding::kCeiling);
  if (!stop || !stop->IsPositive()) return;
  harvesting_[symbol] = *f->next_funding_time + params_.exit_after;
  ctx.Submit(Entry{symbol, side, *stop, std::nullopt, "harvest funding " + f->rate.ToString()});
}

void FundingAware::OnCandleClosed(StrategyContext& ctx, const std::string& symbol,
                                  const model::Candle& candle) {
  Forward(ctx, [&](StrategyContext& c) { inner_->OnCandleClosed(c, symbol, candle); });
  if (symbols_.count(symbol) != 0) Harvest(ctx, symbol);
}

void FundingAware::OnTicker(StrategyContext& ctx, const model::Ticker& ticker) {
  Forward(ctx, [&](StrategyContext& c) { inner_->OnTicker(c, ticker); });
  if (symbols_.count(ticker.symbol) != 0) Harvest(ctx, ticker.symbol);
}

void FundingAware::OnBook(StrategyContext& ctx, const TopOfBook& book) {
  Forward(ctx, [&](StrategyContext& c) { inner_->OnBook(c, book); });
}

void FundingAware::OnFunding(StrategyContext& ctx, const FundingEvent& funding) {
  symbols_.insert(funding.symbol);
  Forward(ctx, [&](StrategyContext& c) { inner_->OnFunding(c, funding); });
  Harvest(ctx, funding.symbol);
}

void FundingAware::OnOrderEvent(StrategyContext& ctx, const OrderEvent& event) {
  Forward(ctx, [&](StrategyContext& c) { inner_->OnOrderEvent(c, event); });
}

void FundingAware::OnPositionChanged(StrategyContext& ctx, const PositionView& position) {
  Forward(ctx, [&](StrategyContext& c) { inner_->OnPositionChanged(c, position); });
  if (position.IsFlat()) harvesting_.erase(position.symbol);  // stopped out, or closed elsewhere
}

void FundingAware::OnTimer(StrategyContext& ctx, core::Timestamp deadline) {
  Forward(ctx, [&](StrategyContext& c) { inner_->OnTimer(c, deadline); });
  for (const std::string& symbol : symbols_) Harvest(ctx, symbol);
}

std::optional<core::Duration> FundingAware::TimerInterval() const {
  if (params_.harvest) return params_.check_interval;
  return inner_ ? inner_->TimerInterval() : std::nullopt;
}

}  // namespace bgt::strategy
