// FundingAware: funding-aware timing, usable alone or as a filter wrapped around another strategy
// (TrendFollowing, MeanReversion...). As a filter it passes the inner strategy's intents through,
// except an entry that would open against an expensive funding payment shortly before the
// funding time: that one is dropped (and listed in blocked()). Optionally it harvests funding:
// shortly before an expensive settlement it opens on the receiving side with a tight stop and
// closes just after the settlement.
//
// Funding is read from the MarketView (FundingEvent: rate and next funding time). A positive rate
// means longs pay shorts.
//
// Parameters (FundingParams; defaults in brackets):
//   expensive_rate     |rate| >= this counts as expensive [0.0003 = 0.03 % per period]
//   avoid_window       block paying entries when the funding time is within this [30 min]
//   harvest            open on the receiving side before expensive settlements [false]
//   harvest_rate       |rate| >= this to harvest [0.0008]
//   harvest_window     harvest entries only when the funding time is within this [10 min]
//   harvest_stop_pct   harvest stop distance, percent of the price [1.0]
//   exit_after         close the harvest position this long after the funding time [1 min]
//   check_interval     timer period for harvest entries and exits [1 min]
// Blocked: Entry on the paying side (long when rate >= expensive_rate, short when rate <=
// -expensive_rate) and TargetPosition that grows a paying position, while 0 < funding time - now
// <= avoid_window. Exits and stop updates always pass.
// Thread-safety: not thread-safe (kernel thread).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/decimal.h"
#include "core/result.h"
#include "strategy/strategy.h"

namespace bgt::strategy {

struct FundingParams {
  core::Decimal expensive_rate = *core::Decimal::FromParts(3, 4);  // 0.0003
  std::chrono::seconds avoid_window{30 * 60};
  bool harvest = false;
  core::Decimal harvest_rate = *core::Decimal::FromParts(8, 4);  // 0.0008
  std::chrono::seconds harvest_window{10 * 60};
  double harvest_stop_pct = 1.0;
  std::chrono::seconds exit_after{60};
  std::chrono::seconds check_interval{60};

  friend bool operator==(const FundingParams&, const FundingParams&) = default;
};

// OK or kInvalidArgument listing every bad parameter.
core::Status Validate(const FundingParams& params);

class FundingAware final : public Strategy {
 public:
  struct Blocked {
    Intent intent;
    std::string reason;
  };

  // `inner` may be null (funding timing alone: only useful with harvest). `params` must pass
  // Validate (BGT_CHECK); use Create for parameters from users.
  FundingAware(FundingParams params, std::unique_ptr<Strategy> inner);
  static core::Result<std::unique_ptr<FundingAware>> Create(FundingParams params,
                                                            std::unique_ptr<Strategy> inner);

  std::string_view name() const override { return "funding_aware"; }
  const std::vector<Blocked>& blocked() const { return blocked_; }

  void OnCandleClosed(StrategyContext& ctx, const std::string& symbol,
                      const model::Candle& candle) override;
  void OnTicker(StrategyContext& ctx, const model::Ticker& ticker) override;
  void OnBook(StrategyContext& ctx, const TopOfBook& book) override;
  void OnFunding(StrategyContext& ctx, const FundingEvent& funding) override;
  void OnOrderEvent(StrategyContext& ctx, const OrderEvent& event) override;
  void OnPositionChanged(StrategyContext& ctx, const PositionView& position) override;
  void OnTimer(StrategyContext& ctx, core::Timestamp deadline) override;
  std::optional<core::Duration> TimerInterval() const override;

  // Why an entry on `side` in `symbol` would be blocked now; nullopt when it may go.
  std::optional<std::string> EntryVeto(const StrategyContext& ctx, const std::string& symbol,
                                       Side side) const;

 private:
  template <typename F>
  void Forward(StrategyContext& ctx, F&& call);
  void Harvest(StrategyContext& ctx, const std::string& symbol);

  FundingParams params_;
  std::unique_ptr<Strategy> inner_;
  std::vector<Blocked> blocked_;
  std::set<std::string, std::less<>> symbols_;                      // seen in funding events
  std::map<std::string, core::Timestamp, std::less<>> harvesting_;  // symbol -> exit time
};

}  // namespace bgt::strategy
