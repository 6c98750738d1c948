// The [emulator] section: every key read, defaults, every violation with its key path, the
// accounts' credentials accepted there (and only there) and never echoed or dumped.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config/dump.h"
#include "config/load.h"
#include "config/load_test_support.h"

namespace bgt::config {
namespace {

using test_support::Paths;
using test_support::ViolationsOf;

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kFull = R"(
[emulator]
bind_address = "127.0.0.2"
port = 18080
seed = 99
history_days = 30
speed = 60
rate_limits = false

[[emulator.accounts]]
name = "alice"
api_key = "alice-key"
secret = "alice-secret-zz91"
passphrase = "alice-pass-zz92"
usdt_deposit = "1500.5"

[[emulator.accounts]]
name = "bob"
api_key = "bob-key"
secret = "bob-secret-zz93"
passphrase = "bob-pass-zz94"
usdt_deposit = 2500

[emulator.faults]
latency_ms = 20
latency_jitter_ms = 5
error_5xx_rate = 0.1
burst_429_rate = 0.01
burst_429_requests = 3
drop_response_rate = 0.5
paths = ["/api/v2/mix/order/place-order"]
ws_duplicate_pushes = true
ws_reorder_pushes = true
ws_corrupt_book_checksums = 2
ws_disconnect_interval_ms = 30000
)";

TEST(EmulatorSection, DefaultsAreTheDocumentedTestAccountAndNoFaults) {
  const EmulatorConfig e = Config{}.emulator;
  EXPECT_EQ(e.bind_address, "127.0.0.1");
  EXPECT_EQ(e.port, 0);
  EXPECT_EQ(e.speed, 1.0);
  EXPECT_TRUE(e.rate_limits);
  ASSERT_EQ(e.accounts.size(), 1u);
  EXPECT_EQ(e.accounts[0].api_key, "bgt-test-key");
  EXPECT_EQ(e.accounts[0].secret, "bgt-test-secret");
  EXPECT_EQ(e.accounts[0].passphrase, "bgt-test-passphrase");
  EXPECT_TRUE(e.accounts[0].IsDocumentedTestAccount());
  EXPECT_EQ(e.faults, EmulatorFaultsConfig{});
  auto parsed = ParseConfig("[emulator]\n[emulator.faults]\n");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  EXPECT_EQ(*parsed, Config{});
}

TEST(EmulatorSection, ReadsEveryKey) {
  auto parsed = ParseConfig(kFull);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  const EmulatorConfig& e = parsed->emulator;
  EXPECT_EQ(e.bind_address, "127.0.0.2");
  EXPECT_EQ(e.port, 18080);
  EXPECT_EQ(e.seed, 99);
  EXPECT_EQ(e.history_days, 30);
  EXPECT_EQ(e.speed, 60.0);
  EXPECT_FALSE(e.rate_limits);
  ASSERT_EQ(e.accounts.size(), 2u);
  EXPECT_EQ(e.accounts[0].name, "alice");
  EXPECT_EQ(e.accounts[0].api_key, "alice-key");
  EXPECT_EQ(e.accounts[0].secret, "alice-secret-zz91");
  EXPECT_EQ(e.accounts[0].passphrase, "alice-pass-zz92");
  EXPECT_EQ(e.accounts[0].usdt_deposit, "1500.5");
  EXPECT_EQ(e.accounts[1].usdt_deposit, "2500");
  EXPECT_FALSE(e.accounts[1].IsDocumentedTestAccount());
  const EmulatorFaultsConfig& f = e.faults;
  EXPECT_EQ(f.latency_ms, 20);
  EXPECT_EQ(f.latency_jitter_ms, 5);
  EXPECT_EQ(f.error_5xx_rate, 0.1);
  EXPECT_EQ(f.burst_429_rate, 0.01);
  EXPECT_EQ(f.burst_429_requests, 3);
  EXPECT_EQ(f.drop_response_rate, 0.5);
  EXPECT_THAT(f.paths, ElementsAre("/api/v2/mix/order/place-order"));
  EXPECT_TRUE(f.ws_duplicate_pushes);
  EXPECT_TRUE(f.ws_reorder_pushes);
  EXPECT_EQ(f.ws_corrupt_book_checksums, 2);
  EXPECT_EQ(f.ws_disconnect_interval_ms, 30000);
}

TEST(EmulatorSection, ReportsEveryViolationWithItsKeyPath) {
  const std::string text = R"(
[emulator]
bind_address = "0.0.0.0"
port = 70000
speed = 0
history_days = 0

[[emulator.accounts]]
name = "a"
api_key = "dup-key"
secret = "s-zz1"
passphrase = "p-zz2"
usdt_deposit = "-5"

[[emulator.accounts]]
name = "b"
api_key = "dup-key"
secret = "s-zz3"
passphrase = "p-zz4"

[[emulator.accounts]]
name = "c"
api_key = "c-key"
secret = ""
colour = "blue"

[emulator.faults]
error_5xx_rate = 1.5
drop_response_rate = -0.1
burst_429_rate = "often"
latency_ms = -1
paths = ["api/no-slash"]
)";
  std::vector<Violation> v;
  auto result = ParseConfig(text, &v);
  ASSERT_FALSE(result.has_value());
  EXPECT_THAT(Paths(v), testing::UnorderedElementsAre(
                            "emulator.bind_address", "emulator.port", "emulator.speed",
                            "emulator.history_days", "emulator.accounts[0].usdt_deposit",
                            "emulator.accounts[1].api_key", "emulator.accounts[2].secret",
                            "emulator.accounts[2].colour", "emulator.accounts[2]",
                            "emulator.faults.error_5xx_rate", "emulator.faults.drop_response_rate",
                            "emulator.faults.burst_429_rate", "emulator.faults.latency_ms",
                            "emulator.faults.paths[0]"));
  for (const Violation& x : v) {
    if (x.path == "emulator.speed") {
      EXPECT_THAT(x.message, HasSubstr("greater than 0"));
    }
    if (x.path == "emulator.accounts[1].api_key") {
      EXPECT_THAT(x.message, HasSubstr("duplicate API key (also used by emulator.accounts[0])"));
    }
    if (x.path == "emulator.accounts[2]") {
      EXPECT_THAT(x.message, HasSubstr("\"passphrase\""));
    }
    if (x.path == "emulator.faults.error_5xx_rate") {
      EXPECT_THAT(x.message, HasSubstr("between 0 and 1"));
    }
    if (x.path == "emulator.accounts[0].usdt_deposit") {
      EXPECT_THAT(x.message, HasSubstr("positive"));
    }
  }
  EXPECT_THAT(result.error().message, AllOf(Not(HasSubstr("zz")), Not(HasSubstr("dup-key"))));
}

TEST(EmulatorSection, SpeedAndRatesTakeIntegersOrFloats) {
  auto parsed = ParseConfig("[emulator]\nspeed = 0.5\n[emulator.faults]\nerror_5xx_rate = 1\n");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  EXPECT_EQ(parsed->emulator.speed, 0.5);
  EXPECT_EQ(parsed->emulator.faults.error_5xx_rate, 1.0);
  EXPECT_THAT(Paths(ViolationsOf("[emulator]\nspeed = -1\n")), ElementsAre("emulator.speed"));
  EXPECT_THAT(Paths(ViolationsOf("[emulator]\nspeed = nan\n")), ElementsAre("emulator.speed"));
  EXPECT_THAT(Paths(ViolationsOf("[emulator]\nspeed = 1e9\n")), ElementsAre("emulator.speed"));
  EXPECT_THAT(Paths(ViolationsOf("[emulator]\nspeed = true\n")), ElementsAre("emulator.speed"));
}

TEST(EmulatorSection, AccountsMustBeANonEmptyArrayOfTablesWithUniqueNames) {
  EXPECT_THAT(Paths(ViolationsOf("[emulator]\naccounts = []\n")), ElementsAre("emulator.accounts"));
  EXPECT_THAT(Paths(ViolationsOf("[emulator]\naccounts = [1]\n")),
              ElementsAre("emulator.accounts[0]"));
  EXPECT_THAT(Paths(ViolationsOf("[[emulator.accounts]]\nname = \"x\"\napi_key = \"a\"\n"
                                 "secret = \"s\"\npassphrase = \"p\"\n"
                                 "[[emulator.accounts]]\nname = \"x\"\napi_key = \"b\"\n"
                                 "secret = \"s\"\npassphrase = \"p\"\n")),
              ElementsAre("emulator.accounts[1].name"));
}

TEST(EmulatorSection, CredentialKeysStayForbiddenOutsideTheAccounts) {
  EXPECT_THAT(Paths(ViolationsOf("[emulator]\nsecret = \"x\"\n")), ElementsAre("emulator.secret"));
  EXPECT_THAT(Paths(ViolationsOf("[emulator.faults]\napi_key = \"x\"\n")),
              ElementsAre("emulator.faults.api_key"));
  EXPECT_THAT(Paths(ViolationsOf("[venue]\napi_key = \"x\"\n")), ElementsAre("venue.api_key"));
}

TEST(EmulatorSection, DumpsNeverShowTheAccountsSecrets) {
  auto parsed = ParseConfig(kFull);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  const std::string toml = ToToml(*parsed);
  const std::string json = ToJson(*parsed);
  for (const std::string& text : {toml, json}) {
    EXPECT_THAT(text, Not(HasSubstr("zz9")));
    EXPECT_THAT(text, HasSubstr("alice-key"));
    EXPECT_THAT(text, HasSubstr("bob-key"));
  }
  // Everything but the accounts round-trips through the TOML dump.
  auto back = ParseConfig(toml);
  ASSERT_TRUE(back.has_value()) << back.error().ToString() << "\n" << toml;
  Config expected = *parsed;
  expected.emulator.accounts = Config{}.emulator.accounts;
  EXPECT_EQ(*back, expected);
  EXPECT_THAT(json, HasSubstr("\"speed\" : 60"));
}

}  // namespace
}  // namespace bgt::config
