// The order commands, in-process against a mock Bitget on loopback: local refusals send
// nothing, accepted orders go out signed with the contract's exact precision.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>

#include "app/exit_codes.h"
#include "app/order_command.h"
#include "app/venue_test_support.h"

namespace bgt::app {
namespace {

using ::testing::AllOf;
using testing::Credentials;
using testing::Fixture;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::MockBitget;
using ::testing::Not;
using testing::Outcome;
using testing::ParseJson;
using testing::RunBgt;
using ::testing::StartsWith;

constexpr std::string_view kPlacePath = "/api/v2/mix/order/place-order";

Outcome RunAt(const MockBitget& mock, std::vector<std::string> args) {
  args.insert(args.begin(), {"--base-url", mock.BaseUrl()});
  return RunBgt(std::move(args), Credentials());
}

std::vector<std::string> Place(std::vector<std::string> extra) {
  std::vector<std::string> args = {"order", "place", "--symbol", "BTCUSDT"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// Asserts that nothing but public reads reached the venue.
void ExpectNothingSent(const MockBitget& mock) {
  EXPECT_EQ(mock.posts(), 0);
  EXPECT_EQ(mock.signed_requests(), 0);
  EXPECT_EQ(mock.Count(kPlacePath), 0);
}

TEST(OrderPlace, ALimitOrderGoesOutWithTheContractsPrecision) {
  MockBitget mock;
  const Outcome o = RunAt(mock, Place({"--side", "buy", "--type", "limit", "--size", "0.001",
                                       "--price", "29000", "--log-level", "trace"}));
  ASSERT_EQ(o.code, kExitOk) << o.err;
  EXPECT_THAT(o.err, HasSubstr("place-order"));  // the trace log; RunBgt checks it has no secret
  EXPECT_EQ(mock.Count("/api/v2/mix/market/contracts"), 1);
  EXPECT_EQ(mock.Count("/api/v2/mix/market/ticker"), 1);
  EXPECT_GE(mock.time_requests(), 1);
  const net::HttpRequest post = mock.Last(kPlacePath);
  EXPECT_THAT(post.body, AllOf(HasSubstr(R"("symbol":"BTCUSDT")"),
                               HasSubstr(R"("productType":"USDT-FUTURES")"),
                               HasSubstr(R"("marginMode":"crossed")"),
                               HasSubstr(R"("size":"0.0010")"), HasSubstr(R"("price":"29000.0")"),
                               HasSubstr(R"("side":"buy")"), HasSubstr(R"("orderType":"limit")"),
                               HasSubstr(R"("force":"gtc")"), HasSubstr(R"("clientOid":"bgt-)")));
  EXPECT_EQ(mock.bad_signatures(), 0);
  EXPECT_EQ(mock.signed_requests(), 1);
  EXPECT_THAT(o.out, AllOf(HasSubstr("order placed: buy limit 0.0010 BTCUSDT @ 29000.0"),
                           HasSubstr("121211212122")));
}

TEST(OrderPlace, JsonCarriesTheAckAndAGivenClientOid) {
  MockBitget mock;
  const Outcome o = RunAt(mock, Place({"--json", "--side", "sell", "--type", "market", "--size",
                                       "0.01", "--client-oid", "my-oid-1", "--reduce-only"}));
  ASSERT_EQ(o.code, kExitOk) << o.err;
  const net::HttpRequest post = mock.Last(kPlacePath);
  EXPECT_THAT(post.body,
              AllOf(HasSubstr(R"("clientOid":"my-oid-1")"), HasSubstr(R"("orderType":"market")"),
                    HasSubstr(R"("reduceOnly":"YES")"), Not(HasSubstr("price"))));
  const boost::json::value v = ParseJson(o.out);
  EXPECT_EQ(v.at("ok"), true);
  EXPECT_EQ(v.at("order").at("order_id"), "121211212122");
  EXPECT_EQ(v.at("duplicate"), false);
}

TEST(OrderPlace, HedgeModeSendsTheLegAndTheAction) {
  MockBitget mock;
  const Outcome o =
      RunAt(mock, Place({"--side", "sell", "--type", "limit", "--size", "0.002", "--price",
                         "30000.5", "--hedge", "--leg", "long", "--margin-mode", "isolated"}));
  ASSERT_EQ(o.code, kExitOk) << o.err;
  EXPECT_THAT(mock.Last(kPlacePath).body,
              AllOf(HasSubstr(R"("side":"buy")"), HasSubstr(R"("tradeSide":"close")"),
                    HasSubstr(R"("marginMode":"isolated")"), HasSubstr(R"("price":"30000.5")")));
}

TEST(OrderPlace, AttachedTpSlGoOutOnTheTick) {
  MockBitget mock;
  const Outcome o = RunAt(mock, Place({"--side", "buy", "--type", "limit", "--size", "0.001",
                                       "--price", "29000", "--tp", "31000", "--sl", "28000.5"}));
  ASSERT_EQ(o.code, kExitOk) << o.err;
  EXPECT_THAT(mock.Last(kPlacePath).body, AllOf(HasSubstr(R"("presetStopSurplusPrice":"31000.0")"),
                                                HasSubstr(R"("presetStopLossPrice":"28000.5")")));
}

TEST(OrderPlace, OrdersBitgetWouldRejectAreRefusedLocallyAndSendNothing) {
  struct Case {
    std::vector<std::string> args;
    std::string code;  // what Bitget would answer
  };
  const std::vector<Case> cases = {
      {{"--side", "buy", "--type", "limit", "--size", "0.001", "--price", "29000.05"}, "41103"},
      {{"--side", "buy", "--type", "limit", "--size", "0.00015", "--price", "29000"}, "40808"},
      {{"--side", "buy", "--type", "limit", "--size", "0.0001", "--price", "29000"}, "45110"},
      {{"--side", "buy", "--type", "market", "--size", "0.0001"}, "45110"},
      {{"--side", "buy", "--type", "limit", "--size", "0.001", "--price", "32000"}, "40808"},
      {{"--side", "buy", "--type", "limit", "--size", "2000", "--price", "29000"}, "40762"},
  };
  for (const Case& c : cases) {
    MockBitget mock;
    const Outcome o = RunAt(mock, Place(c.args));
    EXPECT_EQ(o.code, kExitDenied) << ::testing::PrintToString(c.args);
    EXPECT_THAT(o.err, AllOf(HasSubstr("refused locally, nothing was sent"),
                             HasSubstr("Bitget would answer " + c.code)))
        << ::testing::PrintToString(c.args);
    ExpectNothingSent(mock);
    EXPECT_EQ(mock.time_requests(), 0);

    const Outcome j = RunAt(mock, Place([&] {
                              std::vector<std::string> args = c.args;
                              args.push_back("--json");
                              return args;
                            }()));
    const boost::json::value v = ParseJson(j.out);
    EXPECT_EQ(v.at("error").at("kind"), "denied");
    EXPECT_EQ(v.at("error").at("expected_venue_code"), c.code.c_str());
    EXPECT_EQ(v.at("error").at("venue_code"), nullptr);
    ExpectNothingSent(mock);
  }
}

TEST(OrderPlace, TpSlOffTheTickAreRefusedLocally) {
  MockBitget mock;
  const Outcome o = RunAt(mock, Place({"--side", "buy", "--type", "limit", "--size", "0.001",
                                       "--price", "29000", "--sl", "28000.05"}));
  EXPECT_EQ(o.code, kExitDenied);
  EXPECT_THAT(o.err, AllOf(HasSubstr("--sl 28000.05"), HasSubstr("tick 0.1")));
  ExpectNothingSent(mock);
}

TEST(OrderPlace, InconsistentFlagsAreUsageErrors) {
  MockBitget mock;
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--side", "buy", "--type", "limit", "--size", "0.001"},
           {"--side", "buy", "--type", "market", "--size", "0.001", "--price", "29000"},
           {"--side", "buy", "--type", "limit", "--size", "-1", "--price", "29000"},
           {"--side", "buy", "--type", "limit", "--size", "abc", "--price", "29000"},
           {"--side", "long", "--type", "limit", "--size", "0.001", "--price", "29000"},
           {"--side", "buy", "--type", "limit", "--size", "0.001", "--price", "29000", "--leg",
            "long"},
           {"--side", "buy", "--type", "limit", "--size", "0.001", "--price", "29000", "--hedge"},
           {"--side", "buy", "--type", "market", "--size", "0.001", "--tif", "post_only"},
           {"--side", "buy", "--type", "limit", "--size", "0.001", "--price", "29000",
            "--client-oid", "has space"},
       }) {
    const Outcome o = RunAt(mock, Place(args));
    EXPECT_EQ(o.code, kExitUsage) << ::testing::PrintToString(args);
  }
  EXPECT_THAT(mock.requests(), IsEmpty());
}

TEST(OrderPlace, AVenueRejectionExitsWithFour) {
  MockBitget mock;
  mock.Set(std::string(kPlacePath), 400, Fixture("error_40808.json"));
  const Outcome o = RunAt(
      mock, Place({"--side", "buy", "--type", "limit", "--size", "0.001", "--price", "29000"}));
  EXPECT_EQ(o.code, kExitVenueError);
  EXPECT_THAT(o.err, AllOf(HasSubstr("Bitget error 40808"), HasSubstr("hold side is null")));
  EXPECT_EQ(mock.Count(kPlacePath), 1);  // definitive: not resent
}

// The first attempt gets no answer; the client resends with the same clientOid.
net::ServerReply NoAnswerFirst(int* calls, net::ServerReply then) {
  if ((*calls)++ > 0) return then;
  net::ServerReply close;
  close.kind = net::ServerReply::Kind::kClose;
  return close;
}

TEST(OrderPlace, ADuplicateAfterAnUnansweredAttemptIsConfirmedByClientOid) {
  int calls = 0;  // outlives the mock, whose server thread counts in it
  MockBitget mock;
  mock.Set(std::string(kPlacePath), [&calls](const net::HttpRequest&) {
    return NoAnswerFirst(&calls,
                         testing::Reply(400, testing::ErrorBody("43118", "clientOid duplicate")));
  });
  const Outcome o = RunAt(mock, Place({"--json", "--side", "buy", "--type", "limit", "--size",
                                       "0.001", "--price", "29000", "--client-oid", "dup-1"}));
  ASSERT_EQ(o.code, kExitOk) << o.err << o.out;
  EXPECT_EQ(mock.Count(kPlacePath), 2);
  EXPECT_THAT(std::string(mock.Last("/api/v2/mix/order/detail").Query()),
              HasSubstr("clientOid=dup-1"));
  const boost::json::value v = ParseJson(o.out);
  EXPECT_EQ(v.at("duplicate"), true);
  EXPECT_EQ(v.at("detail").at("order_id"), "1111465253393825792");
}

TEST(OrderPlace, AnUnknownOutcomeExitsWithFiveAndSaysHowToCheck) {
  int calls = 0;  // outlives the mock, whose server thread counts in it
  MockBitget mock;
  mock.Set(std::string(kPlacePath), [&calls](const net::HttpRequest&) {
    return NoAnswerFirst(&calls, testing::Reply(400, Fixture("error_40808.json")));
  });
  const Outcome o = RunAt(mock, Place({"--side", "buy", "--type", "limit", "--size", "0.001",
                                       "--price", "29000", "--client-oid", "amb-1"}));
  EXPECT_EQ(o.code, kExitNetwork);
  EXPECT_THAT(o.err, AllOf(HasSubstr("outcome unknown"),
                           HasSubstr("bgt order show --symbol BTCUSDT --client-oid amb-1")));
}

TEST(OrderPlace, AnUnknownSymbolIsNotSent) {
  MockBitget mock;
  const Outcome o = RunAt(mock, {"order", "place", "--symbol", "NOPEUSDT", "--side", "buy",
                                 "--type", "market", "--size", "1"});
  EXPECT_EQ(o.code, kExitVenueError);
  EXPECT_THAT(o.err, HasSubstr("40034"));
  ExpectNothingSent(mock);
}

TEST(OrderCancel, ByOrderIdOrClientOid) {
  MockBitget mock;
  const Outcome o = RunAt(mock, {"order", "cancel", "--symbol", "BTCUSDT", "--order-id", "123"});
  ASSERT_EQ(o.code, kExitOk) << o.err;
  EXPECT_THAT(mock.Last("/api/v2/mix/order/cancel-order").body,
              AllOf(HasSubstr(R"("orderId":"123")"), HasSubstr(R"("symbol":"BTCUSDT")")));
  EXPECT_THAT(o.out, AllOf(HasSubstr("cancel accepted"), HasSubstr("123")));

  const Outcome j =
      RunAt(mock, {"--json", "order", "cancel", "--symbol", "BTCUSDT", "--client-oid", "x-1"});
  ASSERT_EQ(j.code, kExitOk) << j.err;
  EXPECT_THAT(mock.Last("/api/v2/mix/order/cancel-order").body, HasSubstr(R"("clientOid":"x-1")"));
  EXPECT_EQ(ParseJson(j.out).at("cancelled").at("order_id"), "123");
  EXPECT_EQ(mock.bad_signatures(), 0);

  const std::size_t sent = mock.requests().size();
  EXPECT_EQ(RunAt(mock, {"order", "cancel", "--symbol", "BTCUSDT"}).code, kExitUsage);
  EXPECT_EQ(RunAt(mock, {"order", "cancel", "--symbol", "BTCUSDT", "--order-id", "1",
                         "--client-oid", "2"})
                .code,
            kExitUsage);
  EXPECT_EQ(mock.requests().size(), sent);
}

TEST(OrderCancelAll, ReportsItemsThatFailedWithFour) {
  MockBitget mock;
  const Outcome o = RunAt(mock, {"order", "cancel-all", "--symbol", "BTCUSDT"});
  EXPECT_EQ(o.code, kExitVenueError);
  EXPECT_THAT(o.out,
              AllOf(HasSubstr("121211212122"), HasSubstr("ok"), HasSubstr("failed: notExistend")));
  EXPECT_THAT(o.err, HasSubstr("1 of 2 failed"));
  EXPECT_THAT(mock.Last("/api/v2/mix/order/cancel-all-orders").body,
              AllOf(HasSubstr(R"("symbol":"BTCUSDT")"), HasSubstr(R"("marginCoin":"USDT")")));
}

TEST(OrderList, OpenOrdersWithDirectionAndLeg) {
  MockBitget mock;
  const Outcome o = RunAt(mock, {"order", "list"});
  ASSERT_EQ(o.code, kExitOk) << o.err;
  EXPECT_THAT(o.out,
              AllOf(HasSubstr("1111465253393825792"), HasSubstr("bgt-eth-2"),
                    HasSubstr("partially_filled"), HasSubstr("post_only"), HasSubstr("27000")));
  const Outcome j =
      RunAt(mock, {"--json", "order", "list", "--symbol", "ETHUSDT", "--limit", "20"});
  ASSERT_EQ(j.code, kExitOk) << j.err;
  EXPECT_THAT(std::string(mock.Last("/api/v2/mix/order/orders-pending").Query()),
              AllOf(HasSubstr("symbol=ETHUSDT"), HasSubstr("limit=20")));
  const boost::json::value v = ParseJson(j.out);
  const boost::json::array& orders = v.at("orders").as_array();
  ASSERT_EQ(orders.size(), 2u);
  EXPECT_EQ(orders[0].at("direction"), "buy");
  EXPECT_EQ(orders[0].at("leg"), "long");
  EXPECT_EQ(orders[1].at("direction"), "sell");
  EXPECT_EQ(orders[1].at("leg"), "net");
  EXPECT_EQ(orders[1].at("fee"), "-0.0216");
  EXPECT_EQ(orders[1].at("c_time"), 1700719887300);

  const Outcome h = RunAt(mock, {"order", "list", "--history"});
  ASSERT_EQ(h.code, kExitOk) << h.err;
  EXPECT_EQ(mock.Count("/api/v2/mix/order/orders-history"), 1);
  EXPECT_EQ(mock.bad_signatures(), 0);
  EXPECT_EQ(mock.posts(), 0);
}

TEST(OrderShow, ByClientOid) {
  MockBitget mock;
  const Outcome o =
      RunAt(mock, {"order", "show", "--symbol", "BTCUSDT", "--client-oid", "1111465253431574529"});
  ASSERT_EQ(o.code, kExitOk) << o.err;
  EXPECT_THAT(std::string(mock.Last("/api/v2/mix/order/detail").Query()),
              HasSubstr("clientOid=1111465253431574529"));
  EXPECT_THAT(o.out, AllOf(HasSubstr("1111465253393825792"), HasSubstr("live"),
                           HasSubstr("2023-11-23T06:11:27.120Z")));
  const Outcome j =
      RunAt(mock, {"--json", "order", "show", "--symbol", "BTCUSDT", "--order-id", "1"});
  const boost::json::value v = ParseJson(j.out);
  EXPECT_EQ(v.at("order").at("price"), "27000");
  EXPECT_EQ(v.at("order").at("price_avg"), nullptr);
  EXPECT_EQ(v.at("order").at("status"), "live");
}

TEST(ClientOid, FreshIdsAreUniqueAndValid) {
  const core::Timestamp now = core::Timestamp::FromMillis(1'700'000'000'000);
  const std::string a = NewClientOid(now);
  const std::string b = NewClientOid(now);
  EXPECT_NE(a, b);
  EXPECT_THAT(a, StartsWith("bgt-1700000000000-"));
  EXPECT_LE(a.size(), 50u);
  for (char c : a) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-') << a;
}

}  // namespace
}  // namespace bgt::app
