// Name tables of the config's enums: an enum's canonical spelling and its parse, from a
// std::array indexed by the enum's underlying value (the enums are dense and start at 0).
// Internal to src/config. Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "core/check.h"

namespace bgt::config::internal {

template <typename Enum, std::size_t N>
std::string_view NameOf(const std::array<std::string_view, N>& names, Enum value) {
  const auto index = static_cast<std::size_t>(value);
  BGT_CHECK(index < N, "enum value out of range");
  return names[index];
}

template <typename Enum, std::size_t N>
std::optional<Enum> ParseName(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace bgt::config::internal
