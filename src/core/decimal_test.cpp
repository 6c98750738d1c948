#include "core/decimal.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <limits>
#include <string>

namespace bgt::core {
namespace {

Decimal D(std::string_view s) {
  auto r = Decimal::Parse(s);
  EXPECT_TRUE(r.has_value()) << s << ": " << (r ? "" : r.error().ToString());
  return r.value_or(Decimal());
}

TEST(DecimalParse, BitgetStringsRoundTripExactly) {
  for (const char* s :
       {"23455.5", "0.001", "-0.0048522", "0", "100", "0.00000001", "5", "0.0002", "-1",
        "9223372036854775807", "-9223372036854775808", "0.000000000000000001", "1.50"}) {
    EXPECT_EQ(D(s).ToString(), s);
  }
}

TEST(DecimalParse, KeepsMantissaAndScale) {
  const Decimal d = D("-0.0048522");
  EXPECT_EQ(d.mantissa(), -48522);
  EXPECT_EQ(d.scale(), 7);
  EXPECT_EQ(D("23455.5").mantissa(), 234555);
  EXPECT_EQ(D("23455.5").scale(), 1);
}

TEST(DecimalParse, ExponentNotationIsConvertedExactly) {
  EXPECT_EQ(D("1e-5").ToString(), "0.00001");
  EXPECT_EQ(D("1E-5").ToString(), "0.00001");
  EXPECT_EQ(D("2.5e3").ToString(), "2500");
  EXPECT_EQ(D("2.5e+1").ToString(), "25");
  EXPECT_EQ(D("-1.25e-2").ToString(), "-0.0125");
  EXPECT_EQ(D("0e9").ToString(), "0");
}

TEST(DecimalParse, RejectsMalformedInputWithInvalidArgument) {
  for (const char* s : {"",    " ",   " 1",  "1 ",   "+1",       "-",    ".",   "1.",    ".5",
                        "NaN", "nan", "inf", "-inf", "Infinity", "0x10", "1,5", "1.2.3", "--1",
                        "1e",  "1e+", "e5",  "abc",  "1_000",    "١",    "1\n", "null",  "true"}) {
    auto r = Decimal::Parse(s);
    ASSERT_FALSE(r.has_value()) << "accepted '" << s << "'";
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << s;
    EXPECT_NE(r.error().message.find("invalid decimal"), std::string::npos);
  }
}

TEST(DecimalParse, DetectsOverflowInsteadOfWrapping) {
  for (const char* s : {"9223372036854775808", "-9223372036854775809", "99999999999999999999",
                        "1e19", "1e60", "1e61", "0.0000000000000000001", "1e-19",
                        "123456789012345678901234567890123456789012345678901234567890",
                        "1234567890.123456789012345"}) {
    auto r = Decimal::Parse(s);
    ASSERT_FALSE(r.has_value()) << "accepted '" << s << "' as " << r->ToString();
    EXPECT_EQ(r.error().code, ErrorCode::kOutOfRange) << s;
  }
}

TEST(DecimalParse, HugeInputIsRejectedNotCrashed) {
  const std::string huge(100000, '9');
  auto r = Decimal::Parse(huge);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kOutOfRange);
  EXPECT_LT(r.error().message.size(), 200u) << "error message must not echo the whole input";
}

TEST(DecimalParse, TrailingZerosBeyondEighteenDigitsAreDroppedExactly) {
  EXPECT_EQ(D("0.10000000000000000000").ToString(), "0.100000000000000000");
}

TEST(DecimalParse, ErrorMessageEscapesControlCharacters) {
  auto r = Decimal::Parse(std::string_view("1\x01", 2));
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("\\x01"), std::string::npos) << r.error().message;
}

TEST(DecimalCompare, IsNumericAcrossScales) {
  EXPECT_EQ(D("1.5"), D("1.50"));
  EXPECT_LT(D("0.001"), D("0.01"));
  EXPECT_GT(D("-0.001"), D("-0.01"));
  EXPECT_LT(D("-9223372036854775808"), D("0.000000000000000001"));
  EXPECT_EQ(D("0"), D("-0.000"));
}

TEST(DecimalArithmetic, AddSubMulAreExact) {
  EXPECT_EQ((D("0.1") + D("0.2")).ToString(), "0.3");
  EXPECT_EQ((D("23455.5") - D("0.05")).ToString(), "23455.45");
  EXPECT_EQ((D("23455.5") * D("0.001")).ToString(), "23.4555");
  EXPECT_EQ((-D("1.25")).ToString(), "-1.25");
  EXPECT_EQ(D("-1.25").Abs().ToString(), "1.25");
}

TEST(DecimalArithmetic, OverflowIsReportedByCheckedOps) {
  const Decimal max = D("9223372036854775807");
  const Decimal min = D("-9223372036854775808");
  EXPECT_FALSE(Decimal::CheckedAdd(max, D("1")).has_value());
  EXPECT_FALSE(Decimal::CheckedSub(min, D("1")).has_value());
  EXPECT_FALSE(Decimal::CheckedMul(max, D("2")).has_value());
  EXPECT_FALSE(Decimal::CheckedNegate(min).has_value());
  // Scales that need more than 18 digits.
  EXPECT_FALSE(Decimal::CheckedMul(D("0.0000000001"), D("0.0000000001")).has_value());
  // Aligning scales can overflow too: 9e18 at scale 0 cannot be written at scale 1.
  EXPECT_FALSE(Decimal::CheckedAdd(max, D("0.1")).has_value());
  EXPECT_EQ(Decimal::CheckedAdd(D("1"), D("0.1"))->ToString(), "1.1");
}

TEST(DecimalArithmeticDeathTest, OperatorOverflowAborts) {
  const Decimal max = D("9223372036854775807");
  EXPECT_DEATH({ [[maybe_unused]] Decimal x = max + D("1"); }, "overflow");
}

TEST(DecimalArithmetic, MulRoundedAndDiv) {
  EXPECT_EQ(Decimal::MulRounded(D("1.23"), D("4.56"), 2, Rounding::kHalfEven)->ToString(),
            "5.61");  // 5.6088
  EXPECT_EQ(Decimal::MulRounded(D("2"), D("3"), 4, Rounding::kDown)->ToString(), "6.0000");
  EXPECT_EQ(Decimal::Div(D("1"), D("3"), 6, Rounding::kHalfEven)->ToString(), "0.333333");
  EXPECT_EQ(Decimal::Div(D("2"), D("3"), 6, Rounding::kHalfEven)->ToString(), "0.666667");
  EXPECT_EQ(Decimal::Div(D("-2"), D("3"), 2, Rounding::kFloor)->ToString(), "-0.67");
  EXPECT_EQ(Decimal::Div(D("-2"), D("3"), 2, Rounding::kDown)->ToString(), "-0.66");
  EXPECT_EQ(Decimal::Div(D("100"), D("0.000000000000000001"), 0, Rounding::kDown).has_value(),
            false);  // 1e20 overflows
  EXPECT_EQ(Decimal::Div(D("1"), D("0.000000000000000001"), 18, Rounding::kDown).has_value(),
            false);
  auto by_zero = Decimal::Div(D("1"), D("0.0"), 2, Rounding::kDown);
  ASSERT_FALSE(by_zero.has_value());
  EXPECT_EQ(by_zero.error().code, ErrorCode::kInvalidArgument);
}

TEST(DecimalRounding, AllModesOnTies) {
  struct Case {
    const char* in;
    Rounding mode;
    const char* out;
  };
  const Case cases[] = {
      {"2.5", Rounding::kDown, "2"},       {"-2.5", Rounding::kDown, "-2"},
      {"2.1", Rounding::kUp, "3"},         {"-2.1", Rounding::kUp, "-3"},
      {"-2.1", Rounding::kFloor, "-3"},    {"2.9", Rounding::kFloor, "2"},
      {"-2.9", Rounding::kCeiling, "-2"},  {"2.1", Rounding::kCeiling, "3"},
      {"2.5", Rounding::kHalfUp, "3"},     {"-2.5", Rounding::kHalfUp, "-3"},
      {"2.5", Rounding::kHalfEven, "2"},   {"3.5", Rounding::kHalfEven, "4"},
      {"-2.5", Rounding::kHalfEven, "-2"}, {"2.51", Rounding::kHalfEven, "3"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(D(c.in).Rescale(0, c.mode)->ToString(), c.out) << c.in;
  }
  EXPECT_EQ(D("1.5").Rescale(3, Rounding::kDown)->ToString(), "1.500");
  EXPECT_FALSE(D("9223372036854775807").Rescale(1, Rounding::kDown).has_value());
  EXPECT_FALSE(D("1").Rescale(19, Rounding::kDown).has_value());
}

TEST(DecimalRounding, MultiplesOfSteps) {
  EXPECT_TRUE(D("23455.5").IsMultipleOf(D("0.5")));
  EXPECT_FALSE(D("23455.3").IsMultipleOf(D("0.5")));
  EXPECT_FALSE(D("1").IsMultipleOf(D("0")));
  EXPECT_FALSE(D("1").IsMultipleOf(D("-1")));
  EXPECT_EQ(D("23455.3").RoundToMultiple(D("0.5"), Rounding::kFloor)->ToString(), "23455.0");
  EXPECT_EQ(D("23455.3").RoundToMultiple(D("0.5"), Rounding::kCeiling)->ToString(), "23455.5");
  EXPECT_EQ(D("0.0123").RoundToMultiple(D("0.01"), Rounding::kDown)->ToString(), "0.0100");
  EXPECT_FALSE(D("1").RoundToMultiple(D("0"), Rounding::kDown).has_value());
}

TEST(DecimalConvert, FromDoubleAndBack) {
  EXPECT_EQ(Decimal::FromDouble(23455.54, 1)->ToString(), "23455.5");
  EXPECT_EQ(Decimal::FromDouble(-0.125, 2)->ToString(), "-0.12");  // ties to even
  EXPECT_FALSE(Decimal::FromDouble(std::numeric_limits<double>::quiet_NaN(), 2).has_value());
  EXPECT_FALSE(Decimal::FromDouble(std::numeric_limits<double>::infinity(), 2).has_value());
  EXPECT_FALSE(Decimal::FromDouble(1e30, 0).has_value());
  EXPECT_DOUBLE_EQ(D("-0.0048522").ToDouble(), -0.0048522);
  EXPECT_EQ(D("1.500").Normalized().ToString(), "1.5");
  EXPECT_EQ(D("0.000").Normalized().ToString(), "0");
}

RC_GTEST_PROP(DecimalProperty, PrintThenParseIsIdentity, (std::int64_t mantissa)) {
  const int scale = *rc::gen::inRange(0, 19);
  const Decimal d = Decimal::FromParts(mantissa, scale).value();
  const Decimal back = Decimal::Parse(d.ToString()).value();
  RC_ASSERT(back.mantissa() == mantissa);
  RC_ASSERT(back.scale() == scale);
}

RC_GTEST_PROP(DecimalProperty, CheckedAddMatchesWideArithmetic, (std::int32_t a, std::int32_t b)) {
  const int sa = *rc::gen::inRange(0, 9);
  const int sb = *rc::gen::inRange(0, 9);
  const Decimal x = Decimal::FromParts(a, sa).value();
  const Decimal y = Decimal::FromParts(b, sb).value();
  const Decimal sum = Decimal::CheckedAdd(x, y).value();
  const Decimal diff = Decimal::CheckedSub(sum, y).value();
  RC_ASSERT(diff == x);
  // Ordering agrees with plain integers at a common scale of 8 (|a| × 10^8 fits in int64).
  auto at8 = [](std::int64_t m, int s) {
    for (int i = s; i < 8; ++i) m *= 10;
    return m;
  };
  RC_ASSERT((x < y) == (at8(a, sa) < at8(b, sb)));
  RC_ASSERT((x == y) == (at8(a, sa) == at8(b, sb)));
}

RC_GTEST_PROP(DecimalProperty, RoundToMultipleIsAMultipleWithinOneStep, (std::int64_t raw)) {
  const std::int64_t m = raw % 1'000'000'000'000;
  const Decimal x = Decimal::FromParts(m, 4).value();
  const Decimal step = Decimal::FromParts(*rc::gen::inRange<std::int64_t>(1, 1000), 3).value();
  const Decimal down = x.RoundToMultiple(step, Rounding::kFloor).value();
  const Decimal up = x.RoundToMultiple(step, Rounding::kCeiling).value();
  RC_ASSERT(down.IsMultipleOf(step));
  RC_ASSERT(up.IsMultipleOf(step));
  RC_ASSERT(down <= x);
  RC_ASSERT(up >= x);
  RC_ASSERT(up - down <= step);
}

}  // namespace
}  // namespace bgt::core
