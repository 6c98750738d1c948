// ClientOidGenerator: unique, deterministic clientOids "<prefix>-<counter>" (counter in decimal,
// zero-padded to 8 digits) for every order bgt sends. The counter can be restored from the
// journal (Next() after Restore(n) yields n + 1), so ids never repeat across restarts.
// Thread-safety: not thread-safe; belongs to the kernel thread.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"

namespace bgt::execution {

class ClientOidGenerator {
 public:
  // Bitget accepts up to 50 characters; the prefix is 1..32 of [A-Za-z0-9_]. Error
  // (kInvalidArgument) otherwise.
  static core::Result<ClientOidGenerator> Create(std::string prefix, std::uint64_t last = 0);

  std::string Next();
  std::uint64_t last() const { return last_; }
  const std::string& prefix() const { return prefix_; }

 private:
  ClientOidGenerator(std::string prefix, std::uint64_t last)
      : prefix_(std::move(prefix)), last_(last) {}
  std::string prefix_;
  std::uint64_t last_;
};

}  // namespace bgt::execution
