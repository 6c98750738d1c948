#include "model/order_fsm.h"

namespace bgt::model {

std::string_view ToString(OrderStatus s) {
  switch (s) {
    case OrderStatus::kInitialized:
      return "Initialized";
    case OrderStatus::kDenied:
      return "Denied";
    case OrderStatus::kSubmitted:
      return "Submitted";
    case OrderStatus::kAccepted:
      return "Accepted";
    case OrderStatus::kPartiallyFilled:
      return "PartiallyFilled";
    case OrderStatus::kFilled:
      return "Filled";
    case OrderStatus::kPendingCancel:
      return "PendingCancel";
    case OrderStatus::kCanceled:
      return "Canceled";
    case OrderStatus::kRejected:
      return "Rejected";
    case OrderStatus::kExpired:
      return "Expired";
  }
  return "?";
}

std::string_view ToString(OrderEvent e) {
  switch (e) {
    case OrderEvent::kDeny:
      return "Deny";
    case OrderEvent::kSubmit:
      return "Submit";
    case OrderEvent::kReject:
      return "Reject";
    case OrderEvent::kAccept:
      return "Accept";
    case OrderEvent::kCancelRequest:
      return "CancelRequest";
    case OrderEvent::kCancelReject:
      return "CancelReject";
    case OrderEvent::kCancel:
      return "Cancel";
    case OrderEvent::kExpire:
      return "Expire";
    case OrderEvent::kFill:
      return "Fill";
  }
  return "?";
}

std::string_view ToString(FillProgress p) {
  switch (p) {
    case FillProgress::kAny:
      return "Any";
    case FillProgress::kNone:
      return "None";
    case FillProgress::kPartial:
      return "Partial";
    case FillProgress::kFull:
      return "Full";
  }
  return "?";
}

}  // namespace bgt::model
