#include "app/cli_args.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/check.h"

namespace bgt::app {
namespace {

constexpr std::string_view kTimeForms =
    "expected milliseconds since the epoch or ISO-8601 UTC such as 2024-01-31, "
    "2024-01-31T12:00, 2024-01-31T12:00:05Z or 2024-01-31T12:00:05.250Z";

// Reads exactly `digits` decimal digits at `pos`, advancing it.
std::optional<int> Digits(std::string_view text, std::size_t& pos, std::size_t digits) {
  if (pos + digits > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += digits;
  return value;
}

bool Take(std::string_view text, std::size_t& pos, char c) {
  if (pos < text.size() && text[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

std::optional<core::Timestamp> ParseIso(std::string_view text) {
  std::size_t pos = 0;
  const auto year = Digits(text, pos, 4);
  if (!year || !Take(text, pos, '-')) return std::nullopt;
  const auto month = Digits(text, pos, 2);
  if (!month || !Take(text, pos, '-')) return std::nullopt;
  const auto day = Digits(text, pos, 2);
  if (!day) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*year),
                                         std::chrono::month(static_cast<unsigned>(*month)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  std::int64_t millis = 0;
  if (Take(text, pos, 'T') || Take(text, pos, ' ')) {
    const auto hour = Digits(text, pos, 2);
    if (!hour || !Take(text, pos, ':')) return std::nullopt;
    const auto minute = Digits(text, pos, 2);
    if (!minute || *hour > 23 || *minute > 59) return std::nullopt;
    int second = 0;
    int fraction_ms = 0;
    if (Take(text, pos, ':')) {
      const auto s = Digits(text, pos, 2);
      if (!s || *s > 59) return std::nullopt;
      second = *s;
      if (Take(text, pos, '.')) {
        const auto ms = Digits(text, pos, 3);
        if (!ms) return std::nullopt;
        fraction_ms = *ms;
      }
    }
    millis = ((static_cast<std::int64_t>(*hour) * 60 + *minute) * 60 + second) * 1000 + fraction_ms;
    if (!Take(text, pos, 'Z') && text.substr(pos) == "+00:00") pos = text.size();
  }
  if (pos != text.size()) return std::nullopt;
  const std::chrono::sys_days days(date);
  const std::int64_t day_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(days.time_since_epoch()).count();
  return core::Timestamp::FromMillis(day_ms + millis);
}

}  // namespace

core::Result<core::Timestamp> ParseTimeArg(std::string_view text) {
  const bool all_digits =
      !text.empty() && text.size() <= 15 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (all_digits) return core::Timestamp::FromMillis(std::stoll(std::string(text)));
  if (auto parsed = ParseIso(text)) return *parsed;
  return core::MakeError(
      core::ErrorCode::kInvalidArgument,
      "not a time: " + std::string(text.substr(0, 40)) + " (" + std::string(kTimeForms) + ")");
}

CLI::Validator PositiveDecimal() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        auto value = core::Decimal::Parse(text);
        if (!value) return "not a decimal number: " + value.error().message;
        if (!value->IsPositive()) return "must be greater than 0";
        return {};
      },
      "", "positive decimal");
}

CLI::Validator TimeArg() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        auto value = ParseTimeArg(text);
        return value ? std::string() : value.error().message;
      },
      "", "time");
}

CLI::Validator SymbolArg() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return {};
      },
      "", "symbol");
}

core::Decimal DecimalArg(const std::string& text) {
  auto value = core::Decimal::Parse(text);
  BGT_CHECK(value.has_value(), "DecimalArg on an unvalidated option");
  return *value;
}

}  // namespace bgt::app
