// Node: the running trading system. Threads: the I/O thread (net::IoLoop: Bitget WebSocket
// streams, parsing), a REST worker (carries the execution engine's commands out through the
// VenueAdapter), the kernel thread (TradingKernel: strategies, risk, execution, portfolio; no
// locks inside) and the journal thread (store::JournalWriter); bounded queues between them.
// Start-up reconciles with the venue (open orders, fills, positions) before trading, so a
// restart after a crash takes the same path as after a clean stop. Works against Bitget or any
// Bitget-compatible server (the emulator): the mode only decides the URLs and keys.
// Thread-safety: Start/Run/Stop from the owning thread; RequestStop from any thread (signals).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "bitget/credential.h"
#include "core/result.h"
#include "live/trading_kernel.h"
#include "market/universe.h"
#include "model/candle.h"
#include "model/order_book.h"
#include "model/ticker.h"
#include "strategy/strategy.h"

namespace bgt::live {

struct NamedStrategy {
  std::string id;
  std::unique_ptr<strategy::Strategy> strategy;
};

struct NodeOptions {
  // Trading port: account, orders, positions (REST) and the private stream.
  std::string rest_url;
  std::string ws_public_url;
  std::string ws_private_url;
  // Market-data port (contracts, tickers, candles, books; public, unsigned); empty = the
  // trading URLs. Paper mode reads Bitget here and trades on the in-process simulated exchange.
  std::string market_rest_url;
  std::string market_ws_public_url;
  // Paper mode: every ticker and every valid book (top 15 levels) the node receives is also
  // handed here (the simulated exchange mirrors the market). Tickers arrive on the I/O thread,
  // books on the kernel thread.
  std::function<void(const model::Ticker&)> ticker_tap;
  std::function<void(const model::OrderBookSnapshot&)> book_tap;
  bitget::Credentials credentials;
  bool demo_trading = false;
  std::string product_type = "USDT-FUTURES";
  std::string margin_coin = "USDT";
  // Traded symbols; empty = automatic pair selection with `universe` (its top_n symbols).
  std::vector<std::string> symbols;
  market::UniverseParams universe;
  model::Granularity granularity = model::Granularity::k1m;
  int history_bars = 200;  // closed bars fed to the strategies before trading (warm-up)
  KernelConfig kernel;
  // Positions found at start that bgt did not open (neither the journal nor a bgt fill of the
  // last 24 h accounts for them): managed (closed by the flatten, counted by risk) or left alone
  // (their symbols are not traded, never touched, and the flatten skips them).
  bool manage_adopted = true;
  // Order books: the `books` channel (incremental, CRC32-checked, resynced on failure) for every
  // traded symbol; the strategies get its top of book.
  bool subscribe_books = true;
  // While the private stream is down for `stream_down_after`, the venue is polled over REST
  // (open orders, fills, positions) every `rest_poll_interval`.
  std::chrono::milliseconds stream_down_after{5000};
  std::chrono::milliseconds rest_poll_interval{5000};
  std::string journal_path;  // "" = no journal
  // An equity snapshot (equity, balance, unrealized PnL, margin, fees, funding) is journaled
  // this often while running, and once more at the stop: `bgt journal equity` is the curve.
  std::chrono::milliseconds equity_interval{10000};
  std::string config_text;               // the redacted config in force, journaled at start
  std::chrono::milliseconds run_for{0};  // 0 = until RequestStop
  bool flatten_on_stop = true;
  std::chrono::milliseconds status_interval{5000};
  std::ostream* status_out = nullptr;  // the status view; nullptr = none
  bool redraw_status = false;          // redraw in place (a terminal) instead of appending
};

// What the run did, printed and written by `bgt run`.
struct NodeSummary {
  KernelStats stats;
  core::Decimal starting_equity;
  core::Decimal final_equity;  // read back from the venue after the stop
  bool flattened = false;
  bool flat_verified = false;
  std::int64_t run_ms = 0;
  std::uint64_t ws_reconnects = 0;
  std::uint64_t ws_malformed = 0;
  std::uint64_t market_events = 0;
  std::uint64_t commands_sent = 0;
  std::uint64_t book_resyncs = 0;       // books resubscribed after a failed check
  std::uint64_t checksum_failures = 0;  // CRC32 mismatches among them
  std::uint64_t rest_polls = 0;         // REST polls while the private stream was down
  std::uint64_t rest_throttled = 0;     // HTTP 429 answers
  int restored_orders = 0;              // open orders of the journal checked at start
  std::vector<std::string> left_alone;  // symbols whose adopted positions bgt left alone
  std::vector<std::string> notes;       // start-up differences, stop problems
};

class Node {
 public:
  // Connects (clock sync, contracts, account), reconciles, warms the strategies up and starts
  // the threads. Errors: the venue's (kUnavailable...), kNotFound for a symbol the venue does
  // not list, the journal's kIo, the kernel's config errors.
  // `make_strategies` builds the strategies for the traded symbols (after pair selection).
  using StrategyFactory =
      std::function<core::Result<std::vector<NamedStrategy>>(const std::vector<std::string>&)>;
  static core::Result<std::unique_ptr<Node>> Start(NodeOptions options,
                                                   const StrategyFactory& make_strategies);
  ~Node();
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  // Runs until run_for elapsed or RequestStop(); then stops the strategies, flattens when
  // configured and returns the summary.
  NodeSummary Run();
  // Asks Run() to return (async-signal-safe: sets a flag).
  void RequestStop() { stop_requested_.store(true); }

  class Impl;

 private:
  explicit Node(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::atomic<bool> stop_requested_{false};
};

// The summary as text (one fact per line) and as one JSON object.
std::string SummaryText(const NodeSummary& summary);
std::string SummaryJson(const NodeSummary& summary);

}  // namespace bgt::live
