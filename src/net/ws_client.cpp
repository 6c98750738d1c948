// Beast/Asio stay in this file (docs/ARCHITECTURE.md §5.8).
#include "net/ws_client.h"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <optional>

#include "net/http.h"

namespace bgt::net {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

class BlockingWsClient::Impl {
 public:
  explicit Impl(WsClientOptions options)
      : options_(std::move(options)), ssl_ctx_(ssl::context::tls_client) {}

  core::Status Connect(const Url& url) {
    tls_ = url.Tls();
    if (tls_) {
      error_code ec;
      ssl_ctx_.set_default_verify_paths(ec);
      if (!options_.ca_file.empty()) ssl_ctx_.load_verify_file(options_.ca_file, ec);
      if (ec) return Fail(core::ErrorCode::kInvalidArgument, "cannot load CA certificates", ec);
      ssl_ctx_.set_verify_mode(ssl::verify_peer);
    }
    tcp::resolver resolver(ioc_);
    tcp::resolver::results_type endpoints;
    error_code ec = Run(
        [&](auto handler) {
          resolver.async_resolve(url.host, std::to_string(url.port),
                                 [&endpoints, handler](error_code e, auto results) {
                                   endpoints = std::move(results);
                                   handler(e);
                                 });
        },
        options_.connect_timeout);
    if (ec) return Fail(core::ErrorCode::kUnavailable, "cannot resolve " + url.host, ec);
    if (tls_) {
      wss_.emplace(ioc_, ssl_ctx_);
    } else {
      ws_.emplace(ioc_);
    }
    auto& lowest = tls_ ? beast::get_lowest_layer(*wss_) : beast::get_lowest_layer(*ws_);
    lowest.expires_after(options_.connect_timeout);
    ec = Run([&](auto handler) { lowest.async_connect(endpoints, handler); },
             options_.connect_timeout);
    if (ec) return Fail(core::ErrorCode::kUnavailable, "cannot connect to " + url.Origin(), ec);
    const std::string host_header = url.host + ":" + std::to_string(url.port);
    const std::string target = url.path.empty() ? "/" : url.path;
    if (tls_) {
      if (!SSL_set_tlsext_host_name(wss_->next_layer().native_handle(), url.host.c_str())) {
        return Fail(core::ErrorCode::kUnavailable, "cannot set TLS SNI", {});
      }
      wss_->next_layer().set_verify_callback(ssl::host_name_verification(url.host));
      ec = Run(
          [&](auto handler) {
            wss_->next_layer().async_handshake(ssl::stream_base::client, handler);
          },
          options_.connect_timeout);
      if (ec) return Fail(core::ErrorCode::kUnavailable, "TLS handshake failed", ec);
      lowest.expires_never();
      wss_->read_message_max(options_.max_message_bytes);
      ec = Run([&](auto handler) { wss_->async_handshake(host_header, target, handler); },
               options_.connect_timeout);
    } else {
      lowest.expires_never();
      ws_->read_message_max(options_.max_message_bytes);
      ec = Run([&](auto handler) { ws_->async_handshake(host_header, target, handler); },
               options_.connect_timeout);
    }
    if (ec) return Fail(core::ErrorCode::kUnavailable, "WebSocket handshake failed", ec);
    return core::Status::Ok();
  }

  core::Status Send(const std::string& text) {
    error_code ec = tls_ ? WriteOn(*wss_, text) : WriteOn(*ws_, text);
    if (ec) return Fail(core::ErrorCode::kIo, "WebSocket send failed", ec);
    return core::Status::Ok();
  }

  core::Result<std::string> Receive(std::chrono::milliseconds timeout) {
    if (!pending_read_) {
      pending_read_ = true;
      read_done_ = false;
      auto on_read = [this](error_code ec, std::size_t) {
        read_done_ = true;
        read_ec_ = ec;
      };
      if (tls_) {
        wss_->async_read(buffer_, on_read);
      } else {
        ws_->async_read(buffer_, on_read);
      }
    }
    ioc_.restart();
    ioc_.run_for(timeout);
    if (!read_done_) {
      return core::MakeError(
          core::ErrorCode::kTimeout,
          "no WebSocket message within " + std::to_string(timeout.count()) + " ms");
    }
    pending_read_ = false;
    if (read_ec_) return Fail(core::ErrorCode::kIo, "WebSocket closed or broken", read_ec_);
    std::string text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    return text;
  }

  void Close() {
    error_code ec = Run(
        [&](auto handler) {
          if (tls_) {
            wss_->async_close(websocket::close_code::normal, handler);
          } else {
            ws_->async_close(websocket::close_code::normal, handler);
          }
        },
        std::chrono::milliseconds(1000));
    (void)ec;
  }

 private:
  static core::Error Fail(core::ErrorCode code, const std::string& what, const error_code& ec) {
    return core::MakeError(code, ec ? what + ": " + ec.message() : what);
  }

  template <typename Stream>
  error_code WriteOn(Stream& stream, const std::string& text) {
    stream.text(true);
    return Run([&](auto handler) { stream.async_write(asio::buffer(text), handler); },
               std::chrono::milliseconds(5000));
  }

  // Runs one operation (plus any pending read) until it completes or `timeout` passes.
  template <typename Start>
  error_code Run(Start&& start, std::chrono::milliseconds timeout) {
    std::optional<error_code> result;
    start([&result](error_code ec, auto&&...) { result = ec; });
    ioc_.restart();
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!result && std::chrono::steady_clock::now() < deadline) {
      if (ioc_.run_one_until(deadline) == 0) break;
    }
    return result.value_or(asio::error::timed_out);
  }

  WsClientOptions options_;
  asio::io_context ioc_;
  ssl::context ssl_ctx_;
  bool tls_ = false;
  std::optional<websocket::stream<beast::tcp_stream>> ws_;
  std::optional<websocket::stream<beast::ssl_stream<beast::tcp_stream>>> wss_;
  beast::flat_buffer buffer_;
  bool pending_read_ = false;
  bool read_done_ = false;
  error_code read_ec_;
};

core::Result<std::unique_ptr<BlockingWsClient>> BlockingWsClient::Connect(
    const std::string& url, const WsClientOptions& options) {
  auto parsed = ParseUrl(url);
  if (!parsed) return parsed.error();
  if (parsed->scheme != "ws" && parsed->scheme != "wss") {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "WebSocket URL must be ws:// or wss://");
  }
  auto impl = std::make_unique<Impl>(options);
  if (auto st = impl->Connect(*parsed); !st) return st.error();
  return std::unique_ptr<BlockingWsClient>(new BlockingWsClient(std::move(impl)));
}

BlockingWsClient::BlockingWsClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BlockingWsClient::~BlockingWsClient() = default;
core::Status BlockingWsClient::Send(const std::string& text) { return impl_->Send(text); }
core::Result<std::string> BlockingWsClient::Receive(std::chrono::milliseconds timeout) {
  return impl_->Receive(timeout);
}
void BlockingWsClient::Close() { impl_->Close(); }

}  // namespace bgt::net
