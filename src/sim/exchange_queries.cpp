// SimExchange views and queries: positions, account, orders, fills, plans, market
// (exchange_impl.h has the map).
#include <utility>

#include "sim/exchange.h"
#include "sim/exchange_impl.h"

namespace bgt::sim {

using core::Decimal;
using model::OrderSide;
using model::PositionSide;

// ---- Impl: views ---------------------------------------------------------------------------

core::Result<std::vector<PositionView>> SimExchange::Impl::PositionViews(
    const SimAccount& acc, std::optional<std::string_view> symbol) const {
  std::vector<PositionView> out;
  auto valuation = acc.Value(*this);
  if (!valuation) return valuation.error();
  for (const LegValuation& lv : valuation->legs) {
    if (symbol && lv.key.symbol != *symbol) continue;
    const Leg& leg = *acc.FindLeg(lv.key);
    const SymbolState& st = *FindSymbol(lv.key.symbol);
    PositionView p;
    p.account = acc.id();
    p.symbol = lv.key.symbol;
    p.hold_side = lv.is_long ? PositionSide::kLong : PositionSide::kShort;
    p.leg = lv.key.side;
    p.pos_mode = acc.position_mode();
    p.margin_mode = leg.margin_mode;
    p.leverage = lv.leverage;
    p.position_id = leg.position_id;
    p.total = lv.size;
    p.locked =
        LockedBy(ClosingOrders(acc.id(), lv.key, lv.is_long ? OrderSide::kSell : OrderSide::kBuy));
    p.available = (p.total - p.locked).Normalized();
    auto avg = leg.position.AvgEntryPrice(st.instrument.price_place() + 4);
    p.open_price_avg = avg ? avg->Normalized() : Decimal();
    p.entry_notional = leg.position.entry_notional();
    p.margin = lv.margin;
    p.unrealized_pnl = lv.upl;
    p.realized_pnl = leg.position.realized_pnl();
    p.funding = leg.funding;
    p.fees = leg.position.fees();
    p.mark = lv.mark;
    p.maintenance = lv.maintenance;
    p.maintenance_rate = lv.maintenance_rate;
    if (leg.margin_mode == model::MarginMode::kIsolated) {
      const Decimal equity = leg.isolated_margin + lv.upl;
      if (equity.IsPositive()) {
        auto r = Decimal::Div(lv.maintenance, equity, kMarginScale, core::Rounding::kHalfEven);
        if (r) p.margin_ratio = r->Normalized();
      } else {
        p.margin_ratio = Decimal::FromInt(1);
      }
    } else {
      p.margin_ratio = valuation->crossed_risk_rate;
    }
    p.liquidation_price = lv.liquidation_price;
    if (const PlanOrder* tp =
            plans_.FindPositionPlan(acc.id(), p.symbol, p.hold_side, PlanType::kPosProfit)) {
      p.take_profit_id = tp->plan_id;
      p.take_profit = tp->trigger_price;
    }
    if (const PlanOrder* sl =
            plans_.FindPositionPlan(acc.id(), p.symbol, p.hold_side, PlanType::kPosLoss)) {
      p.stop_loss_id = sl->plan_id;
      p.stop_loss = sl->trigger_price;
    }
    p.created = leg.opened_at;
    p.updated = leg.position.updated_at();
    out.push_back(std::move(p));
  }
  return out;
}

AccountView SimExchange::Impl::MakeAccountView(const SimAccount& acc) const {
  AccountView v;
  v.account = acc.id();
  v.pos_mode = acc.position_mode();
  v.ledger = acc.ledger();
  v.ts = clock_.Now();
  auto val = acc.Value(*this);
  if (!val) {
    v.balance = acc.balance();
    v.equity = acc.balance();
    v.locked = acc.locked();
    return v;
  }
  v.balance = val->balance;
  v.equity = val->equity;
  v.available = val->available;
  v.locked = val->locked;
  v.max_open = val->max_open;
  v.max_transfer_out = val->max_transfer_out;
  v.unrealized_pnl = val->unrealized_pnl;
  v.crossed_unrealized_pnl = val->crossed_unrealized_pnl;
  v.isolated_unrealized_pnl = val->isolated_unrealized_pnl;
  v.crossed_margin = val->crossed_margin;
  v.isolated_margin = val->isolated_margin;
  v.crossed_risk_rate = val->crossed_risk_rate;
  return v;
}

// ---- Queries -------------------------------------------------------------------------------

core::Result<AccountView> SimExchange::GetAccount(AccountId account) const {
  const SimAccount* acc = impl_->FindAccount(account);
  if (!acc) return UnknownAccount(account);
  return impl_->MakeAccountView(*acc);
}

core::Result<SymbolSettings> SimExchange::GetSymbolSettings(AccountId account,
                                                            std::string_view symbol) const {
  const SimAccount* acc = impl_->FindAccount(account);
  if (!acc) return UnknownAccount(account);
  const SymbolState* st = impl_->FindSymbol(symbol);
  if (!st) return UnknownSymbol(symbol);
  if (const SymbolConfig* c = acc->FindConfig(symbol))
    return SymbolSettings{st->instrument.symbol(), *c};
  const int lev =
      std::clamp(kDefaultLeverage, st->instrument.min_leverage(), st->instrument.max_leverage());
  return SymbolSettings{st->instrument.symbol(),
                        SymbolConfig{model::MarginMode::kCrossed, lev, lev, lev}};
}

core::Result<std::vector<PositionView>> SimExchange::GetPositions(
    AccountId account, std::optional<std::string_view> symbol) const {
  const SimAccount* acc = impl_->FindAccount(account);
  if (!acc) return UnknownAccount(account);
  if (symbol && !impl_->FindSymbol(*symbol)) return UnknownSymbol(*symbol);
  return impl_->PositionViews(*acc, symbol);
}

core::Result<std::vector<OrderView>> SimExchange::GetOpenOrders(
    AccountId account, std::optional<std::string_view> symbol) const {
  if (!impl_->FindAccount(account)) return UnknownAccount(account);
  std::vector<OrderView> out;
  for (OrderId id : impl_->OpenOrderIds(account, symbol)) out.push_back(impl_->orders_.at(id));
  return out;
}

core::Result<std::vector<OrderView>> SimExchange::GetOrderHistory(
    AccountId account, std::optional<std::string_view> symbol) const {
  if (!impl_->FindAccount(account)) return UnknownAccount(account);
  std::vector<OrderView> out;
  for (const auto& [id, o] : impl_->orders_) {
    if (o.account == account && !IsOpen(o.state) && (!symbol || o.symbol == *symbol)) {
      out.push_back(o);
    }
  }
  return out;
}

core::Result<OrderView> SimExchange::GetOrder(AccountId account, std::string_view symbol,
                                              const OrderRef& ref) const {
  if (!impl_->FindAccount(account)) return UnknownAccount(account);
  if (!impl_->FindSymbol(symbol)) return UnknownSymbol(symbol);
  std::optional<OrderId> id = ref.order_id;
  if (!id && !ref.client_oid.empty()) {
    auto it = impl_->client_oids_.find({account, ref.client_oid});
    if (it != impl_->client_oids_.end()) id = it->second;
  }
  if (id) {
    auto it = impl_->orders_.find(*id);
    if (it != impl_->orders_.end() && it->second.account == account &&
        it->second.symbol == symbol) {
      return it->second;
    }
  }
  return VenueReject("40109",
                     "The data of the order cannot be found, please confirm the order number");
}

core::Result<std::vector<FillView>> SimExchange::GetFills(AccountId account,
                                                          std::optional<std::string_view> symbol,
                                                          std::optional<OrderId> order_id) const {
  if (!impl_->FindAccount(account)) return UnknownAccount(account);
  std::vector<FillView> out;
  auto it = impl_->fills_.find(account);
  if (it == impl_->fills_.end()) return out;
  for (const FillView& f : it->second) {
    if ((!symbol || f.symbol == *symbol) && (!order_id || f.order_id == *order_id)) {
      out.push_back(f);
    }
  }
  return out;
}

core::Result<std::vector<PlanOrder>> SimExchange::GetPlanOrders(
    AccountId account, std::optional<std::string_view> symbol, bool live_only) const {
  if (!impl_->FindAccount(account)) return UnknownAccount(account);
  std::vector<PlanOrder> out;
  for (const PlanOrder* p : impl_->plans_.List(account, symbol, live_only)) out.push_back(*p);
  return out;
}

core::Result<std::vector<Bill>> SimExchange::GetBills(AccountId account) const {
  const SimAccount* acc = impl_->FindAccount(account);
  if (!acc) return UnknownAccount(account);
  return acc->bills();
}

core::Result<MarketView> SimExchange::GetMarket(std::string_view symbol) const {
  const SymbolState* st = impl_->FindSymbol(symbol);
  if (!st) return UnknownSymbol(symbol);
  MarketView m;
  m.symbol = st->instrument.symbol();
  m.mark = st->mark;
  m.index = st->index;
  m.last = st->engine.LastTradePrice();
  m.funding_rate = impl_->funding_.Rate(symbol).value_or(Decimal());
  m.funding_interval_hours = impl_->funding_.IntervalHours(symbol).value_or(8);
  m.next_funding = impl_->funding_.NextTime(symbol).value_or(core::Timestamp());
  m.best_bid = st->engine.BestBid();
  m.best_ask = st->engine.BestAsk();
  for (const auto& [id, acc] : impl_->accounts_) {
    for (const auto& [key, leg] : acc.legs()) {
      if (key.symbol == symbol && leg.position.quantity().IsPositive()) {
        m.open_interest += leg.position.quantity();
      }
    }
  }
  m.open_interest = m.open_interest.Normalized();
  return m;
}

const MatchingEngine* SimExchange::Book(std::string_view symbol) const {
  const SymbolState* st = impl_->FindSymbol(symbol);
  return st ? &st->engine : nullptr;
}

const model::Instrument* SimExchange::FindInstrument(std::string_view symbol) const {
  const SymbolState* st = impl_->FindSymbol(symbol);
  return st ? &st->instrument : nullptr;
}

const TierTable* SimExchange::Tiers(std::string_view symbol) const {
  const SymbolState* st = impl_->FindSymbol(symbol);
  return st ? &st->tiers : nullptr;
}

std::vector<std::string> SimExchange::Symbols() const {
  std::vector<std::string> out;
  for (const auto& [symbol, st] : impl_->symbols_) out.push_back(symbol);
  return out;
}

std::vector<AccountId> SimExchange::Accounts() const {
  std::vector<AccountId> out;
  for (const auto& [id, acc] : impl_->accounts_) out.push_back(id);
  return out;
}

const SimAccount* SimExchange::FindAccount(AccountId account) const {
  return impl_->FindAccount(account);
}

std::vector<ExchangeEvent> SimExchange::TakeEvents() {
  std::vector<ExchangeEvent> out;
  out.swap(impl_->events_);
  return out;
}

}  // namespace bgt::sim
