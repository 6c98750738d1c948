// Node::Impl, shared by the node's two translation units: node_start.cpp (connect, reconcile
// with the venue and the journal, warm up, start the threads) and node.cpp (the running node:
// streams, kernel and REST loops, status view, stop and summary). Internal to src/live.
// Thread-safety: as node.h says; each member's owning thread is noted beside it.
#pragma once

#include "live/node.h"

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "bitget/api.h"
#include "bitget/clock_sync.h"
#include "bitget/parse_ws.h"
#include "bitget/rest_client.h"
#include "bitget/ws_client.h"
#include "bitget/ws_exec.h"
#include "core/clock.h"
#include "live/bounded_queue.h"
#include "live/venue_adapter.h"
#include "market/book_manager.h"
#include "market/candle_series.h"
#include "net/io_loop.h"
#include "net/rate_limiter.h"
#include "store/journal.h"

namespace bgt::live {
namespace node_internal {

inline constexpr std::size_t kQueueCapacity = 65536;
inline constexpr auto kPoll = std::chrono::milliseconds(50);

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

inline constexpr std::size_t kTapDepth = 15;  // book levels handed to NodeOptions::book_tap

// A venue position as a portfolio snapshot (hedge legs kept, one-way as kNet, signed size).
portfolio::PositionSnapshot ToSnapshot(const std::string& symbol, model::PositionSide side,
                                       const core::Decimal& quantity,
                                       const std::optional<core::Decimal>& entry_price,
                                       const std::optional<core::Decimal>& liquidation,
                                       const std::optional<core::Decimal>& funding,
                                       model::PositionMode mode);

}  // namespace node_internal

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
  void Dispatch(node_internal::KernelInput& input);
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

  BoundedQueue<node_internal::KernelInput> inputs_{node_internal::kQueueCapacity};
  BoundedQueue<execution::Command> commands_{node_internal::kQueueCapacity};
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

}  // namespace bgt::live
