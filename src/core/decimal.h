// Decimal: exact fixed-point decimal number (64-bit mantissa × 10^-scale, scale 0..18) for
// prices, sizes and money. Bitget sends every number as a decimal string; Decimal parses and
// prints them exactly ("23455.5", "0.001", "-0.0048522") and every arithmetic overflow is detected:
// the Checked*/Rescale/Parse functions return an error, the operators abort through BGT_CHECK
// (use them only on values already known to be in range).
// Thread-safety: immutable value type.
#pragma once

#include <compare>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

#include "core/result.h"

namespace bgt::core {

// How to drop digits. Directions are about the number line, independent of any order side.
enum class Rounding : std::uint8_t {
  kDown,      // toward zero (truncate)
  kUp,        // away from zero
  kFloor,     // toward -infinity
  kCeiling,   // toward +infinity
  kHalfUp,    // nearest, ties away from zero
  kHalfEven,  // nearest, ties to even (banker's)
};

class Decimal {
 public:
  static constexpr int kMaxScale = 18;

  constexpr Decimal() = default;  // zero, scale 0

  // mantissa × 10^-scale. Error (kOutOfRange) when scale is outside 0..kMaxScale.
  static Result<Decimal> FromParts(std::int64_t mantissa, int scale);
  static constexpr Decimal FromInt(std::int64_t value) { return Decimal(value, 0); }

  // Parses a decimal string: optional '-', digits, optionally '.' and digits, optionally an
  // exponent ('e'/'E', optional sign, digits) as JSON numbers may carry ("1e-5" is 0.00001,
  // exactly). The scale of the result is the number of fraction digits written ("1.50" keeps
  // scale 2). Rejected with kInvalidArgument: empty input, whitespace, '+', a lone '.', "1.",
  // ".5", "NaN", "inf", hex, any other character. Rejected with kOutOfRange: magnitude beyond
  // the 64-bit mantissa, more than 18 significant fraction digits, input longer than 64 chars.
  static Result<Decimal> Parse(std::string_view text);

  // Nearest decimal with `scale` fraction digits (half-even). Error for NaN, infinities and
  // values that overflow. Meant for turning indicator output into order prices.
  static Result<Decimal> FromDouble(double value, int scale);

  constexpr std::int64_t mantissa() const { return mantissa_; }
  constexpr int scale() const { return scale_; }

  // Exact text with exactly scale() fraction digits: "23455.5", "-0.0048522", "100".
  std::string ToString() const;
  double ToDouble() const;

  constexpr bool IsZero() const { return mantissa_ == 0; }
  constexpr bool IsNegative() const { return mantissa_ < 0; }
  constexpr bool IsPositive() const { return mantissa_ > 0; }
  constexpr int Sign() const { return (mantissa_ > 0) - (mantissa_ < 0); }

  // Same value with trailing fraction zeros removed ("1.500" -> "1.5", "2.0" -> "2").
  Decimal Normalized() const;

  // Same value expressed with `new_scale` fraction digits, rounding as asked when digits are
  // dropped. Error (kOutOfRange) when new_scale is outside 0..18 or the result overflows.
  Result<Decimal> Rescale(int new_scale, Rounding mode) const;

  // True when *this is an integer multiple of step (step must be positive; false otherwise).
  bool IsMultipleOf(const Decimal& step) const;

  // Nearest multiple of `step` in the given direction; the result has step's scale or ours,
  // whichever is larger. Error when step is not positive or on overflow.
  Result<Decimal> RoundToMultiple(const Decimal& step, Rounding mode) const;

  // Exact arithmetic. Error (kOutOfRange) on overflow; Mul also fails when the exact product
  // needs more than 18 fraction digits.
  static Result<Decimal> CheckedAdd(const Decimal& a, const Decimal& b);
  static Result<Decimal> CheckedSub(const Decimal& a, const Decimal& b);
  static Result<Decimal> CheckedMul(const Decimal& a, const Decimal& b);
  static Result<Decimal> CheckedNegate(const Decimal& a);
  // a × b rounded to `scale` fraction digits.
  static Result<Decimal> MulRounded(const Decimal& a, const Decimal& b, int scale, Rounding mode);
  // a / b rounded to `scale` fraction digits. Error on division by zero or overflow.
  static Result<Decimal> Div(const Decimal& a, const Decimal& b, int scale, Rounding mode);

  // Operators for values known to be in range: overflow is a bug and aborts.
  friend Decimal operator+(const Decimal& a, const Decimal& b);
  friend Decimal operator-(const Decimal& a, const Decimal& b);
  friend Decimal operator*(const Decimal& a, const Decimal& b);
  friend Decimal operator-(const Decimal& a);
  Decimal& operator+=(const Decimal& b) { return *this = *this + b; }
  Decimal& operator-=(const Decimal& b) { return *this = *this - b; }
  Decimal Abs() const { return IsNegative() ? -*this : *this; }

  // Numeric comparison: 1.5 == 1.50.
  friend bool operator==(const Decimal& a, const Decimal& b);
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);

 private:
  constexpr Decimal(std::int64_t mantissa, int scale)
      : mantissa_(mantissa), scale_(static_cast<std::int8_t>(scale)) {}

  std::int64_t mantissa_ = 0;
  std::int8_t scale_ = 0;
};

std::ostream& operator<<(std::ostream& os, const Decimal& d);

}  // namespace bgt::core
