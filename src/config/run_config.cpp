#include "config/run_config.h"

#include <array>
#include <cstddef>

#include "config/enum_names.h"

namespace bgt::config {
namespace {

// Indexed by the enum's underlying value; the enums are dense and start at 0.
constexpr std::array<std::string_view, 2> kOnStopNames = {"flatten", "leave"};
constexpr std::array<std::string_view, 2> kAdoptedPositionsNames = {"manage", "leave"};

using internal::NameOf;
using internal::ParseName;

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
