#include "config/url.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace bgt::config {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(CheckVenueUrl, TlsIsAlwaysAllowed) {
  EXPECT_TRUE(CheckVenueUrl("https://api.bitget.com", UrlKind::kRest));
  EXPECT_TRUE(CheckVenueUrl("https://vip-api.bitget.com:443", UrlKind::kRest));
  EXPECT_TRUE(CheckVenueUrl("wss://ws.bitget.com/v2/ws/private", UrlKind::kWebSocket));
  EXPECT_TRUE(CheckVenueUrl("wss://wspap.bitget.com/v2/ws/public", UrlKind::kWebSocket));
}

TEST(CheckVenueUrl, PlainTextOnlyForLoopbackHosts) {
  EXPECT_TRUE(CheckVenueUrl("http://127.0.0.1:8080", UrlKind::kRest));
  EXPECT_TRUE(CheckVenueUrl("http://localhost:8080", UrlKind::kRest));
  EXPECT_TRUE(CheckVenueUrl("http://LOCALHOST", UrlKind::kRest));
  EXPECT_TRUE(CheckVenueUrl("http://[::1]:8080", UrlKind::kRest));
  EXPECT_TRUE(CheckVenueUrl("ws://127.0.0.1:8080/v2/ws/public", UrlKind::kWebSocket));

  const core::Status remote = CheckVenueUrl("http://api.bitget.com", UrlKind::kRest);
  ASSERT_FALSE(remote);
  EXPECT_EQ(remote.error().code, core::ErrorCode::kConfig);
  EXPECT_THAT(remote.error().message, HasSubstr("only allowed for a loopback host"));
  EXPECT_THAT(remote.error().message, HasSubstr("use https:// for api.bitget.com"));
  EXPECT_FALSE(CheckVenueUrl("ws://ws.bitget.com/v2/ws/public", UrlKind::kWebSocket));
  EXPECT_FALSE(CheckVenueUrl("http://10.0.0.1:8080", UrlKind::kRest));
  EXPECT_FALSE(CheckVenueUrl("http://127.0.0.2", UrlKind::kRest));
  EXPECT_FALSE(CheckVenueUrl("http://0.0.0.0", UrlKind::kRest));
}

TEST(CheckVenueUrl, LoopbackLookalikesAreRemote) {
  EXPECT_FALSE(CheckVenueUrl("http://localhost.evil.com", UrlKind::kRest));
  EXPECT_FALSE(CheckVenueUrl("http://127.0.0.1.nip.io", UrlKind::kRest));
  EXPECT_FALSE(CheckVenueUrl("http://127.0.0.1@evil.com", UrlKind::kRest));
  EXPECT_FALSE(CheckVenueUrl("http://evil.com#@127.0.0.1", UrlKind::kRest));
  EXPECT_FALSE(CheckVenueUrl("http://evil.com\\@127.0.0.1", UrlKind::kRest));
}

TEST(CheckVenueUrl, SchemeMustMatchTheKind) {
  EXPECT_FALSE(CheckVenueUrl("wss://ws.bitget.com/v2/ws/public", UrlKind::kRest));
  EXPECT_FALSE(CheckVenueUrl("https://api.bitget.com", UrlKind::kWebSocket));
  EXPECT_FALSE(CheckVenueUrl("ftp://api.bitget.com", UrlKind::kRest));
}

TEST(CheckVenueUrl, RestUrlIsAnOrigin) {
  EXPECT_FALSE(CheckVenueUrl("https://api.bitget.com/", UrlKind::kRest));
  EXPECT_FALSE(CheckVenueUrl("https://api.bitget.com/api/v2", UrlKind::kRest));
}

TEST(CheckVenueUrl, NeverRepeatsUserInfo) {
  const core::Status s = CheckVenueUrl("https://me:hunter2@api.bitget.com", UrlKind::kRest);
  ASSERT_FALSE(s);
  EXPECT_THAT(s.error().message, HasSubstr("user info"));
  EXPECT_THAT(s.error().message, Not(HasSubstr("hunter2")));
}

}  // namespace
}  // namespace bgt::config
