// HttpServer: a small HTTP/1.1 + WebSocket server on its own thread, for the emulator and for
// tests. The HTTP handler decides each reply, including misbehaviour a client must survive (no
// reply at all, raw bytes such as a truncated response, closing the connection). WebSocket
// upgrades on any path go to the optional WsHandler, so REST and WebSocket share one port.
// Thread-safety: Start/Stop/port() from any one thread; handlers run on the server thread;
// WsConnection::Send/Close may be called from any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "net/http.h"

namespace bgt::net {

struct ServerReply {
  enum class Kind {
    kRespond,  // send `response` (Content-Length set; Content-Type defaults to JSON)
    kHang,     // never answer; hold the connection until the client closes it
    kRaw,      // write `raw` verbatim, then close
    kClose,    // close the connection without answering
  };
  Kind kind = Kind::kRespond;
  HttpResponse response;
  std::string raw;
  bool close_after = false;  // kRespond: close instead of keeping the connection alive
  // Waited (without blocking other connections) before the reply is carried out.
  std::chrono::milliseconds delay{0};
};

using HttpHandler = std::function<ServerReply(const HttpRequest&)>;

// One accepted WebSocket connection. Messages are sent in the order Send() is called.
class WsConnection {
 public:
  virtual ~WsConnection() = default;
  virtual std::uint64_t id() const = 0;
  virtual const std::string& target() const = 0;  // request target of the upgrade ("/v2/ws/...")
  // Queues a text frame. A no-op once the connection is closed.
  virtual void Send(std::string text) = 0;
  // Starts a close handshake (or drops the TCP connection when `abrupt`).
  virtual void Close(bool abrupt = false) = 0;
  virtual bool open() const = 0;
};

struct WsHandler {
  // Called after the handshake; the connection stays valid while anyone holds it.
  std::function<void(const std::shared_ptr<WsConnection>&)> on_open;
  std::function<void(const std::shared_ptr<WsConnection>&, std::string_view text)> on_message;
  std::function<void(const std::shared_ptr<WsConnection>&)> on_close;
  std::size_t max_message_bytes = 64u << 10;
};

struct HttpServerOptions {
  std::string bind_address = "127.0.0.1";
  std::uint16_t port = 0;  // 0: pick a free port (read it back with port())
  std::size_t max_request_bytes = 1u << 20;
};

class HttpServer {
 public:
  // Binds, listens and starts the server thread. Error (kUnavailable) when the address cannot
  // be bound.
  static core::Result<std::unique_ptr<HttpServer>> Start(const HttpServerOptions& options,
                                                         HttpHandler handler,
                                                         WsHandler ws_handler = {});
  ~HttpServer();  // stops the server
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  std::uint16_t port() const;
  std::string BaseUrl() const;  // "http://127.0.0.1:<port>"
  std::size_t connections_accepted() const;
  void Stop();

 private:
  class Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace bgt::net
