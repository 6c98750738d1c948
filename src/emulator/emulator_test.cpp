// The emulator on a loopback port, driven by bgt's own Bitget client (BitgetApi over RestClient
// and HttpClientTransport, clock synced against the emulator): market data, account, leverage,
// orders, positions; and the protocol's failure answers (auth, rate limit, unknown path,
// malformed bodies) through Emulator::Handle.
#include "emulator/emulator.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "bitget/api.h"
#include "bitget/clock_sync.h"
#include "bitget/credential.h"
#include "bitget/endpoints.h"
#include "core/clock.h"
#include "emulator/test_client.h"
#include "model/instrument.h"
#include "net/ws_client.h"

namespace bgt::emulator {
namespace {

using namespace std::chrono_literals;

using Client = EmulatorClient;

class EmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto emulator = Emulator::Start(EmulatorConfig{});
    ASSERT_TRUE(emulator.has_value()) << emulator.error().ToString();
    emulator_ = std::move(*emulator);
    client_ = std::make_unique<Client>(emulator_->RestUrl());
  }

  bitget::BitgetApi& api() { return *client_->api; }

  // A request signed with `account` at `ts` (wall time unless given).
  static net::HttpRequest Signed(std::string method, std::string target, std::string body,
                                 const EmulatorAccount& account = {},
                                 std::optional<core::Timestamp> ts = std::nullopt) {
    net::HttpRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    request.body = std::move(body);
    const core::Timestamp at = ts ? *ts : core::WallClock().Now();
    auto headers = bitget::SignedHeaders(
        bitget::Credentials{core::Secret(account.api_key), core::Secret(account.secret),
                            core::Secret(account.passphrase)},
        at, request.method, request.Path(), request.Query(), request.body);
    EXPECT_TRUE(headers.has_value());
    for (const bitget::Header& h : *headers) request.headers.emplace_back(h.name, h.value);
    return request;
  }

  std::unique_ptr<Emulator> emulator_;
  std::unique_ptr<Client> client_;
};

// REST and WebSocket share the port: a public ticker subscription is acknowledged and then fed
// by the emulator's pump with the same market the REST side serves.
TEST_F(EmulatorTest, ServesWebSocketTickersOnTheSamePort) {
  auto ws = net::BlockingWsClient::Connect(emulator_->WsUrl() + "/v2/ws/public", {});
  ASSERT_TRUE(ws.has_value()) << ws.error().ToString();
  ASSERT_TRUE((*ws)->Send("ping"));
  EXPECT_EQ((*ws)->Receive(std::chrono::seconds(5)).value_or(""), "pong");
  ASSERT_TRUE((*ws)->Send(
      R"({"op":"subscribe","args":[{"instType":"USDT-FUTURES","channel":"ticker","instId":"BTCUSDT"}]})"));
  auto ack = (*ws)->Receive(std::chrono::seconds(5));
  ASSERT_TRUE(ack.has_value()) << ack.error().ToString();
  EXPECT_NE(ack->find(R"("event":"subscribe")"), std::string::npos) << *ack;
  auto push = (*ws)->Receive(std::chrono::seconds(5));
  ASSERT_TRUE(push.has_value()) << push.error().ToString();
  EXPECT_NE(push->find(R"("channel":"ticker")"), std::string::npos) << *push;
  EXPECT_NE(push->find(R"("lastPr")"), std::string::npos) << *push;
}

TEST_F(EmulatorTest, ServesMarketData) {
  auto contracts = api().GetContracts({});
  ASSERT_TRUE(contracts.has_value()) << contracts.error().ToString();
  ASSERT_EQ(contracts->size(), 20u);
  for (const model::ContractRow& row : *contracts) {
    EXPECT_TRUE(model::Instrument::FromContractRow(row).has_value()) << row.symbol;
  }
  auto ticker = api().GetTicker({"BTCUSDT"});
  ASSERT_TRUE(ticker.has_value()) << ticker.error().ToString();
  ASSERT_EQ(ticker->size(), 1u);
  EXPECT_LT((*ticker)[0].ticker.bid_price, (*ticker)[0].ticker.ask_price);
  auto tickers = api().GetTickers();
  ASSERT_TRUE(tickers.has_value()) << tickers.error().ToString();
  EXPECT_EQ(tickers->size(), 20u);

  bitget::CandlesQuery candles_query;
  candles_query.symbol = "ETHUSDT";
  candles_query.granularity = model::Granularity::k1H;
  candles_query.limit = 50;
  auto candles = api().GetCandles(candles_query);
  ASSERT_TRUE(candles.has_value()) << candles.error().ToString();
  ASSERT_FALSE(candles->empty());
  EXPECT_LE(candles->size(), 50u);
  for (const model::Candle& c : *candles) EXPECT_TRUE(model::CheckCandle(c).ok());

  bitget::DepthQuery depth_query;
  depth_query.symbol = "BTCUSDT";
  depth_query.limit = bitget::DepthLimit::k15;
  auto depth = api().GetDepth(depth_query);
  ASSERT_TRUE(depth.has_value()) << depth.error().ToString();
  EXPECT_EQ(depth->book.bids.size(), 15u);
  EXPECT_TRUE(model::CheckSnapshot(depth->book).ok());

  auto funding = api().GetFundingRate({"BTCUSDT"});
  ASSERT_TRUE(funding.has_value()) << funding.error().ToString();
  auto interest = api().GetOpenInterest({"BTCUSDT"});
  ASSERT_TRUE(interest.has_value()) << interest.error().ToString();
}

TEST_F(EmulatorTest, TradesThroughBgtsClient) {
  auto account = api().GetAccount({"BTCUSDT", ""});
  ASSERT_TRUE(account.has_value()) << account.error().ToString();
  EXPECT_EQ(account->available, core::Decimal::FromInt(100000));

  bitget::SetLeverageRequest leverage;
  leverage.symbol = "BTCUSDT";
  leverage.leverage = 10;
  auto set = api().SetLeverage(leverage);
  ASSERT_TRUE(set.has_value()) << set.error().ToString();
  EXPECT_EQ(set->cross_margin_leverage, core::Decimal::FromInt(10));

  bitget::DepthQuery depth_query;
  depth_query.symbol = "BTCUSDT";
  auto depth = api().GetDepth(depth_query);
  ASSERT_TRUE(depth.has_value());
  const core::Decimal tick = *depth->scale;
  const core::Decimal far_bid = depth->book.bids[0].price - tick * core::Decimal::FromInt(100);

  bitget::PlaceOrderRequest limit;
  limit.symbol = "BTCUSDT";
  limit.size = *core::Decimal::Parse("0.01");
  limit.price = far_bid;
  limit.client_oid = "emu-limit-1";
  auto placed = api().PlaceOrder(limit);
  ASSERT_TRUE(placed.has_value()) << placed.error().ToString();
  ASSERT_TRUE(placed->ack.order_id.has_value());

  auto open = api().GetOpenOrders({});
  ASSERT_TRUE(open.has_value()) << open.error().ToString();
  ASSERT_EQ(open->entrusted_list.size(), 1u);
  EXPECT_EQ(open->entrusted_list[0].client_oid, "emu-limit-1");
  EXPECT_EQ(open->entrusted_list[0].price, far_bid);

  auto detail = api().GetOrderDetail({"BTCUSDT", *placed->ack.order_id, ""});
  ASSERT_TRUE(detail.has_value()) << detail.error().ToString();
  EXPECT_EQ(detail->status, bitget::OrderState::kLive);

  auto canceled = api().CancelOrder({"BTCUSDT", "", "emu-limit-1"});
  ASSERT_TRUE(canceled.has_value()) << canceled.error().ToString();
  auto after = api().GetOpenOrders({});
  ASSERT_TRUE(after.has_value());
  EXPECT_TRUE(after->entrusted_list.empty());

  bitget::PlaceOrderRequest market;
  market.symbol = "BTCUSDT";
  market.size = *core::Decimal::Parse("0.01");
  market.order_type = model::OrderType::kMarket;
  market.client_oid = "emu-market-1";
  auto bought = api().PlaceOrder(market);
  ASSERT_TRUE(bought.has_value()) << bought.error().ToString();

  auto positions = api().GetPositions({});
  ASSERT_TRUE(positions.has_value()) << positions.error().ToString();
  ASSERT_EQ(positions->size(), 1u);
  EXPECT_EQ((*positions)[0].hold_side, model::PositionSide::kLong);
  EXPECT_EQ((*positions)[0].total, *core::Decimal::Parse("0.01"));
  EXPECT_EQ((*positions)[0].leverage, core::Decimal::FromInt(10));

  auto fills = api().GetFills({});
  ASSERT_TRUE(fills.has_value()) << fills.error().ToString();
  EXPECT_FALSE(fills->fill_list.empty());

  auto closed = api().ClosePositions({});
  ASSERT_TRUE(closed.has_value()) << closed.error().ToString();
  EXPECT_EQ(closed->success_list.size(), 1u);
  auto flat = api().GetPositions({});
  ASSERT_TRUE(flat.has_value());
  EXPECT_TRUE(flat->empty());

  auto history = api().GetOrderHistory({});
  ASSERT_TRUE(history.has_value()) << history.error().ToString();
  EXPECT_GE(history->entrusted_list.size(), 3u);
}

TEST_F(EmulatorTest, VenueRejectionsKeepBitgetsCodes) {
  bitget::PlaceOrderRequest order;
  order.symbol = "BTCUSDT";
  order.size = *core::Decimal::Parse("1000");
  order.order_type = model::OrderType::kMarket;
  order.client_oid = "emu-too-big";
  auto rejected = api().PlaceOrder(order);
  ASSERT_FALSE(rejected.has_value());
  EXPECT_FALSE(rejected.error().venue_code.empty());
  EXPECT_EQ(rejected.error().http_status, 400);

  auto unknown = api().CancelOrder({"BTCUSDT", "12345", ""});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().venue_code, "40768");
}

TEST_F(EmulatorTest, WrongSecretIsASignatureError) {
  EmulatorAccount wrong;
  wrong.secret = "not-the-secret";
  Client client(emulator_->RestUrl(), wrong);
  auto account = client.api->GetAccount({"BTCUSDT", ""});
  ASSERT_FALSE(account.has_value());
  EXPECT_EQ(account.error().venue_code, "40009");
}

TEST_F(EmulatorTest, WrongPassphraseAndUnknownKey) {
  EmulatorAccount wrong_pass;
  wrong_pass.passphrase = "nope";
  auto reply = emulator_->Handle(
      Signed("GET", "/api/v2/mix/account/accounts?productType=USDT-FUTURES", "", wrong_pass));
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(reply.body.find(R"("code":"40012")"), std::string::npos) << reply.body;

  EmulatorAccount unknown;
  unknown.api_key = "who";
  reply = emulator_->Handle(
      Signed("GET", "/api/v2/mix/account/accounts?productType=USDT-FUTURES", "", unknown));
  EXPECT_NE(reply.body.find(R"("code":"40006")"), std::string::npos) << reply.body;

  net::HttpRequest unsigned_request;
  unsigned_request.target = "/api/v2/mix/account/accounts?productType=USDT-FUTURES";
  reply = emulator_->Handle(unsigned_request);
  EXPECT_NE(reply.body.find(R"("code":"40001")"), std::string::npos) << reply.body;
}

TEST_F(EmulatorTest, StaleTimestampIsRejected) {
  const core::Timestamp stale = core::WallClock().Now() - 31s;
  auto reply = emulator_->Handle(
      Signed("GET", "/api/v2/mix/account/accounts?productType=USDT-FUTURES", "", {}, stale));
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(reply.body.find(R"("code":"40008")"), std::string::npos) << reply.body;
}

TEST_F(EmulatorTest, SignatureOverPercentDecodedQueryIsAccepted) {
  // A client that signs the decoded query but sends it encoded (as some SDKs do).
  net::HttpRequest request = Signed(
      "GET", "/api/v2/mix/order/orders-pending?productType=USDT-FUTURES&symbol=BTC%55SDT", "");
  const core::Timestamp now = core::WallClock().Now();
  const std::string ts = std::to_string(now.millis());
  for (auto& [name, value] : request.headers) {
    if (name == "ACCESS-TIMESTAMP") value = ts;
    if (name == "ACCESS-SIGN") {
      value = bitget::SignRest(ts, "GET", "/api/v2/mix/order/orders-pending",
                               "productType=USDT-FUTURES&symbol=BTCUSDT", "",
                               core::Secret(std::string("bgt-test-secret")));
    }
  }
  const auto reply = emulator_->Handle(request);
  EXPECT_EQ(reply.status, 200) << reply.body;
}

TEST_F(EmulatorTest, RateLimitAnswers429) {
  net::HttpRequest request;
  request.target = "/api/v2/mix/market/ticker?symbol=BTCUSDT&productType=USDT-FUTURES";
  int throttled = 0;
  std::string body;
  for (int i = 0; i < 40; ++i) {
    const auto reply = emulator_->Handle(request);
    if (reply.status == 429) {
      ++throttled;
      body = reply.body;
    }
  }
  EXPECT_GE(throttled, 1);
  EXPECT_NE(body.find(R"("code":"429","msg":"Too Many Requests")"), std::string::npos) << body;
}

TEST_F(EmulatorTest, UnknownPathIs404) {
  net::HttpRequest request;
  request.target = "/api/v2/mix/market/nothing";
  const auto reply = emulator_->Handle(request);
  EXPECT_EQ(reply.status, 404);
  EXPECT_NE(reply.body.find(R"("code":"40404")"), std::string::npos) << reply.body;
}

TEST_F(EmulatorTest, MalformedBodiesAreBitgetErrors) {
  const std::string path = "/api/v2/mix/order/place-order";
  auto reply = emulator_->Handle(Signed("POST", path, "{not json"));
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(reply.body.find(R"("code":"40017")"), std::string::npos) << reply.body;

  reply = emulator_->Handle(Signed(
      "POST", path,
      R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginCoin":"USDT","side":"buy"})"));
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(reply.body.find(R"(Parameter size cannot be empty)"), std::string::npos) << reply.body;

  reply = emulator_->Handle(
      Signed("POST", path,
             R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginCoin":"USDT","size":[1],)"
             R"("side":"buy","orderType":"market","marginMode":"crossed"})"));
  EXPECT_NE(reply.body.find(R"("code":"40017")"), std::string::npos) << reply.body;

  reply = emulator_->Handle(Signed("POST", path, std::string(100000, ' ')));
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(reply.body.find(R"("code":"40017")"), std::string::npos) << reply.body;
}

TEST_F(EmulatorTest, StartupCallsOfOtherClients) {
  net::HttpRequest request;
  request.target = "/api/v2/spot/public/symbols";
  auto reply = emulator_->Handle(request);
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find(R"("msg":"success")"), std::string::npos);
  EXPECT_NE(reply.body.find(R"("data":[])"), std::string::npos);
  request.target = "/api/v2/mix/market/contracts?productType=COIN-FUTURES";
  reply = emulator_->Handle(request);
  EXPECT_NE(reply.body.find(R"("data":[])"), std::string::npos) << reply.body;
  reply = emulator_->Handle(Signed("GET", "/api/v3/account/settings", ""));
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(reply.body.find(R"("code":"40084")"), std::string::npos) << reply.body;
}

}  // namespace
}  // namespace bgt::emulator
