// Emulator start-up, request routing, authentication, rate limits and the market feed.
#include "emulator/emulator.h"

#include <cmath>
#include <string>
#include <utility>

#include "bitget/credential.h"
#include "bitget/encode_responses.h"
#include "bitget/errors.h"
#include "emulator/emulator_impl.h"

namespace bgt::emulator {
namespace {

using namespace std::chrono_literals;

constexpr core::Duration kRefreshInterval = 200ms;
constexpr core::Duration kTimestampWindow = 30s;
constexpr std::size_t kLiquidityLevels = 20;

net::HttpResponse JsonResponse(int status, std::string body) {
  net::HttpResponse response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "application/json");
  response.body = std::move(body);
  return response;
}

net::HttpResponse ErrorResponse(const core::Error& error, core::Timestamp now) {
  const std::string code = error.venue_code.empty() ? "40017" : error.venue_code;
  const int status = error.http_status == 0 ? 400 : error.http_status;
  return JsonResponse(status, bitget::EncodeError(code, error.message, now));
}

std::optional<std::int64_t> ParseMillis(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

core::Status Emulator::Impl::Init() {
  if (!(config_.speed > 0) || !std::isfinite(config_.speed)) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "emulator: the market speed must be a positive number");
  }
  const core::Timestamp now = clock_.Now();
  BGT_RETURN_IF_ERROR(InitMarket(now));
  exchange_ = std::make_unique<sim::SimExchange>(market_clock_);
  for (const model::Instrument& instrument : market_->instruments()) {
    BGT_RETURN_IF_ERROR(exchange_->AddInstrument(instrument));
  }
  for (const EmulatorAccount& account : config_.accounts) {
    for (const KeyEntry& key : keys_) {
      if (key.credentials.api_key == account.api_key) {
        return core::MakeError(core::ErrorCode::kInvalidArgument,
                               "emulator: duplicate API key in the accounts");
      }
    }
    auto deposit = core::Decimal::Parse(account.usdt_deposit);
    if (!deposit || *deposit <= core::Decimal()) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "emulator: the USDT deposit must be a positive decimal");
    }
    const sim::AccountId id = exchange_->CreateAccount();
    BGT_RETURN_IF_ERROR(exchange_->Deposit(id, *deposit));
    keys_.push_back(KeyEntry{account, id});
  }
  RefreshMarket(now);
  AddMarketRoutes();
  AddTradeRoutes();
  return core::Status::Ok();
}

core::Status Emulator::Impl::InitMarket(core::Timestamp now) {
  const core::Timestamp start = core::Timestamp::FromMillis(now.millis());
  market_clock_.Start(start);
  history_start_ = start;
  if (!config_.mirror_contracts.empty()) {
    if (config_.speed != 1.0) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             "emulator: a mirrored market runs at speed 1");
    }
    std::vector<model::Instrument> instruments;
    for (const model::ContractRow& row : config_.mirror_contracts) {
      auto instrument = model::Instrument::FromContractRow(row);
      if (!instrument) return instrument.error();
      instruments.push_back(std::move(*instrument));
    }
    auto mirror = sim::MirrorMarket::Create(std::move(instruments), start);
    if (!mirror) return mirror.error();
    contracts_ = config_.mirror_contracts;
    mirror_ = mirror->get();
    market_ = std::move(*mirror);
    return core::Status::Ok();
  }
  sim::MarketGeneratorConfig market_config;
  market_config.seed = config_.seed;
  market_config.start = start;
  market_config.history_days = config_.history_days;
  for (const sim::SymbolPreset& preset : market_config.presets) {
    contracts_.push_back(preset.contract);
  }
  auto market = sim::MarketGenerator::Create(std::move(market_config));
  if (!market) return market.error();
  history_start_ = (*market)->history_start();
  market_ = std::move(*market);
  return core::Status::Ok();
}

void Emulator::Impl::RefreshMarket(core::Timestamp now) {
  if (last_refresh_ != core::Timestamp() && now - last_refresh_ < kRefreshInterval) return;
  last_refresh_ = now;
  const core::Timestamp market_now = market_clock_.At(now);
  if (market_now > market_->Now()) {
    const core::Status advanced = market_->AdvanceTo(market_now);
    BGT_CHECK(advanced.ok(), advanced.ToString());
  }
  for (std::size_t i = 0; i < market_->instruments().size(); ++i) PushSymbol(i);
  exchange_->OnTime(market_now);
  PublishPrivate();
}

void Emulator::Impl::AdvanceMarket(core::Timestamp now) {
  const core::Timestamp market_now = market_clock_.At(now);
  if (market_now > market_->Now()) {
    const core::Status advanced = market_->AdvanceTo(market_now);
    BGT_CHECK(advanced.ok(), advanced.ToString());
  }
  exchange_->OnTime(market_->Now());
}

void Emulator::Impl::PushSymbol(std::size_t i) {
  const std::string& symbol = market_->instruments()[i].symbol();
  const model::Ticker& ticker = market_->ticker(i);
  // Before a mirrored symbol's first feed the prices are 0: the exchange keeps no mark (40823).
  (void)exchange_->SetMarkPrice(symbol, ticker.mark_price);
  (void)exchange_->SetIndexPrice(symbol, ticker.index_price);
  (void)exchange_->SetFundingRate(symbol, market_->Funding(i).rate);
  const model::OrderBookSnapshot book = market_->Book(i, kLiquidityLevels);
  (void)exchange_->SetLiquidity(symbol, book.bids, book.asks);
}

core::Result<const KeyEntry*> Emulator::Impl::Authenticate(const net::HttpRequest& request,
                                                           core::Timestamp now) const {
  const std::string_view key = request.Header("ACCESS-KEY");
  const std::string_view sign = request.Header("ACCESS-SIGN");
  const std::string_view timestamp = request.Header("ACCESS-TIMESTAMP");
  const std::string_view passphrase = request.Header("ACCESS-PASSPHRASE");
  if (key.empty()) return VenueReject("40001", "ACCESS_KEY cannot be empty");
  if (sign.empty()) return VenueReject("40003", "ACCESS_SIGN cannot be empty");
  if (timestamp.empty()) return VenueReject("40005", "Invalid ACCESS_TIMESTAMP");
  if (passphrase.empty()) return VenueReject("40011", "ACCESS_PASSPHRASE cannot be empty");
  const KeyEntry* entry = nullptr;
  for (const KeyEntry& k : keys_) {
    if (k.credentials.api_key == key) entry = &k;
  }
  if (entry == nullptr) return VenueReject("40006", "Invalid ACCESS_KEY");
  if (entry->credentials.passphrase != passphrase) {
    return VenueReject("40012", "apikey/password is incorrect");
  }
  const auto ts_ms = ParseMillis(timestamp);
  if (!ts_ms) return VenueReject("40005", "Invalid ACCESS_TIMESTAMP");
  const core::Duration skew = core::Timestamp::FromMillis(*ts_ms) - now;
  if (skew > kTimestampWindow || skew < -kTimestampWindow) {
    return VenueReject("40008", "Request timestamp expired");
  }
  const core::Secret secret(entry->credentials.secret);
  const std::string_view path = request.Path();
  const std::string_view query = request.Query();
  if (bitget::SignRest(timestamp, request.method, path, query, request.body, secret) == sign) {
    return entry;
  }
  const std::string decoded = PercentDecode(query);
  if (decoded != query &&
      bitget::SignRest(timestamp, request.method, path, decoded, request.body, secret) == sign) {
    return entry;
  }
  return VenueReject("40009", "sign signature error");
}

bool Emulator::Impl::RateLimited(const Route& route, const KeyEntry* key, core::Timestamp now) {
  if (!config_.rate_limits || route.spec == nullptr) return false;
  std::string bucket = bitget::RateKey(*route.spec);
  if (key != nullptr) bucket += "|" + key->credentials.api_key;
  std::deque<core::Timestamp>& window = rate_windows_[bucket];
  while (!window.empty() && now - window.front() >= 1s) window.pop_front();
  if (window.size() >= static_cast<std::size_t>(route.spec->per_second)) return true;
  window.push_back(now);
  return false;
}

void Emulator::Impl::AddRoute(std::string method, std::string path,
                              const bitget::EndpointSpec* spec, Handler handler) {
  routes_[method + " " + path] = Route{spec, std::move(handler)};
}

void Emulator::Impl::AddRoute(bitget::Endpoint endpoint, Handler handler) {
  const bitget::EndpointSpec& spec = bitget::SpecOf(endpoint);
  AddRoute(std::string(spec.method), std::string(spec.path), &spec, std::move(handler));
}

core::Result<std::size_t> Emulator::Impl::SymbolIndex(const Params& params) const {
  auto symbol = params.Require("symbol");
  if (!symbol) return symbol.error();
  std::string upper = *symbol;
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  const auto index = market_->FindSymbol(upper);
  if (!index) {
    return VenueReject("40102",
                       "Contract configuration does not exist, please check the parameters");
  }
  return *index;
}

net::HttpResponse Emulator::Impl::Handle(const net::HttpRequest& request) {
  const core::Timestamp now = clock_.Now();
  const std::string key = request.method + " " + std::string(request.Path());
  const auto route = routes_.find(key);
  if (route == routes_.end()) {
    return JsonResponse(404, bitget::EncodeError("40404", "Request URL NOT FOUND", now));
  }
  const bool is_private = route->second.spec != nullptr && route->second.spec->is_private;
  if (request.body.size() > config_.max_body_bytes) {
    return ErrorResponse(VenueReject("40017", "Parameter verification failed: body too large"),
                         now);
  }
  const KeyEntry* entry = nullptr;
  if (is_private) {
    auto auth = Authenticate(request, now);
    if (!auth) return ErrorResponse(auth.error(), now);
    entry = *auth;
  }
  std::lock_guard lock(mu_);
  if (RateLimited(route->second, entry, now)) {
    return JsonResponse(429, bitget::EncodeError("429", "Too Many Requests", now));
  }
  Params params;
  if (request.method == "GET") {
    params = Params::FromQuery(request.Query());
  } else {
    auto body = Params::FromJsonBody(request.body);
    if (!body) return ErrorResponse(body.error(), now);
    params = std::move(*body);
  }
  RefreshMarket(now);
  auto body = route->second.handler(Call{params, entry, now});
  PublishPrivate();
  if (!body) return ErrorResponse(body.error(), now);
  return JsonResponse(200, std::move(*body));
}

net::WsHandler Emulator::Impl::CreateWsGateway() {
  WsGatewayOptions options;
  options.accounts.clear();
  for (const EmulatorAccount& account : config_.accounts) {
    options.accounts.push_back(CredentialsOf(account));
  }
  if (config_.wall_clock) options.wall_clock = config_.wall_clock;
  ws_ = std::make_unique<WsGateway>(*market_, std::move(options));
  ws_->SetFaults(config_.ws_faults);
  return ws_->Handler();
}

void Emulator::Impl::StartPump(std::chrono::milliseconds interval) {
  last_ws_drop_ = clock_.Now();
  pump_ = std::thread([this, interval] {
    std::unique_lock wait_lock(pump_mu_);
    while (!pump_cv_.wait_for(wait_lock, interval, [this] { return pump_stop_; })) {
      std::lock_guard lock(mu_);
      const core::Timestamp now = clock_.Now();
      RefreshMarket(now);
      ws_->Pump(now);
      if (config_.ws_disconnect_interval.count() > 0 &&
          now - last_ws_drop_ >= config_.ws_disconnect_interval) {
        ws_->DropConnections(true);
        last_ws_drop_ = now;
      }
    }
  });
}

void Emulator::Impl::StopPump() {
  {
    std::lock_guard lock(pump_mu_);
    pump_stop_ = true;
  }
  pump_cv_.notify_all();
  if (pump_.joinable()) pump_.join();
}

// ---- Emulator ----------------------------------------------------------------------------------

Emulator::Emulator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Emulator::~Emulator() { Stop(); }

core::Result<std::unique_ptr<Emulator>> Emulator::Start(const EmulatorConfig& config) {
  auto impl = std::make_unique<Impl>(config);
  BGT_RETURN_IF_ERROR(impl->Init());
  net::HttpServerOptions options;
  options.bind_address = config.bind_address;
  options.port = config.port;
  Impl* raw = impl.get();
  net::WsHandler ws_handler = impl->CreateWsGateway();
  auto server = net::HttpServer::Start(
      options, [raw](const net::HttpRequest& request) { return raw->Serve(request); },
      std::move(ws_handler));
  if (!server) return server.error();
  impl->server() = std::move(*server);
  impl->StartPump(std::chrono::milliseconds(250));
  return std::unique_ptr<Emulator>(new Emulator(std::move(impl)));
}

std::uint16_t Emulator::port() const { return impl_->server() ? impl_->server()->port() : 0; }

std::string Emulator::RestUrl() const {
  return "http://" + impl_->config().bind_address + ":" + std::to_string(port());
}

std::string Emulator::WsUrl() const {
  return "ws://" + impl_->config().bind_address + ":" + std::to_string(port());
}

void Emulator::Stop() {
  if (!impl_) return;
  impl_->StopPump();
  if (impl_->server()) impl_->server()->Stop();
}

net::HttpResponse Emulator::Handle(const net::HttpRequest& request) {
  return impl_->Handle(request);
}

bitget::Credentials CredentialsOf(const EmulatorAccount& account) {
  return bitget::Credentials{core::Secret(account.api_key), core::Secret(account.secret),
                             core::Secret(account.passphrase)};
}

}  // namespace bgt::emulator
