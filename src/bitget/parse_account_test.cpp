// Account parsers on the recorded payloads of tests/fixtures/bitget/.
#include <gtest/gtest.h>

#include <string>

#include "bitget/parse_responses.h"
#include "bitget/parse_test_util.h"

namespace bgt::bitget {
namespace {

using testing::D;
using testing::Envelope;
using testing::ExpectInvalid;
using testing::ReadFixture;

TEST(ParseAccountTest, AccountFixture) {
  auto account = ParseAccount(ReadFixture("account.json"), 200);
  ASSERT_TRUE(account.has_value()) << account.error().ToString();
  const AccountInfo& a = *account;
  EXPECT_EQ(a.margin_coin, "USDT");
  EXPECT_EQ(a.locked, D("0"));
  EXPECT_EQ(a.available, D("13168.86110692"));
  EXPECT_EQ(a.crossed_max_available, D("13168.86110692"));
  EXPECT_EQ(a.isolated_max_available, D("13168.86110692"));
  EXPECT_EQ(a.max_transfer_out, D("13168.86110692"));
  EXPECT_EQ(a.account_equity, D("13178.86110692"));
  EXPECT_EQ(a.usdt_equity, D("13178.861106922"));
  EXPECT_EQ(a.btc_equity, D("0.344746495477"));
  EXPECT_EQ(a.crossed_risk_rate, D("0"));
  EXPECT_EQ(a.crossed_margin_leverage, D("20"));
  EXPECT_EQ(a.isolated_long_lever, D("20"));
  EXPECT_EQ(a.isolated_short_lever, D("20"));
  EXPECT_EQ(a.margin_mode, model::MarginMode::kCrossed);
  EXPECT_EQ(a.pos_mode, model::PositionMode::kHedge);
  EXPECT_FALSE(a.unrealized_pl.has_value());  // "" in Bitget's example
  EXPECT_EQ(a.coupon, D("0"));
  EXPECT_EQ(a.crossed_unrealized_pl, D("23"));
  EXPECT_EQ(a.isolated_unrealized_pl, D("0"));
  EXPECT_EQ(a.asset_mode, AssetMode::kUnion);
  EXPECT_TRUE(a.asset_list.empty());
  EXPECT_FALSE(a.union_total_margin.has_value());
}

TEST(ParseAccountTest, NumericLeveragesAreAccepted) {
  // Newer account/account answers send the leverages as JSON numbers.
  auto account = ParseAccount(
      Envelope(R"({"marginCoin":"USDT","locked":"0","available":"10","accountEquity":"10",)"
               R"("crossedMarginLeverage":14,"isolatedLongLever":12.5,"isolatedShortLever":20,)"
               R"("marginMode":"isolated","posMode":"one_way_mode"})"),
      200);
  ASSERT_TRUE(account.has_value()) << account.error().ToString();
  EXPECT_EQ(account->crossed_margin_leverage, D("14"));
  EXPECT_EQ(account->isolated_long_lever->ToString(), "12.5");
  EXPECT_EQ(account->isolated_short_lever, D("20"));
  EXPECT_EQ(account->margin_mode, model::MarginMode::kIsolated);
  EXPECT_EQ(account->pos_mode, model::PositionMode::kOneWay);
  EXPECT_FALSE(account->asset_mode.has_value());
}

TEST(ParseAccountTest, AccountsFixture) {
  auto accounts = ParseAccounts(ReadFixture("accounts.json"), 200);
  ASSERT_TRUE(accounts.has_value()) << accounts.error().ToString();
  ASSERT_EQ(accounts->size(), 1u);
  const AccountInfo& a = accounts->front();
  EXPECT_EQ(a.margin_coin, "USDT");
  EXPECT_EQ(a.account_equity, D("100"));
  EXPECT_EQ(a.max_transfer_out, D("100"));
  EXPECT_EQ(a.union_total_margin, D("100"));
  EXPECT_EQ(a.union_available, D("100"));
  EXPECT_EQ(a.union_mm, D("0"));
  EXPECT_EQ(a.isolated_margin, D("0"));
  EXPECT_EQ(a.crossed_margin, D("0"));
  EXPECT_EQ(a.unrealized_pl, D("0"));
  ASSERT_EQ(a.asset_list.size(), 1u);
  EXPECT_EQ(a.asset_list[0].coin, "USDT");
  EXPECT_EQ(a.asset_list[0].balance, D("100"));
  EXPECT_EQ(a.asset_list[0].available, D("100"));
  EXPECT_EQ(a.asset_mode, AssetMode::kSingle);
  EXPECT_FALSE(a.margin_mode.has_value());  // only account/account sends the modes
}

TEST(ParseAccountTest, AccountErrorsNameTheField) {
  ExpectInvalid(ParseAccount(Envelope(R"({"marginCoin":"USDT","locked":"0","available":"1",)"
                                      R"("accountEquity":"1","marginMode":"fixed"})"),
                             200),
                R"(data.marginMode: unknown margin mode "fixed")");
  ExpectInvalid(
      ParseAccount(Envelope(R"({"marginCoin":"USDT","locked":"0","available":"1"})"), 200),
      "data.accountEquity is missing");
  ExpectInvalid(ParseAccounts(Envelope(R"([{"marginCoin":"USDT","locked":"0","available":"1",)"
                                       R"("accountEquity":"1","assetList":[{"coin":"BTC"}]}])"),
                              200),
                "data[0].assetList[0].balance is missing");
  ExpectInvalid(ParseAccount(Envelope(R"({"marginCoin":"USDT","locked":"0","available":"1",)"
                                      R"("accountEquity":"1","assetMode":"multi"})"),
                             200),
                R"(data.assetMode: unknown asset mode "multi")");
}

TEST(ParseAccountTest, SetLeverageFixture) {
  auto result = ParseSetLeverage(ReadFixture("set_leverage.json"), 200);
  ASSERT_TRUE(result.has_value()) << result.error().ToString();
  EXPECT_EQ(result->symbol, "BTCUSDT");
  EXPECT_EQ(result->margin_coin, "USDT");
  EXPECT_EQ(result->long_leverage, D("25"));
  EXPECT_EQ(result->short_leverage, D("25"));
  EXPECT_EQ(result->cross_margin_leverage, D("25"));
  EXPECT_EQ(result->margin_mode, model::MarginMode::kCrossed);
}

TEST(ParseAccountTest, SetMarginModeFixture) {
  auto result = ParseSetMarginMode(ReadFixture("set_margin_mode.json"), 200);
  ASSERT_TRUE(result.has_value()) << result.error().ToString();
  EXPECT_EQ(result->symbol, "BTCUSDT");
  EXPECT_EQ(result->long_leverage, D("20"));
  EXPECT_EQ(result->short_leverage, D("3"));
  EXPECT_EQ(result->margin_mode, model::MarginMode::kIsolated);
  ExpectInvalid(ParseSetMarginMode(Envelope(R"({"symbol":"BTCUSDT"})"), 200),
                "data.marginMode is missing");
}

TEST(ParseAccountTest, SetPositionModeFixture) {
  auto result = ParseSetPositionMode(ReadFixture("set_position_mode.json"), 200);
  ASSERT_TRUE(result.has_value()) << result.error().ToString();
  EXPECT_EQ(result->pos_mode, model::PositionMode::kHedge);
  auto upper = ParseSetPositionMode(Envelope(R"({"posMode":"ONE_WAY_MODE"})"), 200);
  ASSERT_TRUE(upper.has_value()) << upper.error().ToString();
  EXPECT_EQ(upper->pos_mode, model::PositionMode::kOneWay);
  ExpectInvalid(ParseSetPositionMode(Envelope(R"({"posMode":""})"), 200), "data.posMode is empty");
}

}  // namespace
}  // namespace bgt::bitget
