// OrderBook: one symbol's L2 book built from Bitget `books*` pushes (model::BookDelta). Levels are
// keyed by integer ticks of the instrument's price tick, sizes are integer lots of 10^-size_scale,
// and each level keeps the exact price/size text received, because Bitget's CRC32 checksum is
// computed over those strings. Venue input never aborts: every integrity failure (sequence gap,
// checksum mismatch, crossed book, malformed or off-tick level, oversize message, update on a
// snapshot-only channel) is returned as a typed ApplyResult, counted, and leaves the book invalid
// (needs a fresh snapshot); queries on an invalid book return nothing.
// Thread-safety: not thread-safe; one book belongs to one thread (the kernel's).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.h"
#include "core/result.h"
#include "market/book_checksum.h"
#include "model/book_delta.h"
#include "model/instrument.h"
#include "model/order_book.h"
#include "model/order_types.h"

namespace bgt::market {

// How a book interprets prices and sizes, and the bounds it puts on venue input.
struct BookSpec {
  std::string symbol;
  core::Decimal tick_size;                  // > 0; every price must be a multiple of it
  int size_scale = 0;                       // sizes are integer lots of 10^-size_scale (0..18)
  std::size_t max_levels_per_side = 20000;  // a message or book side beyond this is refused
  std::size_t checksum_depth = kBookChecksumDepth;

  // tick = the instrument's tick_size, size_scale = its volume_place. Never fails for an
  // Instrument (which is validated on construction).
  static BookSpec FromInstrument(const model::Instrument& instrument);
};

// What happened to one delta. The first two are benign (the book is untouched and stays as it
// was); the rest invalidate the book until the next snapshot.
enum class BookIssue : std::uint8_t {
  kApplied,           // merged / replaced; the book is valid
  kDuplicate,         // an update whose seq is not newer than the book's: ignored
  kAwaitingSnapshot,  // an update while the book is invalid: ignored until a snapshot arrives
  kGap,               // update's pseq differs from the book's last seq
  kChecksumMismatch,  // CRC32 of our top levels differs from the one sent
  kCrossed,           // best bid >= best ask after applying
  kMalformedLevel,    // price/size text that is not a decimal, non-positive price, negative size,
                      // size finer than the lot, duplicate price in a snapshot, out of range
  kOffTick,           // price not a multiple of the tick
  kTooManyLevels,     // more levels than max_levels_per_side (message or resulting book side)
  kUnexpectedUpdate,  // an `update` on a snapshot-only channel (books1/5/15)
};
inline constexpr std::size_t kBookIssueCount = 10;

// "applied", "duplicate", "awaiting_snapshot", "gap", "checksum_mismatch", "crossed",
// "malformed_level", "off_tick", "too_many_levels", "unexpected_update".
std::string_view ToString(BookIssue issue);

// True for the issues that invalidate the book (everything but applied/duplicate/awaiting).
constexpr bool IsIntegrityFailure(BookIssue issue) {
  return issue != BookIssue::kApplied && issue != BookIssue::kDuplicate &&
         issue != BookIssue::kAwaitingSnapshot;
}

struct ApplyResult {
  BookIssue issue = BookIssue::kApplied;
  std::string detail;  // empty when applied; otherwise says what and where
  bool applied() const { return issue == BookIssue::kApplied; }
};

// Per-kind counts of every Apply outcome, plus snapshots and updates applied.
struct BookCounters {
  std::array<std::uint64_t, kBookIssueCount> by_issue{};
  std::uint64_t snapshots = 0;
  std::uint64_t updates = 0;
  std::uint64_t checksums_verified = 0;
  std::uint64_t Count(BookIssue issue) const { return by_issue[static_cast<std::size_t>(issue)]; }
};

struct Quote {
  core::Decimal price;
  core::Decimal size;
};

// Resting size and quote notional on one side within a band around the mid.
struct DepthSummary {
  core::Decimal size;      // base coin
  core::Decimal notional;  // quote coin (price × size summed), exact
  std::size_t levels = 0;
};

// Walking one side of the book to fill `requested` base coin at market.
struct TradeCost {
  core::Decimal requested;
  core::Decimal filled;     // == requested when the depth suffices
  core::Decimal notional;   // Σ price × size over the filled part, exact
  core::Decimal avg_price;  // notional / filled rounded half-up to the tick's scale + 4 digits
  core::Decimal worst_price;
  double slippage_bps = 0;  // (avg - best) / best × 1e4, positive = worse than the touch
  bool sufficient = false;  // the visible depth covers `requested`
  std::size_t levels = 0;
};

class OrderBook {
 public:
  // BGT_CHECK: tick_size > 0, size_scale in 0..18, max_levels_per_side > 0 (our configuration,
  // not venue input).
  explicit OrderBook(BookSpec spec);

  // Applies one `books*` push. A snapshot always replaces the book (and makes it valid if it
  // passes every check; its zero-size levels are dropped, prices may come in any order, a
  // repeated price is malformed); an update merges (size 0 deletes, a delete of an absent level is
  // a no-op) and must chain: pseq == the last seq when pseq is sent, seq newer than the last. The
  // checksum, when present and non-zero, is compared with the CRC32 of our top levels. Returns the
  // outcome; never aborts on venue input.
  ApplyResult Apply(const model::BookDelta& delta);

  // Marks the book as needing a snapshot (e.g. after a reconnect); levels are dropped.
  void Invalidate();

  bool valid() const { return valid_; }
  std::int64_t seq() const { return seq_; }
  const BookSpec& spec() const { return spec_; }
  const BookCounters& counters() const { return counters_; }
  std::size_t depth(model::BookSide side) const;

  // CRC32 (Bitget rule) of the current top levels as stored text; 0 for an empty book.
  std::int32_t Checksum() const;

  // Queries. All return nullopt / empty / an error (kFailedPrecondition) on an invalid book.
  std::optional<Quote> BestBid() const;
  std::optional<Quote> BestAsk() const;
  // (bid + ask) / 2 exactly (one more fraction digit than the tick); nullopt if a side is empty.
  std::optional<core::Decimal> Mid() const;
  std::optional<core::Decimal> Spread() const;
  std::optional<double> SpreadBps() const;  // spread / mid × 1e4
  // Levels whose price is within `bps` (>= 0, at most 6 decimals used) of the mid, inclusive.
  std::optional<DepthSummary> DepthWithinBps(model::BookSide side, const core::Decimal& bps) const;
  // Buy walks the asks, sell the bids. Error: kFailedPrecondition (invalid or empty side),
  // kInvalidArgument (size <= 0 or finer than the lot), kOutOfRange (overflow).
  core::Result<TradeCost> CostToTrade(model::OrderSide side, const core::Decimal& size) const;
  // The best n levels of a side, best first, as decimals.
  std::vector<model::BookLevel> TopLevels(model::BookSide side, std::size_t n) const;
  // The best n levels with the text received, best first.
  std::vector<model::BookLevelText> TopLevelsText(model::BookSide side, std::size_t n) const;

 private:
  // Stored with the best level at the back: bids ascending, asks descending by ticks.
  struct Level {
    std::int64_t ticks = 0;
    std::int64_t lots = 0;
    std::string price_text;
    std::string size_text;
  };
  struct Parsed {
    std::int64_t ticks = 0;
    std::int64_t lots = 0;
    const model::BookLevelText* text = nullptr;
  };

  ApplyResult Fail(BookIssue issue, std::string detail);
  ApplyResult Ignore(BookIssue issue, std::string detail);
  // Parses and checks `levels` into `out`; empty detail on success.
  BookIssue ParseSide(const std::vector<model::BookLevelText>& levels, bool allow_zero,
                      model::BookSide side, std::vector<Parsed>& out, std::string& detail) const;
  ApplyResult ApplySnapshot(const model::BookDelta& delta);
  ApplyResult ApplyUpdate(const model::BookDelta& delta);
  ApplyResult Verify(const model::BookDelta& delta);
  void MergeSide(std::vector<Level>& levels, const std::vector<Parsed>& parsed, bool bids);
  core::Decimal PriceOf(std::int64_t ticks) const;
  core::Decimal SizeOf(std::int64_t lots) const;
  const std::vector<Level>& SideLevels(model::BookSide side) const {
    return side == model::BookSide::kBid ? bids_ : asks_;
  }

  BookSpec spec_;
  std::vector<Level> bids_;
  std::vector<Level> asks_;
  std::int64_t seq_ = 0;
  bool valid_ = false;
  bool snapshot_only_ = false;  // the last snapshot came on books1/5/15
  BookCounters counters_;
  std::vector<Parsed> scratch_bids_;
  std::vector<Parsed> scratch_asks_;
  mutable std::string checksum_buffer_;
};

// True for Bitget's snapshot-only depth channels: "books1", "books5", "books15".
bool IsSnapshotOnlyChannel(std::string_view channel);

}  // namespace bgt::market
