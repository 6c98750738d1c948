#include "config/credentials.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>

namespace bgt::config {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kKey = "bg_key_AKIA0123456789";
constexpr std::string_view kSecret = "S3cr3t-value-do-not-print";
constexpr std::string_view kPassphrase = "pass-phrase-do-not-print";

EnvLookup FakeEnv(std::map<std::string, std::string, std::less<>> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

EnvLookup FullEnv() {
  return FakeEnv({{"BITGET_API_KEY", std::string(kKey)},
                  {"BITGET_API_SECRET", std::string(kSecret)},
                  {"BITGET_API_PASSPHRASE", std::string(kPassphrase)}});
}

Config WithMode(Mode mode) {
  Config c;
  c.mode = mode;
  return c;
}

TEST(LoadCredentials, ReadsAllThreeForAccountModes) {
  for (Mode mode : {Mode::kLive, Mode::kDemo}) {
    auto creds = LoadCredentials(WithMode(mode), FullEnv());
    ASSERT_TRUE(creds.has_value()) << ModeName(mode);
    EXPECT_TRUE(creds->complete());
    EXPECT_EQ(creds->api_key.Reveal(), kKey);
    EXPECT_EQ(creds->secret.Reveal(), kSecret);
    EXPECT_EQ(creds->passphrase.Reveal(), kPassphrase);
  }
}

TEST(LoadCredentials, OtherModesNeverReadTheEnvironment) {
  int lookups = 0;
  const EnvLookup counting = [&](std::string_view) -> std::optional<std::string> {
    ++lookups;
    return "x";
  };
  for (Mode mode : {Mode::kEmulator, Mode::kPaper, Mode::kBacktest}) {
    auto creds = LoadCredentials(WithMode(mode), counting);
    ASSERT_TRUE(creds.has_value());
    EXPECT_TRUE(creds->api_key.empty());
  }
  EXPECT_EQ(lookups, 0);
}

TEST(LoadCredentials, ReportsEveryMissingVariable) {
  std::vector<Violation> violations;
  auto creds = LoadCredentials(WithMode(Mode::kLive), FakeEnv({}), &violations);
  ASSERT_FALSE(creds.has_value());
  EXPECT_EQ(creds.error().code, core::ErrorCode::kConfig);
  ASSERT_EQ(violations.size(), 3u);
  EXPECT_EQ(violations[0].path, "env BITGET_API_KEY");
  EXPECT_EQ(violations[1].path, "env BITGET_API_SECRET");
  EXPECT_EQ(violations[2].path, "env BITGET_API_PASSPHRASE");
  EXPECT_THAT(violations[0].message, HasSubstr("not set"));
  EXPECT_THAT(violations[0].message, HasSubstr("required in mode \"live\""));
  for (std::string_view var : kCredentialEnvVars) {
    EXPECT_THAT(creds.error().message, HasSubstr(var));
  }
}

TEST(LoadCredentials, EmptyAndMalformedValuesAreViolationsThatHideTheValue) {
  std::vector<Violation> violations;
  auto creds = LoadCredentials(WithMode(Mode::kDemo),
                               FakeEnv({{"BITGET_API_KEY", ""},
                                        {"BITGET_API_SECRET", std::string(kSecret) + "\n"},
                                        {"BITGET_API_PASSPHRASE", std::string(kPassphrase)}}),
                               &violations);
  ASSERT_FALSE(creds.has_value());
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_THAT(violations[0].message, HasSubstr("is empty"));
  EXPECT_EQ(violations[1].path, "env BITGET_API_SECRET");
  EXPECT_THAT(violations[1].message, HasSubstr("whitespace or control characters"));
  EXPECT_THAT(creds.error().message, Not(HasSubstr(kSecret)));
  EXPECT_THAT(creds.error().message, Not(HasSubstr(kPassphrase)));
}

TEST(LoadCredentials, PrintingTheCredentialsShowsOnlyTheMask) {
  auto creds = LoadCredentials(WithMode(Mode::kLive), FullEnv());
  ASSERT_TRUE(creds.has_value());
  std::ostringstream os;
  os << creds->api_key << creds->secret << creds->passphrase;
  EXPECT_EQ(os.str(), "*********");
}

}  // namespace
}  // namespace bgt::config
