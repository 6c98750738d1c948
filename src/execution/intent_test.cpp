#include "execution/intent.h"

#include <gtest/gtest.h>

#include "model/contract_rows_testdata.h"

namespace bgt::execution {
namespace {

using core::Decimal;
using model::OrderSide;
using model::PositionMode;
using model::PositionSide;

Decimal D(const char* text) { return *Decimal::Parse(text); }

SizedIntent Sized(strategy::IntentBody body, Decimal size = Decimal()) {
  SizedIntent i;
  i.body = std::move(body);
  i.size = size;
  return i;
}

class IntentTest : public ::testing::Test {
 protected:
  std::vector<OrderSpec> Plan(const SizedIntent& i, PositionMode mode, SymbolPosition pos) {
    auto r = PlanIntent(i, btc_, mode, pos, D("50000"));
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().ToString());
    return r ? *r : std::vector<OrderSpec>{};
  }
  static SizedIntent Target(const char* value) {
    return Sized(
        strategy::TargetPosition{"BTCUSDT", strategy::TargetPosition::Unit::kBaseSize, D(value)});
  }
  model::Instrument btc_ = model::testdata::MustBuild(model::testdata::BtcUsdtRow());
};

TEST_F(IntentTest, EntryCarriesStopAndTakeProfitAndLeg) {
  SizedIntent i = Sized(
      strategy::Entry{"BTCUSDT", strategy::Side::kShort, D("51000"), D("48000"), "x"}, D("0.01"));
  auto one_way = Plan(i, PositionMode::kOneWay, {});
  ASSERT_EQ(one_way.size(), 1u);
  EXPECT_EQ(one_way[0].kind, SpecKind::kOrder);
  EXPECT_EQ(one_way[0].direction, OrderSide::kSell);
  EXPECT_EQ(one_way[0].leg, PositionSide::kNet);
  EXPECT_FALSE(one_way[0].closing);
  EXPECT_EQ(one_way[0].size, D("0.01"));
  EXPECT_EQ(*one_way[0].stop_loss, D("51000"));
  EXPECT_EQ(*one_way[0].take_profit, D("48000"));
  EXPECT_EQ(Plan(i, PositionMode::kHedge, {}).at(0).leg, PositionSide::kShort);
  i.size = Decimal();
  EXPECT_FALSE(PlanIntent(i, btc_, PositionMode::kOneWay, {}, D("1")).has_value());
}

TEST_F(IntentTest, OneWayFlipIsCloseThenOpen) {
  auto specs = Plan(Target("-0.03"), PositionMode::kOneWay, {D("0.01"), {}, {}});
  ASSERT_EQ(specs.size(), 2u);
  EXPECT_TRUE(specs[0].closing);
  EXPECT_EQ(specs[0].direction, OrderSide::kSell);
  EXPECT_EQ(specs[0].size, D("0.01"));
  EXPECT_FALSE(specs[1].closing);
  EXPECT_EQ(specs[1].size, D("0.03"));
  EXPECT_TRUE(Plan(Target("-0.03"), PositionMode::kOneWay, {D("-0.03"), {}, {}}).empty());
}

TEST_F(IntentTest, HedgeTargetClosesOppositeLegFirst) {
  auto specs = Plan(Target("0.02"), PositionMode::kHedge, {{}, D("0.05"), D("-0.01")});
  ASSERT_EQ(specs.size(), 2u);
  EXPECT_EQ(specs[0].leg, PositionSide::kShort);
  EXPECT_EQ(specs[0].direction, OrderSide::kBuy);
  EXPECT_TRUE(specs[0].closing);
  EXPECT_EQ(specs[0].size, D("0.01"));
  EXPECT_EQ(specs[1].leg, PositionSide::kLong);
  EXPECT_EQ(specs[1].direction, OrderSide::kSell);
  EXPECT_EQ(specs[1].size, D("0.03"));
}

TEST_F(IntentTest, ExitClosesEverythingAndDustBecomesClosePosition) {
  SizedIntent exit = Sized(strategy::Exit{"BTCUSDT", "done"});
  auto dust = Plan(exit, PositionMode::kOneWay, {D("0.00007"), {}, {}});
  ASSERT_EQ(dust.size(), 1u);
  EXPECT_EQ(dust[0].kind, SpecKind::kClosePosition);
  EXPECT_EQ(dust[0].size, D("0.00007"));
  EXPECT_EQ(HoldSide(dust[0]), PositionSide::kLong);
  auto normal = Plan(exit, PositionMode::kOneWay, {D("-0.01"), {}, {}});
  ASSERT_EQ(normal.size(), 1u);
  EXPECT_EQ(normal[0].kind, SpecKind::kOrder);
  EXPECT_TRUE(normal[0].closing);
  EXPECT_EQ(normal[0].direction, OrderSide::kBuy);
  auto both = Plan(exit, PositionMode::kHedge, {{}, D("0.01"), D("-0.02")});
  EXPECT_EQ(both.size(), 2u);
  EXPECT_FALSE(PlanIntent(exit, btc_, PositionMode::kOneWay, {}, D("1")).has_value());
}

TEST_F(IntentTest, StopUpdate) {
  SizedIntent stop = Sized(strategy::StopUpdate{"BTCUSDT", D("49000")});
  auto specs = Plan(stop, PositionMode::kOneWay, {D("0.01"), {}, {}});
  ASSERT_EQ(specs.size(), 1u);
  EXPECT_EQ(specs[0].kind, SpecKind::kStopUpdate);
  EXPECT_EQ(HoldSide(specs[0]), PositionSide::kLong);
  EXPECT_EQ(*specs[0].stop_loss, D("49000"));
  EXPECT_FALSE(PlanIntent(stop, btc_, PositionMode::kOneWay, {}, D("1")).has_value());
}

TEST_F(IntentTest, EquityFractionTargetResolvedDownToStep) {
  strategy::TargetPosition t{"BTCUSDT", strategy::TargetPosition::Unit::kEquityFraction, D("-0.5")};
  // −0.5 × 1000 / 30000 = −0.016666… -> −0.0166 (toward zero).
  EXPECT_EQ(*ResolveTarget(t, btc_, D("1000"), D("30000")), D("-0.0166"));
  EXPECT_FALSE(ResolveTarget(t, btc_, D("1000"), D("0")).has_value());
}

TEST_F(IntentTest, BadIntentsRefused) {
  SizedIntent other = Sized(strategy::Exit{"ETHUSDT", ""});
  EXPECT_FALSE(
      PlanIntent(other, btc_, PositionMode::kOneWay, {D("1"), {}, {}}, D("1")).has_value());
  SizedIntent limit = Target("1");
  limit.type = model::OrderType::kLimit;
  EXPECT_FALSE(PlanIntent(limit, btc_, PositionMode::kOneWay, {}, D("1")).has_value());
}

}  // namespace
}  // namespace bgt::execution
