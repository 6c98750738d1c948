// The typed configuration of bgt and the one place its defaults live (the member initialisers
// below). Values come from a TOML file (load.h) and secrets only from the environment
// (credentials.h); nothing here holds a secret.
// Thread-safety: plain value types and pure functions; safe to share once built.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace bgt::config {

// Which ports the kernel is wired with (ARCHITECTURE.md §1).
enum class Mode : std::uint8_t { kEmulator, kLive, kDemo, kPaper, kBacktest };

enum class LogLevel : std::uint8_t { kTrace, kDebug, kInfo, kWarn, kError, kCritical, kOff };

// Bitget productType. SUSDT-FUTURES is the demo-trading product and needs demo trading.
enum class ProductType : std::uint8_t { kUsdtFutures, kSusdtFutures };

// Bitget "locale" header.
enum class Locale : std::uint8_t { kEnUs, kZhCn };

struct LogConfig {
  LogLevel level = LogLevel::kInfo;
  std::optional<std::string> file;  // none: log to stderr only

  friend bool operator==(const LogConfig&, const LogConfig&) = default;
};

struct VenueConfig {
  std::string rest_url = "https://api.bitget.com";
  std::string ws_public_url = "wss://ws.bitget.com/v2/ws/public";
  std::string ws_private_url = "wss://ws.bitget.com/v2/ws/private";
  ProductType product_type = ProductType::kUsdtFutures;
  std::string margin_coin = "USDT";
  Locale locale = Locale::kEnUs;
  bool demo_trading = false;  // sends "paptrading: 1"; always true in mode "demo"
  std::int64_t connect_timeout_ms = 5000;
  std::int64_t request_timeout_ms = 10000;
  std::int64_t max_clock_skew_ms = 2000;  // Bitget rejects requests more than 30 s off

  friend bool operator==(const VenueConfig&, const VenueConfig&) = default;
};

// The whole effective configuration. `Config{}` is the default configuration.
struct Config {
  Mode mode = Mode::kEmulator;
  LogConfig log;
  VenueConfig venue;

  friend bool operator==(const Config&, const Config&) = default;
};

// Inclusive bounds of the numeric settings, shared by the validator, the docs and the tests.
struct IntRange {
  std::int64_t min;
  std::int64_t max;
};
inline constexpr IntRange kConnectTimeoutMsRange{1, 60'000};
inline constexpr IntRange kRequestTimeoutMsRange{1, 120'000};
inline constexpr IntRange kMaxClockSkewMsRange{1, 30'000};

// Canonical spelling of each enum value as written in the TOML file ("emulator", "warn",
// "USDT-FUTURES", "en-US"); the Parse* functions accept exactly these strings (case-sensitive)
// and return nullopt for anything else.
std::string_view ModeName(Mode mode);
std::string_view LogLevelName(LogLevel level);
std::string_view ProductTypeName(ProductType type);
std::string_view LocaleName(Locale locale);
std::optional<Mode> ParseMode(std::string_view name);
std::optional<LogLevel> ParseLogLevel(std::string_view name);
std::optional<ProductType> ParseProductType(std::string_view name);
std::optional<Locale> ParseLocale(std::string_view name);

// Every accepted spelling, in declaration order (for help texts and error messages).
std::span<const std::string_view> ModeNames();
std::span<const std::string_view> LogLevelNames();
std::span<const std::string_view> ProductTypeNames();
std::span<const std::string_view> LocaleNames();

// True for the modes that talk to Bitget with an account: live, demo and paper.
bool RequiresCredentials(Mode mode);

// One problem found in the configuration or the environment.
struct Violation {
  std::string path;  // key path ("venue.rest_url"), "env BITGET_API_KEY", or "" for syntax
  std::string message;
  std::uint32_t line = 0;    // 1-based line in the config file; 0 when not tied to a line
  std::uint32_t column = 0;  // 1-based column, set for syntax errors only

  // "venue.rest_url: ... (line 7)", "syntax error: ... (line 3, column 9)".
  std::string ToString() const;

  friend bool operator==(const Violation&, const Violation&) = default;
};

// The single kConfig error that reports `violations` (which must not be empty): a headline naming
// `source` and the count, then one violation per line.
core::Error ViolationsError(std::string_view source, const std::vector<Violation>& violations);

}  // namespace bgt::config
