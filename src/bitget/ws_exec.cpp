#include "bitget/ws_exec.h"

#include <utility>

namespace bgt::bitget {
namespace {

model::VenueOrderState ToVenueState(OrderState state) {
  switch (state) {
    case OrderState::kLive:
      return model::VenueOrderState::kLive;
    case OrderState::kPartiallyFilled:
      return model::VenueOrderState::kPartiallyFilled;
    case OrderState::kFilled:
      return model::VenueOrderState::kFilled;
    case OrderState::kCanceled:
      return model::VenueOrderState::kCanceled;
  }
  return model::VenueOrderState::kLive;
}

core::Error Context(const core::Error& error, std::string_view what, std::string_view id) {
  return core::MakeError(
      error.code, std::string(what) + " " + std::string(id).substr(0, 40) + ": " + error.message);
}

// The `positions` push row and the REST all-position row carry the same fields.
template <typename Row>
model::PositionReport PositionReportOf(const Row& row) {
  model::PositionReport p;
  p.symbol = row.symbol;
  p.side = row.hold_side;
  p.margin_mode = row.margin_mode;
  p.quantity = row.total;
  p.entry_price = row.open_price_avg;
  p.unrealized_pnl = row.unrealized_pl;
  p.liquidation_price = row.liquidation_price;
  p.leverage = row.leverage;
  p.funding = row.total_fee;
  p.ts = row.u_time.value_or(row.c_time);
  return p;
}

}  // namespace

core::Result<model::OrderUpdate> ToOrderUpdate(const WsOrderRow& row) {
  auto state = ParseOrderState(row.status);
  if (!state) return Context(state.error(), "orders push", row.order_id);
  auto intent = TradeDirection(row.side, row.trade_side, row.pos_mode);
  if (!intent) return Context(intent.error(), "orders push", row.order_id);
  model::OrderUpdate u;
  u.client_oid = row.client_oid;
  u.venue_order_id = row.order_id;
  u.symbol = row.symbol;
  u.side = intent->direction;
  u.position_side = intent->leg;
  u.type = row.order_type;
  u.state = ToVenueState(*state);
  u.quantity = row.size;
  if (row.order_type == model::OrderType::kLimit && row.price && row.price->IsPositive()) {
    u.price = row.price;
  }
  u.filled_quantity = row.acc_base_volume;
  if (row.price_avg && row.price_avg->IsPositive()) u.average_price = row.price_avg;
  u.reduce_only = row.reduce_only;
  u.cancel_reason = row.cancel_reason;
  u.ts = row.u_time.value_or(row.c_time);
  u.source = model::ExecSource::kStream;
  return u;
}

core::Result<std::optional<model::Fill>> FillFromOrderRow(const WsOrderRow& row) {
  if (row.trade_id.empty()) return std::optional<model::Fill>();
  if (!row.fill_price || !row.base_volume) {
    return core::MakeError(
        core::ErrorCode::kInvalidArgument,
        "orders push " + row.order_id.substr(0, 40) + ": a tradeId without fillPrice/baseVolume");
  }
  auto intent = TradeDirection(row.side, row.trade_side, row.pos_mode);
  if (!intent) return Context(intent.error(), "orders push", row.order_id);
  model::Fill f;
  f.trade_id = row.trade_id;
  f.client_oid = row.client_oid;
  f.venue_order_id = row.order_id;
  f.symbol = row.symbol;
  f.side = intent->direction;
  f.position_side = intent->leg;
  f.price = *row.fill_price;
  f.quantity = *row.base_volume;
  f.fee = row.fill_fee.value_or(core::Decimal());
  if (!row.fill_fee_coin.empty()) f.fee_coin = row.fill_fee_coin;
  f.liquidity = row.trade_scope.value_or(model::LiquiditySide::kTaker);
  f.ts = row.fill_time.value_or(row.u_time.value_or(row.c_time));
  return std::optional<model::Fill>(std::move(f));
}

model::PositionReport ToPositionReport(const WsPositionRow& row) { return PositionReportOf(row); }

model::Account ToAccount(const WsAccountRow& row, core::Timestamp ts) {
  model::Account a;
  a.margin_coin = row.margin_coin;
  a.equity = row.equity;
  a.available = row.available;
  a.locked = row.frozen;
  a.unrealized_pnl = row.unrealized_pl.value_or(core::Decimal());
  a.ts = ts;
  return a;
}

core::Result<model::OrderUpdate> ToOrderUpdate(const OrderInfo& row) {
  auto intent = TradeDirection(row.side, row.trade_side, row.pos_mode);
  if (!intent) return Context(intent.error(), "order", row.order_id);
  model::OrderUpdate u;
  u.client_oid = row.client_oid;
  u.venue_order_id = row.order_id;
  u.symbol = row.symbol;
  u.side = intent->direction;
  u.position_side = intent->leg;
  u.type = row.order_type;
  u.state = ToVenueState(row.status);
  u.quantity = row.size;
  if (row.order_type == model::OrderType::kLimit && row.price && row.price->IsPositive()) {
    u.price = row.price;
  }
  u.filled_quantity = row.base_volume;
  if (row.price_avg && row.price_avg->IsPositive()) u.average_price = row.price_avg;
  u.reduce_only = row.reduce_only;
  u.cancel_reason = row.cancel_reason;
  u.ts = row.u_time.value_or(row.c_time);
  u.source = model::ExecSource::kPoll;
  return u;
}

model::PositionReport ToPositionReport(const PositionInfo& row) { return PositionReportOf(row); }

model::Account ToAccount(const AccountInfo& row, core::Timestamp ts) {
  model::Account a;
  a.margin_coin = row.margin_coin;
  a.equity = row.account_equity;
  a.available = row.available;
  a.locked = row.locked;
  a.unrealized_pnl = row.unrealized_pl.value_or(core::Decimal());
  a.margin_mode = row.margin_mode.value_or(model::MarginMode::kCrossed);
  a.position_mode = row.pos_mode.value_or(model::PositionMode::kOneWay);
  a.ts = ts;
  return a;
}

core::Status PrivateStreamDecoder::Decode(const WsFrame& frame, std::string_view text,
                                          std::vector<model::ExecEvent>& out) {
  const std::string& channel = frame.arg.channel;
  core::Status status;
  if (channel == "orders") {
    status = ParseWsOrders(text, orders_);
    if (status.ok()) {
      for (const WsOrderRow& row : orders_.rows) {
        auto update = ToOrderUpdate(row);
        if (!update) {
          status = update.error();
          break;
        }
        auto fill = FillFromOrderRow(row);
        if (!fill) {
          status = fill.error();
          break;
        }
        out.emplace_back(std::move(*update));
        if (fill->has_value()) {
          out.emplace_back(model::FillEvent{std::move(**fill), model::ExecSource::kStream});
        }
      }
    }
  } else if (channel == "positions") {
    status = ParseWsPositions(text, positions_);
    if (status.ok()) {
      model::PositionsSnapshot snapshot;
      snapshot.ts = positions_.header.ts;
      for (const WsPositionRow& row : positions_.rows) {
        snapshot.positions.push_back(ToPositionReport(row));
      }
      out.emplace_back(std::move(snapshot));
    }
  } else if (channel == "account") {
    status = ParseWsAccount(text, account_);
    if (status.ok()) {
      for (const WsAccountRow& row : account_.rows) {
        out.emplace_back(
            model::AccountUpdate{ToAccount(row, account_.header.ts), model::ExecSource::kStream});
      }
    }
  } else if (channel == "fill") {
    status = ParseWsFills(text, fills_);  // validated only: `orders` carries the same fills
  }
  if (!status.ok()) ++errors_;
  return status;
}

void RestFallbackPoller::OnStreamState(bool ready, core::Timestamp now) {
  if (ready_ && !ready) down_since_ = now;
  if (!ready_ && !ready && down_since_ == core::Timestamp{}) down_since_ = now;
  ready_ = ready;
}

bool RestFallbackPoller::PollDue(core::Timestamp now) const {
  if (ready_) return false;
  if (now - down_since_ < options_.stream_down_after) return false;
  return !last_poll_ || now - *last_poll_ >= options_.poll_interval;
}

core::Status RestFallbackPoller::Poll(core::Timestamp now, std::vector<model::ExecEvent>& out) {
  ++polls_;
  last_poll_ = now;
  core::Status first;
  auto note = [&](const core::Error& error) {
    if (first.ok()) first = error;
  };
  if (options_.open_orders) {
    if (auto orders = source_.OpenOrders()) {
      for (const OrderInfo& row : orders->entrusted_list) {
        if (auto update = ToOrderUpdate(row)) {
          out.emplace_back(std::move(*update));
        } else {
          note(update.error());
        }
      }
    } else {
      note(orders.error());
    }
  }
  if (auto positions = source_.Positions()) {
    model::PositionsSnapshot snapshot;
    snapshot.ts = now;
    snapshot.source = model::ExecSource::kPoll;
    for (const PositionInfo& row : *positions) {
      if (row.total.IsPositive()) snapshot.positions.push_back(ToPositionReport(row));
    }
    out.emplace_back(std::move(snapshot));
  } else {
    note(positions.error());
  }
  if (auto accounts = source_.Accounts()) {
    for (const AccountInfo& row : *accounts) {
      out.emplace_back(model::AccountUpdate{ToAccount(row, now), model::ExecSource::kPoll});
    }
  } else {
    note(accounts.error());
  }
  if (!first.ok()) ++poll_errors_;
  return first;
}

}  // namespace bgt::bitget
