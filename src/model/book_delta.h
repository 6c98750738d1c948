// One `books*` push as received: the action, the levels with the exact price and size text the
// venue sent (Bitget's CRC32 checksum is computed over those strings, so they are kept verbatim),
// the sequence numbers and the checksum. The WebSocket parser (bitget/) fills a caller-owned
// BookDelta — clear() keeps the vectors' capacity, so steady-state parsing does not allocate — and
// the order book (market/) applies it.
// Thread-safety: plain value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

namespace bgt::model {

// A level as text, e.g. {"27000.5", "1.25"}. Size "0" in an update deletes the level.
struct BookLevelText {
  std::string price;
  std::string size;
  friend bool operator==(const BookLevelText&, const BookLevelText&) = default;
};

enum class BookAction : std::uint8_t {
  kSnapshot,  // replaces the whole book
  kUpdate,    // merges into the book
};

struct BookDelta {
  std::string symbol;
  std::string channel;  // "books", "books1", "books5", "books15"
  BookAction action = BookAction::kSnapshot;
  std::vector<BookLevelText> bids;       // as sent (best first for snapshots)
  std::vector<BookLevelText> asks;       // as sent (best first for snapshots)
  std::int64_t seq = 0;                  // Bitget `seq` (0 when absent)
  std::int64_t prev_seq = 0;             // Bitget `pseq` (0 when absent)
  std::optional<std::int32_t> checksum;  // Bitget CRC32 as a signed 32-bit int, when sent
  core::Timestamp ts;                    // venue timestamp of the push

  // Empties every field, keeping the vectors' capacity for reuse.
  void clear() {
    symbol.clear();
    channel.clear();
    action = BookAction::kSnapshot;
    bids.clear();
    asks.clear();
    seq = 0;
    prev_seq = 0;
    checksum.reset();
    ts = core::Timestamp{};
  }
};

}  // namespace bgt::model
