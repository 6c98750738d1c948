#include "config/dump.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/credentials.h"
#include "config/load.h"

namespace bgt::config {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Config NonDefault() {
  Config c;
  c.mode = Mode::kDemo;
  c.log.level = LogLevel::kTrace;
  c.log.file = "/tmp/bgt's \"log\".txt";
  c.venue.rest_url = "http://127.0.0.1:18080";
  c.venue.ws_public_url = "ws://localhost:18080/v2/ws/public";
  c.venue.ws_private_url = "wss://wspap.bitget.com/v2/ws/private";
  c.venue.product_type = ProductType::kSusdtFutures;
  c.venue.margin_coin = "SUSDT";
  c.venue.locale = Locale::kZhCn;
  c.venue.demo_trading = true;
  c.venue.connect_timeout_ms = 1;
  c.venue.request_timeout_ms = 120000;
  c.venue.max_clock_skew_ms = 30000;
  return c;
}

TEST(ToToml, RoundTripsTheDefaults) {
  auto back = ParseConfig(ToToml(Config{}));
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  EXPECT_EQ(*back, Config{});
}

TEST(ToToml, RoundTripsEverySetting) {
  const std::string text = ToToml(NonDefault());
  auto back = ParseConfig(text);
  ASSERT_TRUE(back.has_value()) << back.error().ToString() << "\n" << text;
  EXPECT_EQ(*back, NonDefault());
}

TEST(ToToml, ListsEveryKeyWithItsValue) {
  const std::string text = ToToml(Config{});
  EXPECT_THAT(text, HasSubstr("mode = 'emulator'"));
  EXPECT_THAT(text, HasSubstr("[log]\nlevel = 'info'"));
  EXPECT_THAT(text, HasSubstr("connect_timeout_ms = 5000"));
  EXPECT_THAT(text, HasSubstr("demo_trading = false"));
  EXPECT_THAT(text, Not(HasSubstr("file")));
}

TEST(ToJson, HasTheSameSettings) {
  const std::string json = ToJson(NonDefault());
  EXPECT_THAT(json, HasSubstr("\"mode\" : \"demo\""));
  EXPECT_THAT(json, HasSubstr("\"file\" : \"/tmp/bgt's \\\"log\\\".txt\""));
  EXPECT_THAT(json, HasSubstr("\"max_clock_skew_ms\" : 30000"));
  EXPECT_THAT(json, HasSubstr("\"demo_trading\" : true"));
}

TEST(DescribeCredentials, ShowsOnlyTheMaskOrNotSet) {
  bitget::Credentials creds;
  creds.api_key = core::Secret("AK-visible?");
  creds.passphrase = core::Secret("PP-visible?");
  const std::string text = DescribeCredentials(creds);
  EXPECT_EQ(text,
            "BITGET_API_KEY = ***\n"
            "BITGET_API_SECRET = (not set)\n"
            "BITGET_API_PASSPHRASE = ***\n");
}

TEST(Dumps, NeverContainASecretFromTheEnvironment) {
  constexpr std::string_view kSecretValue = "zz-secret-9f8e7d";
  const EnvLookup env = [&](std::string_view) { return std::optional<std::string>(kSecretValue); };
  auto settings = LoadSettings(std::nullopt, env);
  ASSERT_TRUE(settings.has_value());
  Config live = settings->config;
  live.mode = Mode::kLive;
  auto creds = LoadCredentials(live, env);
  ASSERT_TRUE(creds.has_value());
  for (const std::string& text : {ToToml(live), ToJson(live), DescribeCredentials(*creds)}) {
    EXPECT_THAT(text, Not(HasSubstr(kSecretValue)));
  }
}

}  // namespace
}  // namespace bgt::config
