#include "config/config.h"

#include <array>
#include <cstddef>

#include "config/enum_names.h"

namespace bgt::config {
namespace {

// Name tables indexed by the enum's underlying value; the enums are dense and start at 0.
constexpr std::array<std::string_view, 5> kModeNames = {"emulator", "live", "demo", "paper",
                                                        "backtest"};
constexpr std::array<std::string_view, 7> kLogLevelNames = {"trace", "debug",    "info", "warn",
                                                            "error", "critical", "off"};
constexpr std::array<std::string_view, 2> kProductTypeNames = {"USDT-FUTURES", "SUSDT-FUTURES"};
constexpr std::array<std::string_view, 2> kLocaleNames = {"en-US", "zh-CN"};

using internal::NameOf;
using internal::ParseName;

}  // namespace

std::string_view ModeName(Mode mode) { return NameOf(kModeNames, mode); }
std::string_view LogLevelName(LogLevel level) { return NameOf(kLogLevelNames, level); }
std::string_view ProductTypeName(ProductType type) { return NameOf(kProductTypeNames, type); }
std::string_view LocaleName(Locale locale) { return NameOf(kLocaleNames, locale); }

std::optional<Mode> ParseMode(std::string_view name) { return ParseName<Mode>(kModeNames, name); }
std::optional<LogLevel> ParseLogLevel(std::string_view name) {
  return ParseName<LogLevel>(kLogLevelNames, name);
}
std::optional<ProductType> ParseProductType(std::string_view name) {
  return ParseName<ProductType>(kProductTypeNames, name);
}
std::optional<Locale> ParseLocale(std::string_view name) {
  return ParseName<Locale>(kLocaleNames, name);
}

std::span<const std::string_view> ModeNames() { return kModeNames; }
std::span<const std::string_view> LogLevelNames() { return kLogLevelNames; }
std::span<const std::string_view> ProductTypeNames() { return kProductTypeNames; }
std::span<const std::string_view> LocaleNames() { return kLocaleNames; }

bool EmulatorAccountConfig::IsDocumentedTestAccount() const {
  const EmulatorAccountConfig test;
  return api_key == test.api_key && secret == test.secret && passphrase == test.passphrase;
}

bool RequiresCredentials(Mode mode) { return mode == Mode::kLive || mode == Mode::kDemo; }

std::string Violation::ToString() const {
  std::string out = path;
  if (!out.empty()) out += ": ";
  out += message;
  if (line != 0) {
    out += " (line ";
    out += std::to_string(line);
    if (column != 0) {
      out += ", column ";
      out += std::to_string(column);
    }
    out += ")";
  }
  return out;
}

core::Error ViolationsError(std::string_view source, const std::vector<Violation>& violations) {
  BGT_CHECK(!violations.empty(), "ViolationsError needs at least one violation");
  std::string message = "invalid configuration";
  if (!source.empty()) {
    message += " in ";
    message += source;
  }
  message += ": ";
  message += std::to_string(violations.size());
  message += violations.size() == 1 ? " violation" : " violations";
  for (const Violation& v : violations) {
    message += "\n  ";
    message += v.ToString();
  }
  return core::MakeError(core::ErrorCode::kConfig, std::move(message));
}

}  // namespace bgt::config
