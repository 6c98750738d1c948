// Beast/Asio stay in net/*.cpp (docs/ARCHITECTURE.md §5.8).
#include "net/io_loop.h"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <utility>

#include "net/io_loop_internal.h"

namespace bgt::net {
namespace asio = boost::asio;

IoLoop::IoLoop() : impl_(std::make_unique<Impl>()) {}
IoLoop::~IoLoop() = default;

void IoLoop::Run() {
  auto& ioc = impl_->ioc();
  if (ioc.stopped()) ioc.restart();
  ioc.run();
}

std::size_t IoLoop::RunFor(std::chrono::milliseconds duration) {
  auto& ioc = impl_->ioc();
  if (ioc.stopped()) ioc.restart();
  return ioc.run_for(duration);
}

bool IoLoop::RunUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  auto& ioc = impl_->ioc();
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return done();
    if (ioc.stopped()) ioc.restart();
    // run_one_for returns after one handler or the slice, so done() is re-checked often.
    ioc.run_one_for(std::min<std::chrono::steady_clock::duration>(deadline - now,
                                                                  std::chrono::milliseconds(5)));
  }
  return true;
}

void IoLoop::Stop() { impl_->ioc().stop(); }

void IoLoop::Post(std::function<void()> fn) { asio::post(impl_->ioc(), std::move(fn)); }

core::Timestamp IoLoop::Now() const {
  const auto since = std::chrono::steady_clock::now().time_since_epoch();
  return core::Timestamp::FromNanos(
      std::chrono::duration_cast<std::chrono::nanoseconds>(since).count());
}

class IoTimer::Impl : public std::enable_shared_from_this<IoTimer::Impl> {
 public:
  explicit Impl(asio::io_context& ioc) : timer_(ioc) {}
  void Start(core::Duration delay, std::function<void()> callback) {
    ++generation_;
    callback_ = std::move(callback);
    pending_ = true;
    timer_.expires_after(delay.count() > 0 ? delay : core::Duration::zero());
    const std::uint64_t generation = generation_;
    std::weak_ptr<Impl> weak = weak_from_this();
    timer_.async_wait([weak, generation](const boost::system::error_code& ec) {
      auto self = weak.lock();
      if (!self || ec || generation != self->generation_ || !self->pending_) return;
      self->pending_ = false;
      auto cb = std::move(self->callback_);
      self->callback_ = nullptr;
      if (cb) cb();
    });
  }
  void Cancel() {
    ++generation_;
    pending_ = false;
    callback_ = nullptr;
    timer_.cancel();
  }
  bool pending() const { return pending_; }

 private:
  asio::steady_timer timer_;
  std::function<void()> callback_;
  std::uint64_t generation_ = 0;
  bool pending_ = false;
};

IoTimer::IoTimer(IoLoop& loop) : impl_(std::make_shared<Impl>(loop.impl().ioc())) {}
IoTimer::~IoTimer() { impl_->Cancel(); }
void IoTimer::Start(core::Duration delay, std::function<void()> callback) {
  impl_->Start(delay, std::move(callback));
}
void IoTimer::Cancel() { impl_->Cancel(); }
bool IoTimer::pending() const { return impl_->pending(); }

}  // namespace bgt::net
