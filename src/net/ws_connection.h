// AsyncWsConnection: a self-healing WebSocket client connection (ws:// and wss://, TLS peer
// verification with SNI and host-name check) driven by an IoLoop the owner runs. An explicit
// state machine: Disconnected -> Connecting -> Connected -> [LoggingIn ->] Ready, and on any
// failure (connect/handshake timeout, read error, missed pong, login timeout, Reconnect())
// -> Backoff -> Connecting, with jittered exponential back-off from a seeded RNG. No blocking
// waits, no threads: every step is an async operation or timer on the loop. Application-level
// text heartbeats ("ping" -> "pong") with a pong deadline, and outgoing messages paced to at most
// N per window (heartbeats included, sent ahead of queued messages). Knows no venue types.
// Thread-safety: not thread-safe; create, use and destroy it on the loop thread (IoLoop::Post
// from elsewhere). Callbacks run on the loop thread and may call any method re-entrantly.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/time.h"
#include "net/io_loop.h"

namespace bgt::net {

enum class WsState : std::uint8_t {
  kDisconnected,  // not started, or stopped
  kConnecting,    // resolve, TCP, TLS and WebSocket handshakes
  kConnected,     // handshake done (transient: next is LoggingIn or Ready)
  kLoggingIn,     // waiting for the owner's MarkReady() (login ack)
  kReady,         // usable
  kBackoff,       // waiting before the next attempt
};
std::string_view ToString(WsState state);

struct BackoffOptions {
  std::chrono::milliseconds initial{500};
  std::chrono::milliseconds max{30000};
  double multiplier = 2.0;
  // The delay is drawn uniformly from [(1 - jitter) * d, d] where d = min(max, initial *
  // multiplier^attempt); jitter in [0, 1].
  double jitter = 0.5;
  std::uint64_t seed = 1;
};

struct WsConnectionOptions {
  std::string url;      // ws://host:port/path or wss://...
  std::string ca_file;  // extra trusted CA (PEM) for wss://; the system store is always used
  std::chrono::milliseconds connect_timeout{10000};  // Connecting as a whole
  bool needs_login = false;                          // Connected -> LoggingIn instead of Ready
  std::chrono::milliseconds login_timeout{10000};    // LoggingIn -> Ready
  std::chrono::milliseconds ping_interval{25000};    // text heartbeat; zero disables
  std::chrono::milliseconds pong_timeout{5000};      // no pong by then -> reconnect
  // No frame at all for this long -> reconnect; zero disables.
  std::chrono::milliseconds idle_timeout{0};
  std::string ping_text = "ping";
  std::string pong_text = "pong";
  int max_messages = 10;  // per message_window, heartbeats included
  std::chrono::milliseconds message_window{1000};
  std::size_t max_queued_messages = 10000;  // Send() beyond this fails
  std::size_t max_message_bytes = 8u << 20;
  BackoffOptions backoff;
  // A connection that was Ready at least this long resets the back-off to `initial`.
  std::chrono::milliseconds stable_after{30000};
};

struct WsConnectionStats {
  std::uint64_t connect_attempts = 0;
  std::uint64_t connects = 0;     // handshakes completed
  std::uint64_t disconnects = 0;  // established connections lost (or dropped by Reconnect)
  std::uint64_t connect_failures = 0;
  std::uint64_t pong_timeouts = 0;
  std::uint64_t messages_received = 0;  // text frames delivered (pongs excluded)
  std::uint64_t messages_sent = 0;      // frames written (heartbeats included)
  std::uint64_t pings_sent = 0;
  std::uint64_t pongs_received = 0;
  std::uint64_t paced_waits = 0;  // times a send waited for the message window
  std::uint64_t dropped_on_disconnect = 0;
};

struct WsConnectionCallbacks {
  // Every state change, with a reason ("" for normal progress).
  std::function<void(WsState state, std::string_view reason)> on_state;
  // Every text frame except pongs (and pings, which are answered).
  std::function<void(std::string_view text)> on_message;
  // Each frame as it is written, with the loop time (a send log for tests and audits).
  std::function<void(std::string_view text, core::Timestamp at)> on_sent;
};

class AsyncWsConnection {
 public:
  // Error (kInvalidArgument) for a bad URL, CA file or option. Starts Disconnected.
  static core::Result<std::unique_ptr<AsyncWsConnection>> Create(IoLoop& loop,
                                                                 WsConnectionOptions options,
                                                                 WsConnectionCallbacks callbacks);
  // Closes the connection; no callback runs afterwards.
  ~AsyncWsConnection();
  AsyncWsConnection(const AsyncWsConnection&) = delete;
  AsyncWsConnection& operator=(const AsyncWsConnection&) = delete;

  // Disconnected -> Connecting (no-op in any other state).
  void Start();
  // Closes and stays Disconnected (queued messages are dropped).
  void Stop();
  // Queues a text frame, written when the pace allows. Error kFailedPrecondition when not
  // Connected/LoggingIn/Ready (nothing survives a reconnect: the owner re-sends on state
  // changes), kOutOfRange when the queue is full.
  core::Status Send(std::string text);
  // LoggingIn -> Ready (no-op otherwise).
  void MarkReady();
  // Drops the current connection (or attempt) and goes through Backoff.
  void Reconnect(std::string_view reason);

  WsState state() const;
  const WsConnectionStats& stats() const;
  std::size_t queued() const;
  const std::string& url() const;

  class Impl;

 private:
  explicit AsyncWsConnection(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

// The back-off delay before attempt `attempt` (0-based) for `unit` drawn uniformly in [0, 1).
core::Duration BackoffDelay(const BackoffOptions& options, int attempt, double unit);

}  // namespace bgt::net
