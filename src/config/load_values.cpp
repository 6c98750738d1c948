// Value readers shared by the [run], [risk] and [strategy] sections (load_values.h).
#include "config/load_values.h"

#include <algorithm>
#include <cmath>

namespace bgt::config::internal {
namespace {

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// True when `text` contains `word` delimited by non-word characters.
bool MentionsWord(std::string_view text, std::string_view word) {
  for (std::size_t at = text.find(word); at != std::string_view::npos;
       at = text.find(word, at + 1)) {
    const bool starts = at == 0 || !IsWordChar(text[at - 1]);
    const std::size_t end = at + word.size();
    const bool ends = end == text.size() || !IsWordChar(text[end]);
    if (starts && ends) return true;
  }
  return false;
}

std::string_view Trim(std::string_view text) {
  const std::size_t start = text.find_first_not_of(" \n\t");
  if (start == std::string_view::npos) return {};
  const std::size_t end = text.find_last_not_of(" \n\t");
  return text.substr(start, end - start + 1);
}

}  // namespace

std::string Echo(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, 64)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u < 0x7f && c != '"' && c != '\\') ? c : '?';
  }
  if (text.size() > 64) out += "...";
  return out;
}

std::optional<core::Decimal> ReadDecimal(SectionReader& r, const toml::node& node,
                                         const std::string& path) {
  core::Result<core::Decimal> d = core::Decimal();
  if (const auto* s = node.as_string()) {
    d = core::Decimal::Parse(s->get());
  } else if (const auto* i = node.as_integer()) {
    d = core::Decimal::FromInt(i->get());
  } else if (const auto* f = node.as_floating_point()) {
    if (!std::isfinite(f->get())) {
      r.Report(path, "must be a finite number");
      return std::nullopt;
    }
    d = core::Decimal::FromDouble(f->get(), 12);
    if (d) d = d->Normalized();
  } else {
    r.TypeError(node, path, "a decimal (\"0.001\", 5 or 0.5)");
    return std::nullopt;
  }
  if (!d) {
    r.Report(path, "not a valid decimal: " + d.error().message);
    return std::nullopt;
  }
  return *d;
}

std::optional<double> ReadNumber(SectionReader& r, const toml::node& node,
                                 const std::string& path) {
  double v = 0;
  if (const auto* i = node.as_integer()) {
    v = static_cast<double>(i->get());
  } else if (const auto* f = node.as_floating_point()) {
    v = f->get();
  } else {
    r.TypeError(node, path, "a number");
    return std::nullopt;
  }
  if (!std::isfinite(v)) {
    r.Report(path, "must be a finite number");
    return std::nullopt;
  }
  return v;
}

std::optional<std::vector<std::string>> ReadSymbols(SectionReader& r, const toml::node& node,
                                                    const std::string& path,
                                                    std::size_t max_symbols) {
  const toml::array* array = node.as_array();
  if (array == nullptr) {
    r.TypeError(node, path, "an array of symbols");
    return std::nullopt;
  }
  if (array->size() > max_symbols) {
    r.Report(path, "more than " + std::to_string(max_symbols) + " symbols");
    return std::nullopt;
  }
  std::vector<std::string> symbols;
  bool valid = true;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string item_path = IndexPath(path, i);
    r.NoteLine(item_path, (*array)[i].source().begin.line);
    auto s = r.String((*array)[i], item_path);
    if (!s) {
      valid = false;
      continue;
    }
    const bool ok = !s->empty() && s->size() <= 32 && std::all_of(s->begin(), s->end(), [](char c) {
      return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    });
    if (!ok) {
      r.Report(item_path, "\"" + Echo(*s) +
                              "\" is not a symbol (upper-case letters and digits, e.g. "
                              "\"BTCUSDT\")");
      valid = false;
      continue;
    }
    if (std::find(symbols.begin(), symbols.end(), *s) != symbols.end()) {
      r.Report(item_path, "duplicate symbol \"" + *s + "\"");
      valid = false;
      continue;
    }
    symbols.push_back(std::move(*s));
  }
  if (!valid) return std::nullopt;
  return symbols;
}

std::optional<std::string> ReadPath(SectionReader& r, const toml::node& node,
                                    const std::string& path) {
  auto v = r.String(node, path);
  if (!v) return std::nullopt;
  if (std::any_of(v->begin(), v->end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    r.Report(path, "must not contain control characters");
    return std::nullopt;
  }
  return v;
}

std::vector<std::string> SplitProblems(std::string_view message, std::string_view prefix,
                                       std::string_view separator) {
  if (message.substr(0, prefix.size()) == prefix) message.remove_prefix(prefix.size());
  std::vector<std::string> out;
  while (!message.empty()) {
    const std::size_t at = message.find(separator);
    const std::string_view part = Trim(message.substr(0, at));
    if (!part.empty()) out.emplace_back(part);
    if (at == std::string_view::npos) break;
    message.remove_prefix(at + separator.size());
  }
  return out;
}

void ReportProblems(SectionReader& r, const std::string& section,
                    const std::vector<std::string>& problems,
                    std::span<const std::pair<std::string_view, std::string_view>> keys,
                    const std::set<std::string, std::less<>>& present) {
  const auto key_of = [&](std::string_view field) {
    for (const auto& [name, key] : keys) {
      if (name == field) return std::string(key);
    }
    return std::string(field);
  };
  for (const std::string& problem : problems) {
    const std::size_t colon = problem.find(": ");
    if (colon == std::string::npos) {
      r.Report(section, problem);
      continue;
    }
    const std::string fields_text = problem.substr(0, colon);
    const std::string text = problem.substr(colon + 2);
    // Candidate keys: the problem's fields, then the keys its text mentions.
    std::vector<std::string> candidates;
    for (std::string_view rest = fields_text; !rest.empty();) {
      const std::size_t comma = rest.find(',');
      const std::string_view field = Trim(rest.substr(0, comma));
      if (!field.empty()) candidates.push_back(key_of(field));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    for (const auto& [name, key] : keys) {
      if (MentionsWord(text, name)) candidates.emplace_back(key);
    }
    for (const std::string& key : present) {
      if (MentionsWord(text, key)) candidates.push_back(key);
    }
    std::string at = candidates.empty() ? std::string() : candidates.front();
    for (const std::string& key : candidates) {
      if (present.count(key) != 0) {
        at = key;
        break;
      }
    }
    // The bare text when it is reported at its one field; otherwise it names its fields.
    const bool own_key = fields_text.find(',') == std::string::npos && !candidates.empty() &&
                         at == candidates.front();
    const std::string path = at.empty() ? section : section + "." + at;
    r.Report(path, own_key ? text : fields_text + ": " + text);
  }
}

}  // namespace bgt::config::internal
