// Params: the parameters of one incoming REST request — the percent-decoded query string of a
// GET or the top-level fields of a POST's JSON object — with typed getters that fail the way
// Bitget does (HTTP 400: 40019 "Parameter x cannot be empty", 40017 for malformed JSON or a
// value of the wrong type or spelling; "Parameter x error"). Enum values are read
// case-insensitively. Thread-safety: value type; pure functions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/decimal.h"
#include "core/result.h"

namespace bgt::emulator {

// A Bitget-shaped rejection: kVenueRejected with venue_code `code` and HTTP 400.
core::Error VenueReject(std::string_view code, std::string message);

// Percent-decodes a query component ('+' stays '+'); malformed escapes are kept verbatim.
std::string PercentDecode(std::string_view text);

class Params {
 public:
  // name=value pairs split on '&'; names and values percent-decoded; later duplicates win.
  static Params FromQuery(std::string_view query);
  // An empty body gives no params. Error 40017 for text that is not a JSON object. Strings,
  // numbers, booleans and null are read as text; arrays and objects as their JSON text.
  static core::Result<Params> FromJsonBody(std::string_view body);

  // The value, or nullopt when absent, null or "".
  std::optional<std::string> Get(std::string_view name) const;
  // Error 40019 "Parameter <name> cannot be empty" when absent.
  core::Result<std::string> Require(std::string_view name) const;
  // Error 40019 when absent; 40017 "Parameter <name> error" when not a decimal / integer.
  core::Result<core::Decimal> RequireDecimal(std::string_view name) const;
  core::Result<std::optional<core::Decimal>> OptionalDecimal(std::string_view name) const;
  core::Result<std::optional<long long>> OptionalInt(std::string_view name) const;
  // The value parsed by `parse` (a model Parse* function), 40017 naming the field otherwise.
  template <typename T, typename ParseFn>
  core::Result<std::optional<T>> OptionalEnum(std::string_view name, ParseFn parse) const {
    const auto text = Get(name);
    if (!text) return std::optional<T>();
    auto value = parse(*text);
    if (!value) return VenueReject("40017", "Parameter " + std::string(name) + " error");
    return std::optional<T>(*value);
  }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace bgt::emulator
