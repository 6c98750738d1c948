// `bgt run`: runs the trading node (live::Node) in the config's mode. In "emulator" mode (the
// default) bgt starts its Bitget-compatible emulator in-process on a free loopback port, with
// the generated market on a fast market clock (--speed), and trades it through the real adapter
// with the emulator's test account; "live" and "demo" trade Bitget with BITGET_API_* keys.
// Pairs are selected automatically (market/universe.h) unless --symbols names them. The node
// runs for --duration (0: until SIGINT/SIGTERM), then flattens (unless --no-flatten) and
// prints a summary, also written to --summary.
// Thread-safety: not thread-safe; blocks SIGINT/SIGTERM on the calling thread while running.
#pragma once

#include <vector>

#include "app/cli_args.h"

namespace bgt::app {

// Adds `run` to `app` and its runner to `commands`.
CLI::App* AddRunCommand(CLI::App& app, std::vector<CommandEntry>& commands);

}  // namespace bgt::app
