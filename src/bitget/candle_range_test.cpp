#include "bitget/candle_range.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>

namespace bgt::bitget {
namespace {

using namespace std::chrono_literals;
using core::Duration;
using core::Timestamp;
using G = model::Granularity;

// 2026-01-01T00:00:00Z: on every fixed bar lattice (a whole number of weeks since the epoch).
constexpr Timestamp kNow = Timestamp::FromSeconds(1'767'225'600);

std::string Param(const EncodedRequest& request, std::string_view key) {
  for (const QueryParam& p : request.query) {
    if (p.key == key) return p.value;
  }
  return "<absent>";
}

std::int64_t ParamInt(const EncodedRequest& request, std::string_view key) {
  return std::stoll(Param(request, key));
}

CandleRangeQuery Query(G g, Timestamp from, Timestamp to) {
  CandleRangeQuery q;
  q.symbol = "BTCUSDT";
  q.granularity = g;
  q.from = from;
  q.to = to;
  return q;
}

std::vector<G> AllGranularities() {
  std::vector<G> all;
  for (int i = 0; i <= static_cast<int>(G::k1Mutc); ++i) all.push_back(static_cast<G>(i));
  return all;
}

// Checks what every plan must satisfy: contiguous chunks covering [from, to) exactly, caps, the
// 90-day range, endpoint on the right side of the boundary, request parameters.
void ExpectWellFormed(const CandlePlan& plan, Timestamp now) {
  const CandleRangeQuery& q = plan.query;
  ASSERT_FALSE(plan.chunks.empty());
  EXPECT_EQ(plan.chunks.front().start, q.from);
  EXPECT_EQ(plan.chunks.back().end, q.to);
  const auto bar = model::FixedDuration(q.granularity);
  const Timestamp oldest_recent = now - CandlesRetention(q.granularity);
  for (std::size_t i = 0; i < plan.chunks.size(); ++i) {
    const CandleChunk& c = plan.chunks[i];
    SCOPED_TRACE("chunk " + std::to_string(i) + " of " +
                 std::string(model::ToString(q.granularity)));
    if (i > 0) {
      EXPECT_EQ(c.start, plan.chunks[i - 1].end);
    }
    EXPECT_LT(c.start, c.end);
    EXPECT_LE(c.end - c.start, kCandleMaxCallRange);
    const int cap = c.endpoint == Endpoint::kCandles ? kCandlesMaxRows : kHistoryCandlesMaxRows;
    EXPECT_GE(c.limit, 1);
    EXPECT_LE(c.limit, cap);
    if (bar) {
      EXPECT_LE(c.end - c.start, *bar * cap);
    }
    if (c.endpoint == Endpoint::kCandles) {
      EXPECT_GE(c.start, plan.recent_boundary);
      EXPECT_GE(c.start, oldest_recent);  // still kept by `candles`
    } else {
      EXPECT_EQ(c.endpoint, q.kind == CandleKind::kMarket ? Endpoint::kHistoryCandles
                            : q.kind == CandleKind::kMark ? Endpoint::kHistoryMarkCandles
                                                          : Endpoint::kHistoryIndexCandles);
      EXPECT_LE(c.end, plan.recent_boundary);
      EXPECT_EQ(Param(c.request, "kLineType"), "<absent>");
    }
    EXPECT_EQ(c.request.endpoint, c.endpoint);
    EXPECT_EQ(Param(c.request, "symbol"), "BTCUSDT");
    EXPECT_EQ(Param(c.request, "productType"), "USDT-FUTURES");
    EXPECT_EQ(Param(c.request, "granularity"), model::ToString(q.granularity));
    EXPECT_EQ(ParamInt(c.request, "startTime"), c.start.millis());
    EXPECT_EQ(ParamInt(c.request, "endTime"), c.end.millis() - 1);
    EXPECT_EQ(ParamInt(c.request, "limit"), c.limit);
  }
}

TEST(CandleRangePlan, ExactlyOneThousandMinuteBarsIsOneCandlesCall) {
  const Timestamp from = kNow - 1000min;
  auto plan = PlanCandleRange(Query(G::k1m, from, kNow), kNow);
  ASSERT_TRUE(plan.has_value()) << plan.error().ToString();
  ExpectWellFormed(*plan, kNow);
  ASSERT_EQ(plan->chunks.size(), 1u);
  EXPECT_EQ(plan->chunks[0].endpoint, Endpoint::kCandles);
  EXPECT_EQ(plan->chunks[0].limit, 1000);
  EXPECT_EQ(plan->chunks[0].request.QueryString(),
            "endTime=" + std::to_string(kNow.millis() - 1) +
                "&granularity=1m&limit=1000&productType=USDT-FUTURES&startTime=" +
                std::to_string(from.millis()) + "&symbol=BTCUSDT");
}

TEST(CandleRangePlan, OneThousandAndOneBarsTakeTwoCalls) {
  auto plan = PlanCandleRange(Query(G::k1m, kNow - 1001min, kNow), kNow);
  ASSERT_TRUE(plan.has_value()) << plan.error().ToString();
  ExpectWellFormed(*plan, kNow);
  ASSERT_EQ(plan->chunks.size(), 2u);
  EXPECT_EQ(plan->chunks[0].end - plan->chunks[0].start, 1000min);
  EXPECT_EQ(plan->chunks[0].limit, 1000);
  EXPECT_EQ(plan->chunks[1].end - plan->chunks[1].start, 1min);
  EXPECT_EQ(plan->chunks[1].limit, 2);  // one bar plus one of slack
}

TEST(CandleRangePlan, OldPartComesFromHistoryCandlesInCallsOfTwoHundred) {
  // 1m: `candles` keeps about 30 days; with the 2-day margin the boundary is now - 28 d.
  const Timestamp from = kNow - std::chrono::days(40);
  auto plan = PlanCandleRange(Query(G::k1m, from, kNow - 1h), kNow);
  ASSERT_TRUE(plan.has_value()) << plan.error().ToString();
  ExpectWellFormed(*plan, kNow);
  EXPECT_EQ(plan->recent_boundary, kNow - std::chrono::days(28));
  std::size_t history = 0;
  std::size_t recent = 0;
  for (const CandleChunk& c : plan->chunks) {
    if (c.endpoint == Endpoint::kHistoryCandles) {
      ++history;
      EXPECT_LE(c.limit, 200);
    } else {
      ++recent;
    }
  }
  EXPECT_EQ(history, static_cast<std::size_t>((12 * 24 * 60 + 199) / 200));  // 12 days of 1m
  EXPECT_EQ(recent, static_cast<std::size_t>((28 * 24 * 60 - 60 + 999) / 1000));
}

TEST(CandleRangePlan, RangeEntirelyOlderThanRetentionUsesOnlyHistory) {
  auto plan = PlanCandleRange(
      Query(G::k1H, kNow - std::chrono::days(400), kNow - std::chrono::days(300)), kNow);
  ASSERT_TRUE(plan.has_value()) << plan.error().ToString();
  ExpectWellFormed(*plan, kNow);
  for (const CandleChunk& c : plan->chunks) EXPECT_EQ(c.endpoint, Endpoint::kHistoryCandles);
  EXPECT_EQ(plan->chunks.size(), static_cast<std::size_t>(100 * 24 / 200));
}

TEST(CandleRangePlan, BoundaryStaysOnTheBarLatticeOfFrom) {
  // from is 7 minutes past a 15m boundary: the split point must be a whole number of bars later.
  const Timestamp from = kNow - std::chrono::days(60) + 7min;
  auto plan = PlanCandleRange(Query(G::k15m, from, kNow), kNow);
  ASSERT_TRUE(plan.has_value()) << plan.error().ToString();
  ExpectWellFormed(*plan, kNow);
  EXPECT_EQ((plan->recent_boundary - from) % 15min, Duration::zero());
  EXPECT_GE(plan->recent_boundary, kNow - std::chrono::days(52) + std::chrono::days(2));
  EXPECT_LT(plan->recent_boundary, kNow - std::chrono::days(50) + 15min);
}

TEST(CandleRangePlan, NinetyDayRangeCapBindsForCoarseBars) {
  // 4H: 1000 bars would be 166 days, over the 90-day cap: 540 bars per call.
  auto plan = PlanCandleRange(Query(G::k4H, kNow - std::chrono::days(180), kNow), kNow);
  ASSERT_TRUE(plan.has_value()) << plan.error().ToString();
  ExpectWellFormed(*plan, kNow);
  ASSERT_EQ(plan->chunks.size(), 2u);
  EXPECT_EQ(plan->chunks[0].end - plan->chunks[0].start, std::chrono::days(90));
  EXPECT_EQ(plan->chunks[0].limit, 541);
  // 1D over 1000 days: history for the part older than ~358 days, 90 days per call everywhere.
  auto daily = PlanCandleRange(Query(G::k1D, kNow - std::chrono::days(1000), kNow), kNow);
  ASSERT_TRUE(daily.has_value()) << daily.error().ToString();
  ExpectWellFormed(*daily, kNow);
  EXPECT_EQ(daily->chunks.size(), 12u);  // ceil(642 / 90) + ceil(358 / 90)
}

TEST(CandleRangePlan, MonthBarsUseNinetyDayCalls) {
  auto plan = PlanCandleRange(Query(G::k1M, kNow - std::chrono::days(730), kNow), kNow);
  ASSERT_TRUE(plan.has_value()) << plan.error().ToString();
  ExpectWellFormed(*plan, kNow);
  for (const CandleChunk& c : plan->chunks) EXPECT_LE(c.limit, 5);
  EXPECT_EQ(plan->chunks.size(), 9u);  // ceil(372 / 90) + ceil(358 / 90)
}

TEST(CandleRangePlan, EveryGranularityAndManyRangesAreWellFormed) {
  const Duration lengths[] = {1min,
                              59min,
                              1h,
                              1000min,
                              1001min,
                              std::chrono::days(1),
                              std::chrono::days(29),
                              std::chrono::days(31),
                              std::chrono::days(91),
                              std::chrono::days(365),
                              std::chrono::days(800)};
  const Duration ends[] = {Duration::zero(), 1ms, 7min, std::chrono::days(27),
                           std::chrono::days(100)};
  for (G g : AllGranularities()) {
    for (Duration length : lengths) {
      for (Duration end_before_now : ends) {
        const Timestamp to = kNow - end_before_now;
        auto plan = PlanCandleRange(Query(g, to - length, to), kNow);
        ASSERT_TRUE(plan.has_value()) << plan.error().ToString();
        ExpectWellFormed(*plan, kNow);
      }
    }
  }
}

TEST(CandleRangePlan, RefusesRangesTheVenueCannotServeBeforeSending) {
  auto empty = PlanCandleRange(Query(G::k1m, kNow - 1h, kNow - 1h), kNow);
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(empty.error().message.find("empty range"), std::string::npos);

  auto reversed = PlanCandleRange(Query(G::k1m, kNow - 1h, kNow - 2h), kNow);
  ASSERT_FALSE(reversed.has_value());
  EXPECT_EQ(reversed.error().code, core::ErrorCode::kInvalidArgument);

  auto future = PlanCandleRange(Query(G::k1m, kNow - 1h, kNow + 1min), kNow);
  ASSERT_FALSE(future.has_value());
  EXPECT_EQ(future.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(future.error().message.find("future"), std::string::npos);

  auto too_old = PlanCandleRange(
      Query(G::k1D, Timestamp::FromSeconds(1'500'000'000), Timestamp::FromSeconds(1'600'000'000)),
      kNow);
  ASSERT_FALSE(too_old.has_value());
  EXPECT_EQ(too_old.error().code, core::ErrorCode::kOutOfRange);
  EXPECT_NE(too_old.error().message.find("older than any Bitget endpoint keeps"),
            std::string::npos);

  auto unknown = PlanCandleRange(Query(static_cast<G>(99), kNow - 1h, kNow), kNow);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(unknown.error().message.find("granularity"), std::string::npos);

  CandleRangeQuery no_symbol = Query(G::k1m, kNow - 1h, kNow);
  no_symbol.symbol.clear();
  EXPECT_FALSE(PlanCandleRange(no_symbol, kNow).has_value());

  CandlePlanOptions small;
  small.max_requests = 3;
  auto too_many = PlanCandleRange(Query(G::k1m, kNow - 4000min, kNow), kNow, small);
  ASSERT_FALSE(too_many.has_value());
  EXPECT_EQ(too_many.error().code, core::ErrorCode::kOutOfRange);
  EXPECT_TRUE(PlanCandleRange(Query(G::k1m, kNow - 3000min, kNow), kNow, small).has_value());
}

TEST(CandleRangePlan, MarkPriceBarsUseTheMarkEndpoints) {
  CandleRangeQuery q = Query(G::k1H, kNow - std::chrono::days(100), kNow);
  q.kind = CandleKind::kMark;
  auto plan = PlanCandleRange(q, kNow);
  ASSERT_TRUE(plan.has_value()) << plan.error().ToString();
  ExpectWellFormed(*plan, kNow);
  EXPECT_EQ(plan->chunks.front().endpoint, Endpoint::kHistoryMarkCandles);
  EXPECT_EQ(plan->chunks.back().endpoint, Endpoint::kCandles);
  EXPECT_EQ(Param(plan->chunks.back().request, "kLineType"), "MARK");
}

TEST(CandleRangePlan, SymbolsAndProductTypesAreCheckedByTheEncoder) {
  CandleRangeQuery q = Query(G::k1m, kNow - 1h, kNow);
  q.symbol = "btc usdt";
  auto bad_symbol = PlanCandleRange(q, kNow);
  ASSERT_FALSE(bad_symbol.has_value());
  EXPECT_EQ(bad_symbol.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(bad_symbol.error().message.find("CandlesQuery.symbol"), std::string::npos)
      << bad_symbol.error().message;
  q.symbol = "BTCUSDT";
  q.product_type = "COIN-FUTURES";
  EXPECT_FALSE(PlanCandleRange(q, kNow).has_value());
  q.product_type = "SUSDT-FUTURES";
  q.symbol = "SBTCSUSDT";
  EXPECT_TRUE(PlanCandleRange(q, kNow).has_value());
}

TEST(CandleRangePlan, RetentionTableMatchesTheReference) {
  EXPECT_EQ(CandlesRetention(G::k1m), std::chrono::days(30));
  EXPECT_EQ(CandlesRetention(G::k5m), std::chrono::days(30));
  EXPECT_EQ(CandlesRetention(G::k15m), std::chrono::days(52));
  EXPECT_EQ(CandlesRetention(G::k30m), std::chrono::days(62));
  EXPECT_EQ(CandlesRetention(G::k1H), std::chrono::days(83));
  EXPECT_EQ(CandlesRetention(G::k2H), std::chrono::days(120));
  EXPECT_EQ(CandlesRetention(G::k4H), std::chrono::days(240));
  EXPECT_EQ(CandlesRetention(G::k6H), std::chrono::days(360));
  EXPECT_EQ(CandlesRetention(G::k1W), std::chrono::days(360));
}

// --- Executor ---------------------------------------------------------------------------------

model::Candle Bar(G g, Timestamp open, std::int64_t close = 100) {
  model::Candle c;
  c.open_time = open;
  c.open = c.high = c.low = core::Decimal::FromInt(100);
  c.close = core::Decimal::FromInt(close);
  c.high = core::Decimal::FromInt(std::max<std::int64_t>(100, close));
  c.low = core::Decimal::FromInt(std::min<std::int64_t>(100, close));
  c.granularity = g;
  return c;
}

// A fake venue with every bar of a fixed lattice: answers like Bitget (startTime rounded down to
// its bar, endTime's bar included, the latest `limit` bars), keeps `candles` only for its
// retention and refuses calls over the caps.
struct FakeVenue {
  G g;
  Timestamp now;
  std::map<std::int64_t, int> missing;  // open ms -> 1: bars the venue does not have
  std::size_t calls = 0;

  core::Result<std::vector<model::Candle>> operator()(const EncodedRequest& request) {
    ++calls;
    const Duration bar = *model::FixedDuration(g);
    const std::int64_t bar_ms = std::chrono::duration_cast<std::chrono::milliseconds>(bar).count();
    const std::int64_t start = ParamInt(request, "startTime");
    const std::int64_t end = ParamInt(request, "endTime");
    const std::int64_t limit = ParamInt(request, "limit");
    const bool recent = request.endpoint == Endpoint::kCandles;
    if (limit > (recent ? 1000 : 200) || end - start > 90LL * 86'400'000) {
      return core::MakeError(core::ErrorCode::kVenueRejected, "over the caps");
    }
    const std::int64_t kept_from = recent ? (now - CandlesRetention(g)).millis() : 0;
    std::vector<model::Candle> rows;
    for (std::int64_t t = start - start % bar_ms; t <= end - end % bar_ms; t += bar_ms) {
      if (t < kept_from || missing.count(t) || t > now.millis()) continue;
      rows.push_back(Bar(g, Timestamp::FromMillis(t)));
    }
    if (static_cast<std::int64_t>(rows.size()) > limit) {
      rows.erase(rows.begin(), rows.end() - limit);
    }
    std::reverse(rows.begin(), rows.end());  // the venue answers newest first
    return rows;
  }
};

TEST(CandleRangeExecute, FetchesARangeAcrossBothEndpointsWithoutGaps) {
  FakeVenue venue{G::k1m, kNow, {}};
  const Timestamp from = kNow - std::chrono::days(31) + 17min;
  const Timestamp to = kNow - 5min;
  auto series = FetchCandles(Query(G::k1m, from, to), kNow, std::ref(venue));
  ASSERT_TRUE(series.has_value()) << series.error().ToString();
  const auto expected = static_cast<std::size_t>((to - from) / 1min);
  ASSERT_EQ(series->candles.size(), expected);
  for (std::size_t i = 0; i < expected; ++i) {
    ASSERT_EQ(series->candles[i].open_time, from + 1min * static_cast<std::int64_t>(i));
  }
  EXPECT_TRUE(series->gaps.empty());
  EXPECT_EQ(series->requests, venue.calls);
}

TEST(CandleRangeExecute, DeduplicatesOverlappingPagesKeepingTheLaterCopyAndSorts) {
  CandleRangeQuery q = Query(G::k1H, kNow - 10h, kNow);
  CandlePlan plan;
  plan.query = q;
  plan.recent_boundary = q.from;
  for (int i = 0; i < 3; ++i) plan.chunks.push_back({});
  int page = 0;
  // Page 0: bars 0..4 (and one before `from`); page 1: bars 3..7 newer copies; page 2: 7..10
  // (10 is at `to`, outside).
  auto fetch = [&](const EncodedRequest&) -> core::Result<std::vector<model::Candle>> {
    std::vector<model::Candle> rows;
    const auto add = [&](int lo, int hi, std::int64_t close) {
      for (int h = hi; h >= lo; --h) rows.push_back(Bar(G::k1H, q.from + 1h * h, close));
    };
    if (page == 0) add(-1, 4, 100);
    if (page == 1) add(3, 7, 101);
    if (page == 2) add(7, 10, 102);
    ++page;
    return rows;
  };
  auto series = ExecuteCandlePlan(plan, fetch);
  ASSERT_TRUE(series.has_value()) << series.error().ToString();
  ASSERT_EQ(series->candles.size(), 10u);
  for (int h = 0; h < 10; ++h) {
    EXPECT_EQ(series->candles[h].open_time, q.from + 1h * h);
  }
  EXPECT_EQ(series->candles[3].close, core::Decimal::FromInt(101));  // later copy wins
  EXPECT_EQ(series->candles[7].close, core::Decimal::FromInt(102));
  EXPECT_EQ(series->candles[2].close, core::Decimal::FromInt(100));
  EXPECT_EQ(series->duplicates, 3u);  // bars 3, 4, 7
  EXPECT_EQ(series->outside, 2u);     // bars -1 and 10
  EXPECT_TRUE(series->gaps.empty());
  EXPECT_EQ(series->requests, 3u);
}

TEST(CandleRangeExecute, FlagsGapsInsideAtTheStartAndAtTheEnd) {
  FakeVenue venue{G::k5m, kNow, {}};
  const Timestamp from = kNow - 100min;
  for (int i : {0, 1, 7, 8, 9, 19}) venue.missing[(from + 5min * i).millis()] = 1;
  auto series = FetchCandles(Query(G::k5m, from, kNow), kNow, std::ref(venue));
  ASSERT_TRUE(series.has_value()) << series.error().ToString();
  EXPECT_EQ(series->candles.size(), 14u);
  const std::vector<CandleGap> expected = {
      {from, from + 10min}, {from + 35min, from + 50min}, {from + 95min, kNow}};
  EXPECT_EQ(series->gaps, expected);
}

TEST(CandleRangeExecute, EmptyAnswerIsOneGapOverTheWholeRange) {
  CandleRangeQuery q = Query(G::k1m, kNow - 10min, kNow);
  auto series = FetchCandles(q, kNow, [](const EncodedRequest&) {
    return core::Result<std::vector<model::Candle>>(std::vector<model::Candle>{});
  });
  ASSERT_TRUE(series.has_value());
  EXPECT_TRUE(series->candles.empty());
  ASSERT_EQ(series->gaps.size(), 1u);
  EXPECT_EQ(series->gaps[0], (CandleGap{q.from, q.to}));
}

TEST(CandleRangeExecute, PropagatesThePageErrorNamingTheCall) {
  int calls = 0;
  auto series =
      FetchCandles(Query(G::k1m, kNow - 3000min, kNow), kNow,
                   [&](const EncodedRequest&) -> core::Result<std::vector<model::Candle>> {
                     if (++calls == 2) {
                       return core::MakeError(core::ErrorCode::kRateLimited, "429");
                     }
                     return std::vector<model::Candle>{};
                   });
  ASSERT_FALSE(series.has_value());
  EXPECT_EQ(series.error().code, core::ErrorCode::kRateLimited);
  EXPECT_NE(series.error().message.find("candle call 2/3 (candles "), std::string::npos)
      << series.error().message;
  EXPECT_EQ(calls, 2);  // stops at the first failure
}

TEST(CandleRangeExecute, PlanErrorsSendNothing) {
  int calls = 0;
  auto series = FetchCandles(Query(G::k1m, kNow, kNow + 1h), kNow, [&](const EncodedRequest&) {
    ++calls;
    return core::Result<std::vector<model::Candle>>(std::vector<model::Candle>{});
  });
  EXPECT_FALSE(series.has_value());
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace bgt::bitget
