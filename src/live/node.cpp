#include "live/node.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <utility>
#include <variant>

#include "bitget/api.h"
#include "bitget/clock_sync.h"
#include "bitget/endpoints.h"
#include "bitget/parse_ws.h"
#include "bitget/rest_client.h"
#include "bitget/ws_client.h"
#include "bitget/ws_exec.h"
#include "core/clock.h"
#include "live/bounded_queue.h"
#include "live/flatten.h"
#include "live/journal_restore.h"
#include "live/universe_inputs.h"
#include "live/venue_adapter.h"
#include "market/book_manager.h"
#include "market/candle_series.h"
#include "net/io_loop.h"
#include "net/rate_limiter.h"
#include "store/journal.h"

namespace bgt::live {
namespace {

constexpr std::size_t kQueueCapacity = 65536;
constexpr auto kPoll = std::chrono::milliseconds(50);

struct CandlePush {
  std::string symbol;
  model::Candle candle;
};
struct StopKernel {};
// What a REST poll read while the private stream was down: converged like at start.
struct VenuePoll {
  execution::VenueState venue;
};

using KernelInput = std::variant<CandlePush, model::Ticker, model::BookDelta, model::ExecEvent,
                                 VenueAnswer, VenuePoll, StopKernel>;

constexpr std::size_t kTapDepth = 15;  // book levels handed to NodeOptions::book_tap

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

}  // namespace

class Node::Impl {
 public:
  explicit Impl(NodeOptions options) : options_(std::move(options)) {}

  core::Status Connect(const Node::StrategyFactory& make_strategies);
  NodeSummary Run(const std::atomic<bool>& stop_requested);

 private:
  core::Status ConnectRest();
  // Which of the venue's positions bgt opened itself (journal or a bgt fill), by symbol.
  // `past` is the journal of earlier runs (nullptr: none).
  std::set<std::string> OwnSymbols(const std::vector<model::Fill>& recent_fills,
                                   const store::Journal* past) const;
  // Drops what belongs to the symbols left alone.
  void DropLeftAlone(execution::VenueState& venue) const;
  // The kernel's equity, balance, margin, fees and funding now (kernel thread, or after it).
  store::EquityRecord EquitySnapshot() const;
  void KernelLoop();
  void RestLoop();
  void PollVenue(bitget::RestFallbackPoller& poller, core::Timestamp since);
  void Dispatch(KernelInput& input);
  void OnBookDelta(const model::BookDelta& delta);
  void OnPositionsSnapshot(const model::PositionsSnapshot& snapshot);
  void OnPush(const bitget::WsFrame& frame, std::string_view text);
  void PublishStats();
  void PrintStatus(std::int64_t elapsed_ms);
  void StopThreads();

  NodeOptions options_;
  core::WallClock clock_;
  net::RateLimiter limiter_;
  bitget::WallWaiter waiter_;
  std::unique_ptr<bitget::RestClient> rest_;
  std::unique_ptr<bitget::ClockSync> clock_sync_;
  std::unique_ptr<bitget::BitgetApi> api_;
  // Market-data port when it differs from the trading port (paper mode); else api_ serves both.
  std::unique_ptr<bitget::RestClient> market_rest_;
  std::unique_ptr<bitget::BitgetApi> market_api_own_;
  bitget::BitgetApi* market_api_ = nullptr;
  std::unique_ptr<VenueAdapter> adapter_;
  std::unique_ptr<store::JournalWriter> journal_;
  std::unique_ptr<TradingKernel> kernel_;
  std::map<std::string, market::CandleSeries, std::less<>> candles_;
  market::BookManager books_;         // kernel thread
  std::set<std::string> left_alone_;  // fixed before the threads start
  std::vector<std::string> watched_;  // traded symbols + managed adopted ones (tickers)
  model::PositionMode position_mode_ = model::PositionMode::kOneWay;
  core::Timestamp started_at_;

  BoundedQueue<KernelInput> inputs_{kQueueCapacity};
  BoundedQueue<execution::Command> commands_{kQueueCapacity};
  net::IoLoop loop_;
  std::unique_ptr<bitget::BitgetWsClient> ws_;  // I/O thread only
  bitget::PrivateStreamDecoder decoder_;        // I/O thread only
  bitget::WsPush<model::Ticker> tickers_;       // I/O thread only
  bitget::WsPush<model::Candle> candle_push_;   // I/O thread only
  model::BookDelta book_push_;                  // I/O thread only
  std::thread io_thread_;
  std::thread kernel_thread_;
  std::thread rest_thread_;

  mutable std::mutex stats_mutex_;
  KernelStats stats_;
  std::string positions_text_;
  std::string risk_state_;
  int working_orders_ = 0;
  market::BookManagerCounters book_counters_;
  std::atomic<bool> private_ready_{false};
  std::atomic<std::uint64_t> rest_polls_{0};
  std::atomic<std::uint64_t> market_events_{0};
  std::atomic<std::uint64_t> commands_sent_{0};
  std::atomic<std::uint64_t> ws_reconnects_{0};
  std::atomic<std::uint64_t> ws_malformed_{0};
  std::atomic<std::uint64_t> journal_failures_{0};
  std::atomic<bool> stopping_rest_{false};
  core::Decimal starting_equity_;
  int restored_orders_ = 0;
  std::vector<std::string> notes_;
};

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

void Node::Impl::OnPush(const bitget::WsFrame& frame, std::string_view text) {
  const std::string& channel = frame.arg.channel;
  if (channel == "ticker") {
    if (!bitget::ParseWsTickers(text, tickers_).ok()) {
      ++ws_malformed_;
      return;
    }
    for (const model::Ticker& t : tickers_.rows) {
      ++market_events_;
      if (options_.ticker_tap) options_.ticker_tap(t);
      inputs_.Push(t);
    }
  } else if (channel == "books") {
    if (!bitget::ParseWsBooks(text, book_push_).ok()) {
      ++ws_malformed_;
      return;
    }
    ++market_events_;
    inputs_.Push(book_push_);
  } else if (channel.rfind("candle", 0) == 0) {
    if (!bitget::ParseWsCandles(text, candle_push_).ok()) {
      ++ws_malformed_;
      return;
    }
    for (const model::Candle& c : candle_push_.rows) {
      ++market_events_;
      inputs_.Push(CandlePush{frame.arg.inst_id, c});
    }
  } else {
    std::vector<model::ExecEvent> events;
    if (!decoder_.Decode(frame, text, events).ok()) ++ws_malformed_;
    for (model::ExecEvent& e : events) inputs_.Push(std::move(e));
  }
}

void Node::Impl::Dispatch(KernelInput& input) {
  std::visit(
      [&](auto& item) {
        using T = std::decay_t<decltype(item)>;
        if constexpr (std::is_same_v<T, CandlePush>) {
          auto series = candles_.find(item.symbol);
          if (series == candles_.end()) return;
          const market::CandleUpdate update = series->second.OnCandle(item.candle);
          if (update.finalized) kernel_->OnCandleClosed(item.symbol, *update.finalized);
        } else if constexpr (std::is_same_v<T, model::Ticker>) {
          kernel_->OnTicker(item);
        } else if constexpr (std::is_same_v<T, model::BookDelta>) {
          OnBookDelta(item);
        } else if constexpr (std::is_same_v<T, VenuePoll>) {
          // Fills of this run count like pushed ones (each once, by trade id); the open orders
          // converge like at start.
          for (const model::Fill& fill : item.venue.fills) kernel_->OnFill(fill);
          item.venue.fills.clear();
          (void)kernel_->Reconcile(item.venue);
        } else if constexpr (std::is_same_v<T, model::ExecEvent>) {
          std::visit(
              [&](auto& e) {
                using E = std::decay_t<decltype(e)>;
                if constexpr (std::is_same_v<E, model::OrderUpdate>) {
                  kernel_->OnOrderUpdate(ToVenueOrder(e));
                } else if constexpr (std::is_same_v<E, model::FillEvent>) {
                  kernel_->OnFill(e.fill);
                } else if constexpr (std::is_same_v<E, model::PositionsSnapshot>) {
                  OnPositionsSnapshot(e);
                }
              },
              item);
        } else if constexpr (std::is_same_v<T, VenueAnswer>) {
          if (core::Status applied = adapter_->Apply(kernel_->engine(), item); !applied) {
            notes_.push_back("venue answer refused: " + applied.error().message);
          }
          kernel_->AfterVenueAnswer();
        }
      },
      input);
}

void Node::Impl::OnBookDelta(const model::BookDelta& delta) {
  auto applied = books_.OnDelta(delta);
  for (market::ResyncRequest& request : books_.TakeResyncRequests()) {
    loop_.Post([this, request = std::move(request)] {
      if (ws_) (void)ws_->Resubscribe(request.channel, request.symbol);
    });
  }
  if (!applied || !applied->applied()) return;
  const market::OrderBook* book = books_.Find(delta.symbol);
  if (book == nullptr) return;
  const auto bid = book->BestBid();
  const auto ask = book->BestAsk();
  if (!bid || !ask) return;
  kernel_->OnBook(
      strategy::TopOfBook{delta.symbol, bid->price, bid->size, ask->price, ask->size, delta.ts});
  if (options_.book_tap) {
    model::OrderBookSnapshot snapshot;
    snapshot.symbol = delta.symbol;
    snapshot.bids = book->TopLevels(model::BookSide::kBid, kTapDepth);
    snapshot.asks = book->TopLevels(model::BookSide::kAsk, kTapDepth);
    snapshot.ts = delta.ts;
    options_.book_tap(snapshot);
  }
}

void Node::Impl::OnPositionsSnapshot(const model::PositionsSnapshot& snapshot) {
  std::vector<portfolio::PositionSnapshot> snapshots;
  for (const model::PositionReport& p : snapshot.positions) {
    if (left_alone_.contains(p.symbol)) continue;
    snapshots.push_back(ToSnapshot(p.symbol, p.side, p.quantity, p.entry_price, p.liquidation_price,
                                   p.funding, kernel_->engine().position_mode()));
  }
  kernel_->OnPositions(snapshots);
}

store::EquityRecord Node::Impl::EquitySnapshot() const {
  const portfolio::Portfolio& portfolio = kernel_->portfolio();
  store::EquityRecord record;
  record.ts = clock_.Now();
  record.balance = portfolio.balance();
  record.equity = kernel_->stats().equity;
  record.unrealized_pnl = record.equity - record.balance;
  if (auto margin = portfolio.MarginInUse()) record.margin_used = *margin;
  record.fees = kernel_->stats().fees;
  record.funding = kernel_->stats().funding;
  return record;
}

void Node::Impl::KernelLoop() {
  core::Timestamp next_equity = clock_.Now() + options_.equity_interval;
  for (;;) {
    std::optional<KernelInput> input = inputs_.Pop(kPoll);
    clock_.FireDue();
    if (input) {
      if (std::holds_alternative<StopKernel>(*input)) break;
      Dispatch(*input);
    }
    for (execution::Command& command : kernel_->TakeCommands()) {
      commands_.Push(std::move(command));
    }
    PublishStats();
    if (journal_ && clock_.Now() >= next_equity) {
      if (!journal_->Append(EquitySnapshot()).ok()) ++journal_failures_;
      next_equity = clock_.Now() + options_.equity_interval;
    }
  }
}

void Node::Impl::RestLoop() {
  bitget::BitgetApiPollSource source(*api_);
  bitget::RestFallbackOptions fallback;
  fallback.stream_down_after = options_.stream_down_after;
  fallback.poll_interval = options_.rest_poll_interval;
  fallback.open_orders = false;  // PollVenue reads them with the fills (ReadVenueState)
  bitget::RestFallbackPoller poller(source, fallback);
  for (;;) {
    std::optional<execution::Command> command = commands_.Pop(kPoll);
    if (!command) {
      if (commands_.size() == 0 && stopping_rest_.load()) return;
      PollVenue(poller, started_at_);
      continue;
    }
    ++commands_sent_;
    inputs_.Push(adapter_->Execute(*command));
  }
}

void Node::Impl::PollVenue(bitget::RestFallbackPoller& poller, core::Timestamp since) {
  const core::Timestamp now = clock_.Now();
  poller.OnStreamState(private_ready_.load(), now);
  if (!poller.PollDue(now)) return;
  ++rest_polls_;
  // Open orders and fills converge like at start (an order that left the open list while the
  // stream was down is settled by a query); positions and account from the poller.
  std::vector<model::ExecEvent> events;
  (void)poller.Poll(now, events);
  auto venue = adapter_->ReadVenueState(options_.symbols, since);
  if (venue) {
    DropLeftAlone(*venue);
    inputs_.Push(VenuePoll{std::move(*venue)});
  }
  for (model::ExecEvent& event : events) inputs_.Push(std::move(event));
}

void Node::Impl::PublishStats() {
  std::ostringstream positions;
  for (const portfolio::PositionSummary& p : kernel_->portfolio().Positions()) {
    if (p.quantity.IsZero()) continue;
    positions << " " << p.symbol << " " << p.quantity.ToString();
    if (p.unrealized_pnl) positions << " (upl " << p.unrealized_pnl->ToString() << ")";
  }
  std::lock_guard lock(stats_mutex_);
  stats_ = kernel_->stats();
  positions_text_ = positions.str();
  risk_state_ = std::string(risk::ToString(kernel_->trading_state()));
  working_orders_ = static_cast<int>(kernel_->WorkingOrders().size());
  book_counters_ = books_.counters();
}

void Node::Impl::PrintStatus(std::int64_t elapsed_ms) {
  if (options_.status_out == nullptr) return;
  std::lock_guard lock(stats_mutex_);
  std::ostringstream out;
  if (options_.redraw_status) out << "\x1b[H\x1b[2J";
  out << "[" << elapsed_ms / 1000 << " s] equity " << stats_.equity.ToString() << " USDT"
      << " | realized " << stats_.realized_pnl.ToString() << " | fees " << stats_.fees.ToString()
      << " | funding " << stats_.funding.ToString() << " | risk " << risk_state_ << " | orders "
      << stats_.orders_submitted << " sent, " << working_orders_ << " open, "
      << stats_.orders_denied << " denied | fills " << stats_.fills << " | round trips "
      << stats_.round_trips << "\n"
      << "  positions:" << (positions_text_.empty() ? std::string(" none") : positions_text_)
      << "\n"
      << "  market events " << market_events_.load() << " | ws malformed " << ws_malformed_.load()
      << " | book resyncs " << book_counters_.resyncs_requested << " (checksum "
      << book_counters_.checksum_failures << ", gaps " << book_counters_.gaps << ")"
      << " | private stream " << (private_ready_.load() ? "up" : "DOWN") << ", rest polls "
      << rest_polls_.load();
  const bitget::RestCounters rest = rest_->counters();
  out << " | rest " << rest.requests << " requests, " << rest.throttled << " throttled";
  if (const auto busiest = limiter_.Busiest(clock_.Now())) {
    out << " | rate limit " << busiest->used << "/" << busiest->max_requests << " per "
        << std::chrono::duration_cast<std::chrono::milliseconds>(busiest->window).count() << " ms ("
        << busiest->key << ")";
  }
  out << "\n";
  *options_.status_out << out.str() << std::flush;
}

void Node::Impl::StopThreads() {
  if (io_thread_.joinable()) {
    loop_.Post([this] {
      if (ws_) {
        ws_reconnects_ = ws_->counters().reconnects;
        ws_malformed_ += ws_->counters().malformed_frames;
        ws_->Stop();
        ws_.reset();
      }
      loop_.Stop();
    });
    io_thread_.join();
  }
  if (kernel_thread_.joinable()) {
    inputs_.Push(StopKernel{});
    kernel_thread_.join();
  }
  if (rest_thread_.joinable()) {
    stopping_rest_ = true;
    rest_thread_.join();
  }
  // Answers that arrived after the kernel thread stopped.
  while (std::optional<KernelInput> input = inputs_.Pop(std::chrono::milliseconds(0))) {
    if (!std::holds_alternative<StopKernel>(*input)) Dispatch(*input);
  }
  PublishStats();
}

NodeSummary Node::Impl::Run(const std::atomic<bool>& stop_requested) {
  const core::Timestamp started = clock_.Now();
  core::Timestamp next_status = started;
  for (;;) {
    const core::Timestamp now = clock_.Now();
    const std::int64_t elapsed_ms = (now - started).count() / 1'000'000;
    if (now >= next_status) {
      PrintStatus(elapsed_ms);
      next_status = now + options_.status_interval;
    }
    if (stop_requested.load()) break;
    if (options_.run_for.count() > 0 && elapsed_ms >= options_.run_for.count()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  StopThreads();

  NodeSummary summary;
  summary.starting_equity = starting_equity_;
  summary.run_ms = (clock_.Now() - started).count() / 1'000'000;
  if (options_.flatten_on_stop) {
    FlattenOptions flatten;
    flatten.leave_symbols.assign(left_alone_.begin(), left_alone_.end());
    const FlattenReport report = Flatten(*api_, waiter_, flatten);
    summary.flattened = true;
    summary.flat_verified = report.flat;
    for (const core::Error& error : report.errors) {
      summary.notes.push_back("flatten step failed: " + error.ToString());
    }
    if (!report.flat) summary.notes.push_back("NOT FLAT after the stop: see bgt flatten");
    // The closing fills reach the kernel only through the venue: read them back.
    auto venue = adapter_->ReadVenueState(options_.symbols, started);
    if (venue) {
      for (const model::Fill& fill : venue->fills) kernel_->OnFill(fill);
    } else {
      summary.notes.push_back("fills after the flatten unreadable: " + venue.error().message);
    }
  }
  bitget::AccountQuery query;
  query.symbol = options_.symbols.front();
  if (auto account = api_->GetAccount(query)) {
    summary.final_equity = account->account_equity;
  } else {
    summary.notes.push_back("final account unreadable: " + account.error().message);
  }
  summary.stats = kernel_->stats();
  summary.ws_reconnects = ws_reconnects_.load();
  summary.ws_malformed = ws_malformed_.load();
  summary.market_events = market_events_.load();
  summary.commands_sent = commands_sent_.load();
  summary.book_resyncs = books_.counters().resyncs_requested;
  summary.checksum_failures = books_.counters().checksum_failures;
  summary.rest_polls = rest_polls_.load();
  summary.rest_throttled = rest_->counters().throttled;
  summary.restored_orders = restored_orders_;
  summary.left_alone.assign(left_alone_.begin(), left_alone_.end());
  summary.notes.insert(summary.notes.begin(), notes_.begin(), notes_.end());
  if (journal_) {
    // The last point of the curve: the venue's own equity after the stop.
    store::EquityRecord equity = EquitySnapshot();
    if (!summary.final_equity.IsZero()) equity.equity = summary.final_equity;
    equity.unrealized_pnl = equity.equity - equity.balance;
    (void)journal_->Append(equity);
    (void)journal_->Append(store::EventRecord{clock_.Now(), "node", "", "stopped", ""});
    if (core::Status flushed = journal_->Flush(); !flushed) {
      summary.notes.push_back("journal: " + flushed.error().message);
    }
    journal_->Stop();
  }
  if (journal_failures_ > 0) {
    summary.notes.push_back(std::to_string(journal_failures_.load()) +
                            " journal records could not be queued");
  }
  rest_->AttachClockSync(nullptr);
  return summary;
}

Node::Node(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Node::~Node() = default;

core::Result<std::unique_ptr<Node>> Node::Start(NodeOptions options,
                                                const StrategyFactory& make_strategies) {
  auto impl = std::make_unique<Impl>(std::move(options));
  if (core::Status connected = impl->Connect(make_strategies); !connected) {
    return connected.error();
  }
  return std::unique_ptr<Node>(new Node(std::move(impl)));
}

NodeSummary Node::Run() { return impl_->Run(stop_requested_); }

}  // namespace bgt::live
