// BGT_CHECK: always-on invariant checks. A failed check is a bug in bgt (time going backwards,
// negative quantity, an impossible state), never a reaction to bad input: it prints the location
// and message to stderr and aborts. Thread-safety: safe to use from any thread.
#pragma once

#include <string_view>

namespace bgt::core::internal {
[[noreturn]] void CheckFailed(const char* file, int line, std::string_view condition,
                              std::string_view message);
}  // namespace bgt::core::internal

#define BGT_CHECK(cond, msg)                                                \
  do {                                                                      \
    if (!(cond)) [[unlikely]] {                                             \
      ::bgt::core::internal::CheckFailed(__FILE__, __LINE__, #cond, (msg)); \
    }                                                                       \
  } while (false)
