#include "sim/margin.h"

#include <string>

namespace bgt::sim {
namespace {

using core::Decimal;
using core::ErrorCode;
using core::Result;

core::Error Invalid(std::string message) {
  return core::MakeError(ErrorCode::kInvalidArgument, std::move(message));
}

Decimal D(std::string_view text) {
  auto d = Decimal::Parse(text);
  BGT_CHECK(d.has_value(), "bad decimal literal in the tier table");
  return *d;
}

MarginTier Row(int level, std::string_view min, std::string_view max, int lev,
               std::string_view mmr) {
  return MarginTier{level, D(min), D(max), lev, D(mmr)};
}

// D_k: the progressive deduction of tier k, so that MM(v) = v·r_k − D_k inside tier k.
Result<Decimal> Deduction(const TierTable& tiers, std::size_t k, const Decimal& fee) {
  const auto& rows = tiers.tiers();
  const Decimal r_k = rows[k].maintenance + fee;
  Decimal total;
  for (std::size_t i = 0; i < k; ++i) {
    const Decimal width = rows[i].max_value - rows[i].min_value;
    auto part = MulExact(width, r_k - (rows[i].maintenance + fee));
    BGT_RETURN_IF_ERROR(part);
    auto sum = Decimal::CheckedAdd(total, *part);
    BGT_RETURN_IF_ERROR(sum);
    total = sum->Normalized();
  }
  return total;
}

// num / den at the highest precision that fits (12 down to 4 decimals).
Result<Decimal> DivPrecise(const Decimal& num, const Decimal& den) {
  for (int scale = 12; scale >= 4; scale -= 2) {
    auto q = Decimal::Div(num, den, scale, core::Rounding::kHalfEven);
    if (q) return q;
  }
  return core::MakeError(ErrorCode::kOutOfRange, "liquidation price overflows");
}

}  // namespace

Result<Decimal> MulExact(const Decimal& a, const Decimal& b) {
  auto p = Decimal::CheckedMul(a.Normalized(), b.Normalized());
  BGT_RETURN_IF_ERROR(p);
  return p->Normalized();
}

Result<TierTable> TierTable::Create(std::vector<MarginTier> tiers) {
  if (tiers.empty()) return Invalid("tier table is empty");
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    const MarginTier& t = tiers[i];
    const std::string where = "tier " + std::to_string(i + 1) + ": ";
    if (t.level != static_cast<int>(i + 1))
      return Invalid(where + "level must be " + std::to_string(i + 1));
    if (i == 0 && !t.min_value.IsZero()) return Invalid(where + "must start at 0");
    if (i > 0 && t.min_value != tiers[i - 1].max_value) {
      return Invalid(where + "must start where the previous tier ends");
    }
    if (t.max_value <= t.min_value) return Invalid(where + "max value must exceed min value");
    if (t.max_leverage < 1 || t.max_leverage > 1000) {
      return Invalid(where + "max leverage must be 1..1000");
    }
    if (i > 0 && t.max_leverage > tiers[i - 1].max_leverage) {
      return Invalid(where + "max leverage may not increase");
    }
    if (!t.maintenance.IsPositive() || t.maintenance >= Decimal::FromInt(1)) {
      return Invalid(where + "maintenance rate must be in (0, 1)");
    }
    if (i > 0 && t.maintenance < tiers[i - 1].maintenance) {
      return Invalid(where + "maintenance rate may not decrease");
    }
  }
  return TierTable(std::move(tiers));
}

TierTable TierTable::BtcUsdt() {
  auto table = Create({
      Row(1, "0", "200000", 150, "0.004"),
      Row(2, "200000", "1000000", 100, "0.005"),
      Row(3, "1000000", "5000000", 75, "0.007"),
      Row(4, "5000000", "15000000", 50, "0.01"),
      Row(5, "15000000", "50000000", 25, "0.02"),
      Row(6, "50000000", "100000000", 20, "0.03"),
      Row(7, "100000000", "150000000", 10, "0.06"),
      Row(8, "150000000", "300000000", 5, "0.12"),
      Row(9, "300000000", "500000000", 4, "0.15"),
      Row(10, "500000000", "700000000", 3, "0.2"),
      Row(11, "700000000", "900000000", 2, "0.3"),
      Row(12, "900000000", "1200000000", 1, "0.6"),
  });
  BGT_CHECK(table.has_value(), "the built-in BTCUSDT tier table is invalid");
  return *std::move(table);
}

const MarginTier& TierTable::TierFor(const Decimal& position_value) const {
  for (const MarginTier& t : tiers_) {
    if (position_value < t.max_value) return t;
  }
  return tiers_.back();
}

Decimal TierTable::MaxValueAt(int leverage) const {
  Decimal best;
  for (const MarginTier& t : tiers_) {
    if (t.max_leverage >= leverage) best = t.max_value;
  }
  return best;
}

Result<Decimal> InitialMargin(const Decimal& notional, int leverage) {
  if (leverage < 1) return Invalid("leverage must be >= 1");
  if (notional.IsNegative()) return Invalid("notional must not be negative");
  auto im =
      Decimal::Div(notional, Decimal::FromInt(leverage), kMarginScale, core::Rounding::kCeiling);
  BGT_RETURN_IF_ERROR(im);
  return im->Normalized();
}

Result<Decimal> MaintenanceMargin(const TierTable& tiers, const Decimal& position_value,
                                  const Decimal& taker_fee_rate) {
  if (position_value.IsNegative()) return Invalid("position value must not be negative");
  if (taker_fee_rate.IsNegative()) return Invalid("taker fee rate must not be negative");
  Decimal total;
  const auto& rows = tiers.tiers();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const MarginTier& t = rows[i];
    if (position_value <= t.min_value) break;
    const bool last = i + 1 == rows.size();
    const Decimal top = (!last && position_value > t.max_value) ? t.max_value : position_value;
    auto part = MulExact(top - t.min_value, t.maintenance + taker_fee_rate);
    BGT_RETURN_IF_ERROR(part);
    auto sum = Decimal::CheckedAdd(total, *part);
    BGT_RETURN_IF_ERROR(sum);
    total = sum->Normalized();
  }
  return total;
}

Result<std::optional<Decimal>> LiquidationPrice(const TierTable& tiers,
                                                const LiquidationInput& in) {
  if (!in.size.IsPositive() || !in.entry_notional.IsPositive() || !in.tick.IsPositive()) {
    return Invalid("liquidation price needs a positive size, entry notional and tick");
  }
  const Decimal one = Decimal::FromInt(1);
  const Decimal d = in.is_long ? one : -one;
  // A long backed by at least its entry notional keeps equity above maintenance at every
  // positive price: no liquidation price. (Shorts always have one.)
  if (in.is_long && in.margin >= in.entry_notional) return std::optional<Decimal>();
  const auto& rows = tiers.tiers();
  std::optional<Decimal> candidate;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    auto deduction = Deduction(tiers, k, in.taker_fee_rate);
    BGT_RETURN_IF_ERROR(deduction);
    auto signed_entry = MulExact(d, in.entry_notional);
    BGT_RETURN_IF_ERROR(signed_entry);
    auto num = Decimal::CheckedAdd(in.margin, *deduction);
    BGT_RETURN_IF_ERROR(num);
    num = Decimal::CheckedSub(*num, *signed_entry);
    BGT_RETURN_IF_ERROR(num);
    auto den = MulExact(in.size, rows[k].maintenance + in.taker_fee_rate - d);
    BGT_RETURN_IF_ERROR(den);
    auto price = DivPrecise(*num, *den);
    BGT_RETURN_IF_ERROR(price);
    if (!price->IsPositive()) continue;  // not this tier's root
    // Only compared with the tier bounds: rounding is harmless, overflow of 18 decimals is not.
    auto value = Decimal::MulRounded(in.size.Normalized(), price->Normalized(), kMarginScale,
                                     core::Rounding::kHalfEven);
    BGT_RETURN_IF_ERROR(value);
    const bool last = k + 1 == rows.size();
    if (*value >= rows[k].min_value && (last || *value < rows[k].max_value)) {
      candidate = *price;
      break;
    }
  }
  if (!candidate) return std::optional<Decimal>();
  auto rounded = candidate->RoundToMultiple(
      in.tick, in.is_long ? core::Rounding::kFloor : core::Rounding::kCeiling);
  BGT_RETURN_IF_ERROR(rounded);
  if (!rounded->IsPositive()) return std::optional<Decimal>();
  return std::optional<Decimal>(rounded->Normalized());
}

}  // namespace bgt::sim
