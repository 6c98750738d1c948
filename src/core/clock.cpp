#include "core/clock.h"

#include <string>

namespace bgt::core {

TimerId Clock::Insert(Timestamp deadline, Duration interval, TimerCallback callback, TimerId id) {
  const Key key{deadline, next_seq_++};
  queue_.emplace(key, Entry{id, interval, std::move(callback)});
  index_[id] = key;
  return id;
}

TimerId Clock::ScheduleAt(Timestamp deadline, TimerCallback callback) {
  BGT_CHECK(callback != nullptr, "timer callback must not be empty");
  return Insert(deadline, Duration::zero(), std::move(callback), next_id_++);
}

TimerId Clock::ScheduleAfter(Duration delay, TimerCallback callback) {
  return ScheduleAt(Now() + delay, std::move(callback));
}

TimerId Clock::ScheduleEvery(Duration interval, TimerCallback callback) {
  BGT_CHECK(interval > Duration::zero(), "periodic timer interval must be positive");
  BGT_CHECK(callback != nullptr, "timer callback must not be empty");
  return Insert(Now() + interval, interval, std::move(callback), next_id_++);
}

bool Clock::Cancel(TimerId id) {
  auto it = index_.find(id);
  if (it == index_.end()) return false;
  queue_.erase(it->second);
  index_.erase(it);
  return true;
}

std::optional<Timestamp> Clock::NextDeadline() const {
  if (queue_.empty()) return std::nullopt;
  return queue_.begin()->first.deadline;
}

std::optional<Timestamp> Clock::FireNext(Timestamp up_to) {
  if (queue_.empty() || queue_.begin()->first.deadline > up_to) return std::nullopt;
  auto node = queue_.extract(queue_.begin());
  const Timestamp deadline = node.key().deadline;
  Entry entry = std::move(node.mapped());
  index_.erase(entry.id);
  if (entry.interval > Duration::zero()) {
    // Re-arm before running, so the callback can cancel its own periodic timer.
    Insert(deadline + entry.interval, entry.interval, entry.callback, entry.id);
  }
  entry.callback(deadline);
  return deadline;
}

Status TestClock::AdvanceTo(Timestamp t, std::size_t* fired) {
  if (t < now_) {
    return MakeError(ErrorCode::kFailedPrecondition, "TestClock cannot move backwards from " +
                                                         now_.ToIso8601() + " to " + t.ToIso8601());
  }
  std::size_t count = 0;
  while (true) {
    const auto next = NextDeadline();
    if (!next || *next > t) break;
    if (*next > now_) now_ = *next;  // deadlines in the past fire at the current time
    FireNext(now_);
    ++count;
  }
  now_ = t;
  if (fired != nullptr) *fired = count;
  return Status::Ok();
}

std::size_t WallClock::FireDue() {
  std::size_t count = 0;
  while (FireNext(Now())) ++count;
  return count;
}

}  // namespace bgt::core
