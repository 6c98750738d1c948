#include "app/run_command.h"

#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <utility>

#include "app/emulator_command.h"
#include "app/exit_codes.h"
#include "app/venue_command.h"
#include "app/venue_session.h"
#include "config/dump.h"
#include "config/load.h"
#include "emulator/emulator.h"
#include "live/node.h"
#include "strategy/funding_aware.h"
#include "strategy/mean_reversion.h"
#include "strategy/trend_following.h"

namespace bgt::app {
namespace {

// Command-line overrides of the [run] section (unset: the config's value).
struct RunArgs {
  std::optional<int> duration_s;
  std::vector<std::string> symbols;  // empty: the config's run.symbols
  std::optional<int> max_symbols;
  std::optional<double> speed;
  std::optional<std::string> journal;
  std::optional<std::string> summary;
  bool no_flatten = false;
  std::optional<int> status_interval_s;
};

// The configured strategies on the traded symbols: with both enabled, trend following on every
// other symbol and mean reversion on the rest; each behind the funding-aware filter when it is
// enabled.
core::Result<std::vector<live::NamedStrategy>> ConfiguredStrategies(
    const config::StrategyConfig& config, const std::vector<std::string>& symbols) {
  strategy::TrendParams trend = config.trend.params;
  strategy::MeanReversionParams reversion = config.mean_reversion.params;
  trend.symbols.clear();
  reversion.symbols.clear();
  const bool both = config.trend.enabled && config.mean_reversion.enabled;
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    const bool to_trend = both ? i % 2 == 0 : config.trend.enabled;
    (to_trend ? trend.symbols : reversion.symbols).push_back(symbols[i]);
  }
  std::vector<live::NamedStrategy> out;
  auto add = [&](std::string id, std::unique_ptr<strategy::Strategy> inner) -> core::Status {
    if (!config.funding.enabled) {
      out.push_back({std::move(id), std::move(inner)});
      return core::Status::Ok();
    }
    auto wrapped = strategy::FundingAware::Create(config.funding.params, std::move(inner));
    if (!wrapped) return wrapped.error();
    out.push_back({std::move(id), std::move(*wrapped)});
    return core::Status::Ok();
  };
  if (config.trend.enabled && !trend.symbols.empty()) {
    auto inner = strategy::TrendFollowing::Create(trend);
    if (!inner) return inner.error();
    if (core::Status s =
            add("trend", std::make_unique<strategy::TrendFollowing>(std::move(*inner)));
        !s) {
      return s.error();
    }
  }
  if (config.mean_reversion.enabled && !reversion.symbols.empty()) {
    auto inner = strategy::MeanReversion::Create(reversion);
    if (!inner) return inner.error();
    if (core::Status s =
            add("reversion", std::make_unique<strategy::MeanReversion>(std::move(*inner)));
        !s) {
      return s.error();
    }
  }
  return out;
}

// Paper mode: how many market updates the simulated exchange took or refused (an update it
// cannot use, e.g. a crossed book, is refused with nothing changed; the first reason is kept).
// Tickers arrive on the I/O thread, books on the kernel thread.
class PaperFeeds {
 public:
  void Count(const core::Status& status) {
    if (status.ok()) {
      ++taken_;
      return;
    }
    if (refused_++ == 0) {
      std::lock_guard lock(mu_);
      first_error_ = status.error().message;
    }
  }
  std::string Describe() const {
    std::lock_guard lock(mu_);
    std::string out = "paper exchange:    " + std::to_string(taken_.load()) +
                      " market updates taken, " + std::to_string(refused_.load()) + " refused";
    if (!first_error_.empty()) out += " (first: " + first_error_ + ")";
    return out + "\n";
  }

 private:
  std::atomic<std::uint64_t> taken_{0};
  std::atomic<std::uint64_t> refused_{0};
  mutable std::mutex mu_;
  std::string first_error_;
};

// Waits for SIGINT/SIGTERM on its own thread (the signals are blocked everywhere else) and asks
// the node to stop; a second one exits at once (exit code 130). Destroying it wakes the thread.
class StopOnSignal {
 public:
  explicit StopOnSignal(live::Node& node) {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGUSR1);
    thread_ = std::thread([this, &node] {
      int stops = 0;
      for (;;) {
        int signal = 0;
        sigwait(&set_, &signal);
        if (signal == SIGUSR1) return;
        if (++stops == 1) {
          node.RequestStop();
          continue;
        }
        // A second SIGINT/SIGTERM while the stop (flatten, read-back) is under way: the user
        // wants out now. The journal keeps what it committed; `bgt flatten` finishes the job.
        static constexpr char kMessage[] =
            "\nbgt: second stop signal: exiting now; run `bgt flatten` to check the account\n";
        (void)!::write(STDERR_FILENO, kMessage, sizeof(kMessage) - 1);
        std::_Exit(130);
      }
    });
  }
  ~StopOnSignal() {
    pthread_kill(thread_.native_handle(), SIGUSR1);
    thread_.join();
  }

 private:
  sigset_t set_;
  std::thread thread_;
};

int RunNode(const GlobalOptions& options, const Io& io, const RunArgs& args) {
  config::Config config;
  if (options.config_file) {
    auto loaded = config::LoadConfigFile(*options.config_file);
    if (!loaded) {
      io.err << "bgt: " << loaded.error().message << '\n';
      return kExitInvalidConfig;
    }
    config = *loaded;
  }
  const config::RunConfig& run = config.run;
  // Signals: blocked here before any thread starts, so only StopOnSignal receives them.
  sigset_t blocked;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGINT);
  sigaddset(&blocked, SIGTERM);
  sigaddset(&blocked, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &blocked, nullptr);

  live::NodeOptions node;
  std::unique_ptr<emulator::Emulator> emulator;
  auto feeds = std::make_unique<PaperFeeds>();
  switch (config.mode) {
    case config::Mode::kEmulator: {
      emulator::EmulatorConfig emu = ToEmulatorConfig(config.emulator);
      emu.port = 0;
      emu.speed = args.speed.value_or(run.emulator_speed);
      auto started = emulator::Emulator::Start(emu);
      if (!started) {
        io.err << "bgt: emulator: " << started.error().ToString() << '\n';
        return kExitRuntimeFailure;
      }
      emulator = std::move(*started);
      node.rest_url = emulator->RestUrl();
      node.ws_public_url = emulator->WsUrl() + "/v2/ws/public";
      node.ws_private_url = emulator->WsUrl() + "/v2/ws/private";
      // The node trades the first configured account (the documented test account unless
      // [[emulator.accounts]] says otherwise; validation keeps the list non-empty).
      const emulator::EmulatorAccount& account = emu.accounts.front();
      node.credentials = emulator::CredentialsOf(account);
      io.out << "bgt run: emulator mode — in-process emulator at " << node.rest_url
             << ", market speed x" << emu.speed << ", account \"" << account.name << "\"\n";
      break;
    }
    case config::Mode::kPaper: {
      // Market data from the venue (public, no keys); orders filled by the in-process
      // simulated exchange mirroring it, with run.paper_balance USDT.
      const std::string market_url = options.base_url.value_or(config.venue.rest_url);
      auto session =
          VenueSession::Open(config, options.base_url, VenueAccess::kPublic, io.env, "run");
      if (!session) {
        io.err << "bgt: " << session.error().message << '\n';
        return ExitCodeFor(session.error());
      }
      auto contracts = (*session)->api().GetContracts({});
      if (!contracts) {
        io.err << "bgt: run: contracts from " << market_url << ": " << contracts.error().ToString()
               << '\n';
        return ExitCodeFor(contracts.error());
      }
      emulator::EmulatorConfig emu;
      emu.port = 0;
      emu.speed = 1.0;
      emu.rate_limits = false;
      emu.mirror_contracts = std::move(*contracts);
      emulator::EmulatorAccount account;
      account.usdt_deposit = run.paper_balance.ToString();
      account.name = "paper";
      emu.accounts = {account};
      auto started = emulator::Emulator::Start(emu);
      if (!started) {
        io.err << "bgt: run: paper exchange: " << started.error().ToString() << '\n';
        return kExitRuntimeFailure;
      }
      emulator = std::move(*started);
      emulator::Emulator* exchange = emulator.get();
      node.rest_url = emulator->RestUrl();
      node.ws_public_url = emulator->WsUrl() + "/v2/ws/public";
      node.ws_private_url = emulator->WsUrl() + "/v2/ws/private";
      node.market_rest_url = market_url;
      node.market_ws_public_url = config.venue.ws_public_url;
      node.credentials = emulator::CredentialsOf(emulator::EmulatorAccount{});
      node.ticker_tap = [exchange, feeds = feeds.get()](const model::Ticker& ticker) {
        feeds->Count(exchange->FeedTicker(ticker));
      };
      node.book_tap = [exchange, feeds = feeds.get()](const model::OrderBookSnapshot& book) {
        feeds->Count(exchange->FeedBook(book.symbol, book));
      };
      io.out << "bgt run: paper mode — market data from " << market_url
             << ", orders filled by the simulated exchange (" << run.paper_balance.ToString()
             << " USDT)\n";
      break;
    }
    case config::Mode::kLive:
    case config::Mode::kDemo: {
      auto credentials = CredentialsFromEnv(io.env, "run");
      if (!credentials) {
        io.err << "bgt: " << credentials.error().message << '\n';
        return kExitInvalidConfig;
      }
      node.credentials = std::move(*credentials);
      node.rest_url = options.base_url.value_or(config.venue.rest_url);
      node.ws_public_url = config.venue.ws_public_url;
      node.ws_private_url = config.venue.ws_private_url;
      node.demo_trading = config.mode == config::Mode::kDemo || config.venue.demo_trading;
      node.product_type = std::string(config::ProductTypeName(config.venue.product_type));
      node.margin_coin = config.venue.margin_coin;
      io.out << "bgt run: " << config::ModeName(config.mode) << " mode against " << node.rest_url
             << "\n";
      break;
    }
    default:
      io.err << "bgt: run: mode \"" << config::ModeName(config.mode)
             << "\" is not run by bgt run (use emulator, paper, demo or live)\n";
      return kExitInvalidConfig;
  }

  node.symbols = args.symbols.empty() ? run.symbols : args.symbols;
  node.universe = config.universe;
  if (args.max_symbols) node.universe.top_n = *args.max_symbols;
  node.granularity = run.granularity;
  node.history_bars = run.history_bars;
  node.kernel.risk = config.risk;
  node.kernel.setup.leverage = run.leverage;
  node.kernel.setup.margin_mode = run.margin_mode;
  node.kernel.execution.default_setup = node.kernel.setup;
  node.manage_adopted = run.adopted_positions == config::AdoptedPositions::kManage;
  node.rest_poll_interval = std::chrono::seconds(run.rest_poll_interval_s);
  node.journal_path = args.journal.value_or(run.journal);
  node.config_text = config::ToToml(config);
  node.run_for = std::chrono::seconds(args.duration_s.value_or(static_cast<int>(run.duration_s)));
  node.flatten_on_stop = run.on_stop == config::OnStop::kFlatten && !args.no_flatten;
  node.status_interval = std::chrono::seconds(
      args.status_interval_s.value_or(static_cast<int>(run.status_interval_s)));
  node.status_out = &io.out;
  node.redraw_status = ::isatty(STDOUT_FILENO) == 1 && &io.out == &std::cout;
  const std::string summary_path = args.summary.value_or(run.summary);

  const config::StrategyConfig strategies = config.strategy;
  auto started =
      live::Node::Start(std::move(node), [&strategies](const std::vector<std::string>& symbols) {
        return ConfiguredStrategies(strategies, symbols);
      });
  if (!started) {
    io.err << "bgt: run: " << started.error().ToString() << '\n';
    return ExitCodeFor(started.error());
  }
  live::NodeSummary summary;
  {
    StopOnSignal stop(**started);
    summary = (*started)->Run();
  }
  const std::string text = live::SummaryText(summary);
  io.out << "\n== summary ==\n" << text;
  if (config.mode == config::Mode::kPaper) io.out << feeds->Describe();
  if (!summary_path.empty()) {
    std::ofstream file(summary_path);
    file << text << "json: " << live::SummaryJson(summary) << "\n";
    if (!file) {
      io.err << "bgt: run: cannot write " << summary_path << '\n';
      return kExitRuntimeFailure;
    }
    io.out << "summary written to " << summary_path << "\n";
  }
  if (summary.flattened && !summary.flat_verified) return kExitVenueError;
  return kExitOk;
}

}  // namespace

CLI::App* AddRunCommand(CLI::App& app, std::vector<CommandEntry>& commands) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd =
      app.add_subcommand("run",
                         "Run the trading node in the config's mode (default: emulator, with the "
                         "emulator in-process on a fast market clock); [run], [risk] and "
                         "[strategy] configure it, the options below override [run]")
          ->fallthrough();
  cmd->add_option("--duration", args->duration_s,
                  "Seconds to run; 0 = until SIGINT/SIGTERM (run.duration_s)")
      ->check(CLI::Range(0, 365 * 24 * 3600));
  cmd->add_option("--symbols", args->symbols,
                  "Trade these symbols (run.symbols; default: selected)")
      ->delimiter(',')
      ->transform(SymbolArg());
  cmd->add_option("--max-symbols", args->max_symbols,
                  "At most this many selected symbols (universe.top_n)")
      ->check(CLI::Range(1, 50));
  cmd->add_option("--speed", args->speed,
                  "Emulator mode: market time per wall time (default 60, or emulator.speed)")
      ->check(CLI::Range(1.0, 3600.0));
  cmd->add_option("--journal", args->journal, "SQLite journal file, \"\" = none (run.journal)");
  cmd->add_option("--summary", args->summary,
                  "Write the summary to this file, \"\" = none (run.summary)");
  cmd->add_flag("--no-flatten", args->no_flatten,
                "Leave orders and positions open at the end (run.on_stop = \"leave\")");
  cmd->add_option("--status-interval", args->status_interval_s,
                  "Seconds between status lines (run.status_interval_s)")
      ->check(CLI::Range(1, 3600));
  commands.push_back({cmd, [args](const GlobalOptions& options, const Io& io) {
                        return RunNode(options, io, *args);
                      }});
  return cmd;
}

}  // namespace bgt::app
