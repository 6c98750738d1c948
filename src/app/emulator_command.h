// `bgt emulator [--config FILE] [--port PORT] [--seed N]`: runs bgt's Bitget-compatible
// emulator on 127.0.0.1 with the config file's [emulator] section (port, seed, market speed,
// accounts, faults; --port and --seed override), prints its REST and WebSocket URLs and the
// accounts' API keys (the full credentials only for the documented test account), and serves
// until SIGINT or SIGTERM.
// Thread-safety: not thread-safe; RunEmulator blocks SIGINT/SIGTERM on the calling thread (and
// the server thread it starts) and waits for them there.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "app/cli_args.h"
#include "app/options.h"
#include "config/config.h"
#include "emulator/emulator.h"

namespace bgt::app {

struct EmulatorArgs {
  std::optional<std::uint16_t> port;  // overrides emulator.port; 0: any free port (printed)
  std::optional<std::uint64_t> seed;  // overrides emulator.seed (market and faults)
};

// The emulator's start-up configuration from the config file's [emulator] section.
emulator::EmulatorConfig ToEmulatorConfig(const config::EmulatorConfig& section);

// Starts the emulator and calls `wait_for_stop` (default: block until SIGINT or SIGTERM), then
// stops it. Returns an ExitCode: 0 after a clean stop, 3 for an invalid --config file, 1 when
// the port cannot be bound or the emulator cannot start.
int RunEmulator(const GlobalOptions& options, const Io& io, const EmulatorArgs& args,
                const std::function<void()>& wait_for_stop = {});

// Registers the `emulator` subcommand and its dispatch entry.
void AddEmulatorCommand(CLI::App& app, std::vector<CommandEntry>& commands);

}  // namespace bgt::app
