// Time types: Timestamp (nanoseconds since the Unix epoch, UTC) and Duration. Bitget sends
// millisecond timestamps; conversions here are exact in both directions for whole milliseconds.
// Thread-safety: immutable value types.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace bgt::core {

using Duration = std::chrono::nanoseconds;

class Timestamp {
 public:
  constexpr Timestamp() = default;  // the epoch
  static constexpr Timestamp FromNanos(std::int64_t ns) { return Timestamp(ns); }
  static constexpr Timestamp FromMillis(std::int64_t ms) { return Timestamp(ms * 1'000'000); }
  static constexpr Timestamp FromSeconds(std::int64_t s) { return Timestamp(s * 1'000'000'000); }

  constexpr std::int64_t nanos() const { return ns_; }
  // Floor division, so timestamps before the epoch round toward -infinity.
  constexpr std::int64_t millis() const { return FloorDiv(ns_, 1'000'000); }
  constexpr std::int64_t seconds() const { return FloorDiv(ns_, 1'000'000'000); }

  // "2023-11-14T22:13:20.123Z" (millisecond precision, UTC).
  std::string ToIso8601() const;

  constexpr Timestamp operator+(Duration d) const { return Timestamp(ns_ + d.count()); }
  constexpr Timestamp operator-(Duration d) const { return Timestamp(ns_ - d.count()); }
  constexpr Duration operator-(Timestamp other) const { return Duration(ns_ - other.ns_); }
  constexpr Timestamp& operator+=(Duration d) { return *this = *this + d; }
  friend constexpr auto operator<=>(Timestamp, Timestamp) = default;

 private:
  constexpr explicit Timestamp(std::int64_t ns) : ns_(ns) {}
  static constexpr std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b) < 0 ? 1 : 0);
  }
  std::int64_t ns_ = 0;
};

std::ostream& operator<<(std::ostream& os, Timestamp t);

}  // namespace bgt::core
