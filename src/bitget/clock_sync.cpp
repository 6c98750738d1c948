#include "bitget/clock_sync.h"

#include <string>
#include <string_view>
#include <utility>

#include "bitget/parse_responses.h"
#include "bitget/request.h"
#include "bitget/rest_client.h"

namespace bgt::bitget {
namespace {

std::string Millis(core::Duration d) {
  return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()) + " ms";
}

}  // namespace

ServerTimeFetch RestServerTime(RestClient& client) {
  return [&client]() -> core::Result<core::Timestamp> {
    EncodedRequest request;
    request.endpoint = Endpoint::kServerTime;
    auto response = client.Send(request);
    if (!response) return response.error();
    auto parsed = ParseServerTime(response->body, response->http_status);
    if (!parsed) return parsed.error();
    return parsed->server_time;
  };
}

ClockSync::ClockSync(core::Clock& clock, ServerTimeFetch fetch, ClockSyncOptions options)
    : clock_(clock), fetch_(std::move(fetch)), options_(options) {
  BGT_CHECK(fetch_ != nullptr, "ClockSync needs a server time source");
  BGT_CHECK(options_.samples >= 1, "ClockSync needs at least one sample");
  BGT_CHECK(options_.interval > core::Duration::zero(), "ClockSync interval must be positive");
}

ClockSync::~ClockSync() { Stop(); }

core::Status ClockSync::Start() {
  core::Status first = Measure();
  if (!timer_) {
    timer_ = clock_.ScheduleEvery(options_.interval, [this](core::Timestamp) {
      // A failure keeps the previous measurement, which ages until TradingAllowed says no.
      (void)Measure();
    });
  }
  return first;
}

void ClockSync::Stop() {
  if (timer_) clock_.Cancel(*timer_);
  timer_.reset();
}

core::Status ClockSync::Measure() {
  std::optional<ClockMeasurement> best;
  std::optional<core::Error> last_error;
  for (int i = 0; i < options_.samples; ++i) {
    const core::Timestamp sent = clock_.Now();
    auto server = fetch_();
    const core::Timestamp received = clock_.Now();
    if (!server) {
      last_error = server.error();
      continue;
    }
    const core::Duration round_trip = received - sent;
    if (round_trip < core::Duration::zero()) {  // the local clock stepped back: no information
      last_error = core::MakeError(core::ErrorCode::kUnavailable,
                                   "local clock stepped back during a clock sample");
      continue;
    }
    if (round_trip > options_.max_round_trip) {
      last_error = core::MakeError(core::ErrorCode::kUnavailable,
                                   "server time round trip " + Millis(round_trip) + " exceeds " +
                                       Millis(options_.max_round_trip));
      continue;
    }
    if (best && round_trip >= best->round_trip) continue;
    const core::Timestamp midpoint = sent + round_trip / 2;
    best = ClockMeasurement{*server - midpoint, round_trip, received};
  }
  std::lock_guard lock(mu_);
  if (!best) {
    ++failures_;
    BGT_CHECK(last_error.has_value(), "a failed clock measurement has an error");
    core::Error error = *last_error;
    error.message = "clock sync with Bitget failed: " + error.message;
    return error;
  }
  last_ = best;
  ++measurements_;
  return core::Status::Ok();
}

core::Timestamp ClockSync::Corrected(core::Timestamp local) const {
  std::lock_guard lock(mu_);
  return last_ ? local + last_->offset : local;
}

core::Status ClockSync::TradingAllowedAt(core::Timestamp local_now) const {
  std::lock_guard lock(mu_);
  if (!last_) {
    return core::MakeError(core::ErrorCode::kFailedPrecondition,
                           "trading not allowed: the clock offset to Bitget was never measured");
  }
  const core::Duration age = local_now - last_->measured_at;
  if (age > options_.max_age) {
    return core::MakeError(core::ErrorCode::kFailedPrecondition,
                           "trading not allowed: the last good clock measurement is " +
                               Millis(age) + " old (max " + Millis(options_.max_age) + ")");
  }
  const core::Duration magnitude =
      last_->offset < core::Duration::zero() ? -last_->offset : last_->offset;
  if (magnitude > options_.max_offset) {
    return core::MakeError(core::ErrorCode::kFailedPrecondition,
                           "trading not allowed: Bitget's clock is " + Millis(last_->offset) +
                               " ahead of the local one, beyond venue.max_clock_skew_ms = " +
                               Millis(options_.max_offset));
  }
  return core::Status::Ok();
}

std::optional<ClockMeasurement> ClockSync::last() const {
  std::lock_guard lock(mu_);
  return last_;
}

std::uint64_t ClockSync::measurements() const {
  std::lock_guard lock(mu_);
  return measurements_;
}

std::uint64_t ClockSync::failures() const {
  std::lock_guard lock(mu_);
  return failures_;
}

}  // namespace bgt::bitget
