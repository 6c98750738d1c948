// The [universe] section of the config file (universe_config.h).
#include "config/load_universe.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <utility>
#include <vector>

#include "core/decimal.h"
#include "model/candle.h"

namespace bgt::config::internal {
namespace {

constexpr std::size_t kMaxListSymbols = 10'000;

std::string Printable(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 64)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u < 0x7f && c != '"' && c != '\\') ? c : '?';
  }
  return out;
}

class UniverseReader {
 public:
  UniverseReader(SectionReader& r, UniverseConfig* out) : r_(r), u_(*out) {}

  void Read(const toml::table& table, const std::string& path) {
    using Field = SectionReader::Field;
    const Field fields[] = {
        {"min_volume_usdt_24h", DecimalField(&u_.min_volume_usdt_24h)},
        {"min_open_interest_usdt", DecimalField(&u_.min_open_interest_usdt)},
        {"max_spread_bps", DecimalField(&u_.max_spread_bps)},
        {"min_funding_rate", DecimalField(&u_.min_funding_rate)},
        {"max_funding_rate", DecimalField(&u_.max_funding_rate)},
        {"min_atr_pct", NumberField(&u_.min_atr_pct)},
        {"max_atr_pct", NumberField(&u_.max_atr_pct)},
        {"atr_period", IntField(&u_.atr_period, {1, 1000})},
        {"candle_granularity",
         [this](const toml::node& n, const std::string& p) {
           auto text = r_.String(n, p);
           if (!text) return;
           auto g = model::ParseGranularity(*text);
           if (!g || !model::FixedDuration(*g)) {
             r_.Report(p, "unknown or variable-length granularity \"" + Printable(*text) +
                              "\" (expected e.g. \"15m\", \"1H\", \"4H\", \"1D\")");
             return;
           }
           u_.candle_granularity = *g;
         }},
        {"min_listing_age_days", IntField(&u_.min_listing_age_days, {0, 3650})},
        {"schedule_window_hours",
         [this](const toml::node& n, const std::string& p) {
           if (auto v = r_.Integer(n, p, {0, 8760})) u_.schedule_window = std::chrono::hours(*v);
         }},
        {"max_ticker_age_s",
         [this](const toml::node& n, const std::string& p) {
           if (auto v = r_.Integer(n, p, {1, 86'400})) u_.max_ticker_age = std::chrono::seconds(*v);
         }},
        {"blacklist", ListField(&u_.blacklist)},
        {"whitelist", ListField(&u_.whitelist)},
        {"top_n", IntField(&u_.top_n, {1, 1000})},
        {"refresh_interval_s",
         [this](const toml::node& n, const std::string& p) {
           if (auto v = r_.Integer(n, p, {1, 604'800})) {
             u_.refresh_interval = std::chrono::seconds(*v);
           }
         }},
        {"keep_slack", IntField(&u_.keep_slack, {0, 1000})},
        {"entry_margin", NumberField(&u_.entry_margin)},
        {"weights", [this](const toml::node& n, const std::string& p) { Weights(n, p); }},
    };
    r_.ReadTable(table, path, fields);
  }

 private:
  using Reader = SectionReader::Reader;

  void Weights(const toml::node& node, const std::string& path) {
    const toml::table* table = node.as_table();
    if (table == nullptr) return r_.TypeError(node, path, "a table");
    market::UniverseWeights& w = u_.weights;
    const SectionReader::Field fields[] = {
        {"volume", NumberField(&w.volume)},   {"open_interest", NumberField(&w.open_interest)},
        {"spread", NumberField(&w.spread)},   {"volatility", NumberField(&w.volatility)},
        {"funding", NumberField(&w.funding)},
    };
    r_.ReadTable(*table, path, fields);
  }

  Reader IntField(int* out, IntRange range) {
    return [this, out, range](const toml::node& n, const std::string& p) {
      if (auto v = r_.Integer(n, p, range)) *out = static_cast<int>(*v);
    };
  }

  // A finite number (integer or float).
  Reader NumberField(double* out) {
    return [this, out](const toml::node& n, const std::string& p) {
      double v = 0;
      if (const auto* i = n.as_integer()) {
        v = static_cast<double>(i->get());
      } else if (const auto* f = n.as_floating_point()) {
        v = f->get();
      } else {
        return r_.TypeError(n, p, "a number");
      }
      if (!std::isfinite(v)) return r_.Report(p, "must be a finite number");
      *out = v;
    };
  }

  // A decimal: "0.001" (exact), an integer, or a float (rounded to 12 decimals).
  Reader DecimalField(core::Decimal* out) {
    return [this, out](const toml::node& n, const std::string& p) {
      core::Result<core::Decimal> d = core::Decimal();
      if (const auto* s = n.as_string()) {
        d = core::Decimal::Parse(s->get());
      } else if (const auto* i = n.as_integer()) {
        d = core::Decimal::FromInt(i->get());
      } else if (const auto* f = n.as_floating_point()) {
        d = core::Decimal::FromDouble(f->get(), 12);
        if (d) d = d->Normalized();
      } else {
        return r_.TypeError(n, p, "a decimal (\"0.001\", 5 or 0.5)");
      }
      if (!d) return r_.Report(p, "not a valid decimal: " + d.error().message);
      *out = *d;
    };
  }

  Reader ListField(std::vector<std::string>* out) {
    return [this, out](const toml::node& n, const std::string& p) {
      const toml::array* array = n.as_array();
      if (array == nullptr) return r_.TypeError(n, p, "an array of symbols");
      if (array->size() > kMaxListSymbols) {
        return r_.Report(p, "more than " + std::to_string(kMaxListSymbols) + " symbols");
      }
      std::vector<std::string> symbols;
      for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string item_path = IndexPath(p, i);
        auto s = r_.String((*array)[i], item_path);
        if (!s) continue;
        const bool ok =
            !s->empty() && s->size() <= 32 && std::all_of(s->begin(), s->end(), [](char c) {
              return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            });
        if (!ok) {
          r_.Report(item_path, "\"" + Printable(*s) +
                                   "\" is not a symbol (upper-case letters "
                                   "and digits, e.g. \"BTCUSDT\")");
          continue;
        }
        symbols.push_back(std::move(*s));
      }
      *out = std::move(symbols);
    };
  }

  SectionReader& r_;
  UniverseConfig& u_;
};

std::string FormatDecimal(const core::Decimal& d) { return d.Normalized().ToString(); }

}  // namespace

void ReadUniverse(SectionReader& reader, const toml::node& node, const std::string& path,
                  UniverseConfig* out) {
  const toml::table* table = node.as_table();
  if (table == nullptr) return reader.TypeError(node, path, "a table");
  UniverseReader(reader, out).Read(*table, path);
  const core::Status valid = market::ValidateParams(*out);
  if (valid.ok()) return;
  // One violation per problem line ("top_n: must be >= 1" -> universe.top_n).
  std::istringstream lines(valid.error().message);
  std::string line;
  std::getline(lines, line);  // the headline
  while (std::getline(lines, line)) {
    const std::size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    line = line.substr(start);
    const std::size_t colon = line.find(": ");
    if (colon == std::string::npos) {
      reader.Report(path, line);
    } else {
      reader.Report(path + "." + line.substr(0, colon), line.substr(colon + 2));
    }
  }
}

toml::table UniverseTable(const UniverseConfig& u) {
  toml::array blacklist;
  for (const std::string& s : u.blacklist) blacklist.push_back(s);
  toml::array whitelist;
  for (const std::string& s : u.whitelist) whitelist.push_back(s);
  return toml::table{
      {"min_volume_usdt_24h", FormatDecimal(u.min_volume_usdt_24h)},
      {"min_open_interest_usdt", FormatDecimal(u.min_open_interest_usdt)},
      {"max_spread_bps", FormatDecimal(u.max_spread_bps)},
      {"min_funding_rate", FormatDecimal(u.min_funding_rate)},
      {"max_funding_rate", FormatDecimal(u.max_funding_rate)},
      {"min_atr_pct", u.min_atr_pct},
      {"max_atr_pct", u.max_atr_pct},
      {"atr_period", u.atr_period},
      {"candle_granularity", std::string(model::ToString(u.candle_granularity))},
      {"min_listing_age_days", u.min_listing_age_days},
      {"schedule_window_hours", static_cast<std::int64_t>(u.schedule_window.count())},
      {"max_ticker_age_s", static_cast<std::int64_t>(u.max_ticker_age.count())},
      {"blacklist", std::move(blacklist)},
      {"whitelist", std::move(whitelist)},
      {"top_n", u.top_n},
      {"refresh_interval_s", static_cast<std::int64_t>(u.refresh_interval.count())},
      {"keep_slack", u.keep_slack},
      {"entry_margin", u.entry_margin},
      {"weights", toml::table{{"volume", u.weights.volume},
                              {"open_interest", u.weights.open_interest},
                              {"spread", u.weights.spread},
                              {"volatility", u.weights.volatility},
                              {"funding", u.weights.funding}}},
  };
}

}  // namespace bgt::config::internal
