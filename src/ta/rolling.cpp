#include "ta/rolling.h"

#include <algorithm>
#include <cmath>

#include "core/check.h"

namespace bgt::ta {

RingBuffer::RingBuffer(int capacity) : data_(capacity > 0 ? capacity : 1) {
  BGT_CHECK(capacity >= 1, "RingBuffer capacity must be >= 1");
}

void RingBuffer::Clear() {
  head_ = 0;
  size_ = 0;
}

RollingSum::RollingSum(int window)
    : buffer_(window), recompute_every_(std::max(window, kRecomputeEvery)) {}

void RollingSum::Reset() {
  buffer_.Clear();
  sum_ = 0.0;
  compensation_ = 0.0;
  since_recompute_ = 0;
}

RollingMoments::RollingMoments(int window)
    : buffer_(window),
      inv_window_(1.0 / window),
      recompute_every_(std::max(window, kRecomputeEvery)) {}

void RollingMoments::Add(double x) {
  const bool same = buffer_.size() > 0 && buffer_.Newest() == x;
  run_ = same ? run_ + 1 : 1;
  double evicted = 0.0;
  if (!buffer_.Push(x, &evicted)) {
    const double n = buffer_.size();
    const double d = x - mean_;
    mean_ += d / n;
    m2_ += d * (x - mean_);
  } else {
    const double old_mean = mean_;
    mean_ += (x - evicted) * inv_window_;
    m2_ += (x - evicted) * (x - mean_ + evicted - old_mean);
    if (++since_recompute_ >= recompute_every_) Recompute();
  }
  if (run_ >= buffer_.size()) {
    mean_ = x;
    m2_ = 0.0;
  }
}

void RollingMoments::Recompute() {
  const int n = buffer_.size();
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += buffer_.At(i);
  const double mean = sum / n;
  double m2 = 0.0;
  double correction = 0.0;
  for (int i = 0; i < n; ++i) {
    const double d = buffer_.At(i) - mean;
    m2 += d * d;
    correction += d;
  }
  // Second-order correction of the two-pass algorithm (Chan, Golub, LeVeque).
  mean_ = mean + correction / n;
  m2_ = m2 - correction * correction / n;
  since_recompute_ = 0;
}

double RollingMoments::Variance() const {
  const int n = buffer_.size();
  if (n == 0) return 0.0;
  return std::max(m2_, 0.0) / n;
}

double RollingMoments::SampleVariance() const {
  const int n = buffer_.size();
  if (n < 2) return 0.0;
  return std::max(m2_, 0.0) / (n - 1);
}

void RollingMoments::Reset() {
  buffer_.Clear();
  mean_ = 0.0;
  m2_ = 0.0;
  run_ = 0;
  since_recompute_ = 0;
}

namespace {
int PowerOfTwoAbove(int n) {
  int p = 1;
  while (p <= n) p *= 2;
  return p;
}
}  // namespace

RollingExtremum::RollingExtremum(int window, Kind kind)
    : window_(window),
      kind_(kind),
      mask_(PowerOfTwoAbove(window) - 1),
      queue_(static_cast<size_t>(mask_) + 1) {
  BGT_CHECK(window >= 1, "RollingExtremum window must be >= 1");
}

void RollingExtremum::Reset() {
  head_ = 0;
  size_ = 0;
  count_ = 0;
  index_ = -1;
}

}  // namespace bgt::ta
