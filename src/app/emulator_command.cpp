// `bgt emulator`: the Bitget-compatible emulator as a foreground process.
#include "app/emulator_command.h"

#include <pthread.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <memory>
#include <optional>

#include "app/exit_codes.h"
#include "config/load.h"
#include "emulator/emulator.h"

namespace bgt::app {
namespace {

// Blocks SIGINT and SIGTERM on this thread (threads started later inherit the mask) and
// returns the set, for sigwait.
sigset_t BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

void PrintBanner(const GlobalOptions& options, const Io& io, const emulator::Emulator& emu,
                 const config::EmulatorConfig& section) {
  const config::EmulatorAccountConfig* test_account = nullptr;
  for (const config::EmulatorAccountConfig& account : section.accounts) {
    if (account.IsDocumentedTestAccount()) test_account = &account;
  }
  if (options.json) {
    boost::json::object o;
    o["rest_url"] = emu.RestUrl();
    o["ws_public_url"] = emu.WsUrl() + "/v2/ws/public";
    o["ws_private_url"] = emu.WsUrl() + "/v2/ws/private";
    o["port"] = emu.port();
    o["speed"] = section.speed;
    if (test_account != nullptr) {
      o["api_key"] = test_account->api_key;
      o["api_secret"] = test_account->secret;
      o["api_passphrase"] = test_account->passphrase;
    }
    boost::json::array accounts;
    for (const config::EmulatorAccountConfig& account : section.accounts) {
      accounts.push_back(boost::json::object{{"name", account.name}, {"api_key", account.api_key}});
    }
    o["accounts"] = std::move(accounts);
    io.out << boost::json::serialize(o) << std::endl;
    return;
  }
  io.out << "bgt emulator listening on port " << emu.port() << "\n"
         << "  REST        " << emu.RestUrl() << "\n"
         << "  WS public   " << emu.WsUrl() << "/v2/ws/public\n"
         << "  WS private  " << emu.WsUrl() << "/v2/ws/private\n";
  if (section.speed != 1.0) {
    io.out << "  market speed " << section.speed << "x wall time (authentication uses wall time)\n";
  }
  if (section.faults != config::EmulatorFaultsConfig{}) {
    io.out << "  faults      injected (see [emulator.faults])\n";
  }
  if (test_account != nullptr) {
    io.out << "  test API key (documented defaults, not secrets):\n"
           << "    BITGET_API_KEY=" << test_account->api_key << "\n"
           << "    BITGET_API_SECRET=" << test_account->secret << "\n"
           << "    BITGET_API_PASSPHRASE=" << test_account->passphrase << "\n";
  }
  if (section.accounts.size() > 1 || test_account == nullptr) {
    io.out << "  accounts (API keys only; secrets as written in the config file):\n";
    for (const config::EmulatorAccountConfig& account : section.accounts) {
      io.out << "    " << account.name << "  " << account.api_key << "\n";
    }
  }
  io.out << "Stop with Ctrl-C (SIGINT) or SIGTERM." << std::endl;
}

}  // namespace

emulator::EmulatorConfig ToEmulatorConfig(const config::EmulatorConfig& section) {
  emulator::EmulatorConfig out;
  out.bind_address = section.bind_address;
  out.port = static_cast<std::uint16_t>(section.port);
  out.seed = static_cast<std::uint64_t>(section.seed);
  out.history_days = static_cast<int>(section.history_days);
  out.speed = section.speed;
  out.rate_limits = section.rate_limits;
  out.accounts.clear();
  for (const config::EmulatorAccountConfig& a : section.accounts) {
    out.accounts.push_back(
        emulator::EmulatorAccount{a.api_key, a.secret, a.passphrase, a.usdt_deposit, a.name});
  }
  const config::EmulatorFaultsConfig& f = section.faults;
  out.faults.seed = static_cast<std::uint64_t>(section.seed);
  out.faults.latency_ms = static_cast<int>(f.latency_ms);
  out.faults.latency_jitter_ms = static_cast<int>(f.latency_jitter_ms);
  out.faults.error_5xx_rate = f.error_5xx_rate;
  out.faults.burst_429_rate = f.burst_429_rate;
  out.faults.burst_429_requests = static_cast<int>(f.burst_429_requests);
  out.faults.drop_response_rate = f.drop_response_rate;
  out.faults.paths = f.paths;
  out.ws_faults.duplicate_pushes = f.ws_duplicate_pushes;
  out.ws_faults.reorder_pushes = f.ws_reorder_pushes;
  out.ws_faults.corrupt_book_checksums = static_cast<int>(f.ws_corrupt_book_checksums);
  out.ws_disconnect_interval = std::chrono::milliseconds(f.ws_disconnect_interval_ms);
  return out;
}

int RunEmulator(const GlobalOptions& options, const Io& io, const EmulatorArgs& args,
                const std::function<void()>& wait_for_stop) {
  config::EmulatorConfig section;
  if (options.config_file) {
    auto loaded = config::LoadConfigFile(*options.config_file);
    if (!loaded) {
      io.err << "bgt: " << loaded.error().message << '\n';
      return kExitInvalidConfig;
    }
    section = loaded->emulator;
  }
  if (args.port) section.port = *args.port;
  if (args.seed) section.seed = static_cast<std::int64_t>(*args.seed & INT64_MAX);
  std::optional<sigset_t> signals;
  if (!wait_for_stop) signals = BlockStopSignals();

  auto emu = emulator::Emulator::Start(ToEmulatorConfig(section));
  if (!emu) {
    io.err << "bgt: emulator: " << emu.error().ToString() << '\n';
    return kExitRuntimeFailure;
  }
  PrintBanner(options, io, **emu, section);
  if (wait_for_stop) {
    wait_for_stop();
  } else {
    int signal = 0;
    sigwait(&*signals, &signal);
    io.err << "bgt: emulator: stopping on signal " << signal << '\n';
  }
  (*emu)->Stop();
  return kExitOk;
}

void AddEmulatorCommand(CLI::App& app, std::vector<CommandEntry>& commands) {
  auto args = std::make_shared<EmulatorArgs>();
  CLI::App* cmd =
      app.add_subcommand("emulator",
                         "Run bgt's Bitget-compatible exchange emulator on 127.0.0.1 (REST + "
                         "WebSocket, test credentials printed) until SIGINT/SIGTERM")
          ->fallthrough();
  cmd->add_option("--port", args->port,
                  "TCP port (overrides emulator.port); 0 picks a free one (printed)")
      ->type_name("PORT");
  cmd->add_option("--seed", args->seed,
                  "Seed of the synthetic market and of the faults (overrides emulator.seed)")
      ->type_name("N");
  commands.push_back(CommandEntry{cmd, [args](const GlobalOptions& options, const Io& io) {
                                    return RunEmulator(options, io, *args);
                                  }});
}

}  // namespace bgt::app
