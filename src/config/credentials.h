// Bitget API credentials, read only from the environment (BITGET_API_KEY, BITGET_API_SECRET,
// BITGET_API_PASSPHRASE) and only for the modes that use an account. The environment is injected
// as a lookup function, so tests never call setenv.
// Thread-safety: LoadCredentials is pure given its lookup; ProcessEnvironment() reads the process
// environment and must not race with setenv.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bitget/credential.h"
#include "config/config.h"
#include "core/result.h"

namespace bgt::config {

inline constexpr std::string_view kApiKeyEnv = "BITGET_API_KEY";
inline constexpr std::string_view kApiSecretEnv = "BITGET_API_SECRET";
inline constexpr std::string_view kApiPassphraseEnv = "BITGET_API_PASSPHRASE";
inline constexpr std::array<std::string_view, 3> kCredentialEnvVars = {kApiKeyEnv, kApiSecretEnv,
                                                                       kApiPassphraseEnv};

// Returns the value of an environment variable, or nullopt when it is not set.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// The lookup over the real process environment (std::getenv).
EnvLookup ProcessEnvironment();

// The credentials `config.mode` needs. Modes live, demo and paper need all three variables: each
// one that is unset, empty, or holds whitespace/control characters (a stray newline from
// `$(cat file)`) is a violation naming the variable, never its value. Other modes never read the
// environment and get empty credentials. On failure returns Error kConfig listing every
// violation and, when `violations` is non-null, appends them there too.
core::Result<bitget::Credentials> LoadCredentials(const Config& config, const EnvLookup& env,
                                                  std::vector<Violation>* violations = nullptr);

}  // namespace bgt::config
