// IoLoop: the event loop of the I/O thread (an Asio io_context kept out of headers) and IoTimer,
// a one-shot timer on it. AsyncWsConnection and its owners schedule all their work here; one
// thread runs the loop, and every handler, timer and callback runs on that thread.
// Thread-safety: Post() and Stop() may be called from any thread; Run*/RunUntil from the one
// thread that drives the loop. IoTimer must be used on the loop thread only.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

#include "core/time.h"

namespace bgt::net {

class IoLoop {
 public:
  IoLoop();
  ~IoLoop();
  IoLoop(const IoLoop&) = delete;
  IoLoop& operator=(const IoLoop&) = delete;

  // Runs handlers until Stop() (stays alive while idle).
  void Run();
  // Runs handlers for at most `duration`; returns how many ran.
  std::size_t RunFor(std::chrono::milliseconds duration);
  // Runs handlers until `done()` is true (checked after each handler, and at least every 5 ms)
  // or `timeout` passed. Returns done()'s last value.
  bool RunUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout);
  // Makes Run() return as soon as possible; a later Run* call restarts the loop.
  void Stop();
  // Queues `fn` to run on the loop thread.
  void Post(std::function<void()> fn);
  // Monotonic time of the loop (steady clock), for pacing and deadlines.
  core::Timestamp Now() const;

  class Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// A re-armable one-shot timer. Start() replaces any pending expiry; Cancel() and the destructor
// guarantee the callback will not run afterwards.
class IoTimer {
 public:
  explicit IoTimer(IoLoop& loop);
  ~IoTimer();
  IoTimer(const IoTimer&) = delete;
  IoTimer& operator=(const IoTimer&) = delete;

  void Start(core::Duration delay, std::function<void()> callback);
  void Cancel();
  bool pending() const;

 private:
  class Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace bgt::net
