#include "market/book_checksum.h"

#include <zlib.h>

#include <algorithm>
#include <vector>

namespace bgt::market {

std::string BookChecksumString(std::span<const LevelText> bids, std::span<const LevelText> asks,
                               std::size_t depth) {
  std::string out;
  const std::size_t n = std::max(std::min(bids.size(), depth), std::min(asks.size(), depth));
  auto append = [&out](const LevelText& level) {
    if (!out.empty()) out += ':';
    out.append(level.price);
    out += ':';
    out.append(level.size);
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (i < bids.size()) append(bids[i]);
    if (i < asks.size()) append(asks[i]);
  }
  return out;
}

std::int32_t Crc32Signed(std::string_view bytes) {
  uLong crc = crc32(0L, Z_NULL, 0);
  // zlib takes a uInt length; split huge inputs (never the case for 25 levels).
  while (!bytes.empty()) {
    const auto chunk = static_cast<uInt>(std::min<std::size_t>(bytes.size(), 1u << 30));
    crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), chunk);
    bytes.remove_prefix(chunk);
  }
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(crc));
}

std::int32_t BookChecksum(std::span<const LevelText> bids, std::span<const LevelText> asks,
                          std::size_t depth) {
  return Crc32Signed(BookChecksumString(bids, asks, depth));
}

std::int32_t BookChecksum(const model::OrderBookSnapshot& book, std::size_t depth) {
  std::vector<std::string> text;
  const std::size_t nb = std::min(book.bids.size(), depth);
  const std::size_t na = std::min(book.asks.size(), depth);
  text.reserve(2 * (nb + na));
  for (std::size_t i = 0; i < nb; ++i) {
    text.push_back(book.bids[i].price.ToString());
    text.push_back(book.bids[i].size.ToString());
  }
  for (std::size_t i = 0; i < na; ++i) {
    text.push_back(book.asks[i].price.ToString());
    text.push_back(book.asks[i].size.ToString());
  }
  std::vector<LevelText> bids(nb);
  std::vector<LevelText> asks(na);
  for (std::size_t i = 0; i < nb; ++i) bids[i] = {text[2 * i], text[2 * i + 1]};
  for (std::size_t i = 0; i < na; ++i) asks[i] = {text[2 * (nb + i)], text[2 * (nb + i) + 1]};
  return BookChecksum(bids, asks, depth);
}

}  // namespace bgt::market
