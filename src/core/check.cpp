#include "core/check.h"

#include <cstdio>
#include <cstdlib>

namespace bgt::core::internal {

void CheckFailed(const char* file, int line, std::string_view condition, std::string_view message) {
  std::fprintf(stderr, "BGT_CHECK failed at %s:%d: %.*s: %.*s\n", file, line,
               static_cast<int>(condition.size()), condition.data(),
               static_cast<int>(message.size()), message.data());
  std::fflush(stderr);
  std::abort();
}

}  // namespace bgt::core::internal
