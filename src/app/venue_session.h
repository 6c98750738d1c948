// VenueSession: everything a command needs to talk to Bitget (or any Bitget-compatible server),
// built from the validated configuration plus --base-url: an HTTP transport with the config's
// timeouts, a RateLimiter with Bitget's limits, a RestClient (demo trading and locale from the
// config), credentials from the environment for private commands, a ClockSync, and the typed
// BitgetApi with the config's product type and margin coin.
// Thread-safety: a session belongs to the command that opened it (one thread). The RestClient
// inside is thread-safe; SyncClock must not run concurrently with requests.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "bitget/api.h"
#include "bitget/clock_sync.h"
#include "bitget/credential.h"
#include "bitget/rest_client.h"
#include "config/config.h"
#include "config/credentials.h"
#include "core/clock.h"
#include "core/result.h"
#include "net/rate_limiter.h"

namespace bgt::app {

// What a command does with the venue, which decides what the session needs.
enum class VenueAccess : std::uint8_t {
  kPublic,       // market data: no credentials
  kPrivateRead,  // account, orders, positions: credentials
  kTrade,        // changes the account: credentials, and SyncClock() before the first change
};

// The credentials of BITGET_API_KEY, BITGET_API_SECRET and BITGET_API_PASSPHRASE, whatever the
// config's mode. Error (kConfig) naming every variable that is unset, empty or holds whitespace
// or control characters, and `command` (never a value).
core::Result<bitget::Credentials> CredentialsFromEnv(const config::EnvLookup& env,
                                                     std::string_view command);

class VenueSession {
 public:
  // Opens a session for `command` (named in error messages). `base_url` overrides
  // config.venue.rest_url. Nothing is sent yet. Errors: kConfig for a base URL that
  // config::CheckVenueUrl refuses or missing credentials (private access); kInvalidArgument
  // when the HTTP client cannot be built.
  static core::Result<std::unique_ptr<VenueSession>> Open(
      const config::Config& config, const std::optional<std::string>& base_url, VenueAccess access,
      const config::EnvLookup& env, std::string_view command);
  ~VenueSession();
  VenueSession(const VenueSession&) = delete;
  VenueSession& operator=(const VenueSession&) = delete;

  // Measures the clock offset to the venue (GET /api/v2/public/time, a few samples) and checks
  // that trading is allowed. Errors: the server-time request's error (kUnavailable, kAmbiguous,
  // a venue error...) when no sample could be taken, prefixed with what was being done;
  // kDenied when the offset exceeds venue.max_clock_skew_ms (nothing is sent then).
  core::Status SyncClock();

  bitget::BitgetApi& api() { return *api_; }
  bitget::RestClient& client() { return *client_; }
  const config::Config& config() const { return config_; }
  const std::string& base_url() const { return base_url_; }
  VenueAccess access() const { return access_; }
  // The local wall time (for "now" in candle ranges and generated client ids).
  core::Timestamp Now() const { return clock_.Now(); }
  // The last clock measurement; nullopt before SyncClock() succeeded.
  std::optional<bitget::ClockMeasurement> clock_measurement() const;

 private:
  VenueSession(const config::Config& config, std::string base_url, VenueAccess access);

  config::Config config_;
  std::string base_url_;
  VenueAccess access_;
  core::WallClock clock_;
  bitget::WallWaiter waiter_;
  net::RateLimiter limiter_;
  std::unique_ptr<bitget::RestClient> client_;
  std::unique_ptr<bitget::ClockSync> clock_sync_;
  std::unique_ptr<bitget::BitgetApi> api_;
};

}  // namespace bgt::app
