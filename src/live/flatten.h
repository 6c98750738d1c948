// Flatten: the emergency exit. Cancels every plan order (trigger, trailing and every TP/SL
// kind), every open order, closes every position at market, then re-reads the account and says
// whether it is flat — repeating the whole round while it is not (an order can fill or a plan
// trigger between two steps). Works against any Bitget-compatible server through BitgetApi, with
// or without a running node. A step that fails is recorded and the round goes on: only the
// final read-back decides.
// Thread-safety: not thread-safe; one flatten runs on its caller's thread.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "bitget/api.h"
#include "bitget/rest_client.h"
#include "core/decimal.h"
#include "core/result.h"
#include "model/position.h"

namespace bgt::live {

struct FlattenOptions {
  int max_rounds = 5;                           // rounds of cancel + close + verify
  std::chrono::milliseconds settle_delay{300};  // between a round's actions and its read-back
  // Symbols left alone (positions bgt adopted but does not manage): their orders, plans and
  // positions are neither touched nor counted; "flat" then means flat apart from them.
  std::vector<std::string> leave_symbols;
};

// What the venue still holds after the last round (empty when flat).
struct FlattenLeftover {
  std::string kind;  // "order", "plan", "position"
  std::string symbol;
  std::string id;      // order id, or the position leg ("long" / "short")
  core::Decimal size;  // order or position size (0 when unknown)
};

struct ClosedPosition {
  std::string symbol;
  model::PositionSide hold_side = model::PositionSide::kLong;
  core::Decimal size;  // base coin, as read before closing
};

struct FlattenReport {
  int rounds = 0;
  int plan_orders_canceled = 0;
  int orders_canceled = 0;
  std::vector<ClosedPosition> closed;
  bool flat = false;      // true only when the final read-back showed nothing open
  bool verified = false;  // the final read-back succeeded (all three lists were read)
  std::vector<FlattenLeftover> leftovers;
  std::vector<core::Error> errors;  // every failed step, in order (also of earlier rounds)
};

// Every open order of the product type, following the idLessThan cursor over pages of 100 (at
// most `max_pages`). Error: the first failing page's error (nothing is returned then).
core::Result<std::vector<bitget::OrderInfo>> ReadOpenOrders(bitget::BitgetApi& api, int max_pages);

// Every plan order of the product type: trigger, trailing and every TP/SL kind. A list that
// cannot be read appends its error to `errors` and the others are still read.
std::vector<bitget::PlanOrderInfo> ReadPlanOrders(bitget::BitgetApi& api,
                                                  std::vector<core::Error>& errors);

// What is open right now (plan orders, orders, non-zero position legs): the dry run of a
// flatten. `complete` is false when a list could not be read (its error is in `errors`).
struct OpenInventory {
  std::vector<FlattenLeftover> items;
  bool complete = false;
  std::vector<core::Error> errors;
};
OpenInventory ListOpen(bitget::BitgetApi& api);

// Runs the flatten. Never fails as a whole: everything that went wrong is in the report, and
// `flat` is set only when a complete read-back found no order, plan order or position.
FlattenReport Flatten(bitget::BitgetApi& api, bitget::Waiter& waiter,
                      const FlattenOptions& options = {});

}  // namespace bgt::live
