// Randomized differential test: seeded random snapshots and updates applied to OrderBook and to a
// naive reference (std::map of text per tick), compared level by level and by checksum after
// every step. Some updates carry a corrupted checksum or a sequence gap and must be caught.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <utility>

#include "market/order_book.h"
#include "market/order_book_test_util.h"

namespace bgt::market {
namespace {

using model::BookSide;
using testing::ChecksumOf;
using testing::Levels;

// Reference book: ticks -> (price text, size text); bids and asks both keyed ascending.
using RefSide = std::map<std::int64_t, model::BookLevelText>;

// Text for ticks of 0.1, sometimes with a redundant trailing zero ("27000.50", "27000.0").
std::string PriceText(std::int64_t ticks, std::mt19937_64& rng) {
  std::string text = std::to_string(ticks / 10);
  const std::int64_t frac = ticks % 10;
  const int style = static_cast<int>(rng() % 3);
  if (frac != 0 || style == 1) text += "." + std::to_string(frac);
  if (style == 2 && frac != 0) text += "0";
  return text;
}

// Text for lots of 0.001, in any of its exact spellings ("1.5", "1.500", "1.50").
std::string SizeText(std::int64_t lots, std::mt19937_64& rng) {
  std::string whole = std::to_string(lots / 1000);
  std::string frac = std::to_string(lots % 1000);
  frac.insert(0, 3 - frac.size(), '0');
  const int keep = static_cast<int>(rng() % 4);  // fraction digits to keep, at least the needed
  std::size_t needed = 3;
  while (needed > 0 && frac[needed - 1] == '0') --needed;
  const std::size_t digits = std::max<std::size_t>(needed, static_cast<std::size_t>(keep));
  return digits == 0 ? whole : whole + "." + frac.substr(0, digits);
}

Levels TopOf(const RefSide& side, bool bids, std::size_t n = SIZE_MAX) {
  Levels out;
  if (bids) {
    for (auto it = side.rbegin(); it != side.rend() && out.size() < n; ++it) {
      out.push_back(it->second);
    }
  } else {
    for (auto it = side.begin(); it != side.end() && out.size() < n; ++it) {
      out.push_back(it->second);
    }
  }
  return out;
}

class RandomBookTest : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(RandomBookTest, MatchesNaiveReferenceAfterEveryStep) {
  std::mt19937_64 rng(GetParam());
  OrderBook book(testing::TestSpec());
  RefSide bids;
  RefSide asks;
  std::int64_t seq = 0;
  auto uniform = [&rng](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  // Bids live in ticks [9000, 9999], asks in [10001, 11000]: never crossed unless injected.
  auto random_level = [&](bool bid, bool allow_delete) {
    const std::int64_t ticks = bid ? uniform(9000, 9999) : uniform(10001, 11000);
    const std::int64_t lots = allow_delete && uniform(0, 3) == 0 ? 0 : uniform(1, 50000);
    return std::make_pair(ticks, model::BookLevelText{PriceText(ticks, rng), SizeText(lots, rng)});
  };
  auto snapshot = [&] {
    bids.clear();
    asks.clear();
    const std::int64_t n = uniform(0, 60);
    for (std::int64_t i = 0; i < n; ++i) {
      auto [tb, lb] = random_level(true, false);
      bids[tb] = lb;
      auto [ta, la] = random_level(false, false);
      asks[ta] = la;
    }
    seq += uniform(1, 1000);
    auto r = book.Apply(testing::Snapshot(TopOf(bids, true), TopOf(asks, false), seq,
                                          ChecksumOf(TopOf(bids, true), TopOf(asks, false))));
    ASSERT_TRUE(r.applied()) << r.detail;
  };

  std::uint64_t injected = 0;
  snapshot();
  for (int step = 0; step < 3000; ++step) {
    const std::int64_t roll = uniform(0, 99);
    if (roll < 3) {
      snapshot();
      continue;
    }
    Levels ub;
    Levels ua;
    const std::int64_t n = uniform(0, 12);
    for (std::int64_t i = 0; i < n; ++i) {
      const bool bid = uniform(0, 1) == 0;
      auto [ticks, level] = random_level(bid, true);
      RefSide& side = bid ? bids : asks;
      const bool erase = level.size.find_first_not_of("0.") == std::string::npos;
      if (erase) {
        side.erase(ticks);
      } else {
        side[ticks] = level;
      }
      (bid ? ub : ua).push_back(level);
    }
    std::int32_t checksum = ChecksumOf(TopOf(bids, true, 25), TopOf(asks, false, 25));
    std::int64_t prev = seq;
    BookIssue expected = BookIssue::kApplied;
    if (roll < 6) {
      checksum ^= 0x40;
      expected = BookIssue::kChecksumMismatch;
    } else if (roll < 8) {
      prev = seq - 1;
      expected = BookIssue::kGap;
    }
    seq += uniform(1, 3);
    auto r = book.Apply(testing::Update(ub, ua, seq, prev, checksum));
    ASSERT_EQ(r.issue, expected) << "step " << step << ": " << r.detail;
    if (expected != BookIssue::kApplied) {
      ++injected;
      EXPECT_FALSE(book.valid());
      snapshot();
      continue;
    }
    ASSERT_EQ(book.TopLevelsText(BookSide::kBid, SIZE_MAX), TopOf(bids, true)) << "step " << step;
    ASSERT_EQ(book.TopLevelsText(BookSide::kAsk, SIZE_MAX), TopOf(asks, false)) << "step " << step;
    ASSERT_EQ(book.Checksum(), checksum);
  }
  EXPECT_GT(injected, 50u);
  EXPECT_EQ(
      book.counters().Count(BookIssue::kChecksumMismatch) + book.counters().Count(BookIssue::kGap),
      injected);
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomBookTest, ::testing::Values(1u, 42u, 20261125u));

}  // namespace
}  // namespace bgt::market
