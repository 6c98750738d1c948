#include "execution/execution_engine.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "execution/execution_engine_internal.h"
#include "model/order_fsm.h"

namespace bgt::execution {
namespace {

using core::Decimal;
using core::ErrorCode;
using internal::Invalid;
using internal::kCancelNoOrderCode;
using internal::kNotFoundCode;
using internal::OidCounter;
using internal::TradeKey;
using model::OrderStatus;
using model::PositionSide;

}  // namespace

core::Result<ExecutionEngine> ExecutionEngine::Create(core::Clock& clock, ExecutionConfig config) {
  auto oids = ClientOidGenerator::Create(config.client_oid_prefix, config.last_client_oid);
  BGT_RETURN_IF_ERROR(oids);
  if (config.default_setup.leverage < 1) return Invalid("default leverage must be >= 1");
  return ExecutionEngine(clock, std::move(config), std::move(*oids));
}

ExecutionEngine::ExecutionEngine(const ExecutionEngine& other)
    : clock_(other.clock_),
      config_(other.config_),
      oids_(other.oids_),
      position_mode_(other.position_mode_),
      position_mode_requested_(other.position_mode_requested_),
      position_mode_ready_(other.position_mode_ready_),
      symbols_(other.symbols_),
      orders_(other.orders_),
      finished_(other.finished_),
      trade_ids_(other.trade_ids_),
      trade_order_(other.trade_order_),
      commands_(other.commands_),
      events_(other.events_) {
  for (auto& [oid, t] : orders_) {
    if (model::IsWorking(t.order.status())) working_.emplace(oid, &t);
  }
}

ExecutionEngine& ExecutionEngine::operator=(const ExecutionEngine& other) {
  if (this != &other) *this = ExecutionEngine(other);
  return *this;
}

// --- Set-up --------------------------------------------------------------------------------------

core::Status ExecutionEngine::SetupSymbol(const std::string& symbol, SymbolSetup setup) {
  if (symbol.empty()) return Invalid("SetupSymbol: empty symbol");
  if (setup.leverage < 1) return Invalid("SetupSymbol: leverage must be >= 1");
  if (!position_mode_requested_) {
    position_mode_requested_ = true;
    commands_.push_back(SetPositionModeCommand{config_.position_mode});
  }
  SymbolState& st = symbols_[symbol];
  st.setup = setup;
  st.phase = SetupPhase::kPending;
  st.pending += 2;
  commands_.push_back(SetMarginModeCommand{symbol, setup.margin_mode});
  commands_.push_back(SetLeverageCommand{symbol, setup.leverage});
  return core::Status::Ok();
}

void ExecutionEngine::OnSetupResult(const SetupResult& r) {
  if (r.step == SetupStep::kPositionMode) {
    if (r.status.ok()) {
      position_mode_ = config_.position_mode;
    } else {
      if (r.current_position_mode) position_mode_ = *r.current_position_mode;
      events_.push_back(
          SetupRefused{"", r.step, r.status.error(), std::string(model::ToString(position_mode_))});
    }
    position_mode_ready_ = true;
    ReleaseReady();
    return;
  }
  auto it = symbols_.find(r.symbol);
  if (it == symbols_.end() || it->second.pending == 0) return;  // late or unknown: ignore
  SymbolState& st = it->second;
  if (!r.status.ok()) {
    std::string kept;
    if (r.step == SetupStep::kMarginMode) {
      if (r.current_margin_mode) st.setup.margin_mode = *r.current_margin_mode;
      kept = std::string(model::ToString(st.setup.margin_mode));
    } else {
      if (r.current_leverage) st.setup.leverage = *r.current_leverage;
      kept = std::to_string(st.setup.leverage);
    }
    events_.push_back(SetupRefused{r.symbol, r.step, r.status.error(), kept});
  }
  --st.pending;
  ReleaseReady();
}

void ExecutionEngine::ReleaseReady() {
  if (!position_mode_ready_) return;
  for (auto& [symbol, st] : symbols_) {
    if (st.phase != SetupPhase::kPending || st.pending > 0) continue;
    st.phase = SetupPhase::kReady;
    for (Command& c : st.held) {
      // Orders held during set-up carry the margin mode the venue kept.
      if (auto* place = std::get_if<PlaceOrderCommand>(&c)) {
        place->request.margin_mode = st.setup.margin_mode;
      }
      commands_.push_back(std::move(c));
    }
    st.held.clear();
  }
}

bool ExecutionEngine::IsReady(const std::string& symbol) const {
  auto it = symbols_.find(symbol);
  return position_mode_ready_ && it != symbols_.end() && it->second.phase == SetupPhase::kReady;
}

std::optional<SymbolSetup> ExecutionEngine::EffectiveSetup(const std::string& symbol) const {
  auto it = symbols_.find(symbol);
  if (it == symbols_.end()) return std::nullopt;
  return it->second.setup;
}

void ExecutionEngine::Emit(const std::string& symbol, Command command) {
  auto it = symbols_.find(symbol);
  if (it == symbols_.end() || it->second.phase == SetupPhase::kNone) {
    BGT_CHECK(SetupSymbol(symbol, config_.default_setup).ok(), "default set-up is validated");
    it = symbols_.find(symbol);
  }
  if (position_mode_ready_ && it->second.phase == SetupPhase::kReady) {
    commands_.push_back(std::move(command));
  } else {
    it->second.held.push_back(std::move(command));
  }
}

// --- Orders --------------------------------------------------------------------------------------

core::Result<std::string> ExecutionEngine::Submit(const OrderSpec& spec) {
  if (spec.symbol.empty()) return Invalid("order spec without symbol");
  if (spec.kind == SpecKind::kClosePosition) {
    Emit(spec.symbol, ClosePositionCommand{spec.symbol, HoldSide(spec)});
    return std::string();
  }
  if (spec.kind == SpecKind::kStopUpdate) {
    if (!spec.stop_loss || !spec.stop_loss->IsPositive()) {
      return Invalid("stop update on " + spec.symbol + " without a positive stop");
    }
    Emit(spec.symbol, SetStopLossCommand{spec.symbol, HoldSide(spec), *spec.stop_loss});
    return std::string();
  }
  return Place(spec, oids_.Next());
}

core::Result<std::string> ExecutionEngine::Place(const OrderSpec& spec, std::string client_oid) {
  if (!spec.size.IsPositive()) return Invalid("order size must be positive");
  const bool hedge = position_mode_ == model::PositionMode::kHedge;
  if (hedge == (spec.leg == PositionSide::kNet)) {
    return Invalid(std::string("order leg ") + std::string(model::ToString(spec.leg)) +
                   " does not fit position mode " + std::string(model::ToString(position_mode_)));
  }
  PlaceOrderCommand cmd;
  model::OrderRequest& req = cmd.request;
  req.client_oid = std::move(client_oid);
  req.symbol = spec.symbol;
  req.side = spec.direction;
  req.type = spec.type;
  req.time_in_force = spec.time_in_force;
  req.quantity = spec.size;
  if (spec.type == model::OrderType::kLimit) req.price = spec.price;
  req.position_side = spec.leg;
  req.reduce_only = spec.closing;
  auto setup = EffectiveSetup(spec.symbol);
  req.margin_mode = setup ? setup->margin_mode : config_.default_setup.margin_mode;
  if (hedge) {
    auto wire = model::ToHedgeWire(spec.direction, spec.leg);
    BGT_RETURN_IF_ERROR(wire);
    cmd.wire_side = wire->side;
    cmd.trade_side = wire->trade_side;
  } else {
    cmd.wire_side = spec.direction;
    cmd.reduce_only = spec.closing;
  }
  cmd.preset_take_profit = spec.take_profit;
  cmd.preset_stop_loss = spec.stop_loss;

  auto order = model::Order::Create(req, clock_->Now());
  BGT_RETURN_IF_ERROR(order);
  BGT_RETURN_IF_ERROR(order->Submit(clock_->Now()));
  const std::string oid = req.client_oid;
  Index(orders_.emplace(oid, Tracked(std::move(*order), spec)).first->second);
  events_.push_back(OrderStatusChanged{oid, spec.symbol, OrderStatus::kInitialized,
                                       OrderStatus::kSubmitted, "", "", clock_->Now()});
  Emit(spec.symbol, std::move(cmd));
  return oid;
}

ExecutionEngine::Tracked* ExecutionEngine::Find(const std::string& client_oid) {
  auto it = orders_.find(client_oid);
  return it == orders_.end() ? nullptr : &it->second;
}

const model::Order* ExecutionEngine::FindOrder(const std::string& client_oid) const {
  auto it = orders_.find(client_oid);
  return it == orders_.end() ? nullptr : &it->second.order;
}

bool ExecutionEngine::IsAmbiguous(const std::string& client_oid) const {
  auto it = orders_.find(client_oid);
  return it != orders_.end() && it->second.ambiguous;
}

std::vector<const model::Order*> ExecutionEngine::WorkingOrders() const {
  std::vector<const model::Order*> out;
  out.reserve(working_.size());
  for (const auto& [oid, t] : working_) out.push_back(&t->order);
  return out;
}

bool ExecutionEngine::HasWorkingOrders(std::string_view symbol) const {
  for (const auto& [oid, t] : working_) {
    if (t->order.symbol() == symbol) return true;
  }
  return false;
}

void ExecutionEngine::Index(Tracked& t) {
  if (model::IsWorking(t.order.status())) {
    working_.insert_or_assign(t.order.client_oid(), &t);
    return;
  }
  working_.erase(t.order.client_oid());
  t.restored = false;  // settled, however it ended
  if (!model::IsDone(t.order.status()) || t.finished) return;
  t.finished = true;
  finished_.push_back(t.order.client_oid());
  // `t` is the newest finished order, never the one forgotten (the limit is >= 1).
  while (finished_.size() > std::max<std::size_t>(1, config_.finished_orders_kept)) {
    auto it = orders_.find(finished_.front());
    if (it != orders_.end() && !it->second.replacement) orders_.erase(it);
    finished_.pop_front();
  }
}

void ExecutionEngine::RememberTrade(const std::string& key) {
  if (!trade_ids_.insert(key).second) return;
  trade_order_.push_back(key);
  while (trade_order_.size() > std::max<std::size_t>(1, config_.trade_ids_kept)) {
    trade_ids_.erase(trade_order_.front());
    trade_order_.pop_front();
  }
}

core::Status ExecutionEngine::Step(Tracked& t, core::Status result, OrderStatus before) {
  if (!result.ok()) return result;
  if (t.order.status() != before) {
    Index(t);
    events_.push_back(OrderStatusChanged{t.order.client_oid(), t.order.symbol(), before,
                                         t.order.status(), t.order.venue_code(), t.order.reason(),
                                         clock_->Now()});
    AfterStatus(t);
  }
  return core::Status::Ok();
}

void ExecutionEngine::AfterStatus(Tracked& t) {
  if (model::IsDone(t.order.status())) {
    t.ambiguous = false;
  }
  if (!t.replacement) return;
  const OrderStatus s = t.order.status();
  if (s == OrderStatus::kCanceled || s == OrderStatus::kExpired) {
    OrderSpec spec = t.spec;
    if (t.replacement_price) spec.price = t.replacement_price;
    spec.size = t.replacement_size ? *t.replacement_size : t.order.remaining_quantity();
    const std::string oid = *t.replacement;
    t.replacement.reset();
    if (!spec.size.IsPositive()) {
      events_.push_back(ReplaceAbandoned{t.order.client_oid(), oid, "nothing left to replace"});
      return;
    }
    auto placed = Place(spec, oid);
    if (!placed)
      events_.push_back(ReplaceAbandoned{t.order.client_oid(), oid, placed.error().message});
  } else if (s == OrderStatus::kFilled || s == OrderStatus::kRejected) {
    events_.push_back(
        ReplaceAbandoned{t.order.client_oid(), *t.replacement,
                         std::string("old order ") + std::string(model::ToString(s))});
    t.replacement.reset();
  }
}

void ExecutionEngine::Query(Tracked& t) {
  if (t.query_in_flight) return;
  t.query_in_flight = true;
  commands_.push_back(QueryOrderCommand{t.order.symbol(), t.order.client_oid()});
}

core::Status ExecutionEngine::Cancel(const std::string& client_oid) {
  Tracked* t = Find(client_oid);
  if (!t) return core::MakeError(ErrorCode::kNotFound, "unknown clientOid " + client_oid);
  if (!model::IsWorking(t->order.status())) {
    return core::MakeError(
        ErrorCode::kFailedPrecondition,
        "order " + client_oid + " is " + std::string(model::ToString(t->order.status())));
  }
  const OrderStatus before = t->order.status();
  if (before == OrderStatus::kPendingCancel) return core::Status::Ok();  // already asked
  BGT_RETURN_IF_ERROR(Step(*t, t->order.RequestCancel(clock_->Now()), before));
  commands_.push_back(CancelOrderCommand{t->order.symbol(), client_oid});
  return core::Status::Ok();
}

core::Result<std::string> ExecutionEngine::Replace(const std::string& client_oid,
                                                   std::optional<Decimal> price,
                                                   std::optional<Decimal> size) {
  Tracked* t = Find(client_oid);
  if (!t) return core::MakeError(ErrorCode::kNotFound, "unknown clientOid " + client_oid);
  if (t->replacement) {
    return core::MakeError(ErrorCode::kFailedPrecondition,
                           "order " + client_oid + " is already being replaced");
  }
  if (size && !size->IsPositive()) return Invalid("replacement size must be positive");
  BGT_RETURN_IF_ERROR(Cancel(client_oid));
  t = Find(client_oid);
  t->replacement = oids_.Next();
  t->replacement_price = price;
  t->replacement_size = size;
  return *t->replacement;
}

// --- Venue answers -------------------------------------------------------------------------------

core::Status ExecutionEngine::OnPlaceResult(const std::string& client_oid,
                                            const core::Result<std::string>& venue_order_id) {
  Tracked* t = Find(client_oid);
  if (!t) return core::MakeError(ErrorCode::kNotFound, "unknown clientOid " + client_oid);
  const OrderStatus before = t->order.status();
  if (venue_order_id) return Step(*t, t->order.Accept(*venue_order_id, clock_->Now()), before);
  const core::Error& e = venue_order_id.error();
  if (e.code == ErrorCode::kAmbiguous) {
    t->ambiguous = true;
    Query(*t);
    return core::Status::Ok();
  }
  return Step(*t, t->order.Reject(e.venue_code, e.message, clock_->Now()), before);
}

core::Status ExecutionEngine::OnCancelResult(const std::string& client_oid,
                                             const core::Status& result) {
  Tracked* t = Find(client_oid);
  if (!t) return core::MakeError(ErrorCode::kNotFound, "unknown clientOid " + client_oid);
  const OrderStatus before = t->order.status();
  if (result.ok()) return Step(*t, t->order.Cancel(clock_->Now()), before);
  const core::Error& e = result.error();
  if (e.code != ErrorCode::kAmbiguous && before == OrderStatus::kPendingCancel) {
    // The venue refused the cancel (e.g. 40768: already filled or gone): back to working,
    // and read the order to learn what happened.
    BGT_RETURN_IF_ERROR(
        Step(*t, t->order.RejectCancel(e.venue_code, e.message, clock_->Now()), before));
  }
  if (e.code == ErrorCode::kAmbiguous || e.venue_code == kCancelNoOrderCode) Query(*t);
  return core::Status::Ok();
}

core::Status ExecutionEngine::OnQueryResult(const std::string& client_oid,
                                            const core::Result<VenueOrder>& result) {
  Tracked* t = Find(client_oid);
  if (!t) return core::MakeError(ErrorCode::kNotFound, "unknown clientOid " + client_oid);
  t->query_in_flight = false;
  if (result) {
    t->ambiguous = false;
    if (t->restored) return Settle(*t, *result);
    return OnOrderUpdate(*result);
  }
  const core::Error& e = result.error();
  if (e.code == ErrorCode::kNotFound || e.venue_code == kNotFoundCode) {
    t->ambiguous = false;
    const bool restored = std::exchange(t->restored, false);
    const OrderStatus before = t->order.status();
    const std::string code = e.venue_code.empty() ? std::string(kNotFoundCode) : e.venue_code;
    if (before == OrderStatus::kSubmitted) {
      // The venue never took the order (e.g. bgt stopped between journaling and sending it):
      // settled as rejected. The caller may place a new one (with a new clientOid); this one is
      // never resent.
      const std::string why =
          restored
              ? "never reached the venue (not found by clientOid after a restart): " + e.message
              : "not found at the venue: " + e.message;
      BGT_RETURN_IF_ERROR(Step(*t, t->order.Reject(code, why, clock_->Now()), before));
      if (restored) {
        events_.push_back(ReconcileDifference{ReconcileKind::kSettled, client_oid,
                                              "restored order never reached the venue: rejected"});
      }
      return core::Status::Ok();
    }
    if (restored && model::IsWorking(before)) {
      // Acknowledged before the restart, unknown to the venue now: it no longer works there.
      BGT_RETURN_IF_ERROR(Step(*t, t->order.Cancel(clock_->Now()), before));
      events_.push_back(ReconcileDifference{
          ReconcileKind::kSettled, client_oid,
          "restored order acknowledged before the restart, not found at the venue now: "
          "settled as canceled"});
    }
    return core::Status::Ok();
  }
  Query(*t);  // still unknown: ask again (the adapter paces its retries)
  return core::Status::Ok();
}

void ExecutionEngine::OnClosePositionResult(const ClosePositionCommand& command,
                                            const core::Status& result) {
  if (!result.ok()) {
    events_.push_back(PositionCommandFailed{command.symbol, command.hold_side,
                                            SpecKind::kClosePosition, result.error()});
  }
}

void ExecutionEngine::OnStopLossResult(const SetStopLossCommand& command,
                                       const core::Status& result) {
  if (!result.ok()) {
    events_.push_back(PositionCommandFailed{command.symbol, command.hold_side,
                                            SpecKind::kStopUpdate, result.error()});
  }
}

core::Status ExecutionEngine::Adopt(const VenueOrder& v) {
  model::OrderRequest req;
  req.client_oid = v.client_oid;
  req.symbol = v.symbol;
  req.side = v.direction;
  req.type = v.type;
  req.quantity = v.size;
  if (v.type == model::OrderType::kLimit) req.price = v.price;
  req.position_side = v.leg;
  req.reduce_only = v.reduce_only;
  req.margin_mode = v.margin_mode;
  auto order = model::Order::Create(req, clock_->Now());
  BGT_RETURN_IF_ERROR(order);
  BGT_RETURN_IF_ERROR(order->Submit(clock_->Now()));
  BGT_RETURN_IF_ERROR(order->Accept(v.venue_order_id, clock_->Now()));
  OrderSpec spec;
  spec.symbol = v.symbol;
  spec.direction = v.direction;
  spec.leg = v.leg;
  spec.closing = v.reduce_only;
  spec.type = v.type;
  spec.size = v.size;
  spec.price = req.price;
  Index(orders_.emplace(v.client_oid, Tracked(std::move(*order), spec)).first->second);
  return core::Status::Ok();
}

core::Status ExecutionEngine::OnOrderUpdate(const VenueOrder& v) {
  Tracked* t = Find(v.client_oid);
  if (!t) {
    if (v.client_oid.empty() ||
        !(v.state == VenueOrderState::kLive || v.state == VenueOrderState::kPartiallyFilled)) {
      return core::Status::Ok();  // not ours and no longer working: nothing to track
    }
    BGT_RETURN_IF_ERROR(Adopt(v));
    ReconcileDifference d{ReconcileKind::kAdopted, v.client_oid, "open at the venue, adopted"};
    events_.push_back(d);
    return core::Status::Ok();
  }
  OrderStatus before = t->order.status();
  if (before == OrderStatus::kSubmitted || before == OrderStatus::kAccepted ||
      before == OrderStatus::kPartiallyFilled || before == OrderStatus::kPendingCancel ||
      before == OrderStatus::kFilled || before == OrderStatus::kCanceled) {
    BGT_RETURN_IF_ERROR(Step(*t, t->order.Accept(v.venue_order_id, clock_->Now()), before));
  }
  if (v.state == VenueOrderState::kCanceled) {
    before = t->order.status();
    if (before != OrderStatus::kCanceled) {
      return Step(*t, t->order.Cancel(clock_->Now()), before);
    }
  }
  return core::Status::Ok();
}

FillDisposition ExecutionEngine::OnFill(const model::Fill& fill) {
  const std::string key = TradeKey(fill);
  if (trade_ids_.contains(key)) return FillDisposition::kDuplicate;
  Tracked* t = Find(fill.client_oid);
  if (!t) {
    RememberTrade(key);
    events_.push_back(ExternalFill{fill});
    return FillDisposition::kExternal;
  }
  const OrderStatus before = t->order.status();
  auto applied = t->order.ApplyFill(fill);
  if (!applied) {
    events_.push_back(FillConflict{fill, applied.error()});
    return FillDisposition::kConflict;
  }
  RememberTrade(key);
  if (*applied == model::FillOutcome::kDuplicate) return FillDisposition::kDuplicate;
  (void)Step(*t, core::Status::Ok(), before);
  return FillDisposition::kApplied;
}

std::vector<ReconcileDifference> ExecutionEngine::Reconcile(const VenueState& venue) {
  std::vector<ReconcileDifference> diffs;
  for (const model::Fill& f : venue.fills) {
    const FillDisposition d = OnFill(f);
    if (d == FillDisposition::kApplied || d == FillDisposition::kExternal) {
      diffs.push_back({ReconcileKind::kMissedFill, f.client_oid, "trade " + f.trade_id});
    }
  }
  std::set<std::string> open;
  for (const VenueOrder& v : venue.open_orders) {
    open.insert(v.client_oid);
    Tracked* t = Find(v.client_oid);
    if (!t) {
      if (Adopt(v).ok())
        diffs.push_back({ReconcileKind::kAdopted, v.client_oid, "open at the venue"});
      continue;
    }
    if (model::IsDone(t->order.status())) {
      diffs.push_back({ReconcileKind::kStateMismatch, v.client_oid,
                       std::string("locally ") + std::string(model::ToString(t->order.status())) +
                           ", open at the venue"});
      Query(*t);
      continue;
    }
    if (std::exchange(t->restored, false) && t->order.status() == OrderStatus::kPendingCancel) {
      // Open at the venue: tracked as it is. A cancel asked for before the restart may never
      // have left; a cancel is safe to repeat (an order, never).
      commands_.push_back(CancelOrderCommand{t->order.symbol(), v.client_oid});
      diffs.push_back({ReconcileKind::kStateMismatch, v.client_oid,
                       "restored with a cancel in flight, still open at the venue: cancel sent "
                       "again"});
    }
    (void)OnOrderUpdate(v);
    if (v.filled > t->order.filled_quantity()) {
      diffs.push_back({ReconcileKind::kStateMismatch, v.client_oid,
                       "filled " + v.filled.ToString() + " at the venue, " +
                           t->order.filled_quantity().ToString() +
                           " known locally: waiting for the venue's fills"});
    }
  }
  for (auto& [oid, t] : working_) {  // O(working orders): Query changes no status
    if (!open.contains(oid)) {
      diffs.push_back({ReconcileKind::kMissingAtVenue, oid,
                       t->restored ? "restored from the journal, not open at the venue: "
                                     "queried by clientOid"
                                   : "working locally, not open at the venue"});
      Query(*t);
    }
  }
  for (const ReconcileDifference& d : diffs) events_.push_back(d);
  return diffs;
}

std::vector<Command> ExecutionEngine::TakeCommands() { return std::exchange(commands_, {}); }
std::vector<ExecutionEvent> ExecutionEngine::TakeEvents() { return std::exchange(events_, {}); }

}  // namespace bgt::execution
