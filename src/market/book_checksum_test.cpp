#include "market/book_checksum.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/decimal.h"

namespace bgt::market {
namespace {

// Bitget's documented example (Depth-Channel): bids 43231.1 x 4, 43231 x 6; asks 43232.8 x 9,
// 43232.9 x 8. Interleaved: "43231.1:4:43232.8:9:43231:6:43232.9:8"; zlib.crc32 of that string
// is 2790465500, which as a signed int32 is 2790465500 - 2^32 = -1504501796 (checked with
// python3 -c "import zlib; print(zlib.crc32(b'...') - 2**32)").
TEST(BookChecksumTest, MatchesBitgetDocumentedExample) {
  const std::vector<LevelText> bids = {{"43231.1", "4"}, {"43231", "6"}};
  const std::vector<LevelText> asks = {{"43232.8", "9"}, {"43232.9", "8"}};
  EXPECT_EQ(BookChecksumString(bids, asks), "43231.1:4:43232.8:9:43231:6:43232.9:8");
  EXPECT_EQ(BookChecksum(bids, asks), -1504501796);
}

TEST(BookChecksumTest, SkipsTheShorterSideAndStopsAtDepth) {
  const std::vector<LevelText> bids = {{"3", "1"}, {"2", "1"}, {"1", "1"}};
  const std::vector<LevelText> asks = {{"4", "2"}};
  EXPECT_EQ(BookChecksumString(bids, asks), "3:1:4:2:2:1:1:1");
  EXPECT_EQ(BookChecksumString(bids, asks, 2), "3:1:4:2:2:1");
  EXPECT_EQ(BookChecksumString({}, {}), "");
  EXPECT_EQ(BookChecksum({}, {}), 0);
}

TEST(BookChecksumTest, HashesTheWireTextNotTheValue) {
  const std::vector<LevelText> a = {{"27000.5", "8.760"}};
  const std::vector<LevelText> b = {{"27000.5", "8.76"}};
  EXPECT_NE(BookChecksum(a, {}), BookChecksum(b, {}));
  // The standard CRC-32 check value: crc32("123456789") = 0xCBF43926.
  EXPECT_EQ(Crc32Signed("123456789"), static_cast<std::int32_t>(0xCBF43926u));
}

TEST(BookChecksumTest, SnapshotOverloadPrintsDecimalsWithTheirScale) {
  model::OrderBookSnapshot book;
  book.bids = {{core::Decimal::Parse("43231.1").value(), core::Decimal::Parse("4").value()},
               {core::Decimal::Parse("43231").value(), core::Decimal::Parse("6").value()}};
  book.asks = {{core::Decimal::Parse("43232.8").value(), core::Decimal::Parse("9").value()},
               {core::Decimal::Parse("43232.9").value(), core::Decimal::Parse("8").value()}};
  EXPECT_EQ(BookChecksum(book), -1504501796);
}

}  // namespace
}  // namespace bgt::market
