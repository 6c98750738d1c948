#include "risk/risk_config.h"

#include <chrono>
#include <string>
#include <vector>

namespace bgt::risk {
namespace {

core::Decimal Dec(std::int64_t mantissa, int scale) {
  return *core::Decimal::FromParts(mantissa, scale);
}

}  // namespace

RiskConfig RiskConfig::Defaults() {
  RiskConfig c;
  c.risk_fraction = Dec(1, 2);
  c.max_symbol_notional = core::Decimal::FromInt(10'000);
  c.max_total_notional = core::Decimal::FromInt(30'000);
  c.max_leverage = 10;
  c.max_open_positions = 5;
  c.max_orders = 20;
  c.order_window = std::chrono::seconds(10);
  c.min_liquidation_distance = Dec(5, 2);
  c.maintenance_margin_rate = Dec(4, 3);
  c.daily_loss_limit = core::Decimal::FromInt(500);
  c.max_drawdown = Dec(2, 1);
  return c;
}

core::Status RiskConfig::Validate() const {
  std::vector<std::string> problems;
  const core::Decimal one = core::Decimal::FromInt(1);
  auto fraction = [&](const char* name, const core::Decimal& v, const core::Decimal& max,
                      bool max_inclusive) {
    if (!v.IsPositive() || (max_inclusive ? v > max : v >= max)) {
      problems.push_back(std::string(name) + ": must be in (0, " + max.ToString() +
                         (max_inclusive ? "]" : ")") + ", got " + v.ToString());
    }
  };
  fraction("risk_fraction", risk_fraction, Dec(1, 1), true);
  if (!max_symbol_notional.IsPositive()) {
    problems.push_back("max_symbol_notional: must be > 0, got " + max_symbol_notional.ToString());
  }
  if (!max_total_notional.IsPositive()) {
    problems.push_back("max_total_notional: must be > 0, got " + max_total_notional.ToString());
  } else if (max_total_notional < max_symbol_notional) {
    problems.push_back("max_total_notional: must be >= max_symbol_notional");
  }
  if (max_leverage < 1 || max_leverage > 125) {
    problems.push_back("max_leverage: must be 1..125, got " + std::to_string(max_leverage));
  }
  if (max_open_positions < 1) {
    problems.push_back("max_open_positions: must be >= 1, got " +
                       std::to_string(max_open_positions));
  }
  if (max_orders < 1) {
    problems.push_back("max_orders: must be >= 1, got " + std::to_string(max_orders));
  }
  if (order_window.count() <= 0) problems.push_back("order_window: must be > 0");
  fraction("min_liquidation_distance", min_liquidation_distance, one, false);
  if (maintenance_margin_rate.IsNegative() || maintenance_margin_rate >= one) {
    problems.push_back("maintenance_margin_rate: must be in [0, 1), got " +
                       maintenance_margin_rate.ToString());
  }
  if (!daily_loss_limit.IsPositive()) {
    problems.push_back("daily_loss_limit: must be > 0, got " + daily_loss_limit.ToString());
  }
  fraction("max_drawdown", max_drawdown, one, false);
  if (problems.empty()) return core::Status::Ok();
  std::string message = "invalid risk config: ";
  for (std::size_t i = 0; i < problems.size(); ++i) {
    if (i) message += "; ";
    message += problems[i];
  }
  return core::MakeError(core::ErrorCode::kConfig, message);
}

}  // namespace bgt::risk
