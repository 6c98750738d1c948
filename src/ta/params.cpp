#include "ta/params.h"

#include <cmath>
#include <sstream>

namespace bgt::ta::internal {

core::Status CheckReal(std::string_view indicator, std::string_view name, double value, double low,
                       double high, bool low_inclusive) {
  const bool ok =
      std::isfinite(value) && (low_inclusive ? value >= low : value > low) && value <= high;
  if (ok) return core::Status::Ok();
  std::ostringstream out;
  out << indicator << ": " << name << " must be in " << (low_inclusive ? "[" : "(") << low << ", "
      << high << "], got " << value;
  return core::MakeError(core::ErrorCode::kInvalidArgument, out.str());
}

}  // namespace bgt::ta::internal
