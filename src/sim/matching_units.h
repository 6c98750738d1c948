// UnitScale: exact conversion between Decimals and whole multiples of a unit (the tick or the
// size step) for MatchingEngine, with 128-bit intermediates and an overflow guard. Internal to
// src/sim.
// Thread-safety: immutable value type.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>

#include "core/check.h"
#include "core/decimal.h"

namespace bgt::sim::internal {

// 128-bit intermediates (a GCC/Clang extension; __extension__ keeps -Wpedantic quiet).
__extension__ typedef __int128 Int128;  // NOLINT(modernize-use-using)

// Largest mantissa (at pricePlace / volumePlace decimals) of one order's price or size. Leaves
// four orders of magnitude of headroom for level totals and volumes in a 64-bit mantissa.
inline constexpr std::int64_t kMaxMantissa = 1'000'000'000'000'000;  // 1e15

// 10^0 .. 10^18.
inline constexpr std::array<std::int64_t, 19> kPow10 = [] {
  std::array<std::int64_t, 19> p{};
  p[0] = 1;
  for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}();

inline bool FitsInt64(Int128 v) {
  return v >= std::numeric_limits<std::int64_t>::min() &&
         v <= std::numeric_limits<std::int64_t>::max();
}

// Decimals <-> whole multiples of `unit`; output Decimals carry max(out_scale, unit scale)
// decimals.
class UnitScale {
 public:
  UnitScale(const core::Decimal& unit, int out_scale)
      : unit_(unit), out_scale_(std::max(out_scale, unit.scale())) {
    BGT_CHECK(unit.IsPositive(), "unit must be positive");
    const Int128 mult = static_cast<Int128>(unit.mantissa()) * kPow10[out_scale_ - unit.scale()];
    BGT_CHECK(mult <= kMaxMantissa, "unit too large");
    mult_ = static_cast<std::int64_t>(mult);
  }

  struct Units {
    std::int64_t n = 0;
    bool exact = false;
  };
  // `value` (>= 0) in units, rounded toward -inf (kFloor) or +inf (otherwise). nullopt when the
  // result's mantissa at the output scale would exceed kMaxMantissa.
  std::optional<Units> ToUnits(const core::Decimal& value, core::Rounding mode) const {
    if (value.IsNegative()) return std::nullopt;
    const int s = std::max(value.scale(), unit_.scale());
    const Int128 a = static_cast<Int128>(value.mantissa()) * kPow10[s - value.scale()];
    const Int128 b = static_cast<Int128>(unit_.mantissa()) * kPow10[s - unit_.scale()];
    Int128 q;
    bool exact;
    if (FitsInt64(a) && FitsInt64(b)) {  // the common case: 64-bit division is much cheaper
      const auto a64 = static_cast<std::int64_t>(a);
      const auto b64 = static_cast<std::int64_t>(b);
      q = a64 / b64;
      exact = a64 % b64 == 0;
    } else {
      q = a / b;
      exact = a % b == 0;
    }
    if (!exact && mode != core::Rounding::kFloor) ++q;
    if (q > kMaxMantissa || q * mult_ > kMaxMantissa) return std::nullopt;
    return Units{static_cast<std::int64_t>(q), exact};
  }

  // n units as a Decimal. Aborts (BGT_CHECK) when the mantissa overflows 64 bits.
  core::Decimal FromUnits(std::int64_t n) const {
    std::int64_t m = 0;
    BGT_CHECK(!__builtin_mul_overflow(n, mult_, &m), "decimal mantissa overflow");
    return core::Decimal::FromParts(m, out_scale_).value();
  }
  core::Decimal FromUnits(Int128 n) const {
    BGT_CHECK(FitsInt64(n), "decimal mantissa overflow");
    return FromUnits(static_cast<std::int64_t>(n));
  }

  const core::Decimal& unit() const { return unit_; }

 private:
  core::Decimal unit_;
  int out_scale_;
  std::int64_t mult_ = 1;
};

}  // namespace bgt::sim::internal
