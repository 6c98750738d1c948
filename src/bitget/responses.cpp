#include "bitget/responses.h"

#include <array>
#include <string>
#include <utility>

namespace bgt::bitget {
namespace {

template <typename E, std::size_t N>
using Names = std::array<std::pair<std::string_view, E>, N>;

constexpr Names<OrderState, 5> kOrderStates{{
    {"live", OrderState::kLive},
    {"partially_filled", OrderState::kPartiallyFilled},
    {"filled", OrderState::kFilled},
    {"canceled", OrderState::kCanceled},
    {"cancelled", OrderState::kCanceled},  // the plan group's spelling
}};
constexpr Names<PlanType, 8> kPlanTypes{{
    {"normal_plan", PlanType::kNormalPlan},
    {"track_plan", PlanType::kTrackPlan},
    {"profit_plan", PlanType::kProfitPlan},
    {"loss_plan", PlanType::kLossPlan},
    {"moving_plan", PlanType::kMovingPlan},
    {"pos_profit", PlanType::kPosProfit},
    {"pos_loss", PlanType::kPosLoss},
    {"profit_loss", PlanType::kProfitLoss},
}};
constexpr Names<TriggerType, 2> kTriggerTypes{{
    {"fill_price", TriggerType::kFillPrice},
    {"mark_price", TriggerType::kMarkPrice},
}};
constexpr Names<AssetMode, 2> kAssetModes{{
    {"single", AssetMode::kSingle},
    {"union", AssetMode::kUnion},
}};

constexpr char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

template <typename E, std::size_t N>
std::string_view NameOf(const Names<E, N>& names, E value) {
  for (const auto& [name, v] : names) {
    if (v == value) return name;
  }
  return "?";
}

template <typename E, std::size_t N>
core::Result<E> Lookup(std::string_view kind, const Names<E, N>& names, std::string_view text) {
  for (const auto& [name, value] : names) {
    if (EqualsIgnoreCase(name, text)) return value;
  }
  constexpr std::size_t kMaxShown = 40;
  std::string shown(text.substr(0, kMaxShown));
  for (char& c : shown) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
  }
  return core::MakeError(
      core::ErrorCode::kInvalidArgument,
      "unknown " + std::string(kind) + " \"" + shown + (text.size() > kMaxShown ? "...\"" : "\""));
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         EqualsIgnoreCase(text.substr(text.size() - suffix.size()), suffix);
}

}  // namespace

std::string_view ToString(OrderState v) { return NameOf(kOrderStates, v); }
std::string_view ToString(AssetMode v) { return NameOf(kAssetModes, v); }

core::Result<OrderState> ParseOrderState(std::string_view text) {
  return Lookup("order state", kOrderStates, text);
}
core::Result<PlanType> ParsePlanType(std::string_view text) {
  return Lookup("plan type", kPlanTypes, text);
}
core::Result<TriggerType> ParseTriggerType(std::string_view text) {
  return Lookup("trigger type", kTriggerTypes, text);
}
core::Result<AssetMode> ParseAssetMode(std::string_view text) {
  return Lookup("asset mode", kAssetModes, text);
}

core::Result<model::HedgeIntent> TradeDirection(model::OrderSide side, std::string_view trade_side,
                                                std::optional<model::PositionMode> pos_mode) {
  if (pos_mode != model::PositionMode::kHedge) {
    return model::HedgeIntent{side, model::PositionSide::kNet};
  }
  if (EqualsIgnoreCase(trade_side, "open")) {
    return model::FromHedgeWire({side, model::TradeSide::kOpen});
  }
  if (EqualsIgnoreCase(trade_side, "close")) {
    return model::FromHedgeWire({side, model::TradeSide::kClose});
  }
  // Read-side closes name the leg themselves: reduce_close_long, burst_close_short, ...
  if (EndsWith(trade_side, "_close_long")) {
    return model::HedgeIntent{model::OrderSide::kSell, model::PositionSide::kLong};
  }
  if (EndsWith(trade_side, "_close_short")) {
    return model::HedgeIntent{model::OrderSide::kBuy, model::PositionSide::kShort};
  }
  std::string shown(trade_side.substr(0, 40));
  return core::MakeError(core::ErrorCode::kInvalidArgument,
                         "hedge-mode tradeSide \"" + shown + "\" says neither open nor close");
}

core::Result<model::Fill> ToModelFill(const FillInfo& fill) {
  auto intent = TradeDirection(fill.side, fill.trade_side, fill.pos_mode);
  if (!intent) return intent.error();
  model::Fill out;
  out.trade_id = fill.trade_id;
  out.venue_order_id = fill.order_id;
  out.symbol = fill.symbol;
  out.side = intent->direction;
  out.position_side = intent->leg;
  out.price = fill.price;
  out.quantity = fill.base_volume;
  out.liquidity = fill.trade_scope;
  out.ts = fill.c_time;
  for (std::size_t i = 0; i < fill.fee_detail.size(); ++i) {
    const FeeDetail& fee = fill.fee_detail[i];
    if (i == 0) {
      out.fee_coin = fee.fee_coin;
    } else if (fee.fee_coin != out.fee_coin) {
      return core::MakeError(
          core::ErrorCode::kInvalidArgument,
          "fill " + fill.trade_id.substr(0, 40) + " pays fees in more than one coin");
    }
    auto sum = core::Decimal::CheckedAdd(out.fee, fee.total_fee);
    if (!sum) return sum.error();
    out.fee = *sum;
  }
  return out;
}

}  // namespace bgt::bitget
