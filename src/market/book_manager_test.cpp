#include "market/book_manager.h"

#include <gtest/gtest.h>

#include <vector>

#include "market/order_book_test_util.h"

namespace bgt::market {
namespace {

using testing::ChecksumOf;
using testing::Snapshot;
using testing::Update;

class BookManagerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    manager_.AddBook(testing::TestSpec());
    BookSpec eth = testing::TestSpec();
    eth.symbol = "ETHUSDT";
    eth.tick_size = testing::D("0.01");
    manager_.AddBook(eth);
    manager_.SetListener([this](const BookEvent& e) { events_.push_back(e); });
  }
  BookManager manager_;
  std::vector<BookEvent> events_;
};

TEST_F(BookManagerTest, RoutesBySymbolAndRefusesUnknownSymbols) {
  EXPECT_EQ(manager_.Symbols(), (std::vector<std::string>{"BTCUSDT", "ETHUSDT"}));
  auto r = manager_.OnDelta(Snapshot({{"99", "1"}}, {{"100", "1"}}, 1));
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(r->applied());
  EXPECT_TRUE(manager_.Find("BTCUSDT")->valid());
  EXPECT_FALSE(manager_.Find("ETHUSDT")->valid());
  // The first snapshot of a new book is not a resync.
  EXPECT_TRUE(events_.empty());
  auto unknown = Snapshot({{"1", "1"}}, {}, 1);
  unknown.symbol = "NOPEUSDT";
  auto u = manager_.OnDelta(unknown);
  ASSERT_FALSE(u.has_value());
  EXPECT_EQ(u.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(manager_.counters().unknown_symbol, 1u);
}

TEST_F(BookManagerTest, GapRequestsOneResyncIgnoresUpdatesThenResyncs) {
  ASSERT_TRUE(manager_.OnDelta(Snapshot({{"99", "1"}}, {{"100", "1"}}, 5))->applied());
  EXPECT_EQ(manager_.OnDelta(Update({{"99", "2"}}, {}, 8, 7))->issue, BookIssue::kGap);
  EXPECT_TRUE(manager_.ResyncPending("BTCUSDT"));
  EXPECT_FALSE(manager_.ResyncPending("ETHUSDT"));
  ASSERT_EQ(events_.size(), 1u);
  EXPECT_EQ(events_[0].kind, BookEvent::Kind::kResyncNeeded);
  EXPECT_EQ(events_[0].issue, BookIssue::kGap);
  EXPECT_EQ(events_[0].channel, "books");
  // Later updates are ignored without further requests.
  EXPECT_EQ(manager_.OnDelta(Update({{"99", "3"}}, {}, 9, 8))->issue, BookIssue::kAwaitingSnapshot);
  auto requests = manager_.TakeResyncRequests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].symbol, "BTCUSDT");
  EXPECT_EQ(requests[0].reason, BookIssue::kGap);
  EXPECT_TRUE(manager_.TakeResyncRequests().empty());
  // The fresh snapshot heals the book.
  ASSERT_TRUE(manager_.OnDelta(Snapshot({{"98", "1"}}, {{"100", "1"}}, 20))->applied());
  EXPECT_FALSE(manager_.ResyncPending("BTCUSDT"));
  ASSERT_EQ(events_.size(), 2u);
  EXPECT_EQ(events_[1].kind, BookEvent::Kind::kResynced);
  const auto& c = manager_.counters();
  EXPECT_EQ(c.gaps, 1u);
  EXPECT_EQ(c.resyncs_requested, 1u);
  EXPECT_EQ(c.resyncs_completed, 1u);
  EXPECT_EQ(c.ignored_awaiting_snapshot, 1u);
}

TEST_F(BookManagerTest, CountsEachFailureKind) {
  auto seed = [this] {
    ASSERT_TRUE(manager_.OnDelta(Snapshot({{"99", "1"}}, {{"100", "1"}}, 5))->applied());
  };
  seed();
  EXPECT_EQ(manager_.OnDelta(Update({}, {}, 6, 5, 12345))->issue, BookIssue::kChecksumMismatch);
  seed();
  EXPECT_EQ(manager_.OnDelta(Update({{"100", "1"}}, {}, 6, 5))->issue, BookIssue::kCrossed);
  seed();
  EXPECT_EQ(manager_.OnDelta(Update({{"x", "1"}}, {}, 6, 5))->issue, BookIssue::kMalformedLevel);
  seed();
  EXPECT_EQ(manager_.OnDelta(Update({}, {}, 5, 4))->issue, BookIssue::kDuplicate);
  const auto& c = manager_.counters();
  EXPECT_EQ(c.checksum_failures, 1u);
  EXPECT_EQ(c.crossed, 1u);
  EXPECT_EQ(c.malformed, 1u);
  EXPECT_EQ(c.duplicates, 1u);
  EXPECT_EQ(c.resyncs_requested, 3u);
  EXPECT_EQ(c.resyncs_completed, 3u);
  EXPECT_EQ(manager_.TakeResyncRequests().size(), 3u);
}

TEST_F(BookManagerTest, BadSnapshotAsksAgain) {
  const testing::Levels bids = {{"99", "1"}};
  const testing::Levels asks = {{"100", "1"}};
  EXPECT_EQ(manager_.OnDelta(Snapshot(bids, asks, 5, ChecksumOf(bids, asks) + 1))->issue,
            BookIssue::kChecksumMismatch);
  EXPECT_EQ(manager_.OnDelta(Snapshot(bids, asks, 6, ChecksumOf(bids, asks) - 1))->issue,
            BookIssue::kChecksumMismatch);
  EXPECT_EQ(manager_.TakeResyncRequests().size(), 2u);
  EXPECT_TRUE(manager_.OnDelta(Snapshot(bids, asks, 7, ChecksumOf(bids, asks)))->applied());
  EXPECT_EQ(manager_.counters().resyncs_completed, 1u);
}

TEST_F(BookManagerTest, InvalidateAllWaitsForSnapshots) {
  ASSERT_TRUE(manager_.OnDelta(Snapshot({{"99", "1"}}, {{"100", "1"}}, 5))->applied());
  manager_.InvalidateAll();
  EXPECT_FALSE(manager_.Find("BTCUSDT")->valid());
  EXPECT_EQ(manager_.OnDelta(Update({{"99", "2"}}, {}, 6, 5))->issue, BookIssue::kAwaitingSnapshot);
  EXPECT_TRUE(manager_.TakeResyncRequests().empty());
  EXPECT_TRUE(manager_.RemoveBook("BTCUSDT"));
  EXPECT_EQ(manager_.Find("BTCUSDT"), nullptr);
}

}  // namespace
}  // namespace bgt::market
