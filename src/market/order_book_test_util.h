// Test helpers for market/ order-book tests: building BookDelta values from literal levels and
// computing the Bitget checksum of a level list with the shared checksum function.
// Thread-safety: test-only free functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/decimal.h"
#include "market/book_checksum.h"
#include "market/order_book.h"
#include "model/book_delta.h"

namespace bgt::market::testing {

using Levels = std::vector<model::BookLevelText>;

inline std::int32_t ChecksumOf(const Levels& bids, const Levels& asks,
                               std::size_t depth = kBookChecksumDepth) {
  std::vector<LevelText> b;
  std::vector<LevelText> a;
  for (const auto& l : bids) b.push_back({l.price, l.size});
  for (const auto& l : asks) a.push_back({l.price, l.size});
  return BookChecksum(b, a, depth);
}

inline model::BookDelta Snapshot(Levels bids, Levels asks, std::int64_t seq,
                                 std::optional<std::int32_t> checksum = std::nullopt,
                                 std::string channel = "books") {
  model::BookDelta d;
  d.symbol = "BTCUSDT";
  d.channel = std::move(channel);
  d.action = model::BookAction::kSnapshot;
  d.bids = std::move(bids);
  d.asks = std::move(asks);
  d.seq = seq;
  d.checksum = checksum;
  return d;
}

inline model::BookDelta Update(Levels bids, Levels asks, std::int64_t seq, std::int64_t prev_seq,
                               std::optional<std::int32_t> checksum = std::nullopt) {
  model::BookDelta d = Snapshot(std::move(bids), std::move(asks), seq, checksum);
  d.action = model::BookAction::kUpdate;
  d.prev_seq = prev_seq;
  return d;
}

// BTCUSDT-like: tick 0.1, sizes in lots of 0.001.
inline BookSpec TestSpec() {
  BookSpec spec;
  spec.symbol = "BTCUSDT";
  spec.tick_size = core::Decimal::Parse("0.1").value();
  spec.size_scale = 3;
  return spec;
}

inline core::Decimal D(const char* text) { return core::Decimal::Parse(text).value(); }

}  // namespace bgt::market::testing
