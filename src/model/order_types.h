// Order vocabulary shared by every layer: side, type, time in force, position side, trade side,
// margin and position modes, liquidity. ToString gives Bitget's v2 wire spelling; the Parse*
// functions accept it in any ASCII case (ccxt sends "GTC", Bitget sends "gtc").
// Thread-safety: plain enums and pure functions.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.h"

namespace bgt::model {

// The direction of the trade: buy takes base coin in, sell gives it out. Always the trade
// direction, in both position modes (see HedgeWire for Bitget v2's hedge-mode spelling).
enum class OrderSide : std::uint8_t { kBuy, kSell };
enum class OrderType : std::uint8_t { kLimit, kMarket };
// Bitget `force`. Ignored by Bitget for market orders.
enum class TimeInForce : std::uint8_t { kGtc, kIoc, kFok, kPostOnly };
// Which position an order or fill acts on: the single net position (one-way mode) or one leg
// of a hedge-mode position.
enum class PositionSide : std::uint8_t { kNet, kLong, kShort };
// Hedge mode only: whether an order opens (increases) or closes (reduces) its leg.
enum class TradeSide : std::uint8_t { kOpen, kClose };
enum class MarginMode : std::uint8_t { kIsolated, kCrossed };
enum class PositionMode : std::uint8_t { kOneWay, kHedge };
// Bitget `tradeScope`: maker ("M"/"maker") or taker ("T"/"taker").
enum class LiquiditySide : std::uint8_t { kMaker, kTaker };

// "buy", "sell", "limit", "market", "gtc", "ioc", "fok", "post_only", "net", "long", "short",
// "open", "close", "isolated", "crossed", "one_way_mode", "hedge_mode", "maker", "taker".
std::string_view ToString(OrderSide v);
std::string_view ToString(OrderType v);
std::string_view ToString(TimeInForce v);
std::string_view ToString(PositionSide v);
std::string_view ToString(TradeSide v);
std::string_view ToString(MarginMode v);
std::string_view ToString(PositionMode v);
std::string_view ToString(LiquiditySide v);

// Each returns kInvalidArgument naming the unknown text. ParseLiquiditySide also accepts
// Bitget's one-letter "M"/"T".
core::Result<OrderSide> ParseOrderSide(std::string_view text);
core::Result<OrderType> ParseOrderType(std::string_view text);
core::Result<TimeInForce> ParseTimeInForce(std::string_view text);
core::Result<PositionSide> ParsePositionSide(std::string_view text);
core::Result<TradeSide> ParseTradeSide(std::string_view text);
core::Result<MarginMode> ParseMarginMode(std::string_view text);
core::Result<PositionMode> ParsePositionMode(std::string_view text);
core::Result<LiquiditySide> ParseLiquiditySide(std::string_view text);

constexpr OrderSide Opposite(OrderSide side) {
  return side == OrderSide::kBuy ? OrderSide::kSell : OrderSide::kBuy;
}

// True when a trade in `direction` may open or increase `leg`: buy on long, sell on short, and
// either direction on the net position (whether it opens depends on the current sign, which
// callers that know the position refine).
constexpr bool IsOpeningTrade(OrderSide direction, PositionSide leg) {
  switch (leg) {
    case PositionSide::kNet:
      return true;
    case PositionSide::kLong:
      return direction == OrderSide::kBuy;
    case PositionSide::kShort:
      return direction == OrderSide::kSell;
  }
  return true;
}

// Bitget v2 hedge mode names the leg in `side` and the action in `tradeSide`: a close of the
// long leg is sent as side=buy, tradeSide=close although it sells. (v3 UTA uses the trade
// direction instead.) These two functions convert between that spelling and bgt's model.
struct HedgeWire {
  OrderSide side;
  TradeSide trade_side;
  friend constexpr bool operator==(HedgeWire, HedgeWire) = default;
};
struct HedgeIntent {
  OrderSide direction;
  PositionSide leg;
  friend constexpr bool operator==(HedgeIntent, HedgeIntent) = default;
};
// Error (kInvalidArgument) when leg is kNet.
core::Result<HedgeWire> ToHedgeWire(OrderSide direction, PositionSide leg);
constexpr HedgeIntent FromHedgeWire(HedgeWire wire) {
  const PositionSide leg =
      wire.side == OrderSide::kBuy ? PositionSide::kLong : PositionSide::kShort;
  const OrderSide direction = wire.trade_side == TradeSide::kOpen ? wire.side : Opposite(wire.side);
  return {direction, leg};
}

}  // namespace bgt::model
