#include "app/venue_session.h"

#include <algorithm>
#include <chrono>
#include <utility>
#include <vector>

#include "bitget/endpoints.h"
#include "config/url.h"
#include "net/http_client.h"

namespace bgt::app {
namespace {

bool HasWhitespaceOrControl(std::string_view value) {
  return std::any_of(value.begin(), value.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f;
  });
}

// Overwrites a copy of a secret before its buffer is freed.
void Wipe(std::string& value) { std::fill(value.begin(), value.end(), '\0'); }

}  // namespace

core::Result<bitget::Credentials> CredentialsFromEnv(const config::EnvLookup& env,
                                                     std::string_view command) {
  bitget::Credentials credentials;
  core::Secret* targets[] = {&credentials.api_key, &credentials.secret, &credentials.passphrase};
  std::vector<config::Violation> violations;
  for (std::size_t i = 0; i < config::kCredentialEnvVars.size(); ++i) {
    const std::string_view name = config::kCredentialEnvVars[i];
    std::optional<std::string> value = env(name);
    const std::string path = "env " + std::string(name);
    if (!value.has_value()) {
      violations.push_back({path, "not set"});
    } else if (value->empty()) {
      violations.push_back({path, "is empty"});
    } else if (HasWhitespaceOrControl(*value)) {
      violations.push_back(
          {path, "contains whitespace or control characters (a trailing newline?)"});
    } else {
      *targets[i] = core::Secret(*value);
    }
    if (value.has_value()) Wipe(*value);
  }
  if (violations.empty()) return credentials;
  return config::ViolationsError(
      "the environment (`" + std::string(command) + "` needs Bitget API credentials)", violations);
}

VenueSession::VenueSession(const config::Config& config, std::string base_url, VenueAccess access)
    : config_(config), base_url_(std::move(base_url)), access_(access) {}

VenueSession::~VenueSession() {
  // The API and the clock sync refer to the client; the client to the limiter and waiter.
  api_.reset();
  if (client_) client_->AttachClockSync(nullptr);
  clock_sync_.reset();
  client_.reset();
}

core::Result<std::unique_ptr<VenueSession>> VenueSession::Open(
    const config::Config& config, const std::optional<std::string>& base_url, VenueAccess access,
    const config::EnvLookup& env, std::string_view command) {
  const std::string url = base_url.value_or(config.venue.rest_url);
  if (core::Status checked = config::CheckVenueUrl(url, config::UrlKind::kRest); !checked) {
    core::Error error = checked.error();
    error.message = (base_url ? "--base-url: " : "venue.rest_url: ") + error.message;
    return error;
  }
  bitget::Credentials credentials;
  if (access != VenueAccess::kPublic) {
    auto loaded = CredentialsFromEnv(env, command);
    if (!loaded) return loaded.error();
    credentials = std::move(*loaded);
  }

  net::HttpClientOptions http;
  http.base_url = url;
  http.connect_timeout = std::chrono::milliseconds(config.venue.connect_timeout_ms);
  http.request_timeout = std::chrono::milliseconds(config.venue.request_timeout_ms);
  auto transport = bitget::HttpClientTransport::Create(http);
  if (!transport) return transport.error();

  std::unique_ptr<VenueSession> session(new VenueSession(config, url, access));
  bitget::ConfigureRateLimits(session->limiter_, bitget::ApiGeneration::kV2Classic);
  bitget::RestClientOptions rest;
  rest.locale = std::string(config::LocaleName(config.venue.locale));
  rest.demo_trading = config.venue.demo_trading;
  session->client_ = std::make_unique<bitget::RestClient>(
      rest, std::move(*transport), session->limiter_, session->waiter_, std::move(credentials));
  if (access != VenueAccess::kPublic) {
    // Attached before any measurement: private reads are signed with the local time, and a
    // timestamp rejection (40005/40008) makes the client measure the offset and retry once.
    bitget::ClockSyncOptions sync;
    sync.max_offset = std::chrono::milliseconds(config.venue.max_clock_skew_ms);
    session->clock_sync_ = std::make_unique<bitget::ClockSync>(
        session->clock_, bitget::RestServerTime(*session->client_), sync);
    session->client_->AttachClockSync(session->clock_sync_.get());
  }
  bitget::EncodeContext context;
  context.product_type = std::string(config::ProductTypeName(config.venue.product_type));
  context.margin_coin = config.venue.margin_coin;
  session->api_ = std::make_unique<bitget::BitgetApi>(*session->client_, std::move(context));
  return session;
}

core::Status VenueSession::SyncClock() {
  if (!clock_sync_) {
    return core::MakeError(core::ErrorCode::kFailedPrecondition,
                           "a public session cannot trade (no credentials)");
  }
  if (core::Status measured = clock_sync_->Measure(); !measured) {
    core::Error error = measured.error();
    error.message =
        "cannot measure the clock offset to the venue, so nothing was sent: " + error.message;
    return error;
  }
  if (core::Status allowed = clock_sync_->TradingAllowed(); !allowed) {
    core::Error error = allowed.error();
    error.code = core::ErrorCode::kDenied;
    error.message += " (fix the system clock, e.g. enable NTP)";
    return error;
  }
  return core::Status::Ok();
}

std::optional<bitget::ClockMeasurement> VenueSession::clock_measurement() const {
  if (!clock_sync_) return std::nullopt;
  return clock_sync_->last();
}

}  // namespace bgt::app
