// The [strategy] section of the config file (strategy_config.h): [strategy.trend],
// [strategy.mean_reversion] and [strategy.funding], each checked with its strategy's own rules.
#include <chrono>
#include <set>
#include <string>
#include <utility>

#include "config/load_sections.h"
#include "config/load_values.h"

namespace bgt::config::internal {
namespace {

using Field = SectionReader::Field;
using Reader = SectionReader::Reader;
using KeySet = std::set<std::string, std::less<>>;

constexpr std::string_view kSymbolsHere =
    "is not set per strategy: bgt run assigns the traded symbols (run.symbols, or pair selection "
    "by [universe]) to the enabled strategies";

KeySet KeysOf(const toml::table& table) {
  KeySet keys;
  for (auto&& [key, node] : table) keys.emplace(key.str());
  return keys;
}

class StrategyReader {
 public:
  StrategyReader(SectionReader& r, StrategyConfig* out) : r_(r), s_(*out) {}

  void Read(const toml::table& table, const std::string& path) {
    const Field fields[] = {
        {"trend", [this](const toml::node& n, const std::string& p) { Trend(n, p); }},
        {"mean_reversion",
         [this](const toml::node& n, const std::string& p) { MeanReversion(n, p); }},
        {"funding", [this](const toml::node& n, const std::string& p) { Funding(n, p); }},
    };
    r_.ReadTable(table, path, fields);
    if (!s_.trend.enabled && !s_.mean_reversion.enabled &&
        !(s_.funding.enabled && s_.funding.params.harvest)) {
      // Both enabled keys were set to false (they default to true); report at the first.
      r_.Report(path + ".trend.enabled",
                "no strategy is enabled: enable strategy.trend or strategy.mean_reversion (or "
                "the funding harvest: strategy.funding.enabled and harvest = true)");
    }
  }

 private:
  void Trend(const toml::node& node, const std::string& path) {
    const toml::table* table = node.as_table();
    if (table == nullptr) return r_.TypeError(node, path, "a table");
    strategy::TrendParams& p = s_.trend.params;
    const Field fields[] = {
        {"enabled", BoolField(&s_.trend.enabled)},
        {"signal",
         [this, &p](const toml::node& n, const std::string& k) {
           if (auto v = ReadEnum<strategy::TrendParams::Signal>(r_, n, k, ParseTrendSignal,
                                                                TrendSignalNames())) {
             p.signal = *v;
           }
         }},
        {"fast_period", IntField(&p.fast_period, kStrategyPeriodRange)},
        {"slow_period", IntField(&p.slow_period, kStrategyPeriodRange)},
        {"donchian_period", IntField(&p.donchian_period, kStrategyPeriodRange)},
        {"atr_period", IntField(&p.atr_period, kStrategyPeriodRange)},
        {"stop_atr", NumberField(&p.stop_atr)},
        {"trail_atr", NumberField(&p.trail_atr)},
        {"allow_short", BoolField(&p.allow_short)},
        {"symbols", SymbolsField()},
    };
    r_.ReadTable(*table, path, fields);
    const core::Status valid = strategy::Validate(p);
    if (!valid.ok()) {
      ReportProblems(
          r_, path,
          SplitProblems(valid.error().message, "invalid trend_following parameters:", "\n"), {},
          KeysOf(*table));
    }
  }

  void MeanReversion(const toml::node& node, const std::string& path) {
    const toml::table* table = node.as_table();
    if (table == nullptr) return r_.TypeError(node, path, "a table");
    strategy::MeanReversionParams& p = s_.mean_reversion.params;
    const Field fields[] = {
        {"enabled", BoolField(&s_.mean_reversion.enabled)},
        {"rsi_period", IntField(&p.rsi_period, kStrategyPeriodRange)},
        {"rsi_oversold", NumberField(&p.rsi_oversold)},
        {"rsi_overbought", NumberField(&p.rsi_overbought)},
        {"band_period", IntField(&p.band_period, kStrategyPeriodRange)},
        {"band_k", NumberField(&p.band_k)},
        {"exit_z", NumberField(&p.exit_z)},
        {"atr_period", IntField(&p.atr_period, kStrategyPeriodRange)},
        {"stop_atr", NumberField(&p.stop_atr)},
        {"min_atr_pct", NumberField(&p.min_atr_pct)},
        {"max_atr_pct", NumberField(&p.max_atr_pct)},
        {"max_hold_bars", IntField(&p.max_hold_bars, kMaxHoldBarsRange)},
        {"allow_short", BoolField(&p.allow_short)},
        {"symbols", SymbolsField()},
    };
    r_.ReadTable(*table, path, fields);
    const core::Status valid = strategy::Validate(p);
    if (!valid.ok()) {
      ReportProblems(
          r_, path,
          SplitProblems(valid.error().message, "invalid mean_reversion parameters:", "\n"), {},
          KeysOf(*table));
    }
  }

  void Funding(const toml::node& node, const std::string& path) {
    const toml::table* table = node.as_table();
    if (table == nullptr) return r_.TypeError(node, path, "a table");
    strategy::FundingParams& p = s_.funding.params;
    const Field fields[] = {
        {"enabled", BoolField(&s_.funding.enabled)},
        {"expensive_rate", DecimalField(&p.expensive_rate)},
        {"avoid_window_s", SecondsField(&p.avoid_window, kFundingWindowSRange)},
        {"harvest", BoolField(&p.harvest)},
        {"harvest_rate", DecimalField(&p.harvest_rate)},
        {"harvest_window_s", SecondsField(&p.harvest_window, kFundingIntervalSRange)},
        {"harvest_stop_pct", NumberField(&p.harvest_stop_pct)},
        {"exit_after_s", SecondsField(&p.exit_after, kFundingWindowSRange)},
        {"check_interval_s", SecondsField(&p.check_interval, kFundingIntervalSRange)},
    };
    r_.ReadTable(*table, path, fields);
    const core::Status valid = strategy::Validate(p);
    if (!valid.ok()) {
      constexpr std::pair<std::string_view, std::string_view> kKeys[] = {
          {"avoid_window", "avoid_window_s"},
          {"harvest_window", "harvest_window_s"},
          {"exit_after", "exit_after_s"},
          {"check_interval", "check_interval_s"},
      };
      ReportProblems(
          r_, path, SplitProblems(valid.error().message, "invalid funding_aware parameters:", "\n"),
          kKeys, KeysOf(*table));
    }
  }

  Reader BoolField(bool* out) {
    return [this, out](const toml::node& n, const std::string& p) {
      if (auto v = r_.Bool(n, p)) *out = *v;
    };
  }

  Reader IntField(int* out, IntRange range) {
    return [this, out, range](const toml::node& n, const std::string& p) {
      if (auto v = r_.Integer(n, p, range)) *out = static_cast<int>(*v);
    };
  }

  Reader NumberField(double* out) {
    return [this, out](const toml::node& n, const std::string& p) {
      if (auto v = ReadNumber(r_, n, p)) *out = *v;
    };
  }

  Reader DecimalField(core::Decimal* out) {
    return [this, out](const toml::node& n, const std::string& p) {
      if (auto v = ReadDecimal(r_, n, p)) *out = *v;
    };
  }

  Reader SecondsField(std::chrono::seconds* out, IntRange range) {
    return [this, out, range](const toml::node& n, const std::string& p) {
      if (auto v = r_.Integer(n, p, range)) *out = std::chrono::seconds(*v);
    };
  }

  Reader SymbolsField() {
    return [this](const toml::node&, const std::string& p) {
      r_.Report(p, std::string(kSymbolsHere));
    };
  }

  SectionReader& r_;
  StrategyConfig& s_;
};

std::string FormatDecimal(const core::Decimal& d) { return d.Normalized().ToString(); }

}  // namespace

void ReadStrategy(SectionReader& reader, const toml::node& node, const std::string& path,
                  StrategyConfig* out) {
  const toml::table* table = node.as_table();
  if (table == nullptr) return reader.TypeError(node, path, "a table");
  StrategyReader(reader, out).Read(*table, path);
}

toml::table StrategyTable(const StrategyConfig& s) {
  const strategy::TrendParams& t = s.trend.params;
  const strategy::MeanReversionParams& m = s.mean_reversion.params;
  const strategy::FundingParams& f = s.funding.params;
  return toml::table{
      {"trend", toml::table{{"enabled", s.trend.enabled},
                            {"signal", TrendSignalName(t.signal)},
                            {"fast_period", t.fast_period},
                            {"slow_period", t.slow_period},
                            {"donchian_period", t.donchian_period},
                            {"atr_period", t.atr_period},
                            {"stop_atr", t.stop_atr},
                            {"trail_atr", t.trail_atr},
                            {"allow_short", t.allow_short}}},
      {"mean_reversion", toml::table{{"enabled", s.mean_reversion.enabled},
                                     {"rsi_period", m.rsi_period},
                                     {"rsi_oversold", m.rsi_oversold},
                                     {"rsi_overbought", m.rsi_overbought},
                                     {"band_period", m.band_period},
                                     {"band_k", m.band_k},
                                     {"exit_z", m.exit_z},
                                     {"atr_period", m.atr_period},
                                     {"stop_atr", m.stop_atr},
                                     {"min_atr_pct", m.min_atr_pct},
                                     {"max_atr_pct", m.max_atr_pct},
                                     {"max_hold_bars", m.max_hold_bars},
                                     {"allow_short", m.allow_short}}},
      {"funding",
       toml::table{{"enabled", s.funding.enabled},
                   {"expensive_rate", FormatDecimal(f.expensive_rate)},
                   {"avoid_window_s", static_cast<std::int64_t>(f.avoid_window.count())},
                   {"harvest", f.harvest},
                   {"harvest_rate", FormatDecimal(f.harvest_rate)},
                   {"harvest_window_s", static_cast<std::int64_t>(f.harvest_window.count())},
                   {"harvest_stop_pct", f.harvest_stop_pct},
                   {"exit_after_s", static_cast<std::int64_t>(f.exit_after.count())},
                   {"check_interval_s", static_cast<std::int64_t>(f.check_interval.count())}}},
  };
}

}  // namespace bgt::config::internal
