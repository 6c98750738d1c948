#include "model/order_fsm.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/order.h"

namespace bgt::model {
namespace {

using core::Decimal;
using core::Timestamp;

constexpr OrderStatus kAllStatuses[] = {OrderStatus::kInitialized,     OrderStatus::kDenied,
                                        OrderStatus::kSubmitted,       OrderStatus::kAccepted,
                                        OrderStatus::kPartiallyFilled, OrderStatus::kFilled,
                                        OrderStatus::kPendingCancel,   OrderStatus::kCanceled,
                                        OrderStatus::kRejected,        OrderStatus::kExpired};
constexpr OrderEvent kAllEvents[] = {
    OrderEvent::kDeny,   OrderEvent::kSubmit,        OrderEvent::kReject,
    OrderEvent::kAccept, OrderEvent::kCancelRequest, OrderEvent::kCancelReject,
    OrderEvent::kCancel, OrderEvent::kExpire,        OrderEvent::kFill};

// --- The table itself ---

static_assert(NextOrderStatus(OrderStatus::kSubmitted, OrderEvent::kFill, FillProgress::kPartial) ==
              OrderStatus::kPartiallyFilled);
static_assert(!NextOrderStatus(OrderStatus::kRejected, OrderEvent::kFill, FillProgress::kPartial));

TEST(OrderFsmTable, RealWorldEdges) {
  using enum OrderStatus;
  using enum OrderEvent;
  using enum FillProgress;
  // Fill before ack.
  EXPECT_EQ(NextOrderStatus(kSubmitted, kFill, kPartial), kPartiallyFilled);
  EXPECT_EQ(NextOrderStatus(kSubmitted, kFill, kFull), kFilled);
  // The late ack of such an order changes nothing.
  EXPECT_EQ(NextOrderStatus(kPartiallyFilled, kAccept, kPartial), kPartiallyFilled);
  EXPECT_EQ(NextOrderStatus(kFilled, kAccept, kFull), kFilled);
  // Fill while a cancel is pending.
  EXPECT_EQ(NextOrderStatus(kPendingCancel, kFill, kPartial), kPendingCancel);
  EXPECT_EQ(NextOrderStatus(kPendingCancel, kFill, kFull), kFilled);
  // Fill after cancel.
  EXPECT_EQ(NextOrderStatus(kCanceled, kFill, kPartial), kCanceled);
  EXPECT_EQ(NextOrderStatus(kCanceled, kFill, kFull), kFilled);
  // Cancel rejected: back to the working state the fills say.
  EXPECT_EQ(NextOrderStatus(kPendingCancel, kCancelReject, kNone), kAccepted);
  EXPECT_EQ(NextOrderStatus(kPendingCancel, kCancelReject, kPartial), kPartiallyFilled);
  // A cancel that lost the race to the last fill.
  EXPECT_EQ(NextOrderStatus(kFilled, kCancelReject, kFull), kFilled);
  // Nothing leaves a terminal refusal.
  for (OrderEvent e : kAllEvents) {
    for (FillProgress p : {kNone, kPartial, kFull}) {
      EXPECT_FALSE(NextOrderStatus(kDenied, e, p)) << ToString(e);
      EXPECT_FALSE(NextOrderStatus(kRejected, e, p)) << ToString(e);
    }
  }
  EXPECT_FALSE(NextOrderStatus(kSubmitted, kCancelRequest, kNone));  // cancel only once acked
  EXPECT_FALSE(NextOrderStatus(kInitialized, kFill, kPartial));
  EXPECT_FALSE(NextOrderStatus(kAccepted, kSubmit, kNone));
}

TEST(OrderFsmTable, EveryRowIsReachableAndNamesPrint) {
  EXPECT_TRUE(OrderTransitionsAreUnambiguous());
  EXPECT_EQ(kOrderTransitions.size(), 38u);
  for (const OrderTransition& t : kOrderTransitions) {
    EXPECT_NE(ToString(t.from), "?");
    EXPECT_NE(ToString(t.event), "?");
    EXPECT_NE(ToString(t.progress), "?");
    EXPECT_EQ(
        NextOrderStatus(t.from, t.event,
                        t.progress == FillProgress::kAny ? FillProgress::kPartial : t.progress),
        t.to);
  }
}

TEST(OrderFsmTable, DoneAndWorking) {
  for (OrderStatus s : kAllStatuses) {
    EXPECT_FALSE(IsDone(s) && IsWorking(s)) << ToString(s);
  }
  EXPECT_TRUE(IsDone(OrderStatus::kCanceled));
  EXPECT_TRUE(IsWorking(OrderStatus::kPendingCancel));
  EXPECT_FALSE(IsDone(OrderStatus::kInitialized) || IsWorking(OrderStatus::kInitialized));
}

// --- The table drives Order: every row, and every pair outside it, on a real Order ---

constexpr std::int64_t kQuantity = 10;
constexpr std::int64_t kPartialFill = 4;

OrderRequest Request() {
  OrderRequest r;
  r.client_oid = "bgt-1";
  r.symbol = "BTCUSDT";
  r.side = OrderSide::kBuy;
  r.type = OrderType::kLimit;
  r.quantity = Decimal::FromInt(kQuantity);
  r.price = Decimal::FromInt(100);
  return r;
}

int trade_counter = 0;

Fill MakeFill(std::int64_t quantity) {
  Fill f;
  f.trade_id = "t" + std::to_string(++trade_counter);
  f.symbol = "BTCUSDT";
  f.side = OrderSide::kBuy;
  f.price = Decimal::FromInt(100);
  f.quantity = Decimal::FromInt(quantity);
  f.fee = *Decimal::Parse("-0.01");
  return f;
}

void MustApply(const core::Status& s) { ASSERT_TRUE(s.ok()) << s.ToString(); }

// An order in `status`; with `partial` it has kPartialFill of kQuantity filled (where the
// status allows it).
Order Reach(OrderStatus status, bool partial) {
  Order o = *Order::Create(Request(), Timestamp::FromMillis(1));
  const Timestamp t = Timestamp::FromMillis(2);
  auto fill = [&](std::int64_t q) { EXPECT_TRUE(o.ApplyFill(MakeFill(q)).has_value()); };
  switch (status) {
    case OrderStatus::kInitialized:
      break;
    case OrderStatus::kDenied:
      MustApply(o.Deny("risk", t));
      break;
    case OrderStatus::kSubmitted:
      MustApply(o.Submit(t));
      break;
    case OrderStatus::kRejected:
      MustApply(o.Submit(t));
      MustApply(o.Reject("40762", "balance", t));
      break;
    case OrderStatus::kAccepted:
      MustApply(o.Submit(t));
      MustApply(o.Accept("1", t));
      break;
    case OrderStatus::kPartiallyFilled:
      MustApply(o.Submit(t));
      MustApply(o.Accept("1", t));
      fill(kPartialFill);
      break;
    case OrderStatus::kFilled:
      MustApply(o.Submit(t));
      MustApply(o.Accept("1", t));
      fill(kQuantity);
      break;
    case OrderStatus::kPendingCancel:
    case OrderStatus::kCanceled:
    case OrderStatus::kExpired:
      MustApply(o.Submit(t));
      MustApply(o.Accept("1", t));
      if (partial) fill(kPartialFill);
      if (status == OrderStatus::kPendingCancel) MustApply(o.RequestCancel(t));
      if (status == OrderStatus::kCanceled) MustApply(o.Cancel(t));
      if (status == OrderStatus::kExpired) MustApply(o.Expire(t));
      break;
  }
  EXPECT_EQ(o.status(), status);
  return o;
}

// Applies `event` to `o`; a fill event fills to `progress` (partial: one more unit).
core::Status Apply(Order& o, OrderEvent event, FillProgress progress) {
  const Timestamp t = Timestamp::FromMillis(3);
  switch (event) {
    case OrderEvent::kDeny:
      return o.Deny("risk", t);
    case OrderEvent::kSubmit:
      return o.Submit(t);
    case OrderEvent::kReject:
      return o.Reject("40808", "bad", t);
    case OrderEvent::kAccept:
      return o.Accept("1", t);
    case OrderEvent::kCancelRequest:
      return o.RequestCancel(t);
    case OrderEvent::kCancelReject:
      return o.RejectCancel("40768", "no", t);
    case OrderEvent::kCancel:
      return o.Cancel(t);
    case OrderEvent::kExpire:
      return o.Expire(t);
    case OrderEvent::kFill: {
      const Decimal remaining = o.remaining_quantity();
      const std::int64_t q = progress == FillProgress::kFull ? remaining.mantissa() : 1;
      auto r = o.ApplyFill(MakeFill(q > 0 ? q : 1));
      if (!r) return r.error();
      return core::Status::Ok();
    }
  }
  return core::MakeError(core::ErrorCode::kInternal, "unreachable");
}

// Fill progress states an order in `s` can be in.
std::vector<bool> PartialVariants(OrderStatus s) {
  switch (s) {
    case OrderStatus::kPendingCancel:
    case OrderStatus::kCanceled:
    case OrderStatus::kExpired:
      return {false, true};
    default:
      return {false};
  }
}

TEST(OrderFsmOnOrder, EveryTableRowMovesARealOrder) {
  for (const OrderTransition& row : kOrderTransitions) {
    for (bool partial : PartialVariants(row.from)) {
      // CancelReject rows are keyed on the current fill progress.
      if (row.event == OrderEvent::kCancelReject && row.progress != FillProgress::kAny &&
          (row.progress == FillProgress::kPartial) != partial) {
        continue;
      }
      const FillProgress progress =
          row.progress == FillProgress::kAny ? FillProgress::kPartial : row.progress;
      SCOPED_TRACE(std::string(ToString(row.from)) + (partial ? " (partly filled)" : "") + " + " +
                   std::string(ToString(row.event)) + " [" + std::string(ToString(progress)) + "]");
      Order o = Reach(row.from, partial);
      const core::Status s = Apply(o, row.event, progress);
      ASSERT_TRUE(s.ok()) << s.ToString();
      EXPECT_EQ(o.status(), row.to);
    }
  }
}

TEST(OrderFsmOnOrder, EveryPairOutsideTheTableIsAnErrorAndChangesNothing) {
  for (OrderStatus from : kAllStatuses) {
    for (OrderEvent event : kAllEvents) {
      for (bool partial : PartialVariants(from)) {
        for (FillProgress progress : {FillProgress::kPartial, FillProgress::kFull}) {
          Order o = Reach(from, partial);
          const FillProgress current =
              o.filled_quantity().IsZero()
                  ? FillProgress::kNone
                  : (o.remaining_quantity().IsZero() ? FillProgress::kFull
                                                     : FillProgress::kPartial);
          const FillProgress key = event == OrderEvent::kFill ? progress : current;
          if (NextOrderStatus(from, event, key)) continue;
          SCOPED_TRACE(std::string(ToString(from)) + " + " + std::string(ToString(event)));
          const Decimal filled_before = o.filled_quantity();
          const core::Status s = Apply(o, event, progress);
          ASSERT_FALSE(s.ok());
          if (event == OrderEvent::kFill && from == OrderStatus::kFilled) {
            EXPECT_EQ(s.error().code, core::ErrorCode::kOutOfRange);  // overfill
          } else {
            EXPECT_EQ(s.error().code, core::ErrorCode::kFailedPrecondition);
            EXPECT_NE(s.error().message.find(ToString(from)), std::string::npos);
            EXPECT_NE(s.error().message.find(ToString(event)), std::string::npos);
          }
          EXPECT_EQ(o.status(), from);
          EXPECT_EQ(o.filled_quantity(), filled_before);
        }
      }
    }
  }
}

}  // namespace
}  // namespace bgt::model
