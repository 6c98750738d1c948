// The node's start: REST clients, pair selection, the venue and the journal reconciled,
// adopted positions, the kernel built and warmed up, the streams subscribed, the threads started.
#include "live/node.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "bitget/endpoints.h"
#include "live/flatten.h"
#include "live/journal_restore.h"
#include "live/node_impl.h"
#include "live/universe_inputs.h"

namespace bgt::live {

using node_internal::ToSnapshot;

namespace node_internal {

portfolio::PositionSnapshot ToSnapshot(const std::string& symbol, model::PositionSide side,
                                       const core::Decimal& quantity,
                                       const std::optional<core::Decimal>& entry_price,
                                       const std::optional<core::Decimal>& liquidation,
                                       const std::optional<core::Decimal>& funding,
                                       model::PositionMode mode) {
  portfolio::PositionSnapshot s;
  s.symbol = symbol;
  const bool is_short = side == model::PositionSide::kShort;
  s.leg = mode == model::PositionMode::kHedge ? side : model::PositionSide::kNet;
  s.quantity = is_short ? -quantity : quantity;
  if (entry_price) s.entry_notional = (*entry_price * quantity).Abs();
  s.entry_price = entry_price;
  s.liquidation_price = liquidation;
  s.funding = funding;  // the venue's accumulated funding: the node's only funding source
  return s;
}

}  // namespace node_internal

core::Status Node::Impl::ConnectRest() {
  bitget::ConfigureRateLimits(limiter_, bitget::ApiGeneration::kV2Classic);
  bitget::EncodeContext context;
  context.product_type = options_.product_type;
  context.margin_coin = options_.margin_coin;
  auto client = [&](const std::string& url, const bitget::Credentials& credentials)
      -> core::Result<std::unique_ptr<bitget::RestClient>> {
    net::HttpClientOptions http;
    http.base_url = url;
    auto transport = bitget::HttpClientTransport::Create(http);
    if (!transport) return transport.error();
    bitget::RestClientOptions rest_options;
    rest_options.demo_trading = options_.demo_trading;
    return std::make_unique<bitget::RestClient>(rest_options, std::move(*transport), limiter_,
                                                waiter_, credentials);
  };
  auto trading = client(options_.rest_url, options_.credentials);
  if (!trading) return trading.error();
  rest_ = std::move(*trading);
  clock_sync_ = std::make_unique<bitget::ClockSync>(clock_, bitget::RestServerTime(*rest_));
  if (core::Status measured = clock_sync_->Measure(); !measured) return measured;
  rest_->AttachClockSync(clock_sync_.get());
  api_ = std::make_unique<bitget::BitgetApi>(*rest_, context);
  market_api_ = api_.get();
  if (!options_.market_rest_url.empty() && options_.market_rest_url != options_.rest_url) {
    auto market = client(options_.market_rest_url, bitget::Credentials{});
    if (!market) return market.error();
    market_rest_ = std::move(*market);
    market_api_own_ = std::make_unique<bitget::BitgetApi>(*market_rest_, context);
    market_api_ = market_api_own_.get();
  }
  return core::Status::Ok();
}

std::set<std::string> Node::Impl::OwnSymbols(const std::vector<model::Fill>& recent_fills,
                                             const store::Journal* past) const {
  std::set<std::string> own;
  const std::string prefix = "bgt";
  for (const model::Fill& fill : recent_fills) {
    if (fill.client_oid.rfind(prefix, 0) == 0) own.insert(fill.symbol);
  }
  if (past == nullptr) return own;
  store::JournalQuery query;
  query.limit = 10'000;
  auto positions = past->Positions(query);
  if (!positions) return own;
  std::set<std::pair<std::string, std::string>> seen;  // newest record per (symbol, leg)
  for (const store::PositionRecord& p : *positions) {
    if (!seen.insert({p.symbol, p.leg}).second) continue;
    if (!p.size.IsZero()) own.insert(p.symbol);
  }
  return own;
}

void Node::Impl::DropLeftAlone(execution::VenueState& venue) const {
  if (left_alone_.empty()) return;
  std::erase_if(venue.open_orders, [this](const execution::VenueOrder& order) {
    return left_alone_.contains(order.symbol);
  });
  std::erase_if(venue.fills,
                [this](const model::Fill& fill) { return left_alone_.contains(fill.symbol); });
}

core::Status Node::Impl::Connect(const Node::StrategyFactory& make_strategies) {
  if (core::Status rest = ConnectRest(); !rest) return rest;
  started_at_ = clock_.Now();

  if (options_.symbols.empty()) {
    auto selected = SelectUniverse(*market_api_, options_.universe, clock_.Now());
    if (!selected) return selected.error();
    options_.symbols = selected->members;
    if (options_.status_out != nullptr) {
      *options_.status_out << "pair selection: " << selected->members.size() << " of "
                           << selected->verdicts.size() << " contracts selected\n";
      for (const market::SymbolVerdict& v : selected->verdicts) {
        if (v.decision == market::UniverseDecision::kDropped) continue;
        *options_.status_out << "  #" << v.rank << " " << v.symbol << " ("
                             << market::ToString(v.decision) << ", score " << v.score << ")\n";
      }
    }
    if (options_.symbols.empty()) {
      return core::MakeError(core::ErrorCode::kFailedPrecondition,
                             "pair selection kept no symbol; relax [universe] or pass --symbols");
    }
  }
  auto contracts = market_api_->GetContracts({});
  if (!contracts) return contracts.error();
  auto instrument_of = [&](const std::string& symbol) -> core::Result<model::Instrument> {
    for (const model::ContractRow& row : *contracts) {
      if (row.symbol == symbol) return model::Instrument::FromContractRow(row);
    }
    return core::MakeError(core::ErrorCode::kNotFound, "the venue lists no contract " + symbol);
  };

  bitget::AccountQuery account_query;
  account_query.symbol = options_.symbols.front();
  auto account = api_->GetAccount(account_query);
  if (!account) return account.error();
  if (account->pos_mode) position_mode_ = *account->pos_mode;
  starting_equity_ = account->account_equity;
  adapter_ = std::make_unique<VenueAdapter>(*api_, position_mode_);

  // The venue as it is, before trading: open orders, recent fills, positions. A position bgt
  // did not open (neither its journal nor a bgt fill of the last 24 h accounts for it) is
  // adopted: managed, or left alone with its symbol taken out of trading.
  auto venue = adapter_->ReadVenueState(options_.symbols, clock_.Now() - std::chrono::hours(24));
  if (!venue) return venue.error();
  auto positions = api_->GetPositions({});
  if (!positions) return positions.error();
  // Plan orders (triggers, trailing, TP/SL) are the venue's to run; each is reported so the
  // journal shows what else can open or close a position.
  std::vector<std::string> plan_notes;
  std::vector<core::Error> plan_errors;
  const std::vector<bitget::PlanOrderInfo> plans = ReadPlanOrders(*api_, plan_errors);
  if (!plan_errors.empty()) return plan_errors.front();
  for (const bitget::PlanOrderInfo& plan : plans) {
    plan_notes.push_back(
        "plan order on the venue: " + plan.symbol + " " +
        std::string(bitget::ToString(plan.plan_type)) +
        (plan.trigger_price ? " trigger " + plan.trigger_price->ToString() : std::string()) + " (" +
        (plan.client_oid.empty() ? plan.order_id : plan.client_oid) + ")");
  }
  notes_.insert(notes_.end(), plan_notes.begin(), plan_notes.end());
  // The journal of earlier runs, read once: who opened the positions, which orders were left
  // unfinished.
  std::unique_ptr<store::Journal> past;
  if (!options_.journal_path.empty() && std::filesystem::exists(options_.journal_path)) {
    auto journal = store::Journal::Open(options_.journal_path);
    if (!journal) return journal.error();
    past = std::move(*journal);
  }
  const std::set<std::string> own = OwnSymbols(venue->fills, past.get());
  std::vector<std::string> adopted;  // managed adopted symbols outside the traded set
  for (const bitget::PositionInfo& p : *positions) {
    if (p.total.IsZero()) continue;
    const std::string leg = std::string(model::ToString(p.hold_side)) + " " + p.total.ToString();
    if (own.contains(p.symbol)) {
      notes_.push_back("adopted position " + p.symbol + " " + leg + " (bgt's own)");
    } else if (options_.manage_adopted) {
      notes_.push_back("adopted position " + p.symbol + " " + leg +
                       " (opened outside bgt, managed)");
      if (std::find(options_.symbols.begin(), options_.symbols.end(), p.symbol) ==
              options_.symbols.end() &&
          std::find(adopted.begin(), adopted.end(), p.symbol) == adopted.end()) {
        adopted.push_back(p.symbol);
      }
    } else {
      left_alone_.insert(p.symbol);
      notes_.push_back("left alone: position " + p.symbol + " " + leg + " (opened outside bgt)");
    }
  }
  if (!left_alone_.empty()) {
    std::erase_if(options_.symbols,
                  [this](const std::string& symbol) { return left_alone_.contains(symbol); });
    DropLeftAlone(*venue);
    if (options_.symbols.empty()) {
      return core::MakeError(core::ErrorCode::kFailedPrecondition,
                             "every traded symbol holds a position left alone "
                             "(run.adopted_positions = \"leave\"); nothing to trade");
    }
  }
  std::vector<model::Instrument> instruments;
  for (const std::string& symbol : options_.symbols) {
    auto instrument = instrument_of(symbol);
    if (!instrument) return instrument.error();
    instruments.push_back(std::move(*instrument));
  }
  watched_ = options_.symbols;
  for (const std::string& symbol : adopted) {
    auto instrument = instrument_of(symbol);
    if (!instrument) {
      notes_.push_back("adopted position " + symbol +
                       " has no contract: " + instrument.error().message);
      continue;
    }
    instruments.push_back(std::move(*instrument));
    watched_.push_back(symbol);
  }

  KernelConfig kernel_config = options_.kernel;
  // A clientOid prefix of this start (bgt + base-36 seconds): ids never repeat across runs,
  // journal or not, and the venue's duplicate check (43118) can only mean a resend of ours.
  {
    std::uint64_t seconds = static_cast<std::uint64_t>(clock_.Now().nanos() / 1'000'000'000);
    std::string stamp;
    do {
      stamp.insert(stamp.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[seconds % 36]);
      seconds /= 36;
    } while (seconds > 0);
    kernel_config.execution.client_oid_prefix = "bgt" + stamp;
  }
  kernel_config.starting_balance =
      account->account_equity - account->unrealized_pl.value_or(core::Decimal());

  // The journal's unfinished orders (a crash may have left some before send, or before the
  // venue's answer): restored, then settled by the reconciliation below.
  std::vector<execution::RestoredOrder> restored;
  if (past) {
    auto orders = RestoredOrdersFromJournal(*past);
    if (!orders) return orders.error();
    restored = std::move(*orders);
    past.reset();
  }
  if (!options_.journal_path.empty()) {
    auto writer = store::JournalWriter::Start(options_.journal_path);
    if (!writer) return writer.error();
    journal_ = std::move(*writer);
  }
  if (journal_) {
    (void)journal_->Append(store::ConfigRecord{clock_.Now(), options_.config_text});
    (void)journal_->Append(store::EventRecord{clock_.Now(), "node", "", "started",
                                              "symbols: " + std::to_string(instruments.size())});
    for (const std::string& note : plan_notes) {
      (void)journal_->Append(store::EventRecord{clock_.Now(), "reconcile", "", "plan_order", note});
    }
    for (const std::string& symbol : left_alone_) {
      (void)journal_->Append(store::EventRecord{clock_.Now(), "reconcile", symbol, "left_alone",
                                                "position opened outside bgt left alone"});
    }
  }
  JournalSink sink = [this](store::JournalRecord record) {
    if (journal_ && !journal_->Append(std::move(record)).ok()) ++journal_failures_;
  };
  auto kernel = TradingKernel::Create(clock_, kernel_config, sink);
  if (!kernel) return kernel.error();
  kernel_ = std::move(*kernel);
  for (const model::Instrument& instrument : instruments) {
    kernel_->AddInstrument(instrument);
    if (options_.subscribe_books && std::find(options_.symbols.begin(), options_.symbols.end(),
                                              instrument.symbol()) != options_.symbols.end()) {
      books_.AddBook(market::BookSpec::FromInstrument(instrument));
    }
  }
  auto strategies = make_strategies(options_.symbols);
  if (!strategies) return strategies.error();
  for (NamedStrategy& s : *strategies) kernel_->AddStrategy(std::move(s.strategy), s.id);

  // Reconcile before trading: the journal's open orders, the venue's open orders and recent
  // fills, then the positions.
  restored_orders_ = static_cast<int>(restored.size());
  for (const execution::RestoredOrder& order : restored) {
    notes_.push_back("restored from the journal: " + order.client_oid + " " + order.symbol);
  }
  if (core::Status s = kernel_->Restore(std::move(restored)); !s) return s;
  for (const execution::ReconcileDifference& d : kernel_->Reconcile(*venue)) {
    notes_.push_back("reconciled " + d.client_oid + ": " + d.detail);
  }
  std::vector<portfolio::PositionSnapshot> snapshots;
  for (const bitget::PositionInfo& p : *positions) {
    if (p.total.IsZero() || left_alone_.contains(p.symbol)) continue;
    snapshots.push_back(ToSnapshot(p.symbol, p.hold_side, p.total, p.open_price_avg,
                                   p.liquidation_price, p.total_fee, p.pos_mode));
  }
  kernel_->OnPositions(snapshots);

  // Warm-up: closed bars of history, intents discarded.
  for (const std::string& symbol : options_.symbols) {
    bitget::CandlesQuery query;
    query.symbol = symbol;
    query.granularity = options_.granularity;
    query.limit = options_.history_bars;
    auto history = market_api_->GetCandles(query);
    if (!history) return history.error();
    auto [it, inserted] = candles_.try_emplace(symbol, symbol, options_.granularity);
    auto seeded = it->second.Seed(*history);
    if (!seeded) return seeded.error();
    for (const model::Candle& bar :
         it->second.Finals(static_cast<std::size_t>(options_.history_bars))) {
      kernel_->WarmUp(symbol, bar);
    }
  }

  kernel_->FinishWarmUp();
  // The start-up reconciliation, before trading (also in the journal and the summary).
  if (options_.status_out != nullptr) {
    *options_.status_out << "reconciliation: "
                         << (notes_.empty() ? std::string("the venue and the journal agree")
                                            : std::to_string(notes_.size()) + " findings")
                         << "\n";
    for (const std::string& note : notes_) *options_.status_out << "  " << note << "\n";
  }

  // Threads.
  bitget::BitgetWsOptions ws_options;
  ws_options.public_url = options_.market_ws_public_url.empty() ? options_.ws_public_url
                                                                : options_.market_ws_public_url;
  ws_options.private_url = options_.ws_private_url;
  ws_options.credentials = options_.credentials;
  bitget::BitgetWsCallbacks callbacks;
  callbacks.on_push = [this](const bitget::WsFrame& frame, std::string_view text) {
    OnPush(frame, text);
  };
  callbacks.on_state = [this](std::size_t, bool is_private, net::WsState state, std::string_view) {
    if (is_private) private_ready_ = state == net::WsState::kReady;
  };
  auto ws = bitget::BitgetWsClient::Create(loop_, ws_options, callbacks);
  if (!ws) return ws.error();
  ws_ = std::move(*ws);
  for (const std::string& symbol : watched_) {
    (void)ws_->Subscribe(bitget::WsSubscription::Public("ticker", symbol));
  }
  for (const std::string& symbol : options_.symbols) {
    (void)ws_->Subscribe(bitget::WsSubscription::Public(
        "candle" + std::string(model::ToString(options_.granularity)), symbol));
    if (options_.subscribe_books) {
      (void)ws_->Subscribe(bitget::WsSubscription::Public("books", symbol));
    }
  }
  for (const char* channel : {"orders", "positions", "account"}) {
    if (core::Status s = ws_->Subscribe(bitget::WsSubscription::Private(channel)); !s) return s;
  }
  for (execution::Command& command : kernel_->TakeCommands()) commands_.Push(std::move(command));
  PublishStats();
  kernel_thread_ = std::thread([this] { KernelLoop(); });
  rest_thread_ = std::thread([this] { RestLoop(); });
  io_thread_ = std::thread([this] {
    ws_->Start();
    loop_.Run();
  });
  return core::Status::Ok();
}

}  // namespace bgt::live
