// Position parser on the recorded payload of tests/fixtures/bitget/all_position.json.
#include <gtest/gtest.h>

#include <string>

#include "bitget/parse_responses.h"
#include "bitget/parse_test_util.h"

namespace bgt::bitget {
namespace {

using testing::D;
using testing::Envelope;
using testing::ExpectInvalid;
using testing::Ms;
using testing::ReadFixture;

TEST(ParsePositionTest, AllPositionFixture) {
  auto positions = ParsePositions(ReadFixture("all_position.json"), 200);
  ASSERT_TRUE(positions.has_value()) << positions.error().ToString();
  ASSERT_EQ(positions->size(), 1u);
  const PositionInfo& p = positions->front();
  EXPECT_EQ(p.margin_coin, "USDT");
  EXPECT_EQ(p.symbol, "BTCUSDT");
  EXPECT_EQ(p.hold_side, model::PositionSide::kLong);
  EXPECT_EQ(p.open_delegate_size, D("0.01"));
  EXPECT_EQ(p.margin_size.ToString(), "9.6695050093373343");  // 17 digits: fits exactly
  EXPECT_EQ(p.available, D("0.01"));
  EXPECT_EQ(p.locked, D("0.09"));
  EXPECT_EQ(p.total, D("0.01"));
  EXPECT_EQ(p.leverage, D("20"));
  EXPECT_EQ(p.achieved_profits, D("0"));
  EXPECT_EQ(p.open_price_avg, D("25000"));
  EXPECT_EQ(p.margin_mode, model::MarginMode::kIsolated);
  EXPECT_EQ(p.pos_mode, model::PositionMode::kHedge);
  EXPECT_EQ(p.unrealized_pl, D("1"));
  // 21 significant digits do not fit a Decimal: rounded half-even, as documented for (≈).
  EXPECT_EQ(p.liquidation_price->ToString(), "24144.1124161806978");
  EXPECT_EQ(p.keep_margin_rate, D("0.004"));
  EXPECT_EQ(p.mark_price, D("25100"));
  EXPECT_EQ(p.break_even_price, D("24778.97"));
  EXPECT_EQ(p.total_fee, D("1.45"));
  EXPECT_EQ(p.deducted_fee, D("0.388"));
  EXPECT_EQ(p.margin_ratio->ToString(), "0.1082149545822005");
  EXPECT_EQ(p.asset_mode, AssetMode::kSingle);
  EXPECT_EQ(p.auto_margin, "on");
  EXPECT_EQ(p.c_time, Ms(1691382137448));
  EXPECT_EQ(p.u_time, Ms(1691382137999));
  EXPECT_FALSE(p.take_profit.has_value());
}

TEST(ParsePositionTest, HedgeShortWithTakeProfitAndNoPositions) {
  auto positions = ParsePositions(
      Envelope(
          R"([{"marginCoin":"USDT","symbol":"BTCUSDT","holdSide":"short","openDelegateSize":"0",)"
          R"("marginSize":"103.19","available":"0.0155","locked":"0","total":"0.0155",)"
          R"("leverage":14,"achievedProfits":"8.605","openPriceAvg":"88505.23",)"
          R"("marginMode":"crossed","posMode":"hedge_mode","unrealizedPL":"-72.82",)"
          R"("liquidationPrice":"5737867.86","keepMarginRate":"0.004","markPrice":"93203.4",)"
          R"("marginRatio":"0.00285","breakEvenPrice":"85283.07","totalFee":"-56.83",)"
          R"("deductedFee":"0.924","assetMode":"union","autoMargin":"off","takeProfit":"80000",)"
          R"("stopLoss":"","takeProfitId":"tp-1","stopLossId":"","cTime":"1766103799183",)"
          R"("uTime":"1767682800537"}])"),
      200);
  ASSERT_TRUE(positions.has_value()) << positions.error().ToString();
  const PositionInfo& p = positions->at(0);
  EXPECT_EQ(p.hold_side, model::PositionSide::kShort);
  EXPECT_EQ(p.leverage, D("14"));
  EXPECT_EQ(p.total_fee, D("-56.83"));
  EXPECT_EQ(p.take_profit, D("80000"));
  EXPECT_FALSE(p.stop_loss.has_value());
  EXPECT_EQ(p.take_profit_id, "tp-1");
  EXPECT_EQ(p.asset_mode, AssetMode::kUnion);

  for (std::string_view none : {"[]", "null"}) {
    auto empty = ParsePositions(Envelope(none), 200);
    ASSERT_TRUE(empty.has_value()) << none << ": " << empty.error().ToString();
    EXPECT_TRUE(empty->empty());
  }
}

TEST(ParsePositionTest, PositionErrorsNameRowAndField) {
  const std::string row =
      R"({"marginCoin":"USDT","symbol":"ETHUSDT","holdSide":"both","openDelegateSize":"0",)"
      R"("marginSize":"1","available":"1","locked":"0","total":"1","leverage":"10",)"
      R"("marginMode":"crossed","posMode":"one_way_mode","cTime":"1"})";
  ExpectInvalid(ParsePositions(Envelope("[" + row + "]"), 200),
                R"(data[0] (ETHUSDT).holdSide: unknown position side "both")");
  std::string no_total = row;
  no_total.replace(no_total.find(R"("holdSide":"both")"), 17, R"("holdSide":"long")");
  no_total.replace(no_total.find(R"("total":"1",)"), 12, "");
  ExpectInvalid(ParsePositions(Envelope("[" + no_total + "]"), 200),
                "data[0] (ETHUSDT).total is missing");
}

}  // namespace
}  // namespace bgt::bitget
