// ClockSync: the offset between the local clock and Bitget's (GET /api/v2/public/time), measured
// at start and then periodically. offset = server - midpoint(send, receive) of the sample with the
// smallest round trip among a few. Signed requests use Corrected(local) = local + offset, because
// Bitget rejects timestamps more than 30 s off (40008). Trading is allowed only while a recent
// measurement exists and |offset| stays within the configured bound (venue.max_clock_skew_ms):
// a badly set local clock also skews every local decision, so it stops trading.
// Thread-safety: all methods are thread-safe, except Start/Stop, which belong to the thread that
// owns `clock` (its timers fire there). `clock.Now()` must be safe to call from every thread that
// calls Measure() (true for WallClock; a TestClock in a single-threaded test).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>

#include "core/clock.h"
#include "core/result.h"
#include "core/time.h"

namespace bgt::bitget {

class RestClient;

// One round trip to the venue's clock: its time (data.serverTime).
using ServerTimeFetch = std::function<core::Result<core::Timestamp>()>;

// GET /api/v2/public/time through `client` (rate-limited like any request) and its
// data.serverTime (ms). Errors: the client's, or ParseServerTime's (kInvalidArgument) for an
// answer without a readable serverTime. `client` must outlive the function.
ServerTimeFetch RestServerTime(RestClient& client);

struct ClockSyncOptions {
  int samples = 3;  // round trips per measurement; the one with the smallest round trip wins
  core::Duration max_offset = std::chrono::milliseconds(2000);  // venue.max_clock_skew_ms
  core::Duration interval = std::chrono::minutes(1);            // periodic re-measurement
  core::Duration max_age = std::chrono::minutes(5);  // older good measurements stop trading
  // Samples with a longer round trip say too little about the offset and are ignored.
  core::Duration max_round_trip = std::chrono::seconds(5);
};

struct ClockMeasurement {
  core::Duration offset{0};      // server - local
  core::Duration round_trip{0};  // of the chosen sample
  core::Timestamp measured_at;   // local time of the chosen sample's receive
};

class ClockSync {
 public:
  ClockSync(core::Clock& clock, ServerTimeFetch fetch, ClockSyncOptions options = {});
  ~ClockSync();  // cancels the periodic timer
  ClockSync(const ClockSync&) = delete;
  ClockSync& operator=(const ClockSync&) = delete;

  // Measures once now, then every options.interval on `clock`'s timers. Returns the first
  // measurement's status (the timer is armed either way, so a failed start heals itself).
  core::Status Start();
  void Stop();

  // Takes options.samples samples and keeps the one with the smallest round trip. Error (the
  // last sample's error, or kUnavailable when every round trip was too long) when no sample is
  // usable; the previous measurement is then kept and keeps ageing.
  core::Status Measure();

  // local + offset (offset 0 before the first measurement).
  core::Timestamp Corrected(core::Timestamp local) const;
  core::Timestamp Now() const { return Corrected(clock_.Now()); }

  // OK when a measurement exists, is at most max_age old at `local_now` and |offset| <=
  // max_offset; else kFailedPrecondition saying which condition fails.
  core::Status TradingAllowedAt(core::Timestamp local_now) const;
  core::Status TradingAllowed() const { return TradingAllowedAt(clock_.Now()); }

  std::optional<ClockMeasurement> last() const;
  std::uint64_t measurements() const;  // successful ones
  std::uint64_t failures() const;

 private:
  core::Clock& clock_;
  ServerTimeFetch fetch_;
  ClockSyncOptions options_;
  std::optional<core::TimerId> timer_;

  mutable std::mutex mu_;
  std::optional<ClockMeasurement> last_;
  std::uint64_t measurements_ = 0;
  std::uint64_t failures_ = 0;
};

}  // namespace bgt::bitget
