// SimExchange: placing and cancelling orders and applying the matching engines' events to
// orders, accounts and positions (exchange_impl.h has the map).
#include <algorithm>
#include <utility>

#include "core/check.h"
#include "model/order_validation.h"
#include "sim/exchange_impl.h"

namespace bgt::sim {
namespace {

using core::Decimal;
using model::OrderSide;
using model::PositionSide;

bool IsHedgeLeg(PositionSide leg) { return leg != PositionSide::kNet; }

// The position direction an opening order builds.
bool OpensLong(const Intent& intent) {
  return IsHedgeLeg(intent.leg) ? intent.leg == PositionSide::kLong
                                : intent.direction == OrderSide::kBuy;
}

bool OnTick(const model::Instrument& in, const Decimal& price) {
  return price.IsPositive() && price.IsMultipleOf(in.tick_size());
}

// Preset TP/SL of an opening order against the order price (limit) or the mark (market)
// (Bitget codes 45064–45067 and 40915 / 45061 / 40917 / 45122, bitget-api.md §5.5).
core::Status CheckPresets(const PlaceOrderRequest& req, const model::Instrument& in, bool is_long,
                          const Decimal& ref) {
  const bool limit = req.type == model::OrderType::kLimit;
  const std::string at = " " + ref.ToString();
  for (const auto* p : {&req.preset_take_profit, &req.preset_stop_loss,
                        &req.preset_take_profit_execute, &req.preset_stop_loss_execute}) {
    if (*p && !(*p)->IsZero() && !OnTick(in, **p)) {
      return VenueReject("40808", "Parameter verification exception preset price " +
                                      (*p)->ToString() + " (not a positive multiple of the tick)");
    }
  }
  if (const auto& tp = req.preset_take_profit) {
    if (tp->IsZero())
      return VenueReject("40808",
                         "Parameter verification exception "
                         "presetStopSurplusPrice");
    if (is_long && *tp <= ref) {
      return limit
                 ? VenueReject("45064", "TP price of long position > order price" + at)
                 : VenueReject("40915", "Long position take profit price please > mark price" + at);
    }
    if (!is_long && *tp >= ref) {
      return limit ? VenueReject("45065", "TP price of short position < order price" + at)
                   : VenueReject("45061", "TP price of short position < Current price" + at);
    }
  }
  if (const auto& sl = req.preset_stop_loss) {
    if (sl->IsZero())
      return VenueReject("40808",
                         "Parameter verification exception "
                         "presetStopLossPrice");
    if (is_long && *sl >= ref) {
      return limit ? VenueReject("45066", "SL price of long position < order price" + at)
                   : VenueReject("40917", "Stop price for long positions please < mark price" + at);
    }
    if (!is_long && *sl <= ref) {
      return limit
                 ? VenueReject("45067", "SL price of short position > order price" + at)
                 : VenueReject("45122", "Short position stop loss price please > mark price" + at);
    }
  }
  return core::Status::Ok();
}

std::optional<Decimal> NonZero(const std::optional<Decimal>& d) {
  if (!d || d->IsZero()) return std::nullopt;
  return d;
}

}  // namespace

LegKey SimExchange::Impl::PositionKey(const SimAccount& acc, std::string_view symbol,
                                      PositionSide hold_side) const {
  if (acc.position_mode() == model::PositionMode::kOneWay) {
    return LegKey{std::string(symbol), PositionSide::kNet};
  }
  return LegKey{std::string(symbol), hold_side};
}

bool SimExchange::Impl::HoldsPosition(const SimAccount& acc, std::string_view symbol,
                                      PositionSide hold_side) const {
  const Decimal qty = Quantity(acc, PositionKey(acc, symbol, hold_side));
  if (qty.IsZero()) return false;
  return qty.IsPositive() == (hold_side == PositionSide::kLong);
}

std::optional<Decimal> SimExchange::Impl::Protection(const SymbolState& st,
                                                     OrderSide direction) const {
  if (!st.mark) return std::nullopt;
  const Decimal one = Decimal::FromInt(1);
  const Decimal factor = direction == OrderSide::kBuy
                             ? one + st.instrument.buy_limit_price_ratio()
                             : one - st.instrument.sell_limit_price_ratio();
  const Decimal p = Product(*st.mark, factor);
  if (!p.IsPositive()) return std::nullopt;
  return p;
}

core::Result<Intent> SimExchange::Impl::Resolve(const SimAccount& acc,
                                                const PlaceOrderRequest& req) const {
  if (acc.position_mode() == model::PositionMode::kOneWay) {
    if (req.trade_side) {
      return VenueReject("40774",
                         "The order type for unilateral position must also be the "
                         "unilateral position type.");
    }
    return Intent{req.side, PositionSide::kNet, req.reduce_only};
  }
  if (!req.trade_side) {
    return VenueReject("40808", "Parameter verification exception double fixed, hold side is null");
  }
  const model::HedgeIntent h = model::FromHedgeWire({req.side, *req.trade_side});
  return Intent{h.direction, h.leg, *req.trade_side == model::TradeSide::kClose};
}

core::Result<Intent> SimExchange::Impl::CheckRequest(const SimAccount& acc, const SymbolState& st,
                                                     const PlaceOrderRequest& req) const {
  auto intent = Resolve(acc, req);
  if (!intent) return intent.error();
  if (!req.client_oid.empty() && ClientOidTaken(acc.id(), req.client_oid)) {
    return VenueReject("43118", "clientOrderId duplicate (" + req.client_oid + ")");
  }
  if (!st.mark) {
    return VenueReject("40823", "The transaction or reasonable marked price does not exist");
  }
  model::OrderIntent oi;
  oi.side = intent->direction;
  oi.type = req.type;
  oi.price = req.type == model::OrderType::kLimit ? req.price : std::nullopt;
  oi.size = req.size;
  oi.reference_price = st.mark;
  oi.position_side = intent->leg;
  oi.reduce_only = !IsHedgeLeg(intent->leg) && intent->closes;
  auto valid = model::ValidateOrder(st.instrument, oi);
  if (!valid) return AsVenueError(valid.error());
  return intent;
}

core::Result<OrderAck> SimExchange::Impl::PlaceOrder(AccountId account,
                                                     const PlaceOrderRequest& req,
                                                     OrderSource source) {
  SimAccount* acc = FindAccount(account);
  if (!acc) return UnknownAccount(account);
  SymbolState* st = FindSymbol(req.symbol);
  if (!st) return UnknownSymbol(req.symbol);
  auto intent = CheckRequest(*acc, *st, req);
  if (!intent) return intent.error();
  const model::Instrument& in = st->instrument;
  const std::string& symbol = in.symbol();
  const LegKey key{symbol, intent->leg};
  const SymbolConfig current = acc->Config(in);

  // Margin mode: an opening order may switch the symbol's mode only while nothing is open.
  SymbolConfig cfg = current;
  if (!intent->closes && req.margin_mode != current.margin_mode) {
    if (acc->HasPosition(symbol) || !OpenOrderIds(account, symbol).empty() ||
        plans_.LiveCount(account, symbol) > 0) {
      return VenueReject("45117",
                         "Currently holding positions or orders, the margin mode "
                         "cannot be adjusted");
    }
    cfg.margin_mode = req.margin_mode;
  }
  if (OpenOrderIds(account, symbol).size() >= static_cast<std::size_t>(in.max_symbol_order_num()) ||
      OpenOrderIds(account, std::nullopt).size() >=
          static_cast<std::size_t>(in.max_product_order_num())) {
    return VenueReject("40761", "The total number of unfilled orders is too high");
  }

  const Decimal reducible = Reducible(*acc, key, intent->direction);
  if (intent->closes) {
    if (reducible.IsZero()) return VenueReject("22002", "No position to close");
    if (req.size > reducible) {
      return VenueReject("40757", "Not enough position is available. (size " + req.size.ToString() +
                                      " > " + reducible.ToString() + ")");
    }
    const Decimal locked = LockedBy(ClosingOrders(account, key, intent->direction));
    const bool may_free = !IsHedgeLeg(key.side) || req.type == model::OrderType::kMarket;
    if (req.size > reducible - locked && !may_free) {
      return VenueReject("40757", "Not enough position is available. (size " + req.size.ToString() +
                                      " > closable " + (reducible - locked).ToString() + ")");
    }
  }

  const Decimal open_size =
      intent->closes ? Decimal()
                     : (IsHedgeLeg(key.side) ? req.size : req.size - std::min(req.size, reducible));
  // The direction of the position the order builds (or, for a one-way close, reduces).
  const bool is_long = !IsHedgeLeg(key.side) && intent->closes
                           ? intent->direction == OrderSide::kSell
                           : OpensLong(*intent);
  if (!intent->closes) {
    const Decimal ref = req.type == model::OrderType::kLimit ? *req.price : *st->mark;
    BGT_RETURN_IF_ERROR(CheckPresets(req, in, is_long, ref));
  }
  if (open_size.IsPositive()) {
    const int lev = cfg.LeverageFor(is_long);
    const Decimal qty = Quantity(*acc, key);
    const Decimal same_side =
        (qty.IsPositive() == is_long && !qty.IsZero()) ? qty.Abs() : Decimal();
    const Decimal new_value = Product(same_side + open_size, *st->mark);
    if (new_value > st->tiers.MaxValueAt(lev)) {
      return VenueReject("40762",
                         "The order size is greater than the max open size (position "
                         "value " +
                             new_value.ToString() + " USDT above the limit of " +
                             std::to_string(lev) + "x)");
    }
    Decimal price = req.type == model::OrderType::kLimit ? *req.price : *st->mark;
    if (req.type == model::OrderType::kMarket) {
      auto sweep = st->engine.EstimateSweep(intent->direction, open_size,
                                            Protection(*st, intent->direction));
      if (sweep && sweep->worst_price) price = std::max(price, *sweep->worst_price);
    }
    const Decimal notional = Product(price, open_size);
    auto im = InitialMargin(notional, lev);
    if (!im) return im.error();
    const Decimal cost = *im + Product(notional, in.taker_fee_rate().Abs());
    auto val = acc->Value(*this);
    if (!val) return val.error();
    if (cost > val->max_open) {
      return VenueReject("40762", "The order amount exceeds the balance (needs " +
                                      cost.Normalized().ToString() + " USDT, max open " +
                                      val->max_open.ToString() + ")");
    }
  }

  acc->Config(in) = cfg;
  if (intent->closes) FreeClosable(*acc, key, intent->direction, req.size);

  OrderView o;
  o.client_oid = req.client_oid;
  o.account = account;
  o.symbol = symbol;
  o.side = req.side;
  o.direction = intent->direction;
  o.pos_side = intent->leg;
  o.trade_side = req.trade_side;
  o.pos_mode = acc->position_mode();
  o.type = req.type;
  o.force = req.force;
  o.size = req.size.Normalized();
  if (req.type == model::OrderType::kLimit) o.price = req.price->Normalized();
  o.reduce_only = intent->closes;
  o.margin_mode =
      intent->closes && acc->FindLeg(key) ? acc->FindLeg(key)->margin_mode : cfg.margin_mode;
  o.leverage = cfg.LeverageFor(is_long);
  o.source = source;
  if (!intent->closes) {
    o.preset_take_profit = NonZero(req.preset_take_profit);
    o.preset_take_profit_execute = NonZero(req.preset_take_profit_execute);
    o.preset_stop_loss = NonZero(req.preset_stop_loss);
    o.preset_stop_loss_execute = NonZero(req.preset_stop_loss_execute);
  }
  return Submit(*st, *acc, std::move(o), req.stp_mode);
}

core::Result<OrderAck> SimExchange::Impl::PlaceClose(SimAccount& acc, const LegKey& key,
                                                     const Decimal& size,
                                                     std::optional<Decimal> price,
                                                     OrderSource source) {
  SymbolState* st = FindSymbol(key.symbol);
  BGT_CHECK(st != nullptr, "closing a position of an unlisted symbol");
  const Decimal qty = Quantity(acc, key);
  if (qty.IsZero()) return VenueReject("22002", "No position to close");
  const bool is_long = qty.IsPositive();
  const OrderSide direction = is_long ? OrderSide::kSell : OrderSide::kBuy;
  const Decimal close_size = std::min(size, qty.Abs());
  FreeClosable(acc, key, direction, close_size);

  OrderView o;
  o.account = acc.id();
  o.symbol = key.symbol;
  o.direction = direction;
  o.pos_side = key.side;
  o.pos_mode = acc.position_mode();
  if (IsHedgeLeg(key.side)) {
    o.side = key.side == PositionSide::kLong ? OrderSide::kBuy : OrderSide::kSell;
    o.trade_side = model::TradeSide::kClose;
  } else {
    o.side = direction;
  }
  o.type = price ? model::OrderType::kLimit : model::OrderType::kMarket;
  o.size = close_size.Normalized();
  o.price = price;
  o.reduce_only = true;
  o.margin_mode = acc.FindLeg(key)->margin_mode;
  o.leverage = acc.Config(st->instrument).LeverageFor(is_long);
  o.source = source;
  return Submit(*st, acc, std::move(o), StpMode::kNone);
}

void SimExchange::Impl::FreeClosable(SimAccount& acc, const LegKey& key, OrderSide direction,
                                     const Decimal& needed) {
  SymbolState* st = FindSymbol(key.symbol);
  const std::vector<OrderId> ids = ClosingOrders(acc.id(), key, direction);
  const Decimal reducible = Reducible(acc, key, direction);
  Decimal locked = LockedBy(ids);
  for (OrderId id : ids) {
    if (reducible - locked >= needed) break;
    const Decimal leaves = orders_.at(id).leaves();
    CancelBySystem(*st, id, CancelReason::kSystem);
    locked -= leaves;
  }
}

core::Result<OrderAck> SimExchange::Impl::Submit(SymbolState& st, SimAccount& acc, OrderView o,
                                                 StpMode stp_mode) {
  o.order_id = next_order_id_++;
  if (o.client_oid.empty()) {
    do {
      o.client_oid = NewClientOid();
    } while (ClientOidTaken(acc.id(), o.client_oid));
  }
  o.created = o.updated = clock_.Now();
  o.state = OrderState::kLive;

  OrderRequest req;
  req.order_id = o.order_id;
  req.owner = acc.id();
  req.client_oid = o.client_oid;
  req.side = o.direction;
  req.type = o.type;
  req.time_in_force = o.force;
  req.price = o.type == model::OrderType::kLimit ? o.price : Protection(st, o.direction);
  req.size = o.size;
  req.reduce_only = o.reduce_only;
  req.stp_mode = stp_mode;

  const OrderId id = o.order_id;
  const std::string client_oid = o.client_oid;
  AddOpen(o);
  const OrderView& stored = orders_.emplace(id, std::move(o)).first->second;
  client_oids_[{acc.id(), client_oid}] = id;
  MatchEvents events;
  auto status = st.engine.Submit(req, events);
  if (!status) {
    RemoveOpen(stored);
    orders_.erase(id);
    client_oids_.erase({acc.id(), client_oid});
    return AsVenueError(status.error());
  }
  ProcessEvents(st, events);
  RecomputeReserves(acc, st);
  changed_accounts_.insert(acc.id());
  return OrderAck{id, client_oid};
}

void SimExchange::Impl::CancelBySystem(SymbolState& st, OrderId id, CancelReason reason) {
  MatchEvents events;
  if (st.engine.Cancel(id, events, reason)) ProcessEvents(st, events);
}

void SimExchange::Impl::ProcessEvents(SymbolState& st, const MatchEvents& events) {
  for (const MatchEvent& event : events) {
    if (const auto* a = std::get_if<OrderAccepted>(&event)) {
      if (a->owner == kLiquidityAccount) continue;
      auto it = orders_.find(a->order_id);
      if (it != orders_.end()) EmitOrder(it->second);
    } else if (const auto* f = std::get_if<OrderFilled>(&event)) {
      const TradeId trade_id = next_trade_id_++;
      for (const FillLeg* leg : {&f->taker, &f->maker}) {
        if (leg->owner != kLiquidityAccount) {
          OnUserFill(st, *leg, f->price, f->size, trade_id, f->ts);
        }
      }
      fill_triggers_.insert(st.instrument.symbol());
    } else if (const auto* c = std::get_if<OrderCanceled>(&event)) {
      if (c->owner != kLiquidityAccount) OnUserCancel(*c);
    }
  }
}

void SimExchange::Impl::OnUserFill(SymbolState& st, const FillLeg& leg, const Decimal& price,
                                   const Decimal& size, TradeId trade_id, core::Timestamp ts) {
  auto it = orders_.find(leg.order_id);
  BGT_CHECK(it != orders_.end(), "fill of an order the exchange does not know");
  OrderView& o = it->second;
  SimAccount& acc = accounts_.at(o.account);
  const model::Instrument& in = st.instrument;
  const Decimal& rate =
      leg.liquidity == model::LiquiditySide::kMaker ? in.maker_fee_rate() : in.taker_fee_rate();
  const Decimal notional = Product(price, size);
  const Decimal fee = -Product(notional, rate);
  const bool opens_long =
      IsHedgeLeg(o.pos_side) ? o.pos_side == PositionSide::kLong : o.direction == OrderSide::kBuy;
  const SymbolConfig& cfg = acc.Config(in);
  TradeInput trade{LegKey{o.symbol, o.pos_side}, o.direction, price, size, fee, cfg.margin_mode,
                   cfg.LeverageFor(opens_long),  false,       ts};
  auto outcome = acc.ApplyTrade(trade);
  BGT_CHECK(outcome.has_value(), "fill cannot be applied to its position: " +
                                     (outcome ? std::string() : outcome.error().ToString()));

  const bool first_fill = o.filled.IsZero();
  o.filled = (o.filled + size).Normalized();
  o.filled_notional = (o.filled_notional + notional).Normalized();
  o.fee = (o.fee + fee).Normalized();
  o.realized_pnl = (o.realized_pnl + outcome->realized_pnl).Normalized();
  o.updated = ts;
  if (o.leaves().IsZero()) {
    o.state = OrderState::kFilled;
    RemoveOpen(o);
    acc.ClearReserve(o.order_id);
  } else if (o.state != OrderState::kCanceled) {
    o.state = OrderState::kPartiallyFilled;
  }

  FillView fill;
  fill.trade_id = trade_id;
  fill.order_id = o.order_id;
  fill.client_oid = o.client_oid;
  fill.account = o.account;
  fill.symbol = o.symbol;
  fill.side = o.side;
  fill.direction = o.direction;
  fill.pos_side = o.pos_side;
  fill.trade_side = o.trade_side;
  fill.pos_mode = o.pos_mode;
  fill.order_type = o.type;
  fill.price = price;
  fill.size = size;
  fill.fee = fee;
  fill.liquidity = leg.liquidity;
  fill.realized_pnl = outcome->realized_pnl;
  fill.source = o.source;
  fill.ts = ts;
  fills_[o.account].push_back(fill);
  events_.emplace_back(FillEvent{fill});
  EmitOrder(o, fill);
  if (first_fill) ApplyPresets(o);
  MarkChanged(o.account, o.symbol);
  AfterPositionChange(acc, st);
}

void SimExchange::Impl::OnUserCancel(const OrderCanceled& c) {
  auto it = orders_.find(c.order_id);
  if (it == orders_.end() || !IsOpen(it->second.state)) return;
  OrderView& o = it->second;
  o.state = OrderState::kCanceled;
  o.cancel_reason = c.reason;
  o.updated = c.ts;
  RemoveOpen(o);
  accounts_.at(o.account).ClearReserve(o.order_id);
  changed_accounts_.insert(o.account);
  EmitOrder(o);
}

Decimal SimExchange::Impl::ReserveFor(const OrderView& o, const SimAccount& acc,
                                      const SymbolState& st) const {
  if (o.type != model::OrderType::kLimit || !o.price || o.reduce_only) return Decimal();
  const Decimal leaves = o.leaves();
  Decimal open = leaves;
  if (!IsHedgeLeg(o.pos_side)) {
    open = leaves - std::min(leaves, Reducible(acc, LegKey{o.symbol, o.pos_side}, o.direction));
  }
  if (!open.IsPositive()) return Decimal();
  const bool is_long =
      IsHedgeLeg(o.pos_side) ? o.pos_side == PositionSide::kLong : o.direction == OrderSide::kBuy;
  const SymbolConfig* cfg = acc.FindConfig(o.symbol);
  const int lev = cfg ? cfg->LeverageFor(is_long) : kDefaultLeverage;
  const Decimal notional = Product(*o.price, open);
  auto im = InitialMargin(notional, lev);
  BGT_CHECK(im.has_value(), "order reserve overflow");
  return (*im + Product(notional, st.instrument.taker_fee_rate().Abs())).Normalized();
}

void SimExchange::Impl::RecomputeReserves(SimAccount& acc, SymbolState& st) {
  for (OrderId id : OpenOrderIds(acc.id(), st.instrument.symbol())) {
    acc.SetReserve(id, ReserveFor(orders_.at(id), acc, st));
  }
  changed_accounts_.insert(acc.id());
}

void SimExchange::Impl::AfterPositionChange(SimAccount& acc, SymbolState& st) {
  const std::string& symbol = st.instrument.symbol();
  const bool hedge = acc.position_mode() == model::PositionMode::kHedge;
  const std::vector<PositionSide> legs =
      hedge ? std::vector<PositionSide>{PositionSide::kLong, PositionSide::kShort}
            : std::vector<PositionSide>{PositionSide::kNet};
  for (PositionSide side : legs) {
    const LegKey key{symbol, side};
    for (OrderSide direction : {OrderSide::kBuy, OrderSide::kSell}) {
      const std::vector<OrderId> ids = ClosingOrders(acc.id(), key, direction);
      if (ids.empty()) continue;
      const Decimal reducible = Reducible(acc, key, direction);
      Decimal locked = LockedBy(ids);
      for (auto it = ids.rbegin(); it != ids.rend() && locked > reducible; ++it) {
        const Decimal leaves = orders_.at(*it).leaves();
        CancelBySystem(st, *it, CancelReason::kSystem);
        locked -= leaves;
      }
    }
  }
  const std::vector<OrderId> orphans = plans_.LiveIds(acc.id(), symbol, [&](const PlanOrder& p) {
    return IsTpsl(p.type) && !HoldsPosition(acc, symbol, p.hold_side);
  });
  for (OrderId id : orphans) CancelPlan(id);
  RecomputeReserves(acc, st);
}

core::Result<OrderAck> SimExchange::Impl::CancelOrder(AccountId account, std::string_view symbol,
                                                      const OrderRef& ref) {
  SimAccount* acc = FindAccount(account);
  if (!acc) return UnknownAccount(account);
  SymbolState* st = FindSymbol(symbol);
  if (!st) return UnknownSymbol(symbol);
  std::optional<OrderId> id = ref.order_id;
  if (!id && !ref.client_oid.empty()) {
    auto it = client_oids_.find({account, ref.client_oid});
    if (it != client_oids_.end()) id = it->second;
  }
  auto it = id ? orders_.find(*id) : orders_.end();
  if (it == orders_.end() || it->second.account != account || it->second.symbol != symbol ||
      !IsOpen(it->second.state)) {
    return VenueReject("40768", "Order does not exist");
  }
  const OrderAck ack{it->second.order_id, it->second.client_oid};
  MatchEvents events;
  auto status = st->engine.Cancel(ack.order_id, events, CancelReason::kUser);
  if (!status) return AsVenueError(status.error());
  ProcessEvents(*st, events);
  RecomputeReserves(*acc, *st);
  return ack;
}

core::Result<BatchResult> SimExchange::Impl::CancelAll(AccountId account,
                                                       std::optional<std::string_view> symbol) {
  SimAccount* acc = FindAccount(account);
  if (!acc) return UnknownAccount(account);
  if (symbol && !FindSymbol(*symbol)) return UnknownSymbol(*symbol);
  BatchResult result;
  std::set<std::string> touched;
  for (OrderId id : OpenOrderIds(account, symbol)) {
    const OrderView& o = orders_.at(id);
    if (!IsOpen(o.state)) continue;  // canceled by an earlier cancel's consequences
    SymbolState* st = FindSymbol(o.symbol);
    const OrderAck ack{o.order_id, o.client_oid};
    touched.insert(o.symbol);
    MatchEvents events;
    auto status = st->engine.Cancel(id, events, CancelReason::kUser);
    if (status) {
      ProcessEvents(*st, events);
      result.success.push_back(ack);
    } else {
      result.failure.push_back(
          BatchFailure{ack.order_id, ack.client_oid, AsVenueError(status.error())});
    }
  }
  for (const std::string& s : touched) {
    if (SymbolState* st = FindSymbol(s)) RecomputeReserves(*acc, *st);
  }
  return result;
}

core::Result<BatchResult> SimExchange::Impl::ClosePositions(AccountId account,
                                                            std::optional<std::string_view> symbol,
                                                            std::optional<PositionSide> hold_side) {
  SimAccount* acc = FindAccount(account);
  if (!acc) return UnknownAccount(account);
  if (symbol && !FindSymbol(*symbol)) return UnknownSymbol(*symbol);
  std::vector<LegKey> keys;
  for (const auto& [key, leg] : acc->legs()) {
    if (symbol && key.symbol != *symbol) continue;
    const bool is_long = leg.position.quantity().IsPositive();
    if (hold_side && (*hold_side == PositionSide::kLong) != is_long) continue;
    keys.push_back(key);
  }
  if (keys.empty()) return VenueReject("22002", "No position to close");
  BatchResult result;
  for (const LegKey& key : keys) {
    const Decimal qty = Quantity(*acc, key);
    if (qty.IsZero()) continue;
    auto ack = PlaceClose(*acc, key, qty.Abs(), std::nullopt, OrderSource::kNormal);
    if (ack) {
      result.success.push_back(*ack);
    } else {
      result.failure.push_back(BatchFailure{0, "", ack.error()});
    }
  }
  return result;
}

}  // namespace bgt::sim
