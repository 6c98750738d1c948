#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "bitget/credential.h"
#include "bitget/encode_requests.h"
#include "bitget/encode_test_util.h"
#include "core/secret.h"
#include "model/contract_rows_testdata.h"
#include "model/instrument.h"

namespace bgt::bitget {
namespace {

using core::Decimal;
using core::ErrorCode;
using core::Timestamp;
using model::OrderSide;
using model::OrderType;
using model::PositionMode;
using model::PositionSide;
using model::TimeInForce;

using test_util::BodyOf;
using test_util::D;
using test_util::ExpectInvalid;
using test_util::MustEncode;

EncodeContext WithInstrument(const model::Instrument& instrument) {
  EncodeContext context;
  context.instrument = &instrument;
  return context;
}

PlaceOrderRequest LimitBuy() {
  PlaceOrderRequest r;
  r.symbol = "BTCUSDT";
  r.size = D("0.001");
  r.price = D("25000");
  r.client_oid = "test-1";
  return r;
}

PlaceOrderRequest Hedge(OrderSide direction, PositionSide leg) {
  PlaceOrderRequest r = LimitBuy();
  r.order_type = OrderType::kMarket;
  r.price.reset();
  r.position_mode = PositionMode::kHedge;
  r.direction = direction;
  r.leg = leg;
  return r;
}

// ----------------------------------------------------------------------------- place-order

TEST(EncodePlaceOrderTest, ReproducesTheDocumentedBodyAndSignature) {
  // bitget-api.md §4.2: the POST body byte for byte and its ACCESS-SIGN.
  const EncodedRequest r = MustEncode(LimitBuy());
  EXPECT_EQ(r.endpoint, Endpoint::kPlaceOrder);
  EXPECT_TRUE(r.query.empty());
  EXPECT_EQ(r.Target(), "/api/v2/mix/order/place-order");
  EXPECT_EQ(r.body, R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginMode":"crossed",)"
                    R"("marginCoin":"USDT","size":"0.001","price":"25000","side":"buy",)"
                    R"("orderType":"limit","force":"gtc","clientOid":"test-1"})");
  EXPECT_EQ(SignRest("1700000000000", "POST", "/api/v2/mix/order/place-order", "", r.body,
                     core::Secret("testsecret")),
            "7sTvcUHRW7edgaxfupun3UpmX8sZMBFTGKp/3AaucG4=");
}

TEST(EncodePlaceOrderTest, MarketOrderCarriesNoPrice) {
  PlaceOrderRequest r = LimitBuy();
  r.order_type = OrderType::kMarket;
  r.price.reset();
  r.direction = OrderSide::kSell;
  r.margin_mode = model::MarginMode::kIsolated;
  r.time_in_force = TimeInForce::kIoc;
  EXPECT_EQ(MustEncode(r).body,
            R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginMode":"isolated",)"
            R"("marginCoin":"USDT","size":"0.001","side":"sell","orderType":"market",)"
            R"("force":"ioc","clientOid":"test-1"})");
}

TEST(EncodePlaceOrderTest, TimeInForceSpellings) {
  PlaceOrderRequest r = LimitBuy();
  for (const auto& [tif, wire] :
       std::vector<std::pair<TimeInForce, std::string>>{{TimeInForce::kGtc, "gtc"},
                                                        {TimeInForce::kIoc, "ioc"},
                                                        {TimeInForce::kFok, "fok"},
                                                        {TimeInForce::kPostOnly, "post_only"}}) {
    r.time_in_force = tif;
    EXPECT_EQ(BodyOf(MustEncode(r)).at("force"), wire.c_str());
  }
}

TEST(EncodePlaceOrderTest, OneWayReduceOnlySendsYesAndNoTradeSide) {
  PlaceOrderRequest r = LimitBuy();
  r.direction = OrderSide::kSell;
  r.reduce_only = true;
  const boost::json::object body = BodyOf(MustEncode(r));
  EXPECT_EQ(body.at("side"), "sell");
  EXPECT_EQ(body.at("reduceOnly"), "YES");
  EXPECT_FALSE(body.contains("tradeSide"));  // tradeSide in one-way mode: 40774
  r.reduce_only = false;
  EXPECT_FALSE(BodyOf(MustEncode(r)).contains("reduceOnly"));
}

TEST(EncodePlaceOrderTest, HedgeModeSideIsTheLegAndTradeSideTheAction) {
  // bitget-api.md §5.1: close long = side buy + tradeSide close although it sells.
  struct Case {
    OrderSide direction;
    PositionSide leg;
    const char* side;
    const char* trade_side;
  };
  for (const Case& c : {Case{OrderSide::kBuy, PositionSide::kLong, "buy", "open"},
                        Case{OrderSide::kSell, PositionSide::kLong, "buy", "close"},
                        Case{OrderSide::kSell, PositionSide::kShort, "sell", "open"},
                        Case{OrderSide::kBuy, PositionSide::kShort, "sell", "close"}}) {
    SCOPED_TRACE(std::string(model::ToString(c.direction)) + " " +
                 std::string(model::ToString(c.leg)));
    const boost::json::object body = BodyOf(MustEncode(Hedge(c.direction, c.leg)));
    EXPECT_EQ(body.at("side"), c.side);
    EXPECT_EQ(body.at("tradeSide"), c.trade_side);
    EXPECT_FALSE(body.contains("reduceOnly"));
  }
}

TEST(EncodePlaceOrderTest, HedgeReduceOnlyMustClose) {
  PlaceOrderRequest close_long = Hedge(OrderSide::kSell, PositionSide::kLong);
  close_long.reduce_only = true;
  const boost::json::object body = BodyOf(MustEncode(close_long));
  EXPECT_EQ(body.at("tradeSide"), "close");
  EXPECT_FALSE(body.contains("reduceOnly"));  // reduceOnly is a one-way-mode parameter
  PlaceOrderRequest open_long = Hedge(OrderSide::kBuy, PositionSide::kLong);
  open_long.reduce_only = true;
  ExpectInvalid(open_long, "PlaceOrderRequest.reduce_only: ");
}

TEST(EncodePlaceOrderTest, LegMustMatchThePositionMode) {
  ExpectInvalid(Hedge(OrderSide::kBuy, PositionSide::kNet), "PlaceOrderRequest.leg: ");
  PlaceOrderRequest one_way = LimitBuy();
  one_way.leg = PositionSide::kLong;
  ExpectInvalid(one_way, "PlaceOrderRequest.leg: one-way orders act on the net position");
}

TEST(EncodePlaceOrderTest, PresetTakeProfitStopLossAndStp) {
  PlaceOrderRequest r = LimitBuy();
  r.take_profit_trigger_price = D("27000");
  r.take_profit_execute_price = D("26900");
  r.stop_loss_trigger_price = D("24000");
  r.stop_loss_execute_price = D("23900.5");
  r.stp_mode = StpMode::kCancelTaker;
  EXPECT_EQ(MustEncode(r).body,
            R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginMode":"crossed",)"
            R"("marginCoin":"USDT","size":"0.001","price":"25000","side":"buy",)"
            R"("orderType":"limit","force":"gtc","clientOid":"test-1",)"
            R"("presetStopSurplusPrice":"27000","presetStopSurplusExecutePrice":"26900",)"
            R"("presetStopLossPrice":"24000","presetStopLossExecutePrice":"23900.5",)"
            R"("stpMode":"cancel_taker"})");
}

TEST(EncodePlaceOrderTest, FieldErrors) {
  PlaceOrderRequest r = LimitBuy();
  r.price.reset();
  ExpectInvalid(r, "PlaceOrderRequest.price: required for a limit order");
  r = LimitBuy();
  r.order_type = OrderType::kMarket;
  ExpectInvalid(r, "PlaceOrderRequest.price: a market order carries no price");
  r.price.reset();
  r.time_in_force = TimeInForce::kPostOnly;
  ExpectInvalid(r, "PlaceOrderRequest.time_in_force: post_only needs a limit order");
  r = LimitBuy();
  r.size = D("0");
  ExpectInvalid(r, "PlaceOrderRequest.size: must be > 0");
  r = LimitBuy();
  r.price = D("-1");
  ExpectInvalid(r, "PlaceOrderRequest.price: must be > 0");
  r = LimitBuy();
  r.symbol.clear();
  ExpectInvalid(r, "PlaceOrderRequest.symbol: required");
  r = LimitBuy();
  r.margin_coin = "usdt";
  ExpectInvalid(r, "PlaceOrderRequest.margin_coin: ");
  r = LimitBuy();
  r.take_profit_execute_price = D("26900");
  ExpectInvalid(r, "PlaceOrderRequest.take_profit_execute_price: needs take_profit_trigger_price");
  r = LimitBuy();
  r.stop_loss_execute_price = D("1");
  ExpectInvalid(r, "PlaceOrderRequest.stop_loss_execute_price: needs stop_loss_trigger_price");
  r = LimitBuy();
  r.stop_loss_trigger_price = D("0");
  ExpectInvalid(r, "PlaceOrderRequest.stop_loss_trigger_price: must be > 0");
}

TEST(EncodePlaceOrderTest, ClientOidRules) {
  PlaceOrderRequest r = LimitBuy();
  r.client_oid.clear();
  ExpectInvalid(r, "PlaceOrderRequest.client_oid: required");
  r.client_oid = std::string(51, 'a');
  ExpectInvalid(r, "PlaceOrderRequest.client_oid: ");
  r.client_oid = std::string(50, 'a');
  EXPECT_TRUE(Encode(r, {}).has_value());
  r.client_oid = "Az09_:#+-.";
  EXPECT_EQ(BodyOf(MustEncode(r)).at("clientOid"), "Az09_:#+-.");
  for (const char* bad : {"has space", "quote\"", "slash/", "pct%", "amp&", "caf\xc3\xa9", "a\n"}) {
    r.client_oid = bad;
    ExpectInvalid(r, "PlaceOrderRequest.client_oid: ");
  }
}

TEST(EncodePlaceOrderTest, InstrumentFormatsToItsPlacesAndRefusesOffGrid) {
  const model::Instrument btc = model::testdata::MustBuild(model::testdata::BtcUsdtRow());
  const EncodeContext context = WithInstrument(btc);
  PlaceOrderRequest r = LimitBuy();
  r.take_profit_trigger_price = D("27000");
  boost::json::object body = BodyOf(MustEncode(r, context));
  EXPECT_EQ(body.at("price"), "25000.0");  // pricePlace 1
  EXPECT_EQ(body.at("size"), "0.0010");    // volumePlace 4
  EXPECT_EQ(body.at("presetStopSurplusPrice"), "27000.0");
  r.price = D("25000.05");
  ExpectInvalid(r, "PlaceOrderRequest.price: 25000.05 is not a multiple of the tick 0.1", context);
  r.price = D("25000");
  r.size = D("0.00015");
  ExpectInvalid(r, "PlaceOrderRequest.size: ", context);
  r.size = D("0.001");
  r.take_profit_trigger_price = D("27000.01");
  ExpectInvalid(r, "PlaceOrderRequest.take_profit_trigger_price: ", context);
  r.take_profit_trigger_price.reset();
  r.symbol = "ETHUSDT";
  ExpectInvalid(r, "PlaceOrderRequest.symbol: \"ETHUSDT\" differs", context);

  const model::Instrument half = model::testdata::MustBuild(model::testdata::HalfTickRow());
  r = LimitBuy();
  r.price = D("25000.3");
  ExpectInvalid(r, "PlaceOrderRequest.price: ", WithInstrument(half));
  r.price = D("25000.5");
  EXPECT_EQ(BodyOf(MustEncode(r, WithInstrument(half))).at("price"), "25000.5");
}

// Any valid order encodes to a JSON object of strings whose side/tradeSide decode back to the
// intent, and whose values are the request's.
RC_GTEST_PROP(EncodePlaceOrderProperty, HedgeWireRoundTripsAndValuesAreStrings, ()) {
  PlaceOrderRequest r = LimitBuy();
  r.direction = *rc::gen::element(OrderSide::kBuy, OrderSide::kSell);
  r.position_mode = *rc::gen::element(PositionMode::kOneWay, PositionMode::kHedge);
  r.leg = r.position_mode == PositionMode::kOneWay
              ? PositionSide::kNet
              : *rc::gen::element(PositionSide::kLong, PositionSide::kShort);
  r.size = Decimal::FromParts(*rc::gen::inRange<std::int64_t>(1, 1'000'000'000), 4).value();
  r.price = Decimal::FromParts(*rc::gen::inRange<std::int64_t>(1, 1'000'000'000), 2).value();
  const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_:#+-.";
  r.client_oid = *rc::gen::container<std::string>(*rc::gen::inRange<std::size_t>(1, 51),
                                                  rc::gen::elementOf(alphabet));
  const auto encoded = Encode(r, {});
  RC_ASSERT(encoded.has_value());
  const boost::json::object body = boost::json::parse(encoded->body).as_object();
  for (const auto& field : body) RC_ASSERT(field.value().is_string());
  RC_ASSERT(body.at("clientOid") == r.client_oid.c_str());
  RC_ASSERT(Decimal::Parse(body.at("size").as_string()).value() == r.size);
  RC_ASSERT(Decimal::Parse(body.at("price").as_string()).value() == *r.price);
  const OrderSide side = model::ParseOrderSide(body.at("side").as_string()).value();
  if (r.position_mode == PositionMode::kOneWay) {
    RC_ASSERT(side == r.direction);
    RC_ASSERT(!body.contains("tradeSide"));
  } else {
    const auto trade_side = model::ParseTradeSide(body.at("tradeSide").as_string()).value();
    const model::HedgeIntent intent = model::FromHedgeWire({side, trade_side});
    RC_ASSERT(intent.direction == r.direction);
    RC_ASSERT(intent.leg == r.leg);
  }
}

// ----------------------------------------------------------------------------- cancel / close

TEST(EncodeCancelTest, CancelOrderByIdOrClientOid) {
  EXPECT_EQ(MustEncode(CancelOrderRequest{"BTCUSDT", "1112196299005526018", ""}).body,
            R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","orderId":"1112196299005526018"})");
  EXPECT_EQ(MustEncode(CancelOrderRequest{"BTCUSDT", "", "abc321"}).body,
            R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","clientOid":"abc321"})");
  EXPECT_EQ(BodyOf(MustEncode(CancelOrderRequest{"BTCUSDT", "1", "c"})).size(), 4u);
  ExpectInvalid(CancelOrderRequest{"BTCUSDT", "", ""},
                "CancelOrderRequest.order_id: order_id or client_oid required");
  ExpectInvalid(CancelOrderRequest{"", "1", ""}, "CancelOrderRequest.symbol: required");
  ExpectInvalid(CancelOrderRequest{"BTCUSDT", "1 2", ""}, "CancelOrderRequest.order_id: ");
  ExpectInvalid(CancelOrderRequest{"BTCUSDT", std::string(65, '1'), ""},
                "CancelOrderRequest.order_id: ");
  ExpectInvalid(CancelOrderRequest{"BTCUSDT", "", std::string(51, 'c')},
                "CancelOrderRequest.client_oid: ");
}

TEST(EncodeCancelTest, CancelAllOrders) {
  EXPECT_EQ(MustEncode(CancelAllOrdersRequest{}).body,
            R"({"productType":"USDT-FUTURES","marginCoin":"USDT"})");
  EXPECT_EQ(MustEncode(CancelAllOrdersRequest{"ETHUSDT", ""}).body,
            R"({"productType":"USDT-FUTURES","symbol":"ETHUSDT","marginCoin":"USDT"})");
  ExpectInvalid(CancelAllOrdersRequest{"ETH/USDT", ""}, "CancelAllOrdersRequest.symbol: ");
}

TEST(EncodeCancelTest, BatchCancel) {
  EXPECT_EQ(MustEncode(BatchCancelRequest{"BTCUSDT", {}}).body,
            R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES"})");
  EXPECT_EQ(MustEncode(BatchCancelRequest{"BTCUSDT", {{"1", ""}, {"", "c-2"}}}).body,
            R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES",)"
            R"("orderIdList":[{"orderId":"1"},{"clientOid":"c-2"}]})");
  BatchCancelRequest full{"BTCUSDT", std::vector<OrderRef>(50, OrderRef{"7", ""})};
  EXPECT_EQ(BodyOf(MustEncode(full)).at("orderIdList").as_array().size(), 50u);
  full.orders.push_back({"8", ""});
  ExpectInvalid(full, "BatchCancelRequest.orders: 51 orders, at most 50");
  ExpectInvalid(BatchCancelRequest{"BTCUSDT", {{"1", ""}, {"", ""}}},
                "BatchCancelRequest.orders[1]: needs an order_id or a client_oid");
  ExpectInvalid(BatchCancelRequest{"BTCUSDT", {{"1", "bad oid"}}},
                "BatchCancelRequest.orders[0].client_oid: ");
  ExpectInvalid(BatchCancelRequest{"", {}}, "BatchCancelRequest.symbol: required");
}

TEST(EncodeCancelTest, ClosePositions) {
  EXPECT_EQ(MustEncode(ClosePositionsRequest{}).body, R"({"productType":"USDT-FUTURES"})");
  EXPECT_EQ(MustEncode(ClosePositionsRequest{"BTCUSDT", PositionSide::kLong}).body,
            R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","holdSide":"long"})");
  ExpectInvalid(ClosePositionsRequest{"BTCUSDT", PositionSide::kNet},
                "ClosePositionsRequest.hold_side: must be long or short");
}

// ----------------------------------------------------------------------------- order queries

TEST(EncodeOrderQueryTest, OrderDetail) {
  EXPECT_EQ(MustEncode(OrderDetailQuery{"BTCUSDT", "123", ""}).Target(),
            "/api/v2/mix/order/detail?orderId=123&productType=USDT-FUTURES&symbol=BTCUSDT");
  EXPECT_EQ(MustEncode(OrderDetailQuery{"BTCUSDT", "", "bgt-1"}).Target(),
            "/api/v2/mix/order/detail?clientOid=bgt-1&productType=USDT-FUTURES&symbol=BTCUSDT");
  ExpectInvalid(OrderDetailQuery{"BTCUSDT", "", ""}, "OrderDetailQuery.order_id: ");
  ExpectInvalid(OrderDetailQuery{"", "1", ""}, "OrderDetailQuery.symbol: required");
}

TEST(EncodeOrderQueryTest, PendingHistoryAndFills) {
  OrdersPendingQuery pending;
  pending.symbol = "SOLUSDT";
  pending.status = PendingStatus::kLive;
  pending.id_less_than = "1120923953904893955";
  pending.start = Timestamp::FromMillis(1782900000000);
  pending.end = Timestamp::FromMillis(1782983995399);
  pending.limit = 100;
  EXPECT_EQ(MustEncode(pending).Target(),
            "/api/v2/mix/order/orders-pending?endTime=1782983995399&"
            "idLessThan=1120923953904893955&limit=100&productType=USDT-FUTURES&"
            "startTime=1782900000000&status=live&symbol=SOLUSDT");
  EXPECT_EQ(MustEncode(OrdersPendingQuery{}).Target(),
            "/api/v2/mix/order/orders-pending?productType=USDT-FUTURES");
  OrdersHistoryQuery history;
  history.order_id = "42";
  history.limit = 1;
  EXPECT_EQ(MustEncode(history).Target(),
            "/api/v2/mix/order/orders-history?limit=1&orderId=42&productType=USDT-FUTURES");
  FillsQuery fills;
  fills.symbol = "XRPUSDT";
  fills.order_id = "1120923953904893955";
  EXPECT_EQ(MustEncode(fills).Target(),
            "/api/v2/mix/order/fills?orderId=1120923953904893955&productType=USDT-FUTURES&"
            "symbol=XRPUSDT");
}

TEST(EncodeOrderQueryTest, ListErrors) {
  OrdersPendingQuery pending;
  pending.limit = 101;
  ExpectInvalid(pending, "OrdersPendingQuery.limit: 101 is outside 1..100");
  pending.limit = 0;
  ExpectInvalid(pending, "OrdersPendingQuery.limit: ");
  pending.limit.reset();
  pending.id_less_than = "1;2";
  ExpectInvalid(pending, "OrdersPendingQuery.id_less_than: ");
  OrdersHistoryQuery history;
  history.start = Timestamp::FromMillis(2);
  history.end = Timestamp::FromMillis(1);
  ExpectInvalid(history, "OrdersHistoryQuery.start: ");
  FillsQuery fills;
  fills.order_id = "x y";
  ExpectInvalid(fills, "FillsQuery.order_id: ");
  fills.order_id.clear();
  fills.symbol = "xrpusdt";
  ExpectInvalid(fills, "FillsQuery.symbol: ");
}

// ----------------------------------------------------------------------------- plan / TP-SL

PlaceTpslRequest StopLossOnLong() {
  PlaceTpslRequest r;
  r.symbol = "BTCUSDT";
  r.plan_type = PlanType::kPosLoss;
  r.trigger_price = D("58000");
  r.trigger_type = TriggerType::kMarkPrice;
  r.position = PositionSide::kLong;
  return r;
}

TEST(EncodeTpslTest, WholePositionStopLossOneWayHoldSideIsBuy) {
  EXPECT_EQ(MustEncode(StopLossOnLong()).body,
            R"({"marginCoin":"USDT","productType":"USDT-FUTURES","symbol":"BTCUSDT",)"
            R"("planType":"pos_loss","triggerPrice":"58000","triggerType":"mark_price",)"
            R"("holdSide":"buy"})");
  PlaceTpslRequest r = StopLossOnLong();
  r.position = PositionSide::kShort;
  EXPECT_EQ(BodyOf(MustEncode(r)).at("holdSide"), "sell");
  r.position_mode = PositionMode::kHedge;
  EXPECT_EQ(BodyOf(MustEncode(r)).at("holdSide"), "short");
  r.position = PositionSide::kLong;
  EXPECT_EQ(BodyOf(MustEncode(r)).at("holdSide"), "long");
}

TEST(EncodeTpslTest, PartialAndTrailing) {
  PlaceTpslRequest r = StopLossOnLong();
  r.plan_type = PlanType::kProfitPlan;
  r.trigger_price = D("70000");
  r.trigger_type = TriggerType::kFillPrice;
  r.execute_price = D("69900");
  r.size = D("0.01");
  r.client_oid = "tp-1";
  r.stp_mode = StpMode::kNone;
  EXPECT_EQ(MustEncode(r).body,
            R"({"marginCoin":"USDT","productType":"USDT-FUTURES","symbol":"BTCUSDT",)"
            R"("planType":"profit_plan","triggerPrice":"70000","triggerType":"fill_price",)"
            R"("executePrice":"69900","holdSide":"buy","size":"0.01","clientOid":"tp-1",)"
            R"("stpMode":"none"})");
  PlaceTpslRequest moving = StopLossOnLong();
  moving.plan_type = PlanType::kMovingPlan;
  moving.size = D("0.02");
  moving.range_rate = D("0.5");
  moving.trigger_type.reset();
  EXPECT_EQ(MustEncode(moving).body,
            R"({"marginCoin":"USDT","productType":"USDT-FUTURES","symbol":"BTCUSDT",)"
            R"("planType":"moving_plan","triggerPrice":"58000","holdSide":"buy","size":"0.02",)"
            R"("rangeRate":"0.5"})");
}

TEST(EncodeTpslTest, FieldErrors) {
  PlaceTpslRequest r = StopLossOnLong();
  r.plan_type = PlanType::kNormalPlan;
  ExpectInvalid(r, "PlaceTpslRequest.plan_type: normal_plan is not a TP/SL plan");
  r.plan_type = PlanType::kProfitLoss;
  ExpectInvalid(r, "PlaceTpslRequest.plan_type: ");
  r = StopLossOnLong();
  r.size = D("1");
  ExpectInvalid(r, "PlaceTpslRequest.size: pos_loss closes the whole position");
  r = StopLossOnLong();
  r.plan_type = PlanType::kLossPlan;
  ExpectInvalid(r, "PlaceTpslRequest.size: required for loss_plan");
  r.size = D("0");
  ExpectInvalid(r, "PlaceTpslRequest.size: must be > 0");
  r = StopLossOnLong();
  r.plan_type = PlanType::kMovingPlan;
  r.size = D("1");
  ExpectInvalid(r, "PlaceTpslRequest.range_rate: required for moving_plan");
  r.range_rate = D("0");
  ExpectInvalid(r, "PlaceTpslRequest.range_rate: must be > 0");
  r.range_rate = D("1");
  r.execute_price = D("57000");
  ExpectInvalid(r, "PlaceTpslRequest.execute_price: moving_plan executes at market");
  r = StopLossOnLong();
  r.range_rate = D("1");
  ExpectInvalid(r, "PlaceTpslRequest.range_rate: only moving_plan takes one");
  r = StopLossOnLong();
  r.position = PositionSide::kNet;
  ExpectInvalid(r, "PlaceTpslRequest.position: ");
  r = StopLossOnLong();
  r.trigger_price = D("0");
  ExpectInvalid(r, "PlaceTpslRequest.trigger_price: must be > 0");
  r = StopLossOnLong();
  r.execute_price = D("-3");
  ExpectInvalid(r, "PlaceTpslRequest.execute_price: must be > 0");
  r = StopLossOnLong();
  r.client_oid = std::string(51, 'x');
  ExpectInvalid(r, "PlaceTpslRequest.client_oid: ");
  r = StopLossOnLong();
  r.symbol.clear();
  ExpectInvalid(r, "PlaceTpslRequest.symbol: required");
  const model::Instrument btc = model::testdata::MustBuild(model::testdata::BtcUsdtRow());
  r = StopLossOnLong();
  r.trigger_price = D("58000.05");
  ExpectInvalid(r, "PlaceTpslRequest.trigger_price: ", WithInstrument(btc));
  r.trigger_price = D("58000");
  EXPECT_EQ(BodyOf(MustEncode(r, WithInstrument(btc))).at("triggerPrice"), "58000.0");
}

TEST(EncodeTpslTest, PlanOrdersPending) {
  EXPECT_EQ(MustEncode(PlanOrdersPendingQuery{}).Target(),
            "/api/v2/mix/order/orders-plan-pending?planType=normal_plan&productType=USDT-FUTURES");
  EXPECT_EQ(MustEncode(PlanOrdersPendingQuery{PlanType::kProfitLoss, "BTCUSDT"}).Target(),
            "/api/v2/mix/order/orders-plan-pending?planType=profit_loss&"
            "productType=USDT-FUTURES&symbol=BTCUSDT");
  EXPECT_TRUE(Encode(PlanOrdersPendingQuery{PlanType::kTrackPlan, ""}, {}).has_value());
  ExpectInvalid(PlanOrdersPendingQuery{PlanType::kPosLoss, ""},
                "PlanOrdersPendingQuery.plan_type: pos_loss cannot be queried");
  ExpectInvalid(PlanOrdersPendingQuery{PlanType::kNormalPlan, "b"},
                "PlanOrdersPendingQuery.symbol: ");
}

TEST(EncodeTpslTest, CancelPlanOrder) {
  EXPECT_EQ(
      MustEncode(CancelPlanOrderRequest{"BTCUSDT", {{"55", ""}}, {}}).body,
      R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","orderIdList":[{"orderId":"55"}]})");
  EXPECT_EQ(MustEncode(CancelPlanOrderRequest{"BTCUSDT", {{"", "c1"}}, PlanType::kPosLoss}).body,
            R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES",)"
            R"("orderIdList":[{"clientOid":"c1"}],"planType":"pos_loss"})");
  EXPECT_EQ(MustEncode(CancelPlanOrderRequest{"", {}, PlanType::kProfitPlan}).body,
            R"({"productType":"USDT-FUTURES","planType":"profit_plan"})");
  ExpectInvalid(CancelPlanOrderRequest{"", {{"55", ""}}, {}},
                "CancelPlanOrderRequest.symbol: required when orders are listed");
  ExpectInvalid(CancelPlanOrderRequest{"BTCUSDT", {{"", ""}}, {}},
                "CancelPlanOrderRequest.orders[0]: ");
  ExpectInvalid(CancelPlanOrderRequest{"BTCUSDT", {}, PlanType::kProfitLoss},
                "CancelPlanOrderRequest.plan_type: ");
}

}  // namespace
}  // namespace bgt::bitget
