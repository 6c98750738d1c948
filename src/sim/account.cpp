#include "sim/account.h"

#include <algorithm>
#include <utility>

#include "core/check.h"

namespace bgt::sim {
namespace {

using core::Decimal;
using core::ErrorCode;
using core::Result;
using model::OrderSide;
using model::PositionSide;

// Operators abort on overflow; account values are bounded by order sizes and prices that the
// instrument rules keep far from the 64-bit limits.
Decimal Mul(const Decimal& a, const Decimal& b) {
  auto p = MulExact(a, b);
  BGT_CHECK(p.has_value(), "account arithmetic overflow");
  return *p;
}

Decimal Norm(const Decimal& d) { return d.Normalized(); }

BillType TradeBill(const LegKey& key, OrderSide direction, bool closing, bool liquidation) {
  if (key.side == PositionSide::kNet) {
    if (liquidation)
      return direction == OrderSide::kBuy ? BillType::kBurstBuy : BillType::kBurstSell;
    return direction == OrderSide::kBuy ? BillType::kBuy : BillType::kSell;
  }
  const bool long_leg = key.side == PositionSide::kLong;
  if (liquidation) return long_leg ? BillType::kBurstLongLoss : BillType::kBurstShortLoss;
  if (closing) return long_leg ? BillType::kCloseLong : BillType::kCloseShort;
  return long_leg ? BillType::kOpenLong : BillType::kOpenShort;
}

}  // namespace

std::string_view ToString(BillType type) {
  switch (type) {
    case BillType::kTransferIn:
      return "trans_from_exchange";
    case BillType::kTransferOut:
      return "trans_to_exchange";
    case BillType::kOpenLong:
      return "open_long";
    case BillType::kOpenShort:
      return "open_short";
    case BillType::kCloseLong:
      return "close_long";
    case BillType::kCloseShort:
      return "close_short";
    case BillType::kBuy:
      return "buy";
    case BillType::kSell:
      return "sell";
    case BillType::kFunding:
      return "contract_settle_fee";
    case BillType::kBurstLongLoss:
      return "burst_long_loss_query";
    case BillType::kBurstShortLoss:
      return "burst_short_loss_query";
    case BillType::kBurstBuy:
      return "burst_buy";
    case BillType::kBurstSell:
      return "burst_sell";
    case BillType::kRiskFund:
      return "risk_fund";
  }
  return "unknown";
}

core::Status SimAccount::Transfer(const Decimal& amount, core::Timestamp ts) {
  if (amount.IsZero()) {
    return core::MakeError(ErrorCode::kInvalidArgument, "transfer amount must not be zero");
  }
  balance_ = Norm(balance_ + amount);
  ledger_.transfers = Norm(ledger_.transfers + amount);
  Book("", amount.IsPositive() ? BillType::kTransferIn : BillType::kTransferOut, amount, Decimal(),
       ts);
  return core::Status::Ok();
}

SymbolConfig& SimAccount::Config(const model::Instrument& instrument) {
  auto it = configs_.find(instrument.symbol());
  if (it != configs_.end()) return it->second;
  const int lev =
      std::clamp(kDefaultLeverage, instrument.min_leverage(), instrument.max_leverage());
  SymbolConfig config{model::MarginMode::kCrossed, lev, lev, lev};
  return configs_.emplace(instrument.symbol(), config).first->second;
}

const SymbolConfig* SimAccount::FindConfig(std::string_view symbol) const {
  auto it = configs_.find(symbol);
  return it == configs_.end() ? nullptr : &it->second;
}

const Leg* SimAccount::FindLeg(const LegKey& key) const {
  auto it = legs_.find(key);
  return it == legs_.end() ? nullptr : &it->second;
}

bool SimAccount::HasPosition(std::string_view symbol) const {
  return std::any_of(legs_.begin(), legs_.end(),
                     [&](const auto& kv) { return kv.first.symbol == symbol; });
}

Result<TradeOutcome> SimAccount::ApplyTrade(const TradeInput& t) {
  auto it = legs_.find(t.key);
  const bool created = it == legs_.end();
  if (created) {
    Leg leg{model::Position(t.key.symbol, t.key.side),
            t.margin_mode,
            Decimal(),
            Decimal(),
            (static_cast<std::uint64_t>(id_) << 32) | next_position_id_,
            t.ts};
    it = legs_.emplace(t.key, std::move(leg)).first;
  }
  Leg& leg = it->second;
  const Decimal before = leg.position.quantity();
  const Decimal open_before = before.Abs();
  const bool buy = t.direction == OrderSide::kBuy;
  const bool reduces = !before.IsZero() && before.IsPositive() != buy;
  const Decimal closed = reduces ? std::min(open_before, t.size) : Decimal();
  const Decimal opened = Norm(t.size - closed);

  auto realized = leg.position.Apply(t.direction, t.price, t.size, t.fee, t.ts);
  if (!realized) {
    if (created) legs_.erase(it);
    return realized.error();
  }
  if (created) ++next_position_id_;

  if (leg.margin_mode == model::MarginMode::kIsolated) {
    if (closed.IsPositive()) {
      Decimal released = leg.isolated_margin;
      if (closed != open_before) {
        auto share = Decimal::Div(Mul(leg.isolated_margin, closed), open_before, kMarginScale,
                                  core::Rounding::kHalfEven);
        BGT_CHECK(share.has_value(), "isolated margin share overflow");
        released = *share;
      }
      leg.isolated_margin = Norm(leg.isolated_margin - released);
    }
    if (opened.IsPositive()) {
      auto im = InitialMargin(Mul(t.price, opened), t.leverage);
      BGT_CHECK(im.has_value(), "isolated initial margin overflow");
      leg.isolated_margin = Norm(leg.isolated_margin + *im);
    }
  }

  balance_ = Norm(balance_ + *realized + t.fee);
  ledger_.realized_pnl = Norm(ledger_.realized_pnl + *realized);
  ledger_.fees = Norm(ledger_.fees + t.fee);
  Book(t.key.symbol, TradeBill(t.key, t.direction, closed.IsPositive(), t.liquidation), *realized,
       t.fee, t.ts);

  TradeOutcome out{*realized, closed, opened, leg.position_id, leg.position.IsFlat()};
  if (out.now_flat) {
    // Whatever isolated margin is left (funding, rounding) returns to the crossed balance with
    // the leg; the balance itself already holds it.
    legs_.erase(it);
  }
  return out;
}

core::Status SimAccount::ApplyFunding(const LegKey& key, const Decimal& amount,
                                      core::Timestamp ts) {
  auto it = legs_.find(key);
  if (it == legs_.end()) {
    return core::MakeError(ErrorCode::kNotFound, "no position " + key.symbol + " " +
                                                     std::string(model::ToString(key.side)));
  }
  Leg& leg = it->second;
  leg.funding = Norm(leg.funding + amount);
  if (leg.margin_mode == model::MarginMode::kIsolated) {
    leg.isolated_margin = Norm(leg.isolated_margin + amount);
  }
  balance_ = Norm(balance_ + amount);
  ledger_.funding = Norm(ledger_.funding + amount);
  Book(key.symbol, BillType::kFunding, amount, Decimal(), ts);
  return core::Status::Ok();
}

void SimAccount::ApplyRiskFund(std::string_view symbol, const Decimal& amount, core::Timestamp ts) {
  if (amount.IsZero()) return;
  balance_ = Norm(balance_ + amount);
  ledger_.risk_fund = Norm(ledger_.risk_fund + amount);
  Book(std::string(symbol), BillType::kRiskFund, amount, Decimal(), ts);
}

core::Status SimAccount::AdjustIsolatedMargin(const LegKey& key, const Decimal& delta) {
  auto it = legs_.find(key);
  if (it == legs_.end() || it->second.margin_mode != model::MarginMode::kIsolated) {
    return core::MakeError(ErrorCode::kNotFound, "no isolated position " + key.symbol);
  }
  it->second.isolated_margin = Norm(it->second.isolated_margin + delta);
  return core::Status::Ok();
}

void SimAccount::SetReserve(OrderId order_id, const Decimal& amount) {
  BGT_CHECK(!amount.IsNegative(), "order reserve must not be negative");
  auto it = reserves_.find(order_id);
  if (it != reserves_.end()) {
    locked_ = Norm(locked_ - it->second);
    reserves_.erase(it);
  }
  if (amount.IsPositive()) {
    reserves_.emplace(order_id, amount);
    locked_ = Norm(locked_ + amount);
  }
}

Result<AccountValuation> SimAccount::Value(const MarketLookup& market) const {
  AccountValuation v;
  v.balance = balance_;
  v.locked = locked_;
  for (const auto& [key, leg] : legs_) {
    auto risk = market.Risk(key.symbol);
    if (!risk) {
      return core::MakeError(ErrorCode::kFailedPrecondition,
                             "no mark price for " + key.symbol + " to value the position");
    }
    const model::Instrument& in = *risk->instrument;
    LegValuation lv;
    lv.key = key;
    lv.is_long = leg.position.quantity().IsPositive();
    const SymbolConfig* config = FindConfig(key.symbol);
    lv.leverage = config ? config->LeverageFor(lv.is_long) : kDefaultLeverage;
    lv.size = leg.position.quantity().Abs();
    lv.mark = risk->mark;
    lv.value = Mul(lv.size, risk->mark);
    auto upl = leg.position.UnrealizedPnl(risk->mark);
    BGT_RETURN_IF_ERROR(upl);
    lv.upl = Norm(*upl);
    auto mm = MaintenanceMargin(*risk->tiers, lv.value, in.taker_fee_rate());
    BGT_RETURN_IF_ERROR(mm);
    lv.maintenance = *mm;
    lv.maintenance_rate = risk->tiers->TierFor(lv.value).maintenance;
    if (leg.margin_mode == model::MarginMode::kIsolated) {
      lv.margin = leg.isolated_margin;
      lv.below_maintenance = IsBelowMaintenance(leg.isolated_margin + lv.upl, lv.maintenance);
      v.isolated_margin += lv.margin;
      v.isolated_unrealized_pnl += lv.upl;
    } else {
      auto im = InitialMargin(lv.value, lv.leverage);
      BGT_RETURN_IF_ERROR(im);
      lv.margin = *im;
      v.crossed_margin += lv.margin;
      v.crossed_unrealized_pnl += lv.upl;
      v.crossed_maintenance += lv.maintenance;
    }
    v.legs.push_back(std::move(lv));
  }
  v.unrealized_pnl = Norm(v.crossed_unrealized_pnl + v.isolated_unrealized_pnl);
  v.equity = Norm(balance_ + v.unrealized_pnl);
  v.crossed_balance = Norm(balance_ - v.isolated_margin);
  v.crossed_equity = Norm(v.crossed_balance + v.crossed_unrealized_pnl);
  v.available = Norm(v.crossed_equity - v.crossed_margin);
  v.max_open = Norm(v.available - locked_);
  v.max_transfer_out =
      std::max(Decimal(), std::min(v.max_open, v.crossed_balance - v.crossed_margin - locked_));
  v.crossed_below_maintenance = IsBelowMaintenance(v.crossed_equity, v.crossed_maintenance);
  if (v.crossed_maintenance.IsPositive()) {
    if (v.crossed_equity.IsPositive()) {
      auto rate = Decimal::Div(v.crossed_maintenance, v.crossed_equity, kMarginScale,
                               core::Rounding::kHalfEven);
      BGT_RETURN_IF_ERROR(rate);
      v.crossed_risk_rate = rate->Normalized();
    } else {
      v.crossed_risk_rate = Decimal::FromInt(1);
    }
  }

  // Liquidation prices need the account totals (crossed positions share the crossed equity).
  for (LegValuation& lv : v.legs) {
    const Leg& leg = legs_.at(lv.key);
    auto risk = market.Risk(lv.key.symbol);
    Decimal backing = leg.isolated_margin;
    if (leg.margin_mode == model::MarginMode::kCrossed) {
      backing = v.crossed_balance + (v.crossed_unrealized_pnl - lv.upl) -
                (v.crossed_maintenance - lv.maintenance);
    }
    LiquidationInput input{lv.is_long,
                           lv.size,
                           leg.position.entry_notional(),
                           backing,
                           risk->instrument->taker_fee_rate(),
                           risk->instrument->tick_size()};
    // Informational: a price beyond the decimal range is reported as none rather than
    // failing the valuation that the liquidation check depends on.
    auto liq = LiquidationPrice(*risk->tiers, input);
    if (liq) lv.liquidation_price = *liq;
  }
  return v;
}

void SimAccount::Book(std::string symbol, BillType type, const Decimal& amount, const Decimal& fee,
                      core::Timestamp ts) {
  bills_.push_back(Bill{next_bill_id_++, std::move(symbol), type, amount, fee, balance_, ts});
  CheckLedger();
}

void SimAccount::CheckLedger() const {
  BGT_CHECK(balance_ == ledger_.Balance(),
            "account " + std::to_string(id_) + ": balance " + balance_.ToString() +
                " != transfers + realized + fees + funding + risk fund = " +
                ledger_.Balance().ToString());
}

}  // namespace bgt::sim
