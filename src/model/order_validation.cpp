#include "model/order_validation.h"

#include <algorithm>
#include <string>
#include <utility>

namespace bgt::model {
namespace {

using core::Decimal;

core::Error Deny(std::string venue_code, std::string message) {
  core::Error error = core::MakeError(core::ErrorCode::kDenied, std::move(message));
  error.venue_code = std::move(venue_code);
  return error;
}

// a × b, exact when the product needs at most 18 decimals, else rounded in `mode`. nullopt
// when the magnitude overflows (callers treat that as "larger than any limit").
std::optional<Decimal> Product(const Decimal& a, const Decimal& b, core::Rounding mode) {
  const Decimal x = a.Normalized();
  const Decimal y = b.Normalized();
  const int scale = std::min(Decimal::kMaxScale, x.scale() + y.scale());
  auto product = Decimal::MulRounded(x, y, scale, mode);
  if (!product) return std::nullopt;
  return *product;
}

constexpr std::string_view kSizePrefix = "Parameter verification exception size ";

// Messages are built only on failure: the accepting path allocates nothing.
std::string StatusDetail(const Instrument& in) {
  return " (" + in.symbol() + " status " + std::string(ToString(in.status())) + ")";
}

core::Status CheckStatus(const Instrument& in, const OrderIntent& intent) {
  switch (in.status()) {
    case SymbolStatus::kNormal:
      return core::Status::Ok();
    case SymbolStatus::kLimitOpen:
      if (!OpensPosition(intent)) return core::Status::Ok();
      return Deny("41114", "The current trading pair is under maintenance" + StatusDetail(in) +
                               ": only orders that close are accepted");
    case SymbolStatus::kListed:
      return Deny("43115", "The trading pair is opening soon" + StatusDetail(in));
    case SymbolStatus::kMaintain:
    case SymbolStatus::kRestrictedApi:
    case SymbolStatus::kOff:
      break;
  }
  return Deny("41114", "The current trading pair is under maintenance" + StatusDetail(in));
}

core::Status CheckSize(const Instrument& in, const Decimal& size) {
  if (!size.IsPositive()) {
    return Deny("40808",
                std::string(kSizePrefix) + "value=" + size.ToString() + " (must be positive)");
  }
  if (size.Normalized().scale() > in.volume_place()) {
    return Deny("40808", std::string(kSizePrefix) + "checkBDScale error value=" + size.ToString() +
                             " checkScale=" + std::to_string(in.volume_place()));
  }
  if (!size.IsMultipleOf(in.size_step())) {
    return Deny("40808", std::string(kSizePrefix) + "value=" + size.ToString() +
                             " (not a multiple of " + "sizeMultiplier " +
                             in.size_step().ToString() + ")");
  }
  return core::Status::Ok();
}

std::string DelegatePrice(const Decimal& price) {
  return "Parameter verification exception delegatePrice value=" + price.ToString();
}

core::Status CheckPrice(const Instrument& in, const OrderIntent& intent) {
  if (!intent.price) return Deny("40019", "Parameter price cannot be empty");
  const Decimal& price = *intent.price;
  if (!price.IsPositive()) return Deny("40808", DelegatePrice(price) + " (must be positive)");
  if (price.Normalized().scale() > in.price_place()) {
    return Deny("41103", "param price scale error error value=" + price.ToString() +
                             " checkScale=" + std::to_string(in.price_place()));
  }
  if (!price.IsMultipleOf(in.tick_size())) {
    return Deny("40808", DelegatePrice(price) + " (not a multiple of the tick " +
                             in.tick_size().ToString() + ")");
  }
  if (!intent.reference_price) return core::Status::Ok();
  const Decimal& ref = *intent.reference_price;
  const Decimal one = Decimal::FromInt(1);
  if (intent.side == OrderSide::kBuy) {
    const Decimal factor = one + in.buy_limit_price_ratio();
    // Rounded down: a bound a hair low only refuses a price Bitget might still take.
    auto limit = Product(ref, factor, core::Rounding::kFloor);
    if (limit && price > *limit) {
      return Deny("40808", DelegatePrice(price) + " (above the buy limit " + limit->ToString() +
                               " = reference " + ref.ToString() + " x " + factor.ToString() + ")");
    }
  } else {
    const Decimal factor = one - in.sell_limit_price_ratio();
    auto limit = Product(ref, factor, core::Rounding::kCeiling);
    if (limit && price < *limit) {
      return Deny("40808", DelegatePrice(price) + " (below the sell limit " + limit->ToString() +
                               " = reference " + ref.ToString() + " x " + factor.ToString() + ")");
    }
  }
  return core::Status::Ok();
}

}  // namespace

bool OpensPosition(const OrderIntent& intent) {
  return !intent.reduce_only && IsOpeningTrade(intent.side, intent.position_side);
}

core::Status ValidateOrder(const Instrument& in, const OrderIntent& intent) {
  BGT_RETURN_IF_ERROR(CheckStatus(in, intent));
  BGT_RETURN_IF_ERROR(CheckSize(in, intent.size));
  if (intent.reference_price && !intent.reference_price->IsPositive()) {
    return Deny("", "reference price must be positive, got " + intent.reference_price->ToString());
  }
  const bool is_limit = intent.type == OrderType::kLimit;
  if (is_limit) {
    BGT_RETURN_IF_ERROR(CheckPrice(in, intent));
  } else if (!intent.reference_price) {
    return Deny("", "market order needs a reference price to check the minimum notional");
  }

  if (intent.size < in.min_size()) {
    return Deny("45111", "less than the minimum order quantity (size " + intent.size.ToString() +
                             " < minTradeNum " + in.min_size().ToString() + ")");
  }
  const Decimal& notional_price = is_limit ? *intent.price : *intent.reference_price;
  // Rounded down: a notional a hair low only refuses an order Bitget might still take.
  const auto notional = Product(notional_price, intent.size, core::Rounding::kFloor);
  if (notional && *notional < in.min_notional()) {
    return Deny("45110", "less than the minimum amount " + in.min_notional().ToString() +
                             " USDT (notional " + notional->ToString() + ")");
  }
  const auto& cap = is_limit ? in.max_limit_order_size() : in.max_market_order_size();
  if (cap && intent.size > *cap) {
    return Deny("40762", "The order size is greater than the max open size (size " +
                             intent.size.ToString() + " > " +
                             (is_limit ? "maxOrderQty " : "maxMarketOrderQty ") + cap->ToString() +
                             ")");
  }
  return core::Status::Ok();
}

}  // namespace bgt::model
