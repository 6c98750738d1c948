// The exit codes of the bgt executable (documented in docs/cli.md and the `bgt --help` footer).
// Thread-safety: constants only.
#pragma once

namespace bgt::app {

enum ExitCode : int {
  kExitOk = 0,              // success (also --help, --version, no command)
  kExitRuntimeFailure = 1,  // the command could not do its work (I/O, log file, unexpected)
  kExitUsage = 2,           // bad flags or arguments
  kExitInvalidConfig = 3,   // invalid configuration, including missing env credentials
};

inline constexpr const char* kExitCodesHelp =
    "Exit codes:\n"
    "  0  success\n"
    "  1  runtime failure\n"
    "  2  usage error (bad flags or arguments)\n"
    "  3  invalid configuration (including missing BITGET_API_* credentials)";

}  // namespace bgt::app
