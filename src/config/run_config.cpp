#include "config/run_config.h"

#include <array>
#include <cstddef>

#include "core/check.h"

namespace bgt::config {
namespace {

// Indexed by the enum's underlying value; the enums are dense and start at 0.
constexpr std::array<std::string_view, 2> kOnStopNames = {"flatten", "leave"};
constexpr std::array<std::string_view, 2> kAdoptedPositionsNames = {"manage", "leave"};

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

}  // namespace

std::string_view OnStopName(OnStop value) { return NameOf(kOnStopNames, value); }
std::string_view AdoptedPositionsName(AdoptedPositions value) {
  return NameOf(kAdoptedPositionsNames, value);
}
std::optional<OnStop> ParseOnStop(std::string_view name) {
  return ParseName<OnStop>(kOnStopNames, name);
}
std::optional<AdoptedPositions> ParseAdoptedPositions(std::string_view name) {
  return ParseName<AdoptedPositions>(kAdoptedPositionsNames, name);
}
std::span<const std::string_view> OnStopNames() { return kOnStopNames; }
std::span<const std::string_view> AdoptedPositionsNames() { return kAdoptedPositionsNames; }

}  // namespace bgt::config
