// SimExchange in hedge mode (Bitget v2: side = position direction, tradeSide open/close) and
// isolated leverage per side.
#include <gtest/gtest.h>

#include "sim/exchange.h"
#include "sim/exchange_test_support.h"

namespace bgt::sim {
namespace {

using namespace exch_testing;  // NOLINT(google-build-using-namespace): test helpers

class HedgeTest : public ExchangeTest {
 protected:
  HedgeTest() {
    hedge_ = NewAccount(PositionMode::kHedge, "10000");
    Book("99900", "100000");
  }
  AccountId hedge_ = 0;
};

TEST_F(HedgeTest, BothLegsOpenAndCloseIndependently) {
  Place(hedge_, Hedge(Market(OrderSide::kBuy, "0.1"), TradeSide::kOpen));   // open long
  Place(hedge_, Hedge(Market(OrderSide::kSell, "0.2"), TradeSide::kOpen));  // open short
  EXPECT_EQ(Qty(hedge_, PositionSide::kLong), D("0.1"));
  EXPECT_EQ(Qty(hedge_, PositionSide::kShort), D("-0.2"));
  // Close long = side buy + tradeSide close: it sells.
  const OrderAck close = Place(hedge_, Hedge(Market(OrderSide::kBuy, "0.1"), TradeSide::kClose));
  const auto order = *ex_.GetOrder(hedge_, "BTCUSDT", OrderRef{close.order_id, ""});
  EXPECT_EQ(order.side, OrderSide::kBuy);
  EXPECT_EQ(order.direction, OrderSide::kSell);
  EXPECT_EQ(order.trade_side, TradeSide::kClose);
  EXPECT_TRUE(order.reduce_only);
  EXPECT_EQ(Qty(hedge_, PositionSide::kLong), D("0"));
  EXPECT_EQ(Qty(hedge_, PositionSide::kShort), D("-0.2"));
  const auto fills = *ex_.GetFills(hedge_);
  EXPECT_EQ(fills.back().realized_pnl, D("-10"));  // bought 100,000, sold 99,900
  const auto bills = *ex_.GetBills(hedge_);
  EXPECT_EQ(bills.back().type, BillType::kCloseLong);
}

TEST_F(HedgeTest, HedgeRejections) {
  auto code = [&](const PlaceOrderRequest& r) { return CodeOf(ex_.PlaceOrder(hedge_, r)); };
  EXPECT_EQ(code(Market(OrderSide::kBuy, "0.1")), "40808");  // no tradeSide
  EXPECT_EQ(ex_.PlaceOrder(hedge_, Market(OrderSide::kBuy, "0.1")).error().message,
            "Parameter verification exception double fixed, hold side is null");
  EXPECT_EQ(code(Hedge(Market(OrderSide::kBuy, "0.1"), TradeSide::kClose)), "22002");
  Place(hedge_, Hedge(Market(OrderSide::kSell, "0.1"), TradeSide::kOpen));
  EXPECT_EQ(code(Hedge(Market(OrderSide::kBuy, "0.1"), TradeSide::kClose)), "22002");  // no long
  EXPECT_EQ(code(Hedge(Market(OrderSide::kSell, "0.2"), TradeSide::kClose)), "40757");
  // A resting close occupies the short: a limit close beyond the rest is refused...
  Place(hedge_, Hedge(Limit(OrderSide::kSell, "0.06", "99000"), TradeSide::kClose));
  EXPECT_EQ(code(Hedge(Limit(OrderSide::kSell, "0.05", "98000"), TradeSide::kClose)), "40757");
  EXPECT_EQ(Positions(hedge_).at(0).locked, D("0.06"));
  EXPECT_EQ(Positions(hedge_).at(0).available, D("0.04"));
  // ...while a market close cancels the occupying order (Bitget, since 2025-07-31).
  Place(hedge_, Hedge(Market(OrderSide::kSell, "0.1"), TradeSide::kClose));
  EXPECT_EQ(Qty(hedge_, PositionSide::kShort), D("0"));
  EXPECT_TRUE(ex_.GetOpenOrders(hedge_)->empty());
}

TEST_F(HedgeTest, ClosePositionsByHoldSide) {
  Place(hedge_, Hedge(Market(OrderSide::kBuy, "0.1"), TradeSide::kOpen));
  Place(hedge_, Hedge(Market(OrderSide::kSell, "0.1"), TradeSide::kOpen));
  auto r = ex_.ClosePositions(hedge_, std::string_view("BTCUSDT"), PositionSide::kShort);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->success.size(), 1u);
  EXPECT_EQ(Qty(hedge_, PositionSide::kShort), D("0"));
  EXPECT_EQ(Qty(hedge_, PositionSide::kLong), D("0.1"));
  EXPECT_EQ(CodeOf(ex_.ClosePositions(hedge_, std::nullopt, PositionSide::kShort)), "22002");
  r = ex_.ClosePositions(hedge_, std::nullopt, std::nullopt);
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(Positions(hedge_).empty());
}

TEST_F(HedgeTest, IsolatedLeverageIsPerSide) {
  ASSERT_TRUE(ex_.SetMarginMode(hedge_, "BTCUSDT", MarginMode::kIsolated).has_value());
  SetLeverageRequest lev{"BTCUSDT", 10, {}, {}, PositionSide::kLong};
  auto s = ex_.SetLeverage(hedge_, lev);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->config.long_leverage, 10);
  EXPECT_EQ(s->config.short_leverage, 20);
  s = ex_.SetLeverage(hedge_, SetLeverageRequest{"BTCUSDT", {}, 5, 25, {}});
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->config.long_leverage, 5);
  EXPECT_EQ(s->config.short_leverage, 25);
  PlaceOrderRequest open_long = Hedge(Market(OrderSide::kBuy, "0.1"), TradeSide::kOpen);
  open_long.margin_mode = MarginMode::kIsolated;
  PlaceOrderRequest open_short = Hedge(Market(OrderSide::kSell, "0.1"), TradeSide::kOpen);
  open_short.margin_mode = MarginMode::kIsolated;
  Place(hedge_, open_long);
  Place(hedge_, open_short);
  const auto positions = Positions(hedge_);
  ASSERT_EQ(positions.size(), 2u);
  EXPECT_EQ(positions[0].leg, PositionSide::kLong);
  EXPECT_EQ(positions[0].margin, D("2000"));   // 10,000 / 5
  EXPECT_EQ(positions[1].margin, D("399.6"));  // 9,990 / 25
  // Raising the long leverage releases margin.
  ASSERT_TRUE(
      ex_.SetLeverage(hedge_, SetLeverageRequest{"BTCUSDT", 10, {}, {}, PositionSide::kLong})
          .has_value());
  EXPECT_EQ(Positions(hedge_).at(0).margin, D("1000"));
  EXPECT_EQ(Account(hedge_).isolated_margin, D("1399.6"));
}

TEST_F(HedgeTest, HedgeTpslProtectsTheNamedLeg) {
  Place(hedge_, Hedge(Market(OrderSide::kBuy, "0.1"), TradeSide::kOpen));
  Place(hedge_, Hedge(Market(OrderSide::kSell, "0.1"), TradeSide::kOpen));
  TpslRequest sl;
  sl.symbol = "BTCUSDT";
  sl.plan_type = PlanType::kPosLoss;
  sl.trigger_price = D("101000");
  sl.hold_side = PositionSide::kShort;
  ASSERT_TRUE(ex_.PlaceTpsl(hedge_, sl).has_value());
  Mark("101000");
  EXPECT_EQ(Qty(hedge_, PositionSide::kShort), D("0"));
  EXPECT_EQ(Qty(hedge_, PositionSide::kLong), D("0.1"));
  const auto fills = *ex_.GetFills(hedge_);
  EXPECT_EQ(fills.back().side, OrderSide::kSell);  // Bitget's side for a short close
  EXPECT_EQ(fills.back().direction, OrderSide::kBuy);
  EXPECT_EQ(fills.back().trade_side, TradeSide::kClose);
}

}  // namespace
}  // namespace bgt::sim
