#include "model/candle.h"

#include <array>
#include <chrono>
#include <string>
#include <utility>

#include "model/text_util.h"

namespace bgt::model {
namespace {

struct GranularityInfo {
  std::string_view name;
  Granularity value;
  std::optional<core::Duration> length;
};

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

constexpr std::array<GranularityInfo, 20> kGranularities{{
    {"1m", Granularity::k1m, minutes(1)},     {"3m", Granularity::k3m, minutes(3)},
    {"5m", Granularity::k5m, minutes(5)},     {"15m", Granularity::k15m, minutes(15)},
    {"30m", Granularity::k30m, minutes(30)},  {"1H", Granularity::k1H, hours(1)},
    {"2H", Granularity::k2H, hours(2)},       {"4H", Granularity::k4H, hours(4)},
    {"6H", Granularity::k6H, hours(6)},       {"12H", Granularity::k12H, hours(12)},
    {"1D", Granularity::k1D, days(1)},        {"3D", Granularity::k3D, days(3)},
    {"1W", Granularity::k1W, days(7)},        {"1M", Granularity::k1M, std::nullopt},
    {"6Hutc", Granularity::k6Hutc, hours(6)}, {"12Hutc", Granularity::k12Hutc, hours(12)},
    {"1Dutc", Granularity::k1Dutc, days(1)},  {"3Dutc", Granularity::k3Dutc, days(3)},
    {"1Wutc", Granularity::k1Wutc, days(7)},  {"1Mutc", Granularity::k1Mutc, std::nullopt},
}};

const GranularityInfo& InfoOf(Granularity g) {
  const auto index = static_cast<std::size_t>(g);
  BGT_CHECK(index < kGranularities.size() && kGranularities[index].value == g,
            "granularity table out of order");
  return kGranularities[index];
}

}  // namespace

std::string_view ToString(Granularity g) { return InfoOf(g).name; }

core::Result<Granularity> ParseGranularity(std::string_view text) {
  for (const GranularityInfo& info : kGranularities) {
    if (info.name == text) return info.value;
  }
  return core::MakeError(core::ErrorCode::kInvalidArgument,
                         "unknown granularity " + internal::Quoted(text));
}

std::optional<core::Duration> FixedDuration(Granularity g) { return InfoOf(g).length; }

core::Status CheckCandle(const Candle& c) {
  auto fail = [](std::string what) {
    return core::Status(
        core::MakeError(core::ErrorCode::kInvalidArgument, "candle " + std::move(what)));
  };
  if (!c.low.IsPositive()) return fail("low " + c.low.ToString() + " is not positive");
  if (c.low > c.open || c.low > c.close) return fail("low is above open or close");
  if (c.high < c.open || c.high < c.close) return fail("high is below open or close");
  if (c.base_volume.IsNegative() || c.quote_volume.IsNegative()) {
    return fail("volume is negative");
  }
  return core::Status::Ok();
}

}  // namespace bgt::model
