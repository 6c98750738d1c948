// `bgt account show|set-leverage|set-margin-mode|set-position-mode` and `bgt position
// list|close-all`: the account's balances, margin settings and positions. Every command needs
// the BITGET_API_* credentials; the ones that change the account first measure the clock offset
// to the venue and refuse to send while it exceeds venue.max_clock_skew_ms.
// Thread-safety: not thread-safe (commands run one at a time on the caller's thread).
#pragma once

#include <vector>

#include "app/cli_args.h"

namespace bgt::app {

// Adds the `account` group and its subcommands to `app` and their runners to `commands`.
// Returns the group (which prints its help when run without a subcommand).
CLI::App* AddAccountCommands(CLI::App& app, std::vector<CommandEntry>& commands);

// The same for the `position` group.
CLI::App* AddPositionCommands(CLI::App& app, std::vector<CommandEntry>& commands);

}  // namespace bgt::app
