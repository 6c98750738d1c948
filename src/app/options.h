// What every bgt command receives: the global options parsed by the CLI and the process's
// streams and environment (injected, so tests run commands in-process).
// Thread-safety: plain values; the streams are not synchronised.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include "config/config.h"
#include "config/credentials.h"

namespace bgt::app {

struct Io {
  std::ostream& out;      // command output (stdout)
  std::ostream& err;      // diagnostics and logs (stderr)
  config::EnvLookup env;  // the environment (credentials)
};

struct GlobalOptions {
  std::optional<std::filesystem::path> config_file;  // --config; none: built-in defaults
  bool json = false;                                 // --json
  std::optional<config::LogLevel> log_level;         // --log-level; overrides log.level
  std::optional<std::string> base_url;               // --base-url; overrides venue.rest_url
};

}  // namespace bgt::app
