// Internal to src/config: reading and dumping the [universe] section (universe_config.h).
// Not a public header: it includes toml++ (through load_internal.h).
// Thread-safety: pure functions; a reader belongs to one parse.
#pragma once

#include <string>

#include "config/load_internal.h"
#include "config/universe_config.h"

namespace bgt::config::internal {

// Reads the [universe] table at `path` into `out`, then reports every problem
// market::ValidateParams finds in the result (under `path`).
void ReadUniverse(SectionReader& reader, const toml::node& node, const std::string& path,
                  UniverseConfig* out);

// The section as a TOML table (for `bgt config show`).
toml::table UniverseTable(const UniverseConfig& universe);

}  // namespace bgt::config::internal
