// Argument helpers shared by the venue commands: CLI11 validators for decimals, times and
// symbols, the time parser behind --from/--to, and the registry entry of one command.
// Thread-safety: pure functions; validators hold no state.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "app/options.h"
#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"

namespace bgt::app {

// One runnable leaf command: runs when `app` was the subcommand parsed.
struct CommandEntry {
  CLI::App* app = nullptr;
  std::function<int(const GlobalOptions&, const Io&)> run;
};

// A time for --from/--to: integer milliseconds since the Unix epoch ("1700000000000"), or
// ISO-8601 UTC: "2024-01-31", "2024-01-31T12:00", "2024-01-31T12:00:05", "2024-01-31T12:00:05.250"
// with an optional trailing "Z" (or "+00:00"); a space may replace the 'T'. Other offsets are
// refused. Error (kInvalidArgument) saying which forms are accepted.
core::Result<core::Timestamp> ParseTimeArg(std::string_view text);

// A decimal > 0, written as bgt parses it (core::Decimal::Parse): "0.001", "29000.5". Use with
// type_name("DECIMAL").
CLI::Validator PositiveDecimal();
// ParseTimeArg.
CLI::Validator TimeArg();
// Upper-cases the symbol ("btcusdt" -> "BTCUSDT"); the encoder checks the rest.
CLI::Validator SymbolArg();

// The value of an option that passed PositiveDecimal (aborts through BGT_CHECK otherwise).
core::Decimal DecimalArg(const std::string& text);

}  // namespace bgt::app
