#include "model/order_types.h"

#include <array>
#include <utility>

#include "model/text_util.h"

namespace bgt::model {
namespace {

constexpr std::array<std::pair<std::string_view, OrderSide>, 2> kOrderSides{
    {{"buy", OrderSide::kBuy}, {"sell", OrderSide::kSell}}};
constexpr std::array<std::pair<std::string_view, OrderType>, 2> kOrderTypes{
    {{"limit", OrderType::kLimit}, {"market", OrderType::kMarket}}};
constexpr std::array<std::pair<std::string_view, TimeInForce>, 4> kTimeInForces{
    {{"gtc", TimeInForce::kGtc},
     {"ioc", TimeInForce::kIoc},
     {"fok", TimeInForce::kFok},
     {"post_only", TimeInForce::kPostOnly}}};
constexpr std::array<std::pair<std::string_view, PositionSide>, 3> kPositionSides{
    {{"net", PositionSide::kNet}, {"long", PositionSide::kLong}, {"short", PositionSide::kShort}}};
constexpr std::array<std::pair<std::string_view, TradeSide>, 2> kTradeSides{
    {{"open", TradeSide::kOpen}, {"close", TradeSide::kClose}}};
constexpr std::array<std::pair<std::string_view, MarginMode>, 2> kMarginModes{
    {{"isolated", MarginMode::kIsolated}, {"crossed", MarginMode::kCrossed}}};
constexpr std::array<std::pair<std::string_view, PositionMode>, 2> kPositionModes{
    {{"one_way_mode", PositionMode::kOneWay}, {"hedge_mode", PositionMode::kHedge}}};
constexpr std::array<std::pair<std::string_view, LiquiditySide>, 4> kLiquiditySides{
    {{"maker", LiquiditySide::kMaker},
     {"taker", LiquiditySide::kTaker},
     {"M", LiquiditySide::kMaker},
     {"T", LiquiditySide::kTaker}}};

}  // namespace

std::string_view ToString(OrderSide v) { return internal::NameOf(kOrderSides, v); }
std::string_view ToString(OrderType v) { return internal::NameOf(kOrderTypes, v); }
std::string_view ToString(TimeInForce v) { return internal::NameOf(kTimeInForces, v); }
std::string_view ToString(PositionSide v) { return internal::NameOf(kPositionSides, v); }
std::string_view ToString(TradeSide v) { return internal::NameOf(kTradeSides, v); }
std::string_view ToString(MarginMode v) { return internal::NameOf(kMarginModes, v); }
std::string_view ToString(PositionMode v) { return internal::NameOf(kPositionModes, v); }
std::string_view ToString(LiquiditySide v) { return internal::NameOf(kLiquiditySides, v); }

core::Result<OrderSide> ParseOrderSide(std::string_view text) {
  return internal::Lookup("order side", kOrderSides, text);
}
core::Result<OrderType> ParseOrderType(std::string_view text) {
  return internal::Lookup("order type", kOrderTypes, text);
}
core::Result<TimeInForce> ParseTimeInForce(std::string_view text) {
  return internal::Lookup("time in force", kTimeInForces, text);
}
core::Result<PositionSide> ParsePositionSide(std::string_view text) {
  return internal::Lookup("position side", kPositionSides, text);
}
core::Result<TradeSide> ParseTradeSide(std::string_view text) {
  return internal::Lookup("trade side", kTradeSides, text);
}
core::Result<MarginMode> ParseMarginMode(std::string_view text) {
  return internal::Lookup("margin mode", kMarginModes, text);
}
core::Result<PositionMode> ParsePositionMode(std::string_view text) {
  return internal::Lookup("position mode", kPositionModes, text);
}
core::Result<LiquiditySide> ParseLiquiditySide(std::string_view text) {
  return internal::Lookup("liquidity side", kLiquiditySides, text);
}

core::Result<HedgeWire> ToHedgeWire(OrderSide direction, PositionSide leg) {
  if (leg == PositionSide::kNet) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "hedge-mode orders need a long or short leg, not net");
  }
  const OrderSide side = leg == PositionSide::kLong ? OrderSide::kBuy : OrderSide::kSell;
  const TradeSide trade_side =
      IsOpeningTrade(direction, leg) ? TradeSide::kOpen : TradeSide::kClose;
  return HedgeWire{side, trade_side};
}

}  // namespace bgt::model
