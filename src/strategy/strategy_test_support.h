// Test support for strategies: a harness that feeds 1H candles built from closes through a
// StrategyRunner on a TestClock and "fills" every intent at once (Entry -> ±1 base coin,
// Exit -> flat, TargetPosition -> its value), logging each intent with the bar index it came on.
// Thread-safety: single-threaded tests only.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/decimal.h"
#include "model/contract_rows_testdata.h"
#include "strategy/runner.h"
#include "strategy/strategy.h"

namespace bgt::strategy::testing {

inline const core::Timestamp kStart = core::Timestamp::FromSeconds(1'760'000'400);

inline core::Decimal D(std::string_view text) { return *core::Decimal::Parse(text); }

inline core::Decimal FromD(double v) { return *core::Decimal::FromDouble(v, 8); }

struct Logged {
  int bar = -1;  // index of the bar whose close produced it (-1: not on a bar)
  Intent intent;
};

class Harness {
 public:
  explicit Harness(Strategy& strategy, std::string symbol = "BTCUSDT")
      : symbol_(std::move(symbol)),
        clock_(kStart),
        runner_(strategy, "test", clock_, market_, positions_) {
    market_.SetInstrument(model::testdata::MustBuild(model::testdata::BtcUsdtRow()));  // tick 0.1
  }

  // One bar per close: open = previous close, high/low = max/min(open, close) ± half_range.
  void FeedCloses(const std::vector<double>& closes, double half_range) {
    for (double close : closes) {
      const double open = has_prev_ ? prev_close_ : close;
      model::Candle c;
      c.open_time = kStart + std::chrono::hours(bar_);
      c.open = FromD(open);
      c.close = FromD(close);
      c.high = FromD(std::max(open, close) + half_range);
      c.low = FromD(std::min(open, close) - half_range);
      c.base_volume = core::Decimal::FromInt(1);
      c.quote_volume = core::Decimal::FromInt(100);
      c.granularity = model::Granularity::k1H;
      ASSERT_TRUE(clock_.AdvanceTo(c.open_time + std::chrono::hours(1)).ok());
      ASSERT_TRUE(runner_.OnCandleClosed(symbol_, c).ok());
      Collect(bar_);
      prev_close_ = close;
      has_prev_ = true;
      ++bar_;
    }
  }

  // Runs the intents out and applies them to the position book.
  void Collect(int bar) {
    for (Intent& intent : runner_.TakeIntents()) {
      const std::string symbol = SymbolOf(intent.body);
      if (const auto* e = std::get_if<Entry>(&intent.body)) {
        Fill(symbol, e->side == Side::kLong ? "1" : "-1");
      } else if (std::get_if<Exit>(&intent.body) != nullptr) {
        Fill(symbol, "0");
      } else if (const auto* t = std::get_if<TargetPosition>(&intent.body)) {
        Fill(symbol, t->value.ToString());
      }
      log_.push_back({bar, std::move(intent)});
    }
  }

  void Fill(const std::string& symbol, std::string_view quantity) {
    runner_.OnPositionChanged(PositionView{symbol, D(quantity), D("100"), clock_.Now()});
  }

  core::TestClock& clock() { return clock_; }
  MarketView& market() { return market_; }
  StrategyRunner& runner() { return runner_; }
  const std::vector<Logged>& log() const { return log_; }
  const std::string& symbol() const { return symbol_; }

 private:
  std::string symbol_;
  core::TestClock clock_;
  MarketView market_;
  PositionBook positions_;
  StrategyRunner runner_;
  std::vector<Logged> log_;
  int bar_ = 0;
  double prev_close_ = 0;
  bool has_prev_ = false;
};

// "6 entry long 98.0", "9 stop_update 98.1", "10 exit" — one line per logged intent.
inline std::vector<std::string> Describe(const std::vector<Logged>& log) {
  std::vector<std::string> out;
  for (const Logged& l : log) {
    std::string s = std::to_string(l.bar) + " " + std::string(KindOf(l.intent.body));
    if (const auto* e = std::get_if<Entry>(&l.intent.body)) {
      s += " " + std::string(ToString(e->side)) + " " + e->stop.Normalized().ToString();
    } else if (const auto* u = std::get_if<StopUpdate>(&l.intent.body)) {
      s += " " + u->stop.Normalized().ToString();
    } else if (const auto* t = std::get_if<TargetPosition>(&l.intent.body)) {
      s += " " + t->value.Normalized().ToString();
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace bgt::strategy::testing
