#include "emulator/ws_books.h"

#include <gtest/gtest.h>

#include <string>

#include "core/decimal.h"
#include "market/book_checksum.h"

namespace bgt::emulator {
namespace {

WireLevel L(const std::string& price, const std::string& size) {
  return {core::Decimal::Parse(price).value(), price, size};
}

TEST(WsBooksTest, DiffHoldsChangedNewAndDeletedLevelsAndApplyingItRebuildsTheBook) {
  const WireBook from{{L("100.5", "1"), L("100.4", "2"), L("100.2", "3")},
                      {L("100.6", "1"), L("100.8", "2")}};
  const WireBook to{{L("100.5", "1"), L("100.3", "5"), L("100.2", "4")},
                    {L("100.7", "1"), L("100.8", "2"), L("100.9", "1")}};
  const WireBook diff = BookDiff(from, to);
  const WireBook expected{{L("100.4", "0"), L("100.3", "5"), L("100.2", "4")},
                          {L("100.6", "0"), L("100.7", "1"), L("100.9", "1")}};
  EXPECT_EQ(diff, expected);
  WireBook applied = from;
  ApplyBookUpdate(applied, diff);
  EXPECT_EQ(applied, to);
  EXPECT_EQ(BookDiff(to, to), WireBook{});
}

TEST(WsBooksTest, FeedBumpsSeqOnlyWhenTheBookChanges) {
  BookFeed feed;
  const WireBook a{{L("10", "1")}, {L("11", "1")}};
  const WireBook b{{L("10", "2")}, {L("11", "1")}};
  EXPECT_FALSE(feed.Advance(a).changed);
  EXPECT_EQ(feed.seq(), 1);
  EXPECT_FALSE(feed.Advance(a).changed);
  const auto step = feed.Advance(b);
  EXPECT_TRUE(step.changed);
  EXPECT_EQ(step.diff, (WireBook{{L("10", "2")}, {}}));
  EXPECT_EQ(feed.seq(), 2);
  EXPECT_EQ(feed.prev_seq(), 1);
}

TEST(WsBooksTest, ChecksumAndJsonUseTheWireText) {
  // Bitget's documented example (see market/book_checksum_test.cpp).
  const WireBook book{{L("43231.1", "4"), L("43231", "6")}, {L("43232.8", "9"), L("43232.9", "8")}};
  EXPECT_EQ(WireChecksum(book), -1504501796);
  EXPECT_EQ(BookDataJson(Top(book, 1), 7, 3, 2, core::Timestamp::FromMillis(1700000000000)),
            "{\"asks\":[[\"43232.8\",\"9\"]],\"bids\":[[\"43231.1\",\"4\"]],\"checksum\":7,"
            "\"seq\":3,\"pseq\":2,\"ts\":\"1700000000000\"}");
}

}  // namespace
}  // namespace bgt::emulator
