#include "live/flatten.h"

#include <algorithm>
#include <map>
#include <utility>

namespace bgt::live {
namespace {

constexpr std::size_t kCancelBatch = 50;  // orderIdList entries per cancel-plan-order call
constexpr int kOpenOrderPages = 100;      // pages of 100 open orders read per list

// The plan-order lists Bitget serves: trigger orders, trailing orders and every TP/SL kind
// (profit_loss lists profit_plan, loss_plan, moving_plan, pos_profit and pos_loss).
constexpr bitget::PlanType kPlanLists[] = {
    bitget::PlanType::kNormalPlan, bitget::PlanType::kTrackPlan, bitget::PlanType::kProfitLoss};

core::Error Annotated(core::Error error, std::string_view step) {
  error.message = std::string(step) + ": " + error.message;
  return error;
}

struct OpenState {
  std::vector<bitget::PlanOrderInfo> plans;
  std::vector<bitget::OrderInfo> orders;
  std::vector<bitget::PositionInfo> positions;  // legs with a non-zero size only
  bool complete = true;                         // every list was read
};

OpenState ReadAll(bitget::BitgetApi& api, std::vector<core::Error>& errors) {
  OpenState state;
  const std::size_t errors_before = errors.size();
  state.plans = ReadPlanOrders(api, errors);
  if (errors.size() != errors_before) state.complete = false;
  auto orders = ReadOpenOrders(api, kOpenOrderPages);
  if (!orders) {
    errors.push_back(Annotated(orders.error(), "list open orders"));
    state.complete = false;
  } else {
    state.orders = std::move(*orders);
  }
  auto positions = api.GetPositions({});
  if (!positions) {
    errors.push_back(Annotated(positions.error(), "list positions"));
    state.complete = false;
  } else {
    for (auto& position : *positions) {
      if (!position.total.IsZero()) state.positions.push_back(std::move(position));
    }
  }
  return state;
}

OpenState ReadOpen(bitget::BitgetApi& api, std::vector<core::Error>& errors,
                   const std::vector<std::string>& leave = {}) {
  OpenState state = ReadAll(api, errors);
  if (leave.empty()) return state;
  auto left_alone = [&leave](const auto& item) {
    return std::find(leave.begin(), leave.end(), item.symbol) != leave.end();
  };
  std::erase_if(state.plans, left_alone);
  std::erase_if(state.orders, left_alone);
  std::erase_if(state.positions, left_alone);
  return state;
}

int CountSuccesses(const core::Result<bitget::BatchResult>& result, std::string_view step,
                   std::vector<core::Error>& errors) {
  if (!result) {
    errors.push_back(Annotated(result.error(), step));
    return 0;
  }
  for (const auto& failure : result->failure_list) {
    core::Error error =
        core::MakeError(core::ErrorCode::kVenueRejected,
                        std::string(step) + ": " + failure.order_id.value_or(failure.client_oid) +
                            " " + failure.error_msg);
    error.venue_code = failure.error_code;
    errors.push_back(std::move(error));
  }
  return static_cast<int>(result->success_list.size());
}

void CancelPlans(bitget::BitgetApi& api, const std::vector<bitget::PlanOrderInfo>& plans,
                 FlattenReport& report) {
  // cancel-plan-order takes one symbol and one planType per call.
  std::map<std::pair<std::string, bitget::PlanType>, std::vector<bitget::OrderRef>> groups;
  for (const auto& plan : plans) {
    groups[{plan.symbol, plan.plan_type}].push_back({plan.order_id, plan.client_oid});
  }
  for (auto& [key, refs] : groups) {
    for (std::size_t i = 0; i < refs.size(); i += kCancelBatch) {
      bitget::CancelPlanOrderRequest request;
      request.symbol = key.first;
      request.plan_type = key.second;
      const std::size_t end = std::min(refs.size(), i + kCancelBatch);
      request.orders.assign(refs.begin() + static_cast<std::ptrdiff_t>(i),
                            refs.begin() + static_cast<std::ptrdiff_t>(end));
      report.plan_orders_canceled +=
          CountSuccesses(api.CancelPlanOrders(request), "cancel plan orders", report.errors);
    }
  }
}

void ClosePositions(bitget::BitgetApi& api, const std::vector<bitget::PositionInfo>& positions,
                    FlattenReport& report) {
  for (const auto& position : positions) {
    bitget::ClosePositionsRequest request;
    request.symbol = position.symbol;
    if (position.pos_mode == model::PositionMode::kHedge) request.hold_side = position.hold_side;
    const int closed = CountSuccesses(api.ClosePositions(request),
                                      "close position " + position.symbol, report.errors);
    if (closed > 0) {
      report.closed.push_back({position.symbol, position.hold_side, position.total});
    }
  }
}

std::vector<FlattenLeftover> Leftovers(const OpenState& state) {
  std::vector<FlattenLeftover> items;
  for (const auto& plan : state.plans) {
    items.push_back({"plan", plan.symbol, plan.order_id, plan.size.value_or(core::Decimal())});
  }
  for (const auto& order : state.orders) {
    items.push_back({"order", order.symbol, order.order_id, order.size});
  }
  for (const auto& position : state.positions) {
    items.push_back({"position", position.symbol, std::string(model::ToString(position.hold_side)),
                     position.total});
  }
  return items;
}

}  // namespace

std::vector<bitget::PlanOrderInfo> ReadPlanOrders(bitget::BitgetApi& api,
                                                  std::vector<core::Error>& errors) {
  std::vector<bitget::PlanOrderInfo> out;
  for (bitget::PlanType type : kPlanLists) {
    auto plans = api.GetPlanOrders({.plan_type = type, .symbol = ""});
    if (!plans) {
      errors.push_back(Annotated(plans.error(), "list plan orders"));
      continue;
    }
    for (auto& plan : plans->entrusted_list) out.push_back(std::move(plan));
  }
  return out;
}

core::Result<std::vector<bitget::OrderInfo>> ReadOpenOrders(bitget::BitgetApi& api, int max_pages) {
  std::vector<bitget::OrderInfo> out;
  std::string cursor;
  for (int page = 0; page < max_pages; ++page) {
    bitget::OrdersPendingQuery query;
    query.id_less_than = cursor;
    query.limit = 100;
    auto orders = api.GetOpenOrders(query);
    if (!orders) return orders.error();
    const bool full_page = orders->entrusted_list.size() >= 100;
    for (auto& order : orders->entrusted_list) out.push_back(std::move(order));
    if (!full_page || orders->end_id.empty() || orders->end_id == cursor) break;
    cursor = orders->end_id;
  }
  return out;
}

OpenInventory ListOpen(bitget::BitgetApi& api) {
  OpenInventory inventory;
  const OpenState state = ReadOpen(api, inventory.errors);
  inventory.items = Leftovers(state);
  inventory.complete = state.complete;
  return inventory;
}

FlattenReport Flatten(bitget::BitgetApi& api, bitget::Waiter& waiter,
                      const FlattenOptions& options) {
  FlattenReport report;
  const std::vector<std::string>& leave = options.leave_symbols;
  OpenState state = ReadOpen(api, report.errors, leave);
  const int rounds = std::max(1, options.max_rounds);
  for (int round = 0; round < rounds; ++round) {
    if (state.complete && state.plans.empty() && state.orders.empty() && state.positions.empty()) {
      break;
    }
    ++report.rounds;
    // Plans first so no trigger fires while positions close; then orders, which could add to
    // a position; then the positions themselves.
    CancelPlans(api, state.plans, report);
    if (leave.empty() && (!state.orders.empty() || !state.complete)) {
      report.orders_canceled +=
          CountSuccesses(api.CancelAllOrders({}), "cancel all orders", report.errors);
    } else if (!leave.empty()) {
      // Symbol by symbol, so the orders of the symbols left alone stay.
      std::vector<std::string> symbols;
      for (const auto& order : state.orders) {
        if (std::find(symbols.begin(), symbols.end(), order.symbol) == symbols.end()) {
          symbols.push_back(order.symbol);
        }
      }
      for (const std::string& symbol : symbols) {
        bitget::CancelAllOrdersRequest request;
        request.symbol = symbol;
        report.orders_canceled += CountSuccesses(api.CancelAllOrders(request),
                                                 "cancel orders of " + symbol, report.errors);
      }
    }
    ClosePositions(api, state.positions, report);
    waiter.WaitUntil(waiter.Now() +
                     std::chrono::duration_cast<core::Duration>(options.settle_delay));
    state = ReadOpen(api, report.errors, leave);
  }
  report.verified = state.complete;
  report.flat =
      state.complete && state.plans.empty() && state.orders.empty() && state.positions.empty();
  report.leftovers = Leftovers(state);
  return report;
}

}  // namespace bgt::live
