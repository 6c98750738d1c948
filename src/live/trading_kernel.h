// TradingKernel: the node's decision loop, one thread, no I/O. Market data goes to the
// strategies (through StrategyRunner); their intents are sized and checked by risk, planned and
// tracked by execution; venue answers, order updates, fills and snapshots update execution and
// the portfolio; risk watches the account and can halt and flatten. Everything that happens is
// journaled through a sink, and the commands for the venue are taken with TakeCommands(). The
// same kernel runs live, on the emulator and in tests (with sim/ behind the adapter).
// Thread-safety: not thread-safe; the kernel thread owns it. Time only from the Clock.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/decimal.h"
#include "core/result.h"
#include "execution/commands.h"
#include "execution/execution_engine.h"
#include "model/candle.h"
#include "model/fill.h"
#include "model/instrument.h"
#include "model/ticker.h"
#include "portfolio/portfolio.h"
#include "risk/risk_engine.h"
#include "store/records.h"
#include "strategy/runner.h"
#include "strategy/strategy.h"

namespace bgt::live {

struct KernelConfig {
  execution::ExecutionConfig execution;
  execution::SymbolSetup setup;  // margin mode and leverage of every traded symbol
  risk::RiskConfig risk = risk::RiskConfig::Defaults();
  core::Decimal starting_balance;  // the account's balance when the kernel starts (USDT)
};

// The run's numbers, for the status view and the summary.
struct KernelStats {
  int orders_submitted = 0;  // orders and position closes sent (stop-loss moves not included)
  int stop_updates = 0;      // stop-loss moves sent (trailing stops)
  int orders_denied = 0;     // refused by risk before sending
  int orders_rejected = 0;
  int fills = 0;
  int round_trips = 0;  // positions opened and closed again
  int winning_round_trips = 0;
  int risk_events = 0;
  int flattens = 0;
  core::Decimal realized_pnl;
  core::Decimal fees;
  core::Decimal funding;
  core::Decimal equity;
  core::Decimal equity_peak;
  core::Decimal max_drawdown;  // fraction of the peak, e.g. 0.031
};

using JournalSink = std::function<void(store::JournalRecord)>;

class TradingKernel {
 public:
  // Error (kConfig / kInvalidArgument) for an invalid risk or execution config.
  static core::Result<std::unique_ptr<TradingKernel>> Create(core::Clock& clock,
                                                             KernelConfig config,
                                                             JournalSink journal);
  ~TradingKernel();
  TradingKernel(const TradingKernel&) = delete;
  TradingKernel& operator=(const TradingKernel&) = delete;

  // Trading universe. A symbol is set up on the venue (margin mode, leverage) before its first
  // order.
  void AddInstrument(const model::Instrument& instrument);
  // Runs `strategy` under `id`; it sees every symbol added with AddInstrument.
  void AddStrategy(std::unique_ptr<strategy::Strategy> strategy, std::string id);

  // Market data (kernel thread). Candles must be closed (final) bars.
  void OnCandleClosed(const std::string& symbol, const model::Candle& candle);
  void OnTicker(const model::Ticker& ticker);
  // The top of a symbol's order book (after market::BookManager applied and checked a push):
  // routed to the strategies like a ticker. Its mid is the reference price for sizing when no
  // ticker has come yet (marks come only from tickers). A side that is not positive, or a
  // crossed top, is refused (a "data" event) and not routed.
  void OnBook(const strategy::TopOfBook& book);
  // History before trading starts: the strategies see the bar, their intents are discarded.
  void WarmUp(const std::string& symbol, const model::Candle& candle);
  // Ends the warm-up: every strategy is told that what it asked for during warm-up was not
  // carried out (a rejected OrderEvent per flat symbol), so no strategy believes in a trade
  // that does not exist.
  void FinishWarmUp();

  // Venue side. The adapter's answers go to engine() (VenueAdapter::Apply) followed by
  // AfterVenueAnswer(), so events are drained in order.
  execution::ExecutionEngine& engine() { return *engine_; }
  void AfterVenueAnswer();
  void OnOrderUpdate(const execution::VenueOrder& update);
  void OnFill(const model::Fill& fill);
  void OnPositions(const std::vector<portfolio::PositionSnapshot>& positions);
  // Start-up / restart, before Reconcile: the orders the journal left unfinished
  // (live/journal_restore.h) are tracked again as they were (ExecutionEngine::Restore); they
  // are not counted as submissions. A clean start and a crash recovery take this same path.
  // Error (kInvalidArgument) from the engine when any cannot be restored (nothing is then);
  // it is journaled as a "reconcile" event too.
  core::Status Restore(std::vector<execution::RestoredOrder> orders);
  // Start-up / restart: converge on the venue (open orders, fills); returns the differences
  // (also journaled as events).
  std::vector<execution::ReconcileDifference> Reconcile(const execution::VenueState& venue);

  // Emergency: halt, cancel every working order and close every position.
  void Flatten(const std::string& reason);

  std::vector<execution::Command> TakeCommands() { return engine_->TakeCommands(); }

  const KernelStats& stats() const { return stats_; }
  risk::TradingState trading_state() const { return risk_->state(); }
  const portfolio::Portfolio& portfolio() const { return portfolio_; }
  std::vector<const model::Order*> WorkingOrders() const { return engine_->WorkingOrders(); }

 private:
  // Each strategy has its own view of the market and its positions (a runner writes every
  // event into its view before calling its strategy).
  struct Running {
    std::unique_ptr<strategy::MarketView> market;
    std::unique_ptr<strategy::PositionBook> positions;
    std::unique_ptr<strategy::Strategy> strategy;
    std::unique_ptr<strategy::StrategyRunner> runner;
  };
  struct OpenTrade {  // for round-trip statistics
    core::Decimal realized_at_open;
    core::Decimal fees_at_open;
  };

  TradingKernel(core::Clock& clock, KernelConfig config, JournalSink journal,
                std::unique_ptr<risk::RiskEngine> risk,
                std::unique_ptr<execution::ExecutionEngine> engine);

  void DrainIntents();
  void Handle(const strategy::Intent& intent);
  void SubmitSpecs(const std::vector<execution::OrderSpec>& specs, const std::string& why);
  void DrainEvents();
  void UpdateRisk();
  void UpdatePositionViews(const std::string& symbol);
  execution::SymbolPosition PositionOf(const std::string& symbol) const;
  std::optional<core::Decimal> Reference(const std::string& symbol) const;
  // The largest size the notional caps leave for a new position in `symbol` at `price`, on
  // the size step (0 when none).
  core::Decimal SizeRoom(const model::Instrument& instrument, const core::Decimal& price) const;
  risk::AccountState Account() const;
  void Event(const std::string& kind, const std::string& symbol, const std::string& message);
  // Tells the strategies that an intent on `symbol` was not carried out (rejected OrderEvent).
  void NotCarriedOut(const std::string& symbol, const std::string& why);
  void EnsureSetup(const std::string& symbol);
  bool Busy(const std::string& symbol) const;

  core::Clock& clock_;
  KernelConfig config_;
  JournalSink journal_;
  std::unique_ptr<risk::RiskEngine> risk_;
  std::unique_ptr<execution::ExecutionEngine> engine_;
  portfolio::Portfolio portfolio_;
  std::map<std::string, model::Ticker, std::less<>> tickers_;
  std::map<std::string, core::Decimal, std::less<>> book_mids_;
  std::map<std::string, model::Candle, std::less<>> last_candles_;
  std::vector<Running> strategies_;
  std::map<std::string, model::Instrument, std::less<>> instruments_;
  std::map<std::string, bool, std::less<>> set_up_;
  std::map<std::string, OpenTrade, std::less<>> open_trades_;
  KernelStats stats_;
};

}  // namespace bgt::live
