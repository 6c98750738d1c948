// `bgt market contracts|tickers|candles|depth|open-interest|funding`: Bitget's public market
// data as tables or JSON. No credentials are needed.
// Thread-safety: not thread-safe (commands run one at a time on the caller's thread).
#pragma once

#include <vector>

#include "app/cli_args.h"

namespace bgt::app {

// Adds the `market` group and its subcommands to `app` and their runners to `commands`.
// Returns the group (which prints its help when run without a subcommand).
CLI::App* AddMarketCommands(CLI::App& app, std::vector<CommandEntry>& commands);

}  // namespace bgt::app
