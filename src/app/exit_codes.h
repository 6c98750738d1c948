// The exit codes of the bgt executable (documented in docs/cli.md and the `bgt --help` footer).
// Thread-safety: constants only.
#pragma once

namespace bgt::app {

enum ExitCode : int {
  kExitOk = 0,              // success (also --help, --version, no command)
  kExitRuntimeFailure = 1,  // the command could not do its work (I/O, log file, unexpected)
  kExitUsage = 2,           // bad flags or arguments; also a flatten asked for without --yes
  kExitInvalidConfig = 3,   // invalid configuration, including missing env credentials
  kExitVenueError = 4,      // the venue answered with an error (its code and message are printed)
  kExitNetwork = 5,         // venue unreachable, timed out, or the outcome is unknown
  kExitDenied = 6,          // refused locally before sending (contract rules, clock skew)
};

inline constexpr const char* kExitCodesHelp =
    "Exit codes:\n"
    "  0  success\n"
    "  1  runtime failure\n"
    "  2  usage error (bad flags or arguments; close-all without --yes)\n"
    "  3  invalid configuration (including missing BITGET_API_* credentials)\n"
    "  4  the venue answered with an error (its code and message are printed)\n"
    "  5  network: venue unreachable, timed out, or the outcome is unknown\n"
    "  6  refused locally before sending (Bitget would reject it; clock skew)";

}  // namespace bgt::app
