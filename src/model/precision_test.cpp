#include "model/precision.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <vector>

#include "model/contract_rows_testdata.h"

namespace bgt::model {
namespace {

using core::Decimal;
using core::Rounding;

Decimal D(const char* text) { return *Decimal::Parse(text); }

const Instrument& Btc() {
  static const Instrument in = testdata::MustBuild(testdata::BtcUsdtRow());
  return in;
}
const Instrument& HalfTick() {
  static const Instrument in = testdata::MustBuild(testdata::HalfTickRow());
  return in;
}
const Instrument& Pepe() {
  static const Instrument in = testdata::MustBuild(testdata::PepeUsdtRow());
  return in;
}
const Instrument& Shib() {
  static const Instrument in = testdata::MustBuild(testdata::ShibUsdtRow());
  return in;
}
const Instrument& Eth() {
  static const Instrument in = testdata::MustBuild(testdata::EthUsdtRow());
  return in;
}

TEST(Precision, SeedExampleSafeRoundingBySide) {
  // pricePlace 1, priceEndStep 5: tick 0.5. 23455.3 is not on the grid.
  EXPECT_EQ(RoundPriceSafe(HalfTick(), OrderSide::kBuy, D("23455.3"))->ToString(), "23455.0");
  EXPECT_EQ(RoundPriceSafe(HalfTick(), OrderSide::kSell, D("23455.3"))->ToString(), "23455.5");
  // On-grid prices are kept, padded to pricePlace decimals.
  EXPECT_EQ(RoundPriceSafe(HalfTick(), OrderSide::kBuy, D("23455.5"))->ToString(), "23455.5");
  EXPECT_EQ(RoundPriceSafe(HalfTick(), OrderSide::kSell, D("23455"))->ToString(), "23455.0");
}

TEST(Precision, ExplicitPriceModes) {
  EXPECT_EQ(RoundPrice(HalfTick(), D("23455.3"), Rounding::kHalfUp)->ToString(), "23455.5");
  EXPECT_EQ(RoundPrice(HalfTick(), D("23455.2"), Rounding::kHalfUp)->ToString(), "23455.0");
  EXPECT_EQ(RoundPrice(HalfTick(), D("23455.25"), Rounding::kHalfUp)->ToString(), "23455.5");
  EXPECT_EQ(RoundPrice(HalfTick(), D("23455.25"), Rounding::kHalfEven)->ToString(), "23455.0");
  EXPECT_EQ(RoundPrice(HalfTick(), D("23455.75"), Rounding::kHalfEven)->ToString(), "23456.0");
  EXPECT_EQ(RoundPrice(Btc(), D("60000.04999"), Rounding::kDown)->ToString(), "60000.0");
  EXPECT_EQ(RoundPrice(Btc(), D("60000.00001"), Rounding::kUp)->ToString(), "60000.1");
  EXPECT_EQ(RoundPrice(Pepe(), D("0.00001234567"), Rounding::kFloor)->ToString(), "0.0000123456");
  EXPECT_EQ(RoundPrice(Pepe(), D("0.00001234567"), Rounding::kCeiling)->ToString(), "0.0000123457");
}

TEST(Precision, PriceErrors) {
  EXPECT_EQ(RoundPrice(Btc(), D("0"), Rounding::kUp).error().code,
            core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(RoundPriceSafe(Btc(), OrderSide::kSell, D("-1")).error().code,
            core::ErrorCode::kInvalidArgument);
  // Below one tick: a buy would round to zero.
  auto zero = RoundPriceSafe(Btc(), OrderSide::kBuy, D("0.04"));
  ASSERT_FALSE(zero.has_value());
  EXPECT_EQ(zero.error().code, core::ErrorCode::kOutOfRange);
  EXPECT_EQ(RoundPriceSafe(Btc(), OrderSide::kSell, D("0.04"))->ToString(), "0.1");
  // 10^9 with 10 decimals does not fit the 64-bit mantissa.
  EXPECT_EQ(RoundPrice(Pepe(), D("1000000000"), Rounding::kDown).error().code,
            core::ErrorCode::kOutOfRange);
}

TEST(Precision, SizesRoundDownToTheStep) {
  EXPECT_EQ(RoundSizeSafe(Btc(), D("0.12345"))->ToString(), "0.1234");
  EXPECT_EQ(RoundSizeSafe(Btc(), D("1"))->ToString(), "1.0000");
  EXPECT_EQ(RoundSizeSafe(Eth(), D("1.239"))->ToString(), "1.23");
  EXPECT_EQ(RoundSizeSafe(Shib(), D("15000"))->ToString(), "10000");
  EXPECT_EQ(RoundSizeSafe(Shib(), D("9999.99"))->ToString(), "0");
  EXPECT_EQ(RoundSizeSafe(Pepe(), D("123456.7"))->ToString(), "123000");
  EXPECT_EQ(RoundSize(Btc(), D("0.12345"), Rounding::kUp)->ToString(), "0.1235");
  EXPECT_EQ(RoundSize(Shib(), D("15000"), Rounding::kHalfEven)->ToString(), "20000");
  EXPECT_EQ(RoundSizeSafe(Btc(), D("-0.1")).error().code, core::ErrorCode::kInvalidArgument);
}

TEST(Precision, FormatPrintsExactlyThePlaces) {
  EXPECT_EQ(*FormatPrice(Btc(), D("23455.5")), "23455.5");
  EXPECT_EQ(*FormatPrice(Btc(), D("60000")), "60000.0");
  EXPECT_EQ(*FormatPrice(Btc(), D("23455.50")), "23455.5");
  EXPECT_EQ(*FormatPrice(Pepe(), D("0.0000123456")), "0.0000123456");
  EXPECT_EQ(*FormatPrice(Shib(), D("0.00001")), "0.000010000");
  EXPECT_EQ(*FormatSize(Btc(), D("0.01")), "0.0100");
  EXPECT_EQ(*FormatSize(Shib(), D("20000")), "20000");
  EXPECT_EQ(*FormatSize(Eth(), D("3.100")), "3.10");
  // Never rounds.
  EXPECT_EQ(FormatPrice(Btc(), D("23455.55")).error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(FormatSize(Eth(), D("1.005")).error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(FormatSize(Shib(), D("0.5")).error().code, core::ErrorCode::kInvalidArgument);
}

// --- Properties ---

const std::vector<const Instrument*>& AllInstruments() {
  static const std::vector<const Instrument*> all = {&Btc(), &HalfTick(), &Eth(), &Pepe(), &Shib()};
  return all;
}

// A positive decimal with 0..12 decimals, small enough that every grid above (down to PEPE's
// 10 decimals) holds it and its neighbours in a 64-bit mantissa: below 9e18 × 10^-max(scale, 10).
rc::Gen<Decimal> PositiveDecimal() {
  return rc::gen::mapcat(rc::gen::inRange(0, 13), [](int scale) {
    std::int64_t max_mantissa = 9'000'000'000'000'000'000;
    for (int i = scale; i < 10; ++i) max_mantissa /= 10;
    return rc::gen::map(rc::gen::inRange<std::int64_t>(1, max_mantissa),
                        [scale](std::int64_t m) { return *Decimal::FromParts(m, scale); });
  });
}

RC_GTEST_PROP(PrecisionProperty, SafePriceNeverWorseThanIntended, ()) {
  const Instrument& in = **rc::gen::elementOf(AllInstruments());
  const Decimal price = *PositiveDecimal();
  const Decimal& tick = in.tick_size();
  auto buy = RoundPriceSafe(in, OrderSide::kBuy, price);
  if (buy.has_value()) {
    RC_ASSERT(*buy <= price);  // never pay more
    RC_ASSERT(price - *buy < tick);
    RC_ASSERT(buy->IsMultipleOf(tick));
    RC_ASSERT(buy->scale() == in.price_place());
  } else {
    RC_ASSERT(price < tick);  // only a sub-tick buy price has no safe rounding
  }
  auto sell = RoundPriceSafe(in, OrderSide::kSell, price);
  RC_ASSERT(sell.has_value());
  RC_ASSERT(*sell >= price);  // never sell for less
  RC_ASSERT(*sell - price < tick);
  RC_ASSERT(sell->IsMultipleOf(tick));
  RC_ASSERT(sell->scale() == in.price_place());
}

RC_GTEST_PROP(PrecisionProperty, SafeSizeIsAMultipleOfTheStepAndNotAboveTheInput, ()) {
  const Instrument& in = **rc::gen::elementOf(AllInstruments());
  const Decimal size = *PositiveDecimal();
  auto rounded = RoundSizeSafe(in, size);
  RC_ASSERT(rounded.has_value());
  RC_ASSERT(*rounded <= size);
  RC_ASSERT(size - *rounded < in.size_step());
  RC_ASSERT(rounded->IsZero() || rounded->IsMultipleOf(in.size_step()));
  RC_ASSERT(rounded->scale() == in.volume_place());
}

RC_GTEST_PROP(PrecisionProperty, FormattedRoundedValuesParseBackExactly, ()) {
  const Instrument& in = **rc::gen::elementOf(AllInstruments());
  const Decimal value = *PositiveDecimal();
  auto price = RoundPrice(in, value, Rounding::kHalfEven);
  if (price.has_value()) {
    auto text = FormatPrice(in, *price);
    RC_ASSERT(text.has_value());
    RC_ASSERT(*Decimal::Parse(*text) == *price);
    RC_ASSERT(Decimal::Parse(*text)->scale() == in.price_place());
  }
  auto size = RoundSizeSafe(in, value);
  auto text = FormatSize(in, *size);
  RC_ASSERT(text.has_value());
  RC_ASSERT(*Decimal::Parse(*text) == *size);
}

}  // namespace
}  // namespace bgt::model
