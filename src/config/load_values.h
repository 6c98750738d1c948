// Internal to src/config: value readers shared by the [run], [risk] and [strategy] sections
// (decimals, finite numbers, enums, symbol lists) and the mapping of an engine's own validation
// message ("field: problem" lines) onto key paths. Not a public header: it includes toml++.
// Thread-safety: pure functions; a reader belongs to one parse.
#pragma once

#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/load_internal.h"
#include "core/decimal.h"

namespace bgt::config::internal {

// `text` cut to 64 characters, with quotes, backslashes and non-printable bytes replaced by '?'.
std::string Echo(std::string_view text);

// A decimal written as "0.001" (exact), an integer, or a float (rounded to 12 decimals).
std::optional<core::Decimal> ReadDecimal(SectionReader& r, const toml::node& node,
                                         const std::string& path);

// An integer or a floating-point number, finite.
std::optional<double> ReadNumber(SectionReader& r, const toml::node& node, const std::string& path);

// One of `names` (exact spelling), parsed by `parse`.
template <typename E>
std::optional<E> ReadEnum(SectionReader& r, const toml::node& node, const std::string& path,
                          std::optional<E> (*parse)(std::string_view),
                          std::span<const std::string_view> names) {
  auto text = r.String(node, path);
  if (!text) return std::nullopt;
  std::optional<E> value = parse(*text);
  if (!value) {
    std::string expected;
    for (const std::string_view name : names) {
      expected += expected.empty() ? "" : ", ";
      expected += name;
    }
    r.Report(path, "unknown value \"" + Echo(*text) + "\" (expected one of: " + expected + ")");
  }
  return value;
}

// An array of distinct symbols (upper-case letters and digits, e.g. "BTCUSDT"), at most
// `max_symbols` of them; each bad item is reported at its index.
std::optional<std::vector<std::string>> ReadSymbols(SectionReader& r, const toml::node& node,
                                                    const std::string& path,
                                                    std::size_t max_symbols);

// A file path; "" is allowed (none), control characters are not.
std::optional<std::string> ReadPath(SectionReader& r, const toml::node& node,
                                    const std::string& path);

// Reports the problems of an engine's validation message under `section`. `problems` are the
// message's "fields: problem" parts ("fast_period: must be < slow_period",
// "rsi_oversold, rsi_overbought: need ..."); `keys` maps the engine's field names to config keys
// ({"order_window", "order_window_ms"}; unlisted names are keys themselves). A problem is
// reported at the first of its fields, or of the keys its text mentions, that the file sets
// (`present`), so it carries a line; otherwise at its first field.
void ReportProblems(SectionReader& r, const std::string& section,
                    const std::vector<std::string>& problems,
                    std::span<const std::pair<std::string_view, std::string_view>> keys,
                    const std::set<std::string, std::less<>>& present);

// The parts of a Validate() message: the text after `prefix` (when it starts with it), split at
// `separator`, trimmed, empty parts dropped.
std::vector<std::string> SplitProblems(std::string_view message, std::string_view prefix,
                                       std::string_view separator);

}  // namespace bgt::config::internal
