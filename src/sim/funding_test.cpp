// Funding: the settlement grid, the payment's sign and size, the schedule, and settlement
// through the exchange (explicit OnTime and the clock's timers).
#include "sim/funding.h"

#include <gtest/gtest.h>

#include <chrono>

#include "sim/exchange_test_support.h"

namespace bgt::sim {
namespace {

using namespace exch_testing;  // NOLINT(google-build-using-namespace): test helpers
using core::Timestamp;
using std::chrono::hours;
using std::chrono::seconds;

// 2023-11-15T00:00:00Z.
constexpr std::int64_t kMidnight = 1'700'006'400;

TEST(FundingTimeTest, SettlesOnTheUtcGrid) {
  const Timestamp midnight = Timestamp::FromSeconds(kMidnight);
  EXPECT_EQ(NextFundingTime(midnight - seconds(1), 8), midnight);
  EXPECT_EQ(NextFundingTime(midnight, 8), midnight + hours(8));  // strictly after
  EXPECT_EQ(NextFundingTime(midnight + hours(7), 8), midnight + hours(8));
  EXPECT_EQ(NextFundingTime(midnight + seconds(1), 1), midnight + hours(1));
  EXPECT_EQ(NextFundingTime(midnight + hours(3), 2), midnight + hours(4));
  EXPECT_EQ(NextFundingTime(midnight + hours(3), 4), midnight + hours(4));
}

TEST(FundingAmountTest, LongsPayShortsWhenPositive) {
  // bitget-api-more.md §2.6: 0.1 BTC at mark 101,000, rate +0.0001 → the long pays 1.01.
  EXPECT_EQ(*FundingAmount(D("0.1"), D("101000"), D("0.0001")), D("-1.01"));
  EXPECT_EQ(*FundingAmount(D("-0.1"), D("101000"), D("0.0001")), D("1.01"));
  EXPECT_EQ(*FundingAmount(D("0.1"), D("101000"), D("-0.0001")), D("1.01"));
  EXPECT_EQ(*FundingAmount(D("0.1"), D("101000"), D("0")), D("0"));
  EXPECT_FALSE(FundingAmount(D("0.1"), D("0"), D("0.0001")).has_value());
}

TEST(FundingScheduleTest, HandsOutDueSettlementsOncePerInterval) {
  FundingSchedule s;
  const Timestamp start = Timestamp::FromSeconds(kMidnight) - hours(1);
  ASSERT_TRUE(s.AddSymbol("BTCUSDT", 8, start).ok());
  ASSERT_TRUE(s.AddSymbol("ETHUSDT", 4, start).ok());
  EXPECT_FALSE(s.AddSymbol("BTCUSDT", 8, start).ok());
  EXPECT_FALSE(s.AddSymbol("XUSDT", 0, start).ok());
  EXPECT_FALSE(s.SetRate("NOPE", D("0.1")).ok());
  ASSERT_TRUE(s.SetRate("BTCUSDT", D("0.0001")).ok());
  EXPECT_EQ(s.NextDue(), Timestamp::FromSeconds(kMidnight));
  EXPECT_TRUE(s.TakeDue(start + hours(1) - seconds(1)).empty());
  auto due = s.TakeDue(start + hours(1));
  ASSERT_EQ(due.size(), 2u);  // both settle at midnight, in symbol order
  EXPECT_EQ(due[0].symbol, "BTCUSDT");
  EXPECT_EQ(due[0].rate, D("0.0001"));
  EXPECT_EQ(due[1].symbol, "ETHUSDT");
  EXPECT_TRUE(s.TakeDue(start + hours(1)).empty());
  // Jumping 9 hours: ETH at 04:00 and 08:00, BTC at 08:00 — in time order.
  due = s.TakeDue(start + hours(10));
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(due[0].symbol, "ETHUSDT");
  EXPECT_EQ(due[0].time, Timestamp::FromSeconds(kMidnight) + hours(4));
  EXPECT_EQ(due[1].time, Timestamp::FromSeconds(kMidnight) + hours(8));
  EXPECT_EQ(due[2].time, Timestamp::FromSeconds(kMidnight) + hours(8));
  EXPECT_EQ(s.NextTime("BTCUSDT"), Timestamp::FromSeconds(kMidnight) + hours(16));
  EXPECT_EQ(s.IntervalHours("ETHUSDT"), 4);
}

class FundingExchangeTest : public ExchangeTest {
 protected:
  void OpenLongAndShort(MarginMode mode = MarginMode::kCrossed) {
    shorty_ = NewAccount(PositionMode::kOneWay, "10000");
    Book("99900", "100000");
    PlaceOrderRequest buy = Market(OrderSide::kBuy, "0.1");
    buy.margin_mode = mode;
    Place(acc_, buy);
    Place(shorty_, Market(OrderSide::kSell, "0.1"));
    Mark("101000");
    ASSERT_TRUE(ex_.SetFundingRate("BTCUSDT", D("0.0001")).ok());
    ex_.TakeEvents();
  }
  AccountId shorty_ = 0;
};

TEST_F(FundingExchangeTest, SettlesAtTheIntervalWithTheRightSign) {
  OpenLongAndShort();
  const core::Decimal long_before = Balance(acc_);
  const core::Decimal short_before = Balance(shorty_);
  ex_.OnTime(Timestamp::FromSeconds(kMidnight) - seconds(1));
  EXPECT_EQ(Balance(acc_), long_before);
  ex_.OnTime(Timestamp::FromSeconds(kMidnight));
  EXPECT_EQ(Balance(acc_), long_before - D("1.01"));
  EXPECT_EQ(Balance(shorty_), short_before + D("1.01"));
  EXPECT_EQ(Account(acc_).ledger.funding, D("-1.01"));
  EXPECT_EQ(Positions(acc_).at(0).funding, D("-1.01"));
  const auto events = EventsOf<FundingEvent>(ex_.TakeEvents());
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].amount, D("-1.01"));
  EXPECT_EQ(events[0].time, Timestamp::FromSeconds(kMidnight));
  const auto bills = *ex_.GetBills(acc_);
  EXPECT_EQ(bills.back().type, BillType::kFunding);
  EXPECT_EQ(ToString(bills.back().type), "contract_settle_fee");
  EXPECT_EQ(bills.back().amount, D("-1.01"));
  // Nothing more until 08:00.
  ex_.OnTime(Timestamp::FromSeconds(kMidnight) + hours(7));
  EXPECT_EQ(Balance(acc_), long_before - D("1.01"));
}

TEST_F(FundingExchangeTest, NegativeRatePaysTheLongs) {
  OpenLongAndShort();
  ASSERT_TRUE(ex_.SetFundingRate("BTCUSDT", D("-0.0002")).ok());
  const core::Decimal before = Balance(acc_);
  ex_.OnTime(Timestamp::FromSeconds(kMidnight));
  EXPECT_EQ(Balance(acc_), before + D("2.02"));
}

TEST_F(FundingExchangeTest, IsolatedFundingMovesThePositionMargin) {
  OpenLongAndShort(MarginMode::kIsolated);
  const core::Decimal margin = Positions(acc_).at(0).margin;
  EXPECT_EQ(margin, D("500"));
  ex_.OnTime(Timestamp::FromSeconds(kMidnight));
  EXPECT_EQ(Positions(acc_).at(0).margin, D("498.99"));
}

class FundingTimerTest : public ExchangeTest {
 protected:
  FundingTimerTest() : ExchangeTest(SimExchange::Options{.funding_timers = true}) {}
};

TEST_F(FundingTimerTest, ClockTimersSettleEveryInterval) {
  ASSERT_TRUE(ex_.AddInstrument(BtcWithFunding("HOURUSDT", "1")).ok());
  Mark("50000", "HOURUSDT");
  std::vector<model::BookLevel> bids{{D("49990"), D("1")}};
  std::vector<model::BookLevel> asks{{D("50000"), D("1")}};
  ASSERT_TRUE(ex_.SetLiquidity("HOURUSDT", bids, asks).ok());
  PlaceOrderRequest buy = Market(OrderSide::kBuy, "0.2");
  buy.symbol = "HOURUSDT";
  Place(acc_, buy);
  ASSERT_TRUE(ex_.SetFundingRate("HOURUSDT", D("0.0001")).ok());
  const core::Decimal before = Balance(acc_);
  // From 22:13:20 to 01:00: settlements at 23:00, 00:00 and 01:00 (each 0.2 × 50,000 × 0.0001).
  ASSERT_TRUE(clock_.AdvanceTo(Timestamp::FromSeconds(kMidnight) + hours(1)).ok());
  EXPECT_EQ(Balance(acc_), before - D("3"));
  EXPECT_EQ(EventsOf<FundingEvent>(ex_.TakeEvents()).size(), 3u);
}

}  // namespace
}  // namespace bgt::sim
