#include "config/config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace bgt::config {
namespace {

using ::testing::HasSubstr;

TEST(ConfigNames, EveryEnumValueRoundTripsThroughItsName) {
  for (std::string_view name : ModeNames()) EXPECT_EQ(ModeName(*ParseMode(name)), name);
  for (std::string_view name : LogLevelNames()) {
    EXPECT_EQ(LogLevelName(*ParseLogLevel(name)), name);
  }
  for (std::string_view name : ProductTypeNames()) {
    EXPECT_EQ(ProductTypeName(*ParseProductType(name)), name);
  }
  for (std::string_view name : LocaleNames()) EXPECT_EQ(LocaleName(*ParseLocale(name)), name);
  EXPECT_EQ(ModeNames().size(), 5u);
  EXPECT_EQ(LogLevelNames().size(), 7u);
}

TEST(ConfigNames, ParsingIsExactAndCaseSensitive) {
  EXPECT_FALSE(ParseMode("Live").has_value());
  EXPECT_FALSE(ParseMode(" live").has_value());
  EXPECT_FALSE(ParseMode("").has_value());
  EXPECT_FALSE(ParseLogLevel("warning").has_value());
  EXPECT_FALSE(ParseProductType("usdt-futures").has_value());
  EXPECT_FALSE(ParseLocale("en_US").has_value());
}

TEST(ConfigDefaults, AreTheDocumentedOnes) {
  const Config c;
  EXPECT_EQ(c.mode, Mode::kEmulator);
  EXPECT_EQ(c.log.level, LogLevel::kInfo);
  EXPECT_FALSE(c.log.file.has_value());
  EXPECT_EQ(c.venue.rest_url, "https://api.bitget.com");
  EXPECT_EQ(c.venue.ws_public_url, "wss://ws.bitget.com/v2/ws/public");
  EXPECT_EQ(c.venue.ws_private_url, "wss://ws.bitget.com/v2/ws/private");
  EXPECT_EQ(c.venue.product_type, ProductType::kUsdtFutures);
  EXPECT_EQ(c.venue.margin_coin, "USDT");
  EXPECT_EQ(c.venue.locale, Locale::kEnUs);
  EXPECT_FALSE(c.venue.demo_trading);
  EXPECT_EQ(c.venue.connect_timeout_ms, 5000);
  EXPECT_EQ(c.venue.request_timeout_ms, 10000);
  EXPECT_EQ(c.venue.max_clock_skew_ms, 2000);
}

TEST(ConfigModes, OnlyAccountModesRequireCredentials) {
  EXPECT_TRUE(RequiresCredentials(Mode::kLive));
  EXPECT_TRUE(RequiresCredentials(Mode::kDemo));
  EXPECT_FALSE(RequiresCredentials(Mode::kPaper));  // public market data, simulated fills
  EXPECT_FALSE(RequiresCredentials(Mode::kEmulator));
  EXPECT_FALSE(RequiresCredentials(Mode::kBacktest));
}

TEST(Violation, PrintsPathMessageAndPosition) {
  EXPECT_EQ((Violation{"venue.rest_ulr", "unknown key", 7, 0}).ToString(),
            "venue.rest_ulr: unknown key (line 7)");
  EXPECT_EQ((Violation{"", "syntax error: x", 3, 9}).ToString(),
            "syntax error: x (line 3, column 9)");
  EXPECT_EQ((Violation{"env BITGET_API_KEY", "not set", 0, 0}).ToString(),
            "env BITGET_API_KEY: not set");
}

TEST(ViolationsError, IsOneConfigErrorWithOneViolationPerLine) {
  const core::Error e =
      ViolationsError("bgt.toml", {{"a", "first", 1, 0}, {"b.c", "second", 2, 0}});
  EXPECT_EQ(e.code, core::ErrorCode::kConfig);
  EXPECT_EQ(e.message,
            "invalid configuration in bgt.toml: 2 violations\n"
            "  a: first (line 1)\n"
            "  b.c: second (line 2)");
  EXPECT_THAT(ViolationsError("", {{"a", "x", 0, 0}}).message, HasSubstr(": 1 violation\n"));
}

}  // namespace
}  // namespace bgt::config
