#include "execution/client_oid.h"

#include <cstdio>

namespace bgt::execution {

core::Result<ClientOidGenerator> ClientOidGenerator::Create(std::string prefix,
                                                            std::uint64_t last) {
  bool ok = !prefix.empty() && prefix.size() <= 32;
  for (char c : prefix) {
    ok = ok &&
         ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
  }
  if (!ok) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "clientOid prefix must be 1..32 of [A-Za-z0-9_], got '" + prefix + "'");
  }
  return ClientOidGenerator(std::move(prefix), last);
}

std::string ClientOidGenerator::Next() {
  ++last_;
  char digits[24];
  std::snprintf(digits, sizeof digits, "%08llu", static_cast<unsigned long long>(last_));
  return prefix_ + "-" + digits;
}

}  // namespace bgt::execution
