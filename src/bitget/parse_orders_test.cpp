// Order detail / list and fill parsers on the recorded payloads of tests/fixtures/bitget/, and
// the hedge-mode side conversions of responses.h.
#include <gtest/gtest.h>

#include <string>

#include "bitget/parse_responses.h"
#include "bitget/parse_test_util.h"

namespace bgt::bitget {
namespace {

using model::OrderSide;
using model::PositionMode;
using model::PositionSide;
using testing::D;
using testing::Envelope;
using testing::ExpectInvalid;
using testing::Ms;
using testing::ReadFixture;

TEST(ParseOrdersTest, OrderDetailFixture) {
  auto order = ParseOrderDetail(ReadFixture("order_detail.json"), 200);
  ASSERT_TRUE(order.has_value()) << order.error().ToString();
  const OrderInfo& o = *order;
  EXPECT_EQ(o.symbol, "BTCUSDT");
  EXPECT_EQ(o.size, D("0.001"));
  EXPECT_EQ(o.order_id, "1111465253393825792");
  EXPECT_EQ(o.client_oid, "1111465253431574529");
  EXPECT_EQ(o.base_volume, D("0"));
  EXPECT_EQ(o.fee, D("0"));
  EXPECT_EQ(o.price, D("27000"));
  EXPECT_FALSE(o.price_avg.has_value());
  EXPECT_EQ(o.status, OrderState::kLive);
  EXPECT_EQ(o.side, OrderSide::kBuy);
  EXPECT_EQ(o.force, model::TimeInForce::kGtc);
  EXPECT_EQ(o.total_profits, D("0"));
  EXPECT_EQ(o.pos_side, PositionSide::kLong);
  EXPECT_EQ(o.margin_coin, "USDT");
  EXPECT_FALSE(o.preset_stop_surplus_price.has_value());
  EXPECT_FALSE(o.preset_stop_loss_price.has_value());
  EXPECT_EQ(o.quote_volume, D("0"));
  EXPECT_EQ(o.order_type, model::OrderType::kLimit);
  EXPECT_EQ(o.leverage, D("20"));
  EXPECT_EQ(o.margin_mode, model::MarginMode::kCrossed);
  EXPECT_FALSE(o.reduce_only);
  EXPECT_EQ(o.enter_point_source, "API");
  EXPECT_EQ(o.trade_side, "open");
  EXPECT_EQ(o.pos_mode, PositionMode::kHedge);
  EXPECT_EQ(o.order_source, "normal");
  EXPECT_EQ(o.c_time, Ms(1700719887120));
  EXPECT_EQ(o.u_time, Ms(1700719887120));
  EXPECT_EQ(o.cancel_reason, "");
}

TEST(ParseOrdersTest, DetailOnlyFields) {
  auto order = ParseOrderDetail(
      Envelope(
          R"({"symbol":"BTCUSDT","size":"0.01","orderId":"1","clientOid":"c","baseVolume":"0.004",)"
          R"("state":"canceled","side":"sell","orderType":"market","cTime":"1700719887120",)"
          R"("priceAvg":"27000.123456789012345678","presetStopSurplusPrice":"30000",)"
          R"("presetStopSurplusExecutePrice":"29990","presetStopSurplusType":"mark_price",)"
          R"("presetStopLossPrice":"25000","presetStopLossType":"fill_price",)"
          R"("cancelReason":"normal_cancel","newTradeSide":"close","reduceOnly":"yes"})"),
      200);
  ASSERT_TRUE(order.has_value()) << order.error().ToString();
  EXPECT_EQ(order->status, OrderState::kCanceled);
  EXPECT_EQ(order->base_volume, D("0.004"));
  EXPECT_EQ(order->price_avg->ToString(), "27000.1234567890123");  // (≈) rounded to fit
  EXPECT_EQ(order->preset_stop_surplus_price, D("30000"));
  EXPECT_EQ(order->preset_stop_surplus_execute_price, D("29990"));
  EXPECT_EQ(order->preset_stop_surplus_trigger_type, TriggerType::kMarkPrice);
  EXPECT_EQ(order->preset_stop_loss_trigger_type, TriggerType::kFillPrice);
  EXPECT_EQ(order->cancel_reason, "normal_cancel");
  EXPECT_EQ(order->new_trade_side, "close");
  EXPECT_TRUE(order->reduce_only);
  EXPECT_FALSE(order->u_time.has_value());
}

TEST(ParseOrdersTest, OrderProblemsNameTheField) {
  const std::string base =
      R"("symbol":"BTCUSDT","size":"0.01","orderId":"1","baseVolume":"0","side":"buy",)"
      R"("orderType":"limit","cTime":"1")";
  ExpectInvalid(ParseOrderDetail(Envelope("{" + base + "}"), 200), "data.state is missing");
  ExpectInvalid(ParseOrderDetail(Envelope("{" + base + R"(,"state":"new"})"), 200),
                R"(data.state: unknown order state "new")");
  ExpectInvalid(ParseOrderDetail(Envelope("{" + base + R"(,"state":"live","side":"long"})"), 200),
                R"(data.side: unknown order side "long")");
  ExpectInvalid(ParseOrderDetail(Envelope("{" + base + R"(,"state":"live","reduceOnly":1})"), 200),
                R"(data.reduceOnly is a number, expected "YES" or "NO")");
  // An exact field with more digits than a Decimal holds is an error, not rounded.
  ExpectInvalid(ParseOrderDetail(Envelope(R"({"symbol":"BTCUSDT","size":"0.1234567890123456789",)"
                                          R"("orderId":"1","baseVolume":"0","side":"buy",)"
                                          R"("orderType":"limit","cTime":"1","state":"live"})"),
                                 200),
                "data.size is \"0.1234567890123456789\", not a decimal");
}

TEST(ParseOrdersTest, PendingOrdersFixture) {
  auto list = ParseOrderList(ReadFixture("orders_pending.json"), 200);
  ASSERT_TRUE(list.has_value()) << list.error().ToString();
  ASSERT_EQ(list->entrusted_list.size(), 2u);
  EXPECT_EQ(list->end_id, "1111465253393825800");
  const OrderInfo& live = list->entrusted_list[0];
  EXPECT_EQ(live.status, OrderState::kLive);
  EXPECT_FALSE(live.total_profits.has_value());  // "" while live
  const OrderInfo& partial = list->entrusted_list[1];
  EXPECT_EQ(partial.symbol, "ETHUSDT");
  EXPECT_EQ(partial.status, OrderState::kPartiallyFilled);
  EXPECT_EQ(partial.side, OrderSide::kSell);
  EXPECT_EQ(partial.force, model::TimeInForce::kPostOnly);
  EXPECT_EQ(partial.pos_side, PositionSide::kNet);
  EXPECT_EQ(partial.base_volume, D("0.2"));
  EXPECT_EQ(partial.fee, D("-0.0216"));
  EXPECT_EQ(partial.price_avg, D("1800"));
  EXPECT_EQ(partial.quote_volume, D("360"));
  EXPECT_EQ(partial.margin_mode, model::MarginMode::kIsolated);
  EXPECT_TRUE(partial.reduce_only);
  EXPECT_EQ(partial.trade_side, "sell_single");
  EXPECT_EQ(partial.pos_mode, PositionMode::kOneWay);
  EXPECT_EQ(partial.preset_stop_surplus_price, D("1700"));
  EXPECT_EQ(partial.preset_stop_loss_price, D("1900"));
  EXPECT_EQ(partial.u_time, Ms(1700719899000));
}

TEST(ParseOrdersTest, EmptyAndHistoryLists) {
  auto empty = ParseOrderList(Envelope(R"({"entrustedList":null,"endId":""})"), 200);
  ASSERT_TRUE(empty.has_value()) << empty.error().ToString();
  EXPECT_TRUE(empty->entrusted_list.empty());
  auto history = ParseOrderList(
      Envelope(
          R"({"entrustedList":[{"symbol":"COTIUSDT","size":"2400","orderId":"h1",)"
          R"("clientOid":"lf-close","baseVolume":"2400","status":"filled","side":"buy",)"
          R"("posSide":"short","tradeSide":"close","orderType":"market","cTime":"1",)"
          R"("liqPrice":"0.02","posAvg":"0.010112"},{"symbol":"X","size":"1","orderId":"h2",)"
          R"("baseVolume":"0","status":"cancelled","side":"sell","orderType":"limit","cTime":"2"}],)"
          R"("endId":"h2"})"),
      200);
  ASSERT_TRUE(history.has_value()) << history.error().ToString();
  ASSERT_EQ(history->entrusted_list.size(), 2u);
  EXPECT_EQ(history->entrusted_list[0].status, OrderState::kFilled);
  EXPECT_EQ(history->entrusted_list[0].liq_price, D("0.02"));
  EXPECT_EQ(history->entrusted_list[0].pos_avg, D("0.010112"));
  EXPECT_EQ(history->entrusted_list[1].status, OrderState::kCanceled);
  ExpectInvalid(ParseOrderList(Envelope(R"({"entrustedList":[{"symbol":"BTCUSDT"}]})"), 200),
                "data.entrustedList[0] (BTCUSDT).size is missing");
}

TEST(ParseOrdersTest, FillsFixture) {
  auto fills = ParseFills(ReadFixture("fills.json"), 200);
  ASSERT_TRUE(fills.has_value()) << fills.error().ToString();
  ASSERT_EQ(fills->fill_list.size(), 1u);
  EXPECT_EQ(fills->end_id, "1111468664328269825");
  const FillInfo& f = fills->fill_list[0];
  EXPECT_EQ(f.trade_id, "1111468664328269825");
  EXPECT_EQ(f.symbol, "BTCUSDT");
  EXPECT_EQ(f.order_id, "1111468664264753162");
  EXPECT_EQ(f.price, D("37271.4"));
  EXPECT_EQ(f.base_volume, D("0.001"));
  EXPECT_EQ(f.quote_volume, D("37.2714"));
  EXPECT_EQ(f.side, OrderSide::kBuy);
  EXPECT_EQ(f.profit, D("-0.0007"));
  EXPECT_EQ(f.enter_point_source, "web");
  EXPECT_EQ(f.trade_side, "close");
  EXPECT_EQ(f.pos_mode, PositionMode::kHedge);
  EXPECT_EQ(f.trade_scope, model::LiquiditySide::kTaker);
  EXPECT_EQ(f.c_time, Ms(1700720700342));
  ASSERT_EQ(f.fee_detail.size(), 1u);
  EXPECT_EQ(f.fee_detail[0].deduction, false);
  EXPECT_EQ(f.fee_detail[0].fee_coin, "USDT");
  EXPECT_FALSE(f.fee_detail[0].total_deduction_fee.has_value());
  EXPECT_EQ(f.fee_detail[0].total_fee, D("-0.02236284"));
}

TEST(ParseOrdersTest, HedgeCloseFillBecomesASellOfTheLongLeg) {
  auto fills = ParseFills(ReadFixture("fills.json"), 200);
  ASSERT_TRUE(fills.has_value()) << fills.error().ToString();
  auto fill = ToModelFill(fills->fill_list.at(0));
  ASSERT_TRUE(fill.has_value()) << fill.error().ToString();
  EXPECT_EQ(fill->side, OrderSide::kSell);  // "side":"buy" + "close" in hedge mode
  EXPECT_EQ(fill->position_side, PositionSide::kLong);
  EXPECT_EQ(fill->trade_id, "1111468664328269825");
  EXPECT_EQ(fill->venue_order_id, "1111468664264753162");
  EXPECT_EQ(fill->price, D("37271.4"));
  EXPECT_EQ(fill->quantity, D("0.001"));
  EXPECT_EQ(fill->fee, D("-0.02236284"));
  EXPECT_EQ(fill->fee_coin, "USDT");
  EXPECT_EQ(fill->liquidity, model::LiquiditySide::kTaker);
  EXPECT_EQ(fill->ts, Ms(1700720700342));
}

TEST(ParseOrdersTest, FillShapes) {
  auto empty = ParseFills(Envelope(R"({"fillList":null,"endId":null})"), 200);
  ASSERT_TRUE(empty.has_value()) << empty.error().ToString();
  EXPECT_TRUE(empty->fill_list.empty());
  auto maker = ParseFills(
      Envelope(
          R"({"fillList":[{"tradeId":"t","symbol":"BTCUSDT","orderId":"o","price":"1",)"
          R"("baseVolume":"2","side":"sell","tradeScope":"M","cTime":"5","marginCoin":"USDT",)"
          R"("feeDetail":[{"feeCoin":"USDT","totalFee":"0.1"},{"feeCoin":"USDT","totalFee":"-0.3"}]}]})"),
      200);
  ASSERT_TRUE(maker.has_value()) << maker.error().ToString();
  const FillInfo& f = maker->fill_list.at(0);
  EXPECT_EQ(f.trade_scope, model::LiquiditySide::kMaker);
  EXPECT_EQ(f.margin_coin, "USDT");
  auto fill = ToModelFill(f);
  ASSERT_TRUE(fill.has_value()) << fill.error().ToString();
  EXPECT_EQ(fill->side, OrderSide::kSell);  // one-way (no posMode): side is the direction
  EXPECT_EQ(fill->position_side, PositionSide::kNet);
  EXPECT_EQ(fill->fee, D("-0.2"));
  ExpectInvalid(
      ParseFills(
          Envelope(R"({"fillList":[{"tradeId":"t","symbol":"BTCUSDT","orderId":"o",)"
                   R"("price":"1","baseVolume":"2","side":"sell","tradeScope":"X","cTime":"5"}]})"),
          200),
      R"(data.fillList[0] (BTCUSDT).tradeScope: unknown liquidity side "X")");
}

TEST(ParseOrdersTest, TradeDirection) {
  using model::HedgeIntent;
  EXPECT_EQ(*TradeDirection(OrderSide::kBuy, "open", PositionMode::kHedge),
            (HedgeIntent{OrderSide::kBuy, PositionSide::kLong}));
  EXPECT_EQ(*TradeDirection(OrderSide::kBuy, "close", PositionMode::kHedge),
            (HedgeIntent{OrderSide::kSell, PositionSide::kLong}));
  EXPECT_EQ(*TradeDirection(OrderSide::kSell, "Close", PositionMode::kHedge),
            (HedgeIntent{OrderSide::kBuy, PositionSide::kShort}));
  EXPECT_EQ(*TradeDirection(OrderSide::kSell, "open", PositionMode::kHedge),
            (HedgeIntent{OrderSide::kSell, PositionSide::kShort}));
  EXPECT_EQ(*TradeDirection(OrderSide::kBuy, "burst_close_long", PositionMode::kHedge),
            (HedgeIntent{OrderSide::kSell, PositionSide::kLong}));
  EXPECT_EQ(*TradeDirection(OrderSide::kSell, "reduce_close_short", PositionMode::kHedge),
            (HedgeIntent{OrderSide::kBuy, PositionSide::kShort}));
  EXPECT_EQ(*TradeDirection(OrderSide::kSell, "sell_single", PositionMode::kOneWay),
            (HedgeIntent{OrderSide::kSell, PositionSide::kNet}));
  EXPECT_EQ(*TradeDirection(OrderSide::kBuy, "", std::nullopt),
            (HedgeIntent{OrderSide::kBuy, PositionSide::kNet}));
  EXPECT_FALSE(TradeDirection(OrderSide::kBuy, "buy_single", PositionMode::kHedge).has_value());
}

}  // namespace
}  // namespace bgt::bitget
