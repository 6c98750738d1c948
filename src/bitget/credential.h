// Bitget request signing (ACCESS-SIGN) and the authentication headers of a private request.
// Signing is a pure function of (timestamp, method, path, query, body, secret): no clock, no I/O.
// Key material lives in core::Secret and never appears in any string this file returns except
// the headers the venue needs (which callers must not log: see Header::sensitive).
// Thread-safety: all functions are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/secret.h"
#include "core/time.h"

namespace bgt::bitget {

// API credentials. All three fields are secrets: they print as "***".
struct Credentials {
  core::Secret api_key;
  core::Secret secret;
  core::Secret passphrase;

  bool complete() const { return !api_key.empty() && !secret.empty() && !passphrase.empty(); }
};

// prehash = timestamp + METHOD + path + ("?" + query when query is non-empty) + body.
// `method` must already be upper-case ("GET", "POST"); `query` is the exact query string sent,
// without the leading '?'; `body` is the exact JSON text sent (empty for GET).
std::string RestPrehash(std::string_view timestamp_ms, std::string_view method,
                        std::string_view path, std::string_view query, std::string_view body);

// Base64(HMAC-SHA256(key = secret, message)). Never fails for valid inputs; BGT_CHECKs OpenSSL.
std::string HmacSha256Base64(std::string_view message, const core::Secret& secret);

// ACCESS-SIGN of a REST request.
std::string SignRest(std::string_view timestamp_ms, std::string_view method, std::string_view path,
                     std::string_view query, std::string_view body, const core::Secret& secret);

// "sign" of the WebSocket login op: HMAC over timestamp_s + "GET" + "/user/verify" (seconds).
std::string SignWsLogin(std::string_view timestamp_s, const core::Secret& secret);

struct Header {
  std::string name;
  std::string value;
  bool sensitive = false;  // true for ACCESS-KEY/-SIGN/-PASSPHRASE: never log the value
};

struct HeaderOptions {
  std::string locale = "en-US";
  bool demo_trading = false;  // adds "paptrading: 1" (Bitget demo trading)
};

// Headers of a signed request, in this order: ACCESS-KEY, ACCESS-SIGN, ACCESS-TIMESTAMP (ms),
// ACCESS-PASSPHRASE, Content-Type: application/json, locale (omitted when empty), and
// "paptrading: 1" when demo. Error (kInvalidArgument, naming the field but never its value) when
// credentials are incomplete or the key/passphrase hold control characters, the method is not
// an upper-case HTTP method, the path does not start with '/', the query starts with '?', or the
// timestamp is not after the epoch.
core::Result<std::vector<Header>> SignedHeaders(const Credentials& credentials, core::Timestamp ts,
                                                std::string_view method, std::string_view path,
                                                std::string_view query, std::string_view body,
                                                const HeaderOptions& options = {});

// "name: value" lines joined by '\n', for logs; sensitive values are replaced by "***".
std::string RedactedHeaders(const std::vector<Header>& headers);

}  // namespace bgt::bitget
