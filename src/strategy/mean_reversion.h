// MeanReversion: fades stretched moves. Enters when the close is outside the Bollinger band and
// RSI confirms the extreme, exits when the z-score of the close is back near the mean, on an ATR
// stop, or after a maximum holding time; a volatility filter skips entries when ATR % is outside
// a band (too quiet to pay the costs, or trending violently). Decisions on closed candles only.
//
// Parameters (MeanReversionParams; defaults in brackets):
//   rsi_period        RSI length (Wilder) [14]
//   rsi_oversold      long entries need RSI < this [30]
//   rsi_overbought    short entries need RSI > this [70]
//   band_period       Bollinger length, also the z-score window [20]
//   band_k            Bollinger width in population standard deviations [2.0]
//   exit_z            exit a long when z >= -exit_z, a short when z <= exit_z [0.0: the mean]
//   atr_period        ATR length [14]
//   stop_atr          stop distance in ATRs from the entry close [2.5]
//   min_atr_pct, max_atr_pct  entries only while ATR % of the close is within [0.2, 5.0]
//   max_hold_bars     exit after this many bars in the trade; 0 = no limit [48]
//   allow_short       also trade the short side [true]
//   symbols           only these symbols; empty = every symbol fed [empty]
// Rules, per symbol, at each bar close once every indicator is ready:
//   flat, close < lower band and RSI < rsi_oversold, ATR % in band   -> Entry(long, stop)
//   flat, close > upper band and RSI > rsi_overbought, ATR % in band -> Entry(short, stop)
//   in a trade: stop touched (long: low <= stop)                     -> Exit("stop ...")
//               z back (long: z >= -exit_z; short: z <= exit_z)      -> Exit("z ... back")
//               held max_hold_bars bars                              -> Exit("time stop")
// Thread-safety: not thread-safe (kernel thread).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/decimal.h"
#include "core/result.h"
#include "strategy/strategy.h"
#include "ta/oscillators.h"
#include "ta/volatility.h"

namespace bgt::strategy {

struct MeanReversionParams {
  int rsi_period = 14;
  double rsi_oversold = 30.0;
  double rsi_overbought = 70.0;
  int band_period = 20;
  double band_k = 2.0;
  double exit_z = 0.0;
  int atr_period = 14;
  double stop_atr = 2.5;
  double min_atr_pct = 0.2;
  double max_atr_pct = 5.0;
  int max_hold_bars = 48;
  bool allow_short = true;
  std::vector<std::string> symbols;

  friend bool operator==(const MeanReversionParams&, const MeanReversionParams&) = default;
};

// OK or kInvalidArgument listing every bad parameter.
core::Status Validate(const MeanReversionParams& params);

class MeanReversion final : public Strategy {
 public:
  // `params` must pass Validate (BGT_CHECK); use Create for parameters from users.
  explicit MeanReversion(MeanReversionParams params);
  static core::Result<MeanReversion> Create(MeanReversionParams params);

  std::string_view name() const override { return "mean_reversion"; }
  const MeanReversionParams& params() const { return params_; }
  void OnCandleClosed(StrategyContext& ctx, const std::string& symbol,
                      const model::Candle& candle) override;
  // A rejected order (refused by risk, skipped, refused by the venue, or intents discarded
  // during warm-up) while the symbol is flat: the trade this strategy asked for does not exist,
  // so it forgets it and waits for the next signal.
  void OnOrderEvent(StrategyContext& ctx, const OrderEvent& event) override;

 private:
  struct State {
    explicit State(const MeanReversionParams& p);
    ta::Rsi rsi;
    ta::Bollinger bands;
    ta::ZScore z;
    ta::Atr atr;
    std::optional<Side> side;
    core::Decimal stop;
    int bars_held = 0;
  };

  MeanReversionParams params_;
  std::map<std::string, State, std::less<>> states_;
};

}  // namespace bgt::strategy
