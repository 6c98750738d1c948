// Query-string and JSON-body parameters of incoming REST requests.
#include "emulator/request_params.h"

#include <boost/json.hpp>
#include <charconv>

namespace bgt::emulator {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

core::Error VenueReject(std::string_view code, std::string message) {
  return core::Error{core::ErrorCode::kVenueRejected, std::move(message), std::string(code), 400};
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int hi = HexValue(text[i + 1]);
      const int lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

Params Params::FromQuery(std::string_view query) {
  Params params;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    const std::string name = PercentDecode(pair.substr(0, eq));
    const std::string value =
        eq == std::string_view::npos ? std::string() : PercentDecode(pair.substr(eq + 1));
    params.values_[name] = value;
  }
  return params;
}

core::Result<Params> Params::FromJsonBody(std::string_view body) {
  Params params;
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return params;
  boost::system::error_code ec;
  const boost::json::value root = boost::json::parse(body, ec);
  if (ec || !root.is_object()) {
    return VenueReject("40017", "Parameter verification failed: the body is not a JSON object");
  }
  for (const auto& [key, value] : root.as_object()) {
    const std::string name(key);
    if (value.is_string()) {
      params.values_[name] = std::string(value.as_string());
    } else if (value.is_null()) {
      params.values_[name] = "";
    } else if (value.is_bool()) {
      params.values_[name] = value.as_bool() ? "true" : "false";
    } else if (value.is_double()) {
      // The shortest fixed-notation text that reads back as the same double ("0.01", not
      // Boost's "1E-2"). Clients that care about exact decimals send strings, as Bitget asks.
      char buffer[400];
      const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value.as_double(),
                                              std::chars_format::fixed);
      params.values_[name] = error == std::errc() ? std::string(buffer, end) : std::string("NaN");
    } else {
      // Integers as their text; arrays and objects as JSON text (scalar getters reject them).
      params.values_[name] = boost::json::serialize(value);
    }
  }
  return params;
}

std::optional<std::string> Params::Get(std::string_view name) const {
  const auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

core::Result<std::string> Params::Require(std::string_view name) const {
  auto value = Get(name);
  if (!value) return VenueReject("40019", "Parameter " + std::string(name) + " cannot be empty");
  return *value;
}

core::Result<core::Decimal> Params::RequireDecimal(std::string_view name) const {
  auto text = Require(name);
  if (!text) return text.error();
  auto value = core::Decimal::Parse(*text);
  if (!value) return VenueReject("40017", "Parameter " + std::string(name) + " error");
  return *value;
}

core::Result<std::optional<core::Decimal>> Params::OptionalDecimal(std::string_view name) const {
  const auto text = Get(name);
  if (!text) return std::optional<core::Decimal>();
  auto value = core::Decimal::Parse(*text);
  if (!value) return VenueReject("40017", "Parameter " + std::string(name) + " error");
  return std::optional<core::Decimal>(*value);
}

core::Result<std::optional<long long>> Params::OptionalInt(std::string_view name) const {
  const auto text = Get(name);
  if (!text) return std::optional<long long>();
  long long value = 0;
  const char* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end) {
    return VenueReject("40017", "Parameter " + std::string(name) + " error");
  }
  return std::optional<long long>(value);
}

}  // namespace bgt::emulator
