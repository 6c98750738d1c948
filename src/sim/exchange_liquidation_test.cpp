// Liquidation: isolated and crossed positions are taken over at the mark when their margin falls
// to maintenance, at exactly the reported liquidation price.
#include <gtest/gtest.h>

#include "sim/exchange.h"
#include "sim/exchange_test_support.h"

namespace bgt::sim {
namespace {

using namespace exch_testing;  // NOLINT(google-build-using-namespace): test helpers

class LiquidationTest : public ExchangeTest {
 protected:
  LiquidationTest() {
    small_ = NewAccount(PositionMode::kOneWay, "1000");
    Book("99900", "100000");
  }
  void OpenLong(MarginMode mode) {
    PlaceOrderRequest r = Market(OrderSide::kBuy, "0.1");
    r.margin_mode = mode;
    Place(small_, r);
    ex_.TakeEvents();
  }
  AccountId small_ = 0;
};

TEST_F(LiquidationTest, IsolatedPositionLosesExactlyItsMargin) {
  OpenLong(MarginMode::kIsolated);
  EXPECT_EQ(Balance(small_), D("994"));
  const PositionView p = Positions(small_).at(0);
  EXPECT_EQ(p.margin, D("500"));
  EXPECT_EQ(p.liquidation_price, D("95439"));
  PlaceOrderRequest bid = Limit(OrderSide::kBuy, "0.01", "90000");
  bid.margin_mode = MarginMode::kIsolated;
  const OrderAck resting = Place(small_, bid);
  Mark("95439.1");
  EXPECT_EQ(Qty(small_), D("0.1"));
  Mark("95439");
  EXPECT_EQ(Qty(small_), D("0"));
  // 1,000 − 6 (open fee) − 500 (the posted margin): the rest of the margin went to the risk fund.
  EXPECT_EQ(Balance(small_), D("494"));
  const AccountView a = Account(small_);
  EXPECT_EQ(a.ledger.Balance(), a.balance);
  EXPECT_EQ(a.ledger.realized_pnl, D("-456.1"));
  EXPECT_EQ(a.ledger.fees, D("-6") - D("5.72634"));  // open fee + 9,543.9 × 0.0006
  EXPECT_EQ(a.ledger.risk_fund, D("-38.17366"));
  EXPECT_EQ(ex_.GetOrder(small_, "BTCUSDT", OrderRef{resting.order_id, ""})->state,
            OrderState::kCanceled);
  const auto fills = *ex_.GetFills(small_);
  EXPECT_EQ(fills.back().source, OrderSource::kLiquidation);
  EXPECT_EQ(fills.back().price, D("95439"));
  const auto events = ex_.TakeEvents();
  const auto liquidations = EventsOf<LiquidationEvent>(events);
  ASSERT_EQ(liquidations.size(), 1u);
  EXPECT_EQ(liquidations[0].size, D("0.1"));
  EXPECT_EQ(liquidations[0].margin_mode, MarginMode::kIsolated);
  ASSERT_EQ(EventsOf<RiskFundEvent>(events).size(), 1u);
  EXPECT_EQ((*ex_.GetBills(small_)).back().type, BillType::kRiskFund);
  // The market's book did not move: the system takes over the position off the book.
  EXPECT_EQ(ex_.GetMarket("BTCUSDT")->best_bid->size, D("10"));
}

TEST_F(LiquidationTest, CrossedPositionUsesTheWholeBalance) {
  OpenLong(MarginMode::kCrossed);
  EXPECT_EQ(Positions(small_).at(0).liquidation_price, D("90476.1"));
  Mark("90476.2");
  EXPECT_EQ(Qty(small_), D("0.1"));
  Mark("90476.1");
  EXPECT_EQ(Qty(small_), D("0"));
  EXPECT_EQ(Balance(small_), D("0"));
  const AccountView a = Account(small_);
  EXPECT_EQ(a.ledger.Balance(), D("0"));
  EXPECT_EQ(a.ledger.transfers + a.ledger.realized_pnl + a.ledger.fees, -a.ledger.risk_fund);
  EXPECT_EQ((*ex_.GetBills(small_)).back().type, BillType::kRiskFund);
  // The other account is untouched.
  EXPECT_EQ(Balance(acc_), D("10000"));
}

TEST_F(LiquidationTest, GapThroughBankruptcyIsCoveredByTheRiskFund) {
  OpenLong(MarginMode::kCrossed);
  Mark("80000");  // equity 994 − 2,000 < 0
  EXPECT_EQ(Qty(small_), D("0"));
  EXPECT_EQ(Balance(small_), D("0"));
  EXPECT_TRUE(Account(small_).ledger.risk_fund.IsPositive());
}

TEST_F(LiquidationTest, FundingCanLiquidate) {
  OpenLong(MarginMode::kIsolated);
  Mark("95500");
  ASSERT_EQ(Qty(small_), D("0.1"));
  ASSERT_TRUE(ex_.SetFundingRate("BTCUSDT", D("0.003")).ok());  // 0.1 × 95,500 × 0.3 % = 28.65
  ex_.OnTime(core::Timestamp::FromSeconds(1'700'006'400));
  EXPECT_EQ(Qty(small_), D("0"));
  // Funding came out of the posted margin, and the liquidation cost what was left of it.
  EXPECT_EQ(Balance(small_), D("494"));
  EXPECT_EQ(Account(small_).ledger.funding, D("-28.65"));
}

TEST_F(LiquidationTest, HedgeIsolatedLegsLiquidateSeparately) {
  const AccountId h = NewAccount(PositionMode::kHedge, "2000");
  ASSERT_TRUE(ex_.SetMarginMode(h, "BTCUSDT", MarginMode::kIsolated).has_value());
  PlaceOrderRequest open_long = Hedge(Market(OrderSide::kBuy, "0.1"), TradeSide::kOpen);
  open_long.margin_mode = MarginMode::kIsolated;
  PlaceOrderRequest open_short = Hedge(Market(OrderSide::kSell, "0.1"), TradeSide::kOpen);
  open_short.margin_mode = MarginMode::kIsolated;
  Place(h, open_long);
  Place(h, open_short);
  Mark("95439");
  EXPECT_EQ(Qty(h, PositionSide::kLong), D("0"));
  EXPECT_EQ(Qty(h, PositionSide::kShort), D("-0.1"));
  const AccountView a = Account(h);
  EXPECT_EQ(a.ledger.Balance(), a.balance);
}

}  // namespace
}  // namespace bgt::sim
