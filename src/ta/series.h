// Common conventions of the streaming indicators and the helper that turns any of them into a
// batch function over a span (so each indicator has exactly one definition).
// Thread-safety: pure functions.
//
// Conventions, for every indicator in ta/:
// - Update(x) is O(1) (amortized where a monotonic queue is used; Cci is O(period)) and returns
//   the current output, the same as Value().
// - Value() is NaN (each field NaN for struct outputs) until Ready().
// - Non-finite inputs (NaN, +-inf) and invalid bars (see IsValidBar) are rejected: they do not
//   touch the state, Update returns the previous Value(), and RejectedCount() counts them.
// - Reset() returns the indicator to its freshly constructed state (RejectedCount() included).
#pragma once

#include <limits>
#include <span>
#include <vector>

namespace bgt::ta {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Runs a freshly constructed indicator over inputs; element i is Update(inputs[i]).
template <typename Indicator, typename Input>
auto RunSeries(Indicator indicator, std::span<const Input> inputs) {
  using Output = decltype(indicator.Update(inputs[0]));
  std::vector<Output> out;
  out.reserve(inputs.size());
  for (const Input& x : inputs) out.push_back(indicator.Update(x));
  return out;
}

}  // namespace bgt::ta
