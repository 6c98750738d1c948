// Small text helpers shared by the model's parsers and error messages (internal to model/).
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.h"

namespace bgt::model::internal {

constexpr char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

// `text` in double quotes for error messages: printable ASCII kept, other bytes as \xNN, cut
// after 40 characters with "..." so a hostile payload cannot flood a log line.
inline std::string Quoted(std::string_view text) {
  constexpr std::size_t kMaxShown = 40;
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size() && i < kMaxShown; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      out += static_cast<char>(c);
    } else {
      constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  if (text.size() > kMaxShown) out += "...";
  out += '"';
  return out;
}

// Finds `text` (ASCII case-insensitive) among (name, value) pairs. Error (kInvalidArgument):
// "unknown <kind> \"<text>\"".
template <typename E, std::size_t N>
core::Result<E> Lookup(std::string_view kind,
                       const std::array<std::pair<std::string_view, E>, N>& names,
                       std::string_view text) {
  for (const auto& [name, value] : names) {
    if (EqualsIgnoreCase(name, text)) return value;
  }
  return core::MakeError(core::ErrorCode::kInvalidArgument,
                         "unknown " + std::string(kind) + " " + Quoted(text));
}

// The first name listed for `value`, or "?" when absent.
template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<std::string_view, E>, N>& names, E value) {
  for (const auto& [name, v] : names) {
    if (v == value) return name;
  }
  return "?";
}

}  // namespace bgt::model::internal
