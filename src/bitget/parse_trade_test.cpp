// Order acks, batch results and plan orders on the recorded payloads of tests/fixtures/bitget/.
#include <gtest/gtest.h>

#include <string>

#include "bitget/parse_responses.h"
#include "bitget/parse_test_util.h"

namespace bgt::bitget {
namespace {

using testing::D;
using testing::Envelope;
using testing::ExpectInvalid;
using testing::Ms;
using testing::ReadFixture;

TEST(ParseTradeTest, PlaceOrderAck) {
  auto ack = ParseOrderAck(ReadFixture("place_order.json"), 200);
  ASSERT_TRUE(ack.has_value()) << ack.error().ToString();
  EXPECT_EQ(ack->order_id, "121211212122");
  EXPECT_EQ(ack->client_oid, "121211212122");
}

TEST(ParseTradeTest, ReduceOnlyAckWithNullOrderId) {
  auto ack = ParseOrderAck(ReadFixture("place_order_reduce_only.json"), 200);
  ASSERT_TRUE(ack.has_value()) << ack.error().ToString();
  EXPECT_FALSE(ack->order_id.has_value());
  EXPECT_EQ(ack->client_oid, "bgt-reduce-7");
  auto missing = ParseOrderAck(Envelope(R"({"clientOid":"bgt-1"})"), 200);
  ASSERT_TRUE(missing.has_value()) << missing.error().ToString();
  EXPECT_FALSE(missing->order_id.has_value());
}

TEST(ParseTradeTest, CancelAckWithEmptyClientOid) {
  auto ack = ParseOrderAck(ReadFixture("cancel_order.json"), 200);
  ASSERT_TRUE(ack.has_value()) << ack.error().ToString();
  EXPECT_EQ(ack->order_id, "123");
  EXPECT_EQ(ack->client_oid, "");
}

TEST(ParseTradeTest, AckProblems) {
  ExpectInvalid(ParseOrderAck(Envelope(R"({"orderId":null,"clientOid":""})"), 200),
                "data has neither orderId nor clientOid");
  ExpectInvalid(ParseOrderAck(Envelope(R"({"orderId":{"id":1},"clientOid":"x"})"), 200),
                "data.orderId is an object, expected a string");
  ExpectInvalid(ParseOrderAck(Envelope("null"), 200), "data is null, expected an object");
  // An id sent as a JSON integer keeps its digits.
  auto numeric = ParseOrderAck(Envelope(R"({"orderId":1111465253393825792,"clientOid":"x"})"), 200);
  ASSERT_TRUE(numeric.has_value()) << numeric.error().ToString();
  EXPECT_EQ(numeric->order_id, "1111465253393825792");
}

TEST(ParseTradeTest, PlaceTpslAck) {
  auto ack = ParsePlaceTpslOrder(ReadFixture("place_tpsl_order.json"), 200);
  ASSERT_TRUE(ack.has_value()) << ack.error().ToString();
  EXPECT_EQ(ack->order_id, "1111491399869075460");
  EXPECT_EQ(ack->client_oid, "1234");
  auto rejected = ParsePlaceTpslOrder(
      R"({"code":"40891","msg":"Insufficient position, can not set profit or stop loss","data":null})",
      400);
  ASSERT_FALSE(rejected.has_value());
  EXPECT_EQ(rejected.error().venue_code, "40891");
  EXPECT_EQ(rejected.error().message.rfind("place-tpsl-order: ", 0), 0u);
}

TEST(ParseTradeTest, CancelAllOrdersBatch) {
  auto batch = ParseBatchResult(ReadFixture("cancel_all_orders.json"), 200);
  ASSERT_TRUE(batch.has_value()) << batch.error().ToString();
  ASSERT_EQ(batch->success_list.size(), 1u);
  EXPECT_EQ(batch->success_list[0].order_id, "121211212122");
  EXPECT_EQ(batch->success_list[0].client_oid, "BITGET#121211212122");
  ASSERT_EQ(batch->failure_list.size(), 1u);
  const BatchFailure& f = batch->failure_list[0];
  EXPECT_EQ(f.order_id, "232");
  EXPECT_EQ(f.client_oid, "321342");
  EXPECT_EQ(f.error_msg, "notExistend");
  EXPECT_EQ(f.error_code, "");
  EXPECT_FALSE(batch->result.has_value());
}

TEST(ParseTradeTest, ClosePositionsBatch) {
  auto batch = ParseBatchResult(ReadFixture("close_positions.json"), 200);
  ASSERT_TRUE(batch.has_value()) << batch.error().ToString();
  ASSERT_EQ(batch->success_list.size(), 1u);
  EXPECT_EQ(batch->success_list[0].order_id, "1120923953904893955");
  EXPECT_TRUE(batch->failure_list.empty());
  EXPECT_EQ(batch->result, false);
  // Newer answers add the symbol and a Bitget code per failed item.
  auto newer = ParseBatchResult(
      Envelope(R"({"successList":null,"failureList":[{"orderId":"","clientOid":"c1",)"
               R"("symbol":"BTCUSDT","errorMsg":"clientOrderId duplicate","errorCode":"43118"}],)"
               R"("result":true})"),
      200);
  ASSERT_TRUE(newer.has_value()) << newer.error().ToString();
  EXPECT_TRUE(newer->success_list.empty());
  ASSERT_EQ(newer->failure_list.size(), 1u);
  EXPECT_FALSE(newer->failure_list[0].order_id.has_value());
  EXPECT_EQ(newer->failure_list[0].symbol, "BTCUSDT");
  EXPECT_EQ(newer->failure_list[0].error_code, "43118");
  EXPECT_EQ(newer->result, true);
}

TEST(ParseTradeTest, CancelPlanOrderBatchWithoutErrorCodes) {
  auto batch = ParseBatchResult(ReadFixture("cancel_plan_order.json"), 200);
  ASSERT_TRUE(batch.has_value()) << batch.error().ToString();
  ASSERT_EQ(batch->success_list.size(), 1u);
  EXPECT_EQ(batch->success_list[0].client_oid, "1111491399869075456");
  ASSERT_EQ(batch->failure_list.size(), 1u);
  EXPECT_EQ(batch->failure_list[0].error_code, "");
  EXPECT_EQ(batch->failure_list[0].error_msg, "notExistend");
  ExpectInvalid(ParseBatchResult(Envelope(R"({"successList":{}})"), 200),
                "data.successList is an object, expected an array");
  ExpectInvalid(ParseBatchResult(Envelope(R"({"failureList":[{"errorCode":[]}]})"), 200),
                "data.failureList[0].errorCode is an array, expected a string");
}

TEST(ParseTradeTest, PendingPlanOrdersFixture) {
  auto plans = ParsePlanOrders(ReadFixture("orders_plan_pending.json"), 200);
  ASSERT_TRUE(plans.has_value()) << plans.error().ToString();
  ASSERT_EQ(plans->entrusted_list.size(), 1u);
  EXPECT_EQ(plans->end_id, "1111491399869075457");
  const PlanOrderInfo& p = plans->entrusted_list[0];
  EXPECT_EQ(p.plan_type, PlanType::kNormalPlan);
  EXPECT_EQ(p.symbol, "BTCUSDT");
  EXPECT_EQ(p.size, D("0.001"));
  EXPECT_EQ(p.order_id, "1111491399869075457");
  EXPECT_EQ(p.client_oid, "1111491399869075456");
  EXPECT_EQ(p.price, D("27000"));
  EXPECT_FALSE(p.callback_ratio.has_value());
  EXPECT_EQ(p.trigger_price, D("24000"));
  EXPECT_EQ(p.trigger_type, TriggerType::kMarkPrice);
  EXPECT_EQ(p.plan_status, "live");
  EXPECT_EQ(p.side, model::OrderSide::kBuy);
  EXPECT_EQ(p.pos_side, model::PositionSide::kLong);
  EXPECT_EQ(p.margin_coin, "USDT");
  EXPECT_EQ(p.margin_mode, model::MarginMode::kCrossed);
  EXPECT_EQ(p.enter_point_source, "API");
  EXPECT_EQ(p.trade_side, "open");
  EXPECT_EQ(p.pos_mode, model::PositionMode::kHedge);
  EXPECT_EQ(p.order_type, model::OrderType::kLimit);
  EXPECT_FALSE(p.stop_surplus_trigger_price.has_value());
  EXPECT_FALSE(p.stop_surplus_execute_price.has_value());
  EXPECT_EQ(p.stop_surplus_trigger_type, TriggerType::kFillPrice);
  EXPECT_FALSE(p.stop_loss_trigger_price.has_value());
  EXPECT_EQ(p.stop_loss_trigger_type, TriggerType::kFillPrice);
  EXPECT_EQ(p.c_time, Ms(1700726120917));
  EXPECT_EQ(p.u_time, Ms(1700726120917));
}

TEST(ParseTradeTest, PlanOrderOfTheDocsPage) {
  // The Get-Pending-Trigger-Order page's row: lower-case symbol and coin, not_trigger, uTime "".
  const std::string row =
      R"({"planType":"normal_plan","symbol":"ethusdt","size":"1","orderId":"123","clientOid":"121212",)"
      R"("price":"1900","executePrice":"1900","callbackRatio":"","triggerPrice":"1901",)"
      R"("triggerType":"mark_price","planStatus":"not_trigger","side":"buy","posSide":"long",)"
      R"("marginCoin":"usdt","marginMode":"crossed","enterPointSource":"api","tradeSide":"open",)"
      R"("posMode":"hedge_mode","orderType":"limit","orderSource":"normal","cTime":"1627293504612",)"
      R"("uTime":"","stopSurplusExecutePrice":"2001","stopSurplusTriggerPrice":"2002",)"
      R"("stopSurplusTriggerType":"fill_price","stopLossExecutePrice":"1800",)"
      R"("stopLossTriggerPrice":"1820","stopLossTriggerType":"fill_price"})";
  auto plans =
      ParsePlanOrders(Envelope(R"({"entrustedList":[)" + row + R"(],"endId":"123"})"), 200);
  ASSERT_TRUE(plans.has_value()) << plans.error().ToString();
  const PlanOrderInfo& p = plans->entrusted_list.at(0);
  EXPECT_EQ(p.symbol, "ethusdt");
  EXPECT_EQ(p.margin_coin, "usdt");
  EXPECT_EQ(p.plan_status, "not_trigger");
  EXPECT_EQ(p.execute_price, D("1900"));
  EXPECT_EQ(p.stop_surplus_trigger_price, D("2002"));
  EXPECT_EQ(p.stop_surplus_execute_price, D("2001"));
  EXPECT_EQ(p.stop_loss_trigger_price, D("1820"));
  EXPECT_EQ(p.stop_loss_execute_price, D("1800"));
  EXPECT_EQ(p.order_source, "normal");
  EXPECT_FALSE(p.u_time.has_value());
}

TEST(ParseTradeTest, PlanOrderListShapes) {
  auto empty = ParsePlanOrders(Envelope(R"({"entrustedList":null,"endId":null})"), 200);
  ASSERT_TRUE(empty.has_value()) << empty.error().ToString();
  EXPECT_TRUE(empty->entrusted_list.empty());
  EXPECT_EQ(empty->end_id, "");
  // A whole-position TP (profit_loss query) has no size.
  auto pos_tp = ParsePlanOrders(
      Envelope(R"({"entrustedList":[{"planType":"pos_profit","symbol":"BTCUSDT","size":"",)"
               R"("orderId":"9","triggerPrice":"70000","triggerType":"fill_price","side":"sell",)"
               R"("cTime":"1700726120917"}]})"),
      200);
  ASSERT_TRUE(pos_tp.has_value()) << pos_tp.error().ToString();
  EXPECT_EQ(pos_tp->entrusted_list[0].plan_type, PlanType::kPosProfit);
  EXPECT_FALSE(pos_tp->entrusted_list[0].size.has_value());
  ExpectInvalid(
      ParsePlanOrders(Envelope(R"({"entrustedList":[{"planType":"grid_plan","symbol":"BTCUSDT",)"
                               R"("orderId":"9","cTime":"1"}]})"),
                      200),
      R"(data.entrustedList[0] (BTCUSDT).planType: unknown plan type "grid_plan")");
}

}  // namespace
}  // namespace bgt::bitget
