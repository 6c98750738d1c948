// Pair selection: each filter (with its boundary), ranking, hysteresis, point-in-time inputs,
// symbols and contracts changing between refreshes, and bad input.
#include "market/universe.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "market/universe_internal.h"
#include "market/universe_test_support.h"

namespace bgt::market {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace testing;  // NOLINT(google-build-using-namespace): test support only

// Evaluates one symbol (plus nothing else) after `mutate` changed its inputs.
template <typename F>
SymbolVerdict One(F mutate, UniverseParams params = {}) {
  UniverseInputs in;
  AddGood(in, "AAAUSDT");
  mutate(in, params);
  const auto all = EvaluateUniverse(in, params, kNow);
  EXPECT_EQ(all.size(), 1u);
  return all.empty() ? SymbolVerdict{} : all[0];
}

void ExpectDropped(const SymbolVerdict& v, UniverseFilter filter, std::string_view text) {
  EXPECT_EQ(v.decision, UniverseDecision::kDropped) << v.reason;
  EXPECT_EQ(v.filter, filter) << ToString(v.filter) << ": " << v.reason;
  EXPECT_THAT(v.reason, HasSubstr(std::string(text)));
  EXPECT_EQ(v.rank, 0);
}

TEST(UniverseFilters, AGoodSymbolPassesWithItsMetrics) {
  const SymbolVerdict v = One([](UniverseInputs&, UniverseParams&) {});
  EXPECT_EQ(v.decision, UniverseDecision::kRanked) << v.reason;
  EXPECT_EQ(v.rank, 1);
  EXPECT_EQ(*v.metrics.volume_usdt_24h, D("100000000"));
  EXPECT_EQ(*v.metrics.open_interest_usdt, D("100000000"));
  EXPECT_NEAR(*v.metrics.spread_bps, 2.0, 1e-12);
  EXPECT_EQ(*v.metrics.funding_rate, D("0.0001"));
  EXPECT_NEAR(*v.metrics.atr_pct, 2.0, 1e-9);
}

TEST(UniverseFilters, StatusAndSymbolType) {
  for (const char* status : {"limit_open", "maintain", "listed", "off", "restrictedAPI"}) {
    ExpectDropped(One([&](UniverseInputs& in, UniverseParams&) {
                    in.instruments[0] = Inst("AAAUSDT", {.status = status});
                  }),
                  UniverseFilter::kStatus, std::string("status ") + status);
  }
  ExpectDropped(One([](UniverseInputs& in, UniverseParams&) {
                  in.instruments[0] = Inst("AAAUSDT", {.type = "delivery"});
                }),
                UniverseFilter::kSymbolType, "delivery");
}

TEST(UniverseFilters, ScheduledOffTimeOrLimitOpenInsideTheWindowOnly) {
  const auto ms = [](std::chrono::hours h) { return std::to_string((kNow + h).millis()); };
  ExpectDropped(One([&](UniverseInputs& in, UniverseParams&) {
                  in.instruments[0] = Inst("AAAUSDT", {.off_ms = ms(std::chrono::hours(24))});
                }),
                UniverseFilter::kSchedule, "offTime");
  ExpectDropped(One([&](UniverseInputs& in, UniverseParams&) {
                  in.instruments[0] = Inst("AAAUSDT", {.limit_open_ms = ms(std::chrono::hours(3))});
                }),
                UniverseFilter::kSchedule, "limitOpenTime");
  ExpectDropped(One([&](UniverseInputs& in, UniverseParams&) {
                  in.instruments[0] = Inst("AAAUSDT", {.maintain_ms = ms(std::chrono::hours(2))});
                }),
                UniverseFilter::kSchedule, "maintainTime");
  EXPECT_EQ(One([&](UniverseInputs& in, UniverseParams&) {
              in.instruments[0] = Inst("AAAUSDT", {.maintain_ms = ms(std::chrono::hours(-2))});
            }).decision,
            UniverseDecision::kRanked);
  const SymbolVerdict later = One([&](UniverseInputs& in, UniverseParams&) {
    in.instruments[0] = Inst("AAAUSDT", {.off_ms = ms(std::chrono::hours(25))});
  });
  EXPECT_EQ(later.decision, UniverseDecision::kRanked) << later.reason;
}

TEST(UniverseFilters, ListingAge) {
  const auto ago = [](int days) {
    return std::to_string((kNow - std::chrono::days(days)).millis());
  };
  ExpectDropped(One([&](UniverseInputs& in, UniverseParams&) {
                  in.instruments[0] = Inst("AAAUSDT", {.launch_ms = ago(29)});
                }),
                UniverseFilter::kListingAge, "listed 29 day(s) ago < 30");
  ExpectDropped(One([&](UniverseInputs& in, UniverseParams&) {
                  in.instruments[0] = Inst("AAAUSDT", {.launch_ms = ago(-1)});
                }),
                UniverseFilter::kListingAge, "not launched yet");
  EXPECT_EQ(One([&](UniverseInputs& in, UniverseParams&) {
              in.instruments[0] = Inst("AAAUSDT", {.launch_ms = ago(30)});
            }).decision,
            UniverseDecision::kRanked);
}

TEST(UniverseFilters, BlackAndWhiteLists) {
  ExpectDropped(One([](UniverseInputs&, UniverseParams& p) { p.blacklist = {"AAAUSDT"}; }),
                UniverseFilter::kBlacklist, "blacklisted");
  ExpectDropped(One([](UniverseInputs&, UniverseParams& p) { p.whitelist = {"BTCUSDT"}; }),
                UniverseFilter::kWhitelist, "whitelist");
  EXPECT_EQ(One([](UniverseInputs&, UniverseParams& p) { p.whitelist = {"AAAUSDT"}; }).decision,
            UniverseDecision::kRanked);
}

TEST(UniverseFilters, MissingStaleOrBadQuotes) {
  ExpectDropped(One([](UniverseInputs& in, UniverseParams&) { in.tickers.clear(); }),
                UniverseFilter::kNoTicker, "no ticker");
  ExpectDropped(One([](UniverseInputs& in, UniverseParams&) {
                  in.tickers[0].ts = kNow - std::chrono::seconds(301);
                }),
                UniverseFilter::kNoTicker, "stale");
  ExpectDropped(
      One([](UniverseInputs& in, UniverseParams&) { in.tickers[0].bid_price = D("100.01"); }),
      UniverseFilter::kBadQuote, "bid 100.01, ask 100.01");
  ExpectDropped(One([](UniverseInputs& in, UniverseParams&) { in.tickers[0].bid_price = D("0"); }),
                UniverseFilter::kBadQuote, "bad quote");
}

TEST(UniverseFilters, VolumeBoundaryAndZeroVolume) {
  ExpectDropped(One([](UniverseInputs& in, UniverseParams&) {
                  in.tickers[0].quote_volume_24h = D("19999999.99");
                }),
                UniverseFilter::kVolume, "24h volume 19999999.99 USDT < 20000000");
  ExpectDropped(
      One([](UniverseInputs& in, UniverseParams&) { in.tickers[0].quote_volume_24h = D("0"); }),
      UniverseFilter::kVolume, "24h volume 0 USDT");
  EXPECT_EQ(One([](UniverseInputs& in, UniverseParams&) {
              in.tickers[0].quote_volume_24h = D("20000000");
            }).decision,
            UniverseDecision::kRanked);
}

TEST(UniverseFilters, OpenInterestValuedAtMarkAndObservationsWin) {
  ExpectDropped(One([](UniverseInputs& in, UniverseParams&) {
                  in.tickers[0].open_interest = D("49999.99");  // × 100
                }),
                UniverseFilter::kOpenInterest, "open interest 4999999.00 USDT < 5000000");
  // An open-interest observation replaces the ticker's holdingAmount.
  const SymbolVerdict v = One([](UniverseInputs& in, UniverseParams&) {
    in.open_interest.push_back({"AAAUSDT", D("50000"), kNow - std::chrono::seconds(5)});
  });
  EXPECT_EQ(*v.metrics.open_interest_usdt, D("5000000"));
  EXPECT_EQ(v.decision, UniverseDecision::kRanked) << v.reason;
  ExpectDropped(One([](UniverseInputs& in, UniverseParams&) {
                  in.tickers[0].mark_price = D("0");
                  in.tickers[0].last_price = D("0");
                }),
                UniverseFilter::kOpenInterest, "no mark or last price");
}

TEST(UniverseFilters, SpreadBoundaryIsExact) {
  // bid 99.95 / ask 100.05: exactly 10 bps of the mid, allowed; 99.949 is not.
  EXPECT_EQ(One([](UniverseInputs& in, UniverseParams&) {
              in.tickers[0].bid_price = D("99.95");
              in.tickers[0].ask_price = D("100.05");
            }).decision,
            UniverseDecision::kRanked);
  ExpectDropped(One([](UniverseInputs& in, UniverseParams&) {
                  in.tickers[0].bid_price = D("99.949");
                  in.tickers[0].ask_price = D("100.05");
                }),
                UniverseFilter::kSpread, "bps > 10");
  EXPECT_EQ(*SpreadBps(D("99.99"), D("100.01")), D("2"));
}

TEST(UniverseFilters, FundingBoundsInclusive) {
  for (const char* rate : {"0.001", "-0.001", "0"}) {
    EXPECT_EQ(One([&](UniverseInputs& in, UniverseParams&) {
                in.tickers[0].funding_rate = D(rate);
              }).decision,
              UniverseDecision::kRanked)
        << rate;
  }
  ExpectDropped(
      One([](UniverseInputs& in, UniverseParams&) { in.tickers[0].funding_rate = D("0.00101"); }),
      UniverseFilter::kFunding, "funding rate 0.00101 outside [-0.001, 0.001]");
  // A funding observation replaces the ticker's rate.
  ExpectDropped(One([](UniverseInputs& in, UniverseParams&) {
                  in.funding.push_back({"AAAUSDT", D("-0.002"), std::nullopt, kNow});
                }),
                UniverseFilter::kFunding, "-0.002");
}

TEST(UniverseFilters, VolatilityBand) {
  ExpectDropped(One([](UniverseInputs& in, UniverseParams&) {
                  in.candles["AAAUSDT"] = Bars(60, "100", "0.1");  // 0.2 %
                }),
                UniverseFilter::kVolatility, "ATR 0.2% outside [0.3, 10]%");
  ExpectDropped(One([](UniverseInputs& in, UniverseParams&) {
                  in.candles["AAAUSDT"] = Bars(60, "100", "6");  // 12 %
                }),
                UniverseFilter::kVolatility, "ATR 12%");
}

TEST(UniverseFilters, MissingFewOrBadCandles) {
  ExpectDropped(One([](UniverseInputs& in, UniverseParams&) { in.candles.clear(); }),
                UniverseFilter::kVolatility, "no candles");
  ExpectDropped(
      One([](UniverseInputs& in, UniverseParams&) { in.candles["AAAUSDT"] = Bars(3, "100", "1"); }),
      UniverseFilter::kVolatility, "not enough closed candles for ATR(14): 3");
  ExpectDropped(One([](UniverseInputs& in, UniverseParams&) {
                  in.candles["AAAUSDT"][59].low = D("102");  // low above high
                }),
                UniverseFilter::kBadCandles, "bad candle");
  ExpectDropped(One([](UniverseInputs& in, UniverseParams&) {
                  in.candles["AAAUSDT"][10].granularity = model::Granularity::k5m;
                }),
                UniverseFilter::kBadCandles, "is 5m, expected 1H");
}

TEST(UniversePointInTime, FutureDataIsIgnored) {
  UniverseInputs in;
  AddGood(in, "AAAUSDT");
  // A future ticker with a wide spread, a future funding spike, future open interest of zero
  // and future wild candles: none of them may change what is seen at kNow.
  TickSpec wide;
  wide.bid = "90";
  wide.ts = kNow + std::chrono::seconds(1);
  in.tickers.push_back(Tick("AAAUSDT", wide));
  in.funding.push_back({"AAAUSDT", D("0.05"), std::nullopt, kNow + std::chrono::minutes(1)});
  in.open_interest.push_back({"AAAUSDT", D("0"), kNow + std::chrono::minutes(1)});
  auto future = Bars(20, "100", "50", kNow + std::chrono::hours(20));
  in.candles["AAAUSDT"].insert(in.candles["AAAUSDT"].end(), future.begin(), future.end());
  // The bar opened at kNow - 30 min has not closed yet either.
  auto forming = Bars(1, "100", "40", kNow + std::chrono::minutes(30));
  in.candles["AAAUSDT"].push_back(forming[0]);
  const auto all = EvaluateUniverse(in, UniverseParams{}, kNow);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].decision, UniverseDecision::kRanked) << all[0].reason;
  EXPECT_NEAR(*all[0].metrics.atr_pct, 2.0, 1e-9);
  EXPECT_NEAR(*all[0].metrics.spread_bps, 2.0, 1e-12);
  EXPECT_EQ(*all[0].metrics.funding_rate, D("0.0001"));
  // Seen from later, the same inputs give the future values.
  const auto later = EvaluateUniverse(in, UniverseParams{}, kNow + std::chrono::minutes(2));
  EXPECT_EQ(later[0].filter, UniverseFilter::kOpenInterest) << later[0].reason;
}

TEST(UniverseRanking, WeightedScoresOrderTheSymbolsAndTiesBreakByName) {
  UniverseInputs in;
  AddGood(in, "LOWUSDT", "30000000");
  AddGood(in, "MIDUSDT", "300000000");
  AddGood(in, "TOPUSDT", "3000000000");
  AddGood(in, "ALSOTOPUSDT", "3000000000");
  UniverseParams p;
  p.weights = {.volume = 1, .open_interest = 0, .spread = 0, .volatility = 0, .funding = 0};
  const auto all = EvaluateUniverse(in, p, kNow);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].symbol, "ALSOTOPUSDT");
  EXPECT_EQ(all[1].symbol, "TOPUSDT");
  EXPECT_EQ(all[2].symbol, "MIDUSDT");
  EXPECT_EQ(all[3].symbol, "LOWUSDT");
  EXPECT_DOUBLE_EQ(all[0].score, 1.0);
  EXPECT_NEAR(all[2].score, 0.5, 1e-12);  // log scale: half-way between 3e7 and 3e9
  EXPECT_DOUBLE_EQ(all[3].score, 0.0);
  EXPECT_EQ(all[2].rank, 3);
  EXPECT_THAT(all[2].reason, HasSubstr("rank 3, score 0.5"));
  // The spread weight alone prefers the tighter book.
  in.tickers[0].bid_price = D("99.98");  // LOWUSDT: 3 bps
  p.weights = {.volume = 0, .open_interest = 0, .spread = 1, .volatility = 0, .funding = 0};
  EXPECT_EQ(EvaluateUniverse(in, p, kNow).back().symbol, "LOWUSDT");
}

TEST(UniverseSelector, TopNWithReasonsForEverySymbol) {
  UniverseInputs in;
  AddGood(in, "AUSDT", "900000000");
  AddGood(in, "BUSDT", "800000000");
  AddGood(in, "CUSDT", "700000000");
  AddGood(in, "DUSDT", "1000");  // dropped: volume
  UniverseParams p;
  p.top_n = 2;
  UniverseSelector selector(p);
  auto snap = selector.Update(in, kNow);
  ASSERT_TRUE(snap.has_value());
  EXPECT_TRUE(snap->refreshed);
  EXPECT_THAT(snap->members, ElementsAre("AUSDT", "BUSDT"));
  EXPECT_EQ(snap->Find("AUSDT")->decision, UniverseDecision::kSelected);
  EXPECT_EQ(snap->Find("CUSDT")->decision, UniverseDecision::kRanked);
  EXPECT_THAT(snap->Find("CUSDT")->reason, HasSubstr("not selected"));
  EXPECT_EQ(snap->Find("DUSDT")->filter, UniverseFilter::kVolume);
  EXPECT_EQ(snap->Find("EUSDT"), nullptr);
}

TEST(UniverseSelector, RefreshesOnlyOnTheIntervalAndRefusesTimeGoingBack) {
  UniverseInputs in;
  AddGood(in, "AUSDT");
  UniverseSelector selector(UniverseParams{});
  ASSERT_TRUE(selector.Update(in, kNow)->refreshed);
  UniverseInputs empty;
  auto early = selector.Update(empty, kNow + std::chrono::minutes(59));
  EXPECT_FALSE(early->refreshed);
  EXPECT_THAT(early->members, ElementsAre("AUSDT"));
  EXPECT_FALSE(selector.Due(kNow + std::chrono::minutes(59)));
  EXPECT_TRUE(selector.Due(kNow + std::chrono::hours(1)));
  auto late = selector.Update(empty, kNow + std::chrono::hours(1));
  EXPECT_TRUE(late->refreshed);
  EXPECT_TRUE(late->members.empty());
  auto back = selector.Update(in, kNow);
  ASSERT_FALSE(back.has_value());
  EXPECT_EQ(back.error().code, core::ErrorCode::kFailedPrecondition);
}

// A and B trade places by a hair every hour; C anchors the normalisation.
UniverseInputs Oscillating(int hour) {
  UniverseInputs in;
  const bool a_ahead = hour % 2 == 1;
  AddGood(in, "AUSDT", a_ahead ? "1000000000" : "980000000");
  AddGood(in, "BUSDT", a_ahead ? "980000000" : "1000000000");
  AddGood(in, "CUSDT", "30000000");
  for (model::Ticker& t : in.tickers) t.ts = kNow + std::chrono::hours(hour);
  for (auto& [symbol, bars] : in.candles) {
    bars = Bars(60, "100", "1", kNow + std::chrono::hours(hour));
  }
  return in;
}

std::vector<std::string> RunOscillation(UniverseParams p, int* changes) {
  UniverseSelector selector(p);
  std::vector<std::string> previous;
  *changes = 0;
  for (int hour = 0; hour < 12; ++hour) {
    auto snap = selector.Update(Oscillating(hour), kNow + std::chrono::hours(hour));
    EXPECT_TRUE(snap.has_value());
    if (hour > 0 && snap->members != previous) ++*changes;
    previous = snap->members;
  }
  return previous;
}

TEST(UniverseHysteresis, NoFlappingOnOscillatingInputs) {
  UniverseParams p;
  p.top_n = 1;
  p.keep_slack = 1;
  p.entry_margin = 0.05;
  p.weights = {.volume = 1, .open_interest = 0, .spread = 0, .volatility = 0, .funding = 0};
  int changes = 0;
  EXPECT_THAT(RunOscillation(p, &changes), ElementsAre("BUSDT"));  // B led at hour 0
  EXPECT_EQ(changes, 0);
  // Without hysteresis the same inputs flap every hour: the test can tell.
  p.keep_slack = 0;
  p.entry_margin = 0;
  RunOscillation(p, &changes);
  EXPECT_EQ(changes, 11);
}

TEST(UniverseHysteresis, AClearlyBetterNewcomerReplacesTheWeakestMember) {
  UniverseParams p;
  p.top_n = 1;
  p.keep_slack = 2;
  p.entry_margin = 0.05;
  p.weights = {.volume = 1, .open_interest = 0, .spread = 0, .volatility = 0, .funding = 0};
  UniverseSelector selector(p);
  UniverseInputs in;
  AddGood(in, "AUSDT", "1000000000");
  AddGood(in, "BUSDT", "900000000");
  AddGood(in, "CUSDT", "30000000");
  ASSERT_THAT(selector.Refresh(in, kNow)->members, ElementsAre("AUSDT"));
  in.tickers[1].quote_volume_24h = D("3000000000");  // B: score 1 vs A's 0.76
  auto snap = selector.Refresh(in, kNow);
  EXPECT_THAT(snap->members, ElementsAre("BUSDT"));
  EXPECT_THAT(snap->Find("BUSDT")->reason, HasSubstr("replaced AUSDT"));
  EXPECT_THAT(snap->Find("AUSDT")->reason, HasSubstr("replaced by BUSDT"));
}

TEST(UniverseHysteresis, MemberFallingBelowRankNPlusKLeaves) {
  UniverseParams p;
  p.top_n = 1;
  p.keep_slack = 1;
  p.entry_margin = 0.5;
  p.weights = {.volume = 1, .open_interest = 0, .spread = 0, .volatility = 0, .funding = 0};
  UniverseSelector selector(p);
  UniverseInputs in;
  AddGood(in, "AUSDT", "1000000000");
  AddGood(in, "BUSDT", "990000000");
  AddGood(in, "CUSDT", "980000000");
  ASSERT_THAT(selector.Refresh(in, kNow)->members, ElementsAre("AUSDT"));
  in.tickers[0].quote_volume_24h = D("970000000");  // A now ranks 3 > 1 + 1
  auto snap = selector.Refresh(in, kNow);
  EXPECT_THAT(snap->members, ElementsAre("BUSDT"));
  EXPECT_THAT(snap->Find("AUSDT")->reason, HasSubstr("removed (member below rank 2)"));
}

TEST(UniverseSelector, SymbolDisappearingFromTickersLeavesTheSet) {
  UniverseParams p;
  p.top_n = 2;
  UniverseSelector selector(p);
  UniverseInputs in;
  AddGood(in, "AUSDT", "900000000");
  AddGood(in, "BUSDT", "800000000");
  AddGood(in, "CUSDT", "700000000");
  ASSERT_THAT(selector.Refresh(in, kNow)->members, ElementsAre("AUSDT", "BUSDT"));
  in.tickers.erase(in.tickers.begin());  // AUSDT no longer quoted
  auto snap = selector.Refresh(in, kNow + std::chrono::seconds(1));
  EXPECT_THAT(snap->members, ElementsAre("BUSDT", "CUSDT"));
  const SymbolVerdict* a = snap->Find("AUSDT");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->filter, UniverseFilter::kNoTicker);
  EXPECT_THAT(a->reason, HasSubstr("removed from the set"));
}

TEST(UniverseSelector, ContractChangingStatusMidRunLeavesTheSet) {
  UniverseParams p;
  p.top_n = 1;
  UniverseSelector selector(p);
  UniverseInputs in;
  AddGood(in, "AUSDT", "900000000");
  AddGood(in, "BUSDT", "800000000");
  ASSERT_THAT(selector.Refresh(in, kNow)->members, ElementsAre("AUSDT"));
  in.instruments[0] = Inst("AUSDT", {.status = "limit_open"});
  auto snap = selector.Refresh(in, kNow);
  EXPECT_THAT(snap->members, ElementsAre("BUSDT"));
  EXPECT_EQ(snap->Find("AUSDT")->filter, UniverseFilter::kStatus);
  in.instruments[0] = Inst("AUSDT");  // back to normal: returns on merit (1 vs 0.75)
  EXPECT_THAT(selector.Refresh(in, kNow)->members, ElementsAre("AUSDT"));
}

TEST(UniverseBadInput, ParamsWithNanInfOrContradictionsAreRefused) {
  EXPECT_TRUE(ValidateParams(UniverseParams{}).ok());
  UniverseParams p;
  p.weights.volume = std::numeric_limits<double>::quiet_NaN();
  p.max_atr_pct = std::numeric_limits<double>::infinity();
  p.top_n = 0;
  p.blacklist = {"XUSDT"};
  p.whitelist = {"XUSDT"};
  p.min_funding_rate = D("0.01");
  p.entry_margin = -1;
  const core::Status s = ValidateParams(p);
  ASSERT_FALSE(s.ok());
  for (const char* part : {"weights.volume", "max_atr_pct", "top_n", "XUSDT is also whitelisted",
                           "min_funding_rate", "entry_margin"}) {
    EXPECT_THAT(s.error().message, HasSubstr(part));
  }
  UniverseParams zero;
  zero.weights = {0, 0, 0, 0, 0};
  EXPECT_FALSE(ValidateParams(zero).ok());
}

TEST(UniverseBadInput, DuplicateRowsAndUnknownTickersAreHarmless) {
  UniverseInputs in;
  AddGood(in, "AUSDT");
  in.instruments.push_back(Inst("AUSDT", {.status = "off"}));  // duplicate: first row wins
  in.tickers.push_back(Tick("ZZZUSDT"));                       // no contract: ignored
  const auto all = EvaluateUniverse(in, UniverseParams{}, kNow);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].decision, UniverseDecision::kRanked);
  EXPECT_TRUE(EvaluateUniverse(UniverseInputs{}, UniverseParams{}, kNow).empty());
}

TEST(UniverseBadInput, ExtremeButValidNumbersStayFinite) {
  const SymbolVerdict v = One([](UniverseInputs& in, UniverseParams&) {
    in.tickers[0].open_interest = D("9000000000000");  // × 100 overflows nothing: 9e14
    in.tickers[0].quote_volume_24h = D("900000000000000");
  });
  EXPECT_EQ(v.decision, UniverseDecision::kRanked) << v.reason;
  EXPECT_TRUE(std::isfinite(v.score));
  const SymbolVerdict overflow = One([](UniverseInputs& in, UniverseParams&) {
    in.tickers[0].open_interest = D("900000000000000000");
  });
  ExpectDropped(overflow, UniverseFilter::kOpenInterest, "out of range");
}

}  // namespace
}  // namespace bgt::market
