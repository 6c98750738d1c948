// Helpers shared by the ExecutionEngine's translation units (execution_engine.cpp and
// execution_restore.cpp); not part of the engine's interface.
// Thread-safety: pure functions and constants.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "core/result.h"
#include "model/fill.h"

namespace bgt::execution::internal {

inline constexpr std::string_view kNotFoundCode = "40109";       // order detail: no such order
inline constexpr std::string_view kCancelNoOrderCode = "40768";  // cancel: order does not exist

inline core::Error Invalid(std::string message) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(message));
}

inline std::string TradeKey(const model::Fill& fill) {
  return fill.symbol + '\x1f' + fill.trade_id;
}

// The counter of a clientOid "<prefix>-<counter>" of this generator; nullopt for another form.
inline std::optional<std::uint64_t> OidCounter(std::string_view oid, std::string_view prefix) {
  if (oid.size() <= prefix.size() + 1 || !oid.starts_with(prefix) || oid[prefix.size()] != '-') {
    return std::nullopt;
  }
  const std::string_view digits = oid.substr(prefix.size() + 1);
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return n;
}

}  // namespace bgt::execution::internal
