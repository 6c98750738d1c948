// Loading the configuration: TOML text or a file -> a validated Config, and the combined
// Settings (Config + the environment's credentials) the executable starts from. Every violation
// is collected (unknown keys, wrong types, out-of-range numbers, bad enum values, unsafe URLs,
// secrets written in the file, missing credentials) and reported at once; nothing throws.
// Thread-safety: pure functions of their inputs (LoadConfigFile reads the file system).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "bitget/credential.h"
#include "config/config.h"
#include "config/credentials.h"
#include "core/result.h"

namespace bgt::config {

// Files larger than this are rejected before parsing.
inline constexpr std::uintmax_t kMaxConfigFileBytes = 1 << 20;

// Parses and validates TOML text; missing keys take the defaults of config.h, so "" is valid.
// On failure returns one Error kConfig (headline naming `source_name`, then one violation per
// line) and, when `violations` is non-null, appends the structured violations, sorted by line.
core::Result<Config> ParseConfig(std::string_view toml_text,
                                 std::vector<Violation>* violations = nullptr,
                                 std::string_view source_name = "<string>");

// ParseConfig on the contents of `path`. A missing, unreadable, non-regular or oversized file is
// a violation (Error kConfig) too.
core::Result<Config> LoadConfigFile(const std::filesystem::path& path,
                                    std::vector<Violation>* violations = nullptr);

// What the executable starts from.
struct Settings {
  Config config;
  bitget::Credentials credentials;
};

// The config file (all defaults when `file` is nullopt) plus LoadCredentials. Config and
// credential violations are reported together in one Error kConfig (the credentials are
// checked whenever the file named a valid mode, even if other keys were wrong).
core::Result<Settings> LoadSettings(const std::optional<std::filesystem::path>& file,
                                    const EnvLookup& env,
                                    std::vector<Violation>* violations = nullptr);

}  // namespace bgt::config
