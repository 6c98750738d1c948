#include "emulator/ws_books.h"

#include <algorithm>
#include <utility>

#include "market/book_checksum.h"

namespace bgt::emulator {
namespace {

std::vector<WireLevel> ToWireSide(const std::vector<model::BookLevel>& levels) {
  std::vector<WireLevel> out;
  out.reserve(levels.size());
  for (const auto& l : levels) out.push_back({l.price, l.price.ToString(), l.size.ToString()});
  return out;
}

// True when a comes before b on this side (bids descending, asks ascending).
bool Before(const core::Decimal& a, const core::Decimal& b, bool bids) {
  return bids ? a > b : a < b;
}

std::vector<WireLevel> DiffSide(const std::vector<WireLevel>& from,
                                const std::vector<WireLevel>& to, bool bids) {
  std::vector<WireLevel> out;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < from.size() || j < to.size()) {
    if (j == to.size() || (i < from.size() && Before(from[i].price, to[j].price, bids))) {
      out.push_back({from[i].price, from[i].price_text, "0"});
      ++i;
    } else if (i == from.size() || Before(to[j].price, from[i].price, bids)) {
      out.push_back(to[j]);
      ++j;
    } else {
      if (!(from[i] == to[j])) out.push_back(to[j]);
      ++i;
      ++j;
    }
  }
  return out;
}

void ApplySide(std::vector<WireLevel>& side, const std::vector<WireLevel>& update, bool bids) {
  for (const auto& level : update) {
    auto it = std::find_if(side.begin(), side.end(),
                           [&](const WireLevel& l) { return !Before(l.price, level.price, bids); });
    const bool same = it != side.end() && it->price == level.price;
    if (level.size_text == "0") {
      if (same) side.erase(it);
    } else if (same) {
      *it = level;
    } else {
      side.insert(it, level);
    }
  }
}

void AppendSide(std::string& out, const std::vector<WireLevel>& side) {
  out += '[';
  for (std::size_t i = 0; i < side.size(); ++i) {
    if (i > 0) out += ',';
    out += "[\"" + side[i].price_text + "\",\"" + side[i].size_text + "\"]";
  }
  out += ']';
}

}  // namespace

WireBook ToWire(const model::OrderBookSnapshot& book) {
  return {ToWireSide(book.bids), ToWireSide(book.asks)};
}

WireBook Top(const WireBook& book, std::size_t depth) {
  WireBook out;
  out.bids.assign(book.bids.begin(), book.bids.begin() + static_cast<std::ptrdiff_t>(
                                                             std::min(depth, book.bids.size())));
  out.asks.assign(book.asks.begin(), book.asks.begin() + static_cast<std::ptrdiff_t>(
                                                             std::min(depth, book.asks.size())));
  return out;
}

WireBook BookDiff(const WireBook& from, const WireBook& to) {
  return {DiffSide(from.bids, to.bids, true), DiffSide(from.asks, to.asks, false)};
}

void ApplyBookUpdate(WireBook& book, const WireBook& update) {
  ApplySide(book.bids, update.bids, true);
  ApplySide(book.asks, update.asks, false);
}

std::int32_t WireChecksum(const WireBook& book) {
  const std::size_t nb = std::min(book.bids.size(), market::kBookChecksumDepth);
  const std::size_t na = std::min(book.asks.size(), market::kBookChecksumDepth);
  std::vector<market::LevelText> bids(nb);
  std::vector<market::LevelText> asks(na);
  for (std::size_t i = 0; i < nb; ++i) bids[i] = {book.bids[i].price_text, book.bids[i].size_text};
  for (std::size_t i = 0; i < na; ++i) asks[i] = {book.asks[i].price_text, book.asks[i].size_text};
  return market::BookChecksum(bids, asks);
}

std::string BookDataJson(const WireBook& levels, std::optional<std::int32_t> checksum,
                         std::int64_t seq, std::int64_t pseq, core::Timestamp ts) {
  std::string out = "{\"asks\":";
  AppendSide(out, levels.asks);
  out += ",\"bids\":";
  AppendSide(out, levels.bids);
  if (checksum) out += ",\"checksum\":" + std::to_string(*checksum);
  out += ",\"seq\":" + std::to_string(seq) + ",\"pseq\":" + std::to_string(pseq) + ",\"ts\":\"" +
         std::to_string(ts.millis()) + "\"}";
  return out;
}

BookFeed::Step BookFeed::Advance(WireBook current) {
  Step step;
  if (!initialised_) {
    initialised_ = true;
    book_ = std::move(current);
    seq_ = 1;
    return step;
  }
  if (current == book_) return step;
  step.changed = true;
  step.diff = BookDiff(book_, current);
  book_ = std::move(current);
  prev_seq_ = seq_;
  ++seq_;
  return step;
}

}  // namespace bgt::emulator
