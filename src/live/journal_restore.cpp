#include "live/journal_restore.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "model/order_fsm.h"
#include "model/order_types.h"

namespace bgt::live {
namespace {

constexpr int kNoLimit = std::numeric_limits<int>::max();
// Fills carry the venue's time, orders bgt's: read fills from this long before the oldest
// unfinished order, so a clock difference cannot hide one.
constexpr auto kFillLookBack = std::chrono::hours(24);

core::Error Bad(const std::string& what, const core::Error& error) {
  return core::MakeError(core::ErrorCode::kInvalidArgument,
                         "journal " + what + ": " + error.message);
}

core::Result<model::OrderStatus> ParseStatus(std::string_view text) {
  for (int i = 0; i <= static_cast<int>(model::OrderStatus::kExpired); ++i) {
    const auto status = static_cast<model::OrderStatus>(i);
    if (model::ToString(status) == text) return status;
  }
  return core::MakeError(core::ErrorCode::kInvalidArgument,
                         "unknown order status \"" + std::string(text) + "\"");
}

core::Result<model::Fill> ToFill(const store::FillRecord& r) {
  const std::string what = "fill " + r.trade_id;
  model::Fill fill;
  fill.trade_id = r.trade_id;
  fill.client_oid = r.client_oid;
  fill.venue_order_id = r.order_id;
  fill.symbol = r.symbol;
  auto side = model::ParseOrderSide(r.side);
  if (!side) return Bad(what, side.error());
  fill.side = *side;
  auto leg = model::ParsePositionSide(r.leg);
  if (!leg) return Bad(what, leg.error());
  fill.position_side = *leg;
  fill.price = r.price;
  fill.quantity = r.size;
  fill.fee = r.fee;
  fill.fee_coin = r.fee_coin;
  fill.ts = r.ts;
  return fill;
}

core::Result<execution::RestoredOrder> ToRestored(const store::OrderRecord& r) {
  const std::string what = "order " + r.client_oid;
  execution::RestoredOrder o;
  o.client_oid = r.client_oid;
  o.venue_order_id = r.order_id;
  o.symbol = r.symbol;
  auto side = model::ParseOrderSide(r.side);
  if (!side) return Bad(what, side.error());
  o.side = *side;
  auto leg = model::ParsePositionSide(r.leg);
  if (!leg) return Bad(what, leg.error());
  o.leg = *leg;
  auto type = model::ParseOrderType(r.order_type);
  if (!type) return Bad(what, type.error());
  o.type = *type;
  if (!r.time_in_force.empty()) {
    auto tif = model::ParseTimeInForce(r.time_in_force);
    if (!tif) return Bad(what, tif.error());
    o.time_in_force = *tif;
  }
  auto status = ParseStatus(r.status);
  if (!status) return Bad(what, status.error());
  if (!model::IsWorking(*status)) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "journal " + what + ": status " + r.status + " is not unfinished");
  }
  o.status = *status;
  o.price = r.price;
  o.size = r.size;
  o.filled = r.filled;
  o.reduce_only = r.reduce_only;
  return o;
}

}  // namespace

core::Result<std::vector<execution::RestoredOrder>> RestoredOrdersFromJournal(
    const store::Journal& journal) {
  store::JournalQuery open;
  open.open_only = true;
  open.limit = kNoLimit;
  auto records = journal.Orders(open);
  if (!records) return records.error();
  std::sort(records->begin(), records->end(),
            [](const store::OrderRecord& a, const store::OrderRecord& b) {
              return std::pair(a.created, a.client_oid) < std::pair(b.created, b.client_oid);
            });
  std::vector<execution::RestoredOrder> out;
  out.reserve(records->size());
  std::map<std::string, core::Timestamp> oldest;  // per symbol
  std::map<std::string, std::size_t> index;       // clientOid -> position in out
  for (const store::OrderRecord& r : *records) {
    auto restored = ToRestored(r);
    if (!restored) return restored.error();
    index[r.client_oid] = out.size();
    out.push_back(std::move(*restored));
    oldest.try_emplace(r.symbol, r.created);  // sorted: the first is the oldest
  }
  for (const auto& [symbol, created] : oldest) {
    store::JournalQuery fills_query;
    fills_query.symbol = symbol;
    fills_query.since = created - kFillLookBack;
    fills_query.limit = kNoLimit;
    auto fills = journal.Fills(fills_query);
    if (!fills) return fills.error();
    for (auto it = fills->rbegin(); it != fills->rend(); ++it) {  // oldest first
      auto at = index.find(it->client_oid);
      if (at == index.end()) continue;
      auto fill = ToFill(*it);
      if (!fill) return fill.error();
      out[at->second].fills.push_back(std::move(*fill));
    }
  }
  return out;
}

}  // namespace bgt::live
