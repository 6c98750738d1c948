#include "bitget/credential.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <climits>
#include <string>

#include "core/check.h"

namespace bgt::bitget {
namespace {

constexpr std::size_t kSha256Bytes = 32;
// Base64 of 32 bytes: 4 * ceil(32 / 3) = 44 characters, plus the NUL EVP_EncodeBlock writes.
constexpr std::size_t kSha256Base64Chars = 44;

// The HTTP methods Bitget's REST API uses. Case matters: the prehash carries the method verbatim
// and the venue signs the upper-case form.
bool IsUpperCaseHttpMethod(std::string_view method) {
  return method == "GET" || method == "POST" || method == "PUT" || method == "DELETE";
}

// True when `value` can travel in an HTTP header value without breaking the framing (no control
// characters, so no CR/LF header injection).
bool IsHeaderSafe(std::string_view value) {
  for (const char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return false;
  }
  return true;
}

}  // namespace

std::string RestPrehash(std::string_view timestamp_ms, std::string_view method,
                        std::string_view path, std::string_view query, std::string_view body) {
  std::string prehash;
  prehash.reserve(timestamp_ms.size() + method.size() + path.size() + 1 + query.size() +
                  body.size());
  prehash.append(timestamp_ms).append(method).append(path);
  if (!query.empty()) prehash.append(1, '?').append(query);
  prehash.append(body);
  return prehash;
}

std::string HmacSha256Base64(std::string_view message, const core::Secret& secret) {
  const std::string_view key = secret.Reveal();
  BGT_CHECK(key.size() <= static_cast<std::size_t>(INT_MAX), "HMAC key too long");
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digest_len = 0;
  const unsigned char* mac = HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
                                  reinterpret_cast<const unsigned char*>(message.data()),
                                  message.size(), digest.data(), &digest_len);
  BGT_CHECK(mac != nullptr && digest_len == kSha256Bytes, "OpenSSL HMAC-SHA256 failed");

  std::array<unsigned char, kSha256Base64Chars + 1> encoded{};
  const int encoded_len =
      EVP_EncodeBlock(encoded.data(), digest.data(), static_cast<int>(digest_len));
  BGT_CHECK(encoded_len == static_cast<int>(kSha256Base64Chars), "OpenSSL base64 failed");
  OPENSSL_cleanse(digest.data(), digest.size());
  return std::string(reinterpret_cast<const char*>(encoded.data()), kSha256Base64Chars);
}

std::string SignRest(std::string_view timestamp_ms, std::string_view method, std::string_view path,
                     std::string_view query, std::string_view body, const core::Secret& secret) {
  return HmacSha256Base64(RestPrehash(timestamp_ms, method, path, query, body), secret);
}

std::string SignWsLogin(std::string_view timestamp_s, const core::Secret& secret) {
  return HmacSha256Base64(RestPrehash(timestamp_s, "GET", "/user/verify", {}, {}), secret);
}

core::Result<std::vector<Header>> SignedHeaders(const Credentials& credentials, core::Timestamp ts,
                                                std::string_view method, std::string_view path,
                                                std::string_view query, std::string_view body,
                                                const HeaderOptions& options) {
  // Error messages name the missing or bad field, never its value.
  if (!credentials.complete()) {
    std::string missing;
    const auto note = [&missing](bool absent, std::string_view name) {
      if (!absent) return;
      if (!missing.empty()) missing += ", ";
      missing += name;
    };
    note(credentials.api_key.empty(), "api key");
    note(credentials.secret.empty(), "secret");
    note(credentials.passphrase.empty(), "passphrase");
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "incomplete Bitget credentials: missing " + missing);
  }
  if (!IsHeaderSafe(credentials.api_key.Reveal()) ||
      !IsHeaderSafe(credentials.passphrase.Reveal())) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "Bitget api key or passphrase contains control characters");
  }
  if (!IsUpperCaseHttpMethod(method)) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "HTTP method must be GET, POST, PUT or DELETE (upper-case), got \"" +
                               std::string(method) + "\"");
  }
  if (path.empty() || path.front() != '/') {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "request path must start with '/', got \"" + std::string(path) + "\"");
  }
  if (!query.empty() && query.front() == '?') {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "query must be passed without its leading '?'");
  }
  if (ts.millis() <= 0) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "request timestamp must be after the Unix epoch");
  }
  if (!IsHeaderSafe(options.locale)) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "locale contains control characters");
  }

  std::string timestamp_ms = std::to_string(ts.millis());
  std::string sign = SignRest(timestamp_ms, method, path, query, body, credentials.secret);

  std::vector<Header> headers;
  headers.reserve(7);
  headers.push_back({"ACCESS-KEY", std::string(credentials.api_key.Reveal()), true});
  headers.push_back({"ACCESS-SIGN", std::move(sign), true});
  headers.push_back({"ACCESS-TIMESTAMP", std::move(timestamp_ms), false});
  headers.push_back({"ACCESS-PASSPHRASE", std::string(credentials.passphrase.Reveal()), true});
  headers.push_back({"Content-Type", "application/json", false});
  if (!options.locale.empty()) headers.push_back({"locale", options.locale, false});
  if (options.demo_trading) headers.push_back({"paptrading", "1", false});
  return headers;
}

std::string RedactedHeaders(const std::vector<Header>& headers) {
  std::string out;
  for (const Header& header : headers) {
    if (!out.empty()) out += '\n';
    out.append(header.name).append(": ");
    out.append(header.sensitive ? core::Secret::kMask : std::string_view(header.value));
  }
  return out;
}

}  // namespace bgt::bitget
