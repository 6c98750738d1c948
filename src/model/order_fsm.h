// The order lifecycle as ONE constexpr transition table, including the venue's real-world
// edges (fill before ack, fill while a cancel is pending, fill after cancel, late or duplicate
// acks and cancel answers). A (status, event) pair not in the table is an error for the caller
// to report, never an abort: events come from the venue.
// Thread-safety: constant data and pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace bgt::model {

enum class OrderStatus : std::uint8_t {
  kInitialized,      // built locally, not sent
  kDenied,           // refused locally (risk, precision) before leaving bgt; terminal
  kSubmitted,        // sent; no answer yet
  kAccepted,         // acknowledged by the venue, nothing filled
  kPartiallyFilled,  // some quantity filled, rest working
  kFilled,           // fully filled; terminal
  kPendingCancel,    // cancel sent, no answer yet
  kCanceled,         // canceled (possibly after partial fills); late fills still count
  kRejected,         // the venue refused the order; terminal
  kExpired,          // the venue expired the order; late fills still count
};

enum class OrderEvent : std::uint8_t {
  kDeny,
  kSubmit,
  kReject,
  kAccept,
  kCancelRequest,
  kCancelReject,
  kCancel,
  kExpire,
  kFill,
};

// How much of the order is filled once the event is applied. Fill and CancelReject rows
// depend on it; every other row uses kAny.
enum class FillProgress : std::uint8_t { kAny, kNone, kPartial, kFull };

struct OrderTransition {
  OrderStatus from;
  OrderEvent event;
  FillProgress progress;
  OrderStatus to;
};

// Every allowed transition. Self-loops make duplicate or late venue messages harmless: the REST
// answer and the WebSocket push of the same ack or cancel both arrive, and an ack may come after
// the order already filled or was canceled.
inline constexpr auto kOrderTransitions = [] {
  using enum OrderStatus;
  using enum OrderEvent;
  using enum FillProgress;
  return std::to_array<OrderTransition>({
      // Local decisions.
      {kInitialized, kDeny, kAny, kDenied},
      {kInitialized, kSubmit, kAny, kSubmitted},
      // In flight.
      {kSubmitted, kReject, kAny, kRejected},
      {kSubmitted, kAccept, kAny, kAccepted},
      // Fill before ack.
      {kSubmitted, kFill, kPartial, kPartiallyFilled},
      {kSubmitted, kFill, kFull, kFilled},
      // An IOC/FOK canceled, or an order expired, before its ack arrived.
      {kSubmitted, kCancel, kAny, kCanceled},
      {kSubmitted, kExpire, kAny, kExpired},
      // Working, nothing filled.
      {kAccepted, kAccept, kAny, kAccepted},
      {kAccepted, kFill, kPartial, kPartiallyFilled},
      {kAccepted, kFill, kFull, kFilled},
      {kAccepted, kCancelRequest, kAny, kPendingCancel},
      {kAccepted, kCancel, kAny, kCanceled},
      {kAccepted, kExpire, kAny, kExpired},
      // Working, partly filled.
      {kPartiallyFilled, kAccept, kAny, kPartiallyFilled},
      {kPartiallyFilled, kFill, kPartial, kPartiallyFilled},
      {kPartiallyFilled, kFill, kFull, kFilled},
      {kPartiallyFilled, kCancelRequest, kAny, kPendingCancel},
      {kPartiallyFilled, kCancel, kAny, kCanceled},
      {kPartiallyFilled, kExpire, kAny, kExpired},
      // Cancel in flight: fills keep coming; a rejected cancel returns to the working state.
      {kPendingCancel, kAccept, kAny, kPendingCancel},
      {kPendingCancel, kCancelRequest, kAny, kPendingCancel},
      {kPendingCancel, kFill, kPartial, kPendingCancel},
      {kPendingCancel, kFill, kFull, kFilled},
      {kPendingCancel, kCancelReject, kNone, kAccepted},
      {kPendingCancel, kCancelReject, kPartial, kPartiallyFilled},
      {kPendingCancel, kCancel, kAny, kCanceled},
      {kPendingCancel, kExpire, kAny, kExpired},
      // Canceled: a late fill (matched before the cancel took effect) still counts.
      {kCanceled, kFill, kPartial, kCanceled},
      {kCanceled, kFill, kFull, kFilled},
      {kCanceled, kAccept, kAny, kCanceled},
      {kCanceled, kCancel, kAny, kCanceled},
      // A retried cancel answered "already canceled".
      {kCanceled, kCancelReject, kAny, kCanceled},
      // Expired: the same late-fill edges as Canceled.
      {kExpired, kFill, kPartial, kExpired},
      {kExpired, kFill, kFull, kFilled},
      {kExpired, kAccept, kAny, kExpired},
      // Filled: the ack of a fill-before-ack order, and a cancel that lost the race to the last
      // fill.
      {kFilled, kAccept, kAny, kFilled},
      {kFilled, kCancelReject, kAny, kFilled},
  });
}();

// The status after `event` from `from`, with `progress` the fill progress once the event is
// applied; nullopt when the table has no such row.
constexpr std::optional<OrderStatus> NextOrderStatus(OrderStatus from, OrderEvent event,
                                                     FillProgress progress) {
  for (const OrderTransition& t : kOrderTransitions) {
    if (t.from == from && t.event == event &&
        (t.progress == FillProgress::kAny || t.progress == progress)) {
      return t.to;
    }
  }
  return std::nullopt;
}

// True when no two rows can match the same (from, event, progress).
constexpr bool OrderTransitionsAreUnambiguous() {
  for (const OrderTransition& a : kOrderTransitions) {
    for (const OrderTransition& b : kOrderTransitions) {
      if (&a == &b || a.from != b.from || a.event != b.event) continue;
      if (a.progress == FillProgress::kAny || b.progress == FillProgress::kAny ||
          a.progress == b.progress) {
        return false;
      }
    }
  }
  return true;
}
static_assert(OrderTransitionsAreUnambiguous(), "two order transitions match the same input");

// Denied, Rejected, Filled, Canceled, Expired: the order no longer works at the venue
// (Canceled and Expired still accept late fills).
constexpr bool IsDone(OrderStatus s) {
  return s == OrderStatus::kDenied || s == OrderStatus::kRejected || s == OrderStatus::kFilled ||
         s == OrderStatus::kCanceled || s == OrderStatus::kExpired;
}

// Submitted, Accepted, PartiallyFilled, PendingCancel: the order may still fill.
constexpr bool IsWorking(OrderStatus s) {
  return s == OrderStatus::kSubmitted || s == OrderStatus::kAccepted ||
         s == OrderStatus::kPartiallyFilled || s == OrderStatus::kPendingCancel;
}

// "Initialized", "Denied", ... ; "Deny", "Submit", ... ; "Any", "None", "Partial", "Full".
std::string_view ToString(OrderStatus s);
std::string_view ToString(OrderEvent e);
std::string_view ToString(FillProgress p);

}  // namespace bgt::model
