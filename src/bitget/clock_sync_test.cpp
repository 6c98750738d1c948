#include "bitget/clock_sync.h"

#include <gtest/gtest.h>

#include <deque>
#include <string>

namespace bgt::bitget {
namespace {

using namespace std::chrono_literals;
using core::Duration;
using core::Timestamp;

constexpr Timestamp kStart = Timestamp::FromMillis(1'700'000'000'000);

// A scripted venue clock: each sample takes `round_trip` of local time (the TestClock advances
// during the call) and the server reads its clock `server_delay` after the request was sent.
struct Sample {
  Duration round_trip;
  Duration server_delay;
};

struct FakeVenue {
  core::TestClock& clock;
  Duration true_offset;  // server - local
  std::deque<Sample> script;
  int calls = 0;
  bool fail = false;

  core::Result<Timestamp> operator()() {
    ++calls;
    if (fail) return core::MakeError(core::ErrorCode::kUnavailable, "venue down");
    Sample s = script.empty() ? Sample{Duration::zero(), Duration::zero()} : script.front();
    if (!script.empty()) script.pop_front();
    const Timestamp server = clock.Now() + s.server_delay + true_offset;
    EXPECT_TRUE(clock.AdvanceBy(s.round_trip).ok());
    return server;
  }
};

ClockSyncOptions Options() {
  ClockSyncOptions o;
  o.samples = 3;
  o.max_offset = 2000ms;
  o.interval = 1min;
  o.max_age = 5min;
  o.max_round_trip = 5s;
  return o;
}

TEST(ClockSync, NeverMeasuredRefusesTradingAndDoesNotCorrect) {
  core::TestClock clock(kStart);
  FakeVenue venue{clock, 500ms, {}};
  ClockSync sync(clock, std::ref(venue), Options());
  EXPECT_EQ(sync.Corrected(kStart), kStart);
  const core::Status allowed = sync.TradingAllowed();
  ASSERT_FALSE(allowed.ok());
  EXPECT_EQ(allowed.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_NE(allowed.error().message.find("never measured"), std::string::npos);
  EXPECT_FALSE(sync.last().has_value());
}

TEST(ClockSync, KeepsTheSampleWithTheSmallestRoundTrip) {
  core::TestClock clock(kStart);
  // The server answers at the very end of each round trip, so a sample's error is half its
  // round trip: the 40 ms sample is the most accurate (offset error +20 ms).
  FakeVenue venue{clock, 1500ms, {{300ms, 300ms}, {40ms, 40ms}, {120ms, 120ms}}};
  ClockSync sync(clock, std::ref(venue), Options());
  ASSERT_TRUE(sync.Measure().ok());
  EXPECT_EQ(venue.calls, 3);
  ASSERT_TRUE(sync.last().has_value());
  EXPECT_EQ(sync.last()->round_trip, 40ms);
  EXPECT_EQ(sync.last()->offset, 1500ms + 20ms);
  EXPECT_EQ(sync.last()->measured_at, kStart + 300ms + 40ms);
  EXPECT_EQ(sync.Corrected(kStart), kStart + 1520ms);
  EXPECT_EQ(sync.Now(), clock.Now() + 1520ms);
  EXPECT_TRUE(sync.TradingAllowed().ok());
}

TEST(ClockSync, SymmetricRoundTripMeasuresTheExactOffset) {
  core::TestClock clock(kStart);
  FakeVenue venue{clock, -750ms, {{100ms, 50ms}, {100ms, 50ms}, {100ms, 50ms}}};
  ClockSync sync(clock, std::ref(venue), Options());
  ASSERT_TRUE(sync.Measure().ok());
  EXPECT_EQ(sync.last()->offset, -750ms);
}

TEST(ClockSync, OffsetBeyondTheBoundStopsTradingEitherSign) {
  for (Duration offset : {Duration(2001ms), Duration(-2001ms), Duration(45s)}) {
    core::TestClock clock(kStart);
    FakeVenue venue{clock, offset, {}};
    ClockSync sync(clock, std::ref(venue), Options());
    ASSERT_TRUE(sync.Measure().ok());
    const core::Status allowed = sync.TradingAllowed();
    ASSERT_FALSE(allowed.ok());
    EXPECT_EQ(allowed.error().code, core::ErrorCode::kFailedPrecondition);
    EXPECT_NE(allowed.error().message.find("max_clock_skew_ms"), std::string::npos)
        << allowed.error().message;
  }
  core::TestClock clock(kStart);
  FakeVenue venue{clock, -2000ms, {}};  // exactly at the bound: allowed
  ClockSync sync(clock, std::ref(venue), Options());
  ASSERT_TRUE(sync.Measure().ok());
  EXPECT_TRUE(sync.TradingAllowed().ok());
}

TEST(ClockSync, StaleMeasurementStopsTradingUntilTheNextGoodOne) {
  core::TestClock clock(kStart);
  FakeVenue venue{clock, 100ms, {}};
  ClockSync sync(clock, std::ref(venue), Options());
  ASSERT_TRUE(sync.Start().ok());
  EXPECT_EQ(sync.measurements(), 1u);
  venue.fail = true;
  // Periodic samples now fail; the last good one ages past max_age (5 min).
  ASSERT_TRUE(clock.AdvanceBy(5min).ok());
  EXPECT_TRUE(sync.TradingAllowed().ok());
  ASSERT_TRUE(clock.AdvanceBy(1ms).ok());
  const core::Status stale = sync.TradingAllowed();
  ASSERT_FALSE(stale.ok());
  EXPECT_NE(stale.error().message.find("old"), std::string::npos) << stale.error().message;
  EXPECT_EQ(sync.failures(), 5u);                               // one per minute
  EXPECT_EQ(sync.Corrected(clock.Now()), clock.Now() + 100ms);  // the offset is still used
  venue.fail = false;
  ASSERT_TRUE(clock.AdvanceBy(1min).ok());
  EXPECT_TRUE(sync.TradingAllowed().ok());
  EXPECT_EQ(sync.measurements(), 2u);
}

TEST(ClockSync, FailedMeasurementKeepsThePreviousOne) {
  core::TestClock clock(kStart);
  FakeVenue venue{clock, 300ms, {}};
  ClockSync sync(clock, std::ref(venue), Options());
  ASSERT_TRUE(sync.Measure().ok());
  venue.fail = true;
  venue.true_offset = 900ms;
  const core::Status failed = sync.Measure();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, core::ErrorCode::kUnavailable);
  EXPECT_NE(failed.error().message.find("clock sync with Bitget failed: venue down"),
            std::string::npos);
  EXPECT_EQ(sync.last()->offset, 300ms);
  EXPECT_EQ(sync.failures(), 1u);
}

TEST(ClockSync, IgnoresSamplesWithTooLongARoundTrip) {
  core::TestClock clock(kStart);
  FakeVenue venue{clock, 0ms, {{6s, 3s}, {7s, 3s}, {5s + 1ms, 1s}}};
  ClockSync sync(clock, std::ref(venue), Options());
  const core::Status measured = sync.Measure();
  ASSERT_FALSE(measured.ok());
  EXPECT_NE(measured.error().message.find("round trip"), std::string::npos);
  EXPECT_FALSE(sync.last().has_value());
  // One usable sample among slow ones is enough.
  venue.script = {{6s, 3s}, {2s, 1s}, {9s, 1s}};
  ASSERT_TRUE(sync.Measure().ok());
  EXPECT_EQ(sync.last()->round_trip, 2s);
}

TEST(ClockSync, StopCancelsThePeriodicMeasurement) {
  core::TestClock clock(kStart);
  FakeVenue venue{clock, 0ms, {}};
  {
    ClockSync sync(clock, std::ref(venue), Options());
    ASSERT_TRUE(sync.Start().ok());
    EXPECT_EQ(clock.PendingTimers(), 1u);
    ASSERT_TRUE(clock.AdvanceBy(3min).ok());
    EXPECT_EQ(sync.measurements(), 4u);
    sync.Stop();
    EXPECT_EQ(clock.PendingTimers(), 0u);
    ASSERT_TRUE(sync.Start().ok());  // restartable
  }
  EXPECT_EQ(clock.PendingTimers(), 0u);  // the destructor cancels too
}

}  // namespace
}  // namespace bgt::bitget
