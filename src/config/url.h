// Validation of the venue base URLs in the configuration. The rule that matters: TLS is never
// silently off for a remote host. https:// and wss:// are always allowed; http:// and ws:// only
// for a loopback host (127.0.0.1, ::1, localhost), which is where the emulator listens.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace bgt::config {

enum class UrlKind : std::uint8_t {
  kRest,       // https:// (http:// on loopback); an origin only: no path, query or fragment
  kWebSocket,  // wss:// (ws:// on loopback); a path is allowed, no query or fragment
};

// The parts of an absolute URL that the checks need. Host is lower-case, without IPv6 brackets.
struct UrlParts {
  std::string scheme;  // lower-case
  std::string host;
  std::uint16_t port = 0;  // 0 when the URL names no port
  std::string path;        // "" or starting with '/'
};

// Splits `url` into its parts. Error (kInvalidArgument) for anything that is not a plain
// absolute URL: spaces, control or non-ASCII characters, no scheme, empty host, a bad port,
// user info ("user:pass@"), a query or a fragment. Error messages never repeat the URL.
core::Result<UrlParts> SplitUrl(std::string_view url);

// True for exactly 127.0.0.1, ::1 and localhost (host as returned by SplitUrl).
bool IsLoopbackHost(std::string_view host);

// OK when `url` is acceptable for `kind`; otherwise an Error (kConfig) whose message says what
// is wrong and how to fix it, without repeating the URL (it could hold credentials).
core::Status CheckVenueUrl(std::string_view url, UrlKind kind);

}  // namespace bgt::config
