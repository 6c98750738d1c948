// Statistical sanity of long seeded runs of MarketGenerator. Tolerances are wide enough for the
// fixed seeds to pass on any toolchain with the same libm; the values printed by SCOPED_TRACE on a
// failure show how far off a change moved them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "sim/market_generator.h"
#include "sim/market_source.h"

namespace bgt::sim {
namespace {

using core::Timestamp;
using model::Granularity;
using std::chrono::hours;
using std::chrono::minutes;

const Timestamp kStart = Timestamp::FromSeconds(1'767'225'600);  // 2026-01-01T00:00Z

std::unique_ptr<MarketGenerator> Make(std::uint64_t seed, const std::vector<std::string>& symbols,
                                      int history_days) {
  MarketGeneratorConfig config;
  config.seed = seed;
  config.start = kStart;
  config.history_days = history_days;
  config.presets.clear();
  for (const std::string& s : symbols) config.presets.push_back(*FindPreset(s));
  return std::move(MarketGenerator::Create(std::move(config))).value();
}

std::vector<double> LogReturns(const std::vector<model::Candle>& bars) {
  std::vector<double> out;
  for (std::size_t k = 1; k < bars.size(); ++k) {
    out.push_back(std::log(bars[k].close.ToDouble() / bars[k - 1].close.ToDouble()));
  }
  return out;
}
double Mean(const std::vector<double>& x) {
  return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}
double Moment(const std::vector<double>& x, int k) {
  const double m = Mean(x);
  double s = 0;
  for (double v : x) s += std::pow(v - m, k);
  return s / static_cast<double>(x.size());
}
double Sd(const std::vector<double>& x) { return std::sqrt(Moment(x, 2)); }
double Kurtosis(const std::vector<double>& x) { return Moment(x, 4) / std::pow(Moment(x, 2), 2); }
double Corr(const std::vector<double>& a, const std::vector<double>& b) {
  const double ma = Mean(a);
  const double mb = Mean(b);
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    sab += (a[k] - ma) * (b[k] - mb);
    saa += (a[k] - ma) * (a[k] - ma);
    sbb += (b[k] - mb) * (b[k] - mb);
  }
  return sab / std::sqrt(saa * sbb);
}
double AutoCorr(const std::vector<double>& x, std::size_t lag) {
  return Corr(std::vector<double>(x.begin(), x.end() - static_cast<long>(lag)),
              std::vector<double>(x.begin() + static_cast<long>(lag), x.end()));
}
std::vector<double> Abs(std::vector<double> x) {
  for (double& v : x) v = std::abs(v);
  return x;
}

// 30 days of 1-minute bars: fat tails, volatility clustering, near-zero linear autocorrelation,
// correlation with BTC near the presets (README §2.3, §2.4, §2.8-2.9).
TEST(MarketGeneratorStatsTest, MinuteReturnsAreFatTailedClusteredAndCorrelated) {
  const std::vector<std::string> symbols = {"BTCUSDT", "ETHUSDT", "SOLUSDT", "WIFUSDT"};
  const double corr_to_btc[] = {1.0, 0.80, 0.70, 0.50};
  auto gen = Make(2026, symbols, 31);
  std::vector<std::vector<double>> returns;
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    const auto bars = gen->Candles(i, Granularity::k1m, kStart - hours(24 * 30), kStart, 50'000);
    returns.push_back(LogReturns(*bars));
    const std::vector<double>& r = returns.back();
    ASSERT_EQ(r.size(), 43'200u);
    const double expected_sd = FindPreset(symbols[i])->annual_vol / std::sqrt(525'600.0);
    SCOPED_TRACE(symbols[i] + " sd " + std::to_string(Sd(r)) + " kurtosis " +
                 std::to_string(Kurtosis(r)) + " acf|r| " + std::to_string(AutoCorr(Abs(r), 1)) +
                 " acf r " + std::to_string(AutoCorr(r, 1)) + " corr " +
                 std::to_string(Corr(returns[0], r)));
    EXPECT_GT(Kurtosis(r), 5.0);
    EXPECT_GT(AutoCorr(Abs(r), 1), 0.1);
    EXPECT_GT(AutoCorr(Abs(r), 30), 0.02);
    EXPECT_LT(std::abs(AutoCorr(r, 1)), 0.05);
    EXPECT_GT(Sd(r), 0.5 * expected_sd);
    EXPECT_LT(Sd(r), 1.6 * expected_sd);
    EXPECT_NEAR(Corr(returns[0], r), corr_to_btc[i], 0.1);
  }
}

// Two years of daily bars: volatility near the preset, fat tails, clustering, daily correlation
// near README §2.8's 0.91 for BTC-ETH.
TEST(MarketGeneratorStatsTest, DailyReturnsMatchThePresetVolatility) {
  const std::vector<std::string> symbols = {"BTCUSDT", "ETHUSDT", "DOGEUSDT"};
  auto gen = Make(5, symbols, 730);
  std::vector<std::vector<double>> returns;
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    const auto bars = gen->Candles(i, Granularity::k1Dutc, kStart - hours(24 * 730), kStart, 1000);
    returns.push_back(LogReturns(*bars));
    const std::vector<double>& r = returns.back();
    const double vol = Sd(r) * std::sqrt(365.0);
    const double preset = FindPreset(symbols[i])->annual_vol;
    SCOPED_TRACE(symbols[i] + " vol " + std::to_string(vol) + " kurtosis " +
                 std::to_string(Kurtosis(r)) + " acf|r| " + std::to_string(AutoCorr(Abs(r), 1)));
    EXPECT_GT(vol, 0.7 * preset);
    EXPECT_LT(vol, 1.35 * preset);
    EXPECT_GT(Kurtosis(r), 4.0);  // README §2.3: daily excess kurtosis 2.5-3.1
    EXPECT_GT(AutoCorr(Abs(r), 1), 0.1);
  }
  EXPECT_NEAR(Corr(returns[0], returns[1]), 0.91, 0.06);
  EXPECT_NEAR(Corr(returns[0], returns[2]), 0.77, 0.1);
}

// 40 days of live funding: always inside the caps, usually exactly the baseline, persistent from
// one settlement to the next and mean-reverting over days (README §2.7).
TEST(MarketGeneratorStatsTest, FundingStaysWithinCapsAndMeanReverts) {
  MarketGeneratorConfig config;
  config.seed = 99;
  config.start = kStart;
  config.history_days = 2;
  config.max_trade_window = minutes(1);
  config.presets = {*FindPreset("BTCUSDT"), *FindPreset("WIFUSDT")};
  auto gen = std::move(MarketGenerator::Create(std::move(config))).value();
  std::vector<std::vector<double>> settled(2);
  std::vector<double> baseline = {0.0001, 0.00005};
  std::vector<Timestamp> last_settlement(2);
  while (gen->Now() < kStart + hours(24 * 40)) {
    ASSERT_TRUE(gen->AdvanceTo(gen->Now() + minutes(30)).ok());
    for (std::size_t i = 0; i < 2; ++i) {
      const FundingInfo f = gen->Funding(i);
      ASSERT_GE(f.rate, f.min_rate);
      ASSERT_LE(f.rate, f.max_rate);
      if (f.last_funding_time.has_value() && *f.last_funding_time != last_settlement[i]) {
        last_settlement[i] = *f.last_funding_time;
        settled[i].push_back(f.last_rate.ToDouble());
      }
    }
  }
  for (std::size_t i = 0; i < 2; ++i) {
    const std::vector<double>& x = settled[i];
    const auto at_baseline = static_cast<double>(std::count_if(
        x.begin(), x.end(), [&](double v) { return std::abs(v - baseline[i]) < 1e-12; }));
    const double share = at_baseline / static_cast<double>(x.size());
    const std::size_t three_days = i == 0 ? 9 : 18;
    SCOPED_TRACE("symbol " + std::to_string(i) + " n " + std::to_string(x.size()) + " share " +
                 std::to_string(share) + " mean " + std::to_string(Mean(x)) + " acf1 " +
                 std::to_string(AutoCorr(x, 1)) + " acf3d " +
                 std::to_string(AutoCorr(x, three_days)));
    EXPECT_GT(share, 0.3);
    EXPECT_LT(share, 0.97);
    EXPECT_GT(Mean(x), -3 * baseline[i]);  // below baseline on average (README §2.7)
    EXPECT_LT(Mean(x), 1.5 * baseline[i]);
    EXPECT_GT(AutoCorr(x, 1), 0.15);
    EXPECT_LT(AutoCorr(x, three_days), AutoCorr(x, 1) - 0.1);
  }
}

// Long-run volume and open interest near the presets' figures (README §2.6).
TEST(MarketGeneratorStatsTest, VolumeAndOpenInterestNearThePresets) {
  const std::vector<std::string> symbols = {"BTCUSDT", "SOLUSDT", "TAIKOUSDT"};
  auto gen = Make(5, symbols, 120);
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    const SymbolPreset preset = *FindPreset(symbols[i]);
    const auto days = gen->Candles(i, Granularity::k1Dutc, kStart - hours(24 * 120), kStart, 200);
    double quote = 0;
    for (const model::Candle& c : *days) quote += c.quote_volume.ToDouble();
    const double ratio = quote / static_cast<double>(days->size()) / preset.quote_volume_24h;
    const double oi = gen->ticker(i).open_interest.ToDouble() * preset.start_price;
    SCOPED_TRACE(symbols[i] + " volume ratio " + std::to_string(ratio) + " oi ratio " +
                 std::to_string(oi / preset.open_interest_usdt));
    EXPECT_GT(ratio, 0.6);
    EXPECT_LT(ratio, 1.6);
    EXPECT_GT(oi, preset.open_interest_usdt / 3);
    EXPECT_LT(oi, preset.open_interest_usdt * 3);
  }
}

}  // namespace
}  // namespace bgt::sim
