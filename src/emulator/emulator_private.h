// The emulator's private WebSocket feed: the simulated exchange's events (sim::ExchangeEvent,
// in the order they happened) turned into Bitget v2 `orders`, `fill`, `orders-algo` (plans),
// `positions` and `account` pushes (bitget/encode_ws.h) for the account's API key. Orders,
// fills and plans go to subscriptions with instId "default" and to those naming their symbol; a
// positions change sends the account's full snapshot (an empty array when flat) to "default"
// and that symbol's positions to subscriptions naming the symbol; account changes go to every
// `account` subscription. (The emulator also answers each new `account` / `positions`
// subscription with the current state, in Emulator::Impl::PublishPrivate.)
// Thread-safety: pure functions.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "emulator/ws_channels.h"
#include "sim/exchange.h"

namespace bgt::emulator {

// One message for WsGateway::PushPrivate(api_key, kind, data_json, inst_id).
struct PrivatePush {
  std::string api_key;
  ChannelKind kind = ChannelKind::kOrders;
  std::string inst_id;  // "": every subscription of `kind`; else the exact instId selector
  std::string data_json;
};

// The API key of an account; nullopt for accounts nobody is logged in as (the market's
// liquidity account, accounts without a key): their events are dropped.
using AccountKeyLookup = std::function<std::optional<std::string>(sim::AccountId)>;

// The pushes of `events`, in event order. Events that have no private channel (funding,
// liquidation and risk-fund records) are skipped: their effects arrive as the order, position
// and account events the exchange emits with them.
std::vector<PrivatePush> PrivatePushes(const std::vector<sim::ExchangeEvent>& events,
                                       const AccountKeyLookup& key_of);

}  // namespace bgt::emulator
