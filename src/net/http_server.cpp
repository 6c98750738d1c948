// Beast/Asio stay in this file (docs/ARCHITECTURE.md §5.8).
#include "net/http_server.h"

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <mutex>
#include <thread>

namespace bgt::net {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

namespace {

// Server side of one WebSocket. All socket work happens on the server's io_context; Send and
// Close post onto it, so they are safe from any thread.
class ServerWs final : public WsConnection, public std::enable_shared_from_this<ServerWs> {
 public:
  ServerWs(std::uint64_t id, std::string target, websocket::stream<beast::tcp_stream> ws)
      : id_(id), target_(std::move(target)), ws_(std::move(ws)) {}

  std::uint64_t id() const override { return id_; }
  const std::string& target() const override { return target_; }
  bool open() const override { return open_.load(); }

  void Send(std::string text) override {
    if (!open_.load()) return;
    asio::post(ws_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
      self->queue_.push_back(std::move(text));
      if (self->queue_.size() == 1) self->WriteNext();
    });
  }

  void Close(bool abrupt) override {
    asio::post(ws_.get_executor(), [self = shared_from_this(), abrupt] {
      if (!self->open_.exchange(false)) return;
      if (abrupt) {
        boost::system::error_code ec;
        beast::get_lowest_layer(self->ws_).socket().shutdown(tcp::socket::shutdown_both, ec);
        beast::get_lowest_layer(self->ws_).socket().close(ec);
        return;
      }
      self->ws_.async_close(websocket::close_code::normal, [self](boost::system::error_code) {});
    });
  }

  websocket::stream<beast::tcp_stream>& stream() { return ws_; }
  void MarkClosed() { open_.store(false); }

 private:
  void WriteNext() {
    if (queue_.empty() || !open_.load()) return;
    ws_.text(true);
    ws_.async_write(asio::buffer(queue_.front()),
                    [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                      if (ec) {
                        self->open_.store(false);
                        self->queue_.clear();
                        return;
                      }
                      self->queue_.pop_front();
                      self->WriteNext();
                    });
  }

  const std::uint64_t id_;
  const std::string target_;
  websocket::stream<beast::tcp_stream> ws_;
  std::deque<std::string> queue_;  // front() is being written
  std::atomic<bool> open_{true};
};

}  // namespace

class HttpServer::Impl {
 public:
  Impl(HttpServerOptions options, HttpHandler handler, WsHandler ws_handler)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        ws_handler_(std::move(ws_handler)),
        acceptor_(ioc_) {}

  ~Impl() { Stop(); }

  core::Status Listen() {
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(options_.bind_address, ec);
    if (ec) return Fail("invalid bind address " + options_.bind_address, ec);
    const tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return Fail("cannot listen on " + options_.bind_address, ec);
    port_ = acceptor_.local_endpoint().port();
    asio::co_spawn(ioc_, Accept(), asio::detached);
    thread_ = std::thread([this] { ioc_.run(); });
    return core::Status::Ok();
  }

  void Stop() {
    if (stopped_.exchange(true)) return;
    ioc_.stop();
    if (thread_.joinable()) thread_.join();
  }

  std::uint16_t port() const { return port_; }
  std::size_t accepted() const { return accepted_.load(); }
  const HttpServerOptions& options() const { return options_; }

 private:
  static core::Error Fail(const std::string& what, const boost::system::error_code& ec) {
    return core::MakeError(core::ErrorCode::kUnavailable, what + ": " + ec.message());
  }

  asio::awaitable<void> Accept() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(kNoThrow);
      if (ec) co_return;
      ++accepted_;
      asio::co_spawn(ioc_, Session(std::move(socket)), asio::detached);
    }
  }

  asio::awaitable<void> Session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(options_.max_request_bytes);
      auto [ec, n] = co_await http::async_read(stream, buffer, parser, kNoThrow);
      if (ec) co_return;  // closed by the client, or a request we cannot parse
      auto msg = parser.release();
      if (websocket::is_upgrade(msg) && ws_handler_.on_open) {
        co_await ServeWebSocket(std::move(stream), std::move(msg));
        co_return;
      }
      HttpRequest request;
      request.method = std::string(msg.method_string());
      request.target = std::string(msg.target());
      for (const auto& field : msg) {
        request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
      }
      request.body = std::move(msg.body());
      ServerReply reply = handler_(request);
      if (reply.delay.count() > 0) {
        asio::steady_timer timer(stream.get_executor(), reply.delay);
        [[maybe_unused]] auto waited = co_await timer.async_wait(kNoThrow);
      }
      switch (reply.kind) {
        case ServerReply::Kind::kRespond: {
          http::response<http::string_body> res;
          res.version(11);
          res.result(static_cast<unsigned>(reply.response.status));
          res.set(http::field::server, "bgt");
          if (reply.response.Header("Content-Type").empty()) {
            res.set(http::field::content_type, "application/json");
          }
          for (const auto& [name, value] : reply.response.headers) res.set(name, value);
          res.body() = std::move(reply.response.body);
          const bool keep = msg.keep_alive() && !reply.close_after;
          res.keep_alive(keep);
          res.prepare_payload();
          auto [wec, wn] = co_await http::async_write(stream, res, kNoThrow);
          if (wec || !keep) {
            stream.socket().shutdown(tcp::socket::shutdown_both, wec);
            co_return;
          }
          break;
        }
        case ServerReply::Kind::kHang: {
          // Read until the client gives up; never answer.
          http::request_parser<http::string_body> ignored;
          [[maybe_unused]] auto closed =
              co_await http::async_read(stream, buffer, ignored, kNoThrow);
          co_return;
        }
        case ServerReply::Kind::kRaw: {
          auto [rec, rn] = co_await asio::async_write(stream, asio::buffer(reply.raw), kNoThrow);
          stream.socket().shutdown(tcp::socket::shutdown_both, rec);
          co_return;
        }
        case ServerReply::Kind::kClose: {
          boost::system::error_code cec;
          stream.socket().shutdown(tcp::socket::shutdown_both, cec);
          co_return;
        }
      }
    }
  }

  asio::awaitable<void> ServeWebSocket(beast::tcp_stream stream,
                                       http::request<http::string_body> upgrade) {
    stream.expires_never();
    websocket::stream<beast::tcp_stream> ws(std::move(stream));
    ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws.read_message_max(ws_handler_.max_message_bytes);
    auto [ec] = co_await ws.async_accept(upgrade, kNoThrow);
    if (ec) co_return;
    auto conn =
        std::make_shared<ServerWs>(++next_ws_id_, std::string(upgrade.target()), std::move(ws));
    ws_handler_.on_open(conn);
    beast::flat_buffer buffer;
    for (;;) {
      auto [rec, n] = co_await conn->stream().async_read(buffer, kNoThrow);
      if (rec) break;
      const auto data = buffer.data();
      const std::string_view text(static_cast<const char*>(data.data()), data.size());
      if (ws_handler_.on_message) ws_handler_.on_message(conn, text);
      buffer.consume(buffer.size());
    }
    conn->MarkClosed();
    if (ws_handler_.on_close) ws_handler_.on_close(conn);
  }

  HttpServerOptions options_;
  HttpHandler handler_;
  WsHandler ws_handler_;
  std::uint64_t next_ws_id_ = 0;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  std::thread thread_;
  std::uint16_t port_ = 0;
  std::atomic<std::size_t> accepted_{0};
  std::atomic<bool> stopped_{false};
};

core::Result<std::unique_ptr<HttpServer>> HttpServer::Start(const HttpServerOptions& options,
                                                            HttpHandler handler,
                                                            WsHandler ws_handler) {
  auto impl = std::make_unique<Impl>(options, std::move(handler), std::move(ws_handler));
  if (auto st = impl->Listen(); !st) return st.error();
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpServer::~HttpServer() = default;
std::uint16_t HttpServer::port() const { return impl_->port(); }
std::string HttpServer::BaseUrl() const {
  return "http://" + impl_->options().bind_address + ":" + std::to_string(impl_->port());
}
std::size_t HttpServer::connections_accepted() const { return impl_->accepted(); }
void HttpServer::Stop() { impl_->Stop(); }

}  // namespace bgt::net
