// `bgt emulator`: the Bitget-compatible emulator as a foreground process.
#include "app/emulator_command.h"

#include <pthread.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <csignal>
#include <memory>

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
                 const emulator::EmulatorAccount& account) {
  if (options.json) {
    boost::json::object o;
    o["rest_url"] = emu.RestUrl();
    o["ws_public_url"] = emu.WsUrl() + "/v2/ws/public";
    o["ws_private_url"] = emu.WsUrl() + "/v2/ws/private";
    o["port"] = emu.port();
    o["api_key"] = account.api_key;
    o["api_secret"] = account.secret;
    o["api_passphrase"] = account.passphrase;
    io.out << boost::json::serialize(o) << std::endl;
    return;
  }
  io.out << "bgt emulator listening on port " << emu.port() << "\n"
         << "  REST        " << emu.RestUrl() << "\n"
         << "  WS public   " << emu.WsUrl() << "/v2/ws/public\n"
         << "  WS private  " << emu.WsUrl() << "/v2/ws/private\n"
         << "  test API key (documented defaults, not secrets):\n"
         << "    BITGET_API_KEY=" << account.api_key << "\n"
         << "    BITGET_API_SECRET=" << account.secret << "\n"
         << "    BITGET_API_PASSPHRASE=" << account.passphrase << "\n"
         << "Stop with Ctrl-C (SIGINT) or SIGTERM." << std::endl;
}

}  // namespace

int RunEmulator(const GlobalOptions& options, const Io& io, const EmulatorArgs& args,
                const std::function<void()>& wait_for_stop) {
  if (options.config_file) {
    auto config = config::LoadConfigFile(*options.config_file);
    if (!config) {
      io.err << "bgt: " << config.error().message << '\n';
      return kExitInvalidConfig;
    }
  }
  std::optional<sigset_t> signals;
  if (!wait_for_stop) signals = BlockStopSignals();

  emulator::EmulatorConfig config;
  config.port = args.port;
  config.seed = args.seed;
  auto emu = emulator::Emulator::Start(config);
  if (!emu) {
    io.err << "bgt: emulator: " << emu.error().ToString() << '\n';
    return kExitRuntimeFailure;
  }
  PrintBanner(options, io, **emu, config.accounts.front());
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
  cmd->add_option("--port", args->port, "TCP port; 0 picks a free one (printed)")
      ->type_name("PORT");
  cmd->add_option("--seed", args->seed, "Seed of the synthetic market")->type_name("N");
  commands.push_back(CommandEntry{cmd, [args](const GlobalOptions& options, const Io& io) {
                                    return RunEmulator(options, io, *args);
                                  }});
}

}  // namespace bgt::app
