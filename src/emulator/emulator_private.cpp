// sim events -> Bitget private WebSocket pushes, and the emulator's hook that drains the
// exchange's events into the WsGateway.
#include "emulator/emulator_private.h"

#include <utility>
#include <variant>

#include "bitget/encode_ws.h"
#include "emulator/emulator_impl.h"
#include "emulator/sim_convert.h"

namespace bgt::emulator {
namespace {

constexpr std::string_view kDefaultSelector = "default";

bitget::WsPositionPush ToWsPosition(const sim::PositionView& p) {
  return bitget::WsPositionPush{ToPositionInfo(p), std::to_string(p.position_id)};
}

// Orders and fills: one message for "default" subscriptions, one for the symbol's.
void AddBySymbol(std::vector<PrivatePush>& out, const std::string& key, ChannelKind kind,
                 const std::string& symbol, const std::string& data) {
  out.push_back(PrivatePush{key, kind, std::string(kDefaultSelector), data});
  out.push_back(PrivatePush{key, kind, symbol, data});
}

}  // namespace

std::vector<PrivatePush> PrivatePushes(const std::vector<sim::ExchangeEvent>& events,
                                       const AccountKeyLookup& key_of) {
  std::vector<PrivatePush> out;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const sim::ExchangeEvent& event = events[i];
    if (const auto* order = std::get_if<sim::OrderEvent>(&event)) {
      const auto key = key_of(order->order.account);
      if (!key) continue;
      bitget::WsOrderPush row{ToOrderInfo(order->order), std::nullopt};
      if (order->fill) row.fill = ToFillInfo(*order->fill);
      AddBySymbol(out, *key, ChannelKind::kOrders, order->order.symbol,
                  bitget::EncodeWsOrders({row}));
    } else if (const auto* fill = std::get_if<sim::FillEvent>(&event)) {
      const auto key = key_of(fill->fill.account);
      if (!key) continue;
      AddBySymbol(out, *key, ChannelKind::kFill, fill->fill.symbol,
                  bitget::EncodeWsFills({{ToFillInfo(fill->fill), fill->fill.order_type}}));
    } else if (const auto* e = std::get_if<sim::PositionEvent>(&event)) {
      const auto key = key_of(e->account);
      if (!key) continue;
      std::vector<bitget::WsPositionPush> all;
      std::vector<bitget::WsPositionPush> of_symbol;
      for (const sim::PositionView& p : e->positions) {
        all.push_back(ToWsPosition(p));
        if (p.symbol == e->symbol) of_symbol.push_back(all.back());
      }
      // A run of snapshots of one account (one per changed symbol) is one "default" push.
      const auto* next =
          i + 1 < events.size() ? std::get_if<sim::PositionEvent>(&events[i + 1]) : nullptr;
      if (next == nullptr || next->account != e->account) {
        out.push_back(PrivatePush{*key, ChannelKind::kPositions, std::string(kDefaultSelector),
                                  bitget::EncodeWsPositions(all)});
      }
      out.push_back(PrivatePush{*key, ChannelKind::kPositions, e->symbol,
                                bitget::EncodeWsPositions(of_symbol)});
    } else if (const auto* plan = std::get_if<sim::PlanEvent>(&event)) {
      const sim::PlanOrder& p = plan->plan;
      const auto key = key_of(p.account);
      if (!key) continue;
      bitget::WsPlanPush row{ToPlanOrderInfo(p), p.triggered_at, std::nullopt};
      if (p.trade_side) row.plan.trade_side = std::string(model::ToString(*p.trade_side));
      if (p.status == sim::PlanStatus::kExecuted) row.actual_size = p.size;
      AddBySymbol(out, *key, ChannelKind::kOrdersAlgo, p.symbol, bitget::EncodeWsPlanOrders({row}));
    } else if (const auto* account = std::get_if<sim::AccountEvent>(&event)) {
      const auto key = key_of(account->account.account);
      if (!key) continue;
      out.push_back(PrivatePush{*key, ChannelKind::kAccount, "",
                                bitget::EncodeWsAccount({ToAccountInfo(account->account, {})})});
    }
  }
  return out;
}

void Emulator::Impl::PublishPrivate() {
  std::vector<sim::ExchangeEvent> events = exchange_->TakeEvents();
  if (!ws_) return;
  const auto key_of = [this](sim::AccountId account) -> std::optional<std::string> {
    for (const KeyEntry& key : keys_) {
      if (key.account == account) return key.credentials.api_key;
    }
    return std::nullopt;
  };
  // WsGateway only queues frames (WsConnection::Send never blocks), so this runs under mu_ like
  // Pump, which keeps the pushes of REST calls and pump ticks in event order.
  if (!events.empty()) {
    for (const PrivatePush& push : PrivatePushes(events, key_of)) {
      (void)ws_->PushPrivate(push.api_key, push.kind, push.data_json, push.inst_id);
    }
  }
  // First snapshots of new account / positions subscriptions, after the events above.
  for (const WsGateway::PendingSnapshot& pending : ws_->TakePendingSnapshots()) {
    const KeyEntry* key = nullptr;
    for (const KeyEntry& k : keys_) {
      if (k.credentials.api_key == pending.api_key) key = &k;
    }
    if (key == nullptr) continue;
    std::string data;
    if (pending.arg.kind == ChannelKind::kAccount) {
      auto account = exchange_->GetAccount(key->account);
      if (!account) continue;
      data = bitget::EncodeWsAccount({ToAccountInfo(*account, {})});
    } else {
      auto positions = exchange_->GetPositions(key->account);
      if (!positions) continue;
      std::vector<bitget::WsPositionPush> rows;
      for (const sim::PositionView& p : *positions) {
        if (pending.arg.inst_id == kDefaultSelector || p.symbol == pending.arg.inst_id) {
          rows.push_back(ToWsPosition(p));
        }
      }
      data = bitget::EncodeWsPositions(rows);
    }
    (void)ws_->PushSnapshot(pending, data);
  }
}

}  // namespace bgt::emulator
