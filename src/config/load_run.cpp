// The [run] and [risk] sections of the config file (run_config.h, risk/risk_config.h).
#include <array>
#include <chrono>
#include <set>
#include <string>
#include <utility>

#include "config/config.h"
#include "config/load_sections.h"
#include "config/load_values.h"

namespace bgt::config::internal {
namespace {

using Field = SectionReader::Field;
using Reader = SectionReader::Reader;
using KeySet = std::set<std::string, std::less<>>;

constexpr std::array<std::string_view, 2> kMarginModeNames = {"crossed", "isolated"};

std::optional<model::MarginMode> ParseMarginModeName(std::string_view name) {
  if (name == kMarginModeNames[0]) return model::MarginMode::kCrossed;
  if (name == kMarginModeNames[1]) return model::MarginMode::kIsolated;
  return std::nullopt;
}

KeySet KeysOf(const toml::table& table) {
  KeySet keys;
  for (auto&& [key, node] : table) keys.emplace(key.str());
  return keys;
}

std::string FormatDecimal(const core::Decimal& d) { return d.Normalized().ToString(); }

template <typename Int>
Reader IntField(SectionReader& r, Int* out, IntRange range) {
  return [&r, out, range](const toml::node& n, const std::string& p) {
    if (auto v = r.Integer(n, p, range)) *out = static_cast<Int>(*v);
  };
}

Reader DecimalField(SectionReader& r, core::Decimal* out) {
  return [&r, out](const toml::node& n, const std::string& p) {
    if (auto v = ReadDecimal(r, n, p)) *out = *v;
  };
}

void ReadGranularity(SectionReader& r, const toml::node& n, const std::string& p,
                     model::Granularity* out) {
  auto text = r.String(n, p);
  if (!text) return;
  auto g = model::ParseGranularity(*text);
  if (!g) {
    r.Report(p, "unknown granularity \"" + Echo(*text) +
                    "\" (Bitget's spelling, e.g. \"1m\", \"5m\", \"15m\", \"1H\", \"4H\", \"1D\")");
  } else if (!model::FixedDuration(*g)) {
    r.Report(p, "\"" + *text + "\" bars have no fixed length; use a fixed-length granularity");
  } else if (*g == model::Granularity::k2H) {
    r.Report(p, "\"2H\" has no WebSocket candle channel on Bitget; use \"1H\" or \"4H\"");
  } else {
    *out = *g;
  }
}

}  // namespace

void ReadRun(SectionReader& r, const toml::node& node, const std::string& path, RunConfig* out) {
  const toml::table* table = node.as_table();
  if (table == nullptr) return r.TypeError(node, path, "a table");
  RunConfig& run = *out;
  const Field fields[] = {
      {"symbols",
       [&](const toml::node& n, const std::string& p) {
         if (auto v = ReadSymbols(r, n, p, kMaxRunSymbols)) run.symbols = std::move(*v);
       }},
      {"duration_s", IntField(r, &run.duration_s, kRunDurationSRange)},
      {"on_stop",
       [&](const toml::node& n, const std::string& p) {
         if (auto v = ReadEnum<OnStop>(r, n, p, ParseOnStop, OnStopNames())) run.on_stop = *v;
       }},
      {"adopted_positions",
       [&](const toml::node& n, const std::string& p) {
         if (auto v = ReadEnum<AdoptedPositions>(r, n, p, ParseAdoptedPositions,
                                                 AdoptedPositionsNames())) {
           run.adopted_positions = *v;
         }
       }},
      {"journal",
       [&](const toml::node& n, const std::string& p) {
         if (auto v = ReadPath(r, n, p)) run.journal = std::move(*v);
       }},
      {"summary",
       [&](const toml::node& n, const std::string& p) {
         if (auto v = ReadPath(r, n, p)) run.summary = std::move(*v);
       }},
      {"status_interval_s", IntField(r, &run.status_interval_s, kStatusIntervalSRange)},
      {"granularity", [&](const toml::node& n,
                          const std::string& p) { ReadGranularity(r, n, p, &run.granularity); }},
      {"history_bars", IntField(r, &run.history_bars, kHistoryBarsRange)},
      {"leverage", IntField(r, &run.leverage, kRunLeverageRange)},
      {"margin_mode",
       [&](const toml::node& n, const std::string& p) {
         if (auto v = ReadEnum<model::MarginMode>(r, n, p, ParseMarginModeName, kMarginModeNames)) {
           run.margin_mode = *v;
         }
       }},
      {"paper_balance",
       [&](const toml::node& n, const std::string& p) {
         auto v = ReadDecimal(r, n, p);
         if (!v) return;
         if (!v->IsPositive()) {
           return r.Report(p, "must be a positive amount of USDT (got " + FormatDecimal(*v) + ")");
         }
         run.paper_balance = *v;
       }},
      {"rest_poll_interval_s", IntField(r, &run.rest_poll_interval_s, kRestPollIntervalSRange)},
      {"emulator_speed",
       [&](const toml::node& n, const std::string& p) {
         auto v = ReadNumber(r, n, p);
         if (!v) return;
         if (!(*v > kMinEmulatorSpeed && *v <= kMaxEmulatorSpeed)) {
           return r.Report(p, "must be > 0 and at most 100000");
         }
         run.emulator_speed = *v;
       }},
  };
  r.ReadTable(*table, path, fields);
  if (!run.journal.empty() && run.journal == run.summary) {
    r.Report(path + ".summary", "must not be the journal file (\"" + Echo(run.journal) + "\")");
  }
}

void ReadRisk(SectionReader& r, const toml::node& node, const std::string& path,
              risk::RiskConfig* out) {
  const toml::table* table = node.as_table();
  if (table == nullptr) return r.TypeError(node, path, "a table");
  risk::RiskConfig& c = *out;
  const Field fields[] = {
      {"risk_fraction", DecimalField(r, &c.risk_fraction)},
      {"max_symbol_notional", DecimalField(r, &c.max_symbol_notional)},
      {"max_total_notional", DecimalField(r, &c.max_total_notional)},
      {"max_leverage", IntField(r, &c.max_leverage, kRiskMaxLeverageRange)},
      {"max_open_positions", IntField(r, &c.max_open_positions, kRiskMaxOpenPositionsRange)},
      {"max_orders", IntField(r, &c.max_orders, kRiskMaxOrdersRange)},
      {"order_window_ms",
       [&](const toml::node& n, const std::string& p) {
         if (auto v = r.Integer(n, p, kRiskOrderWindowMsRange)) {
           c.order_window = std::chrono::milliseconds(*v);
         }
       }},
      {"min_liquidation_distance", DecimalField(r, &c.min_liquidation_distance)},
      {"maintenance_margin_rate", DecimalField(r, &c.maintenance_margin_rate)},
      {"daily_loss_limit", DecimalField(r, &c.daily_loss_limit)},
      {"max_drawdown", DecimalField(r, &c.max_drawdown)},
  };
  r.ReadTable(*table, path, fields);
  const core::Status valid = c.Validate();
  if (valid.ok()) return;
  constexpr std::pair<std::string_view, std::string_view> kKeys[] = {
      {"order_window", "order_window_ms"}};
  ReportProblems(r, path, SplitProblems(valid.error().message, "invalid risk config: ", "; "),
                 kKeys, KeysOf(*table));
}

toml::table RunTable(const RunConfig& run) {
  toml::array symbols;
  for (const std::string& s : run.symbols) symbols.push_back(s);
  return toml::table{
      {"symbols", std::move(symbols)},
      {"duration_s", run.duration_s},
      {"on_stop", OnStopName(run.on_stop)},
      {"adopted_positions", AdoptedPositionsName(run.adopted_positions)},
      {"journal", run.journal},
      {"summary", run.summary},
      {"status_interval_s", run.status_interval_s},
      {"granularity", model::ToString(run.granularity)},
      {"history_bars", run.history_bars},
      {"leverage", run.leverage},
      {"margin_mode", model::ToString(run.margin_mode)},
      {"paper_balance", FormatDecimal(run.paper_balance)},
      {"rest_poll_interval_s", run.rest_poll_interval_s},
      {"emulator_speed", run.emulator_speed},
  };
}

toml::table RiskTable(const risk::RiskConfig& c) {
  return toml::table{
      {"risk_fraction", FormatDecimal(c.risk_fraction)},
      {"max_symbol_notional", FormatDecimal(c.max_symbol_notional)},
      {"max_total_notional", FormatDecimal(c.max_total_notional)},
      {"max_leverage", c.max_leverage},
      {"max_open_positions", c.max_open_positions},
      {"max_orders", c.max_orders},
      {"order_window_ms",
       static_cast<std::int64_t>(
           std::chrono::duration_cast<std::chrono::milliseconds>(c.order_window).count())},
      {"min_liquidation_distance", FormatDecimal(c.min_liquidation_distance)},
      {"maintenance_margin_rate", FormatDecimal(c.maintenance_margin_rate)},
      {"daily_loss_limit", FormatDecimal(c.daily_loss_limit)},
      {"max_drawdown", FormatDecimal(c.max_drawdown)},
  };
}

}  // namespace bgt::config::internal
