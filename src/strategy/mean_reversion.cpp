#include "strategy/mean_reversion.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "ta/bar.h"

namespace bgt::strategy {
namespace {

bool Finite(double x) { return std::isfinite(x); }

std::string Fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.4g", v);
  return buf;
}

}  // namespace

core::Status Validate(const MeanReversionParams& p) {
  std::string problems;
  const auto bad = [&](std::string_view what) {
    problems += "\n  ";
    problems += what;
  };
  if (!ta::Rsi::Validate(p.rsi_period).ok()) bad("rsi_period: must be >= 1");
  if (!Finite(p.rsi_oversold) || !Finite(p.rsi_overbought) || p.rsi_oversold < 0 ||
      p.rsi_overbought > 100 || p.rsi_oversold >= p.rsi_overbought) {
    bad("rsi_oversold, rsi_overbought: need 0 <= oversold < overbought <= 100");
  }
  if (!ta::Bollinger::Validate(p.band_period, p.band_k).ok() || p.band_k <= 0) {
    bad("band_period, band_k: need period >= 1 and 0 < k <= 100");
  }
  if (!Finite(p.exit_z) || p.exit_z < -p.band_k || p.exit_z > p.band_k) {
    bad("exit_z: must be finite and within [-band_k, band_k]");
  }
  if (!ta::Atr::Validate(p.atr_period).ok()) bad("atr_period: must be >= 1");
  if (!Finite(p.stop_atr) || p.stop_atr <= 0) bad("stop_atr: must be finite and > 0");
  if (!Finite(p.min_atr_pct) || !Finite(p.max_atr_pct) || p.min_atr_pct < 0 ||
      p.min_atr_pct > p.max_atr_pct) {
    bad("min_atr_pct, max_atr_pct: need 0 <= min <= max, finite");
  }
  if (p.max_hold_bars < 0) bad("max_hold_bars: must be >= 0");
  if (problems.empty()) return core::Status::Ok();
  return core::MakeError(core::ErrorCode::kInvalidArgument,
                         "invalid mean_reversion parameters:" + problems);
}

MeanReversion::State::State(const MeanReversionParams& p)
    : rsi(p.rsi_period), bands(p.band_period, p.band_k), z(p.band_period), atr(p.atr_period) {}

MeanReversion::MeanReversion(MeanReversionParams params) : params_(std::move(params)) {
  const core::Status ok = Validate(params_);
  BGT_CHECK(ok.ok(), ok.ToString());
}

core::Result<MeanReversion> MeanReversion::Create(MeanReversionParams params) {
  BGT_RETURN_IF_ERROR(Validate(params));
  return MeanReversion(std::move(params));
}

void MeanReversion::OnCandleClosed(StrategyContext& ctx, const std::string& symbol,
                                   const model::Candle& candle) {
  if (!params_.symbols.empty() &&
      std::find(params_.symbols.begin(), params_.symbols.end(), symbol) == params_.symbols.end()) {
    return;
  }
  auto it = states_.find(symbol);
  if (it == states_.end()) it = states_.emplace(symbol, State(params_)).first;
  State& s = it->second;
  const double close = candle.close.ToDouble();
  s.rsi.Update(close);
  const ta::Bands band = s.bands.Update(close);
  const double z = s.z.Update(close);
  s.atr.Update(ta::BarFromCandle(candle));
  if (!s.rsi.Ready() || !s.bands.Ready() || !s.z.Ready() || !s.atr.Ready()) return;

  if (s.side) {
    const bool is_long = *s.side == Side::kLong;
    ++s.bars_held;
    std::optional<std::string> why;
    if (is_long ? candle.low <= s.stop : candle.high >= s.stop) {
      why = "stop " + s.stop.ToString() + " hit";
    } else if (is_long ? z >= -params_.exit_z : z <= params_.exit_z) {
      why = "z " + Fmt(z) + " back to the mean";
    } else if (params_.max_hold_bars > 0 && s.bars_held >= params_.max_hold_bars) {
      why = "time stop after " + std::to_string(s.bars_held) + " bars";
    }
    if (why) {
      ctx.Submit(Exit{symbol, *why});
      s.side.reset();
    }
    return;
  }
  const double atr_pct = s.atr.Value() / close * 100.0;
  if (!Finite(atr_pct) || atr_pct < params_.min_atr_pct || atr_pct > params_.max_atr_pct) return;
  const double rsi = s.rsi.Value();
  std::optional<Side> side;
  if (close < band.lower && rsi < params_.rsi_oversold) {
    side = Side::kLong;
  } else if (params_.allow_short && close > band.upper && rsi > params_.rsi_overbought) {
    side = Side::kShort;
  }
  if (!side) return;
  const bool is_long = *side == Side::kLong;
  const double distance = params_.stop_atr * s.atr.Value();
  auto stop = PriceFromDouble(ctx.instrument(symbol), is_long ? close - distance : close + distance,
                              is_long ? core::Rounding::kFloor : core::Rounding::kCeiling);
  if (!stop || !stop->IsPositive()) return;
  s.side = side;
  s.stop = *stop;
  s.bars_held = 0;
  ctx.Submit(
      Entry{symbol, *side, *stop, std::nullopt,
            std::string(is_long ? "below lower band, rsi " : "above upper band, rsi ") + Fmt(rsi)});
}

void MeanReversion::OnOrderEvent(StrategyContext& ctx, const OrderEvent& event) {
  if (event.kind != OrderEvent::Kind::kRejected || ctx.position(event.symbol) != nullptr) return;
  auto it = states_.find(event.symbol);
  if (it != states_.end()) it->second.side.reset();
}

}  // namespace bgt::strategy
