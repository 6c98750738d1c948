#include "config/credentials.h"

#include <algorithm>
#include <cstdlib>

namespace bgt::config {
namespace {

bool HasWhitespaceOrControl(std::string_view value) {
  return std::any_of(value.begin(), value.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f;
  });
}

std::string EnvPath(std::string_view name) { return "env " + std::string(name); }

}  // namespace

EnvLookup ProcessEnvironment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

core::Result<bitget::Credentials> LoadCredentials(const Config& config, const EnvLookup& env,
                                                  std::vector<Violation>* violations) {
  bitget::Credentials credentials;
  if (!RequiresCredentials(config.mode)) return credentials;

  std::vector<Violation> found;
  const std::string why = "required in mode \"" + std::string(ModeName(config.mode)) +
                          "\"; export it in the environment";
  auto read = [&](std::string_view name, core::Secret* out) {
    std::optional<std::string> value = env(name);
    if (!value.has_value()) {
      found.push_back({EnvPath(name), "not set (" + why + ")"});
    } else if (value->empty()) {
      found.push_back({EnvPath(name), "is empty (" + why + ")"});
    } else if (HasWhitespaceOrControl(*value)) {
      found.push_back(
          {EnvPath(name), "contains whitespace or control characters (a trailing newline?)"});
    } else {
      *out = core::Secret(std::move(*value));
    }
    if (value.has_value()) {
      // Do not leave a copy of the secret in freed memory.
      std::fill(value->begin(), value->end(), '\0');
    }
  };
  read(kApiKeyEnv, &credentials.api_key);
  read(kApiSecretEnv, &credentials.secret);
  read(kApiPassphraseEnv, &credentials.passphrase);

  if (found.empty()) return credentials;
  core::Error error = ViolationsError("the environment", found);
  if (violations != nullptr) violations->insert(violations->end(), found.begin(), found.end());
  return error;
}

}  // namespace bgt::config
