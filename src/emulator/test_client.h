// EmulatorClient (tests only): bgt's own signed REST client for one account of an emulator on
// loopback — transport, Bitget's rate limits, clock sync against the emulator and a BitgetApi —
// so a test can read or change the venue independently of the code under test.
// Thread-safety: one test thread; the RestClient inside is thread-safe.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "bitget/api.h"
#include "bitget/clock_sync.h"
#include "bitget/endpoints.h"
#include "bitget/rest_client.h"
#include "core/clock.h"
#include "emulator/emulator.h"
#include "net/rate_limiter.h"

namespace bgt::emulator {

struct EmulatorClientOptions {
  EmulatorAccount account;  // default: the documented test account
  int max_attempts = 1;     // no retry: the test sees the venue's first answer
  bool sync_clock = true;
  bitget::ClockSyncOptions clock_sync;
};

struct EmulatorClient {
  explicit EmulatorClient(const std::string& base_url, EmulatorClientOptions options = {}) {
    net::HttpClientOptions http;
    http.base_url = base_url;
    auto transport = bitget::HttpClientTransport::Create(http);
    EXPECT_TRUE(transport.has_value());
    bitget::ConfigureRateLimits(limiter, bitget::ApiGeneration::kV2Classic);
    bitget::RestClientOptions rest_options;
    rest_options.max_attempts = options.max_attempts;
    rest = std::make_unique<bitget::RestClient>(rest_options, std::move(*transport), limiter,
                                                waiter, CredentialsOf(options.account));
    if (options.sync_clock) {
      sync = std::make_unique<bitget::ClockSync>(clock, bitget::RestServerTime(*rest),
                                                 options.clock_sync);
      EXPECT_TRUE(sync->Measure().ok());
      rest->AttachClockSync(sync.get());
    }
    api = std::make_unique<bitget::BitgetApi>(*rest, bitget::EncodeContext{});
  }
  // The client of `account` with the other options' defaults.
  EmulatorClient(const std::string& base_url, const EmulatorAccount& account)
      : EmulatorClient(base_url, WithAccount(account)) {}
  ~EmulatorClient() { rest->AttachClockSync(nullptr); }
  EmulatorClient(const EmulatorClient&) = delete;
  EmulatorClient& operator=(const EmulatorClient&) = delete;

  static EmulatorClientOptions WithAccount(const EmulatorAccount& account) {
    EmulatorClientOptions options;
    options.account = account;
    return options;
  }

  core::WallClock clock;
  net::RateLimiter limiter;
  bitget::WallWaiter waiter;
  std::unique_ptr<bitget::RestClient> rest;
  std::unique_ptr<bitget::ClockSync> sync;
  std::unique_ptr<bitget::BitgetApi> api;
};

}  // namespace bgt::emulator
