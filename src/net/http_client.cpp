// Beast/Asio stay in this file (docs/ARCHITECTURE.md §5.8). Every operation is asynchronous on a
// private io_context that Send() runs to completion, which is what gives each step a timeout.
#include "net/http_client.h"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>

namespace bgt::net {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

class HttpClient::Impl {
 public:
  Impl(HttpClientOptions options, Url url)
      : options_(std::move(options)), url_(std::move(url)), ssl_ctx_(ssl::context::tls_client) {}

  core::Status Init() {
    if (!url_.Tls()) return core::Status::Ok();
    error_code ec;
    ssl_ctx_.set_default_verify_paths(ec);
    if (ec) return Unavailable("cannot load the system CA store: " + ec.message());
    if (!options_.ca_file.empty()) {
      ssl_ctx_.load_verify_file(options_.ca_file, ec);
      if (ec) {
        return core::MakeError(core::ErrorCode::kInvalidArgument,
                               "cannot load CA file '" + options_.ca_file + "': " + ec.message());
      }
    }
    ssl_ctx_.set_verify_mode(ssl::verify_peer);
    SSL_CTX_set_min_proto_version(ssl_ctx_.native_handle(), TLS1_2_VERSION);
    return core::Status::Ok();
  }

  core::Result<HttpResponse> Send(const HttpRequest& request) {
    ++stats_.requests;
    const auto now = std::chrono::steady_clock::now();
    if (connected_ && (now - last_used_ > options_.max_idle || PeerClosed())) Close();
    if (!connected_) {
      if (auto st = Connect(); !st) return st.error();
    }
    auto result = Exchange(request);
    last_used_ = std::chrono::steady_clock::now();
    if (!result) Close();
    return result;
  }

  const HttpClientStats& stats() const { return stats_; }
  const Url& url() const { return url_; }

 private:
  static core::Error Unavailable(std::string message) {
    return core::MakeError(core::ErrorCode::kUnavailable, std::move(message));
  }
  core::Error Ambiguous(std::string_view what, const error_code& ec) const {
    const bool timed_out = ec == beast::error::timeout;
    return core::MakeError(core::ErrorCode::kAmbiguous,
                           std::string(what) + " " + url_.Origin() + ": " +
                               (timed_out ? std::string("timed out") : ec.message()) +
                               " (the request may have been processed)");
  }

  // Runs one asynchronous operation to completion and returns its error code.
  template <typename Start>
  error_code Run(Start&& start) {
    error_code result = asio::error::would_block;
    start([&result](error_code ec, auto&&...) { result = ec; });
    ioc_.restart();
    ioc_.run();
    return result;
  }

  beast::tcp_stream& Tcp() { return tls_ ? beast::get_lowest_layer(*tls_) : *tcp_; }

  core::Status Connect() {
    ++stats_.connects;
    tcp::resolver resolver(ioc_);
    tcp::resolver::results_type endpoints;
    const std::string& host = url_.host;
    error_code ec = Run([&](auto handler) {
      resolver.async_resolve(host, std::to_string(url_.port),
                             [&endpoints, handler](error_code e, tcp::resolver::results_type r) {
                               endpoints = std::move(r);
                               handler(e);
                             });
    });
    if (ec) return Unavailable("cannot resolve " + url_.host + ": " + ec.message());
    if (url_.Tls()) {
      tls_.emplace(ioc_, ssl_ctx_);
    } else {
      tcp_.emplace(ioc_);
    }
    Tcp().expires_after(options_.connect_timeout);
    ec = Run([&](auto handler) { Tcp().async_connect(endpoints, handler); });
    if (ec) {
      Reset();
      return Unavailable("cannot connect to " + url_.Origin() + ": " +
                         (ec == beast::error::timeout ? std::string("timed out") : ec.message()));
    }
    Tcp().socket().set_option(tcp::no_delay(true), ec);
    if (tls_) {
      if (!SSL_set_tlsext_host_name(tls_->native_handle(), host.c_str())) {
        Reset();
        return Unavailable("cannot set TLS SNI for " + host);
      }
      tls_->set_verify_callback(ssl::host_name_verification(host));
      Tcp().expires_after(options_.connect_timeout);
      ec = Run([&](auto handler) { tls_->async_handshake(ssl::stream_base::client, handler); });
      if (ec) {
        Reset();
        return Unavailable("TLS handshake with " + url_.Origin() + " failed: " + ec.message());
      }
    }
    connected_ = true;
    buffer_.clear();
    return core::Status::Ok();
  }

  template <typename Stream>
  core::Result<HttpResponse> ExchangeOn(Stream& stream, const HttpRequest& request) {
    http::request<http::string_body> req;
    req.method_string(request.method);
    req.target(request.target);
    req.version(11);
    req.set(http::field::host, url_.host);
    req.set(http::field::user_agent, options_.user_agent);
    for (const auto& [name, value] : request.headers) req.set(name, value);
    req.body() = request.body;
    req.keep_alive(true);
    req.prepare_payload();

    Tcp().expires_after(options_.request_timeout);
    error_code ec = Run([&](auto handler) { http::async_write(stream, req, handler); });
    if (ec) return Ambiguous("sending to", ec);

    http::response_parser<http::string_body> parser;
    parser.body_limit(options_.max_response_bytes);
    parser.header_limit(64 * 1024);
    ec = Run([&](auto handler) { http::async_read(stream, buffer_, parser, handler); });
    if (ec == http::error::body_limit) {
      return core::MakeError(core::ErrorCode::kOutOfRange,
                             "response from " + url_.Origin() + " exceeds " +
                                 std::to_string(options_.max_response_bytes) + " bytes");
    }
    if (ec) return Ambiguous("reading the response from", ec);
    auto msg = parser.release();
    HttpResponse response;
    response.status = static_cast<int>(msg.result_int());
    for (const auto& field : msg) {
      response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    response.body = std::move(msg.body());
    if (!msg.keep_alive()) Close();
    return response;
  }

  core::Result<HttpResponse> Exchange(const HttpRequest& request) {
    return tls_ ? ExchangeOn(*tls_, request) : ExchangeOn(*tcp_, request);
  }

  // True when the server closed the idle connection (or sent something unexpected), which
  // would make the next request fail after being written.
  bool PeerClosed() {
    auto& socket = Tcp().socket();
    error_code ec;
    socket.non_blocking(true, ec);
    char byte;
    socket.receive(asio::buffer(&byte, 1), tcp::socket::message_peek, ec);
    error_code ignored;
    socket.non_blocking(false, ignored);
    // would_block: nothing to read, the connection is idle and open. Anything else (EOF, an
    // error, or unsolicited bytes) means start afresh.
    return !(ec == asio::error::would_block || ec == asio::error::try_again);
  }

  void Close() {
    if (!connected_) return;
    error_code ec;
    Tcp().socket().shutdown(tcp::socket::shutdown_both, ec);
    Tcp().socket().close(ec);
    Reset();
  }

  void Reset() {
    tls_.reset();
    tcp_.reset();
    connected_ = false;
    buffer_.clear();
  }

  HttpClientOptions options_;
  Url url_;
  asio::io_context ioc_;
  ssl::context ssl_ctx_;
  std::optional<beast::tcp_stream> tcp_;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls_;
  beast::flat_buffer buffer_;
  bool connected_ = false;
  std::chrono::steady_clock::time_point last_used_{};
  HttpClientStats stats_;
};

core::Result<std::unique_ptr<HttpClient>> HttpClient::Create(const HttpClientOptions& options) {
  auto url = ParseUrl(options.base_url);
  if (!url) return url.error();
  if (url->scheme != "http" && url->scheme != "https") {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "HTTP base URL must be http:// or https://, got " + options.base_url);
  }
  auto impl = std::make_unique<Impl>(options, *url);
  if (auto st = impl->Init(); !st) return st.error();
  return std::unique_ptr<HttpClient>(new HttpClient(std::move(impl)));
}

HttpClient::HttpClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpClient::~HttpClient() = default;
core::Result<HttpResponse> HttpClient::Send(const HttpRequest& request) {
  return impl_->Send(request);
}
const HttpClientStats& HttpClient::stats() const { return impl_->stats(); }
const Url& HttpClient::base_url() const { return impl_->url(); }

}  // namespace bgt::net
