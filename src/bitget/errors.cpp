#include "bitget/errors.h"

#include <array>
#include <string>

namespace bgt::bitget {
namespace {

using core::ErrorCode;
using enum RetryPolicy;

// Sorted by code for binary search (checked by a test).
constexpr std::array kCodes = {
    BitgetCodeInfo{"22001", "no order to cancel", ErrorCode::kNotFound, kNever},
    BitgetCodeInfo{"22002", "no position to close", ErrorCode::kNotFound, kNever},
    BitgetCodeInfo{"22067", "operations are prohibited during ADL processing",
                   ErrorCode::kUnavailable, kNever},
    BitgetCodeInfo{"30032", "the V1 API has been decommissioned", ErrorCode::kVenueRejected,
                   kNever},
    BitgetCodeInfo{"40001", "ACCESS_KEY cannot be empty", ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"40002", "SECRET_KEY cannot be empty", ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"40003", "signature cannot be empty", ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"40005", "invalid ACCESS_TIMESTAMP", ErrorCode::kVenueRejected, kResyncClock},
    BitgetCodeInfo{"40006", "invalid ACCESS_KEY", ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"40007", "invalid Content-Type", ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"40008", "request timestamp expired (clock skew over 30 s)",
                   ErrorCode::kVenueRejected, kResyncClock},
    BitgetCodeInfo{"40009", "signature error", ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"40011", "ACCESS_PASSPHRASE cannot be empty", ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"40012", "API key or passphrase is incorrect", ErrorCode::kVenueRejected,
                   kNever},
    BitgetCodeInfo{"40014", "incorrect permissions", ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"40017", "parameter verification failed", ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"400172", "parameter verification failed / illegal position opening type",
                   ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"40018", "invalid IP", ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"40019", "a required parameter is empty", ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"40034", "parameter does not exist", ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"40037", "API key does not exist", ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"40084", "classic account on the v3 (UTA) API", ErrorCode::kVenueRejected,
                   kNever},
    BitgetCodeInfo{"40085", "unified (UTA) account on the v2 Classic API",
                   ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"40102", "contract configuration does not exist", ErrorCode::kNotFound, kNever},
    BitgetCodeInfo{"40109", "order not found", ErrorCode::kNotFound, kNever},
    BitgetCodeInfo{"40725", "service returned an error (transient)", ErrorCode::kUnavailable,
                   kTransient},
    BitgetCodeInfo{"40762", "order size exceeds the max open size or the balance",
                   ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"40768", "order does not exist", ErrorCode::kNotFound, kNever},
    BitgetCodeInfo{"40774", "one-way position mode needs one-way order type (no tradeSide)",
                   ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"40808", "parameter verification exception (scale, price or hold side)",
                   ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"40889", "plan order limit reached", ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"40891", "insufficient position, cannot set TP/SL", ErrorCode::kVenueRejected,
                   kNever},
    BitgetCodeInfo{"40917", "stop price on the wrong side of the mark price",
                   ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"41103", "price scale error", ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"41114", "pair under maintenance", ErrorCode::kUnavailable, kNever},
    BitgetCodeInfo{"429", "too many requests", ErrorCode::kRateLimited, kAfterBackoff},
    BitgetCodeInfo{"43001", "order not found", ErrorCode::kNotFound, kNever},
    BitgetCodeInfo{"43012", "insufficient balance", ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"43020", "TP/SL order not found", ErrorCode::kNotFound, kNever},
    BitgetCodeInfo{"43025", "plan order not found", ErrorCode::kNotFound, kNever},
    BitgetCodeInfo{"43115", "pair opening soon", ErrorCode::kUnavailable, kNever},
    BitgetCodeInfo{"43118", "clientOid duplicate", ErrorCode::kAlreadyExists, kNever},
    BitgetCodeInfo{"45001", "unknown error (transient)", ErrorCode::kUnavailable, kTransient},
    BitgetCodeInfo{"45110", "less than the minimum order amount (notional)",
                   ErrorCode::kVenueRejected, kNever},
    BitgetCodeInfo{"45111", "less than the minimum order quantity", ErrorCode::kVenueRejected,
                   kNever},
    BitgetCodeInfo{"45113", "maximum order value limit triggered", ErrorCode::kVenueRejected,
                   kNever},
    BitgetCodeInfo{"45122", "short position stop loss price must be above the mark price",
                   ErrorCode::kVenueRejected, kNever},
};

constexpr bool Sorted() {
  for (std::size_t i = 1; i < kCodes.size(); ++i) {
    if (!(kCodes[i - 1].code < kCodes[i].code)) return false;
  }
  return true;
}
static_assert(Sorted(), "kCodes must be sorted by code");

}  // namespace

const BitgetCodeInfo* LookupCode(std::string_view code) {
  std::size_t lo = 0;
  std::size_t hi = kCodes.size();
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (kCodes[mid].code < code) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo < kCodes.size() && kCodes[lo].code == code ? &kCodes[lo] : nullptr;
}

core::Error VenueError(std::string_view code, std::string_view msg, int http_status,
                       std::string_view context) {
  const BitgetCodeInfo* info = LookupCode(code);
  core::Error error;
  error.code = info ? info->kind : ErrorCode::kVenueRejected;
  error.venue_code = std::string(code);
  error.http_status = http_status;
  if (!context.empty()) {
    error.message.assign(context);
    error.message += ": ";
  }
  // Bitget's own words first; the table's meaning when it sent none. Capped: a hostile server
  // must not be able to flood logs through msg.
  constexpr std::size_t kMaxMsg = 300;
  if (msg.empty() && info != nullptr) msg = info->meaning;
  error.message.append(msg.substr(0, kMaxMsg));
  if (msg.size() > kMaxMsg) error.message += "...";
  if (msg.empty()) error.message += "(no message)";
  return error;
}

RetryPolicy RetryPolicyOf(const core::Error& error) {
  if (error.venue_code.empty()) return kNever;
  const BitgetCodeInfo* info = LookupCode(error.venue_code);
  return info ? info->retry : kNever;
}

}  // namespace bgt::bitget
