#include "model/order.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace bgt::model {
namespace {

using core::Decimal;
using core::Timestamp;

Decimal D(const char* text) { return *Decimal::Parse(text); }
Timestamp Ms(std::int64_t ms) { return Timestamp::FromMillis(ms); }

OrderRequest LimitBuy(const char* quantity, const char* price) {
  OrderRequest r;
  r.client_oid = "bgt-42";
  r.symbol = "BTCUSDT";
  r.side = OrderSide::kBuy;
  r.type = OrderType::kLimit;
  r.quantity = D(quantity);
  r.price = D(price);
  return r;
}

Fill MakeFill(const char* trade_id, const char* price, const char* quantity, const char* fee,
              std::int64_t ts_ms = 10) {
  Fill f;
  f.trade_id = trade_id;
  f.client_oid = "bgt-42";
  f.venue_order_id = "1111";
  f.symbol = "BTCUSDT";
  f.side = OrderSide::kBuy;
  f.price = D(price);
  f.quantity = D(quantity);
  f.fee = D(fee);
  f.liquidity = LiquiditySide::kMaker;
  f.ts = Ms(ts_ms);
  return f;
}

Order Accepted(const char* quantity = "1", const char* price = "60000") {
  Order o = *Order::Create(LimitBuy(quantity, price), Ms(1));
  EXPECT_TRUE(o.Submit(Ms(2)).ok());
  EXPECT_TRUE(o.Accept("1111", Ms(3)).ok());
  return o;
}

TEST(Order, CreateRefusesMalformedRequests) {
  OrderRequest r = LimitBuy("1", "60000");
  r.client_oid = "";
  EXPECT_EQ(Order::Create(r, Ms(1)).error().code, core::ErrorCode::kInvalidArgument);
  r = LimitBuy("0", "60000");
  EXPECT_FALSE(Order::Create(r, Ms(1)).has_value());
  r = LimitBuy("1", "60000");
  r.price.reset();
  EXPECT_FALSE(Order::Create(r, Ms(1)).has_value());
  r = LimitBuy("1", "-1");
  EXPECT_FALSE(Order::Create(r, Ms(1)).has_value());
  r = LimitBuy("1", "60000");
  r.type = OrderType::kMarket;
  EXPECT_FALSE(Order::Create(r, Ms(1)).has_value());
  r.price.reset();
  EXPECT_TRUE(Order::Create(r, Ms(1)).has_value());
  r.symbol = "";
  EXPECT_FALSE(Order::Create(r, Ms(1)).has_value());
}

TEST(Order, HappyPathTracksFillsExactly) {
  Order o = *Order::Create(LimitBuy("3", "11"), Ms(1));
  EXPECT_EQ(o.status(), OrderStatus::kInitialized);
  ASSERT_TRUE(o.Submit(Ms(2)).ok());
  ASSERT_TRUE(o.Accept("1111", Ms(3)).ok());
  EXPECT_EQ(o.venue_order_id(), "1111");
  EXPECT_EQ(o.AvgFillPrice(2).error().code, core::ErrorCode::kFailedPrecondition);

  EXPECT_EQ(*o.ApplyFill(MakeFill("t1", "10", "1", "-0.006", 4)), FillOutcome::kApplied);
  EXPECT_EQ(o.status(), OrderStatus::kPartiallyFilled);
  EXPECT_EQ(*o.ApplyFill(MakeFill("t2", "11", "2", "-0.0132", 5)), FillOutcome::kApplied);
  EXPECT_EQ(o.status(), OrderStatus::kFilled);
  EXPECT_EQ(o.filled_quantity(), D("3"));
  EXPECT_TRUE(o.remaining_quantity().IsZero());
  EXPECT_EQ(o.filled_notional(), D("32"));  // exact: 10 × 1 + 11 × 2
  EXPECT_EQ(o.AvgFillPrice(4)->ToString(), "10.6667");
  EXPECT_EQ(o.AvgFillPrice(4, core::Rounding::kDown)->ToString(), "10.6666");
  EXPECT_EQ(o.fees(), D("-0.0192"));
  ASSERT_EQ(o.fills().size(), 2u);
  EXPECT_EQ(o.fills()[1].liquidity, LiquiditySide::kMaker);
  EXPECT_EQ(o.created_at(), Ms(1));
  EXPECT_EQ(o.submitted_at(), Ms(2));
  EXPECT_EQ(o.accepted_at(), Ms(3));
  EXPECT_EQ(o.done_at(), Ms(5));
  EXPECT_EQ(o.updated_at(), Ms(5));
}

TEST(Order, DuplicateTradeIdsAreIgnored) {
  Order o = Accepted("1");
  ASSERT_TRUE(o.ApplyFill(MakeFill("t1", "60000", "0.4", "-0.01")).has_value());
  EXPECT_EQ(*o.ApplyFill(MakeFill("t1", "60000", "0.4", "-0.01")), FillOutcome::kDuplicate);
  EXPECT_EQ(*o.ApplyFill(MakeFill("t1", "60000.0", "0.40", "-0.01")), FillOutcome::kDuplicate);
  EXPECT_EQ(o.filled_quantity(), D("0.4"));
  EXPECT_EQ(o.fills().size(), 1u);
  // The same trade id with other numbers is an anomaly, not a duplicate.
  auto conflict = o.ApplyFill(MakeFill("t1", "60000", "0.5", "-0.01"));
  ASSERT_FALSE(conflict.has_value());
  EXPECT_EQ(conflict.error().code, core::ErrorCode::kInvalidArgument);
  // A duplicate is ignored even once the order is done.
  ASSERT_TRUE(o.ApplyFill(MakeFill("t2", "60000", "0.6", "-0.01")).has_value());
  EXPECT_EQ(o.status(), OrderStatus::kFilled);
  EXPECT_EQ(*o.ApplyFill(MakeFill("t2", "60000", "0.6", "-0.01")), FillOutcome::kDuplicate);
}

TEST(Order, OverfillIsAnErrorAndChangesNothing) {
  Order o = Accepted("1");
  ASSERT_TRUE(o.ApplyFill(MakeFill("t1", "60000", "0.7", "-0.01")).has_value());
  auto over = o.ApplyFill(MakeFill("t2", "60000", "0.4", "-0.01"));
  ASSERT_FALSE(over.has_value());
  EXPECT_EQ(over.error().code, core::ErrorCode::kOutOfRange);
  EXPECT_EQ(o.filled_quantity(), D("0.7"));
  EXPECT_EQ(o.status(), OrderStatus::kPartiallyFilled);
  EXPECT_EQ(o.fees(), D("-0.01"));
}

TEST(Order, FillsThatDoNotBelongAreRefused) {
  Order o = Accepted("1");
  Fill f = MakeFill("t1", "60000", "0.1", "0");
  f.side = OrderSide::kSell;
  EXPECT_EQ(o.ApplyFill(f).error().code, core::ErrorCode::kInvalidArgument);
  f = MakeFill("t1", "60000", "0.1", "0");
  f.symbol = "ETHUSDT";
  EXPECT_FALSE(o.ApplyFill(f).has_value());
  f = MakeFill("t1", "60000", "0.1", "0");
  f.client_oid = "other";
  EXPECT_FALSE(o.ApplyFill(f).has_value());
  f = MakeFill("t1", "60000", "0.1", "0");
  f.venue_order_id = "2222";
  EXPECT_FALSE(o.ApplyFill(f).has_value());
  EXPECT_FALSE(o.ApplyFill(MakeFill("", "60000", "0.1", "0")).has_value());
  EXPECT_FALSE(o.ApplyFill(MakeFill("t1", "0", "0.1", "0")).has_value());
  EXPECT_FALSE(o.ApplyFill(MakeFill("t1", "60000", "0", "0")).has_value());
  EXPECT_TRUE(o.filled_quantity().IsZero());
  EXPECT_EQ(o.status(), OrderStatus::kAccepted);
}

TEST(Order, FillBeforeAckThenLateAck) {
  Order o = *Order::Create(LimitBuy("1", "60000"), Ms(1));
  ASSERT_TRUE(o.Submit(Ms(2)).ok());
  Fill f = MakeFill("t1", "60000", "0.25", "-0.009", 3);
  ASSERT_TRUE(o.ApplyFill(f).has_value());
  EXPECT_EQ(o.status(), OrderStatus::kPartiallyFilled);
  EXPECT_EQ(o.venue_order_id(), "1111");  // learned from the fill
  ASSERT_TRUE(o.Accept("1111", Ms(4)).ok());
  EXPECT_EQ(o.status(), OrderStatus::kPartiallyFilled);
  EXPECT_EQ(o.accepted_at(), Ms(4));

  // Fully filled before the ack; the ack (and its duplicate) then changes nothing.
  Order full = *Order::Create(LimitBuy("1", "60000"), Ms(1));
  ASSERT_TRUE(full.Submit(Ms(2)).ok());
  ASSERT_TRUE(full.ApplyFill(MakeFill("t1", "60000", "1", "-0.036", 3)).has_value());
  EXPECT_EQ(full.status(), OrderStatus::kFilled);
  EXPECT_TRUE(full.Accept("1111", Ms(4)).ok());
  EXPECT_TRUE(full.Accept("", Ms(5)).ok());
  EXPECT_EQ(full.status(), OrderStatus::kFilled);
  EXPECT_EQ(full.done_at(), Ms(3));
}

TEST(Order, AckWithAConflictingVenueIdIsRefused) {
  Order o = Accepted();
  const core::Status s = o.Accept("9999", Ms(9));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(o.venue_order_id(), "1111");
  EXPECT_TRUE(o.Accept("1111", Ms(9)).ok());  // the duplicate ack is fine
}

TEST(Order, FillWhilePendingCancel) {
  Order o = Accepted("1");
  ASSERT_TRUE(o.RequestCancel(Ms(5)).ok());
  ASSERT_TRUE(o.RequestCancel(Ms(6)).ok());  // a retry
  ASSERT_TRUE(o.ApplyFill(MakeFill("t1", "60000", "0.3", "-0.01", 7)).has_value());
  EXPECT_EQ(o.status(), OrderStatus::kPendingCancel);
  EXPECT_EQ(o.filled_quantity(), D("0.3"));
  ASSERT_TRUE(o.ApplyFill(MakeFill("t2", "60000", "0.7", "-0.01", 8)).has_value());
  EXPECT_EQ(o.status(), OrderStatus::kFilled);
  // The cancel lost the race; its rejection arrives now.
  ASSERT_TRUE(o.RejectCancel("40768", "Order does not exist", Ms(9)).ok());
  EXPECT_EQ(o.status(), OrderStatus::kFilled);
  EXPECT_EQ(o.venue_code(), "40768");
}

TEST(Order, CancelRejectReturnsToTheWorkingState) {
  Order unfilled = Accepted("1");
  ASSERT_TRUE(unfilled.RequestCancel(Ms(5)).ok());
  ASSERT_TRUE(unfilled.RejectCancel("40725", "service return an error", Ms(6)).ok());
  EXPECT_EQ(unfilled.status(), OrderStatus::kAccepted);
  EXPECT_EQ(unfilled.reason(), "service return an error");

  Order partly = Accepted("1");
  ASSERT_TRUE(partly.ApplyFill(MakeFill("t1", "60000", "0.5", "-0.01")).has_value());
  ASSERT_TRUE(partly.RequestCancel(Ms(5)).ok());
  ASSERT_TRUE(partly.RejectCancel("40725", "busy", Ms(6)).ok());
  EXPECT_EQ(partly.status(), OrderStatus::kPartiallyFilled);
}

TEST(Order, LateFillAfterCancel) {
  Order o = Accepted("1");
  ASSERT_TRUE(o.RequestCancel(Ms(5)).ok());
  ASSERT_TRUE(o.Cancel(Ms(6)).ok());
  EXPECT_EQ(o.done_at(), Ms(6));
  ASSERT_TRUE(o.Cancel(Ms(7)).ok());  // REST answer and WebSocket push of the same cancel
  ASSERT_TRUE(o.ApplyFill(MakeFill("t1", "60000", "0.4", "-0.01", 8)).has_value());
  EXPECT_EQ(o.status(), OrderStatus::kCanceled);
  EXPECT_EQ(o.filled_quantity(), D("0.4"));
  // A late fill that completes the order makes it Filled.
  ASSERT_TRUE(o.ApplyFill(MakeFill("t2", "60000", "0.6", "-0.01", 9)).has_value());
  EXPECT_EQ(o.status(), OrderStatus::kFilled);
  EXPECT_EQ(o.done_at(), Ms(9));
}

TEST(Order, DenyAndRejectKeepTheirReasons) {
  Order denied = *Order::Create(LimitBuy("1", "60000"), Ms(1));
  ASSERT_TRUE(denied.Deny("max position exceeded", Ms(2)).ok());
  EXPECT_EQ(denied.status(), OrderStatus::kDenied);
  EXPECT_EQ(denied.reason(), "max position exceeded");
  EXPECT_EQ(denied.done_at(), Ms(2));
  EXPECT_FALSE(denied.Submit(Ms(3)).ok());

  Order rejected = *Order::Create(LimitBuy("1", "60000"), Ms(1));
  ASSERT_TRUE(rejected.Submit(Ms(2)).ok());
  ASSERT_TRUE(rejected.Reject("40762", "The order amount exceeds the balance", Ms(3)).ok());
  EXPECT_EQ(rejected.status(), OrderStatus::kRejected);
  EXPECT_EQ(rejected.venue_code(), "40762");
  const core::Status late = rejected.Accept("1", Ms(4));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().message, "order bgt-42: event Accept not allowed in status Rejected");
}

TEST(Order, UpdatedAtNeverMovesBack) {
  Order o = Accepted("1");
  ASSERT_TRUE(o.ApplyFill(MakeFill("t1", "60000", "0.1", "0", 50)).has_value());
  ASSERT_TRUE(o.ApplyFill(MakeFill("t2", "60000", "0.1", "0", 40)).has_value());  // out of order
  EXPECT_EQ(o.updated_at(), Ms(50));
}

// Property: any sequence of fills, duplicates and overfills keeps filled = Σ distinct fills
// <= quantity, the notional exact, and the status consistent with the fill progress.
RC_GTEST_PROP(OrderProperty, FillsAreIdempotentAndNeverOverfill, ()) {
  const auto quantity_units = *rc::gen::inRange<std::int64_t>(1, 1000);
  OrderRequest r = LimitBuy("1", "100");
  r.quantity = Decimal::FromInt(quantity_units);
  Order o = *Order::Create(r, Ms(1));
  RC_ASSERT(o.Submit(Ms(2)).ok());
  const auto events = *rc::gen::container<std::vector<std::pair<int, int>>>(
      rc::gen::pair(rc::gen::inRange(0, 20), rc::gen::inRange(1, 300)));  // (trade id, quantity)
  std::map<int, int> applied;
  std::int64_t filled = 0;
  std::int64_t notional = 0;
  for (const auto& [id, qty] : events) {
    Fill f = MakeFill("", "100", "1", "0");
    f.trade_id = "t" + std::to_string(id);
    f.quantity = Decimal::FromInt(qty);
    f.price = Decimal::FromInt(100 + id);
    auto result = o.ApplyFill(f);
    if (applied.count(id)) {
      RC_ASSERT(result.has_value() == (applied[id] == qty));
      continue;
    }
    if (filled + qty > quantity_units) {
      RC_ASSERT(!result.has_value());
      RC_ASSERT(result.error().code == core::ErrorCode::kOutOfRange);
      continue;
    }
    RC_ASSERT(result.has_value());
    RC_ASSERT(*result == FillOutcome::kApplied);
    applied[id] = qty;
    filled += qty;
    notional += qty * (100 + id);
  }
  RC_ASSERT(o.filled_quantity() == Decimal::FromInt(filled));
  RC_ASSERT(o.filled_notional() == Decimal::FromInt(notional));
  const OrderStatus expected = filled == 0                ? OrderStatus::kSubmitted
                               : filled == quantity_units ? OrderStatus::kFilled
                                                          : OrderStatus::kPartiallyFilled;
  RC_ASSERT(o.status() == expected);
}

}  // namespace
}  // namespace bgt::model
