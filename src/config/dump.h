// The effective configuration as text, for `bgt config show` and for logs. Config holds no
// secrets; credentials are described separately (DescribeCredentials) and print only as "***".
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "bitget/credential.h"
#include "config/config.h"

namespace bgt::config {

// TOML text of every setting, including defaults (log.file only when set). Loading it back with
// ParseConfig yields an equal Config.
std::string ToToml(const Config& config);

// The same settings as one JSON object: {"mode": ..., "log": {...}, "venue": {...}}.
std::string ToJson(const Config& config);

// One line per credential variable, "BITGET_API_KEY = ***" or "BITGET_API_KEY = (not set)".
std::string DescribeCredentials(const bitget::Credentials& credentials);

}  // namespace bgt::config
