#include "model/position.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

namespace bgt::model {
namespace {

using core::Decimal;
using core::Timestamp;

Decimal D(const char* text) { return *Decimal::Parse(text); }

constexpr OrderSide kBuy = OrderSide::kBuy;
constexpr OrderSide kSell = OrderSide::kSell;

// Applies a fee-free trade and returns the realized PnL as text.
std::string Trade(Position& p, OrderSide side, const char* price, const char* qty) {
  auto r = p.Apply(side, D(price), D(qty), Decimal(), Timestamp());
  EXPECT_TRUE(r.has_value()) << r.error().ToString();
  return r.has_value() ? r->Normalized().ToString() : "error";
}

// Worked example, by hand:
//   buy 0.5 @ 60000 -> qty 0.5, notional 30000
//   buy 0.5 @ 62000 -> qty 1.0, notional 61000, avg 61000
//   at mark 63000: unrealized = 63000 × 1 - 61000 = 2000
//   sell 0.4 @ 65000 -> closes 0.4: basis 61000 × 0.4 = 24400, exit 26000, realized +1600
//                       qty 0.6, notional 36600, avg still 61000
//   sell 0.6 @ 59000 -> basis 36600, exit 35400, realized -1200; flat. Total realized +400.
TEST(Position, LongIncreaseReduceClose) {
  Position p("BTCUSDT", PositionSide::kNet);
  EXPECT_EQ(Trade(p, kBuy, "60000", "0.5"), "0");
  EXPECT_EQ(Trade(p, kBuy, "62000", "0.5"), "0");
  EXPECT_EQ(p.quantity(), D("1"));
  EXPECT_EQ(p.entry_notional(), D("61000"));
  EXPECT_EQ(p.AvgEntryPrice(1)->ToString(), "61000.0");
  EXPECT_EQ(*p.UnrealizedPnl(D("63000")), D("2000"));
  EXPECT_EQ(Trade(p, kSell, "65000", "0.4"), "1600");
  EXPECT_EQ(p.quantity(), D("0.6"));
  EXPECT_EQ(p.entry_notional(), D("36600"));
  EXPECT_EQ(*p.AvgEntryPrice(1), D("61000"));
  EXPECT_EQ(*p.UnrealizedPnl(D("60000")), D("-600"));  // 36000 - 36600
  EXPECT_EQ(Trade(p, kSell, "59000", "0.6"), "-1200");
  EXPECT_TRUE(p.IsFlat());
  EXPECT_TRUE(p.entry_notional().IsZero());
  EXPECT_EQ(p.realized_pnl(), D("400"));
  EXPECT_EQ(*p.UnrealizedPnl(D("1")), D("0"));
  EXPECT_EQ(p.AvgEntryPrice(1).error().code, core::ErrorCode::kFailedPrecondition);
}

// Short: sell 2 @ 100, sell 2 @ 104 -> qty -4, notional 408, avg 102.
//   unrealized at 101: 408 - 404 = +4
//   buy 1 @ 90  -> basis 408 × 1/4 = 102, realized (102 - 90) × 1 = +12; qty -3, notional 306
//   buy 3 @ 110 -> basis 306, exit 330, realized -24; flat. Total -12.
TEST(Position, ShortPnlIsEntryMinusExit) {
  Position p("ETHUSDT", PositionSide::kNet);
  Trade(p, kSell, "100", "2");
  Trade(p, kSell, "104", "2");
  EXPECT_EQ(p.quantity(), D("-4"));
  EXPECT_EQ(*p.AvgEntryPrice(0), D("102"));
  EXPECT_EQ(*p.UnrealizedPnl(D("101")), D("4"));
  EXPECT_EQ(Trade(p, kBuy, "90", "1"), "12");
  EXPECT_EQ(p.quantity(), D("-3"));
  EXPECT_EQ(p.entry_notional(), D("306"));
  EXPECT_EQ(Trade(p, kBuy, "110", "3"), "-24");
  EXPECT_TRUE(p.IsFlat());
  EXPECT_EQ(p.realized_pnl(), D("-12"));
}

// One-way flip: long 1 @ 100, sell 3 @ 110 -> realizes +10 on the long, then short 2 @ 110.
TEST(Position, OneWayFlipsThroughZero) {
  Position p("SOLUSDT", PositionSide::kNet);
  Trade(p, kBuy, "100", "1");
  EXPECT_EQ(Trade(p, kSell, "110", "3"), "10");
  EXPECT_EQ(p.quantity(), D("-2"));
  EXPECT_EQ(p.entry_notional(), D("220"));
  EXPECT_EQ(*p.AvgEntryPrice(0), D("110"));
  // And back: buy 5 @ 100 closes the short (+20) and opens long 3 @ 100.
  EXPECT_EQ(Trade(p, kBuy, "100", "5"), "20");
  EXPECT_EQ(p.quantity(), D("3"));
  EXPECT_EQ(p.entry_notional(), D("300"));
  EXPECT_EQ(p.realized_pnl(), D("30"));
}

// Entry 31 for 3 units (avg 10.333...). Partial closes round the removed basis, the full close
// removes the rest exactly, so the round trip realizes exactly 36 - 31 = 5.
//   sell 1 @ 12 -> basis 31/3 = 10.33333333 (8 decimals), realized 1.66666667
//   sell 2 @ 12 -> basis 31 - 10.33333333 = 20.66666667, realized 24 - 20.66666667 = 3.33333333
TEST(Position, NonTerminatingAverageStillRealizesExactlyOnFullClose) {
  Position p("XRPUSDT", PositionSide::kNet);
  Trade(p, kBuy, "10", "1");
  Trade(p, kBuy, "10", "1");
  Trade(p, kBuy, "11", "1");
  EXPECT_EQ(p.AvgEntryPrice(4)->ToString(), "10.3333");
  EXPECT_EQ(Trade(p, kSell, "12", "1"), "1.66666667");
  EXPECT_EQ(p.entry_notional(), D("20.66666667"));
  EXPECT_EQ(Trade(p, kSell, "12", "2"), "3.33333333");
  EXPECT_EQ(p.realized_pnl(), D("5"));
}

TEST(Position, RealBtcSizesAndFees) {
  // BTCUSDT: 0.0150 @ 60000.1 and 0.0050 @ 59990.5; notional 900.0015 + 299.9525 = 1199.954.
  Position p("BTCUSDT", PositionSide::kNet);
  ASSERT_TRUE(p.Apply(kBuy, D("60000.1"), D("0.0150"), D("-0.54000090"), Timestamp()).has_value());
  ASSERT_TRUE(p.Apply(kBuy, D("59990.5"), D("0.0050"), D("-0.17997150"), Timestamp()).has_value());
  EXPECT_EQ(p.entry_notional(), D("1199.954"));
  EXPECT_EQ(p.AvgEntryPrice(1)->ToString(), "59997.7");
  EXPECT_EQ(p.fees(), D("-0.7199724"));
  // Sell all 0.02 @ 61000.0: 1220 - 1199.954 = 20.046.
  auto pnl = p.Apply(kSell, D("61000.0"), D("0.0200"), D("-0.732"), Timestamp::FromMillis(5));
  ASSERT_TRUE(pnl.has_value());
  EXPECT_EQ(*pnl, D("20.046"));
  EXPECT_EQ(p.fees(), D("-1.4519724"));
  EXPECT_EQ(p.updated_at(), Timestamp::FromMillis(5));
}

TEST(Position, HedgeLegsNeverChangeSign) {
  Position long_leg("BTCUSDT", PositionSide::kLong);
  EXPECT_EQ(long_leg.Apply(kSell, D("100"), D("1"), Decimal(), Timestamp()).error().code,
            core::ErrorCode::kOutOfRange);  // cannot open a long leg by selling
  Trade(long_leg, kBuy, "100", "2");
  auto over = long_leg.Apply(kSell, D("110"), D("3"), Decimal(), Timestamp());
  ASSERT_FALSE(over.has_value());
  EXPECT_EQ(over.error().code, core::ErrorCode::kOutOfRange);
  EXPECT_EQ(long_leg.quantity(), D("2"));  // unchanged
  EXPECT_TRUE(long_leg.realized_pnl().IsZero());
  EXPECT_EQ(Trade(long_leg, kSell, "110", "2"), "20");

  Position short_leg("BTCUSDT", PositionSide::kShort);
  EXPECT_FALSE(short_leg.Apply(kBuy, D("100"), D("1"), Decimal(), Timestamp()).has_value());
  Trade(short_leg, kSell, "100", "1");
  EXPECT_EQ(short_leg.quantity(), D("-1"));
  EXPECT_EQ(Trade(short_leg, kBuy, "95", "1"), "5");
}

TEST(Position, ApplyFillChecksOwnershipAndConvertsHedgeWire) {
  // Bitget v2 hedge close-long fill: side=buy, tradeSide=close. The model's trade direction is
  // a sell on the long leg.
  const HedgeIntent intent = FromHedgeWire({OrderSide::kBuy, TradeSide::kClose});
  EXPECT_EQ(intent.direction, kSell);
  EXPECT_EQ(intent.leg, PositionSide::kLong);

  Position long_leg("BTCUSDT", PositionSide::kLong);
  Fill open;
  open.trade_id = "1";
  open.symbol = "BTCUSDT";
  open.side = kBuy;
  open.position_side = PositionSide::kLong;
  open.price = D("100");
  open.quantity = D("1");
  ASSERT_TRUE(long_leg.ApplyFill(open).has_value());
  Fill close = open;
  close.trade_id = "2";
  close.side = intent.direction;
  close.price = D("120");
  EXPECT_EQ(*long_leg.ApplyFill(close), D("20"));

  Fill wrong = open;
  wrong.position_side = PositionSide::kShort;
  EXPECT_EQ(long_leg.ApplyFill(wrong).error().code, core::ErrorCode::kInvalidArgument);
  wrong = open;
  wrong.symbol = "ETHUSDT";
  EXPECT_FALSE(long_leg.ApplyFill(wrong).has_value());
}

TEST(Position, BadInputs) {
  Position p("BTCUSDT", PositionSide::kNet);
  EXPECT_EQ(p.Apply(kBuy, D("0"), D("1"), Decimal(), Timestamp()).error().code,
            core::ErrorCode::kInvalidArgument);
  EXPECT_FALSE(p.Apply(kBuy, D("1"), D("-1"), Decimal(), Timestamp()).has_value());
  EXPECT_EQ(p.UnrealizedPnl(D("0")).error().code, core::ErrorCode::kInvalidArgument);
}

// Property: for any sequence of one-way trades, once flat, realized PnL equals
// Σ sell value − Σ buy value exactly (the rounding of partial closes cancels out).
RC_GTEST_PROP(PositionProperty, RoundTripRealizesExactly, ()) {
  Position p("BTCUSDT", PositionSide::kNet);
  const auto trades = *rc::gen::container<std::vector<std::tuple<bool, int, int>>>(rc::gen::tuple(
      rc::gen::arbitrary<bool>(), rc::gen::inRange(1, 100000), rc::gen::inRange(1, 1000)));
  Decimal cash;  // + sells, - buys
  for (const auto& [buy, price_units, qty_units] : trades) {
    const Decimal price = *Decimal::FromParts(price_units, 1);
    const Decimal qty = *Decimal::FromParts(qty_units, 3);
    RC_ASSERT(p.Apply(buy ? kBuy : kSell, price, qty, Decimal(), Timestamp()).has_value());
    cash = buy ? cash - price * qty : cash + price * qty;
  }
  // Flatten at an arbitrary price.
  const Decimal close_price = *Decimal::FromParts(*rc::gen::inRange(1, 100000), 1);
  if (!p.IsFlat()) {
    const Decimal qty = p.quantity().Abs();
    const bool buy = p.quantity().IsNegative();
    RC_ASSERT(p.Apply(buy ? kBuy : kSell, close_price, qty, Decimal(), Timestamp()).has_value());
    cash = buy ? cash - close_price * qty : cash + close_price * qty;
  }
  RC_ASSERT(p.IsFlat());
  RC_ASSERT(p.realized_pnl() == cash);
}

// Property: fills at any price/size precision an instrument may have (prices up to 10 decimals,
// sizes up to 4) never abort; a refused fill leaves the position unchanged, and the entry
// notional's decimals stay bounded by max(8, the fills' decimals) however many partial closes.
RC_GTEST_PROP(PositionProperty, ManyPartialClosesNeverAbortOrCreepInScale, ()) {
  Position p("PEPEUSDT", PositionSide::kNet);
  const int price_scale = *rc::gen::inRange(0, 11);
  const int qty_scale = *rc::gen::inRange(0, 5);
  const auto trades = *rc::gen::container<std::vector<std::tuple<bool, int, int>>>(rc::gen::tuple(
      rc::gen::arbitrary<bool>(), rc::gen::inRange(1, 1'000'000), rc::gen::inRange(1, 1'000'000)));
  for (const auto& [buy, price_units, qty_units] : trades) {
    const Decimal before_qty = p.quantity();
    const Decimal before_notional = p.entry_notional();
    auto r = p.Apply(buy ? kBuy : kSell, *Decimal::FromParts(price_units, price_scale),
                     *Decimal::FromParts(qty_units, qty_scale), Decimal(), Timestamp());
    if (!r.has_value()) {
      RC_ASSERT(p.quantity() == before_qty);
      RC_ASSERT(p.entry_notional() == before_notional);
    }
    RC_ASSERT(p.entry_notional().Normalized().scale() <= std::max(8, price_scale + qty_scale));
    RC_ASSERT(!p.entry_notional().IsNegative());
  }
}

}  // namespace
}  // namespace bgt::model
