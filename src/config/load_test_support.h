// Helpers of the config loader tests: the violations a text yields, their paths, and the one
// violation at a path.
// Thread-safety: test code, one thread.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "config/load.h"

namespace bgt::config::test_support {

// The violations ParseConfig reports for `text` (empty when it is valid); a failure is always
// the one kConfig error.
inline std::vector<Violation> ViolationsOf(std::string_view text) {
  std::vector<Violation> v;
  auto result = ParseConfig(text, &v);
  EXPECT_EQ(result.has_value(), v.empty());
  if (!result) {
    EXPECT_EQ(result.error().code, core::ErrorCode::kConfig);
  }
  return v;
}

inline std::vector<std::string> Paths(const std::vector<Violation>& violations) {
  std::vector<std::string> out;
  for (const Violation& v : violations) out.push_back(v.path);
  return out;
}

// The one violation at `path`; fails the test when there is not exactly one.
inline Violation At(const std::vector<Violation>& violations, std::string_view path) {
  Violation found;
  int count = 0;
  for (const Violation& v : violations) {
    if (v.path == path) {
      found = v;
      ++count;
    }
  }
  EXPECT_EQ(count, 1) << path;
  return found;
}

// Expects exactly one violation at `path`, on `line`, whose message contains `text`.
inline void ExpectViolation(const std::vector<Violation>& violations, std::string_view path,
                            std::uint32_t line, std::string_view text) {
  const Violation v = At(violations, path);
  EXPECT_EQ(v.line, line) << path;
  EXPECT_THAT(v.message, ::testing::HasSubstr(std::string(text))) << path;
}

}  // namespace bgt::config::test_support
