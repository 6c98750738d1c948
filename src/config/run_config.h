// The [run] section of the config file: what `bgt run` trades and how it starts and stops (the
// mode itself is the top-level `mode`). Defaults live in the member initialisers below. Keys (all
// optional):
//   symbols (array of symbols; empty = automatic pair selection by [universe])
//   duration_s (0..31536000; 0 = until SIGINT/SIGTERM), on_stop ("flatten" | "leave"),
//   adopted_positions ("manage" | "leave"), journal, summary (paths; "" = none),
//   status_interval_s (1..3600), granularity (Bitget spelling, fixed length, with a WebSocket
//   channel), history_bars (10..1000), leverage (1..125, <= risk.max_leverage),
//   margin_mode ("crossed" | "isolated"), paper_balance (decimal USDT > 0, mode "paper" only),
//   rest_poll_interval_s (1..3600), emulator_speed (> 0, <= 100000; mode "emulator")
// Thread-safety: plain value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/int_range.h"
#include "core/decimal.h"
#include "model/candle.h"
#include "model/order_types.h"

namespace bgt::config {

// What the node does with its orders and positions when it stops.
enum class OnStop : std::uint8_t {
  kFlatten,  // cancel every order and close every position, then verify the account is flat
  kLeave,    // leave orders and positions as they are
};

// What the node does with positions found at start that bgt did not open.
enum class AdoptedPositions : std::uint8_t {
  kManage,  // adopt them: risk limits, exits and on_stop apply as to bgt's own positions
  kLeave,   // leave them untouched
};

struct RunConfig {
  std::vector<std::string> symbols;  // empty: automatic pair selection ([universe])
  std::int64_t duration_s = 0;       // 0: until SIGINT/SIGTERM
  OnStop on_stop = OnStop::kFlatten;
  AdoptedPositions adopted_positions = AdoptedPositions::kManage;
  std::string journal = "bgt-journal.db";   // SQLite journal; "" = none
  std::string summary = "bgt-summary.txt";  // summary file written at the end; "" = none
  std::int64_t status_interval_s = 5;
  model::Granularity granularity = model::Granularity::k1m;  // bars the strategies trade on
  int history_bars = 200;  // closed bars fed to the strategies before trading (warm-up)
  int leverage = 5;        // set on every traded symbol
  model::MarginMode margin_mode = model::MarginMode::kCrossed;
  core::Decimal paper_balance = core::Decimal::FromInt(10'000);  // USDT of the paper account
  std::int64_t rest_poll_interval_s = 5;  // REST reconciliation while the private WS is down
  // Mode "emulator": market time per wall time of the in-process emulator (60: a market minute
  // per wall second, so `make run` sees trading within minutes). [emulator].speed is for
  // `bgt emulator`.
  double emulator_speed = 60.0;

  friend bool operator==(const RunConfig&, const RunConfig&) = default;
};

inline constexpr IntRange kRunDurationSRange{0, 31'536'000};
inline constexpr IntRange kStatusIntervalSRange{1, 3'600};
inline constexpr IntRange kHistoryBarsRange{10, 1'000};
inline constexpr IntRange kRunLeverageRange{1, 125};
inline constexpr IntRange kRestPollIntervalSRange{1, 3'600};
inline constexpr std::size_t kMaxRunSymbols = 1'000;

// Canonical spellings ("flatten", "leave"; "manage", "leave"); the Parse* functions accept
// exactly these (case-sensitive) and return nullopt for anything else.
std::string_view OnStopName(OnStop value);
std::string_view AdoptedPositionsName(AdoptedPositions value);
std::optional<OnStop> ParseOnStop(std::string_view name);
std::optional<AdoptedPositions> ParseAdoptedPositions(std::string_view name);
std::span<const std::string_view> OnStopNames();
std::span<const std::string_view> AdoptedPositionsNames();

}  // namespace bgt::config
