#include "risk/sizing.h"

#include <algorithm>

#include "model/precision.h"

namespace bgt::risk {
namespace {

using core::Decimal;

Refusal MakeRefusal(RefusalReason reason, const model::Instrument& in, Decimal value, Decimal limit,
                    std::string code, std::string message) {
  Refusal r;
  r.reason = reason;
  r.symbol = in.symbol();
  r.value = value;
  r.limit = limit;
  r.venue_code = std::move(code);
  r.message = std::move(message);
  return r;
}

}  // namespace

std::variant<Sizing, Refusal> SizeFromStop(const model::Instrument& in, const SizingInput& input) {
  if (!input.equity.IsPositive()) {
    return MakeRefusal(RefusalReason::kNoEquity, in, input.equity, Decimal(), "",
                       "equity must be positive to size an entry");
  }
  const Decimal distance = (input.entry_price - input.stop_price).Abs();
  if (distance.IsZero() || !input.entry_price.IsPositive() || !input.stop_price.IsPositive()) {
    return MakeRefusal(RefusalReason::kNoStopDistance, in, distance, Decimal(), "",
                       "entry and stop must be positive and differ");
  }
  Sizing s;
  auto risk = Decimal::MulRounded(input.equity, input.risk_fraction, 8, core::Rounding::kDown);
  if (!risk)
    return MakeRefusal(RefusalReason::kNoEquity, in, input.equity, Decimal(), "",
                       risk.error().message);
  s.risk_amount = *risk;
  auto raw = Decimal::Div(s.risk_amount, distance, std::min(in.volume_place() + 4, 18),
                          core::Rounding::kDown);
  if (!raw)
    return MakeRefusal(RefusalReason::kNoStopDistance, in, distance, Decimal(), "",
                       raw.error().message);
  s.raw_size = *raw;
  auto size = model::RoundSizeSafe(in, s.raw_size);
  if (!size)
    return MakeRefusal(RefusalReason::kBelowMinSize, in, s.raw_size, in.min_size(), "45111",
                       size.error().message);
  s.size = *size;
  const auto& cap = input.type == model::OrderType::kLimit ? in.max_limit_order_size()
                                                           : in.max_market_order_size();
  if (cap && s.size > *cap) {
    auto capped = model::RoundSizeSafe(in, *cap);
    s.size = capped ? *capped : *cap;
    s.capped = true;
  }
  if (s.size < in.min_size()) {
    return MakeRefusal(
        RefusalReason::kBelowMinSize, in, s.size, in.min_size(), "45111",
        "size " + s.size.ToString() + " below minTradeNum " + in.min_size().ToString());
  }
  const auto notional = Decimal::CheckedMul(s.size, input.entry_price);
  if (!notional || *notional < in.min_notional()) {
    const Decimal value = notional ? *notional : Decimal();
    return MakeRefusal(
        RefusalReason::kBelowMinNotional, in, value, in.min_notional(), "45110",
        "notional " + value.ToString() + " below minTradeUSDT " + in.min_notional().ToString());
  }
  return s;
}

bool IsDust(const model::Instrument& in, const Decimal& position_qty, const Decimal& price) {
  const Decimal qty = position_qty.Abs();
  if (qty.IsZero()) return false;
  if (qty < in.min_size()) return true;
  const auto notional = Decimal::CheckedMul(qty, price);
  return notional && *notional < in.min_notional();
}

}  // namespace bgt::risk
