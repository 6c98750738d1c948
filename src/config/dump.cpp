#include "config/dump.h"

#include <toml++/toml.h>

#include <sstream>

#include "config/credentials.h"

namespace bgt::config {
namespace {

toml::table ToTable(const Config& config) {
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
  };
}

}  // namespace

std::string ToToml(const Config& config) {
  std::ostringstream out;
  out << toml::toml_formatter(ToTable(config)) << '\n';
  return out.str();
}

std::string ToJson(const Config& config) {
  std::ostringstream out;
  out << toml::json_formatter(ToTable(config)) << '\n';
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
