#include "app/cli_args.h"

#include <gtest/gtest.h>

namespace bgt::app {
namespace {

core::Timestamp Ms(std::int64_t ms) { return core::Timestamp::FromMillis(ms); }

TEST(ParseTimeArg, MillisecondsAndIso8601Utc) {
  EXPECT_EQ(*ParseTimeArg("1700000000000"), Ms(1'700'000'000'000));
  EXPECT_EQ(*ParseTimeArg("0"), Ms(0));
  EXPECT_EQ(*ParseTimeArg("2023-11-14"), Ms(1'699'920'000'000));
  EXPECT_EQ(*ParseTimeArg("2023-11-14T22:13"), Ms(1'700'000'000'000 - 20'000));
  EXPECT_EQ(*ParseTimeArg("2023-11-14T22:13:20"), Ms(1'700'000'000'000));
  EXPECT_EQ(*ParseTimeArg("2023-11-14T22:13:20Z"), Ms(1'700'000'000'000));
  EXPECT_EQ(*ParseTimeArg("2023-11-14 22:13:20.250Z"), Ms(1'700'000'000'250));
  EXPECT_EQ(*ParseTimeArg("2023-11-14T22:13:20+00:00"), Ms(1'700'000'000'000));
  EXPECT_EQ(*ParseTimeArg("2024-02-29T00:00:00Z"), Ms(1'709'164'800'000));
}

TEST(ParseTimeArg, RefusesEverythingElse) {
  for (const char* text : {"", "yesterday", "2023-13-01", "2023-02-30", "2023-11-14T24:00",
                           "2023-11-14T22:60", "2023-11-14T22:13:20+02:00", "2023-11-14T22:13:20.5",
                           "2023-11-14T", "-5", "1e12", "2023-11-14Z", "99999999999999999999"}) {
    auto parsed = ParseTimeArg(text);
    EXPECT_FALSE(parsed.has_value()) << text;
    if (!parsed) {
      EXPECT_EQ(parsed.error().code, core::ErrorCode::kInvalidArgument) << text;
    }
  }
}

TEST(CliArgs, ValidatorsAcceptAndNormalise) {
  std::string size = "0.001";
  EXPECT_EQ(PositiveDecimal()(size), "");
  for (std::string bad : {"0", "-1", "abc", "1.", ""}) {
    EXPECT_NE(PositiveDecimal()(bad), "") << bad;
  }
  std::string symbol = "btcusdt";
  EXPECT_EQ(SymbolArg()(symbol), "");
  EXPECT_EQ(symbol, "BTCUSDT");
  std::string when = "2024-01-31";
  EXPECT_EQ(TimeArg()(when), "");
  std::string never = "soon";
  EXPECT_NE(TimeArg()(never), "");
  EXPECT_EQ(DecimalArg("29000.50").ToString(), "29000.50");
}

}  // namespace
}  // namespace bgt::app
