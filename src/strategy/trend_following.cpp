#include "strategy/trend_following.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "ta/bar.h"

namespace bgt::strategy {
namespace {

bool Finite(double x) { return std::isfinite(x); }

}  // namespace

core::Status Validate(const TrendParams& p) {
  std::string problems;
  const auto bad = [&](std::string_view what) {
    problems += "\n  ";
    problems += what;
  };
  if (!ta::Ema::Validate(p.fast_period).ok()) bad("fast_period: must be >= 1");
  if (!ta::Ema::Validate(p.slow_period).ok()) bad("slow_period: must be >= 1");
  if (p.fast_period >= p.slow_period) bad("fast_period: must be < slow_period");
  if (!ta::Donchian::Validate(p.donchian_period).ok()) bad("donchian_period: must be >= 1");
  if (!ta::Atr::Validate(p.atr_period).ok()) bad("atr_period: must be >= 1");
  if (!Finite(p.stop_atr) || p.stop_atr <= 0) bad("stop_atr: must be finite and > 0");
  if (!Finite(p.trail_atr) || p.trail_atr <= 0) bad("trail_atr: must be finite and > 0");
  if (problems.empty()) return core::Status::Ok();
  return core::MakeError(core::ErrorCode::kInvalidArgument,
                         "invalid trend_following parameters:" + problems);
}

TrendFollowing::State::State(const TrendParams& p)
    : fast(p.fast_period), slow(p.slow_period), channel(p.donchian_period), atr(p.atr_period) {}

TrendFollowing::TrendFollowing(TrendParams params) : params_(std::move(params)) {
  const core::Status ok = Validate(params_);
  BGT_CHECK(ok.ok(), ok.ToString());
}

core::Result<TrendFollowing> TrendFollowing::Create(TrendParams params) {
  BGT_RETURN_IF_ERROR(Validate(params));
  return TrendFollowing(std::move(params));
}

int TrendFollowing::SignalOf(State& s, const model::Candle& candle, double close) {
  const ta::Bar bar = ta::BarFromCandle(candle);
  if (params_.signal == TrendParams::Signal::kEmaCross) {
    s.fast.Update(close);
    s.slow.Update(close);
    if (!s.fast.Ready() || !s.slow.Ready()) return 0;
    const double diff = s.fast.Value() - s.slow.Value();
    const std::optional<double> prev = s.prev_diff;
    s.prev_diff = diff;
    if (!prev) return 0;
    if (*prev <= 0 && diff > 0) return 1;
    if (*prev >= 0 && diff < 0) return -1;
    return 0;
  }
  // Breakout against the channel of the bars before this one.
  const bool ready = s.channel.Ready();
  const ta::Bands before = s.channel.Value();
  s.channel.Update(bar);
  if (!ready) return 0;
  if (close > before.upper) return 1;
  if (close < before.lower) return -1;
  return 0;
}

void TrendFollowing::Enter(StrategyContext& ctx, const std::string& symbol, State& s, Side side,
                           double close, const std::string& why) {
  const double distance = params_.stop_atr * s.atr.Value();
  const bool is_long = side == Side::kLong;
  auto stop = PriceFromDouble(ctx.instrument(symbol), is_long ? close - distance : close + distance,
                              is_long ? core::Rounding::kFloor : core::Rounding::kCeiling);
  if (!stop || !stop->IsPositive()) return;  // no sane stop: no trade
  s.side = side;
  s.stop = *stop;
  s.best_close = close;
  ctx.Submit(Entry{symbol, side, *stop, std::nullopt, why});
}

void TrendFollowing::OnCandleClosed(StrategyContext& ctx, const std::string& symbol,
                                    const model::Candle& candle) {
  if (!params_.symbols.empty() &&
      std::find(params_.symbols.begin(), params_.symbols.end(), symbol) == params_.symbols.end()) {
    return;
  }
  auto it = states_.find(symbol);
  if (it == states_.end()) it = states_.emplace(symbol, State(params_)).first;
  State& s = it->second;
  const double close = candle.close.ToDouble();
  s.atr.Update(ta::BarFromCandle(candle));
  const int signal = SignalOf(s, candle, close);
  if (!s.atr.Ready()) return;

  const std::string why = params_.signal == TrendParams::Signal::kEmaCross
                              ? "ema " + std::to_string(params_.fast_period) + "/" +
                                    std::to_string(params_.slow_period) + " cross"
                              : "donchian " + std::to_string(params_.donchian_period) + " breakout";
  if (s.side) {
    const bool is_long = *s.side == Side::kLong;
    // 1. The stop, touched inside this bar.
    if (is_long ? candle.low <= s.stop : candle.high >= s.stop) {
      ctx.Submit(Exit{symbol, "stop " + s.stop.ToString() + " hit"});
      s.side.reset();
      return;
    }
    // 2. The opposite signal: exit, and reverse when allowed.
    if ((is_long && signal < 0) || (!is_long && signal > 0)) {
      ctx.Submit(Exit{symbol, "reverse signal: " + why});
      s.side.reset();
      const Side other = is_long ? Side::kShort : Side::kLong;
      if (other == Side::kLong || params_.allow_short) {
        Enter(ctx, symbol, s, other, close, why + (is_long ? " down" : " up"));
      }
      return;
    }
    // 3. Trail.
    s.best_close = is_long ? std::max(s.best_close, close) : std::min(s.best_close, close);
    const double distance = params_.trail_atr * s.atr.Value();
    auto trail = PriceFromDouble(ctx.instrument(symbol),
                                 is_long ? s.best_close - distance : s.best_close + distance,
                                 is_long ? core::Rounding::kFloor : core::Rounding::kCeiling);
    if (trail && trail->IsPositive() && (is_long ? *trail > s.stop : *trail < s.stop)) {
      s.stop = *trail;
      ctx.Submit(StopUpdate{symbol, s.stop});
    }
    return;
  }
  if (signal > 0) {
    Enter(ctx, symbol, s, Side::kLong, close, why + " up");
  } else if (signal < 0 && params_.allow_short) {
    Enter(ctx, symbol, s, Side::kShort, close, why + " down");
  }
}

void TrendFollowing::OnOrderEvent(StrategyContext& ctx, const OrderEvent& event) {
  if (event.kind != OrderEvent::Kind::kRejected || ctx.position(event.symbol) != nullptr) return;
  auto it = states_.find(event.symbol);
  if (it != states_.end()) it->second.side.reset();
}

}  // namespace bgt::strategy
