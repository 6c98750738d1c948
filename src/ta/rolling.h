// Rolling-window building blocks shared by the indicators: a ring buffer, a compensated rolling
// sum, rolling mean/variance and monotonic-queue rolling max/min, all O(1) (amortized) per value.
// Thread-safety: value types with no shared state; one instance per thread.
//
// Drift: running sums of a sliding window accumulate rounding error forever if only updated
// incrementally. RollingSum uses Neumaier-compensated accumulation and RollingMoments a
// Welford-style add/remove update; both also recompute exactly from the window every
// max(window, kRecomputeEvery) values, so the error stays bounded by one recompute period while the
// extra cost is at most one addition per value. A window whose last `window` values are all
// identical reports variance exactly 0 and mean exactly that value.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace bgt::ta {

inline constexpr int kRecomputeEvery = 1024;

// Fixed-capacity FIFO of the last `capacity` values (capacity >= 1).
class RingBuffer {
 public:
  explicit RingBuffer(int capacity);

  int capacity() const { return static_cast<int>(data_.size()); }
  int size() const { return size_; }
  bool full() const { return size_ == capacity(); }
  // Appends x. When the buffer was full, the oldest value is dropped and returned through
  // *evicted, and the result is true.
  bool Push(double x, double* evicted) {
    const int cap = capacity();
    if (size_ < cap) {
      int k = head_ + size_;
      if (k >= cap) k -= cap;
      data_[k] = x;
      ++size_;
      return false;
    }
    *evicted = data_[head_];
    data_[head_] = x;
    if (++head_ == cap) head_ = 0;
    return true;
  }
  // i = 0 is the oldest value, size() - 1 the newest.
  double At(int i) const {
    int k = head_ + i;
    if (k >= capacity()) k -= capacity();
    return data_[k];
  }
  double Newest() const { return At(size_ - 1); }
  void Clear();

 private:
  std::vector<double> data_;
  int head_ = 0;  // index of the oldest value
  int size_ = 0;
};

// Sum of the last `window` values.
class RollingSum {
 public:
  explicit RollingSum(int window);
  void Add(double x) {
    double evicted = 0.0;
    if (!buffer_.Push(x, &evicted)) {
      Accumulate(x);
    } else {
      // One compensated step with the difference: its own rounding is tiny next to the sum's.
      Accumulate(x - evicted);
      if (++since_recompute_ >= recompute_every_) Recompute();
    }
  }
  double Sum() const { return sum_ + compensation_; }
  int Count() const { return buffer_.size(); }
  bool Full() const { return buffer_.full(); }
  const RingBuffer& Window() const { return buffer_; }
  void Reset();

 private:
  void Accumulate(double v) {  // Neumaier
    const double t = sum_ + v;
    compensation_ += std::fabs(sum_) >= std::fabs(v) ? (sum_ - t) + v : (v - t) + sum_;
    sum_ = t;
  }
  // Inline like the rest of Add so a loop over a local RollingSum keeps it in registers.
  void Recompute() {
    sum_ = 0.0;
    compensation_ = 0.0;
    for (int i = 0; i < buffer_.size(); ++i) Accumulate(buffer_.At(i));
    since_recompute_ = 0;
  }
  RingBuffer buffer_;
  double sum_ = 0.0;
  double compensation_ = 0.0;
  int since_recompute_ = 0;
  int recompute_every_;
};

// Mean and population variance of the last `window` values.
class RollingMoments {
 public:
  explicit RollingMoments(int window);
  void Add(double x);
  double Mean() const { return mean_; }
  // Population variance (divide by n), never negative.
  double Variance() const;
  // Sample variance (divide by n - 1); 0 when fewer than 2 values.
  double SampleVariance() const;
  int Count() const { return buffer_.size(); }
  bool Full() const { return buffer_.full(); }
  const RingBuffer& Window() const { return buffer_; }
  void Reset();

 private:
  void Recompute();
  RingBuffer buffer_;
  double inv_window_;
  double mean_ = 0.0;
  double m2_ = 0.0;  // sum of squared deviations from mean_
  int run_ = 0;      // how many of the newest values are equal to the newest
  int since_recompute_ = 0;
  int recompute_every_;
};

// Maximum (or minimum) of the last `window` values, by a monotonic queue: amortized O(1).
class RollingExtremum {
 public:
  enum class Kind : std::uint8_t { kMax, kMin };
  RollingExtremum(int window, Kind kind);
  void Add(double x) {
    ++index_;
    if (count_ < window_) ++count_;
    // Drop queued values that the new one dominates (they can never be the extremum again).
    while (size_ > 0 && Dominates(x, queue_[(head_ + size_ - 1) & mask_].value)) --size_;
    queue_[(head_ + size_) & mask_] = Entry{index_, x};
    ++size_;
    // Drop the front when it left the window.
    if (queue_[head_].index <= index_ - window_) {
      head_ = (head_ + 1) & mask_;
      --size_;
    }
  }
  // The extremum of the values seen so far in the window; meaningful once Count() >= 1.
  double Value() const { return queue_[head_].value; }
  // How many values ago the extremum was added (0 = the newest value).
  int Age() const { return static_cast<int>(index_ - queue_[head_].index); }
  int Count() const { return count_; }
  bool Full() const { return count_ == window_; }
  void Reset();

 private:
  struct Entry {
    std::int64_t index;
    double value;
  };
  bool Dominates(double a, double b) const { return kind_ == Kind::kMax ? a >= b : a <= b; }
  int window_;
  Kind kind_;
  int mask_;                  // capacity - 1; the capacity is a power of two > window
  std::vector<Entry> queue_;  // ring buffer: entries head_ .. head_ + size_ - 1 (mod capacity)
  int head_ = 0;
  int size_ = 0;
  int count_ = 0;
  std::int64_t index_ = -1;
};

}  // namespace bgt::ta
