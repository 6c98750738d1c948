// The records bgt's journal keeps: orders (one row per clientOid, updated in place, plus every
// state change in a history table), fills (unique per trade id), position and equity snapshots,
// events (risk refusals, state changes, reconciliation differences) and the config in force.
// Prices, sizes and money are exact decimals, stored as their text.
// Thread-safety: plain value types.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "core/decimal.h"
#include "core/time.h"

namespace bgt::store {

struct OrderRecord {
  std::string client_oid;  // the key: every bgt order has one
  std::string order_id;    // the venue's id; empty until acknowledged
  std::string symbol;
  std::string side;        // "buy" / "sell" (trade direction)
  std::string leg;         // "net" (one-way), "long" / "short" (hedge)
  std::string order_type;  // "limit" / "market"
  std::string time_in_force;
  std::optional<core::Decimal> price;
  core::Decimal size;
  core::Decimal filled;
  std::optional<core::Decimal> average_price;
  std::string status;  // the order FSM's state name
  bool reduce_only = false;
  core::Timestamp created;
  core::Timestamp updated;
  std::string note;  // why the last change happened (reject reason, "reconciled", ...)
};

struct FillRecord {
  std::string trade_id;  // the key: a fill is journaled once
  std::string order_id;
  std::string client_oid;
  std::string symbol;
  std::string side;
  std::string leg;
  core::Decimal price;
  core::Decimal size;
  core::Decimal fee;  // negative = paid, as Bitget reports it
  std::string fee_coin;
  std::optional<core::Decimal> realized_pnl;
  core::Timestamp ts;
};

struct PositionRecord {
  core::Timestamp ts;
  std::string symbol;
  std::string leg;     // "net", "long", "short"
  core::Decimal size;  // signed for "net": > 0 long, < 0 short
  std::optional<core::Decimal> entry_price;
  std::optional<core::Decimal> unrealized_pnl;
  std::string source;  // "fill", "venue", "reconcile"
};

struct EquityRecord {
  core::Timestamp ts;
  core::Decimal equity;
  core::Decimal balance;
  core::Decimal unrealized_pnl;
  core::Decimal margin_used;
  core::Decimal fees;     // cumulative, negative = paid
  core::Decimal funding;  // cumulative, negative = paid
};

struct EventRecord {
  core::Timestamp ts;
  std::string kind;  // "risk", "order", "reconcile", "node", ...
  std::string symbol;
  std::string message;
  std::string detail;  // free text or JSON; never a secret
};

struct ConfigRecord {
  core::Timestamp ts;
  std::string text;  // the redacted config dump (secrets are "***")
};

using JournalRecord =
    std::variant<OrderRecord, FillRecord, PositionRecord, EquityRecord, EventRecord, ConfigRecord>;

}  // namespace bgt::store
