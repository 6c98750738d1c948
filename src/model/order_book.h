// Order-book value types: a price level, a book side and a full snapshot with Bitget's
// sequence numbers and checksum, as parsed from `books*` pushes or the merge-depth endpoint.
// Building and healing a live book is market/'s job.
// Thread-safety: plain value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"

namespace bgt::model {

enum class BookSide : std::uint8_t { kBid, kAsk };

// "bid", "ask".
std::string_view ToString(BookSide side);

struct BookLevel {
  core::Decimal price;
  core::Decimal size;  // base coin; 0 in an update means "delete this level"
  friend bool operator==(const BookLevel&, const BookLevel&) = default;
};

struct OrderBookSnapshot {
  std::string symbol;
  std::vector<BookLevel> bids;           // best (highest price) first
  std::vector<BookLevel> asks;           // best (lowest price) first
  std::int64_t seq = 0;                  // Bitget `seq`
  std::int64_t prev_seq = 0;             // Bitget `pseq` (0 when not sent)
  std::optional<std::int32_t> checksum;  // Bitget CRC32 as a signed int, when sent
  core::Timestamp ts;
};

// OK when every price and size is positive, bids are strictly descending, asks strictly
// ascending and the best bid is below the best ask. Else kInvalidArgument naming the side and
// level index.
core::Status CheckSnapshot(const OrderBookSnapshot& book);

}  // namespace bgt::model
