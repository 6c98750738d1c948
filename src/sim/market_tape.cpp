#include "sim/market_tape.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/check.h"
#include "sim/market_rng.h"

namespace bgt::sim {
namespace {

constexpr std::int64_t kMaxTradesPerMinute = 200;

// Fills path[t0 + 1 .. t1 - 1] with a discrete Brownian bridge from path[t0] to path[t1],
// clamped to [low, high] and rounded to ticks.
void FillBridge(MarketRng& rng, std::array<std::int64_t, 60>& path, int t0, int t1,
                std::int64_t low, std::int64_t high, double sd) {
  const int steps = t1 - t0;
  if (steps <= 1) return;
  std::array<double, 60> walk{};
  for (int k = 1; k <= steps; ++k) walk[k] = walk[k - 1] + sd * rng.Normal();
  const auto from = static_cast<double>(path[t0]);
  const auto to = static_cast<double>(path[t1]);
  for (int k = 1; k < steps; ++k) {
    const double f = static_cast<double>(k) / steps;
    const double v = from + (to - from) * f + walk[k] - f * walk[steps];
    path[t0 + k] = std::clamp<std::int64_t>(std::llround(v), low, high);
  }
}

}  // namespace

MinuteTape BuildTape(const SymbolSpec& spec, std::int64_t minute, const TickBar& bar,
                     float activity) {
  BGT_CHECK(!bar.empty(), "tape of an empty bar");
  MarketRng rng(StreamKey(spec.seed, spec.symbol_hash, kTagTape, minute));
  MinuteTape tape;
  tape.minute = minute;

  // Latent path: open at second 0, close at second 59, the high and the low each touched at a
  // distinct second in between; Brownian bridges between those points.
  const int high_at = 1 + static_cast<int>(rng.Below(58));
  int low_at = 1 + static_cast<int>(rng.Below(57));
  if (low_at >= high_at) ++low_at;
  tape.path[0] = bar.open;
  tape.path[59] = bar.close;
  tape.path[high_at] = bar.high;
  tape.path[low_at] = bar.low;
  std::array<int, 4> anchors = {0, std::min(high_at, low_at), std::max(high_at, low_at), 59};
  const double sd = static_cast<double>(bar.high - bar.low) / 12.0;
  for (std::size_t i = 0; i + 1 < anchors.size(); ++i) {
    FillBridge(rng, tape.path, anchors[i], anchors[i + 1], bar.low, bar.high, sd);
  }

  // Trades: the four anchors plus random seconds; sizes split the bar's volume exactly.
  const std::int64_t max_by_size = std::max<std::int64_t>(1, bar.base_lots / spec.min_lots);
  const double wanted = spec.preset.trades_per_minute * activity * (0.5 + rng.Uniform());
  const std::int64_t count = std::clamp<std::int64_t>(
      std::min<std::int64_t>(std::llround(wanted), max_by_size), 4, kMaxTradesPerMinute);
  struct Slot {
    int second;
    std::int64_t offset_ns;
    std::size_t order;
  };
  std::vector<Slot> slots;
  slots.reserve(static_cast<std::size_t>(count));
  const std::array<int, 4> forced = {0, high_at, low_at, 59};
  for (std::int64_t k = 0; k < count; ++k) {
    const int second =
        k < 4 ? forced[static_cast<std::size_t>(k)] : static_cast<int>(rng.Below(60));
    const std::int64_t offset_ms = k == 0 ? 0 : static_cast<std::int64_t>(rng.Below(1000));
    slots.push_back({second, offset_ms * 1'000'000, static_cast<std::size_t>(k)});
  }
  std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) {
    if (a.second != b.second) return a.second < b.second;
    if (a.offset_ns != b.offset_ns) return a.offset_ns < b.offset_ns;
    return a.order < b.order;
  });

  std::vector<double> weights(slots.size());
  for (double& w : weights) w = -std::log(rng.Uniform());
  const double total_weight = std::accumulate(weights.begin(), weights.end(), 0.0);
  const std::int64_t spare = bar.base_lots - count * spec.min_lots;
  std::vector<std::int64_t> lots(slots.size(), spec.min_lots);
  std::int64_t assigned = 0;
  for (std::size_t k = 0; k < slots.size(); ++k) {
    const auto extra = static_cast<std::int64_t>(std::floor(
        weights[k] / total_weight * static_cast<double>(std::max<std::int64_t>(0, spare))));
    lots[k] += extra;
    assigned += lots[k];
  }
  // Rounding remainder (or a bar smaller than count * min_lots) lands on the largest trade.
  const auto largest =
      static_cast<std::size_t>(std::max_element(lots.begin(), lots.end()) - lots.begin());
  lots[largest] += bar.base_lots - assigned;
  BGT_CHECK(lots[largest] > 0, "tape volume split left a non-positive trade");

  const bool first_buy = (rng.NextU64() & 1) != 0;
  std::int64_t previous_price = bar.open;
  model::OrderSide side = first_buy ? model::OrderSide::kBuy : model::OrderSide::kSell;
  tape.trades.reserve(slots.size());
  for (std::size_t k = 0; k < slots.size(); ++k) {
    const std::int64_t price = tape.path[static_cast<std::size_t>(slots[k].second)];
    if (price > previous_price) side = model::OrderSide::kBuy;
    if (price < previous_price) side = model::OrderSide::kSell;
    previous_price = price;
    tape.trades.push_back(TapeTrade{
        .offset_ns = slots[k].second * kNsPerSecond + slots[k].offset_ns,
        .price_ticks = price,
        .lots = lots[k],
        .side = side,
    });
  }
  return tape;
}

std::int64_t SpreadTicks(const SymbolSpec& spec, std::int64_t second, float activity) {
  const std::int64_t low = spec.preset.spread_min_ticks;
  const std::int64_t width = spec.preset.spread_max_ticks - low + 1;
  if (width <= 1) return low;
  MarketRng rng(StreamKey(spec.seed, spec.symbol_hash, kTagSpread, second));
  const double u = std::pow(rng.Uniform(), 1.0 / std::max(0.25, static_cast<double>(activity)));
  return low + std::min<std::int64_t>(width - 1,
                                      static_cast<std::int64_t>(u * static_cast<double>(width)));
}

std::vector<TickLevel> BookSide(const SymbolSpec& spec, std::int64_t second, model::BookSide side,
                                std::int64_t best_ticks, double price, std::size_t depth) {
  BGT_CHECK(best_ticks > 0 && price > 0, "book side needs a positive best price");
  const bool bid = side == model::BookSide::kBid;
  MarketRng rng(StreamKey(spec.seed, spec.symbol_hash, bid ? kTagBookBid : kTagBookAsk, second));
  const MarketModelParams& q = spec.params;
  const double lots_per_usdt = 1.0 / (price * spec.step);
  const double gap_log_q =
      spec.gap_extra_ticks > 0 ? std::log(spec.gap_extra_ticks / (1 + spec.gap_extra_ticks)) : 0;
  std::vector<TickLevel> out;
  out.reserve(depth);
  std::int64_t level_price = best_ticks;
  for (std::size_t k = 0; k < depth; ++k) {
    double notional = 0;
    if (k == 0) {
      // Touch: log-uniform between the (scaled) BTC bounds of README §2.5.
      const double span = std::log(q.btc_top_notional_max / q.btc_top_notional_min);
      notional = q.btc_top_notional_min * std::exp(span * rng.Uniform()) * spec.liquidity;
    } else {
      std::int64_t gap = 1;
      if (gap_log_q < 0)
        gap += static_cast<std::int64_t>(std::floor(std::log(rng.Uniform()) / gap_log_q));
      level_price += bid ? -gap : gap;
      if (level_price <= 0) break;
      notional = q.btc_level_notional * spec.liquidity * std::exp(0.5 * rng.Normal() - 0.125) *
                 (1.0 + 0.02 * static_cast<double>(k));
    }
    const std::int64_t lots =
        std::max<std::int64_t>(spec.min_lots, std::llround(notional * lots_per_usdt));
    out.push_back({level_price, lots});
  }
  return out;
}

}  // namespace bgt::sim
