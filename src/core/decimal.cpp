#include "core/decimal.h"

#include <cmath>
#include <limits>
#include <ostream>

namespace bgt::core {
namespace {

__extension__ typedef __int128 Int128;  // GCC/Clang extension; __extension__ keeps -Wpedantic quiet

constexpr int kMaxTextLength = 64;
constexpr Int128 kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr Int128 kInt64Min = std::numeric_limits<std::int64_t>::min();
// Largest power of ten held by Int128 is 10^38.
constexpr int kMaxPow10 = 38;

constexpr Int128 Pow10(int n) {
  Int128 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

struct Pow10Table {
  Int128 v[kMaxPow10 + 1];
  constexpr Pow10Table() : v() {
    for (int i = 0; i <= kMaxPow10; ++i) v[i] = Pow10(i);
  }
};
constexpr Pow10Table kPow10;

bool FitsInt64(Int128 x) { return x >= kInt64Min && x <= kInt64Max; }

// num / den rounded as `mode` asks. den != 0.
Int128 DivRound(Int128 num, Int128 den, Rounding mode) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  Int128 q = num / den;  // truncates toward zero
  Int128 r = num % den;  // same sign as num
  if (r == 0) return q;
  const bool negative = num < 0;
  const Int128 abs_r = negative ? -r : r;
  bool away = false;  // move one unit away from zero?
  switch (mode) {
    case Rounding::kDown:
      away = false;
      break;
    case Rounding::kUp:
      away = true;
      break;
    case Rounding::kFloor:
      away = negative;
      break;
    case Rounding::kCeiling:
      away = !negative;
      break;
    case Rounding::kHalfUp:
      away = 2 * abs_r >= den;
      break;
    case Rounding::kHalfEven: {
      const Int128 twice = 2 * abs_r;
      away = twice > den || (twice == den && (q % 2) != 0);
      break;
    }
  }
  if (away) q += negative ? -1 : 1;
  return q;
}

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size() && i < 40; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      out += static_cast<char>(c);
    } else {
      static const char* const kHex = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  if (text.size() > 40) out += "...";
  out += "\"";
  return out;
}

Error ParseError(ErrorCode code, std::string_view text, std::string_view why) {
  return MakeError(code, "invalid decimal " + Quote(text) + ": " + std::string(why));
}

Error Overflow(std::string_view what) {
  return MakeError(ErrorCode::kOutOfRange, "decimal overflow in " + std::string(what));
}

// Builds a Decimal from an Int128 mantissa and a scale that may exceed 18 (by dropping trailing
// zeros exactly) or be negative (by multiplying out).
Result<Decimal> Make(Int128 mantissa, int scale, const char* what) {
  if (scale < 0) {
    if (-scale > kMaxPow10) return Overflow(what);
    const Int128 f = kPow10.v[-scale];
    const Int128 limit = kPow10.v[kMaxPow10] / f;  // keeps mantissa × f inside Int128
    if (mantissa > limit || mantissa < -limit) return Overflow(what);
    mantissa *= f;
    scale = 0;
  }
  while (scale > Decimal::kMaxScale && mantissa % 10 == 0) {
    mantissa /= 10;
    --scale;
  }
  if (scale > Decimal::kMaxScale) {
    return MakeError(ErrorCode::kOutOfRange,
                     std::string(what) + " needs more than 18 fraction digits");
  }
  if (!FitsInt64(mantissa)) return Overflow(what);
  return Decimal::FromParts(static_cast<std::int64_t>(mantissa), scale);
}

// Mantissas of a and b brought to a common scale (the larger one). Int128 cannot overflow:
// |mantissa| < 2^63 and the factor is at most 10^18 < 2^60.
struct Aligned {
  Int128 a;
  Int128 b;
  int scale;
};
Aligned Align(const Decimal& a, const Decimal& b) {
  const int s = a.scale() > b.scale() ? a.scale() : b.scale();
  return {Int128(a.mantissa()) * kPow10.v[s - a.scale()],
          Int128(b.mantissa()) * kPow10.v[s - b.scale()], s};
}

}  // namespace

Result<Decimal> Decimal::FromParts(std::int64_t mantissa, int scale) {
  if (scale < 0 || scale > kMaxScale) {
    return MakeError(ErrorCode::kOutOfRange,
                     "decimal scale " + std::to_string(scale) + " outside 0..18");
  }
  return Decimal(mantissa, scale);
}

Result<Decimal> Decimal::Parse(std::string_view text) {
  if (text.empty()) return ParseError(ErrorCode::kInvalidArgument, text, "empty");
  if (text.size() > kMaxTextLength) {
    return ParseError(ErrorCode::kOutOfRange, text, "longer than 64 characters");
  }
  size_t i = 0;
  bool negative = false;
  if (text[i] == '-') {
    negative = true;
    ++i;
  }
  Int128 mantissa = 0;
  int scale = 0;
  int int_digits = 0;
  int frac_digits = 0;
  // Int128 holds 38 decimal digits; 64 characters of input could exceed it, so guard each step.
  constexpr Int128 kLimit = Pow10(37);
  auto push_digit = [&](char c) -> bool {
    if (mantissa >= kLimit) return false;
    mantissa = mantissa * 10 + (c - '0');
    return true;
  };
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++int_digits) {
    if (!push_digit(text[i])) return ParseError(ErrorCode::kOutOfRange, text, "too large");
  }
  if (int_digits == 0) {
    return ParseError(ErrorCode::kInvalidArgument, text,
                      "expected a digit at position " + std::to_string(i));
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++frac_digits) {
      if (!push_digit(text[i])) {
        return ParseError(ErrorCode::kOutOfRange, text, "too many significant digits");
      }
      ++scale;
    }
    if (frac_digits == 0) {
      return ParseError(ErrorCode::kInvalidArgument, text, "no digit after the decimal point");
    }
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
      exp_negative = text[i] == '-';
      ++i;
    }
    int exponent = 0;
    int exp_digits = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++exp_digits) {
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > 60) return ParseError(ErrorCode::kOutOfRange, text, "exponent too large");
    }
    if (exp_digits == 0) {
      return ParseError(ErrorCode::kInvalidArgument, text, "no digit in the exponent");
    }
    scale += exp_negative ? exponent : -exponent;
  }
  if (i != text.size()) {
    return ParseError(ErrorCode::kInvalidArgument, text,
                      "unexpected character at position " + std::to_string(i));
  }
  if (negative) mantissa = -mantissa;
  if (mantissa == 0 && scale < 0) scale = 0;  // "0e5"
  auto result = Make(mantissa, scale, "the value");
  if (!result) return ParseError(ErrorCode::kOutOfRange, text, result.error().message);
  return result;
}

Result<Decimal> Decimal::FromDouble(double value, int scale) {
  if (!std::isfinite(value)) {
    return MakeError(ErrorCode::kInvalidArgument, "cannot convert a non-finite double");
  }
  if (scale < 0 || scale > kMaxScale) {
    return MakeError(ErrorCode::kOutOfRange, "decimal scale outside 0..18");
  }
  const double scaled = std::nearbyint(value * std::pow(10.0, scale));  // half-even by default
  // 9.2e18 is the int64 range; stay strictly inside it.
  if (!(std::fabs(scaled) < 9.2e18)) return Overflow("FromDouble");
  return Decimal(static_cast<std::int64_t>(scaled), scale);
}

std::string Decimal::ToString() const {
  const bool negative = mantissa_ < 0;
  std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(mantissa_) : static_cast<std::uint64_t>(mantissa_);
  std::string digits = std::to_string(magnitude);
  if (static_cast<int>(digits.size()) <= scale_) {
    digits.insert(0, static_cast<size_t>(scale_ + 1) - digits.size(), '0');
  }
  if (scale_ > 0) digits.insert(digits.size() - static_cast<size_t>(scale_), 1, '.');
  if (negative) digits.insert(0, 1, '-');
  return digits;
}

double Decimal::ToDouble() const {
  return static_cast<double>(mantissa_) / static_cast<double>(kPow10.v[scale_]);
}

Decimal Decimal::Normalized() const {
  std::int64_t m = mantissa_;
  int s = scale_;
  while (s > 0 && m % 10 == 0) {
    m /= 10;
    --s;
  }
  if (m == 0) s = 0;
  return Decimal(m, s);
}

Result<Decimal> Decimal::Rescale(int new_scale, Rounding mode) const {
  if (new_scale < 0 || new_scale > kMaxScale) {
    return MakeError(ErrorCode::kOutOfRange, "decimal scale outside 0..18");
  }
  Int128 m = mantissa_;
  if (new_scale >= scale_) {
    m *= kPow10.v[new_scale - scale_];
  } else {
    m = DivRound(m, kPow10.v[scale_ - new_scale], mode);
  }
  if (!FitsInt64(m)) return Overflow("Rescale");
  return Decimal(static_cast<std::int64_t>(m), new_scale);
}

bool Decimal::IsMultipleOf(const Decimal& step) const {
  if (!step.IsPositive()) return false;
  const Aligned al = Align(*this, step);
  return al.a % al.b == 0;
}

Result<Decimal> Decimal::RoundToMultiple(const Decimal& step, Rounding mode) const {
  if (!step.IsPositive()) {
    return MakeError(ErrorCode::kInvalidArgument, "rounding step must be positive");
  }
  const Aligned al = Align(*this, step);
  const Int128 units = DivRound(al.a, al.b, mode);
  const Int128 m = units * al.b;
  if (!FitsInt64(m)) return Overflow("RoundToMultiple");
  return Decimal(static_cast<std::int64_t>(m), al.scale);
}

Result<Decimal> Decimal::CheckedAdd(const Decimal& a, const Decimal& b) {
  const Aligned al = Align(a, b);
  const Int128 m = al.a + al.b;
  if (!FitsInt64(m)) return Overflow("addition");
  return Decimal(static_cast<std::int64_t>(m), al.scale);
}

Result<Decimal> Decimal::CheckedSub(const Decimal& a, const Decimal& b) {
  const Aligned al = Align(a, b);
  const Int128 m = al.a - al.b;
  if (!FitsInt64(m)) return Overflow("subtraction");
  return Decimal(static_cast<std::int64_t>(m), al.scale);
}

Result<Decimal> Decimal::CheckedMul(const Decimal& a, const Decimal& b) {
  return Make(Int128(a.mantissa_) * Int128(b.mantissa_), a.scale_ + b.scale_, "multiplication");
}

Result<Decimal> Decimal::CheckedNegate(const Decimal& a) {
  if (a.mantissa_ == std::numeric_limits<std::int64_t>::min()) return Overflow("negation");
  return Decimal(-a.mantissa_, a.scale_);
}

Result<Decimal> Decimal::MulRounded(const Decimal& a, const Decimal& b, int scale, Rounding mode) {
  if (scale < 0 || scale > kMaxScale) {
    return MakeError(ErrorCode::kOutOfRange, "decimal scale outside 0..18");
  }
  const Int128 product = Int128(a.mantissa_) * Int128(b.mantissa_);  // < 2^126
  const int product_scale = a.scale_ + b.scale_;                     // <= 36
  Int128 m;
  if (product_scale >= scale) {
    m = DivRound(product, kPow10.v[product_scale - scale], mode);
  } else {
    const Int128 f = kPow10.v[scale - product_scale];
    if (product != 0 && (product > kInt64Max || product < kInt64Min)) {
      return Overflow("multiplication");
    }
    m = product * f;  // |product| < 2^63 here and f <= 10^18, so no Int128 overflow
  }
  if (!FitsInt64(m)) return Overflow("multiplication");
  return Decimal(static_cast<std::int64_t>(m), scale);
}

Result<Decimal> Decimal::Div(const Decimal& a, const Decimal& b, int scale, Rounding mode) {
  if (b.IsZero()) return MakeError(ErrorCode::kInvalidArgument, "decimal division by zero");
  if (scale < 0 || scale > kMaxScale) {
    return MakeError(ErrorCode::kOutOfRange, "decimal scale outside 0..18");
  }
  // a/b at `scale` = (ma * 10^(scale + sb - sa)) / mb.
  const int shift = scale + b.scale_ - a.scale_;  // in -18..36
  Int128 num = a.mantissa_;
  Int128 den = b.mantissa_;
  if (shift >= 0) {
    // |ma| < 2^63; 10^shift may reach 10^36 which would overflow. Split the shift.
    const int first = shift > 18 ? 18 : shift;
    num *= kPow10.v[first];
    const int rest = shift - first;
    if (rest > 0) {
      // num < 2^63 × 10^18 ≈ 2^123; multiplying further could overflow Int128, so reduce first.
      const Int128 limit = (Pow10(38) / kPow10.v[rest]);
      if (num > limit || num < -limit) return Overflow("division");
      num *= kPow10.v[rest];
    }
  } else {
    den *= kPow10.v[-shift];
  }
  const Int128 q = DivRound(num, den, mode);
  if (!FitsInt64(q)) return Overflow("division");
  return Decimal(static_cast<std::int64_t>(q), scale);
}

Decimal operator+(const Decimal& a, const Decimal& b) {
  auto r = Decimal::CheckedAdd(a, b);
  BGT_CHECK(r.has_value(), "Decimal overflow in operator+");
  return *r;
}

Decimal operator-(const Decimal& a, const Decimal& b) {
  auto r = Decimal::CheckedSub(a, b);
  BGT_CHECK(r.has_value(), "Decimal overflow in operator-");
  return *r;
}

Decimal operator*(const Decimal& a, const Decimal& b) {
  auto r = Decimal::CheckedMul(a, b);
  BGT_CHECK(r.has_value(), "Decimal overflow in operator*");
  return *r;
}

Decimal operator-(const Decimal& a) {
  auto r = Decimal::CheckedNegate(a);
  BGT_CHECK(r.has_value(), "Decimal overflow in unary operator-");
  return *r;
}

bool operator==(const Decimal& a, const Decimal& b) {
  const Aligned al = Align(a, b);
  return al.a == al.b;
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  const Aligned al = Align(a, b);
  if (al.a < al.b) return std::strong_ordering::less;
  if (al.a > al.b) return std::strong_ordering::greater;
  return std::strong_ordering::equal;
}

std::ostream& operator<<(std::ostream& os, const Decimal& d) { return os << d.ToString(); }

}  // namespace bgt::core
