// TP/SL and trigger orders: the trigger rule, the plan book, and the exchange's plans firing on
// the mark and on the last price.
#include "sim/tpsl.h"

#include <gtest/gtest.h>

#include "sim/exchange_test_support.h"

namespace bgt::sim {
namespace {

using namespace exch_testing;  // NOLINT(google-build-using-namespace): test helpers

TEST(TpslRuleTest, DirectionOfEachPlanType) {
  EXPECT_TRUE(TpslFiresAbove(PlanType::kPosProfit, PositionSide::kLong));
  EXPECT_FALSE(TpslFiresAbove(PlanType::kPosLoss, PositionSide::kLong));
  EXPECT_FALSE(TpslFiresAbove(PlanType::kProfitPlan, PositionSide::kShort));
  EXPECT_TRUE(TpslFiresAbove(PlanType::kLossPlan, PositionSide::kShort));
  PlanOrder p;
  p.trigger_price = D("100");
  p.fires_above = true;
  EXPECT_TRUE(IsTriggered(p, D("100")));
  EXPECT_FALSE(IsTriggered(p, D("99.9")));
  p.fires_above = false;
  EXPECT_TRUE(IsTriggered(p, D("99.9")));
  EXPECT_FALSE(IsTriggered(p, D("100.1")));
}

TEST(TpslRuleTest, WireNames) {
  EXPECT_EQ(ToString(PlanType::kPosLoss), "pos_loss");
  EXPECT_EQ(WsPlanCode(PlanType::kPosProfit), "ptp");
  EXPECT_EQ(WsPlanCode(PlanType::kNormalPlan), "pl");
  EXPECT_EQ(ToString(TriggerType::kFillPrice), "fill_price");
  EXPECT_EQ(ToString(PlanStatus::kFailExecute), "fail_execute");
  EXPECT_EQ(*ParsePlanType("PROFIT_PLAN"), PlanType::kProfitPlan);
  EXPECT_EQ(*ParseTriggerType("Mark_Price"), TriggerType::kMarkPrice);
  EXPECT_FALSE(ParsePlanType("track_plan").has_value());
}

TEST(PlanBookTest, DueListsLivePlansInPlacementOrder) {
  PlanBook book;
  PlanOrder a;
  a.plan_id = 2;
  a.account = 1;
  a.symbol = "BTCUSDT";
  a.trigger_price = D("100");
  a.fires_above = true;
  PlanOrder b = a;
  b.plan_id = 1;
  b.trigger_type = TriggerType::kFillPrice;
  PlanOrder c = a;
  c.plan_id = 3;
  c.client_oid = "c";
  ASSERT_TRUE(book.Add(a).ok());
  ASSERT_TRUE(book.Add(b).ok());
  ASSERT_TRUE(book.Add(c).ok());
  EXPECT_FALSE(book.Add(a).ok());
  EXPECT_EQ(book.Due("BTCUSDT", TriggerType::kMarkPrice, D("100")), (std::vector<OrderId>{2, 3}));
  EXPECT_TRUE(book.Due("BTCUSDT", TriggerType::kMarkPrice, D("99")).empty());
  EXPECT_EQ(book.Due("BTCUSDT", TriggerType::kFillPrice, D("101")), (std::vector<OrderId>{1}));
  EXPECT_TRUE(book.SetStatus(3, PlanStatus::kCancelled, core::Timestamp()));
  EXPECT_FALSE(book.SetStatus(9, PlanStatus::kCancelled, core::Timestamp()));
  EXPECT_EQ(book.Due("BTCUSDT", TriggerType::kMarkPrice, D("100")), (std::vector<OrderId>{2}));
  EXPECT_EQ(book.FindByClientOid(1, "c")->plan_id, 3u);
  EXPECT_EQ(book.List(1, std::nullopt, true).size(), 2u);
  EXPECT_EQ(book.List(1, std::nullopt, false).size(), 3u);
  EXPECT_EQ(book.LiveCount(1, "BTCUSDT"), 2u);
}

class TpslExchangeTest : public ExchangeTest {
 protected:
  // acc_ long 0.1 @ 100,000 (one-way); `other_` trades to move the last price.
  void OpenLong() {
    Book("99900", "100000");
    Place(acc_, Market(OrderSide::kBuy, "0.1"));
    ex_.TakeEvents();
  }
  TpslRequest Tpsl(PlanType type, const char* trigger,
                   TriggerType trigger_type = TriggerType::kMarkPrice,
                   PositionSide hold = PositionSide::kLong) {
    TpslRequest r;
    r.symbol = "BTCUSDT";
    r.plan_type = type;
    r.trigger_price = D(trigger);
    r.trigger_type = trigger_type;
    r.hold_side = hold;
    return r;
  }
  // Another account sells at market into a bid at `price`, printing a trade there.
  void PrintTrade(const char* price) {
    if (other_ == 0) other_ = NewAccount(PositionMode::kOneWay, "100000");
    Book(price, "");
    Place(other_, Market(OrderSide::kSell, "0.01"));
  }
  AccountId other_ = 0;
};

TEST_F(TpslExchangeTest, PositionTakeProfitFiresOnTheMark) {
  OpenLong();
  auto ack = ex_.PlaceTpsl(acc_, Tpsl(PlanType::kPosProfit, "101000"));
  ASSERT_TRUE(ack.has_value()) << ack.error().ToString();
  EXPECT_EQ(Positions(acc_).at(0).take_profit, D("101000"));
  EXPECT_EQ(Positions(acc_).at(0).take_profit_id, ack->order_id);
  Book("100950", "101050");
  Mark("100900");
  EXPECT_EQ(Qty(acc_), D("0.1"));
  Mark("101000");
  EXPECT_EQ(Qty(acc_), D("0"));
  auto plans = *ex_.GetPlanOrders(acc_, std::nullopt, false);
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0].status, PlanStatus::kExecuted);
  ASSERT_TRUE(plans[0].execute_order_id.has_value());
  auto child = *ex_.GetOrder(acc_, "BTCUSDT", OrderRef{plans[0].execute_order_id, ""});
  EXPECT_EQ(child.source, OrderSource::kPosProfitMarket);
  EXPECT_TRUE(child.reduce_only);
  EXPECT_EQ(child.state, OrderState::kFilled);
  EXPECT_EQ(child.realized_pnl, D("95"));  // (100,950 − 100,000) × 0.1
  const auto plan_events = EventsOf<PlanEvent>(ex_.TakeEvents());
  ASSERT_FALSE(plan_events.empty());
  EXPECT_EQ(plan_events.back().plan.status, PlanStatus::kExecuted);
}

TEST_F(TpslExchangeTest, StopLossFiresOnTheLastPrice) {
  OpenLong();
  ASSERT_TRUE(
      ex_.PlaceTpsl(acc_, Tpsl(PlanType::kPosLoss, "99000", TriggerType::kFillPrice)).has_value());
  Mark("98000");  // the mark alone does not fire a fill_price plan
  EXPECT_EQ(Qty(acc_), D("0.1"));
  PrintTrade("99100");
  EXPECT_EQ(Qty(acc_), D("0.1"));
  PrintTrade("99000");
  EXPECT_EQ(Qty(acc_), D("0"));
  auto fills = *ex_.GetFills(acc_);
  EXPECT_EQ(fills.back().source, OrderSource::kPosLossMarket);
}

TEST_F(TpslExchangeTest, PartialPlanClosesItsSizeAndTheOtherLegStaysUntilFlat) {
  OpenLong();
  TpslRequest tp = Tpsl(PlanType::kProfitPlan, "100500");
  tp.size = D("0.04");
  tp.execute_price = D("100500");  // limit child
  ASSERT_TRUE(ex_.PlaceTpsl(acc_, tp).has_value());
  ASSERT_TRUE(ex_.PlaceTpsl(acc_, Tpsl(PlanType::kPosLoss, "95000")).has_value());
  Mark("100500");
  auto open = *ex_.GetOpenOrders(acc_);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].source, OrderSource::kProfitLimit);
  EXPECT_EQ(open[0].price, D("100500"));
  Book("100500", "100600");  // the bid comes up to the child's price: it fills as maker
  EXPECT_EQ(Qty(acc_), D("0.06"));
  EXPECT_EQ(ex_.GetPlanOrders(acc_)->size(), 1u);  // the stop loss still protects the rest
  ASSERT_TRUE(ex_.ClosePositions(acc_, std::nullopt, std::nullopt).has_value());
  EXPECT_EQ(Qty(acc_), D("0"));
  EXPECT_TRUE(ex_.GetPlanOrders(acc_)->empty());  // canceled with the position
}

TEST_F(TpslExchangeTest, RejectionsOfPlaceTpsl) {
  auto code = [&](const TpslRequest& r) { return CodeOf(ex_.PlaceTpsl(acc_, r)); };
  EXPECT_EQ(code(Tpsl(PlanType::kPosProfit, "101000")), "40891");  // no position
  OpenLong();
  EXPECT_EQ(
      code(Tpsl(PlanType::kPosProfit, "101000", TriggerType::kMarkPrice, PositionSide::kShort)),
      "40891");
  EXPECT_EQ(code(Tpsl(PlanType::kPosProfit, "99000")), "40915");
  EXPECT_EQ(code(Tpsl(PlanType::kPosLoss, "101000")), "40917");
  EXPECT_EQ(code(Tpsl(PlanType::kNormalPlan, "101000")), "40808");
  EXPECT_EQ(code(Tpsl(PlanType::kPosProfit, "101000.05")), "40808");
  TpslRequest partial = Tpsl(PlanType::kProfitPlan, "101000");
  EXPECT_EQ(code(partial), "40808");  // size required
  partial.size = D("0.2");
  EXPECT_EQ(code(partial), "40891");
  TpslRequest named = Tpsl(PlanType::kPosProfit, "101000");
  named.client_oid = "tp-1";
  ASSERT_EQ(code(named), "");
  EXPECT_EQ(code(named), "43118");
  PlaceOrderRequest r = Limit(OrderSide::kBuy, "0.1", "90000", "tp-1");
  EXPECT_EQ(CodeOf(ex_.PlaceOrder(acc_, r)), "43118");  // plans and orders share clientOids
}

TEST_F(TpslExchangeTest, ShortPositionSides) {
  Book("99900", "100000");
  Place(acc_, Market(OrderSide::kSell, "0.1"));
  auto code = [&](PlanType t, const char* trigger) {
    return CodeOf(
        ex_.PlaceTpsl(acc_, Tpsl(t, trigger, TriggerType::kMarkPrice, PositionSide::kShort)));
  };
  EXPECT_EQ(code(PlanType::kPosProfit, "101000"), "45061");
  EXPECT_EQ(code(PlanType::kPosLoss, "99000"), "45122");
  EXPECT_EQ(code(PlanType::kPosLoss, "101000"), "");
  Mark("101000");
  EXPECT_EQ(Qty(acc_), D("0"));
}

TEST_F(TpslExchangeTest, NewPositionTpReplacesTheOldOne) {
  OpenLong();
  auto first = *ex_.PlaceTpsl(acc_, Tpsl(PlanType::kPosProfit, "101000"));
  auto second = *ex_.PlaceTpsl(acc_, Tpsl(PlanType::kPosProfit, "102000"));
  auto live = *ex_.GetPlanOrders(acc_);
  ASSERT_EQ(live.size(), 1u);
  EXPECT_EQ(live[0].plan_id, second.order_id);
  EXPECT_NE(first.order_id, second.order_id);
  EXPECT_EQ(Positions(acc_).at(0).take_profit, D("102000"));
}

TEST_F(TpslExchangeTest, PresetTpslFromThePlacedOrder) {
  Book("99900", "100000");
  PlaceOrderRequest r = Limit(OrderSide::kBuy, "0.1", "100000");
  r.preset_take_profit = D("101000");
  r.preset_stop_loss = D("99000");
  const OrderAck ack = Place(acc_, r);
  const auto order = *ex_.GetOrder(acc_, "BTCUSDT", OrderRef{ack.order_id, ""});
  EXPECT_EQ(order.preset_take_profit, D("101000"));
  const PositionView p = Positions(acc_).at(0);
  EXPECT_EQ(p.take_profit, D("101000"));
  EXPECT_EQ(p.stop_loss, D("99000"));
  auto plans = *ex_.GetPlanOrders(acc_);
  ASSERT_EQ(plans.size(), 2u);
  EXPECT_EQ(plans[0].trigger_type, TriggerType::kFillPrice);
  PrintTrade("99000");
  EXPECT_EQ(Qty(acc_), D("0"));
}

TEST_F(TpslExchangeTest, PresetsOnTheWrongSideAreRejected) {
  Book("99900", "100000");
  auto code = [&](PlaceOrderRequest r) { return CodeOf(ex_.PlaceOrder(acc_, r)); };
  PlaceOrderRequest buy = Limit(OrderSide::kBuy, "0.1", "99000");
  buy.preset_take_profit = D("98000");
  EXPECT_EQ(code(buy), "45064");
  buy.preset_take_profit.reset();
  buy.preset_stop_loss = D("99500");
  EXPECT_EQ(code(buy), "45066");
  PlaceOrderRequest sell = Limit(OrderSide::kSell, "0.1", "101000");
  sell.preset_take_profit = D("102000");
  EXPECT_EQ(code(sell), "45065");
  sell.preset_take_profit.reset();
  sell.preset_stop_loss = D("100000");
  EXPECT_EQ(code(sell), "45067");
  PlaceOrderRequest market = Market(OrderSide::kBuy, "0.1");
  market.preset_take_profit = D("99000");
  EXPECT_EQ(code(market), "40915");
  market.preset_take_profit.reset();
  market.preset_stop_loss = D("100000");
  EXPECT_EQ(code(market), "40917");
  PlaceOrderRequest short_market = Market(OrderSide::kSell, "0.1");
  short_market.preset_take_profit = D("100000");
  EXPECT_EQ(code(short_market), "45061");
  short_market.preset_take_profit.reset();
  short_market.preset_stop_loss = D("99000");
  EXPECT_EQ(code(short_market), "45122");
}

TEST_F(TpslExchangeTest, TriggerOrderPlacesItsOrderWhenTheMarkCrosses) {
  Book("100500", "100600");
  PlanOrderRequest plan;
  plan.order = Market(OrderSide::kBuy, "0.1");
  plan.trigger_price = D("100500");
  auto ack = ex_.PlacePlanOrder(acc_, plan);
  ASSERT_TRUE(ack.has_value());
  Mark("100400");
  EXPECT_EQ(Qty(acc_), D("0"));
  Mark("100500");
  EXPECT_EQ(Qty(acc_), D("0.1"));
  auto p = ex_.GetPlanOrders(acc_, std::nullopt, false)->at(0);
  EXPECT_EQ(p.status, PlanStatus::kExecuted);
  EXPECT_EQ(ex_.GetFills(acc_)->at(0).source, OrderSource::kPlanMarket);
}

TEST_F(TpslExchangeTest, TriggerOrderWithoutBalanceFailsToExecute) {
  PlanOrderRequest plan;
  plan.order = Market(OrderSide::kSell, "1");
  plan.trigger_price = D("99000");
  ASSERT_TRUE(ex_.PlacePlanOrder(acc_, plan).has_value());
  ASSERT_TRUE(ex_.Withdraw(acc_, D("9990")).ok());
  Mark("99000");
  auto p = ex_.GetPlanOrders(acc_, std::nullopt, false)->at(0);
  EXPECT_EQ(p.status, PlanStatus::kFailExecute);
  EXPECT_NE(p.fail_reason.find("40762"), std::string::npos);
}

TEST_F(TpslExchangeTest, CancelPlanOrders) {
  OpenLong();
  PlanOrderRequest plan;
  plan.order = Market(OrderSide::kBuy, "0.1");
  plan.trigger_price = D("101000");
  plan.order.client_oid = "trig";
  ASSERT_TRUE(ex_.PlacePlanOrder(acc_, plan).has_value());
  auto sl = *ex_.PlaceTpsl(acc_, Tpsl(PlanType::kPosLoss, "95000"));
  // Bitget's default planType is normal_plan: a TP/SL id is not found without its type.
  auto r = *ex_.CancelPlanOrders(acc_, "BTCUSDT", {OrderRef{sl.order_id, ""}}, std::nullopt);
  ASSERT_EQ(r.failure.size(), 1u);
  EXPECT_EQ(r.failure[0].error.venue_code, "43025");
  r = *ex_.CancelPlanOrders(acc_, "BTCUSDT", {OrderRef{sl.order_id, ""}}, PlanType::kPosLoss);
  EXPECT_EQ(r.success.size(), 1u);
  r = *ex_.CancelPlanOrders(acc_, "BTCUSDT", {}, std::nullopt);
  ASSERT_EQ(r.success.size(), 1u);
  EXPECT_EQ(r.success[0].client_oid, "trig");
  EXPECT_TRUE(ex_.GetPlanOrders(acc_)->empty());
}

}  // namespace
}  // namespace bgt::sim
