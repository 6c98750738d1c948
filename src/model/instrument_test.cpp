#include "model/instrument.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "model/contract_rows_testdata.h"

namespace bgt::model {
namespace {

using core::Decimal;
using testdata::BtcUsdtRow;

Decimal D(const char* text) { return *Decimal::Parse(text); }

// Every text field of a row with Bitget's name for it.
struct FieldRef {
  const char* name;
  std::string ContractRow::*member;
};
const std::vector<FieldRef>& TextFields() {
  static const std::vector<FieldRef> fields = {
      {"symbol", &ContractRow::symbol},
      {"baseCoin", &ContractRow::base_coin},
      {"quoteCoin", &ContractRow::quote_coin},
      {"buyLimitPriceRatio", &ContractRow::buy_limit_price_ratio},
      {"sellLimitPriceRatio", &ContractRow::sell_limit_price_ratio},
      {"feeRateUpRatio", &ContractRow::fee_rate_up_ratio},
      {"makerFeeRate", &ContractRow::maker_fee_rate},
      {"takerFeeRate", &ContractRow::taker_fee_rate},
      {"openCostUpRatio", &ContractRow::open_cost_up_ratio},
      {"minTradeNum", &ContractRow::min_trade_num},
      {"priceEndStep", &ContractRow::price_end_step},
      {"volumePlace", &ContractRow::volume_place},
      {"pricePlace", &ContractRow::price_place},
      {"sizeMultiplier", &ContractRow::size_multiplier},
      {"symbolType", &ContractRow::symbol_type},
      {"minTradeUSDT", &ContractRow::min_trade_usdt},
      {"maxSymbolOrderNum", &ContractRow::max_symbol_order_num},
      {"maxProductOrderNum", &ContractRow::max_product_order_num},
      {"maxPositionNum", &ContractRow::max_position_num},
      {"symbolStatus", &ContractRow::symbol_status},
      {"offTime", &ContractRow::off_time},
      {"limitOpenTime", &ContractRow::limit_open_time},
      {"deliveryTime", &ContractRow::delivery_time},
      {"deliveryStartTime", &ContractRow::delivery_start_time},
      {"deliveryPeriod", &ContractRow::delivery_period},
      {"launchTime", &ContractRow::launch_time},
      {"fundInterval", &ContractRow::fund_interval},
      {"minLever", &ContractRow::min_lever},
      {"maxLever", &ContractRow::max_lever},
      {"posLimit", &ContractRow::pos_limit},
      {"maintainTime", &ContractRow::maintain_time},
      {"openTime", &ContractRow::open_time},
      {"maxMarketOrderQty", &ContractRow::max_market_order_qty},
      {"maxOrderQty", &ContractRow::max_order_qty},
      {"isRwa", &ContractRow::is_rwa},
  };
  return fields;
}

// The error of building `row`, which must fail.
std::string ErrorOf(const ContractRow& row) {
  auto result = Instrument::FromContractRow(row);
  EXPECT_FALSE(result.has_value()) << "row unexpectedly valid";
  if (result.has_value()) return "";
  EXPECT_EQ(result.error().code, core::ErrorCode::kInvalidArgument);
  return result.error().message;
}

ContractRow With(std::string ContractRow::*member, std::string value) {
  ContractRow row = BtcUsdtRow();
  row.*member = std::move(value);
  return row;
}

// --- Real rows (values copied from /work/shared/data/bitget-usdtm-contracts.json) ---

TEST(InstrumentRealRows, Btcusdt) {
  const Instrument btc = testdata::MustBuild(BtcUsdtRow());
  EXPECT_EQ(btc.symbol(), "BTCUSDT");
  EXPECT_EQ(btc.base_coin(), "BTC");
  EXPECT_EQ(btc.quote_coin(), "USDT");
  EXPECT_EQ(btc.margin_coins(), std::vector<std::string>{"USDT"});
  EXPECT_EQ(btc.symbol_type(), SymbolType::kPerpetual);
  EXPECT_EQ(btc.status(), SymbolStatus::kNormal);
  EXPECT_EQ(btc.price_place(), 1);
  EXPECT_EQ(btc.volume_place(), 4);
  EXPECT_EQ(btc.price_end_step(), 1);
  EXPECT_EQ(btc.tick_size(), D("0.1"));
  EXPECT_EQ(btc.tick_size().scale(), 1);
  EXPECT_EQ(btc.size_step(), D("0.0001"));
  EXPECT_EQ(btc.min_size(), D("0.0001"));
  EXPECT_EQ(btc.min_notional(), D("5"));
  EXPECT_EQ(btc.max_market_order_size(), D("220"));
  EXPECT_EQ(btc.max_limit_order_size(), D("1200"));
  EXPECT_EQ(btc.buy_limit_price_ratio(), D("0.05"));
  EXPECT_EQ(btc.sell_limit_price_ratio(), D("0.05"));
  EXPECT_EQ(btc.maker_fee_rate(), D("0.0002"));
  EXPECT_EQ(btc.taker_fee_rate(), D("0.0006"));
  EXPECT_EQ(btc.fee_rate_up_ratio(), D("0.005"));
  EXPECT_EQ(btc.open_cost_up_ratio(), D("0.01"));
  EXPECT_EQ(btc.max_symbol_order_num(), 200);
  EXPECT_EQ(btc.max_product_order_num(), 1000);
  EXPECT_EQ(btc.max_position_num(), 150);
  EXPECT_EQ(btc.min_leverage(), 1);
  EXPECT_EQ(btc.max_leverage(), 150);
  EXPECT_EQ(btc.fund_interval_hours(), 8);
  EXPECT_EQ(btc.pos_limit(), D("0.2"));
  EXPECT_FALSE(btc.is_rwa());
  EXPECT_FALSE(btc.off_time().has_value());
  EXPECT_FALSE(btc.limit_open_time().has_value());
  EXPECT_FALSE(btc.delivery_time().has_value());
  EXPECT_FALSE(btc.launch_time().has_value());
  EXPECT_FALSE(btc.maintain_time().has_value());
  EXPECT_FALSE(btc.open_time().has_value());
  EXPECT_EQ(btc.delivery_period(), "");
  EXPECT_TRUE(btc.CanOpen());
  EXPECT_TRUE(btc.CanClose());
}

TEST(InstrumentRealRows, Ethusdt) {
  const Instrument eth = testdata::MustBuild(testdata::EthUsdtRow());
  EXPECT_EQ(eth.tick_size(), D("0.01"));
  EXPECT_EQ(eth.size_step(), D("0.01"));
  EXPECT_EQ(eth.min_size(), D("0.01"));
  EXPECT_EQ(eth.volume_place(), 2);
  EXPECT_EQ(eth.max_market_order_size(), D("1900"));
  EXPECT_EQ(eth.max_limit_order_size(), D("9900"));
  EXPECT_EQ(eth.pos_limit(), D("0.1"));
}

TEST(InstrumentRealRows, Pepeusdt) {
  const Instrument pepe = testdata::MustBuild(testdata::PepeUsdtRow());
  EXPECT_EQ(pepe.price_place(), 10);
  EXPECT_EQ(pepe.tick_size(), D("0.0000000001"));
  EXPECT_EQ(pepe.tick_size().scale(), 10);
  EXPECT_EQ(pepe.volume_place(), 0);
  EXPECT_EQ(pepe.size_step(), D("1000"));
  EXPECT_EQ(pepe.min_size(), D("1000"));
  EXPECT_EQ(pepe.max_market_order_size(), D("190000000000"));
  EXPECT_EQ(pepe.max_limit_order_size(), D("1500000000000"));
  EXPECT_EQ(pepe.max_leverage(), 75);
}

TEST(InstrumentRealRows, Shibusdt) {
  const Instrument shib = testdata::MustBuild(testdata::ShibUsdtRow());
  EXPECT_EQ(shib.price_place(), 9);
  EXPECT_EQ(shib.tick_size(), D("0.000000001"));
  EXPECT_EQ(shib.size_step(), D("10000"));
  EXPECT_EQ(shib.min_size(), D("10000"));
  EXPECT_EQ(shib.max_market_order_size(), D("94000000000"));
  EXPECT_EQ(shib.max_limit_order_size(), D("920000000000"));
}

TEST(Instrument, SeedExampleTickIsPriceEndStepTimesTenToMinusPricePlace) {
  const Instrument half = testdata::MustBuild(testdata::HalfTickRow());
  EXPECT_EQ(half.price_end_step(), 5);
  EXPECT_EQ(half.tick_size(), D("0.5"));
  EXPECT_EQ(half.tick_size().scale(), 1);
}

TEST(Instrument, TimeFieldsParseMillisecondsAndTreatEmptyAndMinusOneAsNone) {
  ContractRow row = BtcUsdtRow();
  row.open_time = "1709967600000";  // WIFUSDT's openTime in the same snapshot
  row.off_time = "1782983994798";
  row.limit_open_time = "";
  row.maintain_time = "-1";
  const Instrument in = testdata::MustBuild(row);
  EXPECT_EQ(in.open_time(), core::Timestamp::FromMillis(1709967600000));
  EXPECT_EQ(in.off_time(), core::Timestamp::FromMillis(1782983994798));
  EXPECT_FALSE(in.limit_open_time().has_value());
  EXPECT_FALSE(in.maintain_time().has_value());
}

TEST(Instrument, OptionalFieldsMayBeEmpty) {
  ContractRow row = BtcUsdtRow();
  row.max_order_qty = "";
  row.max_market_order_qty = "";
  row.pos_limit = "";
  row.is_rwa = "";
  const Instrument in = testdata::MustBuild(row);
  EXPECT_FALSE(in.max_limit_order_size().has_value());
  EXPECT_FALSE(in.max_market_order_size().has_value());
  EXPECT_FALSE(in.pos_limit().has_value());
  EXPECT_FALSE(in.is_rwa());
}

TEST(Instrument, DeliveryContractMayOmitFundInterval) {
  ContractRow row = BtcUsdtRow();
  row.symbol_type = "delivery";
  row.fund_interval = "";
  row.delivery_period = "this_quarter";
  const Instrument in = testdata::MustBuild(row);
  EXPECT_EQ(in.symbol_type(), SymbolType::kDelivery);
  EXPECT_FALSE(in.fund_interval_hours().has_value());
  EXPECT_EQ(in.delivery_period(), "this_quarter");
  EXPECT_NE(ErrorOf(With(&ContractRow::fund_interval, "")).find("fundInterval: missing"),
            std::string::npos);
}

TEST(Instrument, EnumsAreCaseInsensitiveAndGateTrading) {
  struct Case {
    const char* text;
    SymbolStatus status;
    bool can_open;
    bool can_close;
  };
  for (const Case& c : {Case{"listed", SymbolStatus::kListed, false, false},
                        Case{"NORMAL", SymbolStatus::kNormal, true, true},
                        Case{"maintain", SymbolStatus::kMaintain, false, false},
                        Case{"limit_open", SymbolStatus::kLimitOpen, false, true},
                        Case{"restrictedAPI", SymbolStatus::kRestrictedApi, false, false},
                        Case{"restrictedapi", SymbolStatus::kRestrictedApi, false, false},
                        Case{"off", SymbolStatus::kOff, false, false}}) {
    SCOPED_TRACE(c.text);
    const Instrument in = testdata::MustBuild(With(&ContractRow::symbol_status, c.text));
    EXPECT_EQ(in.status(), c.status);
    EXPECT_EQ(in.CanOpen(), c.can_open);
    EXPECT_EQ(in.CanClose(), c.can_close);
  }
  EXPECT_EQ(ToString(SymbolStatus::kRestrictedApi), "restrictedAPI");
  EXPECT_EQ(*ParseSymbolStatus("LIMIT_OPEN"), SymbolStatus::kLimitOpen);
  EXPECT_FALSE(ParseSymbolType("swap").has_value());
}

// --- Hostile rows ---

TEST(InstrumentHostile, EmptyRowReportsEveryRequiredField) {
  const std::string message = ErrorOf(ContractRow{});
  for (const char* field : {"symbol: missing",
                            "baseCoin: missing",
                            "quoteCoin: missing",
                            "supportMarginCoins: missing",
                            "buyLimitPriceRatio: missing",
                            "sellLimitPriceRatio: missing",
                            "feeRateUpRatio: missing",
                            "makerFeeRate: missing",
                            "takerFeeRate: missing",
                            "openCostUpRatio: missing",
                            "minTradeNum: missing",
                            "priceEndStep: missing",
                            "volumePlace: missing",
                            "pricePlace: missing",
                            "sizeMultiplier: missing",
                            "symbolType: missing",
                            "minTradeUSDT: missing",
                            "maxSymbolOrderNum: missing",
                            "maxProductOrderNum: missing",
                            "maxPositionNum: missing",
                            "symbolStatus: missing",
                            "fundInterval: missing",
                            "minLever: missing",
                            "maxLever: missing"}) {
    EXPECT_NE(message.find(field), std::string::npos) << field << " not in: " << message;
  }
  EXPECT_NE(message.find("contract row: 24 invalid fields"), std::string::npos) << message;
}

TEST(InstrumentHostile, EachRequiredFieldMissingIsNamed) {
  const std::vector<std::string> optional = {"offTime",           "limitOpenTime",  "deliveryTime",
                                             "deliveryStartTime", "deliveryPeriod", "launchTime",
                                             "posLimit",          "maintainTime",   "openTime",
                                             "maxMarketOrderQty", "maxOrderQty",    "isRwa"};
  for (const FieldRef& f : TextFields()) {
    SCOPED_TRACE(f.name);
    const bool is_optional = std::find(optional.begin(), optional.end(), f.name) != optional.end();
    auto result = Instrument::FromContractRow(With(f.member, ""));
    if (is_optional) {
      EXPECT_TRUE(result.has_value());
    } else {
      ASSERT_FALSE(result.has_value());
      EXPECT_NE(result.error().message.find(std::string(f.name) + ": missing"), std::string::npos)
          << result.error().message;
    }
  }
}

TEST(InstrumentHostile, NanInfinityHugeAndGarbageNumbersAreNamed) {
  const std::vector<std::string> numeric = {"buyLimitPriceRatio", "sellLimitPriceRatio",
                                            "feeRateUpRatio",     "makerFeeRate",
                                            "takerFeeRate",       "openCostUpRatio",
                                            "minTradeNum",        "priceEndStep",
                                            "volumePlace",        "pricePlace",
                                            "sizeMultiplier",     "minTradeUSDT",
                                            "maxSymbolOrderNum",  "maxProductOrderNum",
                                            "maxPositionNum",     "offTime",
                                            "limitOpenTime",      "deliveryTime",
                                            "deliveryStartTime",  "launchTime",
                                            "fundInterval",       "minLever",
                                            "maxLever",           "posLimit",
                                            "maintainTime",       "openTime",
                                            "maxMarketOrderQty",  "maxOrderQty"};
  for (const char* bad : {"NaN", "nan", "inf", "-Infinity", "1e400", "99999999999999999999999",
                          " 1", "1 ", "0x10", "1,5", "--1", "+1", ".", "1.2.3", "\xff"}) {
    for (const FieldRef& f : TextFields()) {
      if (std::find(numeric.begin(), numeric.end(), f.name) == numeric.end()) continue;
      SCOPED_TRACE(std::string(f.name) + "=" + bad);
      const std::string message = ErrorOf(With(f.member, bad));
      EXPECT_NE(message.find(std::string(f.name) + ":"), std::string::npos) << message;
      EXPECT_NE(message.find("contract row \"BTCUSDT\": 1 invalid field:"), std::string::npos)
          << message;
    }
  }
}

TEST(InstrumentHostile, ZeroOrNegativeWhereNotAllowed) {
  struct Case {
    std::string ContractRow::*member;
    const char* value;
    const char* expect;
  };
  const Case cases[] = {
      {&ContractRow::min_trade_num, "0", "minTradeNum: must be > 0"},
      {&ContractRow::min_trade_num, "-0.0001", "minTradeNum: must be > 0"},
      {&ContractRow::size_multiplier, "0", "sizeMultiplier: must be > 0"},
      {&ContractRow::size_multiplier, "-1", "sizeMultiplier: must be > 0"},
      {&ContractRow::price_end_step, "0", "priceEndStep: must be an integer in 1.."},
      {&ContractRow::price_end_step, "-5", "priceEndStep: must be an integer in 1.."},
      {&ContractRow::price_end_step, "2.5", "priceEndStep: must be an integer"},
      {&ContractRow::price_place, "-1", "pricePlace: must be an integer in 0..18"},
      {&ContractRow::price_place, "19", "pricePlace: must be an integer in 0..18"},
      {&ContractRow::price_place, "1.0", "pricePlace: must be an integer in 0..18"},
      {&ContractRow::volume_place, "19", "volumePlace: must be an integer in 0..18"},
      {&ContractRow::volume_place, "-4", "volumePlace: must be an integer in 0..18"},
      {&ContractRow::min_trade_usdt, "-5", "minTradeUSDT: must be >= 0"},
      {&ContractRow::buy_limit_price_ratio, "0", "buyLimitPriceRatio: must be in (0, 1]"},
      {&ContractRow::sell_limit_price_ratio, "1.5", "sellLimitPriceRatio: must be in (0, 1]"},
      {&ContractRow::maker_fee_rate, "1", "makerFeeRate: must be in (-1, 1)"},
      {&ContractRow::taker_fee_rate, "-2", "takerFeeRate: must be in (-1, 1)"},
      {&ContractRow::fee_rate_up_ratio, "-0.005", "feeRateUpRatio: must be >= 0"},
      {&ContractRow::max_symbol_order_num, "0", "maxSymbolOrderNum: must be an integer in 1.."},
      {&ContractRow::max_position_num, "-150", "maxPositionNum: must be an integer in 1.."},
      {&ContractRow::min_lever, "0", "minLever: must be an integer in 1..1000"},
      {&ContractRow::max_lever, "100000", "maxLever: must be an integer in 1..1000"},
      {&ContractRow::fund_interval, "0", "fundInterval: must be an integer in 1..24"},
      {&ContractRow::fund_interval, "25", "fundInterval: must be an integer in 1..24"},
      {&ContractRow::max_order_qty, "0", "maxOrderQty: must be > 0"},
      {&ContractRow::max_market_order_qty, "-220", "maxMarketOrderQty: must be > 0"},
      {&ContractRow::max_order_qty, "0.00001", "maxOrderQty: is below minTradeNum 0.0001"},
      {&ContractRow::pos_limit, "-0.2", "posLimit: must be >= 0"},
      {&ContractRow::off_time, "-2", "offTime: must be a millisecond epoch time"},
      {&ContractRow::off_time, "99999999999999999", "offTime: must be a millisecond epoch time"},
      {&ContractRow::launch_time, "2026-07-02", "launchTime: must be a millisecond epoch time"},
      {&ContractRow::size_multiplier, "0.00001",
       "sizeMultiplier: has more decimals than volumePlace"},
      {&ContractRow::is_rwa, "MAYBE", "isRwa: must be \"YES\" or \"NO\""},
      {&ContractRow::symbol_type, "swap", "symbolType: unknown value \"swap\""},
      {&ContractRow::symbol_status, "trading", "symbolStatus: unknown value \"trading\""},
      {&ContractRow::symbol_status, "normal ", "symbolStatus: unknown value"},
      {&ContractRow::quote_coin, "USDC", "quoteCoin: must be \"USDT\""},
      {&ContractRow::symbol, "btcusdt", "symbol: must be 1..32 upper-case letters or digits"},
      {&ContractRow::symbol, "BTC USDT", "symbol: must be 1..32 upper-case letters or digits"},
      {&ContractRow::base_coin, "B\xc3\x9f", "baseCoin: must be 1..32 upper-case"},
      {&ContractRow::delivery_period, "this quarter", "deliveryPeriod: must be at most 32"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.expect);
    const std::string message = ErrorOf(With(c.member, c.value));
    EXPECT_NE(message.find(c.expect), std::string::npos) << message;
  }
}

TEST(InstrumentHostile, MinLeverAboveMaxLever) {
  ContractRow row = BtcUsdtRow();
  row.min_lever = "20";
  row.max_lever = "10";
  EXPECT_NE(ErrorOf(row).find("minLever: is greater than maxLever (20 > 10)"), std::string::npos);
}

TEST(InstrumentHostile, MarginCoinsMustIncludeUsdt) {
  ContractRow row = BtcUsdtRow();
  row.support_margin_coins = {"USDC"};
  EXPECT_NE(ErrorOf(row).find("supportMarginCoins: must contain \"USDT\""), std::string::npos);
  row.support_margin_coins = {"USDT", ""};
  EXPECT_NE(ErrorOf(row).find("supportMarginCoins: missing"), std::string::npos);
  row.support_margin_coins = {};
  EXPECT_NE(ErrorOf(row).find("supportMarginCoins: missing"), std::string::npos);
}

TEST(InstrumentHostile, EveryViolationIsReportedInOneMessage) {
  ContractRow row = BtcUsdtRow();
  row.price_place = "19";
  row.min_trade_num = "NaN";
  row.symbol_status = "weird";
  const std::string message = ErrorOf(row);
  EXPECT_NE(message.find("contract row \"BTCUSDT\": 3 invalid fields: "), std::string::npos)
      << message;
  EXPECT_NE(message.find("pricePlace:"), std::string::npos);
  EXPECT_NE(message.find("minTradeNum: invalid decimal \"NaN\""), std::string::npos);
  EXPECT_NE(message.find("symbolStatus: unknown value \"weird\""), std::string::npos);
}

TEST(InstrumentHostile, LongOrBinaryValuesAreQuotedAndCut) {
  const std::string huge(10000, '9');
  const std::string message = ErrorOf(With(&ContractRow::symbol_status, huge));
  EXPECT_LT(message.size(), 300u);
  EXPECT_NE(message.find("...\""), std::string::npos);
  const std::string binary = ErrorOf(With(&ContractRow::symbol_type, std::string("a\0\n", 3)));
  EXPECT_NE(binary.find("\"a\\x00\\x0a\""), std::string::npos) << binary;
}

// Property: whatever one field holds, FromContractRow never aborts, and a refusal names that
// field (every other field is valid; a broken relation such as maxOrderQty < minTradeNum names
// both fields).
RC_GTEST_PROP(InstrumentProperty, AnySingleCorruptFieldIsAcceptedOrNamed, ()) {
  const auto& fields = TextFields();
  const auto index = *rc::gen::inRange<std::size_t>(0, fields.size());
  const std::string value = *rc::gen::oneOf(
      rc::gen::arbitrary<std::string>(),
      rc::gen::element<std::string>("", "-1", "0", "-0", "1e400", "NaN", "19", "1.5", "-0.5",
                                    "99999999999999999999", "1e-20", "USDT", "normal"));
  ContractRow row = BtcUsdtRow();
  row.*(fields[index].member) = value;
  auto result = Instrument::FromContractRow(row);
  if (!result.has_value()) {
    RC_ASSERT(result.error().code == core::ErrorCode::kInvalidArgument);
    RC_ASSERT(result.error().message.find(fields[index].name) != std::string::npos);
  }
}

}  // namespace
}  // namespace bgt::model
