// Internal state of the Emulator shared by its .cpp files (emulator.cpp: start-up, routing,
// authentication, rate limits; emulator_market.cpp: public endpoints; emulator_trade.cpp:
// private endpoints). Not part of the public API.
// Thread-safety: every member below `mu` is guarded by it; handlers run with it held.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bitget/endpoints.h"
#include "core/clock.h"
#include "emulator/emulator.h"
#include "emulator/emulator_clock.h"
#include "emulator/emulator_faults.h"
#include "emulator/request_params.h"
#include "emulator/ws_server.h"
#include "model/contract_row.h"
#include "net/http_server.h"
#include "sim/exchange.h"
#include "sim/market_generator.h"
#include "sim/market_source.h"
#include "sim/mirror_market.h"

namespace bgt::emulator {

// One API key and the exchange account behind it.
struct KeyEntry {
  EmulatorAccount credentials;
  sim::AccountId account = 0;
};

// What a handler sees: the parameters, the authenticated key (nullptr on public endpoints) and
// the wall time of the request.
struct Call {
  const Params& params;
  const KeyEntry* key;
  core::Timestamp now;
};

// A handler answers with the whole body (success envelope) or a Bitget-shaped error.
using Handler = std::function<core::Result<std::string>(const Call&)>;

struct Route {
  const bitget::EndpointSpec* spec = nullptr;  // nullptr: start-up extras (no limit, public)
  Handler handler;
};

class Emulator::Impl {
 public:
  explicit Impl(EmulatorConfig config)
      : config_(std::move(config)),
        clock_(config_.wall_clock),
        market_clock_(clock_, config_.speed),
        faults_(config_.faults) {}

  core::Status Init();
  net::HttpResponse Handle(const net::HttpRequest& request);
  // Handle() behind the REST faults (emulator_serve.cpp).
  net::ServerReply Serve(const net::HttpRequest& request);
  FaultInjector& faults() { return faults_; }
  void SetWsFaults(const WsFaults& faults);
  core::Timestamp MarketNow() const { return market_clock_.Now(); }

  void AddMarketRoutes();
  void AddTradeRoutes();
  void AddTpslRoutes();

  const EmulatorConfig& config() const { return config_; }
  std::unique_ptr<net::HttpServer>& server() { return server_; }

  // The WebSocket side: creates the gateway over the market (accounts from the config) and
  // returns its handler for the server. Call once, before the server starts.
  net::WsHandler CreateWsGateway();
  // Every `interval` advances the market to the wall clock and publishes it to WebSocket
  // subscribers, on a thread of its own; StopPump() ends it (idempotent).
  void StartPump(std::chrono::milliseconds interval);
  void StopPump();

  // Mirror mode (emulator_mirror.cpp): see Emulator::FeedTicker / FeedBook.
  core::Status FeedTicker(const model::Ticker& ticker);
  core::Status FeedBook(std::string_view symbol, const model::OrderBookSnapshot& book);

 private:
  // Builds the market: the generator, or the mirror over config_.mirror_contracts.
  core::Status InitMarket(core::Timestamp now);
  // Advances the market to the market time at wall time `now` (at most every 200 ms) and pushes
  // it into the exchange.
  void RefreshMarket(core::Timestamp now);
  // Advances the market to the market time at wall time `now` and settles what came due in the
  // exchange (funding at the rates last pushed), without pushing market data.
  void AdvanceMarket(core::Timestamp now);
  // Pushes symbol i's mark, index, funding rate and resting liquidity into the exchange.
  void PushSymbol(std::size_t i);
  // Mirror feeds: advance, apply `feed` to the mirror, push symbol `symbol` into the exchange.
  core::Status ApplyFeed(std::string_view symbol, const std::function<core::Status()>& feed);
  // Drains the exchange's events into private WebSocket pushes (emulator_private.cpp); with mu_
  // held, after every request's handler and every market refresh.
  void PublishPrivate();
  // Error (Bitget code) when the request is not properly signed by a known key.
  core::Result<const KeyEntry*> Authenticate(const net::HttpRequest& request,
                                             core::Timestamp now) const;
  // True when the request exceeds its endpoint's per-second limit (and counts it otherwise).
  bool RateLimited(const Route& route, const KeyEntry* key, core::Timestamp now);
  void AddRoute(std::string method, std::string path, const bitget::EndpointSpec* spec,
                Handler handler);
  void AddRoute(bitget::Endpoint endpoint, Handler handler);
  // The index of `symbol` in the market, or 40102.
  core::Result<std::size_t> SymbolIndex(const Params& params) const;

  EmulatorConfig config_;
  FunctionClock clock_;       // wall time
  MarketClock market_clock_;  // the exchange's clock: speed × wall time from start-up
  FaultInjector faults_;
  std::unique_ptr<net::HttpServer> server_;
  std::map<std::string, Route, std::less<>> routes_;  // "METHOD path"

  std::mutex mu_;
  std::unique_ptr<sim::MarketSource> market_;
  sim::MirrorMarket* mirror_ = nullptr;  // market_ in mirror mode, else nullptr
  core::Timestamp history_start_;        // the first instant with candles
  std::vector<model::ContractRow> contracts_;
  std::unique_ptr<sim::SimExchange> exchange_;
  std::vector<KeyEntry> keys_;
  std::map<std::string, std::deque<core::Timestamp>, std::less<>> rate_windows_;
  core::Timestamp last_refresh_;

  std::unique_ptr<WsGateway> ws_;  // reads market_ only inside Pump, under mu_
  std::thread pump_;
  std::mutex pump_mu_;
  std::condition_variable pump_cv_;
  bool pump_stop_ = false;
  core::Timestamp last_ws_drop_;  // wall time of the last ws_disconnect_interval drop
};

}  // namespace bgt::emulator
