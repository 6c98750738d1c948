#include "core/time.h"

#include <cstdio>
#include <ostream>

namespace bgt::core {

std::string Timestamp::ToIso8601() const {
  using namespace std::chrono;
  const sys_time<milliseconds> tp{milliseconds(millis())};
  const auto day = floor<days>(tp);
  const year_month_day ymd{day};
  const hh_mm_ss<milliseconds> hms{tp - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%03ldZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), long(hms.hours().count()),
                long(hms.minutes().count()), long(hms.seconds().count()),
                long(hms.subseconds().count()));
  return buf;
}

std::ostream& operator<<(std::ostream& os, Timestamp t) { return os << t.ToIso8601(); }

}  // namespace bgt::core
