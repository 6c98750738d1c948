#include "live/venue_adapter.h"

#include <utility>

#include "bitget/ws_exec.h"
#include "live/flatten.h"

namespace bgt::live {
namespace {

constexpr int kMaxPages = 50;  // 50 pages of 100 rows per list

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

core::Status ToStatus(const core::Error& error) { return core::Status(error); }

}  // namespace

execution::VenueOrder ToVenueOrder(const model::OrderUpdate& u) {
  execution::VenueOrder v;
  v.client_oid = u.client_oid;
  v.venue_order_id = u.venue_order_id;
  v.symbol = u.symbol;
  switch (u.state) {
    case model::VenueOrderState::kLive:
      v.state = execution::VenueOrderState::kLive;
      break;
    case model::VenueOrderState::kPartiallyFilled:
      v.state = execution::VenueOrderState::kPartiallyFilled;
      break;
    case model::VenueOrderState::kFilled:
      v.state = execution::VenueOrderState::kFilled;
      break;
    case model::VenueOrderState::kCanceled:
      v.state = execution::VenueOrderState::kCanceled;
      break;
  }
  v.filled = u.filled_quantity;
  v.average_price = u.average_price;
  v.direction = u.side;
  v.leg = u.position_side;
  v.type = u.type;
  v.size = u.quantity;
  v.price = u.price;
  v.reduce_only = u.reduce_only;
  return v;
}

core::Result<execution::VenueOrder> ToVenueOrder(const bitget::OrderInfo& info) {
  auto update = bitget::ToOrderUpdate(info);
  if (!update) return update.error();
  execution::VenueOrder order = ToVenueOrder(*update);
  if (info.margin_mode) order.margin_mode = *info.margin_mode;  // REST read-backs carry it
  return order;
}

VenueAdapter::VenueAdapter(bitget::BitgetApi& api, model::PositionMode position_mode)
    : api_(api), position_mode_(position_mode) {}

execution::SetupResult VenueAdapter::Setup(const execution::Command& command) {
  execution::SetupResult result;
  std::string symbol;
  if (const auto* c = std::get_if<execution::SetPositionModeCommand>(&command)) {
    result.step = execution::SetupStep::kPositionMode;
    auto answer = api_.SetPositionMode({c->mode});
    result.status = answer ? core::Status::Ok() : ToStatus(answer.error());
    if (answer) position_mode_ = c->mode;
  } else if (const auto* m = std::get_if<execution::SetMarginModeCommand>(&command)) {
    result.step = execution::SetupStep::kMarginMode;
    symbol = m->symbol;
    bitget::SetMarginModeRequest request;
    request.symbol = m->symbol;
    request.margin_mode = m->mode;
    auto answer = api_.SetMarginMode(request);
    result.status = answer ? core::Status::Ok() : ToStatus(answer.error());
  } else if (const auto* l = std::get_if<execution::SetLeverageCommand>(&command)) {
    result.step = execution::SetupStep::kLeverage;
    symbol = l->symbol;
    bitget::SetLeverageRequest request;
    request.symbol = l->symbol;
    request.leverage = l->leverage;
    auto answer = api_.SetLeverage(request);
    result.status = answer ? core::Status::Ok() : ToStatus(answer.error());
  }
  result.symbol = symbol;
  if (!result.status.ok()) {
    // The engine keeps what the venue has: read it back (best effort; absent when unreadable).
    bitget::AccountQuery query;
    query.symbol = symbol.empty() ? std::string("BTCUSDT") : symbol;
    if (auto account = api_.GetAccount(query)) {
      result.current_position_mode = account->pos_mode;
      result.current_margin_mode = account->margin_mode;
      if (account->crossed_margin_leverage) {
        result.current_leverage = static_cast<int>(account->crossed_margin_leverage->ToDouble());
      }
    }
  }
  return result;
}

VenueAnswer VenueAdapter::Execute(const execution::Command& command) {
  return std::visit(
      Overloaded{
          [&](const execution::PlaceOrderCommand& c) -> VenueAnswer {
            const model::OrderRequest& o = c.request;
            bitget::PlaceOrderRequest request;
            request.symbol = o.symbol;
            request.margin_mode = o.margin_mode;
            request.size = o.quantity;
            request.price = o.price;
            request.direction = o.side;
            request.leg = o.position_side;
            request.position_mode = o.position_side == model::PositionSide::kNet
                                        ? model::PositionMode::kOneWay
                                        : model::PositionMode::kHedge;
            request.order_type = o.type;
            request.time_in_force = o.time_in_force;
            request.client_oid = o.client_oid;
            request.reduce_only = c.reduce_only && o.position_side == model::PositionSide::kNet;
            request.take_profit_trigger_price = c.preset_take_profit;
            request.stop_loss_trigger_price = c.preset_stop_loss;
            auto placed = api_.PlaceOrder(request);
            if (!placed) return PlaceAnswer{o.client_oid, placed.error()};
            if (placed->duplicate || !placed->ack.order_id) {
              // The order exists but its id is unknown here: settle it by a query.
              return PlaceAnswer{o.client_oid,
                                 core::MakeError(core::ErrorCode::kAmbiguous,
                                                 "order " + o.client_oid +
                                                     " exists at the venue; id to be queried")};
            }
            return PlaceAnswer{o.client_oid, *placed->ack.order_id};
          },
          [&](const execution::CancelOrderCommand& c) -> VenueAnswer {
            auto canceled = api_.CancelOrder({c.symbol, "", c.client_oid});
            return CancelAnswer{c.client_oid,
                                canceled ? core::Status::Ok() : ToStatus(canceled.error())};
          },
          [&](const execution::QueryOrderCommand& c) -> VenueAnswer {
            auto detail = api_.GetOrderDetail({c.symbol, "", c.client_oid});
            if (!detail) return QueryAnswer{c.client_oid, detail.error()};
            return QueryAnswer{c.client_oid, ToVenueOrder(*detail)};
          },
          [&](const execution::SetPositionModeCommand&) -> VenueAnswer { return Setup(command); },
          [&](const execution::SetMarginModeCommand&) -> VenueAnswer { return Setup(command); },
          [&](const execution::SetLeverageCommand&) -> VenueAnswer { return Setup(command); },
          [&](const execution::ClosePositionCommand& c) -> VenueAnswer {
            bitget::ClosePositionsRequest request;
            request.symbol = c.symbol;
            if (position_mode_.load() == model::PositionMode::kHedge)
              request.hold_side = c.hold_side;
            auto closed = api_.ClosePositions(request);
            if (!closed) return CloseAnswer{c, ToStatus(closed.error())};
            if (!closed->failure_list.empty()) {
              const auto& failure = closed->failure_list.front();
              core::Error error = core::MakeError(core::ErrorCode::kVenueRejected,
                                                  "close-positions: " + failure.error_msg);
              error.venue_code = failure.error_code;
              return CloseAnswer{c, ToStatus(error)};
            }
            return CloseAnswer{c, core::Status::Ok()};
          },
          [&](const execution::SetStopLossCommand& c) -> VenueAnswer {
            bitget::PlaceTpslRequest request;
            request.symbol = c.symbol;
            request.plan_type = bitget::PlanType::kPosLoss;
            request.trigger_price = c.trigger;
            request.trigger_type = bitget::TriggerType::kMarkPrice;
            request.position = c.hold_side;
            request.position_mode = position_mode_.load();
            auto placed = api_.PlaceTpsl(request);
            return StopAnswer{c, placed ? core::Status::Ok() : ToStatus(placed.error())};
          },
      },
      command);
}

core::Status VenueAdapter::Apply(execution::ExecutionEngine& engine, const VenueAnswer& answer) {
  return std::visit(
      Overloaded{
          [&](const PlaceAnswer& a) {
            return engine.OnPlaceResult(a.client_oid, a.venue_order_id);
          },
          [&](const CancelAnswer& a) { return engine.OnCancelResult(a.client_oid, a.status); },
          [&](const QueryAnswer& a) { return engine.OnQueryResult(a.client_oid, a.order); },
          [&](const execution::SetupResult& a) {
            engine.OnSetupResult(a);
            return core::Status::Ok();
          },
          [&](const CloseAnswer& a) {
            engine.OnClosePositionResult(a.command, a.status);
            return core::Status::Ok();
          },
          [&](const StopAnswer& a) {
            engine.OnStopLossResult(a.command, a.status);
            return core::Status::Ok();
          },
      },
      answer);
}

core::Result<execution::VenueState> VenueAdapter::ReadVenueState(
    const std::vector<std::string>& symbols, core::Timestamp since) {
  execution::VenueState state;
  auto orders = ReadOpenOrders(api_, kMaxPages);
  if (!orders) return orders.error();
  for (const bitget::OrderInfo& info : *orders) {
    auto order = ToVenueOrder(info);
    if (!order) return order.error();
    state.open_orders.push_back(std::move(*order));
  }
  for (const std::string& symbol : symbols) {
    std::string fill_cursor;
    for (int page = 0; page < kMaxPages; ++page) {
      bitget::FillsQuery query;
      query.symbol = symbol;
      query.start = since;
      query.id_less_than = fill_cursor;
      query.limit = 100;
      auto fills = api_.GetFills(query);
      if (!fills) return fills.error();
      for (const bitget::FillInfo& info : fills->fill_list) {
        auto fill = bitget::ToModelFill(info);
        if (!fill) return fill.error();
        state.fills.push_back(std::move(*fill));
      }
      if (fills->fill_list.size() < 100 || fills->end_id.empty() || fills->end_id == fill_cursor) {
        break;
      }
      fill_cursor = fills->end_id;
    }
  }
  return state;
}

}  // namespace bgt::live
