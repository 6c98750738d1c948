// WsGateway: the emulator's Bitget v2 WebSocket (bitget-api.md §9), plugged into
// net::HttpServer as its WsHandler. Every path (/v2/ws/public, /v2/ws/private, /) gets the same
// logic, so single-URL clients work: text "ping" -> "pong"; subscribe/unsubscribe acks; login
// (HMAC over timestamp_s + "GET" + "/user/verify", ±30 s window) answered with a numeric code 0;
// error events with Bitget's numeric 300xx codes for anything malformed (never a crash).
// Public pushes (ticker, trade, candle*, books, books1/5/15) are produced by Pump(), which reads
// the MarketSource; private pushes (account, positions, orders, fill, orders-algo) come from the
// exchange side through PushPrivate() and its wrappers, as already-encoded `data` arrays.
// Thread-safety: all public methods may be called from any thread (one internal mutex); the
// handler callbacks run on the server thread. The MarketSource is read only inside Pump(): the
// caller must not advance or otherwise use the source concurrently with Pump(). The gateway must
// outlive the HttpServer it is plugged into (stop the server first).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bitget/credential.h"
#include "core/result.h"
#include "core/time.h"
#include "emulator/ws_books.h"
#include "emulator/ws_channels.h"
#include "net/http_server.h"
#include "sim/market_source.h"

namespace bgt::emulator {

// The account every emulator accepts by default (also used by the REST side).
bitget::Credentials DefaultTestCredentials();  // bgt-test-key / bgt-test-secret / ...passphrase

struct WsGatewayOptions {
  std::vector<bitget::Credentials> accounts = {DefaultTestCredentials()};
  std::chrono::seconds login_window{30};  // |timestamp - wall clock| allowed at login
  std::size_t books_depth = 50;           // levels per side of the `books` channel
  std::size_t trade_snapshot = 50;        // trades in a `trade` snapshot
  std::size_t candle_snapshot = 200;      // bars in a `candle*` snapshot
  // Wall clock for the login window and private push `ts`; defaults to the system clock.
  std::function<core::Timestamp()> wall_clock;
};

// Misbehaviour a client must survive (tests and chaos runs).
struct WsFaults {
  bool duplicate_pushes = false;   // every push is sent twice
  int corrupt_book_checksums = 0;  // the next N `books` updates carry a wrong checksum
  // Out-of-order delivery: each connection holds one push back and sends it after the next
  // one (pushes arrive pairwise swapped).
  bool reorder_pushes = false;
};

class WsGateway {
 public:
  explicit WsGateway(sim::MarketSource& source, WsGatewayOptions options = {});
  WsGateway(const WsGateway&) = delete;
  WsGateway& operator=(const WsGateway&) = delete;

  // Callbacks bound to this gateway, for net::HttpServer::Start.
  net::WsHandler Handler();

  // Publishes the source's state at source.Now() to every public subscription: first a
  // snapshot, then (books, trade, candle) updates of what changed since the previous Pump.
  // `now` stamps the envelopes' `ts`.
  void Pump(core::Timestamp now);

  // Sends {"action":"snapshot","arg":<sub arg>,"data":<data_json>,"ts":..} to every connection
  // logged in with `api_key` and subscribed to `kind` (a private channel) — with a non-empty
  // `inst_id`, only to subscriptions whose instId selector is exactly it ("default" or a
  // symbol). `data_json` must be a JSON array (e.g. the bitget encoders' output). Returns the
  // number of messages sent; error kInvalidArgument when `kind` is public or `data_json` is not
  // a JSON array.
  core::Result<std::size_t> PushPrivate(std::string_view api_key, ChannelKind kind,
                                        std::string_view data_json, std::string_view inst_id = {});
  // A logged-in `account` or `positions` subscription that has not had its first snapshot.
  struct PendingSnapshot {
    std::uint64_t connection = 0;
    std::string api_key;
    ChannelArg arg;
  };
  // The pending first snapshots (each returned once, in connection then subscription order),
  // for the owner to answer with PushSnapshot; Bitget sends the current account and positions
  // right after such a subscription.
  std::vector<PendingSnapshot> TakePendingSnapshots();
  // Sends {"action":"snapshot",...} to that one subscription (if it still exists). Error
  // kInvalidArgument when `data_json` is not a JSON array.
  core::Status PushSnapshot(const PendingSnapshot& to, std::string_view data_json);
  core::Result<std::size_t> PushOrders(std::string_view api_key, std::string_view data_json) {
    return PushPrivate(api_key, ChannelKind::kOrders, data_json);
  }
  core::Result<std::size_t> PushFills(std::string_view api_key, std::string_view data_json) {
    return PushPrivate(api_key, ChannelKind::kFill, data_json);
  }
  core::Result<std::size_t> PushPositions(std::string_view api_key, std::string_view data_json) {
    return PushPrivate(api_key, ChannelKind::kPositions, data_json);
  }
  core::Result<std::size_t> PushAccount(std::string_view api_key, std::string_view data_json) {
    return PushPrivate(api_key, ChannelKind::kAccount, data_json);
  }

  // Fault injection.
  void SetFaults(const WsFaults& faults);
  // Drops every open connection (abrupt: TCP reset without a close frame). Returns how many.
  std::size_t DropConnections(bool abrupt = true);

  std::size_t connection_count() const;

 private:
  struct Subscription {
    ChannelArg arg;
    bool snapshot_sent = false;
    std::optional<core::Timestamp> last_candle_open;
  };
  // Holds the connection weakly: the server owns it (a stream must not outlive its server).
  struct Connection {
    std::weak_ptr<net::WsConnection> ws;
    std::uint64_t id = 0;
    std::optional<std::string> api_key;        // set after a successful login
    std::map<std::string, Subscription> subs;  // by ChannelArg::Key()
    std::optional<std::string> held;           // reorder_pushes: the push sent after the next
  };
  struct SymbolState {
    BookFeed books;
    std::int64_t last_trade_id = -1;
  };

  void OnOpen(const std::shared_ptr<net::WsConnection>& ws);
  void OnMessage(const std::shared_ptr<net::WsConnection>& ws, std::string_view text);
  void OnClose(const std::shared_ptr<net::WsConnection>& ws);
  struct RawArg;    // one element of "args", fields extracted from JSON (ws_server.cpp)
  struct RawLogin;  // the login op's fields
  void HandleSubscribe(Connection& conn, const std::vector<RawArg>& args, bool subscribe);
  void HandleLogin(Connection& conn, const RawLogin& login);
  void Send(Connection& conn, const std::string& text);
  void SendPush(Connection& conn, const std::string& text);
  void PumpSymbol(std::size_t i, const std::string& symbol, core::Timestamp now);
  core::Timestamp WallNow() const;

  sim::MarketSource& source_;
  const WsGatewayOptions options_;
  mutable std::mutex mu_;
  std::map<std::uint64_t, Connection> connections_;
  std::map<std::string, SymbolState> symbols_;
  WsFaults faults_;
};

}  // namespace bgt::emulator
