#include "sim/tpsl.h"

#include <array>
#include <utility>

namespace bgt::sim {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) {
      return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

template <typename E, std::size_t N>
core::Result<E> ParseEnum(std::string_view text, const std::array<E, N>& values,
                          std::string_view what) {
  for (E v : values) {
    if (EqualsIgnoreCase(text, ToString(v))) return v;
  }
  return core::MakeError(core::ErrorCode::kInvalidArgument,
                         "unknown " + std::string(what) + " '" + std::string(text) + "'");
}

}  // namespace

std::string_view ToString(PlanType v) {
  switch (v) {
    case PlanType::kNormalPlan:
      return "normal_plan";
    case PlanType::kProfitPlan:
      return "profit_plan";
    case PlanType::kLossPlan:
      return "loss_plan";
    case PlanType::kPosProfit:
      return "pos_profit";
    case PlanType::kPosLoss:
      return "pos_loss";
  }
  return "?";
}

std::string_view ToString(TriggerType v) {
  return v == TriggerType::kMarkPrice ? "mark_price" : "fill_price";
}

std::string_view ToString(PlanStatus v) {
  switch (v) {
    case PlanStatus::kLive:
      return "live";
    case PlanStatus::kExecuted:
      return "executed";
    case PlanStatus::kFailExecute:
      return "fail_execute";
    case PlanStatus::kCancelled:
      return "cancelled";
  }
  return "?";
}

std::string_view WsPlanCode(PlanType v) {
  switch (v) {
    case PlanType::kNormalPlan:
      return "pl";
    case PlanType::kProfitPlan:
      return "tp";
    case PlanType::kLossPlan:
      return "sl";
    case PlanType::kPosProfit:
      return "ptp";
    case PlanType::kPosLoss:
      return "psl";
  }
  return "?";
}

core::Result<PlanType> ParsePlanType(std::string_view text) {
  static constexpr std::array kAll = {PlanType::kNormalPlan, PlanType::kProfitPlan,
                                      PlanType::kLossPlan, PlanType::kPosProfit,
                                      PlanType::kPosLoss};
  return ParseEnum(text, kAll, "planType");
}

core::Result<TriggerType> ParseTriggerType(std::string_view text) {
  static constexpr std::array kAll = {TriggerType::kMarkPrice, TriggerType::kFillPrice};
  return ParseEnum(text, kAll, "triggerType");
}

bool IsTriggered(const PlanOrder& plan, const core::Decimal& price) {
  return plan.fires_above ? price >= plan.trigger_price : price <= plan.trigger_price;
}

core::Status PlanBook::Add(PlanOrder plan) {
  const OrderId id = plan.plan_id;
  const bool live = plan.status == PlanStatus::kLive;
  if (!plans_.emplace(id, std::move(plan)).second) {
    return core::MakeError(core::ErrorCode::kAlreadyExists,
                           "plan id " + std::to_string(id) + " already exists");
  }
  if (live) live_.insert(id);
  return core::Status::Ok();
}

PlanOrder* PlanBook::Find(OrderId plan_id) {
  auto it = plans_.find(plan_id);
  return it == plans_.end() ? nullptr : &it->second;
}

const PlanOrder* PlanBook::Find(OrderId plan_id) const {
  auto it = plans_.find(plan_id);
  return it == plans_.end() ? nullptr : &it->second;
}

const PlanOrder* PlanBook::FindByClientOid(AccountId account, std::string_view client_oid) const {
  for (const auto& [id, p] : plans_) {
    if (p.account == account && p.client_oid == client_oid) return &p;
  }
  return nullptr;
}

bool PlanBook::SetStatus(OrderId plan_id, PlanStatus status, core::Timestamp ts) {
  PlanOrder* p = Find(plan_id);
  if (!p) return false;
  p->status = status;
  p->updated = ts;
  if (status == PlanStatus::kLive) {
    live_.insert(plan_id);
  } else {
    live_.erase(plan_id);
  }
  return true;
}

const PlanOrder* PlanBook::FindPositionPlan(AccountId account, std::string_view symbol,
                                            model::PositionSide hold_side, PlanType type) const {
  for (OrderId id : live_) {
    const PlanOrder& p = plans_.at(id);
    if (p.account == account && p.symbol == symbol && p.hold_side == hold_side && p.type == type) {
      return &p;
    }
  }
  return nullptr;
}

std::vector<OrderId> PlanBook::Due(std::string_view symbol, TriggerType trigger_type,
                                   const core::Decimal& price) const {
  std::vector<OrderId> due;
  for (OrderId id : live_) {
    const PlanOrder& p = plans_.at(id);
    if (p.symbol == symbol && p.trigger_type == trigger_type && IsTriggered(p, price)) {
      due.push_back(id);
    }
  }
  return due;
}

std::vector<const PlanOrder*> PlanBook::List(AccountId account,
                                             std::optional<std::string_view> symbol,
                                             bool live_only) const {
  std::vector<const PlanOrder*> out;
  auto keep = [&](const PlanOrder& p) {
    return p.account == account && (!symbol || p.symbol == *symbol);
  };
  if (live_only) {
    for (OrderId id : live_) {
      if (keep(plans_.at(id))) out.push_back(&plans_.at(id));
    }
  } else {
    for (const auto& [id, p] : plans_) {
      if (keep(p)) out.push_back(&p);
    }
  }
  return out;
}

std::vector<OrderId> PlanBook::LiveIds(AccountId account, std::string_view symbol,
                                       const std::function<bool(const PlanOrder&)>& pred) const {
  std::vector<OrderId> out;
  for (OrderId id : live_) {
    const PlanOrder& p = plans_.at(id);
    if (p.account == account && p.symbol == symbol && pred(p)) out.push_back(id);
  }
  return out;
}

std::size_t PlanBook::LiveCount(AccountId account, std::string_view symbol) const {
  return LiveIds(account, symbol, [](const PlanOrder&) { return true; }).size();
}

}  // namespace bgt::sim
