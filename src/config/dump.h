// The effective configuration as text, for `bgt config show` and for logs. Credentials are
// described separately (DescribeCredentials) and print only as "***"; the emulator's accounts
// print without their secret and passphrase.
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "bitget/credential.h"
#include "config/config.h"

namespace bgt::config {

// TOML text of every setting, including defaults (log.file only when set). Loading it back with
// ParseConfig yields an equal Config, except for emulator accounts other than the default one:
// they are listed as comments (name, api_key, usdt_deposit), never with their secrets.
std::string ToToml(const Config& config);

// The same settings as one JSON object: {"mode": ..., "log": {...}, "venue": {...},
// "emulator": {..., "accounts": [{"name", "api_key", "usdt_deposit"}], "faults": {...}},
// "universe": {...}, "run": {...}, "risk": {...}, "strategy": {...}}.
std::string ToJson(const Config& config);

// One line per credential variable, "BITGET_API_KEY = ***" or "BITGET_API_KEY = (not set)".
std::string DescribeCredentials(const bitget::Credentials& credentials);

}  // namespace bgt::config
