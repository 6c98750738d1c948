// Bitget order-book checksum: CRC-32 (IEEE, as zlib's crc32) of the top levels interleaved
// "bid1P:bid1S:ask1P:ask1S:bid2P:..." (a side that has run out is skipped), as a signed 32-bit
// integer. It is computed over the price and size strings exactly as they appear on the wire, so
// "27000.50" and "27000.5" hash differently. Used by the emulator (to sign `books` pushes) and by
// bgt's order-book client (to verify them).
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "model/order_book.h"

namespace bgt::market {

inline constexpr std::size_t kBookChecksumDepth = 25;

// One level as wire text, e.g. {"27000.5", "8.760"}.
struct LevelText {
  std::string_view price;
  std::string_view size;
};

// The string that is hashed: the first `depth` levels of each side, interleaved and joined by
// ':'. Empty when both sides are empty.
std::string BookChecksumString(std::span<const LevelText> bids, std::span<const LevelText> asks,
                               std::size_t depth = kBookChecksumDepth);

// CRC-32 of BookChecksumString(...) reinterpreted as a signed int32 (0 for an empty book).
std::int32_t BookChecksum(std::span<const LevelText> bids, std::span<const LevelText> asks,
                          std::size_t depth = kBookChecksumDepth);

// The checksum of `book` with each price and size printed by core::Decimal::ToString (the exact
// text of a parsed wire string, since Decimal keeps the scale it was written with).
std::int32_t BookChecksum(const model::OrderBookSnapshot& book,
                          std::size_t depth = kBookChecksumDepth);

// CRC-32 (IEEE) of `bytes` as a signed int32.
std::int32_t Crc32Signed(std::string_view bytes);

}  // namespace bgt::market
