#include "core/time.h"

#include <gtest/gtest.h>

namespace bgt::core {
namespace {

TEST(Timestamp, MillisecondsRoundTripAndIso8601) {
  const Timestamp t = Timestamp::FromMillis(1695806875837);
  EXPECT_EQ(t.millis(), 1695806875837);
  EXPECT_EQ(t.nanos(), 1695806875837000000);
  EXPECT_EQ(t.seconds(), 1695806875);
  EXPECT_EQ(t.ToIso8601(), "2023-09-27T09:27:55.837Z");
  EXPECT_EQ(Timestamp().ToIso8601(), "1970-01-01T00:00:00.000Z");
}

TEST(Timestamp, BeforeEpochFloors) {
  const Timestamp t = Timestamp::FromNanos(-1);
  EXPECT_EQ(t.millis(), -1);
  EXPECT_EQ(t.seconds(), -1);
  EXPECT_EQ(t.ToIso8601(), "1969-12-31T23:59:59.999Z");
}

TEST(Timestamp, ArithmeticWithDurations) {
  const Timestamp t = Timestamp::FromSeconds(10);
  EXPECT_EQ(t + std::chrono::milliseconds(1500), Timestamp::FromMillis(11500));
  EXPECT_EQ(Timestamp::FromSeconds(12) - t, std::chrono::seconds(2));
  EXPECT_LT(t, t + Duration(1));
}

}  // namespace
}  // namespace bgt::core
