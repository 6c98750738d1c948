// SimExchange facade, set-up, market data and the settle loop (exchange_impl.h has the map).
#include "sim/exchange.h"

#include <algorithm>
#include <utility>

#include "core/check.h"
#include "sim/exchange_impl.h"

namespace bgt::sim {

using core::Decimal;
using core::ErrorCode;
using core::Result;
using model::OrderSide;
using model::PositionSide;

core::Error VenueReject(std::string code, std::string message) {
  core::Error e = core::MakeError(ErrorCode::kVenueRejected, std::move(message));
  e.venue_code = std::move(code);
  e.http_status = 400;
  return e;
}

core::Error UnknownSymbol(std::string_view symbol) {
  return VenueReject("40102",
                     "Contract configuration does not exist, please check the "
                     "parameters (symbol " +
                         std::string(symbol) + ")");
}

core::Error UnknownAccount(AccountId account) {
  return core::MakeError(ErrorCode::kNotFound, "unknown account " + std::to_string(account));
}

core::Error AsVenueError(core::Error error) {
  if (!error.venue_code.empty() && error.code == ErrorCode::kDenied) {
    error.code = ErrorCode::kVenueRejected;
    error.http_status = 400;
  }
  return error;
}

Decimal Product(const Decimal& a, const Decimal& b) {
  auto p = MulExact(a, b);
  BGT_CHECK(p.has_value(), "exchange arithmetic overflow");
  return *p;
}

std::optional<Decimal> OrderView::AvgPrice(int scale) const {
  if (!filled.IsPositive()) return std::nullopt;
  auto avg = Decimal::Div(filled_notional, filled, scale, core::Rounding::kHalfEven);
  if (!avg) return std::nullopt;
  return *avg;
}

// ---- Impl: construction, lookups ---------------------------------------------------------------

SimExchange::Impl::Impl(core::Clock& clock, Options options)
    : clock_(clock),
      options_(options),
      next_order_id_(options.first_order_id),
      next_trade_id_(options.first_trade_id) {}

SimExchange::Impl::~Impl() {
  if (funding_timer_ != 0) clock_.Cancel(funding_timer_);
}

std::optional<SymbolRisk> SimExchange::Impl::Risk(std::string_view symbol) const {
  const SymbolState* st = FindSymbol(symbol);
  if (st == nullptr || !st->mark) return std::nullopt;
  return SymbolRisk{&st->instrument, &st->tiers, *st->mark};
}

SymbolState* SimExchange::Impl::FindSymbol(std::string_view symbol) {
  auto it = symbols_.find(symbol);
  return it == symbols_.end() ? nullptr : &it->second;
}
const SymbolState* SimExchange::Impl::FindSymbol(std::string_view symbol) const {
  auto it = symbols_.find(symbol);
  return it == symbols_.end() ? nullptr : &it->second;
}
SimAccount* SimExchange::Impl::FindAccount(AccountId id) {
  auto it = accounts_.find(id);
  return it == accounts_.end() ? nullptr : &it->second;
}
const SimAccount* SimExchange::Impl::FindAccount(AccountId id) const {
  auto it = accounts_.find(id);
  return it == accounts_.end() ? nullptr : &it->second;
}

Decimal SimExchange::Impl::Quantity(const SimAccount& acc, const LegKey& key) const {
  const Leg* leg = acc.FindLeg(key);
  return leg ? leg->position.quantity() : Decimal();
}

Decimal SimExchange::Impl::Reducible(const SimAccount& acc, const LegKey& key,
                                     OrderSide direction) const {
  const Decimal qty = Quantity(acc, key);
  if (qty.IsZero()) return Decimal();
  const bool reduces =
      qty.IsPositive() ? direction == OrderSide::kSell : direction == OrderSide::kBuy;
  return reduces ? qty.Abs() : Decimal();
}

std::vector<OrderId> SimExchange::Impl::ClosingOrders(AccountId account, const LegKey& key,
                                                      OrderSide direction) const {
  std::vector<OrderId> ids;
  for (OrderId id : OpenOrderIds(account, key.symbol)) {
    const OrderView& o = orders_.at(id);
    if (o.pos_side == key.side && o.reduce_only && o.direction == direction) ids.push_back(id);
  }
  return ids;
}

Decimal SimExchange::Impl::LockedBy(const std::vector<OrderId>& ids) const {
  Decimal total;
  for (OrderId id : ids) total += orders_.at(id).leaves();
  return total.Normalized();
}

std::vector<OrderId> SimExchange::Impl::OpenOrderIds(AccountId account,
                                                     std::optional<std::string_view> symbol) const {
  std::vector<OrderId> ids;
  auto acc = open_orders_.find(account);
  if (acc == open_orders_.end()) return ids;
  for (const auto& [sym, set] : acc->second) {
    if (!symbol || sym == *symbol) ids.insert(ids.end(), set.begin(), set.end());
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

void SimExchange::Impl::AddOpen(const OrderView& order) {
  open_orders_[order.account][order.symbol].insert(order.order_id);
}

void SimExchange::Impl::RemoveOpen(const OrderView& order) {
  auto acc = open_orders_.find(order.account);
  if (acc == open_orders_.end()) return;
  auto sym = acc->second.find(order.symbol);
  if (sym == acc->second.end()) return;
  sym->second.erase(order.order_id);
  if (sym->second.empty()) acc->second.erase(sym);
}

std::string SimExchange::Impl::NewClientOid() { return "sim" + std::to_string(next_client_oid_++); }

bool SimExchange::Impl::ClientOidTaken(AccountId account, const std::string& client_oid) const {
  return client_oids_.contains({account, client_oid});
}

void SimExchange::Impl::MarkChanged(AccountId account, const std::string& symbol) {
  changed_positions_.insert({account, symbol});
  changed_accounts_.insert(account);
  risk_checks_.insert(account);
}

void SimExchange::Impl::EmitOrder(const OrderView& order, std::optional<FillView> fill) {
  events_.emplace_back(OrderEvent{order, std::move(fill)});
}

void SimExchange::Impl::EmitPlan(const PlanOrder& plan) { events_.emplace_back(PlanEvent{plan}); }

// ---- Impl: the settle loop -------------------------------------------------------------------

void SimExchange::Impl::Settle() {
  for (;;) {
    if (!mark_triggers_.empty()) {
      const std::string symbol = *mark_triggers_.begin();
      mark_triggers_.erase(mark_triggers_.begin());
      RunTriggers(symbol, TriggerType::kMarkPrice);
      continue;
    }
    if (!fill_triggers_.empty()) {
      const std::string symbol = *fill_triggers_.begin();
      fill_triggers_.erase(fill_triggers_.begin());
      RunTriggers(symbol, TriggerType::kFillPrice);
      continue;
    }
    if (!risk_checks_.empty()) {
      const AccountId account = *risk_checks_.begin();
      risk_checks_.erase(risk_checks_.begin());
      CheckLiquidation(account);
      continue;
    }
    break;
  }
  for (const auto& [account, symbol] : changed_positions_) {
    const SimAccount* acc = FindAccount(account);
    if (!acc) continue;
    auto positions = PositionViews(*acc, std::nullopt);
    if (positions) events_.emplace_back(PositionEvent{account, symbol, *std::move(positions)});
  }
  changed_positions_.clear();
  for (AccountId account : changed_accounts_) {
    const SimAccount* acc = FindAccount(account);
    if (acc) events_.emplace_back(AccountEvent{MakeAccountView(*acc)});
  }
  changed_accounts_.clear();
}

// ---- Facade ------------------------------------------------------------------------------------

SimExchange::SimExchange(core::Clock& clock) : SimExchange(clock, Options{}) {}
SimExchange::SimExchange(core::Clock& clock, Options options)
    : impl_(std::make_unique<Impl>(clock, options)) {}
SimExchange::~SimExchange() = default;

core::Status SimExchange::AddInstrument(const model::Instrument& instrument,
                                        std::optional<TierTable> tiers) {
  if (impl_->FindSymbol(instrument.symbol())) {
    return core::MakeError(ErrorCode::kAlreadyExists, instrument.symbol() + " already listed");
  }
  if (instrument.symbol_type() != model::SymbolType::kPerpetual ||
      !instrument.fund_interval_hours()) {
    return core::MakeError(ErrorCode::kInvalidArgument,
                           instrument.symbol() + ": only perpetuals with a funding interval");
  }
  // Every engine draws trade ids from its own range; the exchange numbers fills itself.
  const TradeId first = static_cast<TradeId>(impl_->symbols_.size() + 1) * 1'000'000'000'000ULL;
  impl_->symbols_.emplace(
      std::piecewise_construct, std::forward_as_tuple(instrument.symbol()),
      std::forward_as_tuple(instrument, tiers ? *std::move(tiers) : TierTable::BtcUsdt(),
                            impl_->clock_, first));
  BGT_RETURN_IF_ERROR(impl_->funding_.AddSymbol(
      instrument.symbol(), *instrument.fund_interval_hours(), impl_->clock_.Now()));
  if (impl_->options_.funding_timers) impl_->ScheduleFundingTimer();
  return core::Status::Ok();
}

AccountId SimExchange::CreateAccount(model::PositionMode mode) {
  const AccountId id = impl_->next_account_id_++;
  BGT_CHECK(id != kLiquidityAccount, "account ids exhausted");
  impl_->accounts_.emplace(id, SimAccount(id, mode));
  return id;
}

core::Status SimExchange::Deposit(AccountId account, const Decimal& amount) {
  SimAccount* acc = impl_->FindAccount(account);
  if (!acc) return UnknownAccount(account);
  if (!amount.IsPositive()) {
    return core::MakeError(ErrorCode::kInvalidArgument, "deposit must be positive");
  }
  BGT_RETURN_IF_ERROR(acc->Transfer(amount, impl_->clock_.Now()));
  impl_->changed_accounts_.insert(account);
  impl_->Settle();
  return core::Status::Ok();
}

core::Status SimExchange::Withdraw(AccountId account, const Decimal& amount) {
  SimAccount* acc = impl_->FindAccount(account);
  if (!acc) return UnknownAccount(account);
  if (!amount.IsPositive()) {
    return core::MakeError(ErrorCode::kInvalidArgument, "withdrawal must be positive");
  }
  auto val = acc->Value(*impl_);
  if (!val) return val.error();
  if (amount > val->max_transfer_out) {
    return VenueReject("43117", "Exceeds the maximum amount that can be transferred (max " +
                                    val->max_transfer_out.ToString() + ")");
  }
  BGT_RETURN_IF_ERROR(acc->Transfer(-amount, impl_->clock_.Now()));
  impl_->changed_accounts_.insert(account);
  impl_->Settle();
  return core::Status::Ok();
}

core::Status SimExchange::SetMarkPrice(std::string_view symbol, const Decimal& mark) {
  SymbolState* st = impl_->FindSymbol(symbol);
  if (!st) return UnknownSymbol(symbol);
  if (!mark.IsPositive()) return core::MakeError(ErrorCode::kInvalidArgument, "mark must be > 0");
  st->mark = mark.Normalized();
  impl_->mark_triggers_.insert(std::string(symbol));
  for (const auto& [id, acc] : impl_->accounts_) {
    if (acc.HasPosition(symbol)) impl_->risk_checks_.insert(id);
  }
  impl_->Settle();
  return core::Status::Ok();
}

core::Status SimExchange::SetIndexPrice(std::string_view symbol, const Decimal& index) {
  SymbolState* st = impl_->FindSymbol(symbol);
  if (!st) return UnknownSymbol(symbol);
  if (!index.IsPositive()) {
    return core::MakeError(ErrorCode::kInvalidArgument, "index must be > 0");
  }
  st->index = index.Normalized();
  return core::Status::Ok();
}

core::Status SimExchange::SetFundingRate(std::string_view symbol, const Decimal& rate) {
  if (!impl_->FindSymbol(symbol)) return UnknownSymbol(symbol);
  return impl_->funding_.SetRate(symbol, rate);
}

core::Status SimExchange::SetLiquidity(std::string_view symbol,
                                       const std::vector<model::BookLevel>& bids,
                                       const std::vector<model::BookLevel>& asks) {
  SymbolState* st = impl_->FindSymbol(symbol);
  if (!st) return UnknownSymbol(symbol);
  for (const auto* side : {&bids, &asks}) {
    for (const model::BookLevel& level : *side) {
      if (!level.size.IsPositive() || !level.size.IsMultipleOf(st->instrument.size_step()) ||
          !level.price.IsPositive() || !level.price.IsMultipleOf(st->instrument.tick_size())) {
        return core::MakeError(ErrorCode::kInvalidArgument,
                               "liquidity level " + level.price.ToString() + " x " +
                                   level.size.ToString() + " is off the tick or size step");
      }
    }
  }
  MatchEvents events;
  st->engine.CancelAll(kLiquidityAccount, events, CancelReason::kSystem);
  auto place = [&](OrderSide side, const model::BookLevel& level) {
    OrderRequest req;
    req.order_id = impl_->next_order_id_++;
    req.owner = kLiquidityAccount;
    req.side = side;
    req.type = model::OrderType::kLimit;
    req.price = level.price;
    req.size = level.size;
    req.stp_mode = StpMode::kCancelTaker;  // the system never trades with itself
    return st->engine.Submit(req, events);
  };
  core::Status status;
  for (const auto& level : bids) {
    if (status) status = place(OrderSide::kBuy, level);
  }
  for (const auto& level : asks) {
    if (status) status = place(OrderSide::kSell, level);
  }
  impl_->ProcessEvents(*st, events);
  impl_->Settle();
  if (!status) return AsVenueError(status.error());
  return core::Status::Ok();
}

void SimExchange::OnTime(core::Timestamp now) {
  impl_->SettleFunding(now);
  impl_->Settle();
}

core::Result<OrderAck> SimExchange::PlaceOrder(AccountId account, const PlaceOrderRequest& req) {
  auto r = impl_->PlaceOrder(account, req, OrderSource::kNormal);
  impl_->Settle();
  return r;
}

core::Result<OrderAck> SimExchange::CancelOrder(AccountId account, std::string_view symbol,
                                                const OrderRef& ref) {
  auto r = impl_->CancelOrder(account, symbol, ref);
  impl_->Settle();
  return r;
}

core::Result<BatchResult> SimExchange::CancelAllOrders(AccountId account,
                                                       std::optional<std::string_view> symbol) {
  auto r = impl_->CancelAll(account, symbol);
  impl_->Settle();
  return r;
}

core::Result<BatchResult> SimExchange::ClosePositions(AccountId account,
                                                      std::optional<std::string_view> symbol,
                                                      std::optional<PositionSide> hold_side) {
  auto r = impl_->ClosePositions(account, symbol, hold_side);
  impl_->Settle();
  return r;
}

core::Result<SymbolSettings> SimExchange::SetLeverage(AccountId account,
                                                      const SetLeverageRequest& req) {
  auto r = impl_->SetLeverage(account, req);
  impl_->Settle();
  return r;
}

core::Result<SymbolSettings> SimExchange::SetMarginMode(AccountId account, std::string_view symbol,
                                                        model::MarginMode mode) {
  auto r = impl_->SetMarginMode(account, symbol, mode);
  impl_->Settle();
  return r;
}

core::Status SimExchange::SetPositionMode(AccountId account, model::PositionMode mode) {
  auto r = impl_->SetPositionMode(account, mode);
  impl_->Settle();
  return r;
}

core::Result<OrderAck> SimExchange::PlaceTpsl(AccountId account, const TpslRequest& req) {
  auto r = impl_->PlaceTpsl(account, req);
  impl_->Settle();
  return r;
}

core::Result<OrderAck> SimExchange::PlacePlanOrder(AccountId account, const PlanOrderRequest& req) {
  auto r = impl_->PlacePlanOrder(account, req);
  impl_->Settle();
  return r;
}

core::Result<BatchResult> SimExchange::CancelPlanOrders(AccountId account, std::string_view symbol,
                                                        const std::vector<OrderRef>& refs,
                                                        std::optional<PlanType> type) {
  auto r = impl_->CancelPlans(account, symbol, refs, type);
  impl_->Settle();
  return r;
}

}  // namespace bgt::sim
