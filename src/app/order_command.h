// `bgt order place|cancel|cancel-all|list|show`: orders on the venue. Every command needs the
// BITGET_API_* credentials. `order place` first loads the symbol's contract and its mark price
// and refuses locally (model::ValidateOrder: precision, minimum size and notional, price band,
// symbol status) any order Bitget would reject, so nothing leaves bgt that the venue would
// refuse for those reasons; commands that change orders measure the clock offset first.
// Thread-safety: not thread-safe (commands run one at a time on the caller's thread).
#pragma once

#include <string>
#include <vector>

#include "app/cli_args.h"
#include "core/time.h"

namespace bgt::app {

// Adds the `order` group and its subcommands to `app` and their runners to `commands`.
// Returns the group (which prints its help when run without a subcommand).
CLI::App* AddOrderCommands(CLI::App& app, std::vector<CommandEntry>& commands);

// A fresh client order id, "bgt-<ms>-<pid>-<n>" (n counts within the process): unique per
// process and millisecond, at most 50 characters of [A-Za-z0-9-].
std::string NewClientOid(core::Timestamp now);

}  // namespace bgt::app
