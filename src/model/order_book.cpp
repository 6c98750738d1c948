#include "model/order_book.h"

#include <utility>

namespace bgt::model {
namespace {

core::Status CheckSide(const std::vector<BookLevel>& levels, BookSide side) {
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const BookLevel& level = levels[i];
    const std::string where = std::string(ToString(side)) + " level " + std::to_string(i);
    if (!level.price.IsPositive() || !level.size.IsPositive()) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             where + ": price and size must be positive");
    }
    if (i > 0) {
      const bool ordered = side == BookSide::kBid ? level.price < levels[i - 1].price
                                                  : level.price > levels[i - 1].price;
      if (!ordered) {
        return core::MakeError(core::ErrorCode::kInvalidArgument,
                               where + ": price " + level.price.ToString() +
                                   " out of order after " + levels[i - 1].price.ToString());
      }
    }
  }
  return core::Status::Ok();
}

}  // namespace

std::string_view ToString(BookSide side) { return side == BookSide::kBid ? "bid" : "ask"; }

core::Status CheckSnapshot(const OrderBookSnapshot& book) {
  BGT_RETURN_IF_ERROR(CheckSide(book.bids, BookSide::kBid));
  BGT_RETURN_IF_ERROR(CheckSide(book.asks, BookSide::kAsk));
  if (!book.bids.empty() && !book.asks.empty() &&
      book.bids.front().price >= book.asks.front().price) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "crossed book: best bid " + book.bids.front().price.ToString() +
                               " >= best ask " + book.asks.front().price.ToString());
  }
  return core::Status::Ok();
}

}  // namespace bgt::model
