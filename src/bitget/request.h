// EncodedRequest: a Bitget REST request reduced to what goes on the wire — which endpoint, the
// query parameters (GET) and the exact JSON body (POST). Encoders (encode_requests.h) produce it
// from typed requests; RestClient signs and sends it. The signature covers exactly
// QueryString() and body, so what is signed is what is sent.
// Thread-safety: value types and pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bitget/endpoints.h"

namespace bgt::bitget {

struct QueryParam {
  std::string key;
  std::string value;
  friend bool operator==(const QueryParam&, const QueryParam&) = default;
};

struct EncodedRequest {
  Endpoint endpoint = Endpoint::kServerTime;
  std::vector<QueryParam> query;  // GET only; empty values are dropped by QueryString()
  std::string body;               // POST only: the exact JSON text; empty for GET

  // "k1=v1&k2=v2" with keys in ascending byte order (as Bitget's docs sign them and ccxt
  // sends them), RFC 3986 unreserved characters verbatim and everything else percent-encoded;
  // params with an empty value are left out. "" when there are none (then no '?' is sent or
  // signed).
  std::string QueryString() const;
  // Path plus "?" + QueryString() when the query is not empty.
  std::string Target() const;
};

// Percent-encodes everything except RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~).
std::string PercentEncode(std::string_view text);

}  // namespace bgt::bitget
