#include "bitget/credential.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace bgt::bitget {
namespace {

using core::ErrorCode;
using core::Secret;
using core::Timestamp;

// bitget-api.md §4.2 (secret "testsecret", ts 1700000000000).
constexpr std::string_view kDocSecret = "testsecret";
constexpr std::string_view kDocTs = "1700000000000";
constexpr std::string_view kDocGetPath = "/api/v2/mix/account/account";
constexpr std::string_view kDocGetQuery = "marginCoin=USDT&productType=USDT-FUTURES&symbol=BTCUSDT";
constexpr std::string_view kDocGetSign = "F81/psY+b4KuAtr3VUXPd/03PpSCTtD4BX8+0Aws9fU=";
constexpr std::string_view kPlaceOrderPath = "/api/v2/mix/order/place-order";
constexpr std::string_view kDocPostBody =
    R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginMode":"crossed","marginCoin":"USDT",)"
    R"("size":"0.001","price":"25000","side":"buy","orderType":"limit","force":"gtc",)"
    R"("clientOid":"test-1"})";
constexpr std::string_view kDocPostSign = "7sTvcUHRW7edgaxfupun3UpmX8sZMBFTGKp/3AaucG4=";
constexpr std::string_view kDocWsSign = "7yvssn19Hr3vxrE80AxY85uruo3euy+gZGqusHm7oc8=";

Credentials DocCredentials() {
  return Credentials{Secret("testkey"), Secret(std::string(kDocSecret)), Secret("testpass")};
}

const Header* FindHeader(const std::vector<Header>& headers, std::string_view name) {
  const auto it = std::find_if(headers.begin(), headers.end(),
                               [name](const Header& h) { return h.name == name; });
  return it == headers.end() ? nullptr : &*it;
}

TEST(HmacSha256Base64Test, Rfc4231Case2) {
  EXPECT_EQ(HmacSha256Base64("what do ya want for nothing?", Secret("Jefe")),
            "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
}

TEST(HmacSha256Base64Test, EmptyMessageAndEmptyKey) {
  // HMAC-SHA256("", "") = b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad.
  EXPECT_EQ(HmacSha256Base64("", Secret()), "thNnmggU2ex3L5XXeMNfxf8Wl8STcVZTxscSFEKSxa0=");
}

TEST(RestPrehashTest, GetWithQueryJoinsWithQuestionMark) {
  EXPECT_EQ(RestPrehash(kDocTs, "GET", kDocGetPath, kDocGetQuery, ""),
            "1700000000000GET/api/v2/mix/account/account?"
            "marginCoin=USDT&productType=USDT-FUTURES&symbol=BTCUSDT");
}

TEST(RestPrehashTest, EmptyQueryHasNoQuestionMark) {
  EXPECT_EQ(RestPrehash(kDocTs, "GET", "/api/v2/mix/position/all-position", "", ""),
            "1700000000000GET/api/v2/mix/position/all-position");
}

TEST(RestPrehashTest, PostAppendsBodyVerbatim) {
  EXPECT_EQ(RestPrehash("1", "POST", "/p", "", R"({"a":"b"})"), R"(1POST/p{"a":"b"})");
}

TEST(SignRestTest, DocGetVector) {
  EXPECT_EQ(SignRest(kDocTs, "GET", kDocGetPath, kDocGetQuery, "", Secret(std::string(kDocSecret))),
            kDocGetSign);
}

TEST(SignRestTest, DocPostVector) {
  EXPECT_EQ(
      SignRest(kDocTs, "POST", kPlaceOrderPath, "", kDocPostBody, Secret(std::string(kDocSecret))),
      kDocPostSign);
}

TEST(SignRestTest, GetWithoutParamsSignsPathOnly) {
  // printf '%s' '1700000000000GET/api/v2/mix/position/all-position' |
  //   openssl dgst -sha256 -hmac testsecret -binary | base64
  EXPECT_EQ(SignRest(kDocTs, "GET", "/api/v2/mix/position/all-position", "", "",
                     Secret(std::string(kDocSecret))),
            "YMda1PoKR+DG5ATM0qGvIvDLgGFIjBiOm4id3hv2j9g=");
}

TEST(SignRestTest, DepsPostVector) {
  // deps.md §3, secret "test-secret", ts 1695806875837.
  EXPECT_EQ(SignRest("1695806875837", "POST", kPlaceOrderPath, "",
                     R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginMode":"isolated",)"
                     R"("marginCoin":"USDT","size":"0.001","side":"buy","orderType":"market"})",
                     Secret("test-secret")),
            "5DQggqqbxRC18WjDXbyKZvpx2qpV306iMNpN6UKsaro=");
}

TEST(SignRestTest, DepsGetVector) {
  EXPECT_EQ(SignRest("1695806875837", "GET", "/api/v2/mix/account/accounts",
                     "productType=USDT-FUTURES", "", Secret("test-secret")),
            "oavIgfbS8S4qVcTEokGKXAJtvoivEnhpWmpVJq9ORoA=");
}

TEST(SignWsLoginTest, DocVectorUsesSeconds) {
  EXPECT_EQ(SignWsLogin("1700000000", Secret(std::string(kDocSecret))), kDocWsSign);
}

TEST(SignedHeadersTest, DocPostHeaders) {
  auto headers = SignedHeaders(DocCredentials(), Timestamp::FromMillis(1700000000000), "POST",
                               kPlaceOrderPath, "", kDocPostBody);
  ASSERT_TRUE(headers.has_value()) << headers.error().ToString();
  const std::vector<std::pair<std::string, std::string>> want = {
      {"ACCESS-KEY", "testkey"},
      {"ACCESS-SIGN", std::string(kDocPostSign)},
      {"ACCESS-TIMESTAMP", "1700000000000"},
      {"ACCESS-PASSPHRASE", "testpass"},
      {"Content-Type", "application/json"},
      {"locale", "en-US"},
  };
  ASSERT_EQ(headers->size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ((*headers)[i].name, want[i].first);
    EXPECT_EQ((*headers)[i].value, want[i].second) << want[i].first;
  }
  EXPECT_EQ(FindHeader(*headers, "paptrading"), nullptr);
}

TEST(SignedHeadersTest, DocGetHeaders) {
  auto headers = SignedHeaders(DocCredentials(), Timestamp::FromMillis(1700000000000), "GET",
                               kDocGetPath, kDocGetQuery, "");
  ASSERT_TRUE(headers.has_value()) << headers.error().ToString();
  const Header* sign = FindHeader(*headers, "ACCESS-SIGN");
  ASSERT_NE(sign, nullptr);
  EXPECT_EQ(sign->value, kDocGetSign);
}

TEST(SignedHeadersTest, TimestampIsWholeMillisecondsOfTheGivenTime) {
  const Timestamp ts = Timestamp::FromNanos(1'700'000'000'000'999'999);
  auto headers = SignedHeaders(DocCredentials(), ts, "GET", kDocGetPath, kDocGetQuery, "");
  ASSERT_TRUE(headers.has_value());
  EXPECT_EQ(FindHeader(*headers, "ACCESS-TIMESTAMP")->value, "1700000000000");
  EXPECT_EQ(FindHeader(*headers, "ACCESS-SIGN")->value, kDocGetSign);
}

TEST(SignedHeadersTest, SensitiveFlags) {
  auto headers = SignedHeaders(DocCredentials(), Timestamp::FromMillis(1700000000000), "GET",
                               kDocGetPath, kDocGetQuery, "");
  ASSERT_TRUE(headers.has_value());
  for (const Header& h : *headers) {
    const bool want_sensitive =
        h.name == "ACCESS-KEY" || h.name == "ACCESS-SIGN" || h.name == "ACCESS-PASSPHRASE";
    EXPECT_EQ(h.sensitive, want_sensitive) << h.name;
  }
}

TEST(SignedHeadersTest, DemoAddsPaptrading) {
  HeaderOptions options;
  options.demo_trading = true;
  auto headers = SignedHeaders(DocCredentials(), Timestamp::FromMillis(1700000000000), "POST",
                               kPlaceOrderPath, "", kDocPostBody, options);
  ASSERT_TRUE(headers.has_value());
  const Header* pap = FindHeader(*headers, "paptrading");
  ASSERT_NE(pap, nullptr);
  EXPECT_EQ(pap->value, "1");
  EXPECT_FALSE(pap->sensitive);
  // Demo changes no signature: the prehash has no header in it.
  EXPECT_EQ(FindHeader(*headers, "ACCESS-SIGN")->value, kDocPostSign);
}

TEST(SignedHeadersTest, LocaleOptionAndEmptyLocaleOmitted) {
  HeaderOptions options;
  options.locale = "zh-CN";
  auto zh = SignedHeaders(DocCredentials(), Timestamp::FromMillis(1700000000000), "GET",
                          kDocGetPath, kDocGetQuery, "", options);
  ASSERT_TRUE(zh.has_value());
  EXPECT_EQ(FindHeader(*zh, "locale")->value, "zh-CN");

  options.locale.clear();
  auto none = SignedHeaders(DocCredentials(), Timestamp::FromMillis(1700000000000), "GET",
                            kDocGetPath, kDocGetQuery, "", options);
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(FindHeader(*none, "locale"), nullptr);
}

TEST(SignedHeadersTest, RejectsIncompleteCredentials) {
  const Credentials full = DocCredentials();
  const std::vector<std::pair<Credentials, std::string>> cases = {
      {Credentials{Secret(), full.secret, full.passphrase}, "api key"},
      {Credentials{full.api_key, Secret(), full.passphrase}, "secret"},
      {Credentials{full.api_key, full.secret, Secret()}, "passphrase"},
      {Credentials{}, "api key, secret, passphrase"},
  };
  for (const auto& [credentials, missing] : cases) {
    auto headers = SignedHeaders(credentials, Timestamp::FromMillis(1700000000000), "GET",
                                 kDocGetPath, kDocGetQuery, "");
    ASSERT_FALSE(headers.has_value()) << missing;
    EXPECT_EQ(headers.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(headers.error().message.find("missing " + missing), std::string::npos)
        << headers.error().message;
    EXPECT_EQ(headers.error().message.find("testsecret"), std::string::npos);
    EXPECT_EQ(headers.error().message.find("testpass"), std::string::npos);
    EXPECT_EQ(headers.error().message.find("testkey"), std::string::npos);
  }
}

TEST(SignedHeadersTest, RejectsLowerCaseAndUnknownMethods) {
  for (std::string_view method : {"get", "post", "Post", "", "PATCH", "GET ", "CONNECT"}) {
    auto headers = SignedHeaders(DocCredentials(), Timestamp::FromMillis(1700000000000), method,
                                 kDocGetPath, kDocGetQuery, "");
    ASSERT_FALSE(headers.has_value()) << method;
    EXPECT_EQ(headers.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(headers.error().message.find("upper-case"), std::string::npos);
  }
}

TEST(SignedHeadersTest, RejectsBadPathQueryTimestamp) {
  const Credentials c = DocCredentials();
  const Timestamp ts = Timestamp::FromMillis(1700000000000);
  EXPECT_FALSE(SignedHeaders(c, ts, "GET", "", "", "").has_value());
  EXPECT_FALSE(SignedHeaders(c, ts, "GET", "api/v2/mix/account/account", "", "").has_value());
  EXPECT_FALSE(SignedHeaders(c, ts, "GET", kDocGetPath, "?symbol=BTCUSDT", "").has_value());
  EXPECT_FALSE(SignedHeaders(c, Timestamp(), "GET", kDocGetPath, "", "").has_value());
  EXPECT_FALSE(SignedHeaders(c, Timestamp::FromMillis(-5), "GET", kDocGetPath, "", "").has_value());
}

TEST(SignedHeadersTest, RejectsControlCharactersInHeaderValues) {
  const Credentials full = DocCredentials();
  const Timestamp ts = Timestamp::FromMillis(1700000000000);
  auto key = SignedHeaders(Credentials{Secret("key\r\nX-Evil: 1"), full.secret, full.passphrase},
                           ts, "GET", kDocGetPath, "", "");
  ASSERT_FALSE(key.has_value());
  EXPECT_EQ(key.error().message.find("Evil"), std::string::npos);
  auto pass = SignedHeaders(Credentials{full.api_key, full.secret, Secret("pa\nss")}, ts, "GET",
                            kDocGetPath, "", "");
  EXPECT_FALSE(pass.has_value());
  HeaderOptions options;
  options.locale = "en-US\r\n";
  EXPECT_FALSE(SignedHeaders(full, ts, "GET", kDocGetPath, "", "", options).has_value());
}

TEST(RedactedHeadersTest, HidesKeySignPassphraseAndSecret) {
  HeaderOptions options;
  options.demo_trading = true;
  auto headers = SignedHeaders(DocCredentials(), Timestamp::FromMillis(1700000000000), "POST",
                               kPlaceOrderPath, "", kDocPostBody, options);
  ASSERT_TRUE(headers.has_value());
  const std::string redacted = RedactedHeaders(*headers);
  EXPECT_EQ(redacted,
            "ACCESS-KEY: ***\n"
            "ACCESS-SIGN: ***\n"
            "ACCESS-TIMESTAMP: 1700000000000\n"
            "ACCESS-PASSPHRASE: ***\n"
            "Content-Type: application/json\n"
            "locale: en-US\n"
            "paptrading: 1");
  for (std::string_view secret : {std::string_view("testkey"), std::string_view("testsecret"),
                                  std::string_view("testpass"), kDocPostSign}) {
    EXPECT_EQ(redacted.find(secret), std::string::npos) << secret;
  }
}

TEST(RedactedHeadersTest, EmptyListIsEmptyString) { EXPECT_EQ(RedactedHeaders({}), ""); }

RC_GTEST_PROP(CredentialProperty, RedactedHeadersNeverLeakCredentials, ()) {
  const auto length = *rc::gen::inRange<std::size_t>(8, 41);
  const auto key = *rc::gen::container<std::string>(length, rc::gen::inRange('A', '['));
  const auto secret = *rc::gen::container<std::string>(length, rc::gen::inRange('a', '{'));
  const auto passphrase = *rc::gen::container<std::string>(length, rc::gen::inRange('a', '{'));
  const auto body = *rc::gen::arbitrary<std::string>();
  const bool demo = *rc::gen::arbitrary<bool>();
  HeaderOptions options;
  options.demo_trading = demo;
  auto headers = SignedHeaders(Credentials{Secret(key), Secret(secret), Secret(passphrase)},
                               Timestamp::FromMillis(1700000000000), "POST", kPlaceOrderPath, "",
                               body, options);
  RC_ASSERT(headers.has_value());
  const std::string redacted = RedactedHeaders(*headers);
  RC_ASSERT(redacted.find(key) == std::string::npos);
  RC_ASSERT(redacted.find(secret) == std::string::npos);
  RC_ASSERT(redacted.find(passphrase) == std::string::npos);
  RC_ASSERT(redacted.find(FindHeader(*headers, "ACCESS-SIGN")->value) == std::string::npos);
}

RC_GTEST_PROP(CredentialProperty, SignIsBase64OfThirtyTwoBytesAndMatchesPrehash, ()) {
  const auto ts = std::to_string(*rc::gen::inRange<std::int64_t>(1, 4'000'000'000'000));
  const auto path = "/" + *rc::gen::arbitrary<std::string>();
  const auto query = *rc::gen::arbitrary<std::string>();
  const auto body = *rc::gen::arbitrary<std::string>();
  const Secret secret(*rc::gen::arbitrary<std::string>());
  const std::string sign = SignRest(ts, "POST", path, query, body, secret);
  RC_ASSERT(sign.size() == 44u);
  RC_ASSERT(sign.back() == '=');
  RC_ASSERT(sign == HmacSha256Base64(RestPrehash(ts, "POST", path, query, body), secret));
}

}  // namespace
}  // namespace bgt::bitget
