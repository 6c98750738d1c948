#include "live/node.h"

#include <sstream>
#include <utility>

#include "live/flatten.h"
#include "live/node_impl.h"

namespace bgt::live {

using node_internal::CandlePush;
using node_internal::KernelInput;
using node_internal::kPoll;
using node_internal::kTapDepth;
using node_internal::StopKernel;
using node_internal::ToSnapshot;
using node_internal::VenuePoll;

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
