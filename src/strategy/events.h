// The events a strategy receives besides candles and tickers: top of book, funding, its own
// order events and position changes.
// Thread-safety: plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/decimal.h"
#include "core/time.h"
#include "model/order_types.h"

namespace bgt::strategy {

// Best bid and ask of a book.
struct TopOfBook {
  std::string symbol;
  core::Decimal bid;
  core::Decimal bid_size;
  core::Decimal ask;
  core::Decimal ask_size;
  core::Timestamp ts;
};

// The funding rate of the current period and when it is settled.
struct FundingEvent {
  std::string symbol;
  core::Decimal rate;  // > 0: longs pay shorts
  std::optional<core::Timestamp> next_funding_time;
  core::Timestamp ts;
};

// What happened to one of the strategy's orders.
struct OrderEvent {
  enum class Kind : std::uint8_t { kAccepted, kPartiallyFilled, kFilled, kCanceled, kRejected };
  Kind kind = Kind::kAccepted;
  std::string symbol;
  std::string client_oid;
  model::OrderSide side = model::OrderSide::kBuy;
  core::Decimal price;     // fill price for fills, else the order's price (0 for market)
  core::Decimal quantity;  // this fill's quantity for fills, else the order's
  std::string message;     // rejection reason
  core::Timestamp ts;
};

// The strategy's position in one symbol.
struct PositionView {
  std::string symbol;
  core::Decimal quantity;     // signed base coin: > 0 long, < 0 short
  core::Decimal entry_price;  // average entry; 0 when flat
  core::Timestamp ts;

  bool IsFlat() const { return quantity.IsZero(); }
};

}  // namespace bgt::strategy
