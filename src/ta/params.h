// Parameter validation shared by the indicators. Every indicator X offers
//   static core::Status Validate(params)   -- kInvalidArgument naming the bad parameter;
//   static core::Result<X> Create(params)   -- for parameters from config or users;
//   explicit X(params)                      -- for trusted constants: aborts (BGT_CHECK) when
//                                              Validate fails.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "core/check.h"
#include "core/result.h"

namespace bgt::ta::internal {

// Periods above this are rejected: they only arise from configuration mistakes and would
// allocate windows of that size.
inline constexpr int kMaxPeriod = 1'000'000;

inline core::Status CheckPeriod(std::string_view indicator, std::string_view name, int value,
                                int min_value = 1) {
  if (value < min_value || value > kMaxPeriod) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           std::string(indicator) + ": " + std::string(name) + " must be in [" +
                               std::to_string(min_value) + ", " + std::to_string(kMaxPeriod) +
                               "], got " + std::to_string(value));
  }
  return core::Status::Ok();
}

// value must be finite and in (low, high] (exclusive low) or [low, high] (inclusive low).
core::Status CheckReal(std::string_view indicator, std::string_view name, double value, double low,
                       double high, bool low_inclusive);

inline void CheckOrDie(const core::Status& status) {
  if (!status.ok()) core::internal::CheckFailed(__FILE__, __LINE__, "Validate", status.ToString());
}

template <typename T, typename... Args>
core::Result<T> CreateChecked(core::Status status, Args&&... args) {
  if (!status.ok()) return status.error();
  return T(std::forward<Args>(args)...);
}

}  // namespace bgt::ta::internal
