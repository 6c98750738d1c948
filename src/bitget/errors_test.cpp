#include "bitget/errors.h"

#include <gtest/gtest.h>

#include <string>

namespace bgt::bitget {
namespace {

TEST(BitgetErrors, KnownCodesMapToKindsAndRetryPolicies) {
  ASSERT_NE(LookupCode("45111"), nullptr);
  EXPECT_EQ(LookupCode("45111")->kind, core::ErrorCode::kVenueRejected);
  EXPECT_EQ(LookupCode("429")->retry, RetryPolicy::kAfterBackoff);
  EXPECT_EQ(LookupCode("40008")->retry, RetryPolicy::kResyncClock);
  EXPECT_EQ(LookupCode("45001")->retry, RetryPolicy::kTransient);
  EXPECT_EQ(LookupCode("43118")->kind, core::ErrorCode::kAlreadyExists);
  EXPECT_EQ(LookupCode("400172")->kind, core::ErrorCode::kVenueRejected);
  EXPECT_EQ(LookupCode("22002")->kind, core::ErrorCode::kNotFound);
  EXPECT_EQ(LookupCode("99999"), nullptr);
  EXPECT_EQ(LookupCode(""), nullptr);
}

TEST(BitgetErrors, VenueErrorCarriesCodeMessageAndStatus) {
  const core::Error e = VenueError("40808", "Parameter verification exception", 400, "place-order");
  EXPECT_EQ(e.code, core::ErrorCode::kVenueRejected);
  EXPECT_EQ(e.venue_code, "40808");
  EXPECT_EQ(e.http_status, 400);
  EXPECT_EQ(e.message, "place-order: Parameter verification exception");
  EXPECT_EQ(RetryPolicyOf(e), RetryPolicy::kNever);

  const core::Error throttled = VenueError("429", "", 429);
  EXPECT_EQ(throttled.code, core::ErrorCode::kRateLimited);
  EXPECT_EQ(throttled.message, "too many requests");
  EXPECT_EQ(RetryPolicyOf(throttled), RetryPolicy::kAfterBackoff);

  const core::Error unknown = VenueError("12345", "", 200);
  EXPECT_EQ(unknown.code, core::ErrorCode::kVenueRejected);
  EXPECT_EQ(unknown.message, "(no message)");
}

TEST(BitgetErrors, HostileMessagesAreCapped) {
  const core::Error e = VenueError("40808", std::string(100000, 'x'), 400);
  EXPECT_LT(e.message.size(), 400u);
}

}  // namespace
}  // namespace bgt::bitget
