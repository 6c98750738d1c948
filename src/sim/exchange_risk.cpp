// SimExchange: TP/SL and trigger orders, liquidation, funding, leverage and modes
// (exchange_impl.h has the map).
#include <algorithm>
#include <utility>

#include "core/check.h"
#include "sim/exchange_impl.h"

namespace bgt::sim {
namespace {

using core::Decimal;
using model::OrderSide;
using model::PositionSide;

bool IsHedgeLeg(PositionSide leg) { return leg != PositionSide::kNet; }

bool OnTick(const model::Instrument& in, const Decimal& price) {
  return price.IsPositive() && price.IsMultipleOf(in.tick_size());
}

OrderSource ChildSource(PlanType type, bool limit) {
  switch (type) {
    case PlanType::kNormalPlan:
      return limit ? OrderSource::kPlanLimit : OrderSource::kPlanMarket;
    case PlanType::kProfitPlan:
      return limit ? OrderSource::kProfitLimit : OrderSource::kProfitMarket;
    case PlanType::kLossPlan:
      return limit ? OrderSource::kLossLimit : OrderSource::kLossMarket;
    case PlanType::kPosProfit:
      return limit ? OrderSource::kPosProfitLimit : OrderSource::kPosProfitMarket;
    case PlanType::kPosLoss:
      return limit ? OrderSource::kPosLossLimit : OrderSource::kPosLossMarket;
  }
  return OrderSource::kNormal;
}

// A TP/SL trigger on the wrong side of the current price (bitget-api.md §7; the error table of
// Bitget's docs: 40915, 40917, 45061, 45122).
core::Status CheckTpslSide(PlanType type, bool is_long, const Decimal& trigger,
                           const Decimal& ref) {
  const std::string at = " " + ref.ToString();
  if (IsTakeProfit(type)) {
    if (is_long && trigger <= ref) {
      return VenueReject("40915", "Long position take profit price please > mark price" + at);
    }
    if (!is_long && trigger >= ref) {
      return VenueReject("45061", "TP price of short position < Current price" + at);
    }
  } else {
    if (is_long && trigger >= ref) {
      return VenueReject("40917", "Stop price for long positions please < mark price" + at);
    }
    if (!is_long && trigger <= ref) {
      return VenueReject("45122", "Short position stop loss price please > mark price" + at);
    }
  }
  return core::Status::Ok();
}

}  // namespace

// ---- plans -----------------------------------------------------------------------------------

core::Result<OrderAck> SimExchange::Impl::PlaceTpsl(AccountId account, const TpslRequest& req) {
  SimAccount* acc = FindAccount(account);
  if (!acc) return UnknownAccount(account);
  SymbolState* st = FindSymbol(req.symbol);
  if (!st) return UnknownSymbol(req.symbol);
  const model::Instrument& in = st->instrument;
  if (!IsTpsl(req.plan_type)) {
    return VenueReject("40808", "Parameter verification exception planType");
  }
  if (req.hold_side == PositionSide::kNet) {
    return VenueReject("40808", "Parameter verification exception holdSide");
  }
  if (!OnTick(in, req.trigger_price)) {
    return VenueReject(
        "40808", "Parameter verification exception triggerPrice " + req.trigger_price.ToString());
  }
  std::optional<Decimal> execute = req.execute_price;
  if (execute && execute->IsZero()) execute.reset();
  if (execute && !OnTick(in, *execute)) {
    return VenueReject("40808",
                       "Parameter verification exception executePrice " + execute->ToString());
  }
  if (!req.client_oid.empty() && ClientOidTaken(account, req.client_oid)) {
    return VenueReject("43118", "clientOrderId duplicate (" + req.client_oid + ")");
  }
  if (!HoldsPosition(*acc, req.symbol, req.hold_side)) {
    return VenueReject("40891", "Insufficient position, can not set take profit or stop loss");
  }
  const Decimal qty = Quantity(*acc, PositionKey(*acc, req.symbol, req.hold_side)).Abs();
  std::optional<Decimal> size;
  if (!IsWholePosition(req.plan_type)) {
    if (!req.size || !req.size->IsPositive() || !req.size->IsMultipleOf(in.size_step())) {
      return VenueReject("40808", "Parameter verification exception size");
    }
    if (*req.size > qty) {
      return VenueReject("40891",
                         "Insufficient position, can not set take profit or stop loss "
                         "(size " +
                             req.size->ToString() + " > " + qty.ToString() + ")");
    }
    size = req.size->Normalized();
  }
  std::optional<Decimal> ref = st->mark;
  if (req.trigger_type == TriggerType::kFillPrice && st->engine.LastTradePrice()) {
    ref = st->engine.LastTradePrice();
  }
  if (ref) {
    BGT_RETURN_IF_ERROR(CheckTpslSide(req.plan_type, req.hold_side == PositionSide::kLong,
                                      req.trigger_price, *ref));
  }
  if (IsWholePosition(req.plan_type)) {
    if (const PlanOrder* old =
            plans_.FindPositionPlan(account, req.symbol, req.hold_side, req.plan_type)) {
      CancelPlan(old->plan_id);
    }
  }
  PlanOrder p;
  p.plan_id = next_order_id_++;
  p.client_oid = req.client_oid.empty() ? NewClientOid() : req.client_oid;
  p.account = account;
  p.symbol = in.symbol();
  p.type = req.plan_type;
  p.trigger_type = req.trigger_type;
  p.trigger_price = req.trigger_price.Normalized();
  p.execute_price = execute;
  p.size = size;
  p.hold_side = req.hold_side;
  p.fires_above = TpslFiresAbove(req.plan_type, req.hold_side);
  p.created = p.updated = clock_.Now();
  const OrderAck ack{p.plan_id, p.client_oid};
  client_oids_[{account, p.client_oid}] = p.plan_id;
  EmitPlan(p);
  BGT_CHECK(plans_.Add(std::move(p)).ok(), "plan id reused");
  return ack;
}

core::Result<OrderAck> SimExchange::Impl::PlacePlanOrder(AccountId account,
                                                         const PlanOrderRequest& req) {
  SimAccount* acc = FindAccount(account);
  if (!acc) return UnknownAccount(account);
  SymbolState* st = FindSymbol(req.order.symbol);
  if (!st) return UnknownSymbol(req.order.symbol);
  auto intent = CheckRequest(*acc, *st, req.order);
  if (!intent) return intent.error();
  if (!OnTick(st->instrument, req.trigger_price)) {
    return VenueReject(
        "40808", "Parameter verification exception triggerPrice " + req.trigger_price.ToString());
  }
  Decimal ref = *st->mark;
  if (req.trigger_type == TriggerType::kFillPrice && st->engine.LastTradePrice()) {
    ref = *st->engine.LastTradePrice();
  }
  PlanOrder p;
  p.plan_id = next_order_id_++;
  p.client_oid = req.order.client_oid.empty() ? NewClientOid() : req.order.client_oid;
  p.account = account;
  p.symbol = st->instrument.symbol();
  p.type = PlanType::kNormalPlan;
  p.trigger_type = req.trigger_type;
  p.trigger_price = req.trigger_price.Normalized();
  if (req.order.type == model::OrderType::kLimit) p.execute_price = req.order.price;
  p.size = req.order.size.Normalized();
  p.hold_side = intent->leg;
  p.side = req.order.side;
  p.trade_side = req.order.trade_side;
  p.order_type = req.order.type;
  p.margin_mode = req.order.margin_mode;
  p.reduce_only = req.order.reduce_only;
  p.fires_above = req.trigger_price >= ref;
  p.created = p.updated = clock_.Now();
  const OrderAck ack{p.plan_id, p.client_oid};
  client_oids_[{account, p.client_oid}] = p.plan_id;
  EmitPlan(p);
  BGT_CHECK(plans_.Add(std::move(p)).ok(), "plan id reused");
  (req.trigger_type == TriggerType::kMarkPrice ? mark_triggers_ : fill_triggers_)
      .insert(st->instrument.symbol());
  return ack;
}

core::Result<BatchResult> SimExchange::Impl::CancelPlans(AccountId account, std::string_view symbol,
                                                         const std::vector<OrderRef>& refs,
                                                         std::optional<PlanType> type) {
  if (!FindAccount(account)) return UnknownAccount(account);
  if (!FindSymbol(symbol)) return UnknownSymbol(symbol);
  const PlanType wanted = type.value_or(PlanType::kNormalPlan);
  BatchResult result;
  if (refs.empty()) {
    for (OrderId id :
         plans_.LiveIds(account, symbol, [&](const PlanOrder& p) { return p.type == wanted; })) {
      const PlanOrder& p = *plans_.Find(id);
      result.success.push_back(OrderAck{p.plan_id, p.client_oid});
      CancelPlan(id);
    }
    return result;
  }
  for (const OrderRef& ref : refs) {
    std::optional<OrderId> id = ref.order_id;
    if (!id && !ref.client_oid.empty()) {
      auto it = client_oids_.find({account, ref.client_oid});
      if (it != client_oids_.end()) id = it->second;
    }
    const PlanOrder* p = id ? plans_.Find(*id) : nullptr;
    if (!p || p->account != account || p->symbol != symbol || p->type != wanted ||
        p->status != PlanStatus::kLive) {
      result.failure.push_back(BatchFailure{id.value_or(0), ref.client_oid,
                                            VenueReject("43025", "Plan order does not exist")});
      continue;
    }
    result.success.push_back(OrderAck{p->plan_id, p->client_oid});
    CancelPlan(p->plan_id);
  }
  return result;
}

void SimExchange::Impl::CancelPlan(OrderId plan_id) {
  if (plans_.SetStatus(plan_id, PlanStatus::kCancelled, clock_.Now())) {
    EmitPlan(*plans_.Find(plan_id));
  }
}

void SimExchange::Impl::ApplyPresets(const OrderView& o) {
  if (!o.preset_take_profit && !o.preset_stop_loss) return;
  const SimAccount& acc = accounts_.at(o.account);
  const PositionSide hold =
      IsHedgeLeg(o.pos_side)
          ? o.pos_side
          : (o.direction == OrderSide::kBuy ? PositionSide::kLong : PositionSide::kShort);
  if (!HoldsPosition(acc, o.symbol, hold)) return;
  if (o.preset_take_profit) {
    UpsertPositionPlan(o.account, o.symbol, hold, PlanType::kPosProfit, *o.preset_take_profit,
                       o.preset_take_profit_execute);
  }
  if (o.preset_stop_loss) {
    UpsertPositionPlan(o.account, o.symbol, hold, PlanType::kPosLoss, *o.preset_stop_loss,
                       o.preset_stop_loss_execute);
  }
}

void SimExchange::Impl::UpsertPositionPlan(AccountId account, const std::string& symbol,
                                           PositionSide hold_side, PlanType type,
                                           const Decimal& trigger, std::optional<Decimal> execute) {
  if (const PlanOrder* old = plans_.FindPositionPlan(account, symbol, hold_side, type)) {
    CancelPlan(old->plan_id);
  }
  PlanOrder p;
  p.plan_id = next_order_id_++;
  do {
    p.client_oid = NewClientOid();
  } while (ClientOidTaken(account, p.client_oid));
  p.account = account;
  p.symbol = symbol;
  p.type = type;
  // Presets watch the last price: Bitget shows presetStopSurplusType "fill_price" by default.
  p.trigger_type = TriggerType::kFillPrice;
  p.trigger_price = trigger;
  p.execute_price = execute;
  p.hold_side = hold_side;
  p.fires_above = TpslFiresAbove(type, hold_side);
  p.created = p.updated = clock_.Now();
  client_oids_[{account, p.client_oid}] = p.plan_id;
  EmitPlan(p);
  BGT_CHECK(plans_.Add(std::move(p)).ok(), "plan id reused");
  fill_triggers_.insert(symbol);
}

void SimExchange::Impl::RunTriggers(const std::string& symbol, TriggerType type) {
  const SymbolState* st = FindSymbol(symbol);
  if (!st) return;
  const std::optional<Decimal> price =
      type == TriggerType::kMarkPrice ? st->mark : st->engine.LastTradePrice();
  if (!price) return;
  for (OrderId id : plans_.Due(symbol, type, *price)) ExecutePlan(id);
}

void SimExchange::Impl::ExecutePlan(OrderId plan_id) {
  PlanOrder* p = plans_.Find(plan_id);
  if (!p || p->status != PlanStatus::kLive) return;
  SimAccount& acc = accounts_.at(p->account);
  const core::Timestamp now = clock_.Now();
  // Executed before the child exists, so that the child's own consequences (a closed
  // position cancels its TP/SL) do not cancel the plan that placed it.
  plans_.SetStatus(plan_id, PlanStatus::kExecuted, now);
  p->triggered_at = now;
  const PlanOrder plan = *p;
  const bool limit = plan.execute_price.has_value();
  core::Result<OrderAck> ack = VenueReject("22002", "No position to close");
  if (plan.type == PlanType::kNormalPlan) {
    PlaceOrderRequest req;
    req.symbol = plan.symbol;
    req.margin_mode = plan.margin_mode;
    req.size = *plan.size;
    req.price = plan.execute_price;
    req.side = plan.side;
    req.trade_side = plan.trade_side;
    req.type = plan.order_type;
    req.reduce_only = plan.reduce_only;
    ack = PlaceOrder(plan.account, req, ChildSource(plan.type, limit));
  } else if (HoldsPosition(acc, plan.symbol, plan.hold_side)) {
    const LegKey key = PositionKey(acc, plan.symbol, plan.hold_side);
    const Decimal qty = Quantity(acc, key).Abs();
    const Decimal size = IsWholePosition(plan.type) ? qty : std::min(*plan.size, qty);
    ack = PlaceClose(acc, key, size, plan.execute_price, ChildSource(plan.type, limit));
  }
  p = plans_.Find(plan_id);
  if (ack) {
    p->execute_order_id = ack->order_id;
  } else {
    plans_.SetStatus(plan_id, PlanStatus::kFailExecute, now);
    p->fail_reason = ack.error().ToString();
  }
  p->updated = now;
  EmitPlan(*p);
}

// ---- liquidation -----------------------------------------------------------------------------

void SimExchange::Impl::CheckLiquidation(AccountId account) {
  SimAccount* acc = FindAccount(account);
  if (!acc || !acc->HasAnyPosition()) return;
  auto val = acc->Value(*this);
  if (!val) return;
  const core::Timestamp now = clock_.Now();
  for (const LegValuation& lv : val->legs) {
    if (!lv.below_maintenance) continue;
    const Decimal margin = acc->FindLeg(lv.key)->isolated_margin;
    const Decimal lost_and_fee = [&] {
      const Decimal before = acc->ledger().realized_pnl + acc->ledger().fees;
      Liquidate(*acc, lv.key);
      return acc->ledger().realized_pnl + acc->ledger().fees - before;
    }();
    // The isolated position costs exactly its margin: the rest goes to (or the deficit comes
    // from) the risk fund.
    const Decimal remainder = (margin + lost_and_fee).Normalized();
    if (!remainder.IsZero()) {
      acc->ApplyRiskFund(lv.key.symbol, -remainder, now);
      events_.emplace_back(RiskFundEvent{account, lv.key.symbol, -remainder, now});
    }
  }
  auto crossed = acc->Value(*this);
  if (!crossed || !crossed->crossed_below_maintenance) return;
  // Crossed liquidation cancels every order of the account first (bitget-api-more.md §2.3).
  for (OrderId id : OpenOrderIds(account, std::nullopt)) {
    if (!IsOpen(orders_.at(id).state)) continue;  // canceled by an earlier cancel
    CancelBySystem(*FindSymbol(orders_.at(id).symbol), id, CancelReason::kSystem);
  }
  std::vector<LegKey> keys;
  for (const auto& [key, leg] : acc->legs()) {
    if (leg.margin_mode == model::MarginMode::kCrossed) keys.push_back(key);
  }
  for (const LegKey& key : keys) Liquidate(*acc, key);
  auto after = acc->Value(*this);
  BGT_CHECK(after.has_value(), "valuation after liquidation failed");
  if (!after->crossed_balance.IsZero()) {
    const Decimal amount = -after->crossed_balance;
    acc->ApplyRiskFund("", amount, now);
    events_.emplace_back(RiskFundEvent{account, "", amount, now});
  }
  changed_accounts_.insert(account);
}

void SimExchange::Impl::Liquidate(SimAccount& acc, const LegKey& key) {
  SymbolState& st = *FindSymbol(key.symbol);
  for (OrderId id : OpenOrderIds(acc.id(), key.symbol)) {
    if (IsOpen(orders_.at(id).state) &&
        (!IsHedgeLeg(key.side) || orders_.at(id).pos_side == key.side)) {
      CancelBySystem(st, id, CancelReason::kSystem);
    }
  }
  const Leg* leg = acc.FindLeg(key);
  if (!leg) return;
  const core::Timestamp now = clock_.Now();
  const Decimal qty = leg->position.quantity();
  const bool is_long = qty.IsPositive();
  const Decimal mark = *st.mark;
  const Decimal size = qty.Abs();
  const Decimal notional = Product(mark, size);
  const Decimal fee = -Product(notional, st.instrument.taker_fee_rate());
  const int lev = acc.Config(st.instrument).LeverageFor(is_long);

  OrderView o;
  o.order_id = next_order_id_++;
  do {
    o.client_oid = NewClientOid();
  } while (ClientOidTaken(acc.id(), o.client_oid));
  o.account = acc.id();
  o.symbol = key.symbol;
  o.direction = is_long ? OrderSide::kSell : OrderSide::kBuy;
  if (IsHedgeLeg(key.side)) {
    o.side = key.side == PositionSide::kLong ? OrderSide::kBuy : OrderSide::kSell;
    o.trade_side = model::TradeSide::kClose;
  } else {
    o.side = o.direction;
  }
  o.pos_side = key.side;
  o.pos_mode = acc.position_mode();
  o.type = model::OrderType::kMarket;
  o.size = size;
  o.reduce_only = true;
  o.margin_mode = leg->margin_mode;
  o.leverage = lev;
  o.state = OrderState::kFilled;
  o.filled = size;
  o.filled_notional = notional;
  o.fee = fee;
  o.source = OrderSource::kLiquidation;
  o.created = o.updated = now;

  TradeInput trade{key, o.direction, mark, size, fee, leg->margin_mode, lev, true, now};
  auto outcome = acc.ApplyTrade(trade);
  BGT_CHECK(outcome.has_value(), "liquidation cannot close the position");
  o.realized_pnl = outcome->realized_pnl;

  FillView f;
  f.trade_id = next_trade_id_++;
  f.order_id = o.order_id;
  f.client_oid = o.client_oid;
  f.account = o.account;
  f.symbol = o.symbol;
  f.side = o.side;
  f.direction = o.direction;
  f.pos_side = o.pos_side;
  f.trade_side = o.trade_side;
  f.pos_mode = o.pos_mode;
  f.order_type = o.type;
  f.price = mark;
  f.size = size;
  f.fee = fee;
  f.liquidity = model::LiquiditySide::kTaker;
  f.realized_pnl = outcome->realized_pnl;
  f.source = OrderSource::kLiquidation;
  f.ts = now;
  client_oids_[{acc.id(), o.client_oid}] = o.order_id;
  fills_[acc.id()].push_back(f);
  events_.emplace_back(OrderEvent{o, f});
  events_.emplace_back(FillEvent{f});
  events_.emplace_back(LiquidationEvent{acc.id(), key.symbol, key.side, o.margin_mode, qty, mark,
                                        outcome->realized_pnl, fee, now});
  orders_.emplace(o.order_id, std::move(o));
  MarkChanged(acc.id(), key.symbol);
  AfterPositionChange(acc, st);
}

// ---- funding ---------------------------------------------------------------------------------

void SimExchange::Impl::SettleFunding(core::Timestamp now) {
  for (const FundingSettlement& s : funding_.TakeDue(now)) {
    const SymbolState* st = FindSymbol(s.symbol);
    if (!st || !st->mark) continue;
    for (auto& [id, acc] : accounts_) {
      std::vector<LegKey> keys;
      for (const auto& [key, leg] : acc.legs()) {
        if (key.symbol == s.symbol) keys.push_back(key);
      }
      for (const LegKey& key : keys) {
        const Decimal qty = Quantity(acc, key);
        auto amount = FundingAmount(qty, *st->mark, s.rate);
        BGT_CHECK(amount.has_value(), "funding amount overflow");
        if (amount->IsZero()) continue;
        BGT_CHECK(acc.ApplyFunding(key, *amount, s.time).ok(), "funding of a missing position");
        events_.emplace_back(
            FundingEvent{id, s.symbol, key.side, qty, *st->mark, s.rate, *amount, s.time});
        MarkChanged(id, s.symbol);
      }
    }
  }
}

void SimExchange::Impl::ScheduleFundingTimer() {
  if (funding_timer_ != 0) {
    clock_.Cancel(funding_timer_);
    funding_timer_ = 0;
  }
  const std::optional<core::Timestamp> next = funding_.NextDue();
  if (!next) return;
  funding_timer_ = clock_.ScheduleAt(*next, [this](core::Timestamp deadline) {
    funding_timer_ = 0;
    SettleFunding(deadline);
    Settle();
    ScheduleFundingTimer();
  });
}

// ---- settings --------------------------------------------------------------------------------

core::Result<SymbolSettings> SimExchange::Impl::SetLeverage(AccountId account,
                                                            const SetLeverageRequest& req) {
  SimAccount* acc = FindAccount(account);
  if (!acc) return UnknownAccount(account);
  SymbolState* st = FindSymbol(req.symbol);
  if (!st) return UnknownSymbol(req.symbol);
  const model::Instrument& in = st->instrument;
  auto check = [&](int lev) -> core::Status {
    if (lev < in.min_leverage()) {
      return VenueReject("40808", "Parameter verification exception leverage " +
                                      std::to_string(lev) + " (min " +
                                      std::to_string(in.min_leverage()) + ")");
    }
    if (lev > in.max_leverage()) {
      return VenueReject("40797", "Exceeded the maximum settable leverage (" + std::to_string(lev) +
                                      " > " + std::to_string(in.max_leverage()) + ")");
    }
    return core::Status::Ok();
  };
  const SymbolConfig old = acc->Config(in);
  SymbolConfig next = old;
  if (old.margin_mode == model::MarginMode::kCrossed) {
    if (!req.leverage) return VenueReject("40808", "Parameter verification exception leverage");
    BGT_RETURN_IF_ERROR(check(*req.leverage));
    next.cross_leverage = *req.leverage;
  } else {
    std::optional<int> lng = req.long_leverage;
    std::optional<int> sht = req.short_leverage;
    if (!lng && req.leverage && (!req.hold_side || *req.hold_side == PositionSide::kLong)) {
      lng = req.leverage;
    }
    if (!sht && req.leverage && (!req.hold_side || *req.hold_side == PositionSide::kShort)) {
      sht = req.leverage;
    }
    if (!lng && !sht) return VenueReject("40808", "Parameter verification exception leverage");
    if (lng) {
      BGT_RETURN_IF_ERROR(check(*lng));
      next.long_leverage = *lng;
    }
    if (sht) {
      BGT_RETURN_IF_ERROR(check(*sht));
      next.short_leverage = *sht;
    }
  }
  auto before = acc->Value(*this);
  if (!before) return before.error();

  // Isolated positions re-post their margin for the new leverage.
  std::vector<std::pair<LegKey, Decimal>> moved;
  for (const auto& [key, leg] : acc->legs()) {
    if (key.symbol != in.symbol() || leg.margin_mode != model::MarginMode::kIsolated) continue;
    const bool is_long = leg.position.quantity().IsPositive();
    if (old.LeverageFor(is_long) == next.LeverageFor(is_long)) continue;
    auto was = InitialMargin(leg.position.entry_notional(), old.LeverageFor(is_long));
    auto now = InitialMargin(leg.position.entry_notional(), next.LeverageFor(is_long));
    if (!was || !now) return core::MakeError(core::ErrorCode::kOutOfRange, "margin overflow");
    moved.emplace_back(key, *now - *was);
  }
  acc->Config(in) = next;
  for (const auto& [key, delta] : moved) BGT_CHECK(acc->AdjustIsolatedMargin(key, delta).ok(), "");
  RecomputeReserves(*acc, *st);
  auto after = acc->Value(*this);
  if (!after || (after->max_open.IsNegative() && after->max_open < before->max_open)) {
    acc->Config(in) = old;
    for (const auto& [key, delta] : moved) {
      BGT_CHECK(acc->AdjustIsolatedMargin(key, -delta).ok(), "");
    }
    RecomputeReserves(*acc, *st);
    return VenueReject("40893",
                       "Unable to update the leverage factor of this position, there is "
                       "not enough margin!");
  }
  if (acc->HasPosition(in.symbol())) MarkChanged(account, in.symbol());
  return SymbolSettings{in.symbol(), next};
}

core::Result<SymbolSettings> SimExchange::Impl::SetMarginMode(AccountId account,
                                                              std::string_view symbol,
                                                              model::MarginMode mode) {
  SimAccount* acc = FindAccount(account);
  if (!acc) return UnknownAccount(account);
  SymbolState* st = FindSymbol(symbol);
  if (!st) return UnknownSymbol(symbol);
  SymbolConfig& cfg = acc->Config(st->instrument);
  if (cfg.margin_mode != mode) {
    if (acc->HasPosition(symbol) || !OpenOrderIds(account, symbol).empty() ||
        plans_.LiveCount(account, symbol) > 0) {
      return VenueReject("45117",
                         "Currently holding positions or orders, the margin mode "
                         "cannot be adjusted");
    }
    cfg.margin_mode = mode;
    changed_accounts_.insert(account);
  }
  return SymbolSettings{st->instrument.symbol(), cfg};
}

core::Status SimExchange::Impl::SetPositionMode(AccountId account, model::PositionMode mode) {
  SimAccount* acc = FindAccount(account);
  if (!acc) return UnknownAccount(account);
  if (acc->position_mode() == mode) return core::Status::Ok();
  if (acc->HasAnyPosition() || !OpenOrderIds(account, std::nullopt).empty() ||
      !plans_.List(account, std::nullopt, true).empty()) {
    return VenueReject("40920", "Position or order exists, the position mode cannot be switched");
  }
  acc->set_position_mode(mode);
  changed_accounts_.insert(account);
  return core::Status::Ok();
}

}  // namespace bgt::sim
