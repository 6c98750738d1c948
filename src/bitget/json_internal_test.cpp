// The envelope, error bodies, exact numbers and robustness shared by every response parser.
#include "bitget/json_internal.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <random>
#include <string>

#include "bitget/errors.h"
#include "bitget/parse_responses.h"
#include "bitget/parse_test_util.h"

namespace bgt::bitget {
namespace {

using core::ErrorCode;
using testing::D;
using testing::Envelope;
using testing::ExpectInvalid;
using testing::Ms;
using testing::ReadFixture;

TEST(ParseEnvelopeTest, SuccessEnvelope) {
  auto envelope = ParseEnvelope(ReadFixture("server_time.json"), 200);
  ASSERT_TRUE(envelope.has_value()) << envelope.error().ToString();
  EXPECT_EQ(envelope->code, "00000");
  EXPECT_EQ(envelope->msg, "success");
  EXPECT_EQ(envelope->request_time, Ms(1700111073740));
}

TEST(ParseEnvelopeTest, RequestTimeAsStringOrUnreadable) {
  auto as_string = ParseEnvelope(R"({"code":"00000","requestTime":"1695793701269","data":1})", 200);
  ASSERT_TRUE(as_string.has_value()) << as_string.error().ToString();
  EXPECT_EQ(as_string->request_time, Ms(1695793701269));
  // The docs' 14-digit requestTime is past 2262: informational, so left empty.
  for (std::string_view bad : {"21312312312321000", "1.5", "\"x\"", "null", "true"}) {
    auto parsed = ParseEnvelope(
        R"({"code":"00000","requestTime":)" + std::string(bad) + R"(,"data":1})", 200);
    ASSERT_TRUE(parsed.has_value()) << bad << ": " << parsed.error().ToString();
    EXPECT_FALSE(parsed->request_time.has_value()) << bad;
  }
}

TEST(ParseEnvelopeTest, VenueError40808WithHttp400) {
  auto ticker = ParseTickers(ReadFixture("error_40808.json"), 400);
  ASSERT_FALSE(ticker.has_value());
  const core::Error& error = ticker.error();
  EXPECT_EQ(error.code, ErrorCode::kVenueRejected);
  EXPECT_EQ(error.venue_code, "40808");
  EXPECT_EQ(error.http_status, 400);
  EXPECT_EQ(error.message,
            "tickers: Parameter verification exception double fixed, hold side is null");
  EXPECT_EQ(RetryPolicyOf(error), RetryPolicy::kNever);
}

TEST(ParseEnvelopeTest, RateLimitBodyWithHttp429) {
  auto ack = ParseOrderAck(ReadFixture("error_429.json"), 429);
  ASSERT_FALSE(ack.has_value());
  EXPECT_EQ(ack.error().code, ErrorCode::kRateLimited);
  EXPECT_EQ(ack.error().venue_code, "429");
  EXPECT_EQ(ack.error().http_status, 429);
  EXPECT_EQ(RetryPolicyOf(ack.error()), RetryPolicy::kAfterBackoff);
}

TEST(ParseEnvelopeTest, HtmlErrorPage) {
  auto positions = ParsePositions(ReadFixture("error_502.html"), 502);
  ExpectInvalid(positions, "Bitget positions response: not valid JSON");
  EXPECT_EQ(positions.error().http_status, 502);
  EXPECT_NE(
      positions.error().message.find(R"(body starts with "<html>\x0a<head><title>502 Bad Ga)"),
      std::string::npos)
      << positions.error().message;
}

TEST(ParseEnvelopeTest, VenueErrorWinsOverAnyData) {
  for (std::string_view data : {R"(,"data":{})", R"(,"data":"")", R"(,"data":[1.5,2])", ""}) {
    const std::string body =
        R"({"code":"43012","msg":"Insufficient balance")" + std::string(data) + "}";
    auto parsed = ParseOrderDetail(body, 200);
    ASSERT_FALSE(parsed.has_value()) << body;
    EXPECT_EQ(parsed.error().code, ErrorCode::kVenueRejected) << body;
    EXPECT_EQ(parsed.error().venue_code, "43012");
    EXPECT_EQ(parsed.error().http_status, 200);
  }
}

TEST(ParseEnvelopeTest, NumericAndUnknownCodes) {
  auto numeric = ParseEnvelope(R"({"code":429,"msg":"Too Many Requests","data":null})", 429);
  ASSERT_FALSE(numeric.has_value());
  EXPECT_EQ(numeric.error().code, ErrorCode::kRateLimited);
  EXPECT_EQ(numeric.error().venue_code, "429");

  auto unknown = ParseEnvelope(R"({"code":"99999","msg":5})", 400);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kVenueRejected);
  EXPECT_EQ(unknown.error().venue_code, "99999");
  EXPECT_NE(unknown.error().message.find("(no message)"), std::string::npos);

  ExpectInvalid(ParseEnvelope(R"({"code":4.5,"data":null})", 200), "code is a number that is not");
  ExpectInvalid(ParseEnvelope(R"({"code":4e2,"data":null})", 200), "code is a number that is not");
}

TEST(ParseEnvelopeTest, EnvelopeProblemsNameTheField) {
  ExpectInvalid(ParseEnvelope(R"({"msg":"success","data":[]})", 200), "missing \"code\"");
  ExpectInvalid(ParseEnvelope(R"({"code":"00000","msg":"success"})", 200), "missing \"data\"");
  ExpectInvalid(ParseEnvelope(R"({"code":true,"data":[]})", 200), "code is a boolean");
  ExpectInvalid(ParseEnvelope(R"({"code":null,"data":[]})", 200), "code is null");
  ExpectInvalid(ParseEnvelope(R"({"code":"","data":[]})", 200), "code is empty");
  ExpectInvalid(ParseEnvelope(R"({"code":"00000","msg":5,"data":[]})", 200), "msg is a number");
  ExpectInvalid(ParseTickers(Envelope("{}"), 200), "data is an object, expected an array");
  ExpectInvalid(ParseTickers(Envelope("null"), 200), "data is null, expected an array");
  ExpectInvalid(ParseAccount(Envelope("[]"), 200), "data is an array, expected an object");
  ExpectInvalid(ParseTickers(Envelope("[7]"), 200), "data[0] is a number, expected an object");
}

TEST(ParseEnvelopeTest, NotJsonAtAll) {
  ExpectInvalid(ParseEnvelope("", 502), "empty body");
  ExpectInvalid(ParseEnvelope(" \r\n\t ", 200), "empty body");
  ExpectInvalid(ParseEnvelope("Bad Gateway", 502), R"(body starts with "Bad Gateway")");
  ExpectInvalid(ParseEnvelope("[]", 200), "expected a JSON object at the top level");
  ExpectInvalid(ParseEnvelope(R"("00000")", 200), "expected a JSON object at the top level");
  ExpectInvalid(ParseEnvelope("\x01\x7f", 200), R"(body starts with "\x01\x7f")");
  ExpectInvalid(ParseEnvelope("{\"code\":\"\xff\xfe\",\"data\":1}", 200), "not valid JSON");
  ExpectInvalid(ParseEnvelope(Envelope("1") + " {}", 200), "not valid JSON");
  auto padded = ParseEnvelope(Envelope("1") + " \n\t", 200);
  EXPECT_TRUE(padded.has_value()) << padded.error().ToString();
}

TEST(ParseEnvelopeTest, EveryTruncationIsAnError) {
  const std::string body = ReadFixture("order_detail.json");
  ASSERT_FALSE(body.empty());
  const std::size_t end = body.rfind('}');
  for (std::size_t n = 0; n <= end; ++n) {
    auto parsed = ParseOrderDetail(std::string_view(body).substr(0, n), 200);
    ASSERT_FALSE(parsed.has_value()) << "prefix of " << n << " bytes parsed";
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument) << parsed.error().ToString();
  }
}

TEST(ParseEnvelopeTest, MegabyteOfGarbage) {
  std::mt19937 rng(20261125);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string garbage(1 << 20, '\0');
  for (char& c : garbage) c = static_cast<char>(byte(rng));
  ExpectInvalid(ParseTickers(garbage, 200), "not valid JSON");

  std::uniform_int_distribution<int> ascii(0x20, 0x7e);
  std::string printable(1 << 20, ' ');
  for (char& c : printable) c = static_cast<char>(ascii(rng));
  ExpectInvalid(ParseCandles(printable, 200, model::Granularity::k1m), "Bitget candles response");

  ExpectInvalid(ParseTickers(std::string(1 << 20, '['), 200), R"(body starts with "[[[[)");
  ExpectInvalid(ParseTickers(std::string(1 << 20, '{'), 200), "not valid JSON");
  std::string unclosed = R"({"code":"00000","data":[)";
  while (unclosed.size() < (1u << 20)) unclosed += R"(["1","2","3","1","2","3","4"],)";
  ExpectInvalid(ParseCandles(unclosed, 200, model::Granularity::k1m), "not valid JSON");
}

TEST(ParseEnvelopeTest, OversizedBodyIsRejectedBeforeParsing) {
  std::string huge = Envelope("[]");
  huge.append(17u << 20, ' ');
  ExpectInvalid(ParseTickers(huge, 200), "exceeds the 16777216-byte limit");
}

TEST(ParseEnvelopeTest, MessagesStayBounded) {
  const std::string long_text(100000, 'A');
  auto parsed = ParseTickers(
      Envelope(R"([{"symbol":")" + long_text + R"(","lastPr":")" + long_text + R"("}])"), 200);
  ASSERT_FALSE(parsed.has_value());
  EXPECT_LT(parsed.error().message.size(), 500u);
  auto venue = ParseEnvelope(R"({"code":"40808","msg":")" + long_text + R"("})", 400);
  ASSERT_FALSE(venue.has_value());
  EXPECT_LT(venue.error().message.size(), 400u);
}

// ---- Exact numbers ----

TEST(ParseNumbersTest, JsonNumbersAreReadFromTheirExactText) {
  // 1.0000000000000001 and 0.30000000000000004 are not what their doubles print back.
  const std::string body =
      R"({"code":"00000","requestTime":1695870963008,"data":{)"
      R"("asks":[[1.0000000000000001,2.50],[3e2,1E-5]],)"
      R"("bids":[[0.30000000000000004,7],[-0,12345678901234]],"ts":1695870968804}})";
  auto depth = ParseMergeDepth(body, 200, "BTCUSDT");
  ASSERT_TRUE(depth.has_value()) << depth.error().ToString();
  ASSERT_EQ(depth->book.asks.size(), 2u);
  EXPECT_EQ(depth->book.asks[0].price.ToString(), "1.0000000000000001");
  EXPECT_EQ(depth->book.asks[0].size.ToString(), "2.50");
  EXPECT_EQ(depth->book.asks[1].price, D("300"));
  EXPECT_EQ(depth->book.asks[1].size, D("0.00001"));
  ASSERT_EQ(depth->book.bids.size(), 2u);
  EXPECT_EQ(depth->book.bids[0].price.ToString(), "0.30000000000000004");
  EXPECT_EQ(depth->book.bids[0].size, D("7"));
  EXPECT_EQ(depth->book.bids[1].size, D("12345678901234"));
  EXPECT_EQ(depth->book.ts, Ms(1695870968804));
}

TEST(ParseNumbersTest, IntegerNumbersNeedNoSecondPass) {
  auto leverage =
      ParseSetLeverage(Envelope(R"({"symbol":"BTCUSDT","longLeverage":25,"shortLeverage":"25",)"
                                R"("crossMarginLeverage":18446744073709551615})"),
                       200);
  ExpectInvalid(leverage, "data.crossMarginLeverage is \"18446744073709551615\", not a decimal");
  auto ok = ParseSetLeverage(Envelope(R"({"symbol":"BTCUSDT","longLeverage":25})"), 200);
  ASSERT_TRUE(ok.has_value()) << ok.error().ToString();
  EXPECT_EQ(ok->long_leverage, D("25"));
}

TEST(ParseNumbersTest, WrongTypesInTheSecondPassAreStillNamedCorrectly) {
  // The fractional number forces the second pass; the type error must still say "number".
  auto parsed = ParseMergeDepth(
      Envelope(R"({"asks":[[1.5,2]],"bids":[],"ts":"1","isMaxPrecision":7})"), 200, "X");
  ExpectInvalid(parsed, "data.isMaxPrecision is a number, expected \"YES\" or \"NO\"");
  auto text = ParseMergeDepth(Envelope(R"({"asks":[[1.5,true]],"bids":[],"ts":"1"})"), 200, "X");
  ExpectInvalid(text, "data.asks[0][1] is a boolean, expected a decimal");
}

TEST(ParseNumbersTest, QuoteNumbersKeepsStringsAndLiterals) {
  EXPECT_EQ(internal::QuoteNumbers(R"({"a":-1.5e3,"b":"x\"1","c":[true,null,0]})"),
            R"({"a":"\u001f-1.5e3","b":"x\"1","c":[true,null,"\u001f0"]})");
}

TEST(ParseNumbersTest, RoundedDecimals) {
  using internal::ParseDecimalText;
  EXPECT_EQ(ParseDecimalText("24144.1124161806977798", true)->ToString(), "24144.1124161806978");
  EXPECT_EQ(ParseDecimalText("-24144.1124161806977798", true)->ToString(), "-24144.1124161806978");
  EXPECT_EQ(ParseDecimalText("1.0000000000000000005", true)->ToString(), "1.00000000000000000");
  EXPECT_EQ(ParseDecimalText("1.0000000000000000015", true)->ToString(), "1.00000000000000000");
  EXPECT_EQ(ParseDecimalText("1.00000000000000000151", true)->ToString(), "1.00000000000000000");
  EXPECT_EQ(ParseDecimalText("0.12345678901234567851", true)->ToString(), "0.123456789012345679");
  EXPECT_EQ(ParseDecimalText("0.12345678901234567850", true)->ToString(), "0.123456789012345678");
  EXPECT_EQ(ParseDecimalText("0.12345678901234567750", true)->ToString(), "0.123456789012345678");
  EXPECT_EQ(ParseDecimalText("9.9999999999999999999", true)->ToString(), "10.00000000000000000");
  EXPECT_EQ(ParseDecimalText("1.5", true)->ToString(), "1.5");
  // Exact reads refuse what does not fit; rounded reads refuse what is not a plain decimal.
  EXPECT_EQ(ParseDecimalText("24144.1124161806977798", false).error().code, ErrorCode::kOutOfRange);
  EXPECT_FALSE(ParseDecimalText("1234567890123456789012", true).has_value());
  EXPECT_FALSE(ParseDecimalText("1.0000000000000000000001e3", true).has_value());
  EXPECT_FALSE(ParseDecimalText("abc", true).has_value());
}

// ---- Robustness ----

template <typename T>
void CheckOutcome(const core::Result<T>& result) {
  if (!result.has_value()) {
    RC_ASSERT(!result.error().message.empty());
    RC_ASSERT(result.error().code == ErrorCode::kInvalidArgument ||
              !result.error().venue_code.empty());
  }
}

RC_GTEST_PROP(ParseRobustnessProperty, ArbitraryBodiesNeverCrash, (const std::string& body)) {
  CheckOutcome(ParseTickers(body, 200));
  CheckOutcome(ParseOrderList(body, 200));
  CheckOutcome(ParseMergeDepth(body, 200, "BTCUSDT"));
}

// Random edits of real bodies (one with fractional JSON numbers, so both passes run).
RC_GTEST_PROP(ParseRobustnessProperty, MutatedBodiesNeverCrash, ()) {
  static const std::string kDepth = ReadFixture("merge_depth.json");
  static const std::string kOrders = ReadFixture("orders_pending.json");
  std::string body = *rc::gen::element(kDepth, kOrders);
  const int edits = *rc::gen::inRange(1, 8);
  for (int i = 0; i < edits; ++i) {
    const auto pos = *rc::gen::inRange<std::size_t>(0, body.size());
    const char c = *rc::gen::element('"', ',', ':', '[', ']', '{', '}', '.', '-', 'e', '0', '7',
                                     ' ', '\\', 'x');
    switch (*rc::gen::inRange(0, 3)) {
      case 0:
        body[pos] = c;
        break;
      case 1:
        body.erase(pos, 1);
        break;
      default:
        body.insert(pos, 1, c);
        break;
    }
    if (body.empty()) body = "{";
  }
  CheckOutcome(ParseMergeDepth(body, 200, "BTCUSDT"));
  CheckOutcome(ParseOrderList(body, 200));
}

}  // namespace
}  // namespace bgt::bitget
