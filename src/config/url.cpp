#include "config/url.h"

#include <algorithm>
#include <array>

namespace bgt::config {
namespace {

using core::ErrorCode;
using core::MakeError;

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) {
  return IsAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), ToLower);
  return out;
}

core::Error Invalid(std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message));
}

bool ValidScheme(std::string_view scheme) {
  if (scheme.empty() || !IsAsciiAlpha(scheme.front())) return false;
  return std::all_of(scheme.begin(), scheme.end(), [](char c) {
    return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '+' || c == '-' || c == '.';
  });
}

bool ValidHostName(std::string_view host) {
  return !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
    return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '-' || c == '.';
  });
}

bool ValidIpv6Literal(std::string_view host) {
  return !host.empty() && std::all_of(host.begin(), host.end(),
                                      [](char c) { return IsHexDigit(c) || c == ':' || c == '.'; });
}

// Parses a decimal port in [1, 65535].
bool ParsePort(std::string_view text, std::uint16_t* port) {
  if (text.empty() || text.size() > 5) return false;
  std::uint32_t value = 0;
  for (char c : text) {
    if (!IsAsciiDigit(c)) return false;
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (value == 0 || value > 65535) return false;
  *port = static_cast<std::uint16_t>(value);
  return true;
}

}  // namespace

core::Result<UrlParts> SplitUrl(std::string_view url) {
  if (url.empty()) return Invalid("must not be empty");
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) {
      return Invalid("must be ASCII without spaces or control characters");
    }
  }
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || !ValidScheme(url.substr(0, scheme_end))) {
    return Invalid("must be an absolute URL starting with a scheme such as https://");
  }
  UrlParts parts;
  parts.scheme = Lower(url.substr(0, scheme_end));
  std::string_view rest = url.substr(scheme_end + 3);
  if (rest.find_first_of("?#") != std::string_view::npos) {
    return Invalid("must not have a query (?...) or a fragment (#...)");
  }
  const std::size_t authority_end = rest.find('/');
  std::string_view authority = rest.substr(0, authority_end);
  parts.path =
      authority_end == std::string_view::npos ? "" : std::string(rest.substr(authority_end));
  if (authority.find('@') != std::string_view::npos) {
    return Invalid(
        "must not contain user info (user:password@); credentials come from the "
        "environment");
  }
  std::string_view host;
  std::string_view port_text;
  bool has_port = false;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return Invalid("has an unterminated IPv6 address");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return Invalid("has characters after the IPv6 address");
      has_port = true;
      port_text = after.substr(1);
    }
    if (!ValidIpv6Literal(host)) return Invalid("has an invalid IPv6 address");
  } else {
    const std::size_t colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) {
      has_port = true;
      port_text = authority.substr(colon + 1);
    }
    if (host.empty()) return Invalid("has no host");
    if (!ValidHostName(host)) return Invalid("has an invalid host name");
  }
  if (has_port && !ParsePort(port_text, &parts.port)) {
    return Invalid("has an invalid port (expected 1..65535)");
  }
  parts.host = Lower(host);
  return parts;
}

bool IsLoopbackHost(std::string_view host) {
  return host == "127.0.0.1" || host == "::1" || host == "localhost";
}

core::Status CheckVenueUrl(std::string_view url, UrlKind kind) {
  auto parts = SplitUrl(url);
  if (!parts) return MakeError(ErrorCode::kConfig, parts.error().message);
  const bool rest = kind == UrlKind::kRest;
  const std::string_view secure = rest ? "https" : "wss";
  const std::string_view plain = rest ? "http" : "ws";
  if (parts->scheme == plain) {
    if (!IsLoopbackHost(parts->host)) {
      return MakeError(ErrorCode::kConfig, std::string(plain) +
                                               ":// (no TLS) is only allowed for a loopback host " +
                                               "(127.0.0.1, ::1, localhost); use " +
                                               std::string(secure) + ":// for " + parts->host);
    }
  } else if (parts->scheme != secure) {
    return MakeError(ErrorCode::kConfig, "scheme must be " + std::string(secure) + ":// (or " +
                                             std::string(plain) + ":// for a loopback host), not " +
                                             parts->scheme + "://");
  }
  if (rest && !parts->path.empty()) {
    return MakeError(ErrorCode::kConfig,
                     "must be an origin with no path, like https://api.bitget.com");
  }
  return core::Status::Ok();
}

}  // namespace bgt::config
