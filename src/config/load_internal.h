// Internal to src/config: the reading primitives the TOML validator (load.cpp) offers to the
// readers of its sections, so a section can live in a file of its own (load_emulator.cpp).
// Not a public header: it includes toml++.
// Thread-safety: a reader belongs to one parse.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "config/config.h"

namespace bgt::config::internal {

class SectionReader {
 public:
  using Reader = std::function<void(const toml::node&, const std::string& path)>;
  struct Field {
    std::string_view key;
    Reader read;
  };

  virtual ~SectionReader() = default;

  // Records a violation at `path` (its line, when the key was present).
  virtual void Report(const std::string& path, std::string message) = 0;
  // Ties `path` (an array item, "run.symbols[2]") to `line`, for the violations reported there.
  virtual void NoteLine(const std::string& path, std::uint32_t line) = 0;
  // Applies `fields` to the keys of `table`; unknown keys and credential-looking keys that are
  // not fields are violations.
  virtual void ReadTable(const toml::table& table, std::string_view prefix,
                         std::span<const Field> fields) = 0;
  virtual void TypeError(const toml::node& node, const std::string& path,
                         std::string_view expected) = 0;
  // The value, or nullopt after recording a violation.
  virtual std::optional<std::string> String(const toml::node& node, const std::string& path) = 0;
  virtual std::optional<bool> Bool(const toml::node& node, const std::string& path) = 0;
  virtual std::optional<std::int64_t> Integer(const toml::node& node, const std::string& path,
                                              IntRange range) = 0;
};

// Reads the [emulator] table at `path` into `out`.
void ReadEmulator(SectionReader& reader, const toml::node& node, const std::string& path,
                  EmulatorConfig* out);

// `path` + "[i]".
std::string IndexPath(const std::string& path, std::size_t i);

}  // namespace bgt::config::internal
