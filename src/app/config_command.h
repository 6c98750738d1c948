// `bgt config show` and `bgt config check`: load and validate the configuration (file +
// environment) and print it, or print every violation.
// Thread-safety: not thread-safe (swaps spdlog's default logger while running).
#pragma once

#include "app/options.h"

namespace bgt::app {

// Prints the effective configuration (TOML, or JSON with --json) with credentials shown only as
// "***". Returns an ExitCode: 0, 3 when the configuration is invalid (violations on stderr, or
// on stdout as JSON), 1 when logging cannot start.
int RunConfigShow(const GlobalOptions& options, const Io& io);

// Prints "config OK" (or {"ok":true}) or every violation, on stdout. Returns 0, 3 or 1 as above.
int RunConfigCheck(const GlobalOptions& options, const Io& io);

}  // namespace bgt::app
