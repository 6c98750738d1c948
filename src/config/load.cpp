#include "config/load.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "config/load_internal.h"
#include "config/load_sections.h"
#include "config/load_universe.h"
#include "config/url.h"

namespace bgt::config {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxEchoedValueChars = 64;
constexpr std::size_t kMaxEchoedMessageChars = 240;

constexpr std::string_view kSecretInFile =
    "credentials must not be written in the config file; remove this key and set "
    "BITGET_API_KEY, BITGET_API_SECRET and BITGET_API_PASSPHRASE in the environment";

// `text` made safe to echo inside a message: printable ASCII is kept, every other byte is
// escaped (\xNN), and so are quotes and backslashes when the text goes inside "...". The
// result is cut after `max_chars`.
enum class Quoting : std::uint8_t { kNone, kInsideQuotes };
std::string Printable(std::string_view text, std::size_t max_chars,
                      Quoting quoting = Quoting::kInsideQuotes) {
  std::string out;
  for (const char ch : text) {
    if (out.size() >= max_chars) {
      out += "...";
      break;
    }
    const auto c = static_cast<unsigned char>(ch);
    if ((c == '"' || c == '\\') && quoting == Quoting::kInsideQuotes) {
      out += '\\';
      out += ch;
    } else if (c >= 0x20 && c < 0x7f) {
      out += ch;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02x", static_cast<unsigned>(c));
      out += buf;
    }
  }
  return out;
}

bool IsBareKey(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

// "venue" + "rest_url" -> "venue.rest_url"; keys that are not bare are quoted ("a.b").
std::string JoinPath(std::string_view prefix, std::string_view key) {
  std::string out(prefix);
  if (!out.empty()) out += '.';
  if (IsBareKey(key)) {
    out += key;
  } else {
    out += '"';
    out += Printable(key, kMaxEchoedValueChars);
    out += '"';
  }
  return out;
}

// True for key names that hold (or look like they hold) API credentials.
bool LooksLikeSecret(std::string_view key) {
  std::string norm;
  for (const char c : key) {
    if (c == '_' || c == '-' || c == '.' || c == ' ') continue;
    norm += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const auto contains = [&](std::string_view part) { return norm.find(part) != std::string::npos; };
  return contains("secret") || contains("passphrase") || contains("password") ||
         contains("apikey") || norm == "accesskey" || norm == "key";
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string DescribeType(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point: {
      const double v = node.as_floating_point()->get();
      if (std::isnan(v)) return "a floating-point number (nan)";
      if (std::isinf(v)) return "a floating-point number (inf)";
      return "a floating-point number";
    }
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string Join(std::span<const std::string_view> names) {
  std::string out;
  for (const std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

constexpr std::array<std::string_view, 2> kMarginCoins = {"USDT", "SUSDT"};

std::string_view MarginCoinFor(ProductType type) {
  return type == ProductType::kSusdtFutures ? kMarginCoins[1] : kMarginCoins[0];
}

// A parse in progress: the config with every valid value applied, and what was wrong.
struct Draft {
  Config config;
  std::vector<Violation> violations;
  bool mode_known = true;  // mode was absent or valid, so the credentials can be checked
};

// Walks the parsed TOML tree, applying values to a Draft and recording violations.
class Validator final : public internal::SectionReader {
 public:
  explicit Validator(Draft* draft) : draft_(draft) {}

  void Run(const toml::table& root) {
    Config& c = draft_->config;
    const Field root_fields[] = {
        {"mode",
         [&](const toml::node& n, const std::string& path) {
           auto mode = Enum<Mode>(n, path, ParseMode, ModeNames());
           if (mode) {
             c.mode = *mode;
           } else {
             draft_->mode_known = false;
           }
         }},
        {"log", [&](const toml::node& n, const std::string& path) { Log(n, path); }},
        {"venue", [&](const toml::node& n, const std::string& path) { Venue(n, path); }},
        {"emulator",
         [&](const toml::node& n, const std::string& path) {
           internal::ReadEmulator(*this, n, path, &c.emulator);
         }},
        {"universe",
         [&](const toml::node& n, const std::string& path) {
           internal::ReadUniverse(*this, n, path, &c.universe);
         }},
        {"run", [&](const toml::node& n,
                    const std::string& path) { internal::ReadRun(*this, n, path, &c.run); }},
        {"risk", [&](const toml::node& n,
                     const std::string& path) { internal::ReadRisk(*this, n, path, &c.risk); }},
        {"strategy",
         [&](const toml::node& n, const std::string& path) {
           internal::ReadStrategy(*this, n, path, &c.strategy);
         }},
    };
    ReadTable(root, "", root_fields);
    CrossChecks();
  }

 private:
  void Report(const std::string& path, std::string message) override {
    Add(path, std::move(message), LineOf(path));
  }

  void NoteLine(const std::string& path, std::uint32_t line) override { lines_[path] = line; }

  void Add(std::string path, std::string message, std::uint32_t line) {
    draft_->violations.push_back({std::move(path), std::move(message), line, 0});
  }

  std::uint32_t LineOf(const std::string& path) const {
    auto it = lines_.find(path);
    return it == lines_.end() ? 0 : it->second;
  }

  void ReadTable(const toml::table& table, std::string_view prefix,
                 std::span<const Field> fields) override {
    for (auto&& [key, node] : table) {
      const std::string path = JoinPath(prefix, key.str());
      const std::uint32_t line = key.source().begin.line;
      auto field = std::find_if(fields.begin(), fields.end(),
                                [&](const Field& f) { return f.key == key.str(); });
      // Only the emulator's accounts have credential fields (its own, not Bitget's).
      if (field == fields.end() && LooksLikeSecret(key.str())) {
        Add(path, std::string(kSecretInFile), line);
        continue;
      }
      if (field == fields.end()) {
        Add(path, "unknown key" + Suggestion(key.str(), fields), line);
        ScanForSecrets(node, path);
        continue;
      }
      lines_[path] = line;
      field->read(node, path);
    }
  }

  static std::string Suggestion(std::string_view key, std::span<const Field> fields) {
    std::string_view best;
    std::size_t best_distance = SIZE_MAX;
    for (const Field& f : fields) {
      // Close matches only: one edit per three characters ("rest_ulr" -> "rest_url").
      const std::size_t allowed = std::max<std::size_t>(1, std::min(key.size(), f.key.size()) / 3);
      const std::size_t d = EditDistance(key, f.key);
      if (d <= allowed && d < best_distance) {
        best_distance = d;
        best = f.key;
      }
    }
    if (!best.empty()) return " (did you mean \"" + std::string(best) + "\"?)";
    std::string known;
    for (const Field& f : fields) {
      known += known.empty() ? "" : ", ";
      known += f.key;
    }
    return " (known keys: " + known + ")";
  }

  // Reports credential-like keys anywhere below a node that is otherwise rejected.
  void ScanForSecrets(const toml::node& node, const std::string& path) {
    if (const toml::table* table = node.as_table()) {
      for (auto&& [key, child] : *table) {
        const std::string child_path = JoinPath(path, key.str());
        if (LooksLikeSecret(key.str())) {
          Add(child_path, std::string(kSecretInFile), key.source().begin.line);
        }
        ScanForSecrets(child, child_path);
      }
    } else if (const toml::array* array = node.as_array()) {
      for (std::size_t i = 0; i < array->size(); ++i) {
        ScanForSecrets((*array)[i], path + "[" + std::to_string(i) + "]");
      }
    }
  }

  void TypeError(const toml::node& node, const std::string& path,
                 std::string_view expected) override {
    Add(path, "expected " + std::string(expected) + ", got " + DescribeType(node), LineOf(path));
    ScanForSecrets(node, path);
  }

  std::optional<std::string> String(const toml::node& node, const std::string& path) override {
    if (const auto* s = node.as_string()) return s->get();
    TypeError(node, path, "a string");
    return std::nullopt;
  }

  std::optional<bool> Bool(const toml::node& node, const std::string& path) override {
    if (const auto* b = node.as_boolean()) return b->get();
    TypeError(node, path, "a boolean (true or false)");
    return std::nullopt;
  }

  std::optional<std::int64_t> Integer(const toml::node& node, const std::string& path,
                                      IntRange range) override {
    const auto* i = node.as_integer();
    if (i == nullptr) {
      TypeError(node, path, "an integer");
      return std::nullopt;
    }
    const std::int64_t v = i->get();
    if (v < range.min || v > range.max) {
      Add(path,
          "must be between " + std::to_string(range.min) + " and " + std::to_string(range.max) +
              " (got " + std::to_string(v) + ")",
          LineOf(path));
      return std::nullopt;
    }
    return v;
  }

  template <typename E>
  std::optional<E> Enum(const toml::node& node, const std::string& path,
                        std::optional<E> (*parse)(std::string_view),
                        std::span<const std::string_view> names) {
    auto text = String(node, path);
    if (!text) return std::nullopt;
    std::optional<E> value = parse(*text);
    if (!value) UnknownValue(*text, path, names);
    return value;
  }

  void UnknownValue(std::string_view text, const std::string& path,
                    std::span<const std::string_view> names) {
    Add(path,
        "unknown value \"" + Printable(text, kMaxEchoedValueChars) +
            "\" (expected one of: " + Join(names) + ")",
        LineOf(path));
  }

  void Url(const toml::node& node, const std::string& path, UrlKind kind, std::string* out) {
    auto text = String(node, path);
    if (!text) return;
    if (core::Status s = CheckVenueUrl(*text, kind); !s) {
      Add(path, s.error().message, LineOf(path));
      return;
    }
    *out = std::move(*text);
  }

  void Log(const toml::node& node, const std::string& path) {
    const toml::table* table = node.as_table();
    if (table == nullptr) return TypeError(node, path, "a table");
    LogConfig& log = draft_->config.log;
    const Field fields[] = {
        {"level",
         [&](const toml::node& n, const std::string& p) {
           if (auto v = Enum<LogLevel>(n, p, ParseLogLevel, LogLevelNames())) log.level = *v;
         }},
        {"file",
         [&](const toml::node& n, const std::string& p) {
           auto v = String(n, p);
           if (!v) return;
           if (v->empty()) {
             Add(p, "must not be empty (leave the key out to log to stderr only)", LineOf(p));
           } else if (std::any_of(v->begin(), v->end(),
                                  [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
             Add(p, "must not contain control characters", LineOf(p));
           } else {
             log.file = std::move(*v);
           }
         }},
    };
    ReadTable(*table, path, fields);
  }

  void Venue(const toml::node& node, const std::string& path) {
    const toml::table* table = node.as_table();
    if (table == nullptr) return TypeError(node, path, "a table");
    VenueConfig& venue = draft_->config.venue;
    const auto int_field = [&](std::int64_t* out, IntRange range) {
      return [this, out, range](const toml::node& n, const std::string& p) {
        if (auto v = Integer(n, p, range)) *out = *v;
      };
    };
    const Field fields[] = {
        {"rest_url", [&](const toml::node& n,
                         const std::string& p) { Url(n, p, UrlKind::kRest, &venue.rest_url); }},
        {"ws_public_url",
         [&](const toml::node& n, const std::string& p) {
           Url(n, p, UrlKind::kWebSocket, &venue.ws_public_url);
         }},
        {"ws_private_url",
         [&](const toml::node& n, const std::string& p) {
           Url(n, p, UrlKind::kWebSocket, &venue.ws_private_url);
         }},
        {"product_type",
         [&](const toml::node& n, const std::string& p) {
           if (auto v = Enum<ProductType>(n, p, ParseProductType, ProductTypeNames())) {
             venue.product_type = *v;
           }
         }},
        {"margin_coin",
         [&](const toml::node& n, const std::string& p) {
           auto v = String(n, p);
           if (!v) return;
           if (std::find(kMarginCoins.begin(), kMarginCoins.end(), *v) == kMarginCoins.end()) {
             UnknownValue(*v, p, kMarginCoins);
             return;
           }
           venue.margin_coin = std::move(*v);
         }},
        {"locale",
         [&](const toml::node& n, const std::string& p) {
           if (auto v = Enum<Locale>(n, p, ParseLocale, LocaleNames())) venue.locale = *v;
         }},
        {"demo_trading",
         [&](const toml::node& n, const std::string& p) {
           if (auto v = Bool(n, p)) {
             venue.demo_trading = *v;
             demo_trading_set_ = true;
           }
         }},
        {"connect_timeout_ms", int_field(&venue.connect_timeout_ms, kConnectTimeoutMsRange)},
        {"request_timeout_ms", int_field(&venue.request_timeout_ms, kRequestTimeoutMsRange)},
        {"max_clock_skew_ms", int_field(&venue.max_clock_skew_ms, kMaxClockSkewMsRange)},
    };
    ReadTable(*table, path, fields);
  }

  // Rules that tie several keys together; they run on the values that were valid.
  void CrossChecks() {
    Config& c = draft_->config;
    const std::string demo_path = "venue.demo_trading";
    if (c.mode == Mode::kDemo) {
      if (demo_trading_set_ && !c.venue.demo_trading) {
        Add(demo_path, "false contradicts mode = \"demo\" (demo mode always uses demo trading)",
            LineOf(demo_path));
      }
      c.venue.demo_trading = true;
    } else if (c.mode == Mode::kLive && c.venue.demo_trading) {
      Add(demo_path,
          "true is not allowed with mode = \"live\"; use mode = \"demo\" for demo trading",
          LineOf(demo_path));
    }
    if (c.venue.product_type == ProductType::kSusdtFutures && !c.venue.demo_trading) {
      const std::string path = "venue.product_type";
      Add(path,
          "SUSDT-FUTURES is the demo-trading product; use it with mode = \"demo\" (or "
          "venue.demo_trading = true)",
          LineOf(path));
    }
    if (c.venue.margin_coin != MarginCoinFor(c.venue.product_type)) {
      const std::string path = "venue.margin_coin";
      Add(path,
          "must be " + std::string(MarginCoinFor(c.venue.product_type)) + " for product_type " +
              std::string(ProductTypeName(c.venue.product_type)),
          LineOf(path));
    }
    if (c.run.leverage > c.risk.max_leverage) {
      // At run.leverage when the file sets it, else at the limit that it exceeds.
      const std::string leverage_path = "run.leverage";
      const std::string limit_path = "risk.max_leverage";
      const std::string& path =
          LineOf(leverage_path) != 0 || LineOf(limit_path) == 0 ? leverage_path : limit_path;
      const std::string leverage = std::to_string(c.run.leverage);
      const std::string limit = std::to_string(c.risk.max_leverage);
      Add(path,
          path == leverage_path ? leverage + " exceeds risk.max_leverage (" + limit + ")"
                                : limit + " is below run.leverage (" + leverage + ")",
          LineOf(path));
    }
  }

  Draft* draft_;
  std::map<std::string, std::uint32_t> lines_;  // key path -> line, for keys that were present
  bool demo_trading_set_ = false;
};

Draft Parse(std::string_view text, std::string_view source_name) {
  Draft draft;
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(source_name));
  } catch (const toml::parse_error& e) {
    draft.violations.push_back(
        {"", "syntax error: " + Printable(e.description(), kMaxEchoedMessageChars, Quoting::kNone),
         e.source().begin.line, e.source().begin.column});
    draft.mode_known = false;
    return draft;
  }
  Validator(&draft).Run(root);
  // File order first; violations not tied to a line (line 0) keep their order at the end.
  std::stable_sort(draft.violations.begin(), draft.violations.end(),
                   [](const Violation& a, const Violation& b) {
                     if ((a.line == 0) != (b.line == 0)) return b.line == 0;
                     return a.line < b.line;
                   });
  return draft;
}

// The file's contents, or nullopt after adding a violation that says why it cannot be read.
std::optional<std::string> ReadConfigFile(const fs::path& path, std::vector<Violation>* out) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (status.type() == fs::file_type::not_found) {
    out->push_back({"", "cannot read the config file: it does not exist", 0, 0});
    return std::nullopt;
  }
  if (status.type() == fs::file_type::directory) {
    out->push_back({"", "cannot read the config file: it is a directory", 0, 0});
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    out->push_back({"",
                    "cannot open the config file: " +
                        std::string(err != 0 ? std::strerror(err) : "unknown error"),
                    0, 0});
    return std::nullopt;
  }
  std::string text;
  char buf[8192];
  while (in.read(buf, sizeof(buf)) || in.gcount() > 0) {
    text.append(buf, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxConfigFileBytes) {
      out->push_back(
          {"", "the config file is larger than " + std::to_string(kMaxConfigFileBytes) + " bytes",
           0, 0});
      return std::nullopt;
    }
  }
  if (in.bad()) {
    out->push_back({"", "error while reading the config file", 0, 0});
    return std::nullopt;
  }
  return text;
}

core::Error Fail(std::string_view source, const std::vector<Violation>& found,
                 std::vector<Violation>* violations) {
  if (violations != nullptr) violations->insert(violations->end(), found.begin(), found.end());
  return ViolationsError(source, found);
}

}  // namespace

core::Result<Config> ParseConfig(std::string_view toml_text, std::vector<Violation>* violations,
                                 std::string_view source_name) {
  Draft draft = Parse(toml_text, source_name);
  if (!draft.violations.empty()) return Fail(source_name, draft.violations, violations);
  return std::move(draft.config);
}

core::Result<Config> LoadConfigFile(const std::filesystem::path& path,
                                    std::vector<Violation>* violations) {
  const std::string source = path.string();
  std::vector<Violation> found;
  std::optional<std::string> text = ReadConfigFile(path, &found);
  if (!text) return Fail(source, found, violations);
  return ParseConfig(*text, violations, source);
}

core::Result<Settings> LoadSettings(const std::optional<std::filesystem::path>& file,
                                    const EnvLookup& env, std::vector<Violation>* violations) {
  const std::string source = file ? file->string() : std::string("the defaults");
  Draft draft;
  if (file) {
    std::optional<std::string> text = ReadConfigFile(*file, &draft.violations);
    if (!text) return Fail(source, draft.violations, violations);
    draft = Parse(*text, source);
  }
  Settings settings;
  if (draft.mode_known) {
    auto credentials = LoadCredentials(draft.config, env, &draft.violations);
    if (credentials) settings.credentials = std::move(*credentials);
  }
  if (!draft.violations.empty()) return Fail(source, draft.violations, violations);
  settings.config = std::move(draft.config);
  return settings;
}

}  // namespace bgt::config
