// Candles over any range: PlanCandleRange (pure) splits [from, to) into Bitget requests within
// each endpoint's caps, and ExecuteCandlePlan runs them through a page callback, then merges the
// pages (de-duplicated by open time, sorted, clipped to [from, to)) and flags gaps.
//
// Endpoint choice (bitget-api.md §3.3-3.4): `candles` (<= 1000 rows, includes the forming bar)
// keeps only recent bars: 1m/3m/5m about 30 days, 15m 52 d, 30m 62 d, 1H 83 d, 2H 120 d, 4H 240 d,
// 6H (and 6Hutc) 360 d. The reference gives no figure for coarser bars; bgt assumes the 6H one
// (360 d), which costs nothing: at 12H and above the 90-day range cap per call binds before
// either row cap, so both endpoints need the same number of calls. Older bars come from
// `history-candles` (<= 200 rows, finished bars only), for which the reference documents no
// retention limit; bgt treats it as keeping everything since options.oldest_available (Bitget's
// founding, 2018-01-01), and a later listing shows up as a gap. The recent part starts
// options.recent_margin inside the candles retention, so a bar does not expire between planning
// and sending. Every call spans at most 90 days.
// Thread-safety: pure functions; ExecuteCandlePlan calls `fetch` sequentially on the caller's
// thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bitget/endpoints.h"
#include "bitget/request.h"
#include "bitget/requests.h"
#include "core/result.h"
#include "core/time.h"
#include "model/candle.h"

namespace bgt::bitget {

inline constexpr int kCandlesMaxRows = 1000;
inline constexpr int kHistoryCandlesMaxRows = 200;
inline constexpr core::Duration kCandleMaxCallRange = std::chrono::days(90);

struct CandleRangeQuery {
  std::string symbol;                         // "BTCUSDT"
  std::string product_type = "USDT-FUTURES";  // or "SUSDT-FUTURES" (encode_requests.h)
  model::Granularity granularity = model::Granularity::k1m;
  // Market, mark or index price bars: old mark/index bars come from history-mark-candles /
  // history-index-candles, with the same caps and (assumed) the same retention.
  CandleKind kind = CandleKind::kMarket;
  core::Timestamp from;  // first bar open time wanted (inclusive)
  core::Timestamp to;    // exclusive; at most `now`
};

struct CandlePlanOptions {
  core::Timestamp oldest_available = core::Timestamp::FromSeconds(1'514'764'800);  // 2018-01-01
  core::Duration recent_margin = std::chrono::days(2);
  std::size_t max_requests = 20'000;  // larger plans are refused (about 17 min at 20/s)
};

// One call: bars opening in [start, end) from `endpoint`; `request` (built by
// Encode(CandlesQuery)) is ready to send.
struct CandleChunk {
  Endpoint endpoint = Endpoint::kCandles;  // kCandles or one of the history endpoints
  core::Timestamp start;
  core::Timestamp end;
  int limit = 0;
  EncodedRequest request;
};

struct CandlePlan {
  CandleRangeQuery query;
  // Bars opening before this come from a history endpoint, the others from candles.
  core::Timestamp recent_boundary;
  std::vector<CandleChunk> chunks;  // ascending, contiguous, covering [from, to) exactly
};

// How long `candles` keeps bars of `g` (the figures above).
core::Duration CandlesRetention(model::Granularity g);

// The calls that fetch `query` as of `now`. Errors, before anything is sent: kInvalidArgument
// for an unknown granularity, from >= to, an end after `now`, or a symbol or product type the
// encoder refuses (Encode(CandlesQuery)); kOutOfRange when `from` is older than
// options.oldest_available or the range needs more than options.max_requests calls.
core::Result<CandlePlan> PlanCandleRange(const CandleRangeQuery& query, core::Timestamp now,
                                         const CandlePlanOptions& options = {});

// Missing bars: none opens in [from, to) although one should (for month bars, `from` is the
// earliest possible open of the first missing bar).
struct CandleGap {
  core::Timestamp from;
  core::Timestamp to;
  friend bool operator==(const CandleGap&, const CandleGap&) = default;
};

struct CandleSeries {
  std::vector<model::Candle> candles;  // ascending open time, unique, all within [from, to)
  std::vector<CandleGap> gaps;         // ascending
  std::size_t requests = 0;
  std::size_t duplicates = 0;  // bars received more than once (the later copy is kept)
  std::size_t outside = 0;     // bars received outside [from, to) (dropped)
};

// One page: the parsed rows of one call (wired to RestClient::Send + the candle parser).
using CandlePageFetch =
    std::function<core::Result<std::vector<model::Candle>>(const EncodedRequest&)>;

// Runs `plan` in order. Error: the first failing page's error (same code), its message naming
// the call, e.g. "candle call 3/12 (history-candles 2024-01-01T00:00:00.000Z..): ...".
core::Result<CandleSeries> ExecuteCandlePlan(const CandlePlan& plan, const CandlePageFetch& fetch);

// PlanCandleRange + ExecuteCandlePlan.
core::Result<CandleSeries> FetchCandles(const CandleRangeQuery& query, core::Timestamp now,
                                        const CandlePageFetch& fetch,
                                        const CandlePlanOptions& options = {});

}  // namespace bgt::bitget
