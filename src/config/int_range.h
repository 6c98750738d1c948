// IntRange: the inclusive bounds of an integer setting, shared by the validator, the docs and
// the tests of every config section.
// Thread-safety: plain value type.
#pragma once

#include <cstdint>

namespace bgt::config {

struct IntRange {
  std::int64_t min;
  std::int64_t max;
};

}  // namespace bgt::config
