// MarketGenerator: a seeded synthetic USDT-M market for the presets' symbols (default: twenty
// real Bitget contracts) served through MarketSource. Dynamics (parameters and sources in
// market_presets.cpp): fat-tailed 1-minute returns (Student-t), volatility clustering (1-minute
// GARCH(1,1) under a daily GARCH skeleton), correlated moves (one common factor per time scale),
// prices on the tick and sizes on the size step, a book whose spread and depth follow README §2.5,
// a public tape consistent with the 1-minute bars, index = last minus the perp premium plus noise,
// mark = last smoothed over 5 s, funding from Bitget's formula on an Ornstein-Uhlenbeck premium,
// mean-reverting open interest, and history for every Bitget granularity back to the history
// start (generated lazily per UTC day; see market_path.h).
// Determinism: every value is a function of (seed, presets, time) only; the same seed and the
// same AdvanceTo steps give bit-identical output, and two step grids agree wherever they visit
// the same instant (only RecentTrades depends on the grid, by definition).
// Thread-safety: not thread-safe (one owner; lazy caches even behind const methods).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "model/instrument.h"
#include "sim/market_path.h"
#include "sim/market_presets.h"
#include "sim/market_source.h"
#include "sim/market_tape.h"

namespace bgt::sim {

struct MarketGeneratorConfig {
  std::uint64_t seed = 1;
  // Now() after Create. Each preset's start_price is the price at 00:00 UTC of this day.
  core::Timestamp start = core::Timestamp::FromSeconds(1'767'225'600);  // 2026-01-01T00:00Z
  // Days of history before the start day (candles are served from then on). Bitget keeps 1D bars
  // for years; 1500 days covers every granularity's depth.
  int history_days = 1500;
  std::vector<SymbolPreset> presets = DefaultPresets();
  MarketModelParams params;
  // A step longer than this reports only the trades of its final window in RecentTrades.
  core::Duration max_trade_window = std::chrono::hours(1);
};

class MarketGenerator final : public MarketSource {
 public:
  // Error kInvalidArgument for an invalid preset (ValidatePreset or Instrument::FromContractRow),
  // a duplicate symbol, no presets, history_days < 1 or a non-positive trade window.
  static core::Result<std::unique_ptr<MarketGenerator>> Create(MarketGeneratorConfig config);

  std::span<const model::Instrument> instruments() const override { return instruments_; }
  core::Timestamp Now() const override { return now_; }
  core::Status AdvanceTo(core::Timestamp t) override;
  const model::Ticker& ticker(std::size_t i) const override;
  model::OrderBookSnapshot Book(std::size_t i, std::size_t depth) const override;
  std::span<const MarketTrade> RecentTrades(std::size_t i) const override;
  FundingInfo Funding(std::size_t i) const override;
  core::Result<std::vector<model::Candle>> Candles(std::size_t i, model::Granularity g,
                                                   core::Timestamp from, core::Timestamp to,
                                                   std::size_t limit) const override;

  // The first instant with history.
  core::Timestamp history_start() const { return history_start_; }

 private:
  // A rolling 24 h window of complete minute bars with O(1) amortised extremes.
  struct Window {
    std::int64_t next_minute = 0;  // the first minute not yet pushed
    std::deque<std::pair<std::int64_t, TickBar>> bars;
    std::deque<std::pair<std::int64_t, std::int64_t>> highs;  // decreasing
    std::deque<std::pair<std::int64_t, std::int64_t>> lows;   // increasing
    std::int64_t base_lots = 0;
    std::int64_t quote_e4 = 0;
  };
  struct Live {
    std::unique_ptr<SymbolPath> path;
    MinuteTape tape;              // the tape of the minute containing Now()
    std::size_t next_trade = 0;   // first tape trade after Now()
    TickBar partial;              // the current minute up to Now()
    std::int64_t last_ticks = 0;  // price of the last trade at or before Now()
    model::OrderSide last_side = model::OrderSide::kBuy;
    std::int64_t best_bid = 0;  // ticks, at Now()
    std::int64_t best_ask = 0;
    Window window;
    std::vector<MarketTrade> recent;
    model::Ticker ticker;
  };

  MarketGenerator() = default;
  Live& Mutable(std::size_t i) const;  // checks i
  void Step(Live& live, const model::Instrument& instrument, core::Timestamp t,
            core::Timestamp record_after);
  static void LoadTape(Live& live, std::int64_t minute);
  static void Consume(Live& live, const model::Instrument& instrument, std::int64_t until_ns,
                      std::int64_t record_after_ns);
  static void Slide(Live& live, std::int64_t minute);
  void RefreshTicker(Live& live, const model::Instrument& instrument, core::Timestamp t) const;
  core::Decimal FundingRate(Live& live, std::int64_t first_minute, std::int64_t end_minute) const;
  // Merge of the bar [open, end): complete minutes from history plus, when the bar contains
  // Now(), the current minute up to Now().
  TickBar Aggregate(Live& live, core::Timestamp open, core::Timestamp end) const;

  core::Timestamp now_;
  core::Timestamp history_start_;
  core::Duration max_trade_window_{};
  std::vector<model::Instrument> instruments_;
  mutable std::vector<Live> live_;
};

}  // namespace bgt::sim
