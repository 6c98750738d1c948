// Cross-checks the indicators against npm technicalindicators 3.1.0 (pinned; run through node by
// tests/oracles/technicalindicators.js), mainly for what Tulip cannot confirm: SMA-seeded EMA
// and MACD from their first bar, the cumulative (session) VWAP and Keltner channels. A missing
// node or package is a failure, not a skip: scripts/install-deps installs both.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "ta/ta.h"
#include "ta/test_series.h"

namespace bgt::ta {
namespace {

using Oracle = std::map<std::string, std::vector<double>>;

struct OracleRun {
  std::string failure;
  Oracle values;
};

OracleRun RunOracle(const std::vector<Bar>& bars, const std::string& tag) {
  OracleRun run;
  const char* source_dir = std::getenv("BGT_SOURCE_DIR");
  if (source_dir == nullptr) {
    run.failure = "BGT_SOURCE_DIR is not set (CTest sets it; by hand: BGT_SOURCE_DIR=<repo root>)";
    return run;
  }
  const std::filesystem::path input =
      std::filesystem::path(::testing::TempDir()) /
      ("bgt_ta_oracle_" + tag + "_" + std::to_string(getpid()) + ".txt");
  {
    std::ofstream out(input);
    out.precision(17);
    for (const Bar& b : bars)
      out << b.high << ' ' << b.low << ' ' << b.close << ' ' << b.volume << '\n';
  }
  const std::filesystem::path script =
      std::filesystem::path(source_dir) / "tests/oracles/technicalindicators.js";
  const std::string command = "command -v node >/dev/null 2>&1 || exit 127; exec node '" +
                              script.string() + "' '" + input.string() + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    run.failure = "popen failed for: " + command;
    return run;
  }
  std::string output;
  char buffer[4096];
  size_t got = 0;
  while ((got = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, got);
  const int status = pclose(pipe);
  std::filesystem::remove(input);
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == 127) {
    run.failure = "node is not installed (run scripts/install-deps)";
    return run;
  }
  if (code != 0) {
    run.failure = "technicalindicators.js exited with " + std::to_string(code) +
                  " (see stderr; run scripts/install-deps)";
    return run;
  }
  std::istringstream lines(output);
  std::string name;
  long index = 0;
  std::string value;
  while (lines >> name >> index >> value) {
    auto& column = run.values[name];
    if (column.empty()) column.assign(bars.size(), kNaN);
    if (index < 0 || index >= static_cast<long>(bars.size())) {
      run.failure = "oracle index out of range: " + name + " " + std::to_string(index);
      return run;
    }
    column[index] = std::strtod(value.c_str(), nullptr);
  }
  if (run.values.size() < 10) run.failure = "oracle printed too few series:\n" + output;
  return run;
}

int FirstFinite(const std::vector<double>& v) {
  for (size_t i = 0; i < v.size(); ++i) {
    if (std::isfinite(v[i])) return static_cast<int>(i);
  }
  return -1;
}

// The oracle's first value is at `their_first`, ours at `our_first`; from `compare_from` on both
// must agree to 1e-9 relative (relative to at least `floor`).
void ExpectMatches(const std::string& what, const Oracle& oracle, const std::string& name,
                   const std::vector<double>& ours, int their_first, int our_first,
                   int compare_from, double floor = 0.0) {
  const auto it = oracle.find(name);
  ASSERT_NE(it, oracle.end()) << "oracle has no " << name;
  const std::vector<double>& theirs = it->second;
  EXPECT_EQ(FirstFinite(theirs), their_first) << what << " " << name;
  EXPECT_EQ(FirstFinite(ours), our_first) << what << " " << name;
  int checked = 0;
  for (size_t i = compare_from; i < ours.size(); ++i) {
    const double tol = 1e-9 * std::max(std::fabs(theirs[i]), floor);
    ASSERT_NEAR(ours[i], theirs[i], tol) << what << " " << name << " at bar " << i;
    ++checked;
  }
  EXPECT_GT(checked, static_cast<int>(ours.size()) / 2) << what << " " << name;
}

template <typename T, typename F>
std::vector<double> Field(const std::vector<T>& values, F f) {
  std::vector<double> out;
  for (const T& v : values) out.push_back(f(v));
  return out;
}

int Decay(double alpha) {
  return static_cast<int>(std::ceil(std::log(1e-13) / std::log1p(-alpha)));
}

class TechnicalIndicatorsOracleTest : public ::testing::TestWithParam<int> {};

TEST_P(TechnicalIndicatorsOracleTest, MatchesOnSeries) {
  std::vector<Bar> bars;
  std::string tag;
  switch (GetParam()) {
    case 0:
      bars = testing::RandomWalk(1500, 99);
      tag = "random_walk";
      break;
    case 1:
      bars = testing::Gaps(1500, 98);
      tag = "gaps";
      break;
    default:
      bars = testing::RandomWalk(1500, 97, 1e9, 0.02);
      tag = "huge";
      break;
  }
  const OracleRun run = RunOracle(bars, tag);
  ASSERT_TRUE(run.failure.empty()) << run.failure;
  const Oracle& o = run.values;
  const std::vector<double> close = testing::Closes(bars);
  const double level = std::fabs(close[close.size() / 2]);

  ExpectMatches(tag, o, "sma10", SmaSeries(close, 10), 9, 9, 9);
  ExpectMatches(tag, o, "ema10", EmaSeries(close, 10), 9, 9, 9);
  ExpectMatches(tag, o, "wma10", WmaSeries(close, 10), 9, 9, 9);
  const auto macd = MacdSeries(close, 5, 13, 4);
  ExpectMatches(tag, o, "macd_line", Field(macd, [](auto v) { return v.line; }), 12, 12, 12,
                level * 1e-2);
  ExpectMatches(tag, o, "macd_signal", Field(macd, [](auto v) { return v.signal; }), 15, 15, 15,
                level * 1e-2);
  ExpectMatches(tag, o, "bb_upper",
                Field(BollingerSeries(close, 20, 2), [](auto v) { return v.upper; }), 19, 19, 19);
  // technicalindicators' ATR skips the first bar (no previous close): it seeds one bar later
  // from true ranges 1..14 where ours (and Tulip's) uses 0..13 with TR0 = high - low.
  ExpectMatches(tag, o, "atr14", AtrSeries(bars, 14), 14, 13, 14 + Decay(1.0 / 14), level * 1e-3);
  // ROC in percent there, a fraction here.
  std::vector<double> roc = RocSeries(close, 9);
  for (double& r : roc) r *= 100.0;
  ExpectMatches(tag, o, "roc9", roc, 9, 9, 9, 1e-1);
  // OBV: theirs starts at the second bar, ours reports 0 on the first.
  ExpectMatches(tag, o, "obv", ObvSeries(bars), 1, 0, 1, 1000.0);
  ExpectMatches(tag, o, "vwap", SessionVwapSeries(bars, {}), 0, 0, 0);
  ExpectMatches(tag, o, "keltner_upper",
                Field(KeltnerSeries(bars, 20, 10, 2.0), [](auto v) { return v.upper; }), 19, 19,
                19 + Decay(0.1));
  // Their %K is the fast one (our k_slow = 1) and is reported before %D is ready.
  const auto st = StochasticSeries(bars, 14, 1, 3);
  ExpectMatches(tag, o, "stoch_k", Field(st, [](auto v) { return v.k; }), 13, 15, 15, 1.0);
  ExpectMatches(tag, o, "stoch_d", Field(st, [](auto v) { return v.d; }), 15, 15, 15, 1.0);
  ExpectMatches(tag, o, "cci20", CciSeries(bars, 20), 19, 19, 19, 1.0);
}

INSTANTIATE_TEST_SUITE_P(Series, TechnicalIndicatorsOracleTest, ::testing::Values(0, 1, 2));

}  // namespace
}  // namespace bgt::ta
