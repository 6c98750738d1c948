// Emulator: bgt's Bitget-compatible exchange on 127.0.0.1 — the simulated exchange (sim/) fed by
// a seeded synthetic market (MarketGenerator) or, in mirror mode, by a market fed from outside
// (sim::MirrorMarket: the live Bitget market the node forwards through FeedTicker/FeedBook, for
// the "paper" mode), served over Bitget's v2 REST protocol through
// net::HttpServer with Bitget's envelope, authentication (HMAC signature, passphrase, 30 s
// timestamp window against wall time), per-endpoint rate limits and error codes. Market time runs
// at `speed` × wall time from start-up: before each request (at most every 200 ms of wall time)
// the market is advanced to market now and the exchange's mark, index, funding and resting
// liquidity are refreshed from it (no timer thread), so resting orders fill when the generated
// book moves through them. WebSocket upgrades on the same port go to a WsGateway (ws_server.h);
// a pump thread advances the market every 250 ms and publishes it to public subscribers. REST
// faults (emulator_faults.h) are injected by Serve(), the server's handler.
// Thread-safety: Start/Stop/port()/urls from the owning thread; requests are handled on the
// server thread, and one mutex guards the market and the exchange; SetFaults, SetWsFaults,
// StartRateLimitBurst, fault_counters, MarketNow, FeedTicker and FeedBook may be called from any
// thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bitget/credential.h"
#include "core/result.h"
#include "core/time.h"
#include "emulator/emulator_faults.h"
#include "emulator/ws_server.h"
#include "model/contract_row.h"
#include "model/order_book.h"
#include "model/ticker.h"
#include "net/http.h"
#include "net/http_server.h"

namespace bgt::emulator {

// An API key of one emulated account. The defaults are documented test values, not secrets.
struct EmulatorAccount {
  std::string api_key = "bgt-test-key";
  std::string secret = "bgt-test-secret";
  std::string passphrase = "bgt-test-passphrase";
  std::string usdt_deposit = "100000";  // decimal text
  std::string name = "default";         // label for banners and logs
};

// The account's keys as bgt's client signs with them.
bitget::Credentials CredentialsOf(const EmulatorAccount& account);

struct EmulatorConfig {
  std::string bind_address = "127.0.0.1";
  std::uint16_t port = 0;  // 0: any free port
  std::uint64_t seed = 1;  // market generator seed
  int history_days = 400;  // candle history before today
  std::vector<EmulatorAccount> accounts = {EmulatorAccount{}};
  // Bodies above this size are answered with 40017 (not parsed).
  std::size_t max_body_bytes = 64u << 10;
  bool rate_limits = true;  // enforce the endpoint table's per-second limits (HTTP 429)
  // Market time = start + speed × elapsed wall time (60: one market minute per wall second);
  // candles, funding and the exchange's timestamps follow it. Authentication timestamp windows,
  // rate limits and envelope requestTime always use wall time. Must be > 0.
  double speed = 1.0;
  RestFaults faults;   // REST fault injection (emulator_faults.h); none by default
  WsFaults ws_faults;  // WebSocket misbehaviour (ws_server.h)
  // Drops every WebSocket connection this often (abruptly); 0: never.
  std::chrono::milliseconds ws_disconnect_interval{0};
  // Mirror mode when non-empty: the market serves exactly these contracts and is fed from
  // outside (FeedTicker/FeedBook) instead of generated; `seed` and `history_days` are unused and
  // `speed` must be 1. Each row must pass model::Instrument::FromContractRow.
  std::vector<model::ContractRow> mirror_contracts;
  // Wall clock; default the system clock. Called from the server and pump threads, so it must
  // be thread-safe.
  std::function<core::Timestamp()> wall_clock;
};

class Emulator {
 public:
  // Builds the market and the exchange, opens the accounts and starts serving. Error:
  // kInvalidArgument for a bad config (deposit, duplicate key), kUnavailable when the address
  // cannot be bound.
  static core::Result<std::unique_ptr<Emulator>> Start(const EmulatorConfig& config);
  ~Emulator();  // stops serving
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  std::uint16_t port() const;
  std::string RestUrl() const;  // "http://127.0.0.1:<port>"
  std::string WsUrl() const;    // "ws://127.0.0.1:<port>"
  void Stop();

  // Answers one request as the server does, without the REST faults (usable without the
  // network in tests).
  net::HttpResponse Handle(const net::HttpRequest& request);
  // What the server replies, REST faults included (delay, 5xx/429, dropped answer).
  net::ServerReply Serve(const net::HttpRequest& request);

  // Fault injection at run time: replaces the REST faults (reseeding their generator), forces
  // the next `requests` requests in scope to HTTP 429, sets the WebSocket faults.
  void SetFaults(const RestFaults& faults);
  void StartRateLimitBurst(int requests);
  void SetWsFaults(const WsFaults& faults);
  FaultCounters fault_counters() const;

  // The market's current time (it advances at `speed` × wall time, refreshed before requests).
  core::Timestamp MarketNow() const;

  // Mirror mode: takes the live market's ticker (FeedBook: order book) of one symbol at market
  // now, under the market mutex, and refreshes the exchange at once (mark, index, funding rate,
  // resting liquidity), so resting orders fill when the fed market moves through them and the
  // public REST/WebSocket answers show it. Funding due before the feed settles first, at the
  // previously fed rate (the exchange settles on the contract's fundInterval grid anchored at
  // 00:00 UTC, where Bitget's nextFundingTime falls; a fed time off that grid is served by the
  // public endpoints, but positions still settle on the grid). Until a symbol's first ticker the
  // exchange has no mark price for it and place-order fails with 40823. Error: kFailedPrecondition
  // when not in mirror mode; otherwise sim::MirrorMarket::Feed/FeedBook's errors (kNotFound for an
  // unknown symbol, kInvalidArgument for a bad price, size or book), and nothing but market time
  // changes.
  core::Status FeedTicker(const model::Ticker& ticker);
  core::Status FeedBook(std::string_view symbol, const model::OrderBookSnapshot& book);

  class Impl;

 private:
  explicit Emulator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace bgt::emulator
