#include "model/order_book.h"

#include <gtest/gtest.h>

namespace bgt::model {
namespace {

BookLevel L(const char* price, const char* size) {
  return BookLevel{*core::Decimal::Parse(price), *core::Decimal::Parse(size)};
}

// Bitget's books5 example: asks 27000.5 / 27001.0, bids 27000.0 / 26999.5.
OrderBookSnapshot Example() {
  OrderBookSnapshot book;
  book.symbol = "BTCUSDT";
  book.asks = {L("27000.5", "8.760"), L("27001.0", "0.400")};
  book.bids = {L("27000.0", "2.710"), L("26999.5", "1.460")};
  book.seq = 123;
  book.prev_seq = 122;
  book.ts = core::Timestamp::FromMillis(1695716059516);
  return book;
}

TEST(OrderBook, ValidSnapshot) {
  EXPECT_TRUE(CheckSnapshot(Example()).ok());
  EXPECT_TRUE(CheckSnapshot(OrderBookSnapshot{}).ok());
  EXPECT_EQ(ToString(BookSide::kBid), "bid");
  EXPECT_EQ(ToString(BookSide::kAsk), "ask");
  EXPECT_EQ(L("1.0", "2"), L("1", "2.00"));
}

TEST(OrderBook, RejectsUnsortedCrossedAndEmptyLevels) {
  OrderBookSnapshot book = Example();
  std::swap(book.bids[0], book.bids[1]);
  auto s = CheckSnapshot(book);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("bid level 1"), std::string::npos) << s.error().message;

  book = Example();
  book.asks[1].price = book.asks[0].price;  // duplicate level
  EXPECT_FALSE(CheckSnapshot(book).ok());

  book = Example();
  book.bids[0].price = *core::Decimal::Parse("27000.5");  // touches the ask
  s = CheckSnapshot(book);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("crossed book"), std::string::npos);

  book = Example();
  book.asks[0].size = core::Decimal();
  EXPECT_FALSE(CheckSnapshot(book).ok());
}

}  // namespace
}  // namespace bgt::model
