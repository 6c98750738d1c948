#include "app/run_command.h"

#include <pthread.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <memory>
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

struct RunArgs {
  int duration_s = 180;
  std::vector<std::string> symbols;  // empty: automatic pair selection
  int max_symbols = 4;
  double speed = 60.0;
  std::string journal = "bgt-journal.db";
  std::string summary = "bgt-summary.txt";
  bool no_flatten = false;
  int status_interval_s = 5;
};

// The strategies of the default configuration: trend following on every other symbol, mean
// reversion on the rest, both behind the funding-aware filter.
core::Result<std::vector<live::NamedStrategy>> DefaultStrategies(
    const std::vector<std::string>& symbols) {
  // Tuned for one-minute bars: faster averages, and a volatility band that one-minute ATR
  // (typically 0.05-0.3 % of price) can reach.
  strategy::TrendParams trend;
  trend.fast_period = 9;
  trend.slow_period = 21;
  strategy::MeanReversionParams reversion;
  reversion.min_atr_pct = 0.02;
  reversion.max_hold_bars = 30;
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    (i % 2 == 0 ? trend.symbols : reversion.symbols).push_back(symbols[i]);
  }
  std::vector<live::NamedStrategy> out;
  if (!trend.symbols.empty()) {
    auto inner = strategy::TrendFollowing::Create(trend);
    if (!inner) return inner.error();
    auto wrapped = strategy::FundingAware::Create(
        strategy::FundingParams{}, std::make_unique<strategy::TrendFollowing>(std::move(*inner)));
    if (!wrapped) return wrapped.error();
    out.push_back({"trend", std::move(*wrapped)});
  }
  if (!reversion.symbols.empty()) {
    auto inner = strategy::MeanReversion::Create(reversion);
    if (!inner) return inner.error();
    auto wrapped = strategy::FundingAware::Create(
        strategy::FundingParams{}, std::make_unique<strategy::MeanReversion>(std::move(*inner)));
    if (!wrapped) return wrapped.error();
    out.push_back({"reversion", std::move(*wrapped)});
  }
  return out;
}

// Waits for SIGINT/SIGTERM on its own thread (the signals are blocked everywhere else) and asks
// the node to stop. Destroying it wakes the thread.
class StopOnSignal {
 public:
  explicit StopOnSignal(live::Node& node) {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGUSR1);
    thread_ = std::thread([this, &node] {
      int signal = 0;
      sigwait(&set_, &signal);
      if (signal != SIGUSR1) node.RequestStop();
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
  // Signals: blocked here before any thread starts, so only StopOnSignal receives them.
  sigset_t blocked;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGINT);
  sigaddset(&blocked, SIGTERM);
  sigaddset(&blocked, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &blocked, nullptr);

  live::NodeOptions node;
  std::unique_ptr<emulator::Emulator> emulator;
  switch (config.mode) {
    case config::Mode::kEmulator: {
      emulator::EmulatorConfig emu = ToEmulatorConfig(config.emulator);
      emu.port = 0;
      emu.speed = args.speed;
      auto started = emulator::Emulator::Start(emu);
      if (!started) {
        io.err << "bgt: emulator: " << started.error().ToString() << '\n';
        return kExitRuntimeFailure;
      }
      emulator = std::move(*started);
      node.rest_url = emulator->RestUrl();
      node.ws_public_url = emulator->WsUrl() + "/v2/ws/public";
      node.ws_private_url = emulator->WsUrl() + "/v2/ws/private";
      const emulator::EmulatorAccount account;
      node.credentials =
          bitget::Credentials{core::Secret(account.api_key), core::Secret(account.secret),
                              core::Secret(account.passphrase)};
      io.out << "bgt run: emulator mode — in-process emulator at " << node.rest_url
             << ", market speed x" << args.speed << "\n";
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
             << "\" is not available in bgt run yet (use emulator, demo or live)\n";
      return kExitInvalidConfig;
  }

  node.symbols = args.symbols;
  node.universe = config.universe;
  node.universe.top_n = args.max_symbols;
  node.kernel.setup.leverage = 5;
  node.journal_path = args.journal;
  node.config_text = config::ToToml(config);
  node.run_for = std::chrono::seconds(args.duration_s);
  node.flatten_on_stop = !args.no_flatten;
  node.status_interval = std::chrono::seconds(args.status_interval_s);
  node.status_out = &io.out;
  node.redraw_status = ::isatty(STDOUT_FILENO) == 1 && &io.out == &std::cout;

  auto started = live::Node::Start(std::move(node), DefaultStrategies);
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
  if (!args.summary.empty()) {
    std::ofstream file(args.summary);
    file << text << "json: " << live::SummaryJson(summary) << "\n";
    if (!file) {
      io.err << "bgt: run: cannot write " << args.summary << '\n';
      return kExitRuntimeFailure;
    }
    io.out << "summary written to " << args.summary << "\n";
  }
  if (summary.flattened && !summary.flat_verified) return kExitVenueError;
  return kExitOk;
}

}  // namespace

CLI::App* AddRunCommand(CLI::App& app, std::vector<CommandEntry>& commands) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd =
      app.add_subcommand("run",
                         "Run the trading node (emulator mode by default: in-process emulator, "
                         "fast market clock); flatten and print a summary at the end")
          ->fallthrough();
  cmd->add_option("--duration", args->duration_s, "Seconds to run; 0 = until SIGINT/SIGTERM")
      ->check(CLI::Range(0, 365 * 24 * 3600))
      ->capture_default_str();
  cmd->add_option("--symbols", args->symbols, "Trade these symbols (default: selected)")
      ->delimiter(',')
      ->transform(SymbolArg());
  cmd->add_option("--max-symbols", args->max_symbols, "At most this many selected symbols")
      ->check(CLI::Range(1, 50))
      ->capture_default_str();
  cmd->add_option("--speed", args->speed, "Emulator mode: market time per wall time")
      ->check(CLI::Range(1.0, 3600.0))
      ->capture_default_str();
  cmd->add_option("--journal", args->journal, "SQLite journal file (\"\" = none)")
      ->capture_default_str();
  cmd->add_option("--summary", args->summary, "Write the summary to this file (\"\" = none)")
      ->capture_default_str();
  cmd->add_flag("--no-flatten", args->no_flatten, "Leave orders and positions open at the end");
  cmd->add_option("--status-interval", args->status_interval_s, "Seconds between status lines")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  commands.push_back({cmd, [args](const GlobalOptions& options, const Io& io) {
                        return RunNode(options, io, *args);
                      }});
  return cmd;
}

}  // namespace bgt::app
