#include "config/url.h"

#include <string>

#include "net/http.h"

namespace bgt::config {

using core::ErrorCode;
using core::MakeError;

core::Status CheckVenueUrl(std::string_view url, UrlKind kind) {
  auto parts = net::ParseUrl(url);
  if (!parts) return MakeError(ErrorCode::kConfig, parts.error().message);
  const bool rest = kind == UrlKind::kRest;
  const std::string_view secure = rest ? "https" : "wss";
  const std::string_view plain = rest ? "http" : "ws";
  if (parts->scheme == plain) {
    if (!parts->Loopback()) {
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
