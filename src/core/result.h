// Result<T> and Status: the return type of every operation that can fail in an expected way
// (parse errors, I/O, venue rejections, bad config). Member names follow std::expected.
// Thread-safety: plain values; no shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "core/check.h"

namespace bgt::core {

// What kind of failure. Callers branch on this, never on message text.
enum class ErrorCode : std::uint8_t {
  kInvalidArgument,  // input violates a documented precondition (malformed decimal, bad enum)
  kOutOfRange,       // well-formed input whose value does not fit (overflow, too many decimals)
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,  // operation not allowed in the current state (clock going backwards)
  kConfig,              // invalid configuration
  kIo,
  kTimeout,
  kUnavailable,
  kRateLimited,
  kVenueRejected,  // the venue answered with a definitive rejection (venue_code set)
  kAmbiguous,      // outcome unknown: the request may or may not have taken effect
  kDenied,         // refused locally before anything left the process (risk, precision)
  kInternal,
};

std::string_view ErrorCodeName(ErrorCode code);

// A failure: its kind, a human-readable message and, for venue answers, the venue's own code
// (e.g. Bitget "40808") and the HTTP status that carried it.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string venue_code;  // empty when the failure did not come from (or mimic) the venue
  int http_status = 0;     // 0 when not applicable

  // "kind: message" plus " [venue 40808]" / " (HTTP 400)" when set.
  std::string ToString() const;
};

inline Error MakeError(ErrorCode code, std::string message) {
  return Error{code, std::move(message), {}, 0};
}

// Result<T> holds either a T or an Error. Accessing the wrong alternative is a broken invariant
// and aborts through BGT_CHECK.
template <typename T>
class [[nodiscard]] Result {
 public:
  using value_type = T;

  Result(const T& value) : v_(value) {}          // NOLINT(google-explicit-constructor)
  Result(T&& value) : v_(std::move(value)) {}    // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    CheckValue();
    return std::get<0>(v_);
  }
  const T& value() const& {
    CheckValue();
    return std::get<0>(v_);
  }
  T&& value() && {
    CheckValue();
    return std::get<0>(std::move(v_));
  }
  const Error& error() const {
    BGT_CHECK(!has_value(), "Result::error() called on a value");
    return std::get<1>(v_);
  }
  template <typename U>
  T value_or(U&& fallback) const& {
    return has_value() ? std::get<0>(v_) : static_cast<T>(std::forward<U>(fallback));
  }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  void CheckValue() const {
    if (!has_value()) {
      ::bgt::core::internal::CheckFailed(__FILE__, __LINE__, "Result::value() on an error",
                                         std::get<1>(v_).ToString());
    }
  }
  std::variant<T, Error> v_;
};

// Status is Result<void>: success or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  static Status Ok() { return Status(); }

  bool ok() const { return !error_.has_value(); }
  bool has_value() const { return ok(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    BGT_CHECK(error_.has_value(), "Status::error() called on OK");
    return *error_;
  }
  std::string ToString() const { return ok() ? "OK" : error_->ToString(); }

 private:
  std::optional<Error> error_;
};

}  // namespace bgt::core

// Propagates the error of a Result/Status expression to the caller (which must return a
// Result<...> or Status). Usage: BGT_RETURN_IF_ERROR(DoThing());
#define BGT_RETURN_IF_ERROR(expr)                 \
  do {                                            \
    auto&& bgt_status_ = (expr);                  \
    if (!bgt_status_) return bgt_status_.error(); \
  } while (false)
