#include "market/order_book.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "market/order_book_test_util.h"

namespace bgt::market {
namespace {

using model::BookSide;
using testing::ChecksumOf;
using testing::D;
using testing::Levels;
using testing::Snapshot;
using testing::TestSpec;
using testing::Update;

OrderBook SeededBook() {
  OrderBook book(TestSpec());
  const Levels bids = {{"100.0", "1"}, {"99.5", "2.5"}, {"99", "4"}};
  const Levels asks = {{"100.5", "1.2"}, {"101", "3"}, {"102.3", "0.5"}};
  EXPECT_TRUE(book.Apply(Snapshot(bids, asks, 10, ChecksumOf(bids, asks))).applied());
  return book;
}

TEST(OrderBookTest, SnapshotThenUpdateMergesInsertsReplacesAndDeletes) {
  OrderBook book = SeededBook();
  ASSERT_TRUE(book.valid());
  EXPECT_EQ(book.seq(), 10);
  const Levels after_bids = {{"100.0", "1"}, {"99.8", "7"}, {"99.5", "2.5"}};
  const Levels after_asks = {{"100.5", "2"}, {"102.3", "0.5"}};
  // Insert bid 99.8, delete bid 99, replace ask 100.5, delete ask 101.
  auto r = book.Apply(Update({{"99.8", "7"}, {"99", "0"}}, {{"100.5", "2"}, {"101", "0"}}, 11, 10,
                             ChecksumOf(after_bids, after_asks)));
  ASSERT_TRUE(r.applied()) << r.detail;
  EXPECT_EQ(book.TopLevelsText(BookSide::kBid, 10), after_bids);
  EXPECT_EQ(book.TopLevelsText(BookSide::kAsk, 10), after_asks);
  EXPECT_EQ(book.seq(), 11);
  EXPECT_EQ(book.counters().snapshots, 1u);
  EXPECT_EQ(book.counters().updates, 1u);
  EXPECT_EQ(book.counters().checksums_verified, 2u);
  const auto top = book.TopLevels(BookSide::kBid, 2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].price, D("100"));
  EXPECT_EQ(top[1].price, D("99.8"));
  EXPECT_EQ(top[1].size, D("7"));
}

TEST(OrderBookTest, DeleteOfAnAbsentLevelIsANoOp) {
  OrderBook book = SeededBook();
  ASSERT_TRUE(book.Apply(Update({{"50", "0"}}, {}, 11, 10)).applied());
  EXPECT_EQ(book.depth(BookSide::kBid), 3u);
}

TEST(OrderBookTest, VerifiesBitgetDocumentedChecksumVector) {
  BookSpec spec = TestSpec();
  spec.size_scale = 0;
  OrderBook book(spec);
  // Bitget's Depth-Channel example: interleaved "43231.1:4:43232.8:9:43231:6:43232.9:8".
  auto r = book.Apply(Snapshot({{"43231.1", "4"}, {"43231", "6"}},
                               {{"43232.8", "9"}, {"43232.9", "8"}}, 1, -1504501796));
  ASSERT_TRUE(r.applied()) << r.detail;
  EXPECT_EQ(book.Checksum(), -1504501796);
}

TEST(OrderBookTest, CorruptedChecksumInvalidatesUntilTheNextSnapshot) {
  OrderBook book = SeededBook();
  const std::int32_t good = ChecksumOf({{"100.0", "1"}, {"99.5", "2.5"}, {"99", "4"}},
                                       {{"100.5", "1.2"}, {"101", "3"}, {"102.3", "0.5"}});
  auto r = book.Apply(Update({}, {}, 11, 10, good ^ 1));
  EXPECT_EQ(r.issue, BookIssue::kChecksumMismatch);
  EXPECT_FALSE(book.valid());
  EXPECT_FALSE(book.BestBid().has_value());
  EXPECT_EQ(book.counters().Count(BookIssue::kChecksumMismatch), 1u);
  // Updates are ignored until a snapshot arrives.
  EXPECT_EQ(book.Apply(Update({{"99", "1"}}, {}, 12, 11)).issue, BookIssue::kAwaitingSnapshot);
  EXPECT_EQ(book.counters().Count(BookIssue::kAwaitingSnapshot), 1u);
  ASSERT_TRUE(book.Apply(Snapshot({{"99", "1"}}, {{"100", "1"}}, 20)).applied());
  EXPECT_TRUE(book.valid());
  EXPECT_EQ(book.BestBid()->price, D("99"));
}

TEST(OrderBookTest, ZeroChecksumMeansNotSent) {
  OrderBook book = SeededBook();
  EXPECT_TRUE(book.Apply(Update({{"99", "1"}}, {}, 11, 10, 0)).applied());
}

TEST(OrderBookTest, TrailingZeroTextIsKeptVerbatimAndHashed) {
  OrderBook book(TestSpec());
  ASSERT_TRUE(book.Apply(Snapshot({{"27000.5", "1.000"}}, {{"27001", "2"}}, 1)).applied());
  // Same price (same tick), new text: the level is replaced and keeps "27000.50".
  const Levels bids = {{"27000.50", "1.5"}};
  const Levels asks = {{"27001", "2"}};
  const std::int32_t with_zero = ChecksumOf(bids, asks);
  const std::int32_t without_zero = ChecksumOf({{"27000.5", "1.5"}}, asks);
  ASSERT_NE(with_zero, without_zero);
  auto r = book.Apply(Update({{"27000.50", "1.5"}}, {}, 2, 1, with_zero));
  ASSERT_TRUE(r.applied()) << r.detail;
  EXPECT_EQ(book.depth(BookSide::kBid), 1u);
  EXPECT_EQ(book.TopLevelsText(BookSide::kBid, 1), bids);
  EXPECT_EQ(book.Checksum(), with_zero);
  // A checksum computed over the normalised text does not match.
  auto bad = book.Apply(Update({{"27000.50", "1.5"}}, {}, 3, 2, without_zero));
  EXPECT_EQ(bad.issue, BookIssue::kChecksumMismatch);
}

TEST(OrderBookTest, SequenceGapIsDetected) {
  OrderBook book = SeededBook();
  auto r = book.Apply(Update({{"99", "1"}}, {}, 13, 12));
  EXPECT_EQ(r.issue, BookIssue::kGap);
  EXPECT_NE(r.detail.find("pseq 12"), std::string::npos) << r.detail;
  EXPECT_FALSE(book.valid());
  EXPECT_EQ(book.counters().Count(BookIssue::kGap), 1u);
}

TEST(OrderBookTest, DuplicateUpdateIsIgnoredAndTheBookStaysValid) {
  OrderBook book = SeededBook();
  ASSERT_TRUE(book.Apply(Update({{"99", "5"}}, {}, 11, 10)).applied());
  auto r = book.Apply(Update({{"99", "5"}}, {}, 11, 10));
  EXPECT_EQ(r.issue, BookIssue::kDuplicate);
  EXPECT_EQ(book.Apply(Update({{"99", "9"}}, {}, 9, 8)).issue, BookIssue::kDuplicate);
  EXPECT_TRUE(book.valid());
  EXPECT_EQ(book.TopLevels(BookSide::kBid, 3)[2].size, D("5"));
  EXPECT_EQ(book.counters().Count(BookIssue::kDuplicate), 2u);
}

TEST(OrderBookTest, OutOfOrderUpdateIsAGap) {
  OrderBook book = SeededBook();
  // 12 (pseq 11) arrives before 11 (pseq 10).
  EXPECT_EQ(book.Apply(Update({{"99", "1"}}, {}, 12, 11)).issue, BookIssue::kGap);
  EXPECT_EQ(book.Apply(Update({{"99", "2"}}, {}, 11, 10)).issue, BookIssue::kAwaitingSnapshot);
}

TEST(OrderBookTest, CrossedBookIsDetected) {
  OrderBook book = SeededBook();
  auto r = book.Apply(Update({{"100.5", "1"}}, {}, 11, 10));
  EXPECT_EQ(r.issue, BookIssue::kCrossed);
  EXPECT_FALSE(book.valid());
  OrderBook fresh(TestSpec());
  EXPECT_EQ(fresh.Apply(Snapshot({{"101", "1"}}, {{"100", "1"}}, 1)).issue, BookIssue::kCrossed);
  EXPECT_EQ(fresh.counters().Count(BookIssue::kCrossed), 1u);
}

TEST(OrderBookTest, UpdateOnSnapshotOnlyChannelIsRefused) {
  OrderBook book(TestSpec());
  ASSERT_TRUE(
      book.Apply(Snapshot({{"99", "1"}}, {{"100", "1"}}, 5, std::nullopt, "books5")).applied());
  EXPECT_EQ(book.Apply(Update({{"99", "2"}}, {}, 6, 5)).issue, BookIssue::kUnexpectedUpdate);
}

TEST(OrderBookTest, UnsortedSnapshotIsSortedAndDuplicatesRefused) {
  OrderBook book(TestSpec());
  ASSERT_TRUE(book.Apply(Snapshot({{"98", "1"}, {"99.9", "1"}, {"99", "2"}},
                                  {{"101", "1"}, {"100.1", "1"}}, 1))
                  .applied());
  EXPECT_EQ(book.BestBid()->price, D("99.9"));
  EXPECT_EQ(book.BestAsk()->price, D("100.1"));
  auto r = book.Apply(Snapshot({{"99", "1"}, {"99.0", "2"}}, {}, 2));
  EXPECT_EQ(r.issue, BookIssue::kMalformedLevel);
}

struct HostileCase {
  Levels bids;
  BookIssue expected;
};

TEST(OrderBookTest, HostileLevelsAreTypedFailuresNeverCrashes) {
  const std::vector<HostileCase> cases = {
      {{{"", "1"}}, BookIssue::kMalformedLevel},
      {{{"99", ""}}, BookIssue::kMalformedLevel},
      {{{"abc", "1"}}, BookIssue::kMalformedLevel},
      {{{"99", "1x"}}, BookIssue::kMalformedLevel},
      {{{" 99", "1"}}, BookIssue::kMalformedLevel},
      {{{"NaN", "1"}}, BookIssue::kMalformedLevel},
      {{{"-99", "1"}}, BookIssue::kMalformedLevel},
      {{{"0", "1"}}, BookIssue::kMalformedLevel},
      {{{"99", "-1"}}, BookIssue::kMalformedLevel},
      {{{"99", "0.0001"}}, BookIssue::kMalformedLevel},  // finer than the 0.001 lot
      {{{"99.05", "1"}}, BookIssue::kOffTick},
      {{{"9223372036854775807", "1"}}, BookIssue::kMalformedLevel},
      {{{"1e30", "1"}}, BookIssue::kMalformedLevel},
      {{{"99", "9223372036854775807"}}, BookIssue::kMalformedLevel},
      {{{std::string(100000, '9'), "1"}}, BookIssue::kMalformedLevel},
  };
  for (const auto& c : cases) {
    OrderBook book = SeededBook();
    auto r = book.Apply(Update(c.bids, {}, 11, 10));
    EXPECT_EQ(r.issue, c.expected) << c.bids[0].price.substr(0, 20) << " / " << c.bids[0].size;
    EXPECT_FALSE(book.valid());
    EXPECT_FALSE(r.detail.empty());
    EXPECT_LT(r.detail.size(), 400u);
    EXPECT_EQ(book.counters().Count(c.expected), 1u);
    OrderBook fresh(TestSpec());
    EXPECT_EQ(fresh.Apply(Snapshot(c.bids, {}, 1)).issue, c.expected);
  }
}

TEST(OrderBookTest, HugeArraysAreRefused) {
  BookSpec spec = TestSpec();
  spec.max_levels_per_side = 100;
  OrderBook book(spec);
  Levels many;
  for (int i = 0; i < 101; ++i) many.push_back({std::to_string(1000 - i), "1"});
  EXPECT_EQ(book.Apply(Snapshot(many, {}, 1)).issue, BookIssue::kTooManyLevels);
  many.pop_back();
  ASSERT_TRUE(book.Apply(Snapshot(many, {}, 1)).applied());
  // Growing a side past the limit through updates is refused too.
  EXPECT_EQ(book.Apply(Update({{"1", "1"}}, {}, 2, 1)).issue, BookIssue::kTooManyLevels);
}

TEST(OrderBookTest, QueriesMidSpreadDepthAndCost) {
  OrderBook book = SeededBook();  // bids 100/1, 99.5/2.5, 99/4; asks 100.5/1.2, 101/3, 102.3/0.5
  EXPECT_EQ(*book.Mid(), D("100.25"));
  EXPECT_EQ(*book.Spread(), D("0.5"));
  EXPECT_NEAR(*book.SpreadBps(), 0.5 / 100.25 * 1e4, 1e-9);
  // 100 bps around 100.25: bids >= 99.2475 (100, 99.5), asks <= 101.2525 (100.5, 101).
  auto bids = book.DepthWithinBps(BookSide::kBid, D("100"));
  ASSERT_TRUE(bids.has_value());
  EXPECT_EQ(bids->size, D("3.5"));
  EXPECT_EQ(bids->notional, D("348.75"));
  EXPECT_EQ(bids->levels, 2u);
  auto asks = book.DepthWithinBps(BookSide::kAsk, D("100"));
  EXPECT_EQ(asks->size, D("4.2"));
  EXPECT_EQ(asks->notional, D("423.6"));
  EXPECT_EQ(book.DepthWithinBps(BookSide::kAsk, D("0"))->levels, 0u);

  // Buy 2.2: 1.2 @ 100.5 + 1 @ 101 = 221.6, avg 100.7272...
  auto buy = book.CostToTrade(model::OrderSide::kBuy, D("2.2"));
  ASSERT_TRUE(buy.has_value()) << buy.error().ToString();
  EXPECT_TRUE(buy->sufficient);
  EXPECT_EQ(buy->filled, D("2.2"));
  EXPECT_EQ(buy->notional, D("221.6"));
  EXPECT_EQ(buy->avg_price, D("100.72727"));
  EXPECT_EQ(buy->worst_price, D("101"));
  EXPECT_EQ(buy->levels, 2u);
  EXPECT_NEAR(buy->slippage_bps, (100.72727 - 100.5) / 100.5 * 1e4, 1e-3);
  // Sell more than the bids hold.
  auto sell = book.CostToTrade(model::OrderSide::kSell, D("10"));
  ASSERT_TRUE(sell.has_value());
  EXPECT_FALSE(sell->sufficient);
  EXPECT_EQ(sell->filled, D("7.5"));
  EXPECT_EQ(sell->worst_price, D("99"));
  EXPECT_GT(sell->slippage_bps, 0);
  EXPECT_FALSE(book.CostToTrade(model::OrderSide::kBuy, D("0")).has_value());
  EXPECT_FALSE(book.CostToTrade(model::OrderSide::kBuy, D("0.0001")).has_value());
}

TEST(OrderBookTest, QueriesOnAnInvalidBookReturnNothing) {
  OrderBook book(TestSpec());
  EXPECT_FALSE(book.Mid().has_value());
  EXPECT_FALSE(book.BestAsk().has_value());
  EXPECT_TRUE(book.TopLevels(BookSide::kBid, 5).empty());
  EXPECT_FALSE(book.CostToTrade(model::OrderSide::kBuy, D("1")).has_value());
  EXPECT_FALSE(book.DepthWithinBps(BookSide::kBid, D("10")).has_value());
}

TEST(OrderBookTest, ChecksumUsesTopTwentyFiveOnly) {
  OrderBook book(TestSpec());
  Levels bids;
  Levels asks;
  for (int i = 0; i < 40; ++i) {
    bids.push_back({std::to_string(1000 - i), std::to_string(i + 1)});
    asks.push_back({std::to_string(1001 + i), std::to_string(i + 2)});
  }
  const std::int32_t expected = ChecksumOf(bids, asks);
  ASSERT_TRUE(book.Apply(Snapshot(bids, asks, 1, expected)).applied());
  // Changing level 30 leaves the checksum alone.
  ASSERT_TRUE(book.Apply(Update({{"970", "99"}}, {}, 2, 1, expected)).applied());
}

}  // namespace
}  // namespace bgt::market
