#include "net/http.h"

#include <gtest/gtest.h>

namespace bgt::net {
namespace {

TEST(ParseUrl, DefaultsPortsAndKeepsPath) {
  auto u = ParseUrl("https://api.bitget.com");
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "api.bitget.com");
  EXPECT_EQ(u->port, 443);
  EXPECT_TRUE(u->Tls());
  EXPECT_FALSE(u->Loopback());
  auto w = ParseUrl("ws://127.0.0.1:8081/v2/ws/public");
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->port, 8081);
  EXPECT_EQ(w->path, "/v2/ws/public");
  EXPECT_TRUE(w->Loopback());
  EXPECT_FALSE(w->Tls());
  EXPECT_EQ(ParseUrl("HTTP://localhost")->scheme, "http");
}

TEST(ParseUrl, RejectsWhatIsNotAnAbsoluteWebUrl) {
  for (const char* s : {"", "api.bitget.com", "/api/v2", "ftp://x.y", "http://", "https://:443",
                        "http://host:99999", "http://host:0"}) {
    EXPECT_FALSE(ParseUrl(s).has_value()) << s;
  }
}

TEST(HttpRequest, SplitsPathAndQuery) {
  HttpRequest r;
  r.target = "/a/b?x=1&y=2";
  EXPECT_EQ(r.Path(), "/a/b");
  EXPECT_EQ(r.Query(), "x=1&y=2");
  r.target = "/a";
  EXPECT_EQ(r.Query(), "");
}

}  // namespace
}  // namespace bgt::net
