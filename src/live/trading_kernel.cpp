#include "live/trading_kernel.h"

#include <utility>

#include "execution/intent.h"
#include "model/precision.h"

namespace bgt::live {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

std::string Leg(model::PositionSide leg) { return std::string(model::ToString(leg)); }

store::FillRecord FillRecordOf(const model::Fill& fill) {
  store::FillRecord record;
  record.trade_id = fill.trade_id;
  record.order_id = fill.venue_order_id;
  record.client_oid = fill.client_oid;
  record.symbol = fill.symbol;
  record.side = std::string(model::ToString(fill.side));
  record.leg = Leg(fill.position_side);
  record.price = fill.price;
  record.size = fill.quantity;
  record.fee = fill.fee;
  record.fee_coin = fill.fee_coin;
  record.ts = fill.ts;
  return record;
}

strategy::OrderEvent::Kind KindOf(model::OrderStatus status) {
  switch (status) {
    case model::OrderStatus::kPartiallyFilled:
      return strategy::OrderEvent::Kind::kPartiallyFilled;
    case model::OrderStatus::kFilled:
      return strategy::OrderEvent::Kind::kFilled;
    case model::OrderStatus::kCanceled:
    case model::OrderStatus::kExpired:
      return strategy::OrderEvent::Kind::kCanceled;
    case model::OrderStatus::kRejected:
    case model::OrderStatus::kDenied:
      return strategy::OrderEvent::Kind::kRejected;
    default:
      return strategy::OrderEvent::Kind::kAccepted;
  }
}

}  // namespace

core::Result<std::unique_ptr<TradingKernel>> TradingKernel::Create(core::Clock& clock,
                                                                   KernelConfig config,
                                                                   JournalSink journal) {
  auto risk = risk::RiskEngine::Create(clock, config.risk);
  if (!risk) return risk.error();
  auto engine = execution::ExecutionEngine::Create(clock, config.execution);
  if (!engine) return engine.error();
  if (!journal) journal = [](store::JournalRecord) {};
  return std::unique_ptr<TradingKernel>(
      new TradingKernel(clock, std::move(config), std::move(journal),
                        std::make_unique<risk::RiskEngine>(std::move(*risk)),
                        std::make_unique<execution::ExecutionEngine>(std::move(*engine))));
}

TradingKernel::TradingKernel(core::Clock& clock, KernelConfig config, JournalSink journal,
                             std::unique_ptr<risk::RiskEngine> risk,
                             std::unique_ptr<execution::ExecutionEngine> engine)
    : clock_(clock),
      config_(std::move(config)),
      journal_(std::move(journal)),
      risk_(std::move(risk)),
      engine_(std::move(engine)) {
  portfolio_.OnTransfer(config_.starting_balance);
  stats_.equity = config_.starting_balance;
  stats_.equity_peak = config_.starting_balance;
}

TradingKernel::~TradingKernel() = default;

void TradingKernel::AddInstrument(const model::Instrument& instrument) {
  instruments_.insert_or_assign(instrument.symbol(), instrument);
  for (Running& r : strategies_) r.market->SetInstrument(instrument);
}

void TradingKernel::AddStrategy(std::unique_ptr<strategy::Strategy> strategy, std::string id) {
  Running running;
  running.market = std::make_unique<strategy::MarketView>();
  running.positions = std::make_unique<strategy::PositionBook>();
  for (const auto& [symbol, instrument] : instruments_) running.market->SetInstrument(instrument);
  running.runner = std::make_unique<strategy::StrategyRunner>(*strategy, std::move(id), clock_,
                                                              *running.market, *running.positions);
  running.strategy = std::move(strategy);
  strategies_.push_back(std::move(running));
}

void TradingKernel::OnCandleClosed(const std::string& symbol, const model::Candle& candle) {
  last_candles_.insert_or_assign(symbol, candle);
  for (Running& r : strategies_) {
    if (core::Status status = r.runner->OnCandleClosed(symbol, candle); !status) {
      Event("data", symbol, "candle refused: " + status.error().message);
    }
  }
  DrainIntents();
}

void TradingKernel::WarmUp(const std::string& symbol, const model::Candle& candle) {
  last_candles_.insert_or_assign(symbol, candle);
  for (Running& r : strategies_) {
    (void)r.runner->OnCandleClosed(symbol, candle);  // a refused bar is just not seen
    (void)r.runner->TakeIntents();
  }
}

void TradingKernel::FinishWarmUp() {
  for (const auto& [symbol, instrument] : instruments_) {
    const execution::SymbolPosition held = PositionOf(symbol);
    if (held.net.IsZero() && held.long_qty.IsZero() && held.short_qty.IsZero()) {
      NotCarriedOut(symbol, "warm-up: intents before trading started are not carried out");
    }
  }
}

void TradingKernel::NotCarriedOut(const std::string& symbol, const std::string& why) {
  strategy::OrderEvent event;
  event.kind = strategy::OrderEvent::Kind::kRejected;
  event.symbol = symbol;
  event.message = why;
  event.ts = clock_.Now();
  for (Running& r : strategies_) r.runner->OnOrderEvent(event);
}

void TradingKernel::OnTicker(const model::Ticker& ticker) {
  tickers_.insert_or_assign(ticker.symbol, ticker);
  if (ticker.mark_price.IsPositive()) {
    (void)portfolio_.SetMark(ticker.symbol, ticker.mark_price);
  }
  for (Running& r : strategies_) r.runner->OnTicker(ticker);
  if (!ticker.funding_rate.IsZero() || ticker.next_funding_time) {
    strategy::FundingEvent funding{ticker.symbol, ticker.funding_rate, ticker.next_funding_time,
                                   ticker.ts};
    for (Running& r : strategies_) r.runner->OnFunding(funding);
  }
  UpdateRisk();
  DrainIntents();
}

void TradingKernel::OnBook(const strategy::TopOfBook& book) {
  if (!book.bid.IsPositive() || !book.ask.IsPositive() || book.ask <= book.bid) {
    Event("data", book.symbol,
          "book top refused: bid " + book.bid.ToString() + ", ask " + book.ask.ToString());
    return;
  }
  const core::Decimal sum = book.bid + book.ask;
  auto mid =
      core::Decimal::Div(sum, core::Decimal::FromInt(2), sum.scale() + 1, core::Rounding::kHalfUp);
  if (mid) book_mids_.insert_or_assign(book.symbol, *mid);
  for (Running& r : strategies_) r.runner->OnBook(book);
  DrainIntents();
}

bool TradingKernel::Busy(const std::string& symbol) const {
  return engine_->HasWorkingOrders(symbol);
}

std::optional<core::Decimal> TradingKernel::Reference(const std::string& symbol) const {
  if (auto t = tickers_.find(symbol); t != tickers_.end()) {
    if (t->second.mark_price.IsPositive()) return t->second.mark_price;
    if (t->second.last_price.IsPositive()) return t->second.last_price;
  }
  if (auto b = book_mids_.find(symbol); b != book_mids_.end()) return b->second;
  if (auto c = last_candles_.find(symbol);
      c != last_candles_.end() && c->second.close.IsPositive()) {
    return c->second.close;
  }
  return std::nullopt;
}

core::Decimal TradingKernel::SizeRoom(const model::Instrument& instrument,
                                      const core::Decimal& price) const {
  if (!price.IsPositive()) return core::Decimal();
  const core::Decimal symbol_notional =
      portfolio_.Notional(instrument.symbol()).value_or(config_.risk.max_symbol_notional);
  const core::Decimal total_notional =
      portfolio_.Notional().value_or(config_.risk.max_total_notional);
  core::Decimal room = config_.risk.max_symbol_notional - symbol_notional;
  const core::Decimal total_room = config_.risk.max_total_notional - total_notional;
  if (total_room < room) room = total_room;
  if (!room.IsPositive()) return core::Decimal();
  auto size = core::Decimal::Div(room, price, 12, core::Rounding::kDown);
  if (!size) return core::Decimal();
  auto rounded = model::RoundSizeSafe(instrument, *size);
  return rounded ? *rounded : core::Decimal();
}

execution::SymbolPosition TradingKernel::PositionOf(const std::string& symbol) const {
  execution::SymbolPosition position;
  for (const portfolio::PositionSummary& p : portfolio_.Positions()) {
    if (p.symbol != symbol) continue;
    switch (p.leg) {
      case model::PositionSide::kNet:
        position.net = p.quantity;
        break;
      case model::PositionSide::kLong:
        position.long_qty = p.quantity;
        break;
      case model::PositionSide::kShort:
        position.short_qty = p.quantity;
        break;
    }
  }
  return position;
}

risk::AccountState TradingKernel::Account() const {
  risk::AccountState account;
  account.equity = portfolio_.Equity().value_or(portfolio_.balance());
  for (const portfolio::PositionSummary& p : portfolio_.Positions()) {
    if (p.quantity.IsZero()) continue;
    risk::PositionExposure exposure;
    exposure.symbol = p.symbol;
    exposure.leg = p.leg;
    exposure.quantity = p.quantity;
    exposure.mark = p.mark.value_or(core::Decimal());
    if (!exposure.mark.IsPositive()) {
      if (auto reference = Reference(p.symbol)) exposure.mark = *reference;
    }
    if (exposure.mark.IsPositive()) account.positions.push_back(std::move(exposure));
  }
  return account;
}

void TradingKernel::EnsureSetup(const std::string& symbol) {
  if (set_up_.contains(symbol)) return;
  set_up_[symbol] = true;
  if (core::Status status = engine_->SetupSymbol(symbol, config_.setup); !status) {
    Event("execution", symbol, "set-up refused locally: " + status.error().message);
  }
}

void TradingKernel::DrainIntents() {
  for (Running& r : strategies_) {
    for (const strategy::Intent& intent : r.runner->TakeIntents()) Handle(intent);
  }
  DrainEvents();
}

void TradingKernel::Handle(const strategy::Intent& intent) {
  const std::string& symbol = strategy::SymbolOf(intent.body);
  const std::string kind(strategy::KindOf(intent.body));
  auto instrument = instruments_.find(symbol);
  if (instrument == instruments_.end()) {
    Event("strategy", symbol, intent.strategy_id + " " + kind + " ignored: symbol not traded");
    return;
  }
  const auto reference = Reference(symbol);
  if (!reference) {
    Event("strategy", symbol, intent.strategy_id + " " + kind + " ignored: no price yet");
    return;
  }
  const bool opening = std::holds_alternative<strategy::Entry>(intent.body) ||
                       std::holds_alternative<strategy::TargetPosition>(intent.body);
  if (opening && Busy(symbol)) {
    Event("strategy", symbol, intent.strategy_id + " " + kind + " skipped: orders in flight");
    NotCarriedOut(symbol, kind + " skipped: orders in flight");
    return;
  }
  execution::SizedIntent sized;
  sized.body = intent.body;
  sized.type = model::OrderType::kMarket;
  if (const auto* entry = std::get_if<strategy::Entry>(&intent.body)) {
    const execution::SymbolPosition held = PositionOf(symbol);
    if (!held.net.IsZero() || !held.long_qty.IsZero() || !held.short_qty.IsZero()) {
      Event("strategy", symbol, intent.strategy_id + " entry skipped: already in a position");
      return;
    }
    const core::Decimal equity = portfolio_.Equity().value_or(portfolio_.balance());
    auto sizing = risk_->SizeEntry(instrument->second, equity, *reference, entry->stop,
                                   model::OrderType::kMarket);
    if (const auto* refusal = std::get_if<risk::Refusal>(&sizing)) {
      ++stats_.orders_denied;
      DrainEvents();
      NotCarriedOut(symbol, "entry denied by risk: " + refusal->message);
      return;
    }
    sized.size = std::get<risk::Sizing>(sizing).size;
    // Risk sizing answers "how much may this stop lose"; the notional caps may allow less.
    // Take the smaller, so an entry is resized rather than refused (the check below still runs).
    const core::Decimal room = SizeRoom(instrument->second, *reference);
    if (room < sized.size) {
      if (room.IsZero()) {
        Event("risk", symbol, intent.strategy_id + " entry skipped: no notional room left");
        NotCarriedOut(symbol, "entry skipped: no notional room left");
        return;
      }
      Event("risk", symbol,
            intent.strategy_id + " entry resized to the notional caps: " + sized.size.ToString() +
                " -> " + room.ToString());
      sized.size = room;
    }
  } else if (const auto* target = std::get_if<strategy::TargetPosition>(&intent.body)) {
    const core::Decimal equity = portfolio_.Equity().value_or(portfolio_.balance());
    auto resolved = execution::ResolveTarget(*target, instrument->second, equity, *reference);
    if (!resolved) {
      Event("strategy", symbol, "target refused: " + resolved.error().message);
      return;
    }
    sized.size = *resolved;
  }
  if (std::holds_alternative<strategy::StopUpdate>(intent.body) ||
      std::holds_alternative<strategy::Exit>(intent.body)) {
    const execution::SymbolPosition held = PositionOf(symbol);
    if (held.net.IsZero() && held.long_qty.IsZero() && held.short_qty.IsZero()) {
      return;  // nothing to protect or close (the strategy's entry never filled)
    }
  }
  auto specs = execution::PlanIntent(sized, instrument->second, engine_->position_mode(),
                                     PositionOf(symbol), *reference);
  if (!specs) {
    Event("strategy", symbol, intent.strategy_id + " " + kind + ": " + specs.error().message);
    return;
  }
  SubmitSpecs(*specs, intent.strategy_id + " " + kind);
}

void TradingKernel::SubmitSpecs(const std::vector<execution::OrderSpec>& specs,
                                const std::string& why) {
  for (const execution::OrderSpec& spec : specs) {
    auto instrument = instruments_.find(spec.symbol);
    if (instrument == instruments_.end()) continue;
    EnsureSetup(spec.symbol);
    if (spec.kind == execution::SpecKind::kOrder) {
      risk::OrderCheck check;
      check.instrument = &instrument->second;
      check.direction = spec.direction;
      check.leg = spec.leg;
      check.type = spec.type;
      check.size = spec.size;
      check.price = spec.price;
      check.reference_price = Reference(spec.symbol).value_or(core::Decimal());
      check.reduce_only = spec.closing;
      check.leverage = config_.setup.leverage;
      if (auto refusal = risk_->CheckOrder(check, Account())) {
        ++stats_.orders_denied;
        NotCarriedOut(spec.symbol, "order denied by risk: " + refusal->message);
        continue;  // the OrderDenied event is journaled by DrainEvents
      }
    }
    auto submitted = engine_->Submit(spec);
    if (!submitted) {
      Event("execution", spec.symbol, why + ": not submitted: " + submitted.error().message);
      continue;
    }
    ++(spec.kind == execution::SpecKind::kStopUpdate ? stats_.stop_updates
                                                     : stats_.orders_submitted);
    std::string what;
    switch (spec.kind) {
      case execution::SpecKind::kOrder:
        what = std::string(model::ToString(spec.direction)) + " " + spec.size.ToString() +
               (spec.closing ? " (close)" : "") + " as " + *submitted;
        break;
      case execution::SpecKind::kClosePosition:
        what = "close the " + Leg(execution::HoldSide(spec)) + " position";
        break;
      case execution::SpecKind::kStopUpdate:
        what = "stop-loss to " + (spec.stop_loss ? spec.stop_loss->ToString() : std::string("?"));
        break;
    }
    Event("order", spec.symbol, why + ": " + what);
  }
}

void TradingKernel::AfterVenueAnswer() { DrainEvents(); }

void TradingKernel::OnOrderUpdate(const execution::VenueOrder& update) {
  if (core::Status status = engine_->OnOrderUpdate(update); !status) {
    Event("execution", update.symbol, "order update refused: " + status.error().message);
  }
  DrainEvents();
}

void TradingKernel::OnFill(const model::Fill& fill) {
  const execution::FillDisposition disposition = engine_->OnFill(fill);
  if (disposition == execution::FillDisposition::kDuplicate ||
      disposition == execution::FillDisposition::kConflict) {
    DrainEvents();  // a conflict is reported as an event and not counted anywhere
    return;
  }
  auto applied = portfolio_.OnFill(fill);
  if (!applied) {
    Event("portfolio", fill.symbol,
          "fill " + fill.trade_id + " refused: " + applied.error().message);
    DrainEvents();
    return;
  }
  if (*applied == model::FillOutcome::kDuplicate) {
    DrainEvents();
    return;
  }
  ++stats_.fills;
  journal_(FillRecordOf(fill));

  // Round trips: opened when the symbol goes from flat to a position, closed when flat again.
  const execution::SymbolPosition now = PositionOf(fill.symbol);
  const bool flat = now.net.IsZero() && now.long_qty.IsZero() && now.short_qty.IsZero();
  auto open = open_trades_.find(fill.symbol);
  if (open == open_trades_.end() && !flat) {
    // The fill that opened it already moved fees; count them into the trade.
    open_trades_[fill.symbol] = {portfolio_.realized_pnl(), portfolio_.fees() - fill.fee};
  } else if (open != open_trades_.end() && flat) {
    const core::Decimal result = (portfolio_.realized_pnl() - open->second.realized_at_open) +
                                 (portfolio_.fees() - open->second.fees_at_open);
    ++stats_.round_trips;
    if (result.IsPositive()) ++stats_.winning_round_trips;
    Event("trade", fill.symbol, "round trip closed, result " + result.ToString() + " USDT");
    open_trades_.erase(open);
  }
  UpdatePositionViews(fill.symbol);
  UpdateRisk();
  DrainEvents();
  DrainIntents();
}

void TradingKernel::OnPositions(const std::vector<portfolio::PositionSnapshot>& positions) {
  const std::vector<portfolio::Difference> differences = portfolio_.ApplyPositions(positions);
  for (const portfolio::FundingPayment& f : portfolio_.TakeSnapshotFunding()) {
    Event("funding", f.symbol,
          (f.amount.IsNegative() ? "paid " : "received ") + f.amount.Abs().ToString() +
              " USDT on the " + Leg(f.leg) + " position");
  }
  for (const portfolio::Difference& d : differences) {
    const char* what = d.kind == portfolio::DiffKind::kQuantity        ? "quantity"
                       : d.kind == portfolio::DiffKind::kEntryNotional ? "entry value"
                                                                       : "balance";
    Event("reconcile", d.symbol,
          std::string(what) + " of the " + Leg(d.leg) + " position: local " + d.local.ToString() +
              ", venue " + d.venue.ToString() + " (venue kept)");
  }
  for (const portfolio::PositionSnapshot& p : positions) {
    store::PositionRecord record;
    record.ts = clock_.Now();
    record.symbol = p.symbol;
    record.leg = Leg(p.leg);
    record.size = p.quantity;
    record.source = "venue";
    journal_(record);
    UpdatePositionViews(p.symbol);
  }
  UpdateRisk();
  DrainIntents();
}

core::Status TradingKernel::Restore(std::vector<execution::RestoredOrder> orders) {
  const std::size_t count = orders.size();
  if (core::Status status = engine_->Restore(std::move(orders)); !status) {
    Event("reconcile", "", "journal orders not restored: " + status.error().message);
    return status;
  }
  if (count > 0) {
    Event("reconcile", "",
          "restored " + std::to_string(count) +
              " unfinished order(s) from the journal; the venue settles them");
  }
  DrainEvents();
  return core::Status::Ok();
}

std::vector<execution::ReconcileDifference> TradingKernel::Reconcile(
    const execution::VenueState& venue) {
  // The differences are emitted as events too (journaled by DrainEvents).
  std::vector<execution::ReconcileDifference> differences = engine_->Reconcile(venue);
  // The venue's fills settle orders in the engine only: the balance the kernel started from
  // already holds their PnL and fees, and the position snapshot (OnPositions) their sizes. They
  // are journaled, though: a fill a crash kept out of the journal is recorded now (the journal
  // keeps one row per trade id, so known fills are not duplicated).
  for (const model::Fill& fill : venue.fills) journal_(FillRecordOf(fill));
  DrainEvents();
  return differences;
}

void TradingKernel::Flatten(const std::string& reason) {
  ++stats_.flattens;
  risk_->KillSwitch(reason);
  DrainEvents();
}

void TradingKernel::UpdatePositionViews(const std::string& symbol) {
  strategy::PositionView view;
  view.symbol = symbol;
  view.ts = clock_.Now();
  core::Decimal notional;
  for (const portfolio::PositionSummary& p : portfolio_.Positions()) {
    if (p.symbol != symbol) continue;
    view.quantity = view.quantity + p.quantity;
    notional = notional + p.entry_notional;
  }
  if (!view.quantity.IsZero()) {
    auto entry = core::Decimal::Div(notional, view.quantity.Abs(), 8, core::Rounding::kHalfUp);
    if (entry) view.entry_price = *entry;
  }
  for (Running& r : strategies_) {
    r.positions->Set(view);
    r.runner->OnPositionChanged(view);
  }
}

void TradingKernel::UpdateRisk() {
  const risk::AccountState account = Account();
  risk_->OnAccount(account);
  stats_.equity = account.equity;
  stats_.realized_pnl = portfolio_.realized_pnl();
  stats_.fees = portfolio_.fees();
  stats_.funding = portfolio_.funding();
  if (account.equity > stats_.equity_peak) stats_.equity_peak = account.equity;
  if (stats_.equity_peak.IsPositive()) {
    auto drawdown = core::Decimal::Div(stats_.equity_peak - account.equity, stats_.equity_peak, 6,
                                       core::Rounding::kHalfUp);
    if (drawdown && *drawdown > stats_.max_drawdown) stats_.max_drawdown = *drawdown;
  }
  DrainEvents();
}

void TradingKernel::DrainEvents() {
  for (const risk::RiskEvent& event : risk_->TakeEvents()) {
    ++stats_.risk_events;
    std::visit(Overloaded{
                   [&](const risk::OrderDenied& e) {
                     Event("risk", e.refusal.symbol,
                           "denied (" + std::string(risk::ToString(e.refusal.reason)) +
                               "): " + e.refusal.message);
                   },
                   [&](const risk::StateChanged& e) {
                     Event("risk", "",
                           std::string(risk::ToString(e.from)) + " -> " +
                               std::string(risk::ToString(e.to)) + ": " + e.message);
                   },
                   [&](const risk::FlattenRequested& e) {
                     Event("risk", e.symbol.value_or(""), "flatten requested: " + e.message);
                     for (const model::Order* order : engine_->WorkingOrders()) {
                       if (!e.symbol || order->symbol() == *e.symbol) {
                         (void)engine_->Cancel(order->client_oid());
                       }
                     }
                     for (const auto& [symbol, instrument] : instruments_) {
                       if (e.symbol && symbol != *e.symbol) continue;
                       const execution::SymbolPosition held = PositionOf(symbol);
                       if (held.net.IsZero() && held.long_qty.IsZero() && held.short_qty.IsZero()) {
                         continue;
                       }
                       execution::SizedIntent exit;
                       exit.body = strategy::Exit{symbol, "flatten: " + e.message};
                       auto specs = execution::PlanIntent(
                           exit, instrument, engine_->position_mode(), held,
                           Reference(symbol).value_or(core::Decimal::FromInt(1)));
                       if (specs) SubmitSpecs(*specs, "flatten");
                     }
                   },
               },
               event);
  }
  for (const execution::ExecutionEvent& event : engine_->TakeEvents()) {
    std::visit(
        Overloaded{
            [&](const execution::OrderStatusChanged& e) {
              if (e.to == model::OrderStatus::kRejected) ++stats_.orders_rejected;
              if (const model::Order* order = engine_->FindOrder(e.client_oid)) {
                store::OrderRecord record;
                const model::OrderRequest& r = order->request();
                record.client_oid = r.client_oid;
                record.order_id = order->venue_order_id();
                record.symbol = r.symbol;
                record.side = std::string(model::ToString(r.side));
                record.leg = Leg(r.position_side);
                record.order_type = std::string(model::ToString(r.type));
                record.time_in_force = std::string(model::ToString(r.time_in_force));
                record.price = r.price;
                record.size = r.quantity;
                record.filled = order->filled_quantity();
                record.status = std::string(model::ToString(e.to));
                record.reduce_only = r.reduce_only;
                record.created = order->submitted_at().value_or(e.ts);
                record.updated = e.ts;
                record.note = e.venue_code.empty() ? e.message : e.venue_code + " " + e.message;
                journal_(record);
                strategy::OrderEvent out;
                out.kind = KindOf(e.to);
                out.symbol = e.symbol;
                out.client_oid = e.client_oid;
                out.side = r.side;
                out.price = r.price.value_or(core::Decimal());
                out.quantity = r.quantity;
                out.message = e.message;
                out.ts = e.ts;
                for (Running& run : strategies_) run.runner->OnOrderEvent(out);
              }
            },
            [&](const execution::SetupRefused& e) {
              Event("execution", e.symbol,
                    "set-up refused: " + e.error.message + "; kept " + e.kept);
            },
            [&](const execution::ExternalFill& e) {
              Event("execution", e.fill.symbol,
                    "fill of an order bgt did not place: " + e.fill.trade_id);
            },
            [&](const execution::FillConflict& e) {
              Event("execution", e.fill.symbol,
                    "fill " + e.fill.trade_id + " refused: " + e.error.message);
            },
            [&](const execution::ReplaceAbandoned& e) {
              Event("execution", "", "replace " + e.old_client_oid + " abandoned: " + e.reason);
            },
            [&](const execution::PositionCommandFailed& e) {
              Event("execution", e.symbol, "position command failed: " + e.error.message);
            },
            [&](const execution::ReconcileDifference& e) {
              Event("reconcile", "", e.client_oid + ": " + e.detail);
            },
        },
        event);
  }
}

void TradingKernel::Event(const std::string& kind, const std::string& symbol,
                          const std::string& message) {
  journal_(store::EventRecord{clock_.Now(), kind, symbol, message, ""});
}

}  // namespace bgt::live
