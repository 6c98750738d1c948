// BitgetWsClient: Bitget v2 public and private WebSocket streams over self-healing
// net::AsyncWsConnections (bitget-api.md §9). Keeps a registry of subscriptions spread over
// connections of at most `max_channels_per_connection` channels each (public and private apart);
// logs the private connections in (HMAC of timestamp + "GET/user/verify"); heartbeats with text
// "ping" and a pong deadline; on every (re)connect — including Bitget's 24 h forced disconnect —
// logs in again and re-subscribes everything in batches of <= 15 args / 4096 bytes, within
// <= 10 messages/s per connection (the connection paces, heartbeats included) and <= 240
// subscriptions/hour/connection (a sliding log of the args actually written on each physical
// connection; excess args wait for the window).
// Frames are classified with ParseWsFrame: acks update the registry, error events are surfaced,
// pushes go to on_push (parse them with parse_ws.h), malformed frames are counted and dropped.
// Thread-safety: not thread-safe; create, use and destroy it on the IoLoop's thread. Callbacks
// run there and may call back into the client.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bitget/credential.h"
#include "bitget/parse_ws.h"
#include "core/result.h"
#include "core/time.h"
#include "net/io_loop.h"
#include "net/ws_connection.h"

namespace bgt::bitget {

// One channel subscription, e.g. {"ticker", "BTCUSDT"}, {"books", "BTCUSDT"},
// {"candle1m", "ETHUSDT"}, {"orders", "default"}, {"account", "", "default"}.
struct WsSubscription {
  std::string channel;
  std::string inst_id;
  std::string coin;
  std::string inst_type = "USDT-FUTURES";

  // {channel, instId: symbol}.
  static WsSubscription Public(std::string channel, std::string symbol);
  // {channel, instId: "default"}, or {coin: "default"} for `account`.
  static WsSubscription Private(std::string channel);

  // account, positions, orders, fill, orders-algo, positions-history, equity.
  bool IsPrivate() const;
  // Identity, case-insensitive in the ids: "channel|INSTID|COIN".
  std::string Key() const;
  // {"instType":..,"channel":..,"instId":..} (or "coin" for account).
  std::string ArgJson() const;
};

struct BitgetWsOptions {
  std::string public_url = "wss://ws.bitget.com/v2/ws/public";
  std::string private_url = "wss://ws.bitget.com/v2/ws/private";
  std::optional<Credentials> credentials;  // required for private channels
  std::string ca_file;
  std::chrono::milliseconds ping_interval{25000};  // Bitget: at most 30 s
  std::chrono::milliseconds pong_timeout{5000};
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds login_timeout{10000};
  std::size_t max_channels_per_connection = 50;
  std::size_t max_args_per_message = 15;
  std::size_t max_subscribe_bytes = 4096;
  int max_messages_per_second = 10;  // per message_window (Bitget: 10 per second)
  std::chrono::milliseconds message_window{1000};
  int max_subscriptions_per_window = 240;
  std::chrono::milliseconds subscription_window{std::chrono::hours(1)};
  net::BackoffOptions backoff;
  std::chrono::milliseconds stable_after{30000};
  // Wall time for the login timestamp; the system clock when empty.
  std::function<core::Timestamp()> wall_clock;
};

struct BitgetWsCounters {
  std::uint64_t reconnects = 0;    // connections that became ready again after a loss
  std::uint64_t resubscribes = 0;  // subscription args re-sent because of a reconnect
  std::uint64_t malformed_frames = 0;
  std::uint64_t error_events = 0;
  std::uint64_t logins = 0;
  std::uint64_t login_failures = 0;
  std::uint64_t subscribe_acks = 0;
  std::uint64_t pushes = 0;
  std::uint64_t resync_requests = 0;  // Resubscribe() calls that sent something
  std::uint64_t budget_waits = 0;     // times args had to wait for the hourly subscription budget
  std::uint64_t subscribe_messages = 0;
};

struct WsErrorEvent {
  std::int64_t code = 0;
  std::string msg;
  std::size_t connection = 0;
  bool is_private = false;
};

struct WsConnectionInfo {
  bool is_private = false;
  net::WsState state = net::WsState::kDisconnected;
  std::size_t subscriptions = 0;
  std::size_t acked = 0;
  net::WsConnectionStats stats;
};

struct BitgetWsCallbacks {
  // A data push; `frame` holds arg/action/ts, `text` the whole frame for the channel parser.
  std::function<void(const WsFrame& frame, std::string_view text)> on_push;
  std::function<void(const WsErrorEvent& error)> on_error;
  std::function<void(std::size_t connection, bool is_private, net::WsState state,
                     std::string_view reason)>
      on_state;
  // Every frame written, with the loop time (audits and tests).
  std::function<void(std::size_t connection, std::string_view text, core::Timestamp at)> on_sent;
};

class BitgetWsClient {
 public:
  // Error (kInvalidArgument) for bad URLs or limits.
  static core::Result<std::unique_ptr<BitgetWsClient>> Create(net::IoLoop& loop,
                                                              BitgetWsOptions options,
                                                              BitgetWsCallbacks callbacks);
  ~BitgetWsClient();
  BitgetWsClient(const BitgetWsClient&) = delete;
  BitgetWsClient& operator=(const BitgetWsClient&) = delete;

  // Starts every connection (and any created later).
  void Start();
  // Closes every connection; the registry is kept (Start() restores it).
  void Stop();

  // Adds a subscription (a no-op when already registered). Errors: kInvalidArgument for an
  // empty channel or ids outside [A-Za-z0-9_-], kFailedPrecondition for a private channel
  // without credentials.
  core::Status Subscribe(const WsSubscription& subscription);
  // Removes it and unsubscribes when connected. Error kNotFound when not registered.
  core::Status Unsubscribe(const WsSubscription& subscription);
  // Asks the venue for a fresh snapshot of a public channel (order-book resync): unsubscribe
  // then subscribe on its connection. Error kNotFound when not registered; when the connection
  // is not ready nothing is sent (the reconnect re-subscribes anyway).
  core::Status Resubscribe(std::string_view channel, std::string_view symbol);

  std::size_t subscription_count() const;
  // Subscriptions acknowledged on their current connection.
  std::size_t acked_count() const;
  bool AllReady() const;
  std::vector<WsConnectionInfo> connections() const;
  const BitgetWsCounters& counters() const { return counters_; }

 private:
  struct Conn;
  BitgetWsClient(net::IoLoop& loop, BitgetWsOptions options, BitgetWsCallbacks callbacks);
  core::Result<std::size_t> ConnectionFor(bool is_private);
  void OnState(std::size_t index, net::WsState state, std::string_view reason);
  void OnMessage(std::size_t index, std::string_view text);
  void SendLogin(Conn& conn);
  void Flush(std::size_t index);
  void OnSent(std::size_t index, std::string_view text, core::Timestamp at);
  void SendArgs(Conn& conn, std::string_view op, const std::vector<std::string>& keys);
  Conn* Find(const std::string& key, std::size_t* index);

  net::IoLoop& loop_;
  BitgetWsOptions options_;
  BitgetWsCallbacks callbacks_;
  std::vector<std::unique_ptr<Conn>> conns_;
  BitgetWsCounters counters_;
  WsFrame frame_;  // reused by OnMessage
  bool started_ = false;
};

}  // namespace bgt::bitget
