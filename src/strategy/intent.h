// Intents: what a strategy wants, in typed form, for risk and execution to turn into orders
// (or refuse). A strategy never places orders itself. Prices and sizes are Decimal.
// Thread-safety: plain value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/decimal.h"
#include "core/time.h"

namespace bgt::strategy {

enum class Side : std::uint8_t { kLong, kShort };

// "long", "short".
std::string_view ToString(Side side);

// Hold this position: `value` signed (> 0 long, < 0 short, 0 flat), in base coin or as a
// fraction of the strategy's equity (notional / equity; 0.5 = half the equity, long).
struct TargetPosition {
  enum class Unit : std::uint8_t { kBaseSize, kEquityFraction };
  std::string symbol;
  Unit unit = Unit::kBaseSize;
  core::Decimal value;

  friend bool operator==(const TargetPosition&, const TargetPosition&) = default;
};

// Open a position on `side`, protected by a stop (and optionally a take-profit) price. Risk sizes
// it from the stop distance.
struct Entry {
  std::string symbol;
  Side side = Side::kLong;
  core::Decimal stop;
  std::optional<core::Decimal> take_profit;
  std::string reason;  // "ema 20/50 cross up", for the journal

  friend bool operator==(const Entry&, const Entry&) = default;
};

// Close the whole position in `symbol`.
struct Exit {
  std::string symbol;
  std::string reason;  // "trailing stop 101.5 hit"

  friend bool operator==(const Exit&, const Exit&) = default;
};

// Move the protective stop of the open position (trailing stops).
struct StopUpdate {
  std::string symbol;
  core::Decimal stop;

  friend bool operator==(const StopUpdate&, const StopUpdate&) = default;
};

using IntentBody = std::variant<TargetPosition, Entry, Exit, StopUpdate>;

// An intent as collected by the StrategyContext: who wanted it and when.
struct Intent {
  std::string strategy_id;
  core::Timestamp ts;
  IntentBody body;

  friend bool operator==(const Intent&, const Intent&) = default;
};

const std::string& SymbolOf(const IntentBody& body);
// "entry", "exit", "target", "stop_update".
std::string_view KindOf(const IntentBody& body);

}  // namespace bgt::strategy
