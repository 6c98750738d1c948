#include "core/result.h"

#include <gtest/gtest.h>

#include <string>

namespace bgt::core {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return MakeError(ErrorCode::kInvalidArgument, "odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  auto h = Half(x);
  BGT_RETURN_IF_ERROR(h);
  return Half(*h);
}

TEST(Result, HoldsValueOrError) {
  auto ok = Half(4);
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(*ok, 2);
  auto bad = Half(3);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.value_or(-1), -1);
}

TEST(Result, ReturnIfErrorPropagates) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_EQ(Quarter(6).error().message, "odd");
  EXPECT_EQ(Quarter(3).error().message, "odd");
}

TEST(Error, ToStringCarriesVenueCodeAndHttpStatus) {
  Error e{ErrorCode::kVenueRejected, "less than the minimum order quantity", "45111", 400};
  EXPECT_EQ(e.ToString(),
            "venue rejected: less than the minimum order quantity [venue 45111] "
            "(HTTP 400)");
  EXPECT_EQ(Status().ToString(), "OK");
  EXPECT_EQ(Status(MakeError(ErrorCode::kTimeout, "x")).ToString(), "timeout: x");
}

TEST(ResultDeathTest, ValueOfAnErrorAborts) {
  EXPECT_DEATH({ (void)Half(3).value(); }, "odd");
}

}  // namespace
}  // namespace bgt::core
