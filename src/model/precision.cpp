#include "model/precision.h"

namespace bgt::model {
namespace {

using core::Decimal;
using core::ErrorCode;
using core::Result;

// `value` rounded to a multiple of `step` and expressed with exactly `places` decimals (step has
// at most `places` decimals, so the rescale drops only zeros).
Result<Decimal> RoundToStep(const Decimal& value, const Decimal& step, int places,
                            core::Rounding mode) {
  auto rounded = value.RoundToMultiple(step, mode);
  BGT_RETURN_IF_ERROR(rounded);
  return rounded->Rescale(places, core::Rounding::kDown);
}

Result<std::string> Format(const Decimal& value, int places, std::string_view what) {
  const Decimal normalized = value.Normalized();
  if (normalized.scale() > places) {
    return core::MakeError(ErrorCode::kInvalidArgument, std::string(what) + " " + value.ToString() +
                                                            " has more than " +
                                                            std::to_string(places) + " decimals");
  }
  auto fixed = normalized.Rescale(places, core::Rounding::kDown);
  BGT_RETURN_IF_ERROR(fixed);
  return fixed->ToString();
}

}  // namespace

Result<Decimal> RoundPrice(const Instrument& instrument, const Decimal& price,
                           core::Rounding mode) {
  if (!price.IsPositive()) {
    return core::MakeError(ErrorCode::kInvalidArgument,
                           "price must be positive, got " + price.ToString());
  }
  auto rounded = RoundToStep(price, instrument.tick_size(), instrument.price_place(), mode);
  BGT_RETURN_IF_ERROR(rounded);
  if (rounded->IsZero()) {
    return core::MakeError(ErrorCode::kOutOfRange, "price " + price.ToString() +
                                                       " rounds to zero at tick " +
                                                       instrument.tick_size().ToString());
  }
  return rounded;
}

Result<Decimal> RoundPriceSafe(const Instrument& instrument, OrderSide side, const Decimal& price) {
  return RoundPrice(instrument, price,
                    side == OrderSide::kBuy ? core::Rounding::kFloor : core::Rounding::kCeiling);
}

Result<Decimal> RoundSize(const Instrument& instrument, const Decimal& size, core::Rounding mode) {
  if (size.IsNegative()) {
    return core::MakeError(ErrorCode::kInvalidArgument,
                           "size must not be negative, got " + size.ToString());
  }
  return RoundToStep(size, instrument.size_step(), instrument.volume_place(), mode);
}

Result<Decimal> RoundSizeSafe(const Instrument& instrument, const Decimal& size) {
  return RoundSize(instrument, size, core::Rounding::kDown);
}

Result<std::string> FormatPrice(const Instrument& instrument, const Decimal& price) {
  return Format(price, instrument.price_place(), "price");
}

Result<std::string> FormatSize(const Instrument& instrument, const Decimal& size) {
  return Format(size, instrument.volume_place(), "size");
}

}  // namespace bgt::model
