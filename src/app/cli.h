// The bgt command line: parses arguments with CLI11 and runs the chosen command. main() is a
// thin wrapper, so tests run the whole CLI in-process with their own streams and environment.
// Thread-safety: not thread-safe (commands swap spdlog's default logger).
#pragma once

#include "app/options.h"

namespace bgt::app {

// "bgt <version>", the text `bgt --version` prints.
const char* VersionString();

// Runs `bgt` with `argv` (argv[0] is the program name). Returns an ExitCode (exit_codes.h):
// 2 for every CLI parse error, 0 for --help, --version and no command, otherwise the command's
// own code. Exceptions never escape: an unexpected one is reported on io.err and returns 1.
int Run(int argc, const char* const* argv, const Io& io);

}  // namespace bgt::app
