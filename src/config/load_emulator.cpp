// The [emulator] section of the config file: bind address, port, seed, history, market speed,
// rate limits, accounts ([[emulator.accounts]]) and faults ([emulator.faults]). Values of the
// accounts' api keys, secrets and passphrases are never echoed in violations.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "config/load_internal.h"
#include "core/decimal.h"

namespace bgt::config::internal {
namespace {

constexpr std::size_t kMaxAccounts = 1000;
constexpr std::size_t kMaxFaultPaths = 1000;
constexpr std::size_t kMaxTextChars = 256;

bool HasControlOrSpace(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f;
  });
}

// "127.a.b.c" (each part 0..255) or "::1".
bool IsLoopbackLiteral(std::string_view text) {
  if (text == "::1") return true;
  int parts = 0;
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t dot = std::min(text.find('.', at), text.size());
    const std::string_view part = text.substr(at, dot - at);
    if (part.empty() || part.size() > 3 ||
        !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return false;
    }
    const int value = std::stoi(std::string(part));
    if (value > 255 || (parts == 0 && value != 127)) return false;
    ++parts;
    at = dot + 1;
  }
  return parts == 4;
}

std::string FormatDouble(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%g", v);
  return buf;
}

// Reads the emulator section through the validator's primitives.
class EmulatorReader {
 public:
  EmulatorReader(SectionReader& reader, EmulatorConfig* out) : r_(reader), out_(out) {}

  void Read(const toml::node& node, const std::string& path) {
    const toml::table* table = node.as_table();
    if (table == nullptr) return r_.TypeError(node, path, "a table");
    EmulatorConfig& e = *out_;
    const SectionReader::Field fields[] = {
        {"bind_address",
         [&](const toml::node& n, const std::string& p) {
           auto v = r_.String(n, p);
           if (!v) return;
           if (!IsLoopbackLiteral(*v)) {
             r_.Report(p,
                       "must be a loopback address (127.x.x.x or ::1): the emulator's test "
                       "accounts must not be reachable from other machines");
             return;
           }
           e.bind_address = std::move(*v);
         }},
        {"port", IntField(&e.port, kEmulatorPortRange)},
        {"seed", IntField(&e.seed, kEmulatorSeedRange)},
        {"history_days", IntField(&e.history_days, kEmulatorHistoryDaysRange)},
        {"speed",
         [&](const toml::node& n, const std::string& p) {
           auto v = Number(n, p);
           if (!v) return;
           if (!(*v > kMinEmulatorSpeed) || !(*v <= kMaxEmulatorSpeed)) {
             r_.Report(p, "must be greater than 0 and at most " + FormatDouble(kMaxEmulatorSpeed) +
                              " (got " + FormatDouble(*v) + ")");
             return;
           }
           e.speed = *v;
         }},
        {"rate_limits",
         [&](const toml::node& n, const std::string& p) {
           if (auto v = r_.Bool(n, p)) e.rate_limits = *v;
         }},
        {"accounts", [&](const toml::node& n, const std::string& p) { Accounts(n, p); }},
        {"faults", [&](const toml::node& n, const std::string& p) { Faults(n, p); }},
    };
    r_.ReadTable(*table, path, fields);
  }

 private:
  SectionReader::Reader IntField(std::int64_t* out, IntRange range) {
    return [this, out, range](const toml::node& n, const std::string& p) {
      if (auto v = r_.Integer(n, p, range)) *out = *v;
    };
  }

  SectionReader::Reader RateField(double* out) {
    return [this, out](const toml::node& n, const std::string& p) {
      auto v = Number(n, p);
      if (!v) return;
      if (!(*v >= 0.0 && *v <= 1.0)) {
        r_.Report(p, "must be a rate between 0 and 1 (got " + FormatDouble(*v) + ")");
        return;
      }
      *out = *v;
    };
  }

  // An integer or a floating-point number, as a double.
  std::optional<double> Number(const toml::node& n, const std::string& p) {
    if (const auto* f = n.as_floating_point()) return f->get();
    if (const auto* i = n.as_integer()) return static_cast<double>(i->get());
    r_.TypeError(n, p, "a number");
    return std::nullopt;
  }

  // A non-empty string without spaces or control characters; messages never quote it.
  std::optional<std::string> Token(const toml::node& n, const std::string& p) {
    auto v = r_.String(n, p);
    if (!v) return std::nullopt;
    if (v->empty()) {
      r_.Report(p, "must not be empty");
      return std::nullopt;
    }
    if (v->size() > kMaxTextChars) {
      r_.Report(p, "must be at most " + std::to_string(kMaxTextChars) + " characters");
      return std::nullopt;
    }
    if (HasControlOrSpace(*v)) {
      r_.Report(p, "must not contain spaces or control characters");
      return std::nullopt;
    }
    return v;
  }

  void Accounts(const toml::node& node, const std::string& path) {
    const toml::array* array = node.as_array();
    if (array == nullptr) return r_.TypeError(node, path, "an array of tables ([[" + path + "]])");
    if (array->empty()) return r_.Report(path, "must hold at least one account");
    if (array->size() > kMaxAccounts) {
      return r_.Report(path, "must hold at most " + std::to_string(kMaxAccounts) + " accounts");
    }
    std::vector<EmulatorAccountConfig> accounts;
    std::map<std::string, std::string> key_owner;   // api_key -> path of its first account
    std::map<std::string, std::string> name_owner;  // name -> path of its first account
    bool all_valid = true;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const std::string item_path = IndexPath(path, i);
      const toml::table* table = (*array)[i].as_table();
      if (table == nullptr) {
        r_.TypeError((*array)[i], item_path, "a table");
        all_valid = false;
        continue;
      }
      EmulatorAccountConfig account;
      bool valid = true;
      bool has_name = false, has_key = false, has_secret = false, has_passphrase = false;
      account.name.clear();  // set only by a valid value (or the default below)
      account.api_key.clear();
      const auto token = [&](std::string* out, bool* seen) {
        return [this, out, seen, &valid](const toml::node& n, const std::string& p) {
          if (seen != nullptr) *seen = true;
          if (auto v = Token(n, p)) {
            *out = std::move(*v);
          } else {
            valid = false;
          }
        };
      };
      const SectionReader::Field fields[] = {
          {"name", token(&account.name, &has_name)},
          {"api_key", token(&account.api_key, &has_key)},
          {"secret", token(&account.secret, &has_secret)},
          {"passphrase", token(&account.passphrase, &has_passphrase)},
          {"usdt_deposit",
           [&](const toml::node& n, const std::string& p) {
             std::string text;
             if (const auto* s = n.as_string()) {
               text = s->get();
             } else if (const auto* integer = n.as_integer()) {
               text = std::to_string(integer->get());
             } else {
               r_.TypeError(n, p, "a decimal string (\"100000\") or an integer");
               valid = false;
               return;
             }
             auto deposit = core::Decimal::Parse(text);
             if (!deposit || *deposit <= core::Decimal()) {
               r_.Report(p, "must be a positive decimal amount of USDT");
               valid = false;
               return;
             }
             account.usdt_deposit = std::move(text);
           }},
      };
      r_.ReadTable(*table, item_path, fields);
      for (const auto& [seen, key] :
           {std::pair{has_key, "api_key"}, std::pair{has_secret, "secret"},
            std::pair{has_passphrase, "passphrase"}}) {
        if (!seen) {
          r_.Report(item_path, std::string("missing key \"") + key + "\"");
          valid = false;
        }
      }
      if (!has_name) account.name = "account" + std::to_string(i + 1);
      if (!account.api_key.empty()) {
        if (auto [it, inserted] = key_owner.emplace(account.api_key, item_path); !inserted) {
          r_.Report(item_path + ".api_key", "duplicate API key (also used by " + it->second + ")");
          valid = false;
        }
      }
      if (!account.name.empty()) {
        if (auto [it, inserted] = name_owner.emplace(account.name, item_path); !inserted) {
          r_.Report(item_path + ".name",
                    "duplicate account name (also used by " + it->second + ")");
          valid = false;
        }
      }
      if (!valid) {
        all_valid = false;
        continue;
      }
      accounts.push_back(std::move(account));
    }
    if (all_valid) out_->accounts = std::move(accounts);
  }

  void Faults(const toml::node& node, const std::string& path) {
    const toml::table* table = node.as_table();
    if (table == nullptr) return r_.TypeError(node, path, "a table");
    EmulatorFaultsConfig& f = out_->faults;
    const SectionReader::Field fields[] = {
        {"latency_ms", IntField(&f.latency_ms, kFaultLatencyMsRange)},
        {"latency_jitter_ms", IntField(&f.latency_jitter_ms, kFaultLatencyMsRange)},
        {"error_5xx_rate", RateField(&f.error_5xx_rate)},
        {"burst_429_rate", RateField(&f.burst_429_rate)},
        {"burst_429_requests", IntField(&f.burst_429_requests, kBurst429RequestsRange)},
        {"drop_response_rate", RateField(&f.drop_response_rate)},
        {"paths", [&](const toml::node& n, const std::string& p) { Paths(n, p, &f.paths); }},
        {"ws_duplicate_pushes",
         [&](const toml::node& n, const std::string& p) {
           if (auto v = r_.Bool(n, p)) f.ws_duplicate_pushes = *v;
         }},
        {"ws_reorder_pushes",
         [&](const toml::node& n, const std::string& p) {
           if (auto v = r_.Bool(n, p)) f.ws_reorder_pushes = *v;
         }},
        {"ws_corrupt_book_checksums",
         IntField(&f.ws_corrupt_book_checksums, kCorruptChecksumsRange)},
        {"ws_disconnect_interval_ms",
         IntField(&f.ws_disconnect_interval_ms, kWsDisconnectIntervalMsRange)},
    };
    r_.ReadTable(*table, path, fields);
  }

  void Paths(const toml::node& node, const std::string& path, std::vector<std::string>* out) {
    const toml::array* array = node.as_array();
    if (array == nullptr) return r_.TypeError(node, path, "an array of strings");
    if (array->size() > kMaxFaultPaths) {
      return r_.Report(path, "must hold at most " + std::to_string(kMaxFaultPaths) + " paths");
    }
    std::vector<std::string> paths;
    bool valid = true;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const std::string item_path = IndexPath(path, i);
      auto v = Token((*array)[i], item_path);
      if (!v) {
        valid = false;
        continue;
      }
      if (v->front() != '/' || v->find_first_of("?#") != std::string::npos) {
        r_.Report(item_path,
                  "must be a request path starting with / (no query), e.g. "
                  "\"/api/v2/mix/order/place-order\"");
        valid = false;
        continue;
      }
      paths.push_back(std::move(*v));
    }
    if (valid) *out = std::move(paths);
  }

  SectionReader& r_;
  EmulatorConfig* out_;
};

}  // namespace

std::string IndexPath(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

void ReadEmulator(SectionReader& reader, const toml::node& node, const std::string& path,
                  EmulatorConfig* out) {
  EmulatorReader(reader, out).Read(node, path);
}

}  // namespace bgt::config::internal
