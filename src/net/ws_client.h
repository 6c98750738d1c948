// BlockingWsClient: a WebSocket client (ws:// and wss:// with peer verification and SNI) whose
// calls block with a timeout. Used by tests and command-line tools; the streaming client of the
// live node builds on the same transport.
// Thread-safety: not thread-safe; one thread per client.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/result.h"

namespace bgt::net {

struct WsClientOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::size_t max_message_bytes = 8u << 20;
  std::string ca_file;  // extra trusted CA (PEM) for wss://
};

class BlockingWsClient {
 public:
  // Connects and completes the WebSocket handshake. Errors: kInvalidArgument (bad URL),
  // kUnavailable (resolve, connect, TLS or handshake failure).
  static core::Result<std::unique_ptr<BlockingWsClient>> Connect(const std::string& url,
                                                                 const WsClientOptions& options);
  ~BlockingWsClient();
  BlockingWsClient(const BlockingWsClient&) = delete;
  BlockingWsClient& operator=(const BlockingWsClient&) = delete;

  // Sends one text frame. Error kIo when the connection is gone.
  core::Status Send(const std::string& text);
  // Next text message. Errors: kTimeout (nothing within `timeout`; the connection stays usable),
  // kIo (closed by the peer or broken).
  core::Result<std::string> Receive(std::chrono::milliseconds timeout);
  // Close handshake (best effort).
  void Close();

 private:
  class Impl;
  explicit BlockingWsClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace bgt::net
