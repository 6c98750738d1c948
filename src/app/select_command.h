// `bgt select`: automatic pair selection against the venue. Fetches the contracts, tickers and
// funding rates, then open interest and recent candles for the symbols that pass the cheap
// filters, runs the [universe] selector (market/universe.h) and prints every symbol's verdict:
// the selected set and the ranking with scores, and for each dropped symbol the filter that
// dropped it with the values. No credentials are needed.
// Thread-safety: not thread-safe (commands run one at a time on the caller's thread).
#pragma once

#include <vector>

#include "app/cli_args.h"

namespace bgt::app {

// Adds the `select` command to `app` and its runner to `commands`.
CLI::App* AddSelectCommand(CLI::App& app, std::vector<CommandEntry>& commands);

}  // namespace bgt::app
