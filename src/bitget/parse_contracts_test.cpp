#include "bitget/parse_contracts.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "model/instrument.h"

namespace bgt::bitget {
namespace {

using core::Decimal;
using core::ErrorCode;
using model::ContractRow;
using model::Instrument;

// The BTCUSDT row of the fixture, verbatim, as a small one-row response.
constexpr std::string_view kBtcRow =
    R"({"symbol":"BTCUSDT","baseCoin":"BTC","quoteCoin":"USDT","buyLimitPriceRatio":"0.05",)"
    R"("sellLimitPriceRatio":"0.05","feeRateUpRatio":"0.005","makerFeeRate":"0.0002",)"
    R"("takerFeeRate":"0.0006","openCostUpRatio":"0.01","supportMarginCoins":["USDT"],)"
    R"("minTradeNum":"0.0001","priceEndStep":"1","volumePlace":"4","pricePlace":"1",)"
    R"("sizeMultiplier":"0.0001","symbolType":"perpetual","minTradeUSDT":"5",)"
    R"("maxSymbolOrderNum":"200","maxProductOrderNum":"1000","maxPositionNum":"150",)"
    R"("symbolStatus":"normal","offTime":"-1","limitOpenTime":"-1","deliveryTime":"",)"
    R"("deliveryStartTime":"","deliveryPeriod":"","launchTime":"","fundInterval":"8",)"
    R"("minLever":"1","maxLever":"150","posLimit":"0.2","maintainTime":"","openTime":"",)"
    R"("maxMarketOrderQty":"220","maxOrderQty":"1200","isRwa":"NO"})";

std::string Envelope(std::string_view data, std::string_view code = R"("00000")",
                     std::string_view msg = R"("success")") {
  return R"({"code":)" + std::string(code) + R"(,"msg":)" + std::string(msg) +
         R"(,"requestTime":1782983994798,"data":)" + std::string(data) + "}";
}

std::string OneRow(std::string_view row = kBtcRow) {
  return Envelope("[" + std::string(row) + "]");
}

// kBtcRow with `"<field>":<old>` replaced by `"<field>":<replacement>`.
std::string BtcRowWith(std::string_view field, std::string_view replacement) {
  std::string row(kBtcRow);
  const std::string key = "\"" + std::string(field) + "\":";
  const std::size_t start = row.find(key);
  EXPECT_NE(start, std::string::npos) << field;
  const std::size_t value_start = start + key.size();
  std::size_t value_end = value_start;
  if (row[value_start] == '[') {
    value_end = row.find(']', value_start) + 1;
  } else {
    value_end = row.find('"', value_start + 1) + 1;
  }
  row.replace(value_start, value_end - value_start, replacement);
  return row;
}

std::string ReadFixture() {
  const char* source_dir = std::getenv("BGT_SOURCE_DIR");
  if (source_dir == nullptr) {
    ADD_FAILURE() << "BGT_SOURCE_DIR is not set (CTest sets it; by hand: BGT_SOURCE_DIR=<repo>)";
    return "";
  }
  const auto path =
      std::filesystem::path(source_dir) / "tests" / "fixtures" / "bitget" / "contracts.json";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot open " << path;
    return "";
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void ExpectInvalid(std::string_view json, std::string_view message_part = {}) {
  auto rows = ParseContractsResponse(json);
  ASSERT_FALSE(rows.has_value()) << json.substr(0, 200);
  EXPECT_EQ(rows.error().code, ErrorCode::kInvalidArgument) << rows.error().ToString();
  EXPECT_EQ(rows.error().message.rfind("Bitget contracts response: ", 0), 0u)
      << rows.error().message;
  if (!message_part.empty()) {
    EXPECT_NE(rows.error().message.find(message_part), std::string::npos) << rows.error().message;
  }
}

TEST(ParseContractsTest, FixtureHasAllRowsInListingOrder) {
  const std::string json = ReadFixture();
  ASSERT_FALSE(json.empty());
  auto rows = ParseContractsResponse(json);
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  const std::vector<std::string> want = {
      "BTCUSDT",  "ETHUSDT",  "XRPUSDT",  "BCHUSDT",  "LTCUSDT",  "ADAUSDT", "ETCUSDT",
      "LINKUSDT", "TRXUSDT",  "DOTUSDT",  "DOGEUSDT", "SOLUSDT",  "BNBUSDT", "FILUSDT",
      "ATOMUSDT", "AVAXUSDT", "SHIBUSDT", "NEARUSDT", "APTUSDT",  "OPUSDT",  "INJUSDT",
      "ARBUSDT",  "SUIUSDT",  "PEPEUSDT", "WIFUSDT",  "TAIKOUSDT"};
  ASSERT_EQ(rows->size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ((*rows)[i].symbol, want[i]);
}

TEST(ParseContractsTest, FixtureBtcRowEveryField) {
  auto rows = ParseContractsResponse(ReadFixture());
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  ASSERT_FALSE(rows->empty());
  const ContractRow& btc = rows->front();
  EXPECT_EQ(btc.symbol, "BTCUSDT");
  EXPECT_EQ(btc.base_coin, "BTC");
  EXPECT_EQ(btc.quote_coin, "USDT");
  EXPECT_EQ(btc.buy_limit_price_ratio, "0.05");
  EXPECT_EQ(btc.sell_limit_price_ratio, "0.05");
  EXPECT_EQ(btc.fee_rate_up_ratio, "0.005");
  EXPECT_EQ(btc.maker_fee_rate, "0.0002");
  EXPECT_EQ(btc.taker_fee_rate, "0.0006");
  EXPECT_EQ(btc.open_cost_up_ratio, "0.01");
  EXPECT_EQ(btc.support_margin_coins, std::vector<std::string>{"USDT"});
  EXPECT_EQ(btc.min_trade_num, "0.0001");
  EXPECT_EQ(btc.price_end_step, "1");
  EXPECT_EQ(btc.volume_place, "4");
  EXPECT_EQ(btc.price_place, "1");
  EXPECT_EQ(btc.size_multiplier, "0.0001");
  EXPECT_EQ(btc.symbol_type, "perpetual");
  EXPECT_EQ(btc.min_trade_usdt, "5");
  EXPECT_EQ(btc.max_symbol_order_num, "200");
  EXPECT_EQ(btc.max_product_order_num, "1000");
  EXPECT_EQ(btc.max_position_num, "150");
  EXPECT_EQ(btc.symbol_status, "normal");
  EXPECT_EQ(btc.off_time, "-1");
  EXPECT_EQ(btc.limit_open_time, "-1");
  EXPECT_EQ(btc.delivery_time, "");
  EXPECT_EQ(btc.delivery_start_time, "");
  EXPECT_EQ(btc.delivery_period, "");
  EXPECT_EQ(btc.launch_time, "");
  EXPECT_EQ(btc.fund_interval, "8");
  EXPECT_EQ(btc.min_lever, "1");
  EXPECT_EQ(btc.max_lever, "150");
  EXPECT_EQ(btc.pos_limit, "0.2");
  EXPECT_EQ(btc.maintain_time, "");
  EXPECT_EQ(btc.open_time, "");
  EXPECT_EQ(btc.max_market_order_qty, "220");
  EXPECT_EQ(btc.max_order_qty, "1200");
  EXPECT_EQ(btc.is_rwa, "NO");

  const ContractRow& taiko = rows->back();
  EXPECT_EQ(taiko.symbol, "TAIKOUSDT");
  EXPECT_EQ(taiko.open_time, "1718200800000");
  EXPECT_EQ(taiko.fund_interval, "1");
  EXPECT_EQ(taiko.max_lever, "20");
}

TEST(ParseContractsTest, FixtureBuildsEveryInstrument) {
  auto rows = ParseContractsResponse(ReadFixture());
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  ASSERT_EQ(rows->size(), 26u);
  std::vector<Instrument> instruments;
  for (const ContractRow& row : *rows) {
    auto instrument = Instrument::FromContractRow(row);
    ASSERT_TRUE(instrument.has_value()) << row.symbol << ": " << instrument.error().ToString();
    instruments.push_back(std::move(instrument).value());
  }
  const auto find = [&instruments](std::string_view symbol) -> const Instrument& {
    for (const Instrument& i : instruments) {
      if (i.symbol() == symbol) return i;
    }
    ADD_FAILURE() << symbol;
    return instruments.front();
  };
  const Instrument& btc = find("BTCUSDT");
  EXPECT_EQ(btc.tick_size(), Decimal::Parse("0.1").value());
  EXPECT_EQ(btc.tick_size().ToString(), "0.1");
  EXPECT_EQ(btc.size_step().ToString(), "0.0001");
  EXPECT_EQ(btc.min_size().ToString(), "0.0001");
  EXPECT_EQ(btc.min_notional().ToString(), "5");
  EXPECT_EQ(btc.max_leverage(), 150);
  EXPECT_EQ(btc.price_place(), 1);
  EXPECT_EQ(btc.volume_place(), 4);
  EXPECT_TRUE(btc.CanOpen());

  EXPECT_EQ(find("ETHUSDT").tick_size().ToString(), "0.01");
  EXPECT_EQ(find("SHIBUSDT").tick_size().ToString(), "0.000000001");
  EXPECT_EQ(find("SHIBUSDT").size_step().ToString(), "10000");
  EXPECT_EQ(find("PEPEUSDT").tick_size().ToString(), "0.0000000001");
  EXPECT_EQ(find("TAIKOUSDT").fund_interval_hours(), 1);
}

TEST(ParseContractsTest, EmptyDataIsAnEmptyList) {
  auto rows = ParseContractsResponse(Envelope("[]"));
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  EXPECT_TRUE(rows->empty());
}

TEST(ParseContractsTest, UnknownFieldsAreIgnored) {
  std::string row(kBtcRow);
  row.insert(1, R"("futureField":{"nested":[1,{"x":null}],"s":"t"},"anotherNew":42,)");
  const std::string json = R"({"extra":[true,false],"code":"00000","msg":"success",)"
                           R"("requestTime":"1782983994798","data":[)" +
                           row + R"(],"trailer":{"a":"b"}})";
  auto rows = ParseContractsResponse(json);
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().symbol, "BTCUSDT");
  EXPECT_EQ(rows->front().max_order_qty, "1200");
}

TEST(ParseContractsTest, MalformedJsonInsideUnknownFieldsIsStillAnError) {
  ExpectInvalid(OneRow(BtcRowWith("symbol", R"("BTCUSDT","newFlag":tru)")),
                "malformed JSON at data[0] (BTCUSDT).newFlag");
  ExpectInvalid(OneRow(BtcRowWith("symbol", R"("BTCUSDT","newList":[1,nul])")), "newList");
  ExpectInvalid(OneRow(BtcRowWith("symbol", R"("BTCUSDT","newText":"\q")")), "newText");
  ExpectInvalid(OneRow(BtcRowWith("symbol", R"("BTCUSDT","newNum":-)")), "newNum");
  ExpectInvalid(R"({"code":"00000","requestTime":12x,"data":[]})", "malformed JSON");
  ExpectInvalid(R"({"code":"00000","extra":{"a":[fals]},"data":[]})", "malformed JSON at extra");
}

TEST(ParseContractsTest, ErrorMessagesStayBounded) {
  const std::string long_symbol(100000, 'A');
  auto rows = ParseContractsResponse(OneRow(R"({"symbol":")" + long_symbol + R"(","maxLever":1})"));
  ASSERT_FALSE(rows.has_value());
  EXPECT_LT(rows.error().message.size(), 500u);
}

TEST(ParseContractsTest, EnvelopeFieldsInAnyOrder) {
  const std::string json = R"({"data":[)" + std::string(kBtcRow) +
                           R"(],"requestTime":1,"msg":"success","code":"00000"})";
  auto rows = ParseContractsResponse(json);
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  EXPECT_EQ(rows->size(), 1u);
}

TEST(ParseContractsTest, MissingAndNullFieldsStayEmptyAndInstrumentReportsThem) {
  auto rows = ParseContractsResponse(
      OneRow(R"({"symbol":"NEWUSDT","baseCoin":null,"supportMarginCoins":null,"pricePlace":"2"})"));
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  ASSERT_EQ(rows->size(), 1u);
  const ContractRow& row = rows->front();
  EXPECT_EQ(row.symbol, "NEWUSDT");
  EXPECT_EQ(row.base_coin, "");
  EXPECT_TRUE(row.support_margin_coins.empty());
  EXPECT_EQ(row.price_place, "2");
  EXPECT_EQ(row.min_trade_num, "");
  auto instrument = Instrument::FromContractRow(row);
  ASSERT_FALSE(instrument.has_value());
  EXPECT_NE(instrument.error().message.find("NEWUSDT"), std::string::npos);
  EXPECT_NE(instrument.error().message.find("minTradeNum"), std::string::npos)
      << instrument.error().message;
}

TEST(ParseContractsTest, EscapedStringsAreUnescaped) {
  auto rows = ParseContractsResponse(
      OneRow(R"({"symbol":"BTC\u0055SDT","supportMarginCoins":["US\u0044T","\"q\""]})"));
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  EXPECT_EQ(rows->front().symbol, "BTCUSDT");
  EXPECT_EQ(rows->front().support_margin_coins, (std::vector<std::string>{"USDT", "\"q\""}));
}

TEST(ParseContractsTest, VenueErrorEnvelope) {
  auto rows = ParseContractsResponse(
      R"({"code":"40808","msg":"Parameter verification exception","requestTime":1,"data":null})");
  ASSERT_FALSE(rows.has_value());
  EXPECT_EQ(rows.error().code, ErrorCode::kVenueRejected);
  EXPECT_EQ(rows.error().venue_code, "40808");
  EXPECT_NE(rows.error().message.find("Parameter verification exception"), std::string::npos);
}

TEST(ParseContractsTest, VenueErrorWinsOverBadOrMissingData) {
  for (std::string_view data : {R"(,"data":{})", R"(,"data":"")", R"(,"data":[1,2])", ""}) {
    const std::string json = R"({"code":"40808","msg":"bad productType")" + std::string(data) + "}";
    auto rows = ParseContractsResponse(json);
    ASSERT_FALSE(rows.has_value()) << json;
    EXPECT_EQ(rows.error().code, ErrorCode::kVenueRejected) << json;
    EXPECT_EQ(rows.error().venue_code, "40808");
  }
}

TEST(ParseContractsTest, NumericCodeStillSurfacesTheVenueCode) {
  auto rows = ParseContractsResponse(R"({"code":429 ,"msg":"Too Many Requests","data":null})");
  ASSERT_FALSE(rows.has_value());
  EXPECT_EQ(rows.error().code, ErrorCode::kVenueRejected);
  EXPECT_EQ(rows.error().venue_code, "429");
}

TEST(ParseContractsTest, NonIntegerNumericCodeIsInvalid) {
  ExpectInvalid(R"({"code":4.5,"data":null})", "code is a number that is not an integer");
  ExpectInvalid(R"({"code":4x,"data":null})");
}

TEST(ParseContractsTest, ErrorEnvelopeWithoutMsg) {
  auto rows = ParseContractsResponse(R"({"code":"50001"})");
  ASSERT_FALSE(rows.has_value());
  EXPECT_EQ(rows.error().code, ErrorCode::kVenueRejected);
  EXPECT_EQ(rows.error().venue_code, "50001");
}

TEST(ParseContractsTest, EnvelopeProblems) {
  ExpectInvalid(R"({"msg":"success","data":[]})", "missing \"code\"");
  ExpectInvalid(R"({"code":"00000","msg":"success"})", "missing \"data\"");
  ExpectInvalid(R"({"code":"00000","msg":"success","data":null})", "missing \"data\"");
  ExpectInvalid(R"({"code":true,"data":[]})", "code is a boolean");
  ExpectInvalid(R"({"code":"00000","msg":5,"data":[]})", "msg is a number");
  ExpectInvalid(Envelope("{}"), "data is an object, expected an array");
  ExpectInvalid(Envelope(R"("[]")"), "data is a string");
  ExpectInvalid(Envelope(R"([1])"), "data[0] is a number, expected an object");
  ExpectInvalid(Envelope("[" + std::string(kBtcRow) + R"(,"x"])"),
                "data[1] is a string, expected an object");
}

TEST(ParseContractsTest, WrongFieldTypesNameRowAndField) {
  ExpectInvalid(OneRow(BtcRowWith("pricePlace", "1")),
                "data[0] (BTCUSDT).pricePlace is a number, expected a string");
  ExpectInvalid(OneRow(BtcRowWith("maxLever", "true")), "data[0] (BTCUSDT).maxLever is a boolean");
  ExpectInvalid(OneRow(BtcRowWith("minTradeNum", R"({"v":"1"})")),
                "data[0] (BTCUSDT).minTradeNum is an object");
  ExpectInvalid(OneRow(BtcRowWith("symbolStatus", R"(["normal"])")),
                "data[0] (BTCUSDT).symbolStatus is an array");
  ExpectInvalid(OneRow(BtcRowWith("supportMarginCoins", R"("USDT")")),
                "data[0] (BTCUSDT).supportMarginCoins is a string, expected an array");
  ExpectInvalid(OneRow(BtcRowWith("supportMarginCoins", R"(["USDT",7])")),
                "data[0] (BTCUSDT).supportMarginCoins[1] is a number");
  ExpectInvalid(OneRow(R"({"symbol":5})"), "data[0].symbol is a number");
  ExpectInvalid(Envelope("[" + std::string(kBtcRow) + "," + BtcRowWith("symbol", R"("ETHUSDT")") +
                         "," + BtcRowWith("takerFeeRate", "0.0006") + "]"),
                "data[2] (BTCUSDT).takerFeeRate is a number");
}

TEST(ParseContractsTest, NotJson) {
  ExpectInvalid("", "empty body");
  ExpectInvalid(" \r\n\t ", "empty body");
  ExpectInvalid("not json at all", "body starts with \"not json at all\"");
  ExpectInvalid("<html><body><h1>502 Bad Gateway</h1></body></html>",
                "body starts with \"<html><body><h1>502 Bad Gateway<\"...");
  ExpectInvalid("null", "expected a JSON object at the top level");
  ExpectInvalid(" []", "body starts with \"[]\"");
  ExpectInvalid(R"("00000")", R"(body starts with "\"00000\"")");
  ExpectInvalid("\x01\x7f", R"(body starts with "\x01\x7f")");
  ExpectInvalid("42", "expected a JSON object");
  ExpectInvalid("{\"code\":\"00000\",\"data\":[]", "malformed JSON");
  ExpectInvalid("{\"code\":\"\xff\xfe\",\"data\":[]}", "malformed JSON");
  EXPECT_FALSE(ParseContractsResponse(std::string("{\"code\":\"00\0"
                                                  "00\"}",
                                                  16))
                   .has_value());
}

TEST(ParseContractsTest, TrailingContentIsRejected) {
  ExpectInvalid(OneRow() + " {}", "trailing content");
  ExpectInvalid(OneRow() + "x", "");
  auto ok = ParseContractsResponse(OneRow() + " \n\t");
  EXPECT_TRUE(ok.has_value()) << ok.error().ToString();
}

TEST(ParseContractsTest, EveryTruncationOfASmallResponseIsAnError) {
  const std::string json = OneRow();
  for (std::size_t n = 0; n < json.size(); ++n) {
    SCOPED_TRACE(n);
    auto rows = ParseContractsResponse(std::string_view(json).substr(0, n));
    ASSERT_FALSE(rows.has_value()) << json.substr(0, n);
    EXPECT_EQ(rows.error().code, ErrorCode::kInvalidArgument) << rows.error().ToString();
  }
}

TEST(ParseContractsTest, TruncatedFixtureIsAnError) {
  const std::string json = ReadFixture();
  ASSERT_FALSE(json.empty());
  const std::size_t end = json.rfind('}');
  for (std::size_t n = 1; n <= end; n += 97) {
    auto rows = ParseContractsResponse(std::string_view(json).substr(0, n));
    ASSERT_FALSE(rows.has_value()) << "prefix of " << n << " bytes parsed";
    EXPECT_EQ(rows.error().code, ErrorCode::kInvalidArgument);
  }
  EXPECT_FALSE(ParseContractsResponse(std::string_view(json).substr(0, end)).has_value());
}

TEST(ParseContractsTest, MegabyteOfGarbage) {
  std::mt19937 rng(20261125);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string garbage(1 << 20, '\0');
  for (char& c : garbage) c = static_cast<char>(byte(rng));
  ExpectInvalid(garbage, "malformed JSON");

  std::string printable(1 << 20, ' ');
  std::uniform_int_distribution<int> ascii(0x20, 0x7e);
  for (char& c : printable) c = static_cast<char>(ascii(rng));
  ExpectInvalid(printable);

  ExpectInvalid(std::string(1 << 20, '['), "body starts with \"[[[[");
  ExpectInvalid(std::string(1 << 20, '{'), "malformed JSON");

  std::string unclosed = R"({"code":"00000","data":[)";
  while (unclosed.size() < (1u << 20)) unclosed += std::string(kBtcRow) + ",";
  ExpectInvalid(unclosed);
}

TEST(ParseContractsTest, OversizedBodyIsRejectedBeforeParsing) {
  std::string huge = Envelope("[]");
  huge.append(17u << 20, ' ');
  ExpectInvalid(huge, "limit");
}

RC_GTEST_PROP(ParseContractsProperty, ArbitraryInputNeverCrashes, (const std::string& input)) {
  auto rows = ParseContractsResponse(input);
  if (!rows.has_value()) {
    RC_ASSERT(rows.error().code == ErrorCode::kInvalidArgument ||
              rows.error().code == ErrorCode::kVenueRejected);
    RC_ASSERT(!rows.error().message.empty());
  }
}

RC_GTEST_PROP(ParseContractsProperty, MutatedResponseNeverCrashes, ()) {
  std::string json = OneRow();
  const auto edits = *rc::gen::inRange(1, 8);
  for (int i = 0; i < edits; ++i) {
    const auto pos = *rc::gen::inRange<std::size_t>(0, json.size());
    const auto c = *rc::gen::arbitrary<char>();
    switch (*rc::gen::inRange(0, 3)) {
      case 0:
        json[pos] = c;
        break;
      case 1:
        json.erase(pos, 1);
        break;
      default:
        json.insert(pos, 1, c);
        break;
    }
    if (json.empty()) json = "{";
  }
  auto rows = ParseContractsResponse(json);
  if (rows.has_value()) {
    RC_ASSERT(rows->size() <= 1u);
  } else {
    RC_ASSERT(!rows.error().message.empty());
  }
}

}  // namespace
}  // namespace bgt::bitget
