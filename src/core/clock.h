// Clock: the only source of "now" for engines, plus one-shot and periodic timers.
// TestClock advances only when told to and fires due timers in deadline order (ties in the
// order they were scheduled); it refuses to move backwards. WallClock reads the system clock;
// its timers fire when the owning event loop calls FireDue().
// Thread-safety: not thread-safe. A clock and its timers belong to one thread (the kernel's).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

#include "core/result.h"
#include "core/time.h"

namespace bgt::core {

using TimerId = std::uint64_t;
// Called with the timer's deadline (which is also Now() for a TestClock).
using TimerCallback = std::function<void(Timestamp deadline)>;

class Clock {
 public:
  Clock() = default;
  Clock(const Clock&) = delete;
  Clock& operator=(const Clock&) = delete;
  virtual ~Clock() = default;

  virtual Timestamp Now() const = 0;

  // Schedules `callback` at `deadline` (a deadline in the past fires at the next opportunity).
  // Returns an id for Cancel(); ids are never reused.
  TimerId ScheduleAt(Timestamp deadline, TimerCallback callback);
  TimerId ScheduleAfter(Duration delay, TimerCallback callback);
  // Fires every `interval` (> 0) starting at Now() + interval until cancelled.
  TimerId ScheduleEvery(Duration interval, TimerCallback callback);
  // Returns false when the timer already fired (one-shot) or was cancelled.
  bool Cancel(TimerId id);

  std::optional<Timestamp> NextDeadline() const;
  std::size_t PendingTimers() const { return queue_.size(); }

 protected:
  // Pops and runs the earliest timer if its deadline is <= up_to. Returns its deadline, or
  // nullopt when nothing is due. Timers scheduled by a callback are eligible immediately.
  std::optional<Timestamp> FireNext(Timestamp up_to);

 private:
  struct Key {
    Timestamp deadline;
    std::uint64_t seq;  // scheduling order breaks deadline ties
    auto operator<=>(const Key&) const = default;
  };
  struct Entry {
    TimerId id;
    Duration interval;  // zero for one-shot timers
    TimerCallback callback;
  };
  TimerId Insert(Timestamp deadline, Duration interval, TimerCallback callback, TimerId id);

  std::map<Key, Entry> queue_;
  std::unordered_map<TimerId, Key> index_;
  std::uint64_t next_seq_ = 0;
  TimerId next_id_ = 1;
};

// Deterministic clock for tests and backtests.
class TestClock final : public Clock {
 public:
  explicit TestClock(Timestamp start = Timestamp()) : now_(start) {}

  Timestamp Now() const override { return now_; }

  // Moves time to `t`, firing every timer due on the way in order, with Now() equal to each
  // timer's deadline while it runs. Error (kFailedPrecondition) when t < Now(); time is then
  // left unchanged. Returns the number of timers fired through the count out-parameter.
  Status AdvanceTo(Timestamp t, std::size_t* fired = nullptr);
  Status AdvanceBy(Duration d, std::size_t* fired = nullptr) { return AdvanceTo(now_ + d, fired); }

 private:
  Timestamp now_;
};

// System-clock time. Timers fire only when the event loop calls FireDue().
class WallClock final : public Clock {
 public:
  Timestamp Now() const override;
  // Runs every timer whose deadline is <= Now(); returns how many ran.
  std::size_t FireDue();
};

}  // namespace bgt::core
