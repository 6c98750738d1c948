// TrendFollowing: enters on an EMA crossover or a Donchian breakout, protects the position with an
// ATR stop and an ATR trailing stop, and exits on the stop or the opposite signal. Decisions are
// taken on closed candles only.
//
// Parameters (TrendParams; defaults in brackets):
//   signal           kEmaCross or kDonchianBreakout [kEmaCross]
//   fast_period      fast EMA length [20]          slow_period   slow EMA length (> fast) [50]
//   donchian_period  breakout channel, in bars, excluding the signal bar [20]
//   atr_period       ATR length (Wilder) [14]
//   stop_atr         initial stop distance in ATRs from the entry close [2.0]
//   trail_atr        trailing stop distance in ATRs from the best close since entry [3.0]
//   allow_short      also trade the short side [true]
//   symbols          only these symbols; empty = every symbol the runner feeds [empty]
// Rules, per symbol, at the close of each bar once every indicator is ready:
//   long signal   EMA: fast crosses above slow (fast <= slow on the previous bar, > now);
//                 Donchian: close > highest high of the previous donchian_period bars.
//   short signal  the mirror image.
//   flat + signal          -> Entry(side, stop = close -/+ stop_atr × ATR), rounded away from
//                             the price to the tick.
//   in position, stop touched (long: low <= stop; short: high >= stop) -> Exit("stop ...").
//   in position, opposite signal -> Exit("reverse signal"), then Entry on the other side when
//                             allow_short (or when the new side is long).
//   in position otherwise  -> the trailing stop best_close -/+ trail_atr × ATR only ever
//                             tightens; each tightening is a StopUpdate.
// The strategy tracks the trade it asked for: an exit by the exchange-side stop is seen on the
// bar close by the same touch rule (the resulting Exit for a flat position is a no-op).
// Thread-safety: not thread-safe (kernel thread).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/decimal.h"
#include "core/result.h"
#include "strategy/strategy.h"
#include "ta/moving_average.h"
#include "ta/volatility.h"

namespace bgt::strategy {

struct TrendParams {
  enum class Signal : std::uint8_t { kEmaCross, kDonchianBreakout };
  Signal signal = Signal::kEmaCross;
  int fast_period = 20;
  int slow_period = 50;
  int donchian_period = 20;
  int atr_period = 14;
  double stop_atr = 2.0;
  double trail_atr = 3.0;
  bool allow_short = true;
  std::vector<std::string> symbols;

  friend bool operator==(const TrendParams&, const TrendParams&) = default;
};

// OK or kInvalidArgument listing every bad parameter.
core::Status Validate(const TrendParams& params);

class TrendFollowing final : public Strategy {
 public:
  // `params` must pass Validate (BGT_CHECK); use Create for parameters from users.
  explicit TrendFollowing(TrendParams params);
  static core::Result<TrendFollowing> Create(TrendParams params);

  std::string_view name() const override { return "trend_following"; }
  const TrendParams& params() const { return params_; }
  void OnCandleClosed(StrategyContext& ctx, const std::string& symbol,
                      const model::Candle& candle) override;
  // A rejected order (refused by risk, skipped, refused by the venue, or intents discarded
  // during warm-up) while the symbol is flat: the trade this strategy asked for does not exist,
  // so it forgets it and waits for the next signal.
  void OnOrderEvent(StrategyContext& ctx, const OrderEvent& event) override;

 private:
  struct State {
    State(const TrendParams& p);
    ta::Ema fast;
    ta::Ema slow;
    ta::Donchian channel;
    ta::Atr atr;
    std::optional<double> prev_diff;  // fast - slow on the previous bar
    // Open trade (what the strategy asked for; the position itself is the context's).
    std::optional<Side> side;
    core::Decimal stop;
    double best_close = 0.0;
  };
  // +1 long, -1 short, 0 none.
  int SignalOf(State& s, const model::Candle& candle, double close);
  void Enter(StrategyContext& ctx, const std::string& symbol, State& s, Side side, double close,
             const std::string& why);

  TrendParams params_;
  std::map<std::string, State, std::less<>> states_;
};

}  // namespace bgt::strategy
