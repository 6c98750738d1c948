// `bgt flatten`: the emergency exit — cancel every order (plan, trailing and TP/SL orders
// included), close every position at market, then read the account back and say whether it is
// flat (live::Flatten). Without --yes it only lists what it would cancel and close. Works
// against any Bitget-compatible server (--base-url), whether or not a node is running.
// Thread-safety: not thread-safe (commands run one at a time on the caller's thread).
#pragma once

#include <vector>

#include "app/cli_args.h"

namespace bgt::app {

// Adds `flatten` to `app` and its runner to `commands`. Exit codes: 0 when the read-back shows
// the account flat; 2 for the dry run (no --yes); 4 when something is still open after every
// round; 5 (or the failing read's code) when the account could not be read back.
CLI::App* AddFlattenCommand(CLI::App& app, std::vector<CommandEntry>& commands);

}  // namespace bgt::app
