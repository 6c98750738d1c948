// Order-book pushes of the emulator's WebSocket: books as wire text (the exact strings sent, so
// checksums are computed over what clients receive), the incremental diff between two books and
// BookFeed, the per-symbol state of the `books` channel (seq/pseq and the last published book).
// Thread-safety: value types; a BookFeed belongs to one owner (the gateway, under its lock).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/decimal.h"
#include "core/time.h"
#include "model/order_book.h"

namespace bgt::emulator {

struct WireLevel {
  core::Decimal price;  // for ordering and matching levels
  std::string price_text;
  std::string size_text;  // "0" in an update deletes the level
  friend bool operator==(const WireLevel& a, const WireLevel& b) {
    return a.price_text == b.price_text && a.size_text == b.size_text;
  }
};

struct WireBook {
  std::vector<WireLevel> bids;  // best (highest) first
  std::vector<WireLevel> asks;  // best (lowest) first
  friend bool operator==(const WireBook&, const WireBook&) = default;
};

// The book with every price and size printed by core::Decimal::ToString.
WireBook ToWire(const model::OrderBookSnapshot& book);
// The first `depth` levels of each side.
WireBook Top(const WireBook& book, std::size_t depth);
// Levels that turn `from` into `to` under Bitget's merge rule (size "0" deletes a level, any
// other size replaces or inserts): new or resized levels of `to`, and "0" for levels of `from`
// that `to` lacks. Sides keep book order.
WireBook BookDiff(const WireBook& from, const WireBook& to);
// Applies `update` to `book` with the same rule (used by tests as a client would).
void ApplyBookUpdate(WireBook& book, const WireBook& update);
// Bitget's CRC-32 checksum over the top 25 levels of `book`.
std::int32_t WireChecksum(const WireBook& book);
// {"asks":[["p","s"],...],"bids":[...],"checksum":c,"seq":s,"pseq":p,"ts":"<ms>"}
// (checksum omitted when nullopt).
std::string BookDataJson(const WireBook& levels, std::optional<std::int32_t> checksum,
                         std::int64_t seq, std::int64_t pseq, core::Timestamp ts);

// The `books` stream of one symbol: every Advance with a different book bumps seq by one.
class BookFeed {
 public:
  struct Step {
    bool changed = false;
    WireBook diff;  // levels changed by this step (empty when !changed)
  };
  // Publishes `current`. The first call only initialises the feed (seq 1, changed = false).
  Step Advance(WireBook current);
  bool initialised() const { return initialised_; }
  const WireBook& book() const { return book_; }
  std::int64_t seq() const { return seq_; }
  std::int64_t prev_seq() const { return prev_seq_; }

 private:
  bool initialised_ = false;
  WireBook book_;
  std::int64_t seq_ = 0;
  std::int64_t prev_seq_ = 0;
};

}  // namespace bgt::emulator
