// Bitget error codes: what each known code means, which core::ErrorCode it becomes and whether
// (and how) the request may be retried (bitget-api.md §7). Any response whose code is not
// "00000", whatever its HTTP status, becomes a typed core::Error through VenueError().
// Thread-safety: immutable table; all functions are thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.h"

namespace bgt::bitget {

inline constexpr std::string_view kSuccessCode = "00000";

enum class RetryPolicy : std::uint8_t {
  kNever,         // definitive: the venue said no (bad parameter, insufficient balance...)
  kAfterBackoff,  // throttled (429): wait, then retry; the request was not executed
  kTransient,     // venue-side hiccup (40725/45001): retry idempotent requests after a pause
  kResyncClock,   // timestamp rejected (40005/40008): re-measure clock skew, then retry
};

struct BitgetCodeInfo {
  std::string_view code;
  std::string_view meaning;
  core::ErrorCode kind;
  RetryPolicy retry;
};

// The entry for `code`, or nullptr when bgt does not know it (then: kVenueRejected, kNever).
const BitgetCodeInfo* LookupCode(std::string_view code);

// The typed error of a non-success response: kind from the table (kVenueRejected for unknown
// codes), venue_code = code, http_status as received, message = Bitget's msg (or the table's
// meaning when msg is empty), prefixed by `context` when given (e.g. "place-order").
core::Error VenueError(std::string_view code, std::string_view msg, int http_status,
                       std::string_view context = {});

// Retry policy of an error produced by VenueError (kNever for anything else).
RetryPolicy RetryPolicyOf(const core::Error& error);

}  // namespace bgt::bitget
