// Private-channel parsers (account, positions, orders, fill) on the recorded frames of
// tests/fixtures/bitget/ws/, hostile frames, and round trips through the emulator's encoders
// (encode_ws.h).
#include <gtest/gtest.h>

#include <string>

#include "bitget/encode_ws.h"
#include "bitget/parse_test_util.h"
#include "bitget/parse_ws.h"

namespace bgt::bitget {
namespace {

using testing::D;
using testing::ReadFixture;

std::string Fixture(std::string_view name) { return ReadFixture("ws/" + std::string(name)); }
constexpr core::Timestamp kT0 = core::Timestamp::FromMillis(1'700'000'000'000);
constexpr core::Timestamp kT1 = core::Timestamp::FromMillis(1'700'000'000'250);

std::string Push(std::string_view channel, std::string_view data) {
  return R"({"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":")" +
         std::string(channel) + R"(","instId":"default"},"data":)" + std::string(data) +
         R"(,"ts":1700000000300})";
}

TEST(ParseWsAccountTest, RecordedAccount) {
  WsPush<WsAccountRow> push;
  ASSERT_TRUE(ParseWsAccount(Fixture("account.json"), push).ok());
  EXPECT_EQ(push.header.arg.coin, "default");
  ASSERT_EQ(push.rows.size(), 1u);
  const WsAccountRow& a = push.rows[0];
  EXPECT_EQ(a.margin_coin, "USDT");
  EXPECT_EQ(a.frozen, D("5.365815"));
  EXPECT_EQ(a.available, D("26.14309528"));
  EXPECT_EQ(a.equity, D("26.14309528"));
  EXPECT_EQ(a.usdt_equity, D("26.143095285166"));
  EXPECT_EQ(a.max_open_pos_available, D("20.77728028"));
  EXPECT_EQ(a.unrealized_pl, D("0"));
  EXPECT_EQ(a.assets_mode, "single");
}

TEST(ParseWsPositionsTest, RecordedPositionsAndEmptySnapshot) {
  WsPush<WsPositionRow> push;
  ASSERT_TRUE(ParseWsPositions(Fixture("positions.json"), push).ok());
  ASSERT_EQ(push.rows.size(), 1u);
  const WsPositionRow& p = push.rows[0];
  EXPECT_EQ(p.pos_id, "1");
  EXPECT_EQ(p.symbol, "BTCUSDT");
  EXPECT_EQ(p.margin_mode, model::MarginMode::kCrossed);
  EXPECT_EQ(p.hold_side, model::PositionSide::kLong);
  EXPECT_EQ(p.pos_mode, model::PositionMode::kHedge);
  EXPECT_EQ(p.total, D("0.001"));
  EXPECT_EQ(p.open_price_avg, D("43849"));
  EXPECT_EQ(p.leverage, D("20"));  // a JSON number
  EXPECT_EQ(p.unrealized_pl, D("-0.0032"));
  EXPECT_EQ(p.liquidation_price, D("17629.684814834"));
  EXPECT_FALSE(p.total_fee.has_value());  // ""
  EXPECT_EQ(p.c_time, core::Timestamp::FromMillis(1701913986669));
  ASSERT_TRUE(ParseWsPositions(Fixture("positions_empty.json"), push).ok());
  EXPECT_TRUE(push.rows.empty());  // flat account: every position closed
}

TEST(ParseWsOrdersTest, RecordedFilledAndLiveOrders) {
  WsPush<WsOrderRow> push;
  ASSERT_TRUE(ParseWsOrders(Fixture("orders_fill.json"), push).ok());
  ASSERT_EQ(push.rows.size(), 1u);
  const WsOrderRow& o = push.rows[0];
  EXPECT_EQ(o.symbol, "BTCUSDT");
  EXPECT_EQ(o.order_id, "1111468253043621890");
  EXPECT_EQ(o.client_oid, "bgt-1");
  EXPECT_EQ(o.order_type, model::OrderType::kMarket);
  EXPECT_EQ(o.status, "filled");
  EXPECT_EQ(o.acc_base_volume, D("0.01"));
  EXPECT_EQ(o.price_avg, D("27000.5"));
  EXPECT_EQ(o.trade_id, "1111468253043621891");
  EXPECT_EQ(o.fill_price, D("27000.5"));
  EXPECT_EQ(o.base_volume, D("0.01"));
  EXPECT_EQ(o.fill_fee, D("-0.162003"));
  EXPECT_EQ(o.trade_scope, model::LiquiditySide::kTaker);
  EXPECT_EQ(o.pos_side, model::PositionSide::kLong);
  EXPECT_EQ(o.pos_mode, model::PositionMode::kHedge);
  EXPECT_EQ(o.trade_side, "open");
  ASSERT_EQ(o.fee_detail.size(), 1u);
  EXPECT_EQ(o.fee_detail[0].fee, D("-0.162003"));
  EXPECT_FALSE(o.reduce_only);

  ASSERT_TRUE(ParseWsOrders(Fixture("orders_live.json"), push).ok());
  ASSERT_EQ(push.rows.size(), 1u);
  const WsOrderRow& l = push.rows[0];
  EXPECT_EQ(l.status, "live");
  EXPECT_EQ(l.price, D("1500.5"));
  EXPECT_FALSE(l.price_avg.has_value());
  EXPECT_TRUE(l.reduce_only);
  EXPECT_EQ(l.force, model::TimeInForce::kPostOnly);
  EXPECT_EQ(l.side, model::OrderSide::kSell);
  EXPECT_TRUE(l.trade_id.empty());  // reset: not left from the previous push
  EXPECT_FALSE(l.fill_price.has_value());
  EXPECT_TRUE(l.fee_detail.empty());
}

TEST(ParseWsFillsTest, RecordedFill) {
  WsPush<WsFillRow> push;
  ASSERT_TRUE(ParseWsFills(Fixture("fill.json"), push).ok());
  ASSERT_EQ(push.rows.size(), 1u);
  const WsFillRow& f = push.rows[0];
  EXPECT_EQ(f.order_id, "1111468253043621890");
  EXPECT_EQ(f.trade_id, "1111468253043621891");
  EXPECT_EQ(f.symbol, "BTCUSDT");
  EXPECT_EQ(f.side, model::OrderSide::kBuy);
  EXPECT_EQ(f.price, D("27000.5"));
  EXPECT_EQ(f.base_volume, D("0.01"));
  EXPECT_EQ(f.trade_scope, model::LiquiditySide::kTaker);
  ASSERT_EQ(f.fee_detail.size(), 1u);
  EXPECT_EQ(f.fee_detail[0].fee, D("-0.162003"));
  EXPECT_EQ(f.fee_detail[0].deduction, false);
}

TEST(ParseWsPrivateTest, RejectsHostileRows) {
  WsPush<WsOrderRow> orders;
  WsPush<WsFillRow> fills;
  WsPush<WsPositionRow> positions;
  WsPush<WsAccountRow> account;
  // Missing required field.
  EXPECT_FALSE(ParseWsOrders(Push("orders", R"([{"instId":"X","orderId":"1"}])"), orders).ok());
  // Wrong channel for the parser.
  EXPECT_FALSE(ParseWsFills(Fixture("orders_fill.json"), fills).ok());
  // Unknown enum value.
  const auto bad_side = ParseWsFills(
      Push(
          "fill",
          R"([{"orderId":"1","tradeId":"2","symbol":"X","side":"up","price":"1","baseVolume":"1","cTime":"1"}])"),
      fills);
  ASSERT_FALSE(bad_side.ok());
  EXPECT_NE(bad_side.error().message.find("data[0].side"), std::string::npos)
      << bad_side.error().message;
  // An id that is a fraction, a fee list that is an object.
  EXPECT_FALSE(
      ParseWsFills(
          Push(
              "fill",
              R"([{"orderId":1.5,"tradeId":"2","symbol":"X","side":"buy","price":"1","baseVolume":"1","cTime":"1"}])"),
          fills)
          .ok());
  EXPECT_FALSE(
      ParseWsFills(
          Push(
              "fill",
              R"([{"orderId":"1","tradeId":"2","symbol":"X","side":"buy","price":"1","baseVolume":"1","cTime":"1","feeDetail":{}}])"),
          fills)
          .ok());
  EXPECT_FALSE(
      ParseWsPositions(Push("positions", R"([{"instId":"X","holdSide":"sideways"}])"), positions)
          .ok());
  EXPECT_FALSE(ParseWsAccount(Push("account", R"([{"marginCoin":"USDT"}])"), account).ok());
  EXPECT_FALSE(ParseWsAccount(Push("account", "[[]]"), account).ok());
}

TEST(ParseWsPrivateTest, RoundTripsTheEmulatorEncoders) {
  OrderInfo order;
  order.symbol = "BTCUSDT";
  order.size = D("0.01");
  order.order_id = "1001";
  order.client_oid = "cli-1";
  order.price = D("50000.5");
  order.status = OrderState::kPartiallyFilled;
  order.side = model::OrderSide::kBuy;
  order.force = model::TimeInForce::kGtc;
  order.margin_coin = "USDT";
  order.leverage = D("10");
  order.margin_mode = model::MarginMode::kCrossed;
  order.trade_side = "buy_single";
  order.pos_mode = model::PositionMode::kOneWay;
  order.order_type = model::OrderType::kLimit;
  order.base_volume = D("0.004");
  order.c_time = kT0;
  order.u_time = kT1;
  FillInfo fill;
  fill.trade_id = "77";
  fill.symbol = "BTCUSDT";
  fill.order_id = "1001";
  fill.price = D("50000.5");
  fill.base_volume = D("0.004");
  fill.quote_volume = D("200.002");
  fill.side = model::OrderSide::kBuy;
  fill.trade_side = "buy_single";
  fill.pos_mode = model::PositionMode::kOneWay;
  fill.trade_scope = model::LiquiditySide::kMaker;
  fill.fee_detail.push_back(FeeDetail{false, "USDT", D("0"), D("-0.0400004")});
  fill.margin_coin = "USDT";
  fill.c_time = kT1;

  WsPush<WsOrderRow> orders;
  ASSERT_TRUE(
      ParseWsOrders(Push("orders", EncodeWsOrders({WsOrderPush{order, fill}})), orders).ok());
  ASSERT_EQ(orders.rows.size(), 1u);
  const WsOrderRow& o = orders.rows[0];
  EXPECT_EQ(o.order_id, "1001");
  EXPECT_EQ(o.client_oid, "cli-1");
  EXPECT_EQ(o.price, D("50000.5"));
  EXPECT_EQ(o.size, D("0.01"));
  EXPECT_EQ(o.status, "partially_filled");
  EXPECT_EQ(o.acc_base_volume, D("0.004"));
  EXPECT_EQ(o.trade_id, "77");
  EXPECT_EQ(o.fill_price, D("50000.5"));
  EXPECT_EQ(o.base_volume, D("0.004"));
  EXPECT_EQ(o.fill_fee, D("-0.0400004"));
  EXPECT_EQ(o.trade_scope, model::LiquiditySide::kMaker);
  EXPECT_EQ(o.c_time, kT0);
  EXPECT_EQ(o.u_time, kT1);

  WsPush<WsFillRow> fills;
  ASSERT_TRUE(
      ParseWsFills(Push("fill", EncodeWsFills({WsFillPush{fill, model::OrderType::kLimit}})), fills)
          .ok());
  ASSERT_EQ(fills.rows.size(), 1u);
  EXPECT_EQ(fills.rows[0].trade_id, "77");
  EXPECT_EQ(fills.rows[0].price, D("50000.5"));
  EXPECT_EQ(fills.rows[0].base_volume, D("0.004"));
  EXPECT_EQ(fills.rows[0].trade_scope, model::LiquiditySide::kMaker);
  ASSERT_EQ(fills.rows[0].fee_detail.size(), 1u);
  EXPECT_EQ(fills.rows[0].fee_detail[0].fee, D("-0.0400004"));

  PositionInfo position;
  position.margin_coin = "USDT";
  position.symbol = "ETHUSDT";
  position.hold_side = model::PositionSide::kShort;
  position.total = D("2.5");
  position.available = D("2.5");
  position.leverage = D("5");
  position.open_price_avg = D("2000.1");
  position.margin_mode = model::MarginMode::kIsolated;
  position.pos_mode = model::PositionMode::kHedge;
  position.c_time = kT0;
  WsPush<WsPositionRow> positions;
  ASSERT_TRUE(
      ParseWsPositions(Push("positions", EncodeWsPositions({WsPositionPush{position, "pos-9"}})),
                       positions)
          .ok());
  ASSERT_EQ(positions.rows.size(), 1u);
  EXPECT_EQ(positions.rows[0].pos_id, "pos-9");
  EXPECT_EQ(positions.rows[0].symbol, "ETHUSDT");
  EXPECT_EQ(positions.rows[0].hold_side, model::PositionSide::kShort);
  EXPECT_EQ(positions.rows[0].total, D("2.5"));
  EXPECT_EQ(positions.rows[0].leverage, D("5"));
  EXPECT_EQ(positions.rows[0].margin_mode, model::MarginMode::kIsolated);

  AccountInfo info;
  info.margin_coin = "USDT";
  info.locked = D("12.5");
  info.available = D("987.5");
  info.account_equity = D("1000");
  info.unrealized_pl = D("-1.25");
  WsPush<WsAccountRow> account;
  ASSERT_TRUE(ParseWsAccount(Push("account", EncodeWsAccount({info})), account).ok());
  ASSERT_EQ(account.rows.size(), 1u);
  EXPECT_EQ(account.rows[0].frozen, D("12.5"));
  EXPECT_EQ(account.rows[0].available, D("987.5"));
  EXPECT_EQ(account.rows[0].equity, D("1000"));
  EXPECT_EQ(account.rows[0].unrealized_pl, D("-1.25"));
}

}  // namespace
}  // namespace bgt::bitget
