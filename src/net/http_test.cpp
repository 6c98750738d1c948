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

TEST(ParseUrl, RejectsWhatIsNotAPlainAbsoluteWebUrl) {
  for (std::string_view bad : {"",
                               "api.bitget.com",
                               "/api/v2",
                               "ftp://x.y",
                               "http://",
                               "https://:443",
                               "://x",
                               "http://host:99999",
                               "http://host:0",
                               "https://a b.com",
                               "https://host:12x",
                               "https://host:",
                               "https://[::1",
                               "https://[::1]x",
                               "https://[zz]",
                               "https://h\xc3\xa9.com",
                               "https://host/\n",
                               "https://host?x=1",
                               "https://host#frag",
                               "1https://host",
                               "http://127.0.0.1@evil.com",
                               "http://evil.com#@127.0.0.1",
                               "http://evil.com\\@127.0.0.1"}) {
    EXPECT_FALSE(ParseUrl(bad).has_value()) << bad;
  }
}

TEST(ParseUrl, LowerCasesAndUnbracketsHosts) {
  auto u = ParseUrl("WSS://WS.Bitget.com:443/v2/ws/public");
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->scheme, "wss");
  EXPECT_EQ(u->host, "ws.bitget.com");
  auto v6 = ParseUrl("http://[::1]:8080");
  ASSERT_TRUE(v6.has_value());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_TRUE(v6->Loopback());
  EXPECT_EQ(v6->Origin(), "http://[::1]:8080");
  EXPECT_FALSE(ParseUrl("http://localhost.evil.com")->Loopback());
  EXPECT_FALSE(ParseUrl("http://127.0.0.2")->Loopback());
}

TEST(ParseUrl, ErrorsNeverRepeatUserInfo) {
  auto u = ParseUrl("https://me:hunter2@api.bitget.com");
  ASSERT_FALSE(u.has_value());
  EXPECT_NE(u.error().message.find("user info"), std::string::npos);
  EXPECT_EQ(u.error().message.find("hunter2"), std::string::npos);
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
