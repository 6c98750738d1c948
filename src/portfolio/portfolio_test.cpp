#include "portfolio/portfolio.h"

#include <gtest/gtest.h>

namespace bgt::portfolio {
namespace {

using core::Decimal;
using model::OrderSide;
using model::PositionSide;

Decimal D(const char* text) { return *Decimal::Parse(text); }

model::Fill MakeFill(std::string trade_id, OrderSide side, const char* price, const char* qty,
                     const char* fee, PositionSide leg = PositionSide::kNet) {
  model::Fill f;
  f.trade_id = std::move(trade_id);
  f.client_oid = "c";
  f.symbol = "BTCUSDT";
  f.side = side;
  f.position_side = leg;
  f.price = D(price);
  f.quantity = D(qty);
  f.fee = D(fee);
  return f;
}

TEST(PortfolioTest, FillsBuildPositionPnlAndFees) {
  Portfolio p;
  p.OnTransfer(D("1000"));
  ASSERT_EQ(*p.OnFill(MakeFill("1", OrderSide::kBuy, "100", "2", "-0.12")),
            model::FillOutcome::kApplied);
  ASSERT_EQ(*p.OnFill(MakeFill("2", OrderSide::kBuy, "110", "1", "-0.066")),
            model::FillOutcome::kApplied);
  const model::Position* pos = p.Find("BTCUSDT", PositionSide::kNet);
  ASSERT_NE(pos, nullptr);
  EXPECT_EQ(pos->quantity(), D("3"));
  EXPECT_EQ(pos->entry_notional(), D("310"));
  EXPECT_EQ(*pos->AvgEntryPrice(4), D("103.3333"));
  ASSERT_TRUE(p.SetMark("BTCUSDT", D("120")).ok());
  EXPECT_EQ(*p.UnrealizedPnl(), D("50"));
  // Sell 1 at 120: realizes 120 − 310/3 = 16.66666667 (closed share rounded to 8 dp).
  ASSERT_TRUE(p.OnFill(MakeFill("3", OrderSide::kSell, "120", "1", "-0.072")).has_value());
  EXPECT_EQ(p.realized_pnl(), D("16.66666667"));
  EXPECT_EQ(p.fees(), D("-0.258"));
  EXPECT_EQ(p.balance(), D("1000") + D("16.66666667") + D("-0.258"));
  EXPECT_EQ(*p.Equity(), p.balance() + *p.UnrealizedPnl());
  // 2 × 120 at leverage 20 -> 12; at leverage 3 -> 80.
  EXPECT_EQ(*p.MarginInUse(), D("12"));
  ASSERT_TRUE(p.SetLeverage("BTCUSDT", 3).ok());
  EXPECT_EQ(*p.MarginInUse(), D("80"));
  EXPECT_EQ(*p.Notional(), D("240"));
}

TEST(PortfolioTest, DuplicateFillIgnored) {
  Portfolio p;
  ASSERT_TRUE(p.OnFill(MakeFill("7", OrderSide::kBuy, "100", "1", "-0.06")).has_value());
  EXPECT_EQ(*p.OnFill(MakeFill("7", OrderSide::kBuy, "100", "1", "-0.06")),
            model::FillOutcome::kDuplicate);
  EXPECT_EQ(p.Find("BTCUSDT", PositionSide::kNet)->quantity(), D("1"));
  EXPECT_EQ(p.fees(), D("-0.06"));
}

TEST(PortfolioTest, BadFillRefusedWithoutChange) {
  Portfolio p;
  EXPECT_FALSE(p.OnFill(MakeFill("", OrderSide::kBuy, "100", "1", "0")).has_value());
  EXPECT_FALSE(
      p.OnFill(MakeFill("1", OrderSide::kSell, "100", "1", "0", PositionSide::kLong)).has_value());
  EXPECT_EQ(p.OpenPositions(), 0);
  // The refused trade id was not consumed.
  EXPECT_EQ(*p.OnFill(MakeFill("1", OrderSide::kBuy, "100", "1", "0", PositionSide::kLong)),
            model::FillOutcome::kApplied);
}

TEST(PortfolioTest, HedgeLegsAndFunding) {
  Portfolio p;
  ASSERT_TRUE(
      p.OnFill(MakeFill("1", OrderSide::kBuy, "100", "1", "0", PositionSide::kLong)).has_value());
  ASSERT_TRUE(
      p.OnFill(MakeFill("2", OrderSide::kSell, "100", "2", "0", PositionSide::kShort)).has_value());
  EXPECT_EQ(p.OpenPositions(), 2);
  EXPECT_EQ(p.Find("BTCUSDT", PositionSide::kShort)->quantity(), D("-2"));
  ASSERT_TRUE(p.OnFunding({"BTCUSDT", PositionSide::kLong, D("-0.01"), {}}).ok());
  ASSERT_TRUE(p.OnFunding({"BTCUSDT", PositionSide::kShort, D("0.02"), {}}).ok());
  EXPECT_EQ(p.funding(), D("0.01"));
  const auto positions = p.Positions();
  ASSERT_EQ(positions.size(), 2u);
  EXPECT_EQ(positions[0].leg, PositionSide::kLong);
  EXPECT_EQ(positions[0].funding, D("-0.01"));
  EXPECT_EQ(positions[1].funding, D("0.02"));
  EXPECT_FALSE(p.OnFunding({"ETHUSDT", PositionSide::kNet, D("1"), {}}).ok());
  EXPECT_EQ(p.funding(), D("1.01"));  // still booked on the account
  // Closing the long leg resets its record.
  ASSERT_TRUE(
      p.OnFill(MakeFill("3", OrderSide::kSell, "105", "1", "0", PositionSide::kLong)).has_value());
  EXPECT_EQ(p.Find("BTCUSDT", PositionSide::kLong), nullptr);
  EXPECT_EQ(p.realized_pnl(), D("5"));
}

TEST(PortfolioTest, SnapshotWinsAndDifferencesAreReported) {
  Portfolio p;
  ASSERT_TRUE(p.OnFill(MakeFill("1", OrderSide::kBuy, "100", "1", "0")).has_value());
  ASSERT_TRUE(
      p.OnFill(MakeFill("2", OrderSide::kSell, "100", "1", "0", PositionSide::kShort)).has_value());
  std::vector<PositionSnapshot> venue = {
      {"BTCUSDT", PositionSide::kNet, D("1.5"), D("151.5"), D("99"), 5, D("80"), std::nullopt,
       std::nullopt},
      {"ETHUSDT", PositionSide::kNet, D("-2"), D("4000"), D("1990"), std::nullopt, std::nullopt,
       std::nullopt, std::nullopt},
  };
  const auto diffs = p.ApplyPositions(venue);
  ASSERT_EQ(diffs.size(), 3u);
  EXPECT_EQ(diffs[0].kind, DiffKind::kQuantity);  // the short leg: not at the venue
  EXPECT_EQ(diffs[0].leg, PositionSide::kShort);
  EXPECT_EQ(diffs[0].local, D("-1"));
  EXPECT_EQ(diffs[0].venue, D("0"));
  EXPECT_EQ(diffs[1].symbol, "BTCUSDT");
  EXPECT_EQ(diffs[1].local, D("1"));
  EXPECT_EQ(diffs[1].venue, D("1.5"));
  EXPECT_EQ(diffs[2].symbol, "ETHUSDT");
  EXPECT_EQ(p.Find("BTCUSDT", PositionSide::kNet)->entry_notional(), D("151.5"));
  EXPECT_EQ(p.Find("ETHUSDT", PositionSide::kNet)->quantity(), D("-2"));
  EXPECT_EQ(*p.LiquidationDistance("BTCUSDT", PositionSide::kNet), D("0.19191919"));
  EXPECT_FALSE(p.LiquidationDistance("ETHUSDT", PositionSide::kNet).has_value());
  // 1.5 × 99 / 5 + 2 × 1990 / 20.
  EXPECT_EQ(*p.MarginInUse(), D("29.7") + D("199"));
  EXPECT_TRUE(p.ApplyPositions(venue).empty());  // converged

  EXPECT_FALSE(p.ApplyBalance(D("0")).has_value());
  const auto bal = p.ApplyBalance(D("12.5"));
  ASSERT_TRUE(bal.has_value());
  EXPECT_EQ(bal->kind, DiffKind::kBalance);
  EXPECT_EQ(p.balance(), D("12.5"));
  EXPECT_EQ(p.adjustments(), D("12.5"));
}

// Bitget rounds openPriceAvg: two fills at 100.01 and 100.02 average 100.015, sent as 100.02
// with two decimals. The exact local entry value (200.03) is kept; a real difference is not.
TEST(PortfolioTest, RoundedVenueAverageAgreesWithTheExactEntryValue) {
  Portfolio p;
  ASSERT_TRUE(p.OnFill(MakeFill("1", OrderSide::kBuy, "100.01", "1", "0")).has_value());
  ASSERT_TRUE(p.OnFill(MakeFill("2", OrderSide::kBuy, "100.02", "1", "0")).has_value());
  PositionSnapshot snap;
  snap.symbol = "BTCUSDT";
  snap.quantity = D("2");
  snap.entry_notional = D("200.04");  // 100.02 × 2
  snap.entry_price = D("100.02");
  EXPECT_TRUE(p.ApplyPositions({snap}).empty());
  EXPECT_EQ(p.Find("BTCUSDT", PositionSide::kNet)->entry_notional(), D("200.03"));
  // Without the venue's average, or off by more than its rounding: a difference, venue kept.
  snap.entry_price = D("100.03");
  snap.entry_notional = D("200.06");
  const auto diffs = p.ApplyPositions({snap});
  ASSERT_EQ(diffs.size(), 1u);
  EXPECT_EQ(diffs[0].kind, DiffKind::kEntryNotional);
  EXPECT_EQ(p.Find("BTCUSDT", PositionSide::kNet)->entry_notional(), D("200.06"));
}

// A venue without funding events (Bitget's private stream has none): the position's
// accumulated funding (totalFee) in the snapshots is booked as it grows, once.
TEST(PortfolioTest, FundingFromTheSnapshotsAccumulatedFundingIsBookedOnce) {
  Portfolio p;
  ASSERT_TRUE(p.OnFill(MakeFill("1", OrderSide::kBuy, "100", "2", "-0.12")).has_value());
  PositionSnapshot snap;
  snap.symbol = "BTCUSDT";
  snap.quantity = D("2");
  snap.entry_notional = D("200");
  snap.funding = D("0");
  EXPECT_TRUE(p.ApplyPositions({snap}).empty());
  EXPECT_TRUE(p.TakeSnapshotFunding().empty());
  snap.funding = D("-0.02");  // a settlement: the long paid 0.02
  EXPECT_TRUE(p.ApplyPositions({snap}).empty());
  const auto booked = p.TakeSnapshotFunding();
  ASSERT_EQ(booked.size(), 1u);
  EXPECT_EQ(booked[0].amount, D("-0.02"));
  EXPECT_EQ(p.funding(), D("-0.02"));
  EXPECT_EQ(p.balance(), D("-0.14"));             // fee + funding
  EXPECT_TRUE(p.ApplyPositions({snap}).empty());  // the same snapshot again: nothing new
  EXPECT_TRUE(p.TakeSnapshotFunding().empty());
  // A funding event for the next settlement, then the snapshot that shows it: counted once.
  ASSERT_TRUE(p.OnFunding({"BTCUSDT", PositionSide::kNet, D("-0.03"), {}}).ok());
  snap.funding = D("-0.05");
  EXPECT_TRUE(p.ApplyPositions({snap}).empty());
  EXPECT_TRUE(p.TakeSnapshotFunding().empty());
  EXPECT_EQ(p.funding(), D("-0.05"));
  // A position adopted from the venue: what it accumulated before is not booked again.
  PositionSnapshot eth;
  eth.symbol = "ETHUSDT";
  eth.quantity = D("-1");
  eth.entry_notional = D("2000");
  eth.funding = D("4.5");
  ASSERT_EQ(p.ApplyPositions({snap, eth}).size(), 1u);  // adopted: reported once
  EXPECT_TRUE(p.TakeSnapshotFunding().empty());
  eth.funding = D("4.7");
  EXPECT_TRUE(p.ApplyPositions({snap, eth}).empty());
  ASSERT_EQ(p.TakeSnapshotFunding().size(), 1u);
  EXPECT_EQ(p.funding(), D("-0.05") + D("0.2"));
}

TEST(PortfolioTest, EquityNeedsMarks) {
  Portfolio p;
  ASSERT_TRUE(p.OnFill(MakeFill("1", OrderSide::kBuy, "100", "1", "0")).has_value());
  EXPECT_FALSE(p.Equity().has_value());
  EXPECT_FALSE(p.SetMark("BTCUSDT", D("0")).ok());
  EXPECT_FALSE(p.SetLeverage("BTCUSDT", 0).ok());
}

}  // namespace
}  // namespace bgt::portfolio
