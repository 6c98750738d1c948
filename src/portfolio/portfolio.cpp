#include "portfolio/portfolio.h"

#include <algorithm>
#include <utility>

namespace bgt::portfolio {
namespace {

using core::Decimal;
using core::ErrorCode;
using model::PositionSide;

constexpr int kRatioScale = 8;
constexpr int kRebuildPriceScale = 10;

std::string TradeKey(const model::Fill& fill) { return fill.symbol + '\x1f' + fill.trade_id; }

// A position holding `quantity` with entry value `entry_notional` (the entry price is that
// value / |quantity|, at 10 decimals when not exact).
core::Result<model::Position> Rebuild(const PositionSnapshot& s) {
  model::Position p(s.symbol, s.leg);
  if (s.quantity.IsZero()) return p;
  auto price = Decimal::Div(s.entry_notional, s.quantity.Abs(), kRebuildPriceScale,
                            core::Rounding::kHalfEven);
  BGT_RETURN_IF_ERROR(price);
  if (!price->IsPositive()) {
    return core::MakeError(ErrorCode::kInvalidArgument,
                           "snapshot of " + s.symbol + " has a non-positive entry value");
  }
  auto r = p.Apply(s.quantity.IsPositive() ? model::OrderSide::kBuy : model::OrderSide::kSell,
                   price->Normalized(), s.quantity.Abs(), Decimal(), core::Timestamp());
  BGT_RETURN_IF_ERROR(r);
  return p;
}

// True when the venue's rounded average entry price accounts for the whole difference between
// the local entry value and the snapshot's: |local − avg × |q|| < |q| × 10^-scale(avg).
bool AgreesWithRoundedAverage(const model::Position& local, const PositionSnapshot& snap) {
  if (!snap.entry_price || snap.quantity.IsZero()) return false;
  const Decimal quantity = snap.quantity.Abs();
  auto unit = Decimal::FromParts(1, snap.entry_price->scale());
  if (!unit) return false;
  const Decimal gap = (local.entry_notional() - *snap.entry_price * quantity).Abs();
  return gap < quantity * *unit;
}

}  // namespace

void Portfolio::OnTransfer(const Decimal& amount) { transfers_ += amount; }

core::Result<model::FillOutcome> Portfolio::OnFill(const model::Fill& fill) {
  if (fill.trade_id.empty() || fill.symbol.empty()) {
    return core::MakeError(ErrorCode::kInvalidArgument, "fill without trade id or symbol");
  }
  const std::string key = TradeKey(fill);
  if (trade_ids_.contains(key)) return model::FillOutcome::kDuplicate;
  const LegKey leg{fill.symbol, fill.position_side};
  auto it = legs_.find(leg);
  model::Position position =
      it != legs_.end() ? it->second.position : model::Position(fill.symbol, fill.position_side);
  auto realized = position.ApplyFill(fill);
  BGT_RETURN_IF_ERROR(realized);
  trade_ids_.insert(key);
  realized_ += *realized;
  fees_ += fill.fee;
  if (position.IsFlat()) {
    if (it != legs_.end()) legs_.erase(it);
  } else if (it != legs_.end()) {
    it->second.position = std::move(position);
  } else {
    // A new position: the venue's accumulated funding starts at zero with it.
    legs_.emplace(leg, LegState{std::move(position), Decimal(), std::nullopt, Decimal()});
  }
  return model::FillOutcome::kApplied;
}

core::Status Portfolio::OnFunding(const FundingPayment& payment) {
  funding_ += payment.amount;
  auto it = legs_.find(LegKey{payment.symbol, payment.leg});
  if (it == legs_.end()) {
    return core::MakeError(ErrorCode::kNotFound,
                           "funding for " + payment.symbol + " with no open position locally");
  }
  it->second.funding += payment.amount;
  // The same money the venue adds to the position's accumulated funding.
  if (it->second.venue_funding) *it->second.venue_funding += payment.amount;
  return core::Status::Ok();
}

core::Status Portfolio::SetMark(const std::string& symbol, const Decimal& mark) {
  if (!mark.IsPositive()) {
    return core::MakeError(ErrorCode::kInvalidArgument, "mark must be positive for " + symbol);
  }
  marks_[symbol] = mark;
  return core::Status::Ok();
}

core::Status Portfolio::SetLeverage(const std::string& symbol, int leverage) {
  if (leverage < 1 || leverage > 1000) {
    return core::MakeError(ErrorCode::kInvalidArgument,
                           "leverage must be 1..1000, got " + std::to_string(leverage));
  }
  leverage_[symbol] = leverage;
  return core::Status::Ok();
}

std::vector<Difference> Portfolio::ApplyPositions(const std::vector<PositionSnapshot>& venue) {
  std::vector<Difference> diffs;
  std::map<LegKey, const PositionSnapshot*> by_key;
  for (const PositionSnapshot& s : venue) {
    if (!s.quantity.IsZero()) by_key[LegKey{s.symbol, s.leg}] = &s;
  }
  // Local positions the venue does not hold.
  for (auto it = legs_.begin(); it != legs_.end();) {
    if (by_key.contains(it->first)) {
      ++it;
      continue;
    }
    diffs.push_back({DiffKind::kQuantity, it->first.symbol, it->first.leg,
                     it->second.position.quantity(), Decimal()});
    it = legs_.erase(it);
  }
  for (const auto& [key, snap] : by_key) {
    if (snap->mark && snap->mark->IsPositive()) marks_[key.symbol] = *snap->mark;
    if (snap->leverage && *snap->leverage >= 1) leverage_[key.symbol] = *snap->leverage;
    auto it = legs_.find(key);
    if (it != legs_.end() && snap->funding) {
      LegState& leg = it->second;
      if (leg.venue_funding && *snap->funding != *leg.venue_funding) {
        const Decimal paid = *snap->funding - *leg.venue_funding;
        funding_ += paid;
        leg.funding += paid;
        snapshot_funding_.push_back({key.symbol, key.leg, paid, core::Timestamp()});
      }
      leg.venue_funding = snap->funding;
    }
    if (it != legs_.end()) {
      it->second.liquidation_price = snap->liquidation_price;
      const model::Position& local = it->second.position;
      if (local.quantity() == snap->quantity && (local.entry_notional() == snap->entry_notional ||
                                                 AgreesWithRoundedAverage(local, *snap))) {
        continue;
      }
      if (local.quantity() != snap->quantity) {
        diffs.push_back(
            {DiffKind::kQuantity, key.symbol, key.leg, local.quantity(), snap->quantity});
      } else {
        diffs.push_back({DiffKind::kEntryNotional, key.symbol, key.leg, local.entry_notional(),
                         snap->entry_notional});
      }
    } else {
      diffs.push_back({DiffKind::kQuantity, key.symbol, key.leg, Decimal(), snap->quantity});
    }
    auto rebuilt = Rebuild(*snap);
    if (!rebuilt) continue;  // an unusable snapshot row keeps the local view; reported above
    if (it != legs_.end()) {
      it->second.position = std::move(*rebuilt);
    } else {
      // Adopted: what the venue accumulated before is already in the balance.
      legs_.emplace(
          key, LegState{std::move(*rebuilt), Decimal(), snap->liquidation_price, snap->funding});
    }
  }
  return diffs;
}

std::optional<Difference> Portfolio::ApplyBalance(const Decimal& venue_balance) {
  const Decimal local = balance();
  if (local == venue_balance) return std::nullopt;
  adjustments_ += venue_balance - local;
  return Difference{DiffKind::kBalance, "", PositionSide::kNet, local, venue_balance};
}

const model::Position* Portfolio::Find(const std::string& symbol, PositionSide leg) const {
  auto it = legs_.find(LegKey{symbol, leg});
  return it == legs_.end() ? nullptr : &it->second.position;
}

std::optional<Decimal> Portfolio::Mark(const std::string& symbol) const {
  auto it = marks_.find(symbol);
  if (it == marks_.end()) return std::nullopt;
  return it->second;
}

std::vector<PositionSummary> Portfolio::Positions() const {
  std::vector<PositionSummary> out;
  for (const auto& [key, st] : legs_) {
    PositionSummary s;
    s.symbol = key.symbol;
    s.leg = key.leg;
    s.quantity = st.position.quantity();
    s.entry_notional = st.position.entry_notional();
    s.realized_pnl = st.position.realized_pnl();
    s.fees = st.position.fees();
    s.funding = st.funding;
    s.mark = Mark(key.symbol);
    if (s.mark) {
      auto upl = st.position.UnrealizedPnl(*s.mark);
      if (upl) s.unrealized_pnl = *upl;
    }
    out.push_back(std::move(s));
  }
  return out;
}

core::Result<Decimal> Portfolio::UnrealizedPnl() const {
  Decimal total;
  for (const auto& [key, st] : legs_) {
    const auto mark = Mark(key.symbol);
    if (!mark) {
      return core::MakeError(ErrorCode::kFailedPrecondition, "no mark price for " + key.symbol);
    }
    auto upl = st.position.UnrealizedPnl(*mark);
    BGT_RETURN_IF_ERROR(upl);
    auto sum = Decimal::CheckedAdd(total, *upl);
    BGT_RETURN_IF_ERROR(sum);
    total = *sum;
  }
  return total;
}

core::Result<Decimal> Portfolio::Equity() const {
  auto upl = UnrealizedPnl();
  BGT_RETURN_IF_ERROR(upl);
  return Decimal::CheckedAdd(balance(), *upl);
}

core::Result<Decimal> Portfolio::Notional(const std::string& symbol) const {
  Decimal total;
  for (const auto& [key, st] : legs_) {
    if (!symbol.empty() && key.symbol != symbol) continue;
    const auto mark = Mark(key.symbol);
    if (!mark) {
      return core::MakeError(ErrorCode::kFailedPrecondition, "no mark price for " + key.symbol);
    }
    auto value = Decimal::CheckedMul(st.position.quantity().Abs(), *mark);
    BGT_RETURN_IF_ERROR(value);
    auto sum = Decimal::CheckedAdd(total, *value);
    BGT_RETURN_IF_ERROR(sum);
    total = *sum;
  }
  return total;
}

core::Result<Decimal> Portfolio::MarginInUse() const {
  Decimal total;
  for (const auto& [key, st] : legs_) {
    const auto mark = Mark(key.symbol);
    if (!mark) {
      return core::MakeError(ErrorCode::kFailedPrecondition, "no mark price for " + key.symbol);
    }
    auto value = Decimal::CheckedMul(st.position.quantity().Abs(), *mark);
    BGT_RETURN_IF_ERROR(value);
    auto lev = leverage_.find(key.symbol);
    const int leverage = lev == leverage_.end() ? kDefaultLeverage : lev->second;
    auto margin =
        Decimal::Div(*value, Decimal::FromInt(leverage), kRatioScale, core::Rounding::kCeiling);
    BGT_RETURN_IF_ERROR(margin);
    total += *margin;
  }
  return total;
}

std::optional<Decimal> Portfolio::LiquidationPrice(const std::string& symbol,
                                                   PositionSide leg) const {
  auto it = legs_.find(LegKey{symbol, leg});
  if (it == legs_.end()) return std::nullopt;
  return it->second.liquidation_price;
}

std::optional<Decimal> Portfolio::LiquidationDistance(const std::string& symbol,
                                                      PositionSide leg) const {
  const auto liq = LiquidationPrice(symbol, leg);
  const auto mark = Mark(symbol);
  if (!liq || !mark) return std::nullopt;
  auto d = Decimal::Div((*mark - *liq).Abs(), *mark, kRatioScale, core::Rounding::kDown);
  if (!d) return std::nullopt;
  return *d;
}

}  // namespace bgt::portfolio
