// HttpClient: a blocking HTTP/1.1 client for one origin, over TCP or TLS (peer verified against
// the system CA store or a given CA file, with SNI and host-name checking; there is no way to
// turn verification off). One connection is kept alive and reused; it is re-opened when the
// server closed it or it sat idle too long. Each call has a connect and a request timeout.
// Thread-safety: not thread-safe; use one client per thread (or guard it).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "core/result.h"
#include "net/http.h"

namespace bgt::net {

struct HttpClientOptions {
  std::string base_url;  // "https://api.bitget.com" or "http://127.0.0.1:PORT"
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds request_timeout{10000};
  std::chrono::milliseconds max_idle{30000};  // older idle connections are re-opened first
  std::size_t max_response_bytes = 32u << 20;
  std::string ca_file;  // extra trusted CA (PEM); the system store is always used too
  std::string user_agent = "bgt";
};

struct HttpClientStats {
  std::size_t requests = 0;
  std::size_t connects = 0;  // requests - connects = requests that reused a connection
};

class HttpClient {
 public:
  // Error (kInvalidArgument) for a bad base URL or CA file.
  static core::Result<std::unique_ptr<HttpClient>> Create(const HttpClientOptions& options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends `request` (its target is appended to the base URL's origin) and returns the response,
  // whatever its status. Errors:
  //  - kUnavailable: nothing was sent (DNS, connect, TLS handshake or certificate failure);
  //  - kAmbiguous: the request was (or may have been) sent but no complete response came back
  //    (timeout, connection reset or closed, malformed HTTP): the server may have acted on it;
  //  - kOutOfRange: the response exceeded max_response_bytes (the server did act on it).
  core::Result<HttpResponse> Send(const HttpRequest& request);

  const HttpClientStats& stats() const;
  const Url& base_url() const;

 private:
  class Impl;
  explicit HttpClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace bgt::net
