// Internal to src/config: reading and dumping the [run], [risk] and [strategy] sections
// (run_config.h, risk/risk_config.h, strategy_config.h). Not a public header: it includes toml++.
// Thread-safety: pure functions; a reader belongs to one parse.
#pragma once

#include <string>

#include "config/load_internal.h"
#include "config/run_config.h"
#include "config/strategy_config.h"
#include "risk/risk_config.h"

namespace bgt::config::internal {

// Read the table at `path` into `out`, reporting every problem (the engines' own rules are
// checked on the result, per key). Cross-section rules (run.leverage <= risk.max_leverage) are
// checked by the caller.
void ReadRun(SectionReader& reader, const toml::node& node, const std::string& path,
             RunConfig* out);
void ReadRisk(SectionReader& reader, const toml::node& node, const std::string& path,
              risk::RiskConfig* out);
void ReadStrategy(SectionReader& reader, const toml::node& node, const std::string& path,
                  StrategyConfig* out);

// The sections as TOML tables (for `bgt config show`); they read back to equal values.
toml::table RunTable(const RunConfig& run);
toml::table RiskTable(const risk::RiskConfig& risk);
toml::table StrategyTable(const StrategyConfig& strategy);

}  // namespace bgt::config::internal
