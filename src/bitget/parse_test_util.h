// Test helpers of the bitget/ response-parser tests: recorded payloads from
// tests/fixtures/bitget/ and short ways to write expected values.
// Thread-safety: test-only free functions.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"

namespace bgt::bitget::testing {

// The fixture's text; an empty string (and a test failure) when it cannot be read.
inline std::string ReadFixture(std::string_view name) {
  const char* source_dir = std::getenv("BGT_SOURCE_DIR");
  if (source_dir == nullptr) {
    ADD_FAILURE() << "BGT_SOURCE_DIR is not set (CTest sets it; by hand: BGT_SOURCE_DIR=<repo>)";
    return "";
  }
  const auto path = std::filesystem::path(source_dir) / "tests" / "fixtures" / "bitget" / name;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot open " << path;
    return "";
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline core::Decimal D(std::string_view text) {
  auto value = core::Decimal::Parse(text);
  EXPECT_TRUE(value.has_value()) << text;
  return value.value_or(core::Decimal());
}

inline core::Timestamp Ms(std::int64_t ms) { return core::Timestamp::FromMillis(ms); }

// {"code":"00000","msg":"success","requestTime":1700000000000,"data":<data>}
inline std::string Envelope(std::string_view data) {
  return R"({"code":"00000","msg":"success","requestTime":1700000000000,"data":)" +
         std::string(data) + "}";
}

// Expects `result` to be a kInvalidArgument error whose message contains `part`.
template <typename T>
void ExpectInvalid(const core::Result<T>& result, std::string_view part) {
  ASSERT_FALSE(result.has_value()) << "parsed, expected an error containing: " << part;
  EXPECT_EQ(result.error().code, core::ErrorCode::kInvalidArgument) << result.error().ToString();
  EXPECT_NE(result.error().message.find(part), std::string::npos)
      << "message: " << result.error().message << "\nexpected to contain: " << part;
}

}  // namespace bgt::bitget::testing
