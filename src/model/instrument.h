// Instrument: a Bitget USDT-M contract's rules in typed form (precision, size limits, price
// band, fees, leverage, status, schedule), built only by validating a ContractRow. An Instrument
// that exists is internally consistent: tick, size step and minimum size are positive, places
// are 0..18, minLever <= maxLever, the quote coin is USDT.
// Thread-safety: immutable value type once built.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"
#include "model/contract_row.h"

namespace bgt::model {

enum class SymbolType : std::uint8_t { kPerpetual, kDelivery };

// Bitget `symbolStatus`.
enum class SymbolStatus : std::uint8_t {
  kListed,         // listed, trading not open yet
  kNormal,         // trading
  kMaintain,       // under maintenance: no trading
  kLimitOpen,      // closing only: orders that would open or increase a position are refused
  kRestrictedApi,  // "restrictedAPI": orders through the API are refused
  kOff,            // delisted
};

// "perpetual", "delivery"; "listed", "normal", "maintain", "limit_open", "restrictedAPI", "off".
std::string_view ToString(SymbolType v);
std::string_view ToString(SymbolStatus v);
// ASCII case-insensitive. Error (kInvalidArgument) naming the unknown text.
core::Result<SymbolType> ParseSymbolType(std::string_view text);
core::Result<SymbolStatus> ParseSymbolStatus(std::string_view text);

class Instrument {
 public:
  static constexpr int kMaxPlaces = 18;
  static constexpr int kMaxLeverage = 1000;

  // Parses and validates every field. Required: symbol and baseCoin (1..32 upper-case letters
  // or digits), quoteCoin (= "USDT"), supportMarginCoins (non-empty, contains USDT), both
  // price-limit ratios (0 < r <= 1), fee rates (-1 < r < 1), fee/open-cost up ratios (>= 0),
  // minTradeNum (> 0), priceEndStep (integer >= 1), pricePlace and volumePlace (integers 0..18),
  // sizeMultiplier (> 0, at most volumePlace decimals), symbolType, minTradeUSDT (>= 0), the three
  // order/position counts (integers >= 1), symbolStatus, minLever <= maxLever (integers 1..1000),
  // fundInterval (hours 1..24; may be empty for delivery contracts). Optional (empty = none): the
  // time fields (ms epoch; "" and "-1" = none), deliveryPeriod (<= 32 letters, digits, '_'),
  // posLimit (>= 0), maxOrderQty and maxMarketOrderQty (> 0 and >= minTradeNum; none = no cap
  // known), isRwa ("YES"/"NO"). Error: kInvalidArgument whose message names the symbol and
  // lists every violation as "<bitgetFieldName>: <problem>", so one bad row is diagnosed in
  // one pass.
  static core::Result<Instrument> FromContractRow(const ContractRow& row);

  const std::string& symbol() const { return symbol_; }
  const std::string& base_coin() const { return base_coin_; }
  const std::string& quote_coin() const { return quote_coin_; }
  const std::vector<std::string>& margin_coins() const { return margin_coins_; }
  SymbolType symbol_type() const { return symbol_type_; }
  SymbolStatus status() const { return status_; }

  // Precision: prices are multiples of tick_size() with at most price_place() decimals;
  // sizes are multiples of size_step() (sizeMultiplier) with at most volume_place() decimals.
  int price_place() const { return price_place_; }
  int volume_place() const { return volume_place_; }
  std::int64_t price_end_step() const { return price_end_step_; }
  const core::Decimal& tick_size() const { return tick_size_; }  // priceEndStep × 10^-pricePlace
  const core::Decimal& size_step() const { return size_step_; }  // sizeMultiplier
  const core::Decimal& min_size() const { return min_size_; }    // minTradeNum
  const core::Decimal& min_notional() const { return min_notional_; }  // minTradeUSDT
  // Per-order caps in base coin; nullopt when the row carried none.
  const std::optional<core::Decimal>& max_limit_order_size() const { return max_limit_size_; }
  const std::optional<core::Decimal>& max_market_order_size() const { return max_market_size_; }

  // Price band ratios: a buy may not exceed reference × (1 + buy ratio), a sell may not be
  // below reference × (1 - sell ratio).
  const core::Decimal& buy_limit_price_ratio() const { return buy_limit_price_ratio_; }
  const core::Decimal& sell_limit_price_ratio() const { return sell_limit_price_ratio_; }

  const core::Decimal& maker_fee_rate() const { return maker_fee_rate_; }
  const core::Decimal& taker_fee_rate() const { return taker_fee_rate_; }
  const core::Decimal& fee_rate_up_ratio() const { return fee_rate_up_ratio_; }
  const core::Decimal& open_cost_up_ratio() const { return open_cost_up_ratio_; }

  int max_symbol_order_num() const { return max_symbol_order_num_; }
  int max_product_order_num() const { return max_product_order_num_; }
  int max_position_num() const { return max_position_num_; }
  int min_leverage() const { return min_leverage_; }
  int max_leverage() const { return max_leverage_; }
  // Funding interval in hours; nullopt for a delivery contract that carries none.
  std::optional<int> fund_interval_hours() const { return fund_interval_hours_; }
  const std::optional<core::Decimal>& pos_limit() const { return pos_limit_; }
  bool is_rwa() const { return is_rwa_; }

  const std::optional<core::Timestamp>& off_time() const { return off_time_; }
  const std::optional<core::Timestamp>& limit_open_time() const { return limit_open_time_; }
  const std::optional<core::Timestamp>& delivery_time() const { return delivery_time_; }
  const std::optional<core::Timestamp>& delivery_start_time() const { return delivery_start_time_; }
  const std::string& delivery_period() const { return delivery_period_; }
  const std::optional<core::Timestamp>& launch_time() const { return launch_time_; }
  const std::optional<core::Timestamp>& maintain_time() const { return maintain_time_; }
  const std::optional<core::Timestamp>& open_time() const { return open_time_; }

  // Status gates: CanOpen is true only for kNormal; CanClose for kNormal and kLimitOpen.
  bool CanOpen() const { return status_ == SymbolStatus::kNormal; }
  bool CanClose() const {
    return status_ == SymbolStatus::kNormal || status_ == SymbolStatus::kLimitOpen;
  }

 private:
  Instrument() = default;

  std::string symbol_;
  std::string base_coin_;
  std::string quote_coin_;
  std::vector<std::string> margin_coins_;
  SymbolType symbol_type_ = SymbolType::kPerpetual;
  SymbolStatus status_ = SymbolStatus::kOff;
  int price_place_ = 0;
  int volume_place_ = 0;
  std::int64_t price_end_step_ = 1;
  core::Decimal tick_size_;
  core::Decimal size_step_;
  core::Decimal min_size_;
  core::Decimal min_notional_;
  std::optional<core::Decimal> max_limit_size_;
  std::optional<core::Decimal> max_market_size_;
  core::Decimal buy_limit_price_ratio_;
  core::Decimal sell_limit_price_ratio_;
  core::Decimal maker_fee_rate_;
  core::Decimal taker_fee_rate_;
  core::Decimal fee_rate_up_ratio_;
  core::Decimal open_cost_up_ratio_;
  int max_symbol_order_num_ = 0;
  int max_product_order_num_ = 0;
  int max_position_num_ = 0;
  int min_leverage_ = 1;
  int max_leverage_ = 1;
  std::optional<int> fund_interval_hours_;
  std::optional<core::Decimal> pos_limit_;
  bool is_rwa_ = false;
  std::optional<core::Timestamp> off_time_;
  std::optional<core::Timestamp> limit_open_time_;
  std::optional<core::Timestamp> delivery_time_;
  std::optional<core::Timestamp> delivery_start_time_;
  std::string delivery_period_;
  std::optional<core::Timestamp> launch_time_;
  std::optional<core::Timestamp> maintain_time_;
  std::optional<core::Timestamp> open_time_;
};

}  // namespace bgt::model
