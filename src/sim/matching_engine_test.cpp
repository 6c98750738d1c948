#include "sim/matching_engine.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/clock.h"
#include "sim/matching_test_support.h"

namespace bgt::sim {
namespace {

using core::Decimal;
using model::LiquiditySide;
using model::OrderSide;
using model::TimeInForce;
using testing::Btc;
using testing::D;
using testing::Kinds;
using testing::Limit;
using testing::Market;
using testing::Of;

constexpr OrderSide kBuy = OrderSide::kBuy;
constexpr OrderSide kSell = OrderSide::kSell;
constexpr AccountId kAlice = 1;
constexpr AccountId kBob = 2;

class MatchingEngineTest : public ::testing::Test {
 protected:
  MatchingEngineTest()
      : clock_(core::Timestamp::FromMillis(1'700'000'000'000)), engine_(Btc(), clock_) {}

  // Submits and expects success; returns the call's events.
  MatchEvents Place(const OrderRequest& request) {
    MatchEvents events;
    const core::Status status = engine_.Submit(request, events);
    EXPECT_TRUE(status.ok()) << status.ToString();
    engine_.CheckInvariants();
    return events;
  }
  // Expects a rejection with `venue_code`; returns the error.
  core::Error Reject(const OrderRequest& request, const std::string& venue_code) {
    MatchEvents events;
    const std::int64_t seq = engine_.seq();
    const core::Status status = engine_.Submit(request, events);
    EXPECT_FALSE(status.ok());
    EXPECT_EQ(Kinds(events), "X");
    EXPECT_EQ(engine_.seq(), seq);
    if (status.ok()) return {};
    EXPECT_EQ(status.error().venue_code, venue_code) << status.error().message;
    EXPECT_EQ(Of<OrderRejected>(events).at(0).error.venue_code, venue_code);
    return status.error();
  }
  Decimal Leaves(OrderId id) {
    const std::optional<OpenOrder> o = engine_.FindOrder(id);
    return o ? o->leaves : D("0");
  }

  core::TestClock clock_;
  MatchingEngine engine_;
};

TEST_F(MatchingEngineTest, GtcRestsWhenNotCrossing) {
  const MatchEvents ev = Place(Limit(1, kAlice, kBuy, "100.0", "0.5"));
  EXPECT_EQ(Kinds(ev), "AR");
  const OrderRested rested = Of<OrderRested>(ev).at(0);
  EXPECT_EQ(rested.price, D("100"));
  EXPECT_EQ(rested.leaves, D("0.5"));
  EXPECT_EQ(rested.price.ToString(), "100.0");    // pricePlace decimals
  EXPECT_EQ(rested.leaves.ToString(), "0.5000");  // volumePlace decimals
  EXPECT_EQ(rested.ts, clock_.Now());
  EXPECT_EQ(engine_.BestBid(), (model::BookLevel{D("100"), D("0.5")}));
  EXPECT_FALSE(engine_.BestAsk().has_value());
  EXPECT_EQ(engine_.seq(), 1);
  EXPECT_EQ(engine_.OpenOrderCount(), 1U);
}

TEST_F(MatchingEngineTest, GtcTakesAtMakerPriceAndRestsRemainder) {
  Place(Limit(1, kAlice, kSell, "100.0", "1"));
  const MatchEvents ev = Place(Limit(2, kBob, kBuy, "101.0", "1.5"));
  EXPECT_EQ(Kinds(ev), "AFR");
  const OrderFilled fill = Of<OrderFilled>(ev).at(0);
  EXPECT_EQ(fill.price, D("100"));  // the maker's price, not the taker's limit
  EXPECT_EQ(fill.size, D("1"));
  EXPECT_EQ(fill.taker.order_id, 2U);
  EXPECT_EQ(fill.taker.owner, kBob);
  EXPECT_EQ(fill.taker.liquidity, LiquiditySide::kTaker);
  EXPECT_EQ(fill.taker.side, kBuy);
  EXPECT_EQ(fill.taker.filled, D("1"));
  EXPECT_EQ(fill.taker.leaves, D("0.5"));
  EXPECT_EQ(fill.maker.order_id, 1U);
  EXPECT_EQ(fill.maker.owner, kAlice);
  EXPECT_EQ(fill.maker.liquidity, LiquiditySide::kMaker);
  EXPECT_EQ(fill.maker.leaves, D("0"));
  EXPECT_EQ(Of<OrderRested>(ev).at(0).price, D("101"));
  EXPECT_EQ(engine_.BestBid(), (model::BookLevel{D("101"), D("0.5")}));
  EXPECT_FALSE(engine_.BestAsk().has_value());
  EXPECT_EQ(engine_.LastTradePrice(), D("100"));
  EXPECT_EQ(engine_.TotalVolume(), D("1"));
  EXPECT_EQ(engine_.TradeCount(), 1U);
}

TEST_F(MatchingEngineTest, IocFillsWhatItCanAndCancelsTheRest) {
  Place(Limit(1, kAlice, kSell, "100.0", "0.3"));
  Place(Limit(2, kAlice, kSell, "100.5", "1"));
  const MatchEvents ev = Place(Limit(3, kBob, kBuy, "100.2", "1", TimeInForce::kIoc));
  EXPECT_EQ(Kinds(ev), "AFC");
  const OrderCanceled c = Of<OrderCanceled>(ev).at(0);
  EXPECT_EQ(c.reason, CancelReason::kIocRemainder);
  EXPECT_EQ(c.canceled, D("0.7"));
  EXPECT_EQ(c.filled, D("0.3"));
  EXPECT_FALSE(engine_.FindOrder(3).has_value());
  EXPECT_FALSE(engine_.BestBid().has_value());
}

TEST_F(MatchingEngineTest, IocWithoutLiquidityIsCanceledWhole) {
  const MatchEvents ev = Place(Limit(1, kBob, kBuy, "100", "1", TimeInForce::kIoc));
  EXPECT_EQ(Kinds(ev), "AC");
  EXPECT_EQ(Of<OrderCanceled>(ev).at(0).canceled, D("1"));
  EXPECT_EQ(engine_.seq(), 0);
  EXPECT_EQ(engine_.OpenOrderCount(), 0U);
}

TEST_F(MatchingEngineTest, FokFillsEntirelyAcrossLevels) {
  Place(Limit(1, kAlice, kSell, "100.0", "0.4"));
  Place(Limit(2, kAlice, kSell, "100.1", "0.6"));
  const MatchEvents ev = Place(Limit(3, kBob, kBuy, "100.1", "1", TimeInForce::kFok));
  EXPECT_EQ(Kinds(ev), "AFF");
  EXPECT_EQ(Of<OrderFilled>(ev).at(1).taker.leaves, D("0"));
  EXPECT_EQ(engine_.OpenOrderCount(), 0U);
}

TEST_F(MatchingEngineTest, FokThatCannotFillChangesNothing) {
  Place(Limit(1, kAlice, kSell, "100.0", "0.4"));
  Place(Limit(2, kAlice, kSell, "100.2", "5"));  // beyond the limit
  const model::OrderBookSnapshot before = engine_.Depth(10);
  const MatchEvents ev = Place(Limit(3, kBob, kBuy, "100.1", "1", TimeInForce::kFok));
  EXPECT_EQ(Kinds(ev), "AC");
  const OrderCanceled c = Of<OrderCanceled>(ev).at(0);
  EXPECT_EQ(c.reason, CancelReason::kFokUnfilled);
  EXPECT_EQ(c.canceled, D("1"));
  EXPECT_EQ(c.filled, D("0"));
  const model::OrderBookSnapshot after = engine_.Depth(10);
  EXPECT_EQ(after.asks, before.asks);
  EXPECT_EQ(after.seq, before.seq);
  EXPECT_EQ(engine_.TradeCount(), 0U);
}

TEST_F(MatchingEngineTest, PostOnlyRestsWhenPassive) {
  Place(Limit(1, kAlice, kSell, "100.0", "1"));
  const MatchEvents ev = Place(Limit(2, kBob, kBuy, "99.9", "1", TimeInForce::kPostOnly));
  EXPECT_EQ(Kinds(ev), "AR");
  EXPECT_EQ(engine_.FindOrder(2)->time_in_force, TimeInForce::kPostOnly);
}

TEST_F(MatchingEngineTest, PostOnlyThatWouldTakeIsCanceledNotRejected) {
  Place(Limit(1, kAlice, kSell, "100.0", "1"));
  const std::int64_t seq = engine_.seq();
  const MatchEvents ev = Place(Limit(2, kBob, kBuy, "100.0", "1", TimeInForce::kPostOnly));
  EXPECT_EQ(Kinds(ev), "AC");
  EXPECT_EQ(Of<OrderCanceled>(ev).at(0).reason, CancelReason::kPostOnlyWouldTake);
  EXPECT_EQ(engine_.seq(), seq);
  EXPECT_EQ(engine_.BestAsk(), (model::BookLevel{D("100"), D("1")}));
  EXPECT_EQ(engine_.TradeCount(), 0U);
}

TEST_F(MatchingEngineTest, MarketSweepsLevels) {
  Place(Limit(1, kAlice, kSell, "100.0", "1"));
  Place(Limit(2, kAlice, kSell, "101.0", "2"));
  Place(Limit(3, kAlice, kSell, "102.0", "3"));
  const MatchEvents ev = Place(Market(4, kBob, kBuy, "4"));
  EXPECT_EQ(Kinds(ev), "AFFF");
  const std::vector<OrderFilled> fills = Of<OrderFilled>(ev);
  EXPECT_EQ(fills[0].price, D("100"));
  EXPECT_EQ(fills[1].price, D("101"));
  EXPECT_EQ(fills[1].size, D("2"));
  EXPECT_EQ(fills[2].price, D("102"));
  EXPECT_EQ(fills[2].size, D("1"));
  EXPECT_FALSE(Of<OrderAccepted>(ev).at(0).price.has_value());
  EXPECT_EQ(engine_.BestAsk(), (model::BookLevel{D("102"), D("2")}));
  EXPECT_EQ(engine_.LastTradePrice(), D("102"));
  EXPECT_EQ(engine_.TotalVolume(), D("4"));
}

TEST_F(MatchingEngineTest, MarketStopsAtProtectionPriceAndCancelsRemainder) {
  Place(Limit(1, kAlice, kBuy, "100.0", "1"));
  Place(Limit(2, kAlice, kBuy, "99.0", "2"));
  Place(Limit(3, kAlice, kBuy, "98.0", "3"));
  // Off-tick protection is rounded inward: a sell never gets below 98.95 -> 99.0.
  const MatchEvents ev = Place(Market(4, kBob, kSell, "5", "98.95"));
  EXPECT_EQ(Kinds(ev), "AFFC");
  EXPECT_EQ(Of<OrderAccepted>(ev).at(0).price, D("99"));
  const OrderCanceled c = Of<OrderCanceled>(ev).at(0);
  EXPECT_EQ(c.reason, CancelReason::kMarketRemainder);
  EXPECT_EQ(c.canceled, D("2"));
  EXPECT_EQ(c.filled, D("3"));
  EXPECT_EQ(engine_.BestBid(), (model::BookLevel{D("98"), D("3")}));
}

TEST_F(MatchingEngineTest, MarketOnEmptyBookIsCanceled) {
  const MatchEvents ev = Place(Market(1, kBob, kBuy, "1"));
  EXPECT_EQ(Kinds(ev), "AC");
  EXPECT_EQ(Of<OrderCanceled>(ev).at(0).reason, CancelReason::kMarketRemainder);
}

TEST_F(MatchingEngineTest, MarketIgnoresTimeInForce) {
  Place(Limit(1, kAlice, kSell, "100.0", "1"));
  OrderRequest r = Market(2, kBob, kBuy, "1");
  r.time_in_force = TimeInForce::kPostOnly;
  EXPECT_EQ(Kinds(Place(r)), "AF");
}

TEST_F(MatchingEngineTest, PartialFillsOfAMaker) {
  Place(Limit(1, kAlice, kSell, "100.0", "3"));
  Place(Limit(2, kBob, kBuy, "100.0", "1", TimeInForce::kIoc));
  const MatchEvents ev = Place(Limit(3, kBob, kBuy, "100.0", "1", TimeInForce::kIoc));
  const OrderFilled fill = Of<OrderFilled>(ev).at(0);
  EXPECT_EQ(fill.maker.filled, D("2"));
  EXPECT_EQ(fill.maker.leaves, D("1"));
  const OpenOrder maker = *engine_.FindOrder(1);
  EXPECT_EQ(maker.size, D("3"));
  EXPECT_EQ(maker.filled, D("2"));
  EXPECT_EQ(maker.leaves, D("1"));
  EXPECT_EQ(engine_.BestAsk(), (model::BookLevel{D("100"), D("1")}));
}

TEST_F(MatchingEngineTest, FifoAtOneLevel) {
  Place(Limit(1, kAlice, kSell, "100.0", "1"));
  Place(Limit(2, kBob, kSell, "100.0", "1"));
  Place(Limit(3, kAlice, kSell, "100.0", "1"));
  const MatchEvents ev = Place(Limit(4, 9, kBuy, "100.0", "2.5"));
  const std::vector<OrderFilled> fills = Of<OrderFilled>(ev);
  ASSERT_EQ(fills.size(), 3U);
  EXPECT_EQ(fills[0].maker.order_id, 1U);
  EXPECT_EQ(fills[1].maker.order_id, 2U);
  EXPECT_EQ(fills[2].maker.order_id, 3U);
  EXPECT_EQ(fills[2].size, D("0.5"));
  EXPECT_EQ(fills[0].trade_id + 1, fills[1].trade_id);
  EXPECT_EQ(Leaves(3), D("0.5"));
}

TEST_F(MatchingEngineTest, PriceBeatsTime) {
  Place(Limit(1, kAlice, kSell, "100.5", "1"));
  Place(Limit(2, kBob, kSell, "100.0", "1"));
  const MatchEvents ev = Place(Limit(3, 9, kBuy, "101.0", "1"));
  EXPECT_EQ(Of<OrderFilled>(ev).at(0).maker.order_id, 2U);
}

TEST_F(MatchingEngineTest, TradeIdsStartAtTheConfiguredValue) {
  MatchingEngine engine(Btc(), clock_, MatchingEngine::Options{.first_trade_id = 500});
  MatchEvents ev;
  ASSERT_TRUE(engine.Submit(Limit(1, kAlice, kSell, "100", "2"), ev).ok());
  ASSERT_TRUE(engine.Submit(Limit(2, kBob, kBuy, "100", "1"), ev).ok());
  ASSERT_TRUE(engine.Submit(Limit(3, kBob, kBuy, "100", "1"), ev).ok());
  const std::vector<OrderFilled> fills = Of<OrderFilled>(ev);
  ASSERT_EQ(fills.size(), 2U);
  EXPECT_EQ(fills[0].trade_id, 500U);
  EXPECT_EQ(fills[1].trade_id, 501U);
}

TEST_F(MatchingEngineTest, TimestampsComeFromTheClock) {
  Place(Limit(1, kAlice, kSell, "100", "1"));
  ASSERT_TRUE(clock_.AdvanceBy(std::chrono::seconds(5)).ok());
  const MatchEvents ev = Place(Limit(2, kBob, kBuy, "100", "0.4"));
  EXPECT_EQ(Of<OrderFilled>(ev).at(0).ts, clock_.Now());
  const OpenOrder maker = *engine_.FindOrder(1);
  EXPECT_EQ(maker.updated, clock_.Now());
  EXPECT_EQ(maker.created, clock_.Now() - std::chrono::seconds(5));
}

}  // namespace
}  // namespace bgt::sim
