#include "core/clock.h"

#include <gtest/gtest.h>

#include <vector>

namespace bgt::core {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(TestClock, FiresTimersInDeadlineOrderWithNowAtEachDeadline) {
  TestClock clock(Timestamp::FromSeconds(100));
  std::vector<std::pair<int, std::int64_t>> fired;  // (tag, Now() in ms while firing)
  auto record = [&](int tag) {
    return [&fired, &clock, tag](Timestamp) { fired.emplace_back(tag, clock.Now().millis()); };
  };
  clock.ScheduleAfter(seconds(3), record(3));
  clock.ScheduleAfter(seconds(1), record(1));
  clock.ScheduleAfter(seconds(2), record(2));
  clock.ScheduleAfter(seconds(1), record(11));  // same deadline: scheduling order decides
  std::size_t count = 0;
  ASSERT_TRUE(clock.AdvanceTo(Timestamp::FromSeconds(102), &count));
  EXPECT_EQ(count, 3u);
  ASSERT_EQ(fired.size(), 3u);
  EXPECT_EQ(fired[0], std::make_pair(1, std::int64_t{101000}));
  EXPECT_EQ(fired[1], std::make_pair(11, std::int64_t{101000}));
  EXPECT_EQ(fired[2], std::make_pair(2, std::int64_t{102000}));
  EXPECT_EQ(clock.Now(), Timestamp::FromSeconds(102));
  EXPECT_EQ(clock.PendingTimers(), 1u);
  EXPECT_EQ(clock.NextDeadline(), Timestamp::FromSeconds(103));
}

TEST(TestClock, RefusesToGoBackwards) {
  TestClock clock(Timestamp::FromSeconds(10));
  bool ran = false;
  clock.ScheduleAt(Timestamp::FromSeconds(5), [&](Timestamp) { ran = true; });
  Status s = clock.AdvanceTo(Timestamp::FromSeconds(9));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(clock.Now(), Timestamp::FromSeconds(10));
  EXPECT_FALSE(ran) << "a refused move must not fire timers";
  // A deadline in the past fires at the next advance, at the current time.
  ASSERT_TRUE(clock.AdvanceBy(Duration::zero()));
  EXPECT_TRUE(ran);
  EXPECT_EQ(clock.Now(), Timestamp::FromSeconds(10));
}

TEST(TestClock, TimersScheduledByCallbacksFireInTheSameAdvanceWhenDue) {
  TestClock clock;
  std::vector<std::int64_t> at;
  clock.ScheduleAfter(seconds(1), [&](Timestamp t) {
    at.push_back(t.seconds());
    clock.ScheduleAfter(seconds(1), [&](Timestamp t2) { at.push_back(t2.seconds()); });
    clock.ScheduleAfter(seconds(10), [&](Timestamp t3) { at.push_back(t3.seconds()); });
  });
  ASSERT_TRUE(clock.AdvanceTo(Timestamp::FromSeconds(5)));
  EXPECT_EQ(at, (std::vector<std::int64_t>{1, 2}));
}

TEST(TestClock, CancelPreventsFiring) {
  TestClock clock;
  int runs = 0;
  const TimerId id = clock.ScheduleAfter(seconds(1), [&](Timestamp) { ++runs; });
  EXPECT_TRUE(clock.Cancel(id));
  EXPECT_FALSE(clock.Cancel(id));
  ASSERT_TRUE(clock.AdvanceBy(seconds(2)));
  EXPECT_EQ(runs, 0);
  EXPECT_FALSE(clock.NextDeadline().has_value());
}

TEST(TestClock, PeriodicTimerRepeatsUntilItCancelsItself) {
  TestClock clock;
  std::vector<std::int64_t> at;
  TimerId id = 0;
  id = clock.ScheduleEvery(milliseconds(250), [&](Timestamp t) {
    at.push_back(t.millis());
    if (at.size() == 3) clock.Cancel(id);
  });
  ASSERT_TRUE(clock.AdvanceBy(seconds(5)));
  EXPECT_EQ(at, (std::vector<std::int64_t>{250, 500, 750}));
  EXPECT_EQ(clock.PendingTimers(), 0u);
}

TEST(WallClock, IsCloseToTheSystemClockAndFiresDueTimers) {
  WallClock clock;
  const Timestamp now = clock.Now();
  EXPECT_GT(now, Timestamp::FromSeconds(1'600'000'000));  // after 2020: a real wall clock
  int runs = 0;
  clock.ScheduleAt(now - seconds(1), [&](Timestamp) { ++runs; });
  clock.ScheduleAt(now + seconds(3600), [&](Timestamp) { ++runs; });
  EXPECT_EQ(clock.FireDue(), 1u);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(clock.PendingTimers(), 1u);
}

}  // namespace
}  // namespace bgt::core
