#include "bitget/requests.h"

namespace bgt::bitget {

std::string_view ToString(CandleKind v) {
  switch (v) {
    case CandleKind::kMarket:
      return "MARKET";
    case CandleKind::kMark:
      return "MARK";
    case CandleKind::kIndex:
      return "INDEX";
  }
  return "?";
}

std::string_view ToString(DepthPrecision v) {
  switch (v) {
    case DepthPrecision::kScale0:
      return "scale0";
    case DepthPrecision::kScale1:
      return "scale1";
    case DepthPrecision::kScale2:
      return "scale2";
    case DepthPrecision::kScale3:
      return "scale3";
  }
  return "?";
}

std::string_view ToString(DepthLimit v) {
  switch (v) {
    case DepthLimit::k1:
      return "1";
    case DepthLimit::k5:
      return "5";
    case DepthLimit::k15:
      return "15";
    case DepthLimit::k50:
      return "50";
    case DepthLimit::kMax:
      return "max";
  }
  return "?";
}

std::string_view ToString(PendingStatus v) {
  switch (v) {
    case PendingStatus::kLive:
      return "live";
    case PendingStatus::kPartiallyFilled:
      return "partially_filled";
  }
  return "?";
}

std::string_view ToString(StpMode v) {
  switch (v) {
    case StpMode::kNone:
      return "none";
    case StpMode::kCancelTaker:
      return "cancel_taker";
    case StpMode::kCancelMaker:
      return "cancel_maker";
    case StpMode::kCancelBoth:
      return "cancel_both";
  }
  return "?";
}

std::string_view ToString(PlanType v) {
  switch (v) {
    case PlanType::kNormalPlan:
      return "normal_plan";
    case PlanType::kTrackPlan:
      return "track_plan";
    case PlanType::kProfitPlan:
      return "profit_plan";
    case PlanType::kLossPlan:
      return "loss_plan";
    case PlanType::kMovingPlan:
      return "moving_plan";
    case PlanType::kPosProfit:
      return "pos_profit";
    case PlanType::kPosLoss:
      return "pos_loss";
    case PlanType::kProfitLoss:
      return "profit_loss";
  }
  return "?";
}

std::string_view ToString(TriggerType v) {
  switch (v) {
    case TriggerType::kMarkPrice:
      return "mark_price";
    case TriggerType::kFillPrice:
      return "fill_price";
  }
  return "?";
}

}  // namespace bgt::bitget
