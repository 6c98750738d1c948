// The typed configuration of bgt and the one place its defaults live (the member initialisers
// below). Values come from a TOML file (load.h) and secrets only from the environment
// (credentials.h); nothing here holds a Bitget secret (only the emulator's own accounts, which
// are never printed unless they are the documented test account).
// Thread-safety: plain value types and pure functions; safe to share once built.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/int_range.h"
#include "config/run_config.h"
#include "config/strategy_config.h"
#include "config/universe_config.h"
#include "core/result.h"
#include "risk/risk_config.h"

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

// One account of `bgt emulator` ([[emulator.accounts]]). The defaults are the documented test
// account, whose values are not secrets; the secret and passphrase of any other account are
// never printed (dumps show only name, api_key and usdt_deposit).
struct EmulatorAccountConfig {
  std::string name = "default";
  std::string api_key = "bgt-test-key";
  std::string secret = "bgt-test-secret";
  std::string passphrase = "bgt-test-passphrase";
  std::string usdt_deposit = "100000";  // decimal text, > 0

  // True for the documented test account (whose credentials may be printed).
  bool IsDocumentedTestAccount() const;

  friend bool operator==(const EmulatorAccountConfig&, const EmulatorAccountConfig&) = default;
};

// Misbehaviour injected by the emulator ([emulator.faults]); everything is off by default.
struct EmulatorFaultsConfig {
  std::int64_t latency_ms = 0;                 // added to every REST answer in scope
  std::int64_t latency_jitter_ms = 0;          // plus uniform [0, jitter]
  double error_5xx_rate = 0;                   // share of REST requests answered 502/503, [0, 1]
  double burst_429_rate = 0;                   // share of REST requests opening a burst of HTTP 429
  std::int64_t burst_429_requests = 5;         // requests answered 429 by one burst
  double drop_response_rate = 0;               // share of accepted POSTs whose answer is dropped
  std::vector<std::string> paths;              // REST paths in scope ("/api/v2/..."); empty: all
  bool ws_duplicate_pushes = false;            // every WebSocket push is sent twice
  bool ws_reorder_pushes = false;              // WebSocket pushes arrive pairwise swapped
  std::int64_t ws_corrupt_book_checksums = 0;  // the first N `books` updates carry a bad checksum
  std::int64_t ws_disconnect_interval_ms = 0;  // drop every WebSocket this often; 0: never

  friend bool operator==(const EmulatorFaultsConfig&, const EmulatorFaultsConfig&) = default;
};

// `bgt emulator` ([emulator]).
struct EmulatorConfig {
  std::string bind_address = "127.0.0.1";  // a loopback address
  std::int64_t port = 0;                   // 0: any free port
  std::int64_t seed = 1;                   // market generator and fault seed
  std::int64_t history_days = 400;         // candle history before start-up
  // Market time runs `speed` times faster than wall time (60: one market minute per wall
  // second). Authentication timestamp windows always use wall time.
  double speed = 1.0;
  bool rate_limits = true;  // enforce Bitget's per-endpoint limits (HTTP 429)
  std::vector<EmulatorAccountConfig> accounts = {EmulatorAccountConfig{}};
  EmulatorFaultsConfig faults;

  friend bool operator==(const EmulatorConfig&, const EmulatorConfig&) = default;
};

// The whole effective configuration. `Config{}` is the default configuration.
struct Config {
  Mode mode = Mode::kEmulator;
  LogConfig log;
  VenueConfig venue;
  EmulatorConfig emulator;
  UniverseConfig universe;  // pair selection (universe_config.h)
  RunConfig run;            // `bgt run` (run_config.h)
  // Risk limits ([risk]); the defaults are risk::RiskConfig::Defaults().
  risk::RiskConfig risk = risk::RiskConfig::Defaults();
  StrategyConfig strategy;  // the strategies `bgt run` trades (strategy_config.h)

  friend bool operator==(const Config&, const Config&) = default;
};

// Inclusive bounds of the numeric settings, shared by the validator, the docs and the tests.
inline constexpr IntRange kConnectTimeoutMsRange{1, 60'000};
inline constexpr IntRange kRequestTimeoutMsRange{1, 120'000};
inline constexpr IntRange kMaxClockSkewMsRange{1, 30'000};
inline constexpr IntRange kEmulatorPortRange{0, 65'535};
inline constexpr IntRange kEmulatorSeedRange{0, INT64_MAX};
inline constexpr IntRange kEmulatorHistoryDaysRange{1, 3'650};
inline constexpr IntRange kFaultLatencyMsRange{0, 60'000};
inline constexpr IntRange kBurst429RequestsRange{1, 100'000};
inline constexpr IntRange kCorruptChecksumsRange{0, 1'000'000};
inline constexpr IntRange kWsDisconnectIntervalMsRange{0, 86'400'000};
// [risk] integer limits (risk::RiskConfig::Validate checks the rest).
inline constexpr IntRange kRiskMaxLeverageRange{1, 125};
inline constexpr IntRange kRiskMaxOpenPositionsRange{1, 10'000};
inline constexpr IntRange kRiskMaxOrdersRange{1, 1'000'000};
inline constexpr IntRange kRiskOrderWindowMsRange{1, 86'400'000};
// Bounds of emulator.speed: > kMinEmulatorSpeed (exclusive) and <= kMaxEmulatorSpeed.
inline constexpr double kMinEmulatorSpeed = 0.0;
inline constexpr double kMaxEmulatorSpeed = 100'000.0;

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
