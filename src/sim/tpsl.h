// Plan (trigger) orders of the simulated venue: Bitget v2's normal_plan trigger orders and the
// TP/SL family profit_plan / loss_plan (partial, with a size) and pos_profit / pos_loss (whole
// position), their trigger rule on the mark or last price, and PlanBook, which stores them and
// says which came due. Executing a triggered plan (placing its reduce-only child order) is the
// exchange's job (bitget-api-more.md §4).
// Thread-safety: value types and a not thread-safe book owned by its exchange's thread.
//
// Trigger rule: a TP/SL plan on a long position fires when the price reaches the trigger from
// the position's favourable side: take profit (profit_plan, pos_profit) when price >= trigger,
// stop loss (loss_plan, pos_loss) when price <= trigger; mirrored for a short. A normal_plan
// fires when the price crosses the trigger in the direction it had to travel at placement
// (trigger above the reference price at placement: fires when price >= trigger; otherwise
// when price <= trigger). `triggerType` picks the price: mark_price or fill_price (last trade).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"
#include "model/order_types.h"
#include "sim/matching_engine.h"

namespace bgt::sim {

enum class PlanType : std::uint8_t { kNormalPlan, kProfitPlan, kLossPlan, kPosProfit, kPosLoss };
enum class TriggerType : std::uint8_t { kMarkPrice, kFillPrice };
// Bitget `planStatus`.
enum class PlanStatus : std::uint8_t { kLive, kExecuted, kFailExecute, kCancelled };

// "normal_plan", "profit_plan", "loss_plan", "pos_profit", "pos_loss"; "mark_price",
// "fill_price"; "live", "executed", "fail_execute", "cancelled".
std::string_view ToString(PlanType v);
std::string_view ToString(TriggerType v);
std::string_view ToString(PlanStatus v);
// The short codes of the WebSocket `orders-algo` channel: "pl", "tp", "sl", "ptp", "psl".
std::string_view WsPlanCode(PlanType v);
// ASCII case-insensitive. Error (kInvalidArgument) naming the unknown text.
core::Result<PlanType> ParsePlanType(std::string_view text);
core::Result<TriggerType> ParseTriggerType(std::string_view text);

constexpr bool IsTpsl(PlanType t) { return t != PlanType::kNormalPlan; }
constexpr bool IsTakeProfit(PlanType t) {
  return t == PlanType::kProfitPlan || t == PlanType::kPosProfit;
}
constexpr bool IsWholePosition(PlanType t) {
  return t == PlanType::kPosProfit || t == PlanType::kPosLoss;
}

struct PlanOrder {
  OrderId plan_id = 0;
  std::string client_oid;
  AccountId account = 0;
  std::string symbol;
  PlanType type = PlanType::kNormalPlan;
  TriggerType trigger_type = TriggerType::kMarkPrice;
  core::Decimal trigger_price;
  // Limit price of the child order; nullopt = market (Bitget executePrice empty or 0).
  std::optional<core::Decimal> execute_price;
  // Child order size; nullopt for pos_profit / pos_loss (the whole position at trigger time).
  std::optional<core::Decimal> size;
  // TP/SL: the position protected, kLong or kShort (also in one-way mode, where Bitget's
  // holdSide says buy/sell). normal_plan: the leg (kNet in one-way mode).
  model::PositionSide hold_side = model::PositionSide::kNet;
  // normal_plan only: the order to place, in Bitget's terms of the account's position mode.
  model::OrderSide side = model::OrderSide::kBuy;
  std::optional<model::TradeSide> trade_side;
  model::OrderType order_type = model::OrderType::kMarket;
  model::MarginMode margin_mode = model::MarginMode::kCrossed;
  bool reduce_only = false;
  bool fires_above = true;  // fires when price >= trigger (else <=)
  PlanStatus status = PlanStatus::kLive;
  core::Timestamp created;
  core::Timestamp updated;
  std::optional<core::Timestamp> triggered_at;
  std::optional<OrderId> execute_order_id;  // the child order, once placed
  std::string fail_reason;                  // why the child could not be placed
};

// Whether a TP/SL of `type` on a `hold_side` position fires when price >= trigger.
constexpr bool TpslFiresAbove(PlanType type, model::PositionSide hold_side) {
  return IsTakeProfit(type) == (hold_side != model::PositionSide::kShort);
}

// True when `price` satisfies the plan's trigger condition.
bool IsTriggered(const PlanOrder& plan, const core::Decimal& price);

// Plans by id, with an index of the live ones so that the trigger checks after every trade
// cost O(live plans) however long the history grows.
class PlanBook {
 public:
  // Stores a plan. Error (kAlreadyExists) when the id is taken.
  core::Status Add(PlanOrder plan);

  // Mutable access to a plan's fields; its status changes only through SetStatus.
  PlanOrder* Find(OrderId plan_id);
  const PlanOrder* Find(OrderId plan_id) const;
  const PlanOrder* FindByClientOid(AccountId account, std::string_view client_oid) const;
  // Changes a plan's status (and keeps the live index). False when the id is unknown.
  bool SetStatus(OrderId plan_id, PlanStatus status, core::Timestamp ts);
  // The live pos_profit / pos_loss plan of a position, if any.
  const PlanOrder* FindPositionPlan(AccountId account, std::string_view symbol,
                                    model::PositionSide hold_side, PlanType type) const;

  // Ids of the live plans on `symbol` watching `trigger_type` whose condition `price` meets,
  // in id (placement) order.
  std::vector<OrderId> Due(std::string_view symbol, TriggerType trigger_type,
                           const core::Decimal& price) const;

  // Plans of `account` (and `symbol` when given), live only or all, in id order.
  std::vector<const PlanOrder*> List(AccountId account, std::optional<std::string_view> symbol,
                                     bool live_only) const;
  // Ids of the live plans of `account` on `symbol` matching `pred`, in id order.
  std::vector<OrderId> LiveIds(AccountId account, std::string_view symbol,
                               const std::function<bool(const PlanOrder&)>& pred) const;
  std::size_t LiveCount(AccountId account, std::string_view symbol) const;

 private:
  std::map<OrderId, PlanOrder> plans_;
  std::set<OrderId> live_;
};

}  // namespace bgt::sim
