#include "market/order_book.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "core/check.h"

namespace bgt::market {
namespace {

__extension__ typedef __int128 Int128;  // GCC/Clang extension, as in core/decimal.cpp

constexpr Int128 kInt64Max = std::numeric_limits<std::int64_t>::max();

constexpr Int128 Pow10(int n) {
  Int128 v = 1;
  for (int i = 0; i < n; ++i) v *= 10;
  return v;
}

// mantissa × 10^-scale as a Decimal, dropping digits (half-up) while scale > 18. nullopt when
// the mantissa does not fit 64 bits.
std::optional<core::Decimal> MakeDecimal(Int128 mantissa, int scale) {
  while (scale > core::Decimal::kMaxScale) {
    const bool negative = mantissa < 0;
    Int128 q = (negative ? -mantissa : mantissa);
    q = (q + 5) / 10;
    mantissa = negative ? -q : q;
    --scale;
  }
  if (mantissa > kInt64Max || mantissa < -kInt64Max) return std::nullopt;
  auto d = core::Decimal::FromParts(static_cast<std::int64_t>(mantissa), scale);
  if (!d) return std::nullopt;
  return *d;
}

// Rounded-half-up a / b for a >= 0, b > 0.
Int128 DivHalfUp(Int128 a, Int128 b) { return a / b + ((a % b) * 2 >= b ? 1 : 0); }

// acc += a × b; false on 128-bit overflow (hostile sizes and prices can get there).
bool AddProduct(Int128& acc, Int128 a, Int128 b) {
  Int128 product = 0;
  return !__builtin_mul_overflow(a, b, &product) && !__builtin_add_overflow(acc, product, &acc);
}

std::optional<Int128> Mul(Int128 a, Int128 b) {
  Int128 product = 0;
  if (__builtin_mul_overflow(a, b, &product)) return std::nullopt;
  return product;
}

}  // namespace

std::string_view ToString(BookIssue issue) {
  switch (issue) {
    case BookIssue::kApplied:
      return "applied";
    case BookIssue::kDuplicate:
      return "duplicate";
    case BookIssue::kAwaitingSnapshot:
      return "awaiting_snapshot";
    case BookIssue::kGap:
      return "gap";
    case BookIssue::kChecksumMismatch:
      return "checksum_mismatch";
    case BookIssue::kCrossed:
      return "crossed";
    case BookIssue::kMalformedLevel:
      return "malformed_level";
    case BookIssue::kOffTick:
      return "off_tick";
    case BookIssue::kTooManyLevels:
      return "too_many_levels";
    case BookIssue::kUnexpectedUpdate:
      return "unexpected_update";
  }
  return "unknown";
}

bool IsSnapshotOnlyChannel(std::string_view channel) {
  return channel == "books1" || channel == "books5" || channel == "books15";
}

BookSpec BookSpec::FromInstrument(const model::Instrument& instrument) {
  BookSpec spec;
  spec.symbol = instrument.symbol();
  spec.tick_size = instrument.tick_size();
  spec.size_scale = instrument.volume_place();
  return spec;
}

OrderBook::OrderBook(BookSpec spec) : spec_(std::move(spec)) {
  BGT_CHECK(spec_.tick_size.IsPositive(), "OrderBook: tick size must be positive");
  BGT_CHECK(spec_.size_scale >= 0 && spec_.size_scale <= core::Decimal::kMaxScale,
            "OrderBook: size scale must be 0..18");
  BGT_CHECK(spec_.max_levels_per_side > 0, "OrderBook: max_levels_per_side must be positive");
}

std::size_t OrderBook::depth(model::BookSide side) const { return SideLevels(side).size(); }

void OrderBook::Invalidate() {
  valid_ = false;
  bids_.clear();
  asks_.clear();
}

ApplyResult OrderBook::Fail(BookIssue issue, std::string detail) {
  ++counters_.by_issue[static_cast<std::size_t>(issue)];
  Invalidate();
  return {issue, spec_.symbol + ": " + std::move(detail)};
}

ApplyResult OrderBook::Ignore(BookIssue issue, std::string detail) {
  ++counters_.by_issue[static_cast<std::size_t>(issue)];
  return {issue, spec_.symbol + ": " + std::move(detail)};
}

ApplyResult OrderBook::Apply(const model::BookDelta& delta) {
  return delta.action == model::BookAction::kSnapshot ? ApplySnapshot(delta) : ApplyUpdate(delta);
}

BookIssue OrderBook::ParseSide(const std::vector<model::BookLevelText>& levels, bool allow_zero,
                               model::BookSide side, std::vector<Parsed>& out,
                               std::string& detail) const {
  out.clear();
  if (levels.size() > spec_.max_levels_per_side) {
    detail = std::to_string(levels.size()) + " " + std::string(model::ToString(side)) +
             " levels exceed the limit of " + std::to_string(spec_.max_levels_per_side);
    return BookIssue::kTooManyLevels;
  }
  const Int128 tick_m = spec_.tick_size.mantissa();
  const int tick_s = spec_.tick_size.scale();
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const model::BookLevelText& text = levels[i];
    auto where = [&] {
      return std::string(model::ToString(side)) + " level " + std::to_string(i) + " [\"" +
             text.price.substr(0, 32) + "\",\"" + text.size.substr(0, 32) + "\"]";
    };
    auto price = core::Decimal::Parse(text.price);
    auto size = core::Decimal::Parse(text.size);
    if (!price || !size) {
      detail = where() + ": not a decimal";
      return BookIssue::kMalformedLevel;
    }
    if (!price->IsPositive() || size->IsNegative() || (!allow_zero && size->IsZero())) {
      detail = where() + (price->IsPositive() ? ": size must be positive" : ": price must be > 0");
      return BookIssue::kMalformedLevel;
    }
    // price / tick = m / (tick_m × 10^(s - tick_s)), or m × 10^(tick_s - s) / tick_m.
    Int128 num = price->mantissa();
    Int128 den = tick_m;
    if (price->scale() > tick_s) {
      den *= Pow10(price->scale() - tick_s);
    } else {
      num *= Pow10(tick_s - price->scale());
    }
    if (num % den != 0) {
      detail = where() + ": price is not a multiple of the tick " + spec_.tick_size.ToString();
      return BookIssue::kOffTick;
    }
    const Int128 ticks = num / den;
    if (ticks * tick_m > kInt64Max) {
      detail = where() + ": price out of range";
      return BookIssue::kMalformedLevel;
    }
    Int128 lots = size->mantissa();
    if (size->scale() > spec_.size_scale) {
      const Int128 div = Pow10(size->scale() - spec_.size_scale);
      if (lots % div != 0) {
        detail = where() + ": size finer than 10^-" + std::to_string(spec_.size_scale);
        return BookIssue::kMalformedLevel;
      }
      lots /= div;
    } else {
      lots *= Pow10(spec_.size_scale - size->scale());
    }
    if (lots > kInt64Max) {
      detail = where() + ": size out of range";
      return BookIssue::kMalformedLevel;
    }
    out.push_back({static_cast<std::int64_t>(ticks), static_cast<std::int64_t>(lots), &text});
  }
  return BookIssue::kApplied;
}

ApplyResult OrderBook::ApplySnapshot(const model::BookDelta& delta) {
  std::string detail;
  for (const bool bids : {true, false}) {
    const auto side = bids ? model::BookSide::kBid : model::BookSide::kAsk;
    auto& parsed = bids ? scratch_bids_ : scratch_asks_;
    const BookIssue issue =
        ParseSide(bids ? delta.bids : delta.asks, /*allow_zero=*/true, side, parsed, detail);
    if (issue != BookIssue::kApplied) return Fail(issue, "snapshot " + detail);
    // Zero-size levels carry nothing in a snapshot; they are dropped (and so not hashed).
    std::erase_if(parsed, [](const Parsed& p) { return p.lots == 0; });
    // Stored order: best at the back (bids ascending, asks descending). Sent best first.
    auto stored_before = [bids](const Parsed& a, const Parsed& b) {
      return bids ? a.ticks < b.ticks : a.ticks > b.ticks;
    };
    std::reverse(parsed.begin(), parsed.end());
    if (!std::is_sorted(parsed.begin(), parsed.end(), stored_before)) {
      std::stable_sort(parsed.begin(), parsed.end(), stored_before);
    }
    auto dup =
        std::adjacent_find(parsed.begin(), parsed.end(),
                           [](const Parsed& a, const Parsed& b) { return a.ticks == b.ticks; });
    if (dup != parsed.end()) {
      return Fail(BookIssue::kMalformedLevel, "snapshot " + std::string(model::ToString(side)) +
                                                  " price " + dup->text->price + " appears twice");
    }
    auto& levels = bids ? bids_ : asks_;
    levels.resize(parsed.size());
    for (std::size_t i = 0; i < parsed.size(); ++i) {
      levels[i].ticks = parsed[i].ticks;
      levels[i].lots = parsed[i].lots;
      levels[i].price_text.assign(parsed[i].text->price);
      levels[i].size_text.assign(parsed[i].text->size);
    }
  }
  valid_ = true;
  snapshot_only_ = IsSnapshotOnlyChannel(delta.channel);
  seq_ = delta.seq;
  ApplyResult verified = Verify(delta);
  if (!verified.applied()) return verified;
  ++counters_.snapshots;
  ++counters_.by_issue[static_cast<std::size_t>(BookIssue::kApplied)];
  return {};
}

ApplyResult OrderBook::ApplyUpdate(const model::BookDelta& delta) {
  if (!valid_) {
    return Ignore(BookIssue::kAwaitingSnapshot, "update ignored until a snapshot arrives");
  }
  if (snapshot_only_ || IsSnapshotOnlyChannel(delta.channel)) {
    return Fail(BookIssue::kUnexpectedUpdate,
                "update on snapshot-only channel " + delta.channel.substr(0, 16));
  }
  if (delta.seq != 0 && seq_ != 0 && delta.seq <= seq_) {
    return Ignore(BookIssue::kDuplicate, "update seq " + std::to_string(delta.seq) +
                                             " is not newer than " + std::to_string(seq_));
  }
  if (delta.prev_seq != 0 && delta.prev_seq != seq_) {
    return Fail(BookIssue::kGap, "update pseq " + std::to_string(delta.prev_seq) +
                                     " does not follow seq " + std::to_string(seq_));
  }
  std::string detail;
  BookIssue issue =
      ParseSide(delta.bids, /*allow_zero=*/true, model::BookSide::kBid, scratch_bids_, detail);
  if (issue == BookIssue::kApplied) {
    issue = ParseSide(delta.asks, true, model::BookSide::kAsk, scratch_asks_, detail);
  }
  if (issue != BookIssue::kApplied) return Fail(issue, "update " + detail);
  MergeSide(bids_, scratch_bids_, true);
  MergeSide(asks_, scratch_asks_, false);
  if (delta.seq != 0) seq_ = delta.seq;
  ApplyResult verified = Verify(delta);
  if (!verified.applied()) return verified;
  ++counters_.updates;
  ++counters_.by_issue[static_cast<std::size_t>(BookIssue::kApplied)];
  return {};
}

void OrderBook::MergeSide(std::vector<Level>& levels, const std::vector<Parsed>& parsed,
                          bool bids) {
  for (const Parsed& p : parsed) {
    auto it = std::lower_bound(levels.begin(), levels.end(), p.ticks,
                               [bids](const Level& l, std::int64_t ticks) {
                                 return bids ? l.ticks < ticks : l.ticks > ticks;
                               });
    const bool found = it != levels.end() && it->ticks == p.ticks;
    if (p.lots == 0) {
      if (found) levels.erase(it);
      continue;
    }
    if (!found) it = levels.insert(it, Level{p.ticks, 0, {}, {}});
    it->lots = p.lots;
    it->price_text.assign(p.text->price);
    it->size_text.assign(p.text->size);
  }
}

ApplyResult OrderBook::Verify(const model::BookDelta& delta) {
  if (bids_.size() > spec_.max_levels_per_side || asks_.size() > spec_.max_levels_per_side) {
    return Fail(BookIssue::kTooManyLevels,
                "book side grew beyond " + std::to_string(spec_.max_levels_per_side) + " levels");
  }
  // Bitget's UTA books send checksum 0 meaning "not computed" (ccxt skips it too).
  if (delta.checksum.has_value() && *delta.checksum != 0) {
    const std::int32_t ours = Checksum();
    ++counters_.checksums_verified;
    if (ours != *delta.checksum) {
      return Fail(BookIssue::kChecksumMismatch,
                  "checksum " + std::to_string(*delta.checksum) + " sent, " + std::to_string(ours) +
                      " computed at seq " + std::to_string(delta.seq));
    }
  }
  if (!bids_.empty() && !asks_.empty() && bids_.back().ticks >= asks_.back().ticks) {
    return Fail(BookIssue::kCrossed, "crossed: best bid " + bids_.back().price_text +
                                         " >= best ask " + asks_.back().price_text);
  }
  return {};
}

std::int32_t OrderBook::Checksum() const {
  std::string& out = checksum_buffer_;
  out.clear();
  const std::size_t depth = spec_.checksum_depth;
  const std::size_t n = std::max(std::min(bids_.size(), depth), std::min(asks_.size(), depth));
  auto append = [&out](const Level& level) {
    if (!out.empty()) out += ':';
    out += level.price_text;
    out += ':';
    out += level.size_text;
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (i < bids_.size()) append(bids_[bids_.size() - 1 - i]);
    if (i < asks_.size()) append(asks_[asks_.size() - 1 - i]);
  }
  return Crc32Signed(out);
}

core::Decimal OrderBook::PriceOf(std::int64_t ticks) const {
  // ticks × tick_m fits 64 bits: ParseSide refuses prices where it does not.
  return core::Decimal::FromParts(ticks * spec_.tick_size.mantissa(), spec_.tick_size.scale())
      .value();
}

core::Decimal OrderBook::SizeOf(std::int64_t lots) const {
  return core::Decimal::FromParts(lots, spec_.size_scale).value();
}

std::optional<Quote> OrderBook::BestBid() const {
  if (!valid_ || bids_.empty()) return std::nullopt;
  return Quote{PriceOf(bids_.back().ticks), SizeOf(bids_.back().lots)};
}

std::optional<Quote> OrderBook::BestAsk() const {
  if (!valid_ || asks_.empty()) return std::nullopt;
  return Quote{PriceOf(asks_.back().ticks), SizeOf(asks_.back().lots)};
}

std::optional<core::Decimal> OrderBook::Mid() const {
  if (!valid_ || bids_.empty() || asks_.empty()) return std::nullopt;
  const Int128 sum = static_cast<Int128>(bids_.back().ticks) + asks_.back().ticks;
  return MakeDecimal(sum * spec_.tick_size.mantissa() * 5, spec_.tick_size.scale() + 1);
}

std::optional<core::Decimal> OrderBook::Spread() const {
  if (!valid_ || bids_.empty() || asks_.empty()) return std::nullopt;
  return PriceOf(asks_.back().ticks - bids_.back().ticks);
}

std::optional<double> OrderBook::SpreadBps() const {
  if (!valid_ || bids_.empty() || asks_.empty()) return std::nullopt;
  const double bid = static_cast<double>(bids_.back().ticks);
  const double ask = static_cast<double>(asks_.back().ticks);
  return (ask - bid) / ((ask + bid) / 2) * 1e4;
}

std::optional<DepthSummary> OrderBook::DepthWithinBps(model::BookSide side,
                                                      const core::Decimal& bps) const {
  if (!valid_ || bids_.empty() || asks_.empty() || bps.IsNegative()) return std::nullopt;
  auto scaled = bps.Rescale(6, core::Rounding::kDown);
  if (!scaled) return std::nullopt;
  // Price within the band: 2 × ticks × 1e10 against mid2 × (1e10 ∓ n), mid2 = bid + ask ticks.
  const Int128 n = std::min<Int128>(scaled->mantissa(), Pow10(12));
  const Int128 unit = Pow10(10);
  const Int128 mid2 = static_cast<Int128>(bids_.back().ticks) + asks_.back().ticks;
  const bool bids = side == model::BookSide::kBid;
  const Int128 bound = bids ? mid2 * (unit - n) : mid2 * (unit + n);
  const auto& levels = SideLevels(side);
  Int128 lots = 0;
  Int128 notional = 0;
  DepthSummary out;
  for (auto it = levels.rbegin(); it != levels.rend(); ++it) {
    const Int128 lhs = 2 * static_cast<Int128>(it->ticks) * unit;
    if (bids ? lhs < bound : lhs > bound) break;
    lots += it->lots;
    if (!AddProduct(notional, it->ticks, it->lots)) return std::nullopt;
    ++out.levels;
  }
  auto scaled_notional = Mul(notional, spec_.tick_size.mantissa());
  if (!scaled_notional) return std::nullopt;
  auto size = MakeDecimal(lots, spec_.size_scale);
  auto value = MakeDecimal(*scaled_notional, spec_.tick_size.scale() + spec_.size_scale);
  if (!size || !value) return std::nullopt;
  out.size = *size;
  out.notional = *value;
  return out;
}

core::Result<TradeCost> OrderBook::CostToTrade(model::OrderSide side,
                                               const core::Decimal& size) const {
  const auto& levels = side == model::OrderSide::kBuy ? asks_ : bids_;
  if (!valid_ || levels.empty()) {
    return core::MakeError(core::ErrorCode::kFailedPrecondition,
                           spec_.symbol + ": book invalid or side empty");
  }
  if (!size.IsPositive()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "size must be positive");
  }
  auto lots_d = size.Rescale(spec_.size_scale, core::Rounding::kDown);
  if (!lots_d || *lots_d != size) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "size " + size.ToString() + " is finer than the lot");
  }
  const std::int64_t wanted = lots_d->mantissa();
  std::int64_t filled = 0;
  Int128 notional = 0;
  TradeCost cost;
  std::int64_t worst_ticks = 0;
  for (auto it = levels.rbegin(); it != levels.rend() && filled < wanted; ++it) {
    const std::int64_t take = std::min(it->lots, wanted - filled);
    filled += take;
    if (!AddProduct(notional, it->ticks, take)) {
      return core::MakeError(core::ErrorCode::kOutOfRange, "trade cost overflows");
    }
    worst_ticks = it->ticks;
    ++cost.levels;
  }
  const std::int64_t best_ticks = levels.back().ticks;
  const int extra = 4;
  auto notional_e4 = Mul(notional, Pow10(extra));
  auto scaled_notional = Mul(notional, spec_.tick_size.mantissa());
  if (!notional_e4 || !scaled_notional) {
    return core::MakeError(core::ErrorCode::kOutOfRange, "trade cost overflows");
  }
  const Int128 avg_scaled = DivHalfUp(*notional_e4, filled);  // ticks × 1e4
  auto avg_mantissa = Mul(avg_scaled, spec_.tick_size.mantissa());
  std::optional<core::Decimal> avg;
  if (avg_mantissa) avg = MakeDecimal(*avg_mantissa, spec_.tick_size.scale() + extra);
  auto value = MakeDecimal(*scaled_notional, spec_.tick_size.scale() + spec_.size_scale);
  if (!avg || !value) {
    return core::MakeError(core::ErrorCode::kOutOfRange, "trade cost overflows");
  }
  cost.requested = size;
  cost.filled = SizeOf(filled);
  cost.notional = *value;
  cost.avg_price = *avg;
  cost.worst_price = PriceOf(worst_ticks);
  const double avg_ticks = static_cast<double>(avg_scaled) / 1e4;
  const double best = static_cast<double>(best_ticks);
  const double sign = side == model::OrderSide::kBuy ? 1.0 : -1.0;
  cost.slippage_bps = sign * (avg_ticks - best) / best * 1e4;
  cost.sufficient = filled == wanted;
  return cost;
}

std::vector<model::BookLevel> OrderBook::TopLevels(model::BookSide side, std::size_t n) const {
  std::vector<model::BookLevel> out;
  if (!valid_) return out;
  const auto& levels = SideLevels(side);
  n = std::min(n, levels.size());
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Level& l = levels[levels.size() - 1 - i];
    out.push_back({PriceOf(l.ticks), SizeOf(l.lots)});
  }
  return out;
}

std::vector<model::BookLevelText> OrderBook::TopLevelsText(model::BookSide side,
                                                           std::size_t n) const {
  std::vector<model::BookLevelText> out;
  if (!valid_) return out;
  const auto& levels = SideLevels(side);
  n = std::min(n, levels.size());
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Level& l = levels[levels.size() - 1 - i];
    out.push_back({l.price_text, l.size_text});
  }
  return out;
}

}  // namespace bgt::market
