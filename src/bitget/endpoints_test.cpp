#include "bitget/endpoints.h"

#include <gtest/gtest.h>

#include <set>

#include "bitget/request.h"

namespace bgt::bitget {
namespace {

TEST(Endpoints, V2TableHasEveryEndpointOnceWithV2Paths) {
  auto table = EndpointTable(ApiGeneration::kV2Classic);
  ASSERT_TRUE(table.has_value());
  std::set<std::string_view> paths;
  const std::span<const EndpointSpec> rows = *table;
  for (const EndpointSpec& spec : rows) {
    EXPECT_TRUE(spec.path.starts_with("/api/v2/")) << spec.path;
    EXPECT_TRUE(spec.method == "GET" || spec.method == "POST") << spec.path;
    EXPECT_GE(spec.per_second, 1) << spec.path;
    EXPECT_TRUE(paths.insert(spec.path).second) << "duplicate " << spec.path;
    EXPECT_EQ(&SpecOf(spec.endpoint), &spec);
  }
  EXPECT_FALSE(EndpointTable(ApiGeneration::kV3Uta).has_value());
}

TEST(Endpoints, PublishedLimitsAndIdempotency) {
  EXPECT_EQ(SpecOf(Endpoint::kTickers).per_second, 20);
  EXPECT_EQ(SpecOf(Endpoint::kTickers).scope, RateScope::kIp);
  EXPECT_FALSE(SpecOf(Endpoint::kTickers).is_private);
  EXPECT_EQ(SpecOf(Endpoint::kPlaceOrder).per_second, 10);
  EXPECT_EQ(SpecOf(Endpoint::kPlaceOrder).scope, RateScope::kUid);
  EXPECT_FALSE(SpecOf(Endpoint::kPlaceOrder).idempotent);
  EXPECT_EQ(SpecOf(Endpoint::kSetLeverage).per_second, 5);
  EXPECT_EQ(SpecOf(Endpoint::kClosePositions).per_second, 1);
  EXPECT_FALSE(SpecOf(Endpoint::kClosePositions).idempotent);
  EXPECT_TRUE(SpecOf(Endpoint::kCancelOrder).idempotent);
  EXPECT_EQ(RateKey(SpecOf(Endpoint::kPlaceOrder)), "POST /api/v2/mix/order/place-order|uid");
}

TEST(Endpoints, ConfigureRateLimitsRegistersEveryKeyAndTheOverallCap) {
  net::RateLimiter limiter;
  ConfigureRateLimits(limiter, ApiGeneration::kV2Classic);
  const std::span<const EndpointSpec> table = EndpointTable(ApiGeneration::kV2Classic).value();
  for (const EndpointSpec& spec : table) {
    EXPECT_TRUE(limiter.Has(RateKey(spec))) << spec.path;
  }
  EXPECT_TRUE(limiter.Has(kGlobalIpRateKey));
  // close-positions: the second call in the same second waits a full second and the guard.
  const auto t0 = core::Timestamp::FromSeconds(100);
  const std::string key = RateKey(SpecOf(Endpoint::kClosePositions));
  EXPECT_EQ(limiter.Reserve({key, kGlobalIpRateKey}, t0), t0);
  EXPECT_EQ(limiter.Reserve({key, kGlobalIpRateKey}, t0),
            t0 + std::chrono::seconds(1) + kRateWindowGuard);
}

TEST(EncodedRequest, QueryIsSortedEncodedAndDropsEmptyValues) {
  EncodedRequest r;
  r.endpoint = Endpoint::kAccount;
  r.query = {{"symbol", "BTCUSDT"},
             {"productType", "USDT-FUTURES"},
             {"marginCoin", "USDT"},
             {"empty", ""}};
  EXPECT_EQ(r.QueryString(), "marginCoin=USDT&productType=USDT-FUTURES&symbol=BTCUSDT");
  EXPECT_EQ(r.Target(),
            "/api/v2/mix/account/account?marginCoin=USDT&productType=USDT-FUTURES&symbol=BTCUSDT");
  r.query = {{"a b", "x/y&z"}};
  EXPECT_EQ(r.QueryString(), "a%20b=x%2Fy%26z");
  r.query.clear();
  EXPECT_EQ(r.Target(), "/api/v2/mix/account/account") << "no trailing '?' (Bitget: 40009)";
  EXPECT_EQ(PercentEncode("Az09-._~"), "Az09-._~");
}

}  // namespace
}  // namespace bgt::bitget
