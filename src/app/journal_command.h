// `bgt journal orders|fills|positions|equity|events --file FILE`: reads the node's SQLite
// journal (store::Journal) and prints the newest rows as a table, or with --json one JSON
// document. Filters: --symbol, --since (a time as --from takes), --limit, --open (orders).
// Thread-safety: not thread-safe (commands run one at a time on the caller's thread).
#pragma once

#include <vector>

#include "app/cli_args.h"

namespace bgt::app {

// Adds the `journal` group to `app` and its runners to `commands`. Exit codes: 0; 1 when the
// file is missing or not a readable journal.
CLI::App* AddJournalCommands(CLI::App& app, std::vector<CommandEntry>& commands);

}  // namespace bgt::app
