#include "config/dump.h"

#include <toml++/toml.h>

#include <sstream>

#include "config/credentials.h"
#include "config/load_sections.h"
#include "config/load_universe.h"

namespace bgt::config {
namespace {

toml::table EmulatorTable(const EmulatorConfig& e, bool with_accounts) {
  const EmulatorFaultsConfig& f = e.faults;
  toml::array paths;
  for (const std::string& path : f.paths) paths.push_back(path);
  toml::table faults{
      {"latency_ms", f.latency_ms},
      {"latency_jitter_ms", f.latency_jitter_ms},
      {"error_5xx_rate", f.error_5xx_rate},
      {"burst_429_rate", f.burst_429_rate},
      {"burst_429_requests", f.burst_429_requests},
      {"drop_response_rate", f.drop_response_rate},
      {"paths", std::move(paths)},
      {"ws_duplicate_pushes", f.ws_duplicate_pushes},
      {"ws_reorder_pushes", f.ws_reorder_pushes},
      {"ws_corrupt_book_checksums", f.ws_corrupt_book_checksums},
      {"ws_disconnect_interval_ms", f.ws_disconnect_interval_ms},
  };
  toml::table out{
      {"bind_address", e.bind_address}, {"port", e.port},   {"seed", e.seed},
      {"history_days", e.history_days}, {"speed", e.speed}, {"rate_limits", e.rate_limits},
  };
  if (with_accounts) {
    // Never the secrets: name, api key and deposit only.
    toml::array accounts;
    for (const EmulatorAccountConfig& a : e.accounts) {
      accounts.push_back(
          toml::table{{"name", a.name}, {"api_key", a.api_key}, {"usdt_deposit", a.usdt_deposit}});
    }
    out.insert("accounts", std::move(accounts));
  }
  out.insert("faults", std::move(faults));
  return out;
}

// TOML comments listing the emulator's accounts when they are not the default one (their
// secrets cannot be printed, so they cannot be written back as keys).
std::string AccountComments(const EmulatorConfig& e) {
  if (e.accounts == EmulatorConfig{}.accounts) return "";
  std::string out = "\n# emulator.accounts (secrets and passphrases not shown):\n";
  for (const EmulatorAccountConfig& a : e.accounts) {
    out += "#   name \"" + a.name + "\", api_key \"" + a.api_key + "\", usdt_deposit " +
           a.usdt_deposit + "\n";
  }
  return out;
}

toml::table ToTable(const Config& config, bool with_accounts) {
  toml::table log{{"level", LogLevelName(config.log.level)}};
  if (config.log.file) log.insert("file", *config.log.file);
  const VenueConfig& v = config.venue;
  toml::table venue{
      {"rest_url", v.rest_url},
      {"ws_public_url", v.ws_public_url},
      {"ws_private_url", v.ws_private_url},
      {"product_type", ProductTypeName(v.product_type)},
      {"margin_coin", v.margin_coin},
      {"locale", LocaleName(v.locale)},
      {"demo_trading", v.demo_trading},
      {"connect_timeout_ms", v.connect_timeout_ms},
      {"request_timeout_ms", v.request_timeout_ms},
      {"max_clock_skew_ms", v.max_clock_skew_ms},
  };
  return toml::table{
      {"mode", ModeName(config.mode)},
      {"log", std::move(log)},
      {"venue", std::move(venue)},
      {"emulator", EmulatorTable(config.emulator, with_accounts)},
      {"universe", internal::UniverseTable(config.universe)},
      {"run", internal::RunTable(config.run)},
      {"risk", internal::RiskTable(config.risk)},
      {"strategy", internal::StrategyTable(config.strategy)},
  };
}

}  // namespace

std::string ToToml(const Config& config) {
  std::ostringstream out;
  out << toml::toml_formatter(ToTable(config, false)) << '\n' << AccountComments(config.emulator);
  return out.str();
}

std::string ToJson(const Config& config) {
  std::ostringstream out;
  out << toml::json_formatter(ToTable(config, true)) << '\n';
  return out.str();
}

std::string DescribeCredentials(const bitget::Credentials& credentials) {
  const core::Secret* secrets[] = {&credentials.api_key, &credentials.secret,
                                   &credentials.passphrase};
  std::string out;
  for (std::size_t i = 0; i < kCredentialEnvVars.size(); ++i) {
    out += kCredentialEnvVars[i];
    out += " = ";
    out += secrets[i]->empty() ? std::string_view("(not set)") : core::Secret::kMask;
    out += '\n';
  }
  return out;
}

}  // namespace bgt::config
