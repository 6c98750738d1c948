#include "model/order_types.h"

#include <gtest/gtest.h>

namespace bgt::model {
namespace {

TEST(OrderTypes, WireNamesRoundTripCaseInsensitively) {
  EXPECT_EQ(ToString(OrderSide::kBuy), "buy");
  EXPECT_EQ(*ParseOrderSide("SELL"), OrderSide::kSell);
  EXPECT_EQ(ToString(OrderType::kMarket), "market");
  EXPECT_EQ(*ParseOrderType("Limit"), OrderType::kLimit);
  EXPECT_EQ(ToString(TimeInForce::kPostOnly), "post_only");
  EXPECT_EQ(*ParseTimeInForce("GTC"), TimeInForce::kGtc);  // as ccxt sends it
  EXPECT_EQ(*ParseTimeInForce("ioc"), TimeInForce::kIoc);
  EXPECT_EQ(*ParseTimeInForce("fok"), TimeInForce::kFok);
  EXPECT_EQ(ToString(PositionSide::kNet), "net");
  EXPECT_EQ(*ParsePositionSide("short"), PositionSide::kShort);
  EXPECT_EQ(ToString(TradeSide::kClose), "close");
  EXPECT_EQ(*ParseTradeSide("Open"), TradeSide::kOpen);  // as ccxt sends it
  EXPECT_EQ(ToString(MarginMode::kCrossed), "crossed");
  EXPECT_EQ(*ParseMarginMode("isolated"), MarginMode::kIsolated);
  EXPECT_EQ(ToString(PositionMode::kHedge), "hedge_mode");
  EXPECT_EQ(*ParsePositionMode("one_way_mode"), PositionMode::kOneWay);
  EXPECT_EQ(ToString(LiquiditySide::kTaker), "taker");
  EXPECT_EQ(*ParseLiquiditySide("M"), LiquiditySide::kMaker);
  EXPECT_EQ(*ParseLiquiditySide("T"), LiquiditySide::kTaker);
}

TEST(OrderTypes, UnknownTextIsAnError) {
  auto bad = ParseOrderSide("long");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().message, "unknown order side \"long\"");
  EXPECT_FALSE(ParseTimeInForce("normal").has_value());  // v1 spelling
  EXPECT_FALSE(ParseMarginMode("fixed").has_value());    // v1 spelling
  EXPECT_FALSE(ParseTradeSide("").has_value());
  EXPECT_FALSE(ParsePositionMode("one_way").has_value());
}

TEST(OrderTypes, HedgeWireFollowsBitgetV2) {
  // Bitget v2 hedge mode: side = leg; a close of the long leg is side=buy, tradeSide=close.
  struct Case {
    OrderSide direction;
    PositionSide leg;
    HedgeWire wire;
  };
  for (const Case& c :
       {Case{OrderSide::kBuy, PositionSide::kLong, {OrderSide::kBuy, TradeSide::kOpen}},
        Case{OrderSide::kSell, PositionSide::kLong, {OrderSide::kBuy, TradeSide::kClose}},
        Case{OrderSide::kSell, PositionSide::kShort, {OrderSide::kSell, TradeSide::kOpen}},
        Case{OrderSide::kBuy, PositionSide::kShort, {OrderSide::kSell, TradeSide::kClose}}}) {
    EXPECT_EQ(*ToHedgeWire(c.direction, c.leg), c.wire);
    EXPECT_EQ(FromHedgeWire(c.wire), (HedgeIntent{c.direction, c.leg}));
  }
  EXPECT_FALSE(ToHedgeWire(OrderSide::kBuy, PositionSide::kNet).has_value());
  static_assert(Opposite(OrderSide::kBuy) == OrderSide::kSell);
  static_assert(IsOpeningTrade(OrderSide::kSell, PositionSide::kShort));
  static_assert(!IsOpeningTrade(OrderSide::kSell, PositionSide::kLong));
  static_assert(IsOpeningTrade(OrderSide::kSell, PositionSide::kNet));
}

}  // namespace
}  // namespace bgt::model
