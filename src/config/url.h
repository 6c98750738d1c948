// Validation of the venue base URLs in the configuration. The rule that matters: TLS is never
// silently off for a remote host. https:// and wss:// are always allowed; http:// and ws:// only
// for a loopback host (127.0.0.1, ::1, localhost), which is where the emulator listens.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.h"

namespace bgt::config {

enum class UrlKind : std::uint8_t {
  kRest,       // https:// (http:// on loopback); an origin only: no path, query or fragment
  kWebSocket,  // wss:// (ws:// on loopback); a path is allowed, no query or fragment
};

// OK when `url` is acceptable for `kind`; otherwise an Error (kConfig) whose message says what
// is wrong and how to fix it, without repeating the URL (it could hold credentials).
core::Status CheckVenueUrl(std::string_view url, UrlKind kind);

}  // namespace bgt::config
