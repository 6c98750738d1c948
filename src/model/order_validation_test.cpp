#include "model/order_validation.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>

#include "model/contract_rows_testdata.h"
#include "model/precision.h"

namespace bgt::model {
namespace {

using core::Decimal;

Decimal D(const char* text) { return *Decimal::Parse(text); }

const Instrument& Btc() {
  static const Instrument in = testdata::MustBuild(testdata::BtcUsdtRow());
  return in;
}
const Instrument& HalfTick() {
  static const Instrument in = testdata::MustBuild(testdata::HalfTickRow());
  return in;
}
const Instrument& Shib() {
  static const Instrument in = testdata::MustBuild(testdata::ShibUsdtRow());
  return in;
}
const Instrument& Pepe() {
  static const Instrument in = testdata::MustBuild(testdata::PepeUsdtRow());
  return in;
}

OrderIntent Limit(OrderSide side, const char* price, const char* size) {
  OrderIntent intent;
  intent.side = side;
  intent.type = OrderType::kLimit;
  intent.price = D(price);
  intent.size = D(size);
  return intent;
}

OrderIntent Market(OrderSide side, const char* size, const char* reference) {
  OrderIntent intent;
  intent.side = side;
  intent.type = OrderType::kMarket;
  intent.size = D(size);
  intent.reference_price = D(reference);
  return intent;
}

// Expects a denial with `venue_code` whose message contains `text`.
void ExpectDenied(const Instrument& in, const OrderIntent& intent, const char* venue_code,
                  const char* text) {
  const core::Status status = ValidateOrder(in, intent);
  ASSERT_FALSE(status.ok()) << "expected venue code " << venue_code;
  EXPECT_EQ(status.error().code, core::ErrorCode::kDenied);
  EXPECT_EQ(status.error().venue_code, venue_code) << status.error().message;
  EXPECT_NE(status.error().message.find(text), std::string::npos) << status.error().message;
}

Instrument WithStatus(const char* status) {
  ContractRow row = testdata::BtcUsdtRow();
  row.symbol_status = status;
  return testdata::MustBuild(row);
}

TEST(ValidateOrder, SeedExampleTickOfHalf) {
  EXPECT_TRUE(ValidateOrder(HalfTick(), Limit(OrderSide::kBuy, "23455.0", "0.01")).ok());
  EXPECT_TRUE(ValidateOrder(HalfTick(), Limit(OrderSide::kSell, "23455.5", "0.01")).ok());
  ExpectDenied(HalfTick(), Limit(OrderSide::kBuy, "23455.3", "0.01"), "40808",
               "Parameter verification exception delegatePrice value=23455.3 (not a multiple "
               "of the tick 0.5)");
}

TEST(ValidateOrder, AcceptsValidOrdersOnRealInstruments) {
  EXPECT_TRUE(ValidateOrder(Btc(), Limit(OrderSide::kBuy, "60000.1", "0.0001")).ok());
  EXPECT_TRUE(ValidateOrder(Btc(), Market(OrderSide::kSell, "220", "60000")).ok());
  EXPECT_TRUE(ValidateOrder(Shib(), Limit(OrderSide::kBuy, "0.000012345", "410000")).ok());
  EXPECT_TRUE(ValidateOrder(Pepe(), Limit(OrderSide::kSell, "0.0000123456", "406000")).ok());
  // Trailing zeros do not count as decimals.
  EXPECT_TRUE(ValidateOrder(Btc(), Limit(OrderSide::kBuy, "60000.10", "0.00010")).ok());
}

TEST(ValidateOrder, SizeScaleAndStep40808) {
  ExpectDenied(Btc(), Limit(OrderSide::kBuy, "60000", "0.00015"), "40808",
               "Parameter verification exception size checkBDScale error value=0.00015 "
               "checkScale=4");
  ExpectDenied(Shib(), Limit(OrderSide::kBuy, "0.00001", "15000"), "40808",
               "size value=15000 (not a multiple of sizeMultiplier 10000)");
  ExpectDenied(Shib(), Limit(OrderSide::kBuy, "0.00001", "10000.5"), "40808",
               "checkBDScale error value=10000.5 checkScale=0");
}

TEST(ValidateOrder, NonPositiveSizeOrPrice40808) {
  ExpectDenied(Btc(), Limit(OrderSide::kBuy, "60000", "0"), "40808", "size value=0");
  ExpectDenied(Btc(), Limit(OrderSide::kBuy, "60000", "-0.01"), "40808", "size value=-0.01");
  ExpectDenied(Btc(), Limit(OrderSide::kBuy, "0", "0.01"), "40808", "delegatePrice value=0");
  ExpectDenied(Btc(), Limit(OrderSide::kSell, "-1", "0.01"), "40808", "delegatePrice value=-1");
}

TEST(ValidateOrder, MissingLimitPrice40019) {
  OrderIntent intent = Limit(OrderSide::kBuy, "1", "0.01");
  intent.price.reset();
  ExpectDenied(Btc(), intent, "40019", "Parameter price cannot be empty");
}

TEST(ValidateOrder, PriceDecimals41103) {
  ExpectDenied(Btc(), Limit(OrderSide::kBuy, "60000.05", "0.01"), "41103",
               "param price scale error error value=60000.05 checkScale=1");
  ExpectDenied(Pepe(), Limit(OrderSide::kBuy, "0.00001234567", "5000000"), "41103",
               "checkScale=10");
}

TEST(ValidateOrder, PriceBand40808) {
  // Reference 60000, ratio 0.05: buys up to 63000, sells down to 57000.
  OrderIntent buy = Limit(OrderSide::kBuy, "63000.0", "0.01");
  buy.reference_price = D("60000");
  EXPECT_TRUE(ValidateOrder(Btc(), buy).ok());
  buy.price = D("63000.1");
  ExpectDenied(Btc(), buy, "40808",
               "delegatePrice value=63000.1 (above the buy limit 63000.00 = reference 60000 x "
               "1.05)");
  buy.price = D("1000");  // far below is fine for a buy
  EXPECT_TRUE(ValidateOrder(Btc(), buy).ok());

  OrderIntent sell = Limit(OrderSide::kSell, "57000.0", "0.01");
  sell.reference_price = D("60000");
  EXPECT_TRUE(ValidateOrder(Btc(), sell).ok());
  sell.price = D("56999.9");
  ExpectDenied(Btc(), sell, "40808", "below the sell limit 57000.00");
  sell.price = D("100000");
  EXPECT_TRUE(ValidateOrder(Btc(), sell).ok());

  // Without a reference the band is not checked.
  EXPECT_TRUE(ValidateOrder(Btc(), Limit(OrderSide::kBuy, "99999.9", "0.01")).ok());
}

TEST(ValidateOrder, MinimumSize45111) {
  ExpectDenied(Shib(), Limit(OrderSide::kBuy, "0.0001", "0"), "40808", "size value=0");
  ContractRow row = testdata::EthUsdtRow();
  row.min_trade_num = "0.05";
  const Instrument eth = testdata::MustBuild(row);
  ExpectDenied(eth, Limit(OrderSide::kBuy, "3000", "0.04"), "45111",
               "less than the minimum order quantity (size 0.04 < minTradeNum 0.05)");
  EXPECT_TRUE(ValidateOrder(eth, Limit(OrderSide::kBuy, "3000", "0.05")).ok());
}

TEST(ValidateOrder, MinimumNotional45110) {
  // 0.0001 BTC at 49999.9 is 4.99999 USDT < 5; at 50000 it is exactly 5.
  ExpectDenied(Btc(), Limit(OrderSide::kBuy, "49999.9", "0.0001"), "45110",
               "less than the minimum amount 5 USDT (notional 4.99999)");
  EXPECT_TRUE(ValidateOrder(Btc(), Limit(OrderSide::kBuy, "50000", "0.0001")).ok());
  // Market orders use the reference price.
  ExpectDenied(Btc(), Market(OrderSide::kSell, "0.0001", "49999.9"), "45110", "notional 4.99999");
  EXPECT_TRUE(ValidateOrder(Btc(), Market(OrderSide::kSell, "0.0001", "50000")).ok());
  // PEPE: 406000 × 0.0000123456 = 5.0123136; 405000 × 0.0000123456 = 4.999968.
  ExpectDenied(Pepe(), Limit(OrderSide::kBuy, "0.0000123456", "405000"), "45110",
               "notional 4.999968");
}

TEST(ValidateOrder, MaximumSize40762) {
  ExpectDenied(Btc(), Limit(OrderSide::kBuy, "60000", "1200.0001"), "40762",
               "The order size is greater than the max open size (size 1200.0001 > "
               "maxOrderQty 1200)");
  EXPECT_TRUE(ValidateOrder(Btc(), Limit(OrderSide::kBuy, "60000", "1200")).ok());
  ExpectDenied(Btc(), Market(OrderSide::kBuy, "220.0001", "60000"), "40762",
               "maxMarketOrderQty 220");
  EXPECT_TRUE(ValidateOrder(Btc(), Market(OrderSide::kBuy, "220", "60000")).ok());
  // No cap in the row: nothing to enforce.
  ContractRow row = testdata::BtcUsdtRow();
  row.max_order_qty = "";
  EXPECT_TRUE(
      ValidateOrder(testdata::MustBuild(row), Limit(OrderSide::kBuy, "60000", "5000")).ok());
}

TEST(ValidateOrder, MarketOrderNeedsAPositiveReference) {
  OrderIntent market = Market(OrderSide::kBuy, "0.01", "60000");
  market.reference_price.reset();
  const core::Status status = ValidateOrder(Btc(), market);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, core::ErrorCode::kDenied);
  EXPECT_EQ(status.error().venue_code, "");
  market.reference_price = D("0");
  EXPECT_FALSE(ValidateOrder(Btc(), market).ok());
  // A price on a market order is ignored, as Bitget ignores it.
  market.reference_price = D("60000");
  market.price = D("1.23456");
  EXPECT_TRUE(ValidateOrder(Btc(), market).ok());
}

TEST(ValidateOrder, SymbolStatus) {
  const OrderIntent open = Limit(OrderSide::kBuy, "60000", "0.01");
  ExpectDenied(WithStatus("listed"), open, "43115", "The trading pair is opening soon");
  ExpectDenied(WithStatus("maintain"), open, "41114",
               "The current trading pair is under maintenance (BTCUSDT status maintain)");
  ExpectDenied(WithStatus("off"), open, "41114", "status off");
  ExpectDenied(WithStatus("restrictedAPI"), open, "41114", "status restrictedAPI");

  // limit_open: closing orders pass, opening ones do not.
  const Instrument limit_open = WithStatus("limit_open");
  ExpectDenied(limit_open, open, "41114", "only orders that close are accepted");
  OrderIntent reduce = Limit(OrderSide::kSell, "60000", "0.01");
  reduce.reduce_only = true;
  EXPECT_TRUE(ValidateOrder(limit_open, reduce).ok());
  OrderIntent close_long = Limit(OrderSide::kSell, "60000", "0.01");
  close_long.position_side = PositionSide::kLong;
  EXPECT_TRUE(ValidateOrder(limit_open, close_long).ok());
  OrderIntent open_short = Limit(OrderSide::kSell, "60000", "0.01");
  open_short.position_side = PositionSide::kShort;
  ExpectDenied(limit_open, open_short, "41114", "limit_open");
  // Status is checked first: even a malformed order reports the status.
  ExpectDenied(WithStatus("maintain"), Limit(OrderSide::kBuy, "0", "0"), "41114", "maintain");
}

TEST(ValidateOrder, OpensPosition) {
  OrderIntent intent;
  intent.side = OrderSide::kSell;
  EXPECT_TRUE(OpensPosition(intent));  // one-way: a sell may open a short
  intent.reduce_only = true;
  EXPECT_FALSE(OpensPosition(intent));
  intent.reduce_only = false;
  intent.position_side = PositionSide::kLong;
  EXPECT_FALSE(OpensPosition(intent));  // selling the long leg closes it
  intent.side = OrderSide::kBuy;
  EXPECT_TRUE(OpensPosition(intent));
}

// Property: an order built with the safe rounding helpers from any positive inputs is either
// accepted or refused for size/notional limits only, never for precision.
RC_GTEST_PROP(ValidateOrderProperty, SafelyRoundedOrdersPassPrecisionChecks, (bool buy)) {
  const Instrument& in = Btc();
  const auto price_units = *rc::gen::inRange<std::int64_t>(1, 2'000'000'000);
  const auto size_units = *rc::gen::inRange<std::int64_t>(0, 50'000'000);
  const Decimal raw_price = *Decimal::FromParts(price_units, 3);  // 0.001 .. 2,000,000
  const Decimal raw_size = *Decimal::FromParts(size_units, 6);    // 0 .. 50
  const OrderSide side = buy ? OrderSide::kBuy : OrderSide::kSell;
  auto price = RoundPriceSafe(in, side, raw_price);
  RC_PRE(price.has_value());
  OrderIntent intent;
  intent.side = side;
  intent.price = *price;
  intent.size = *RoundSizeSafe(in, raw_size);
  const core::Status status = ValidateOrder(in, intent);
  if (!status.ok()) {
    const std::string& code = status.error().venue_code;
    RC_ASSERT(code == "45110" || code == "45111" || code == "40762" ||
              (code == "40808" && intent.size.IsZero()));
  }
}

}  // namespace
}  // namespace bgt::model
