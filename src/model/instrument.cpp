#include "model/instrument.h"

#include <array>
#include <utility>

#include "model/text_util.h"

namespace bgt::model {
namespace {

using core::Decimal;
using core::ErrorCode;
using core::Timestamp;

constexpr std::array<std::pair<std::string_view, SymbolType>, 2> kSymbolTypes{
    {{"perpetual", SymbolType::kPerpetual}, {"delivery", SymbolType::kDelivery}}};
constexpr std::array<std::pair<std::string_view, SymbolStatus>, 6> kSymbolStatuses{
    {{"listed", SymbolStatus::kListed},
     {"normal", SymbolStatus::kNormal},
     {"maintain", SymbolStatus::kMaintain},
     {"limit_open", SymbolStatus::kLimitOpen},
     {"restrictedAPI", SymbolStatus::kRestrictedApi},
     {"off", SymbolStatus::kOff}}};

// 2200-01-01T00:00:00Z in ms. Later "timestamps" are garbage (and would overflow ns at 2262).
constexpr std::int64_t kMaxEpochMs = 7'258'118'400'000;
constexpr int kMaxCodeLength = 32;
constexpr std::int64_t kMaxPriceEndStep = 1'000'000'000;
constexpr std::int64_t kMaxCount = 1'000'000'000;
constexpr int kMaxFundIntervalHours = 24;

// Reads the fields of one row and collects every violation as "<field>: <problem>".
class RowReader {
 public:
  bool ok() const { return violations_.empty(); }
  const std::vector<std::string>& violations() const { return violations_; }

  void Fail(std::string_view field, const std::string& problem) {
    violations_.push_back(std::string(field) + ": " + problem);
  }

  // Upper-case letters and digits, 1..32 characters.
  std::string Code(std::string_view field, const std::string& text) {
    if (text.empty()) {
      Fail(field, "missing");
    } else if (text.size() > kMaxCodeLength || !IsCode(text)) {
      Fail(field, "must be 1..32 upper-case letters or digits, got " + internal::Quoted(text));
    }
    return text;
  }

  // A decimal; nullopt (with a violation when required) if empty or malformed.
  std::optional<Decimal> Number(std::string_view field, const std::string& text, bool required) {
    if (text.empty()) {
      if (required) Fail(field, "missing");
      return std::nullopt;
    }
    auto parsed = Decimal::Parse(text);
    if (!parsed) {
      Fail(field, parsed.error().message);
      return std::nullopt;
    }
    return *parsed;
  }

  // A required decimal that must satisfy `in_range`; `what` describes the range.
  template <typename Pred>
  Decimal NumberIn(std::string_view field, const std::string& text, Pred in_range,
                   std::string_view what) {
    auto d = Number(field, text, /*required=*/true);
    if (!d) return Decimal();
    if (!in_range(*d)) {
      Fail(field, "must be " + std::string(what) + ", got " + internal::Quoted(text));
      return Decimal();
    }
    return *d;
  }

  // An optional decimal that, when present, must satisfy `in_range`.
  template <typename Pred>
  std::optional<Decimal> OptionalNumberIn(std::string_view field, const std::string& text,
                                          Pred in_range, std::string_view what) {
    auto d = Number(field, text, /*required=*/false);
    if (d && !in_range(*d)) {
      Fail(field, "must be " + std::string(what) + ", got " + internal::Quoted(text));
      return std::nullopt;
    }
    return d;
  }

  // An integer in [lo, hi] written as optional '-' and digits only.
  std::optional<std::int64_t> Integer(std::string_view field, const std::string& text,
                                      std::int64_t lo, std::int64_t hi, bool required) {
    if (text.empty()) {
      if (required) Fail(field, "missing");
      return std::nullopt;
    }
    auto value = ParseInteger(text);
    if (!value || *value < lo || *value > hi) {
      Fail(field, "must be an integer in " + std::to_string(lo) + ".." + std::to_string(hi) +
                      ", got " + internal::Quoted(text));
      return std::nullopt;
    }
    return value;
  }

  // A millisecond epoch time; "" and "-1" mean none.
  std::optional<Timestamp> Time(std::string_view field, const std::string& text) {
    if (text.empty() || text == "-1") return std::nullopt;
    auto ms = ParseInteger(text);
    if (!ms || *ms < 0 || *ms > kMaxEpochMs) {
      Fail(field,
           "must be a millisecond epoch time (or \"\" / \"-1\"), got " + internal::Quoted(text));
      return std::nullopt;
    }
    return Timestamp::FromMillis(*ms);
  }

  template <typename E, std::size_t N>
  std::optional<E> Enum(std::string_view field, const std::string& text,
                        const std::array<std::pair<std::string_view, E>, N>& names) {
    if (text.empty()) {
      Fail(field, "missing");
      return std::nullopt;
    }
    for (const auto& [name, value] : names) {
      if (internal::EqualsIgnoreCase(name, text)) return value;
    }
    std::string expected;
    for (const auto& [name, value] : names) {
      expected += expected.empty() ? "" : ", ";
      expected += name;
    }
    Fail(field, "unknown value " + internal::Quoted(text) + " (expected one of " + expected + ")");
    return std::nullopt;
  }

 private:
  static bool IsCode(std::string_view text) {
    for (char c : text) {
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    }
    return true;
  }

  static std::optional<std::int64_t> ParseInteger(std::string_view text) {
    std::size_t i = 0;
    const bool negative = !text.empty() && text[0] == '-';
    if (negative) ++i;
    if (i == text.size() || text.size() - i > 18) return std::nullopt;  // 18 digits fit int64
    std::int64_t value = 0;
    for (; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return negative ? -value : value;
  }

  std::vector<std::string> violations_;
};

// Letters, digits and '_' ("this_quarter"); empty is fine.
bool IsWord(std::string_view text) {
  for (char c : text) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

bool Positive(const Decimal& d) { return d.IsPositive(); }
bool NonNegative(const Decimal& d) { return !d.IsNegative(); }
bool Ratio(const Decimal& d) { return d.IsPositive() && d <= Decimal::FromInt(1); }
bool FeeRate(const Decimal& d) { return d > Decimal::FromInt(-1) && d < Decimal::FromInt(1); }

int ToInt(std::optional<std::int64_t> v, int fallback) {
  return v ? static_cast<int>(*v) : fallback;
}

}  // namespace

std::string_view ToString(SymbolType v) { return internal::NameOf(kSymbolTypes, v); }
std::string_view ToString(SymbolStatus v) { return internal::NameOf(kSymbolStatuses, v); }

core::Result<SymbolType> ParseSymbolType(std::string_view text) {
  return internal::Lookup("symbol type", kSymbolTypes, text);
}
core::Result<SymbolStatus> ParseSymbolStatus(std::string_view text) {
  return internal::Lookup("symbol status", kSymbolStatuses, text);
}

core::Result<Instrument> Instrument::FromContractRow(const ContractRow& row) {
  RowReader r;
  Instrument in;

  in.symbol_ = r.Code("symbol", row.symbol);
  in.base_coin_ = r.Code("baseCoin", row.base_coin);
  in.quote_coin_ = r.Code("quoteCoin", row.quote_coin);
  if (!row.quote_coin.empty() && row.quote_coin != "USDT") {
    r.Fail("quoteCoin",
           "must be \"USDT\" for a USDT-M contract, got " + internal::Quoted(row.quote_coin));
  }
  if (row.support_margin_coins.empty()) r.Fail("supportMarginCoins", "missing");
  bool has_usdt = false;
  for (const std::string& coin : row.support_margin_coins) {
    in.margin_coins_.push_back(r.Code("supportMarginCoins", coin));
    has_usdt = has_usdt || coin == "USDT";
  }
  if (!row.support_margin_coins.empty() && !has_usdt) {
    r.Fail("supportMarginCoins", "must contain \"USDT\" for a USDT-M contract");
  }

  in.buy_limit_price_ratio_ =
      r.NumberIn("buyLimitPriceRatio", row.buy_limit_price_ratio, Ratio, "in (0, 1]");
  in.sell_limit_price_ratio_ =
      r.NumberIn("sellLimitPriceRatio", row.sell_limit_price_ratio, Ratio, "in (0, 1]");
  in.fee_rate_up_ratio_ = r.NumberIn("feeRateUpRatio", row.fee_rate_up_ratio, NonNegative, ">= 0");
  in.maker_fee_rate_ = r.NumberIn("makerFeeRate", row.maker_fee_rate, FeeRate, "in (-1, 1)");
  in.taker_fee_rate_ = r.NumberIn("takerFeeRate", row.taker_fee_rate, FeeRate, "in (-1, 1)");
  in.open_cost_up_ratio_ =
      r.NumberIn("openCostUpRatio", row.open_cost_up_ratio, NonNegative, ">= 0");

  // Precision.
  const auto price_place = r.Integer("pricePlace", row.price_place, 0, kMaxPlaces, true);
  const auto volume_place = r.Integer("volumePlace", row.volume_place, 0, kMaxPlaces, true);
  const auto end_step = r.Integer("priceEndStep", row.price_end_step, 1, kMaxPriceEndStep, true);
  in.price_place_ = ToInt(price_place, 0);
  in.volume_place_ = ToInt(volume_place, 0);
  in.price_end_step_ = end_step.value_or(1);
  if (price_place && end_step) {
    auto tick = Decimal::FromParts(*end_step, in.price_place_);
    BGT_CHECK(tick.has_value(), "pricePlace was range-checked");
    in.tick_size_ = *tick;
  }
  in.size_step_ = r.NumberIn("sizeMultiplier", row.size_multiplier, Positive, "> 0");
  if (volume_place && in.size_step_.IsPositive() &&
      in.size_step_.Normalized().scale() > in.volume_place_) {
    r.Fail("sizeMultiplier", "has more decimals than volumePlace (" +
                                 std::to_string(in.volume_place_) + "), got " +
                                 internal::Quoted(row.size_multiplier));
  }
  in.min_size_ = r.NumberIn("minTradeNum", row.min_trade_num, Positive, "> 0");
  in.min_notional_ = r.NumberIn("minTradeUSDT", row.min_trade_usdt, NonNegative, ">= 0");
  in.max_market_size_ =
      r.OptionalNumberIn("maxMarketOrderQty", row.max_market_order_qty, Positive, "> 0");
  in.max_limit_size_ = r.OptionalNumberIn("maxOrderQty", row.max_order_qty, Positive, "> 0");
  if (in.min_size_.IsPositive()) {
    if (in.max_market_size_ && *in.max_market_size_ < in.min_size_) {
      r.Fail("maxMarketOrderQty", "is below minTradeNum " + in.min_size_.ToString());
    }
    if (in.max_limit_size_ && *in.max_limit_size_ < in.min_size_) {
      r.Fail("maxOrderQty", "is below minTradeNum " + in.min_size_.ToString());
    }
  }

  // Type, status, limits.
  const auto type = r.Enum("symbolType", row.symbol_type, kSymbolTypes);
  in.symbol_type_ = type.value_or(SymbolType::kPerpetual);
  in.status_ =
      r.Enum("symbolStatus", row.symbol_status, kSymbolStatuses).value_or(SymbolStatus::kOff);
  in.max_symbol_order_num_ =
      ToInt(r.Integer("maxSymbolOrderNum", row.max_symbol_order_num, 1, kMaxCount, true), 0);
  in.max_product_order_num_ =
      ToInt(r.Integer("maxProductOrderNum", row.max_product_order_num, 1, kMaxCount, true), 0);
  in.max_position_num_ =
      ToInt(r.Integer("maxPositionNum", row.max_position_num, 1, kMaxCount, true), 0);
  const auto min_lever = r.Integer("minLever", row.min_lever, 1, kMaxLeverage, true);
  const auto max_lever = r.Integer("maxLever", row.max_lever, 1, kMaxLeverage, true);
  in.min_leverage_ = ToInt(min_lever, 1);
  in.max_leverage_ = ToInt(max_lever, 1);
  if (min_lever && max_lever && *min_lever > *max_lever) {
    r.Fail("minLever", "is greater than maxLever (" + row.min_lever + " > " + row.max_lever + ")");
  }
  const bool interval_required = type != SymbolType::kDelivery;
  const auto interval =
      r.Integer("fundInterval", row.fund_interval, 1, kMaxFundIntervalHours, interval_required);
  if (interval) in.fund_interval_hours_ = static_cast<int>(*interval);
  in.pos_limit_ = r.OptionalNumberIn("posLimit", row.pos_limit, NonNegative, ">= 0");
  if (row.is_rwa.empty() || internal::EqualsIgnoreCase(row.is_rwa, "NO")) {
    in.is_rwa_ = false;
  } else if (internal::EqualsIgnoreCase(row.is_rwa, "YES")) {
    in.is_rwa_ = true;
  } else {
    r.Fail("isRwa", "must be \"YES\" or \"NO\", got " + internal::Quoted(row.is_rwa));
  }

  // Schedule.
  in.off_time_ = r.Time("offTime", row.off_time);
  in.limit_open_time_ = r.Time("limitOpenTime", row.limit_open_time);
  in.delivery_time_ = r.Time("deliveryTime", row.delivery_time);
  in.delivery_start_time_ = r.Time("deliveryStartTime", row.delivery_start_time);
  in.launch_time_ = r.Time("launchTime", row.launch_time);
  in.maintain_time_ = r.Time("maintainTime", row.maintain_time);
  in.open_time_ = r.Time("openTime", row.open_time);
  if (row.delivery_period.size() > kMaxCodeLength || !IsWord(row.delivery_period)) {
    r.Fail("deliveryPeriod", "must be at most 32 letters, digits or '_', got " +
                                 internal::Quoted(row.delivery_period));
  }
  in.delivery_period_ = row.delivery_period;

  if (r.ok()) return in;
  const std::string who = row.symbol.empty() ? std::string("contract row")
                                             : "contract row " + internal::Quoted(row.symbol);
  std::string message = who + ": " + std::to_string(r.violations().size()) + " invalid field" +
                        (r.violations().size() == 1 ? "" : "s") + ": ";
  for (std::size_t i = 0; i < r.violations().size(); ++i) {
    if (i > 0) message += "; ";
    message += r.violations()[i];
  }
  return core::MakeError(ErrorCode::kInvalidArgument, std::move(message));
}

}  // namespace bgt::model
