#include "core/result.h"

namespace bgt::core {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid argument";
    case ErrorCode::kOutOfRange:
      return "out of range";
    case ErrorCode::kNotFound:
      return "not found";
    case ErrorCode::kAlreadyExists:
      return "already exists";
    case ErrorCode::kFailedPrecondition:
      return "failed precondition";
    case ErrorCode::kConfig:
      return "config";
    case ErrorCode::kIo:
      return "io";
    case ErrorCode::kTimeout:
      return "timeout";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kRateLimited:
      return "rate limited";
    case ErrorCode::kVenueRejected:
      return "venue rejected";
    case ErrorCode::kAmbiguous:
      return "ambiguous";
    case ErrorCode::kDenied:
      return "denied";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "unknown";
}

std::string Error::ToString() const {
  std::string out(ErrorCodeName(code));
  out += ": ";
  out += message;
  if (!venue_code.empty()) {
    out += " [venue ";
    out += venue_code;
    out += "]";
  }
  if (http_status != 0) {
    out += " (HTTP ";
    out += std::to_string(http_status);
    out += ")";
  }
  return out;
}

}  // namespace bgt::core
