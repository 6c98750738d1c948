// Plain HTTP message types and URL parsing shared by the HTTP client and server. No Beast or
// Asio here, so any layer above net/ can include it cheaply.
// Thread-safety: value types only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace bgt::net {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";  // upper-case
  std::string target = "/";    // path plus "?query" when there is one
  HeaderList headers;
  std::string body;

  // Value of the first header with this name (case-insensitive), or "".
  std::string_view Header(std::string_view name) const;
  std::string_view Path() const;   // target up to '?'
  std::string_view Query() const;  // after '?', or ""
};

struct HttpResponse {
  int status = 200;
  HeaderList headers;
  std::string body;

  std::string_view Header(std::string_view name) const;
};

// scheme://host[:port][/path]. Only http and https (and ws/wss for WebSocket URLs).
struct Url {
  std::string scheme;      // lower-case
  std::string host;        // lower-case, IPv6 literals without brackets
  std::uint16_t port = 0;  // defaulted from the scheme when absent
  std::string path;        // as written: "" or "/..." (no query)

  bool Tls() const { return scheme == "https" || scheme == "wss"; }
  bool Loopback() const;       // exactly 127.0.0.1, ::1 or localhost (no look-alikes)
  std::string Origin() const;  // "scheme://host:port"
};

// Parses an absolute http(s)/ws(s) URL (RFC 3986, via Boost.URL). Error (kInvalidArgument) for
// anything else, and for user info, a query or a fragment; messages never repeat the URL.
core::Result<Url> ParseUrl(std::string_view text);

bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace bgt::net
