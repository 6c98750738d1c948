#include "bitget/candle_range.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "bitget/encode_requests.h"

namespace bgt::bitget {
namespace {

using std::chrono::days;
using G = model::Granularity;

// Month bars are 28 to 31 days long.
constexpr core::Duration kShortestMonth = days(28);
constexpr core::Duration kLongestMonth = days(31);

bool Known(G g) { return static_cast<std::size_t>(g) <= static_cast<std::size_t>(G::k1Mutc); }

core::Error Invalid(std::string message) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, "candle range: " + std::move(message));
}

std::int64_t CeilDiv(std::int64_t a, std::int64_t b) { return a / b + (a % b > 0 ? 1 : 0); }

// "history-mark-candles" for messages.
std::string_view EndpointName(Endpoint endpoint) {
  const std::string_view path = SpecOf(endpoint).path;
  return path.substr(path.rfind('/') + 1);
}

// Part of the range served by one kind of endpoint: the span of one call and the bars it holds.
struct Part {
  bool history;
  core::Timestamp start;
  core::Timestamp end;
  int cap;
  core::Duration span;  // longest call range
};

Part MakePart(bool history, core::Timestamp start, core::Timestamp end,
              std::optional<core::Duration> bar) {
  const int cap = history ? kHistoryCandlesMaxRows : kCandlesMaxRows;
  core::Duration span = kCandleMaxCallRange;
  if (bar) span = std::min(span, *bar * cap);
  return Part{history, start, end, cap, span};
}

std::size_t CallsOf(const Part& part) {
  if (part.end <= part.start) return 0;
  return static_cast<std::size_t>(CeilDiv((part.end - part.start).count(), part.span.count()));
}

core::Result<EncodedRequest> MakeRequest(const CandleRangeQuery& query, bool history,
                                         core::Timestamp start, core::Timestamp end, int limit) {
  const std::int64_t start_ms = start.millis();
  // Bitget rounds endTime down to a bar and includes that bar: send the last ms of the chunk.
  const std::int64_t end_ms = std::max(start_ms, (end - core::Duration(1)).millis());
  CandlesQuery candles;
  candles.symbol = query.symbol;
  candles.granularity = query.granularity;
  candles.start = core::Timestamp::FromMillis(start_ms);
  candles.end = core::Timestamp::FromMillis(end_ms);
  candles.limit = limit;
  candles.kind = query.kind;
  candles.history = history;
  EncodeContext context;
  context.product_type = query.product_type;
  auto request = Encode(candles, context);
  if (!request) return Invalid(request.error().message);
  return request;
}

core::Status AppendChunks(const CandleRangeQuery& query, const Part& part,
                          std::optional<core::Duration> bar, std::vector<CandleChunk>& chunks) {
  for (core::Timestamp start = part.start; start < part.end;) {
    const core::Timestamp end = std::min(start + part.span, part.end);
    // At most this many bars open in [start, end); the limit allows one more, because Bitget
    // rounds startTime down to the bar that contains it (a bar the previous call already has).
    const std::int64_t bars = CeilDiv((end - start).count(), (bar ? *bar : kShortestMonth).count());
    const int limit = static_cast<int>(std::min<std::int64_t>(part.cap, bars + 1));
    auto request = MakeRequest(query, part.history, start, end, limit);
    if (!request) return request.error();
    chunks.push_back(CandleChunk{request->endpoint, start, end, limit, std::move(*request)});
    start = end;
  }
  return core::Status::Ok();
}

}  // namespace

core::Duration CandlesRetention(model::Granularity g) {
  switch (g) {
    case G::k1m:
    case G::k3m:
    case G::k5m:
      return days(30);
    case G::k15m:
      return days(52);
    case G::k30m:
      return days(62);
    case G::k1H:
      return days(83);
    case G::k2H:
      return days(120);
    case G::k4H:
      return days(240);
    default:  // 6H, 6Hutc (documented) and every coarser bar (assumed, see the header)
      return days(360);
  }
}

core::Result<CandlePlan> PlanCandleRange(const CandleRangeQuery& query, core::Timestamp now,
                                         const CandlePlanOptions& options) {
  if (!Known(query.granularity)) {
    return Invalid("unknown granularity #" + std::to_string(static_cast<int>(query.granularity)));
  }
  if (query.from >= query.to) {
    return Invalid("empty range: from " + query.from.ToIso8601() + " is not before to " +
                   query.to.ToIso8601());
  }
  if (query.to > now) {
    return Invalid("the range ends in the future (" + query.to.ToIso8601() + " > now " +
                   now.ToIso8601() + ")");
  }
  if (query.from < options.oldest_available) {
    return core::MakeError(core::ErrorCode::kOutOfRange,
                           "candle range: " + query.from.ToIso8601() +
                               " is older than any Bitget endpoint keeps (oldest " +
                               options.oldest_available.ToIso8601() + ")");
  }

  const std::optional<core::Duration> bar = model::FixedDuration(query.granularity);
  // Bars opening at or after `boundary` are still in `candles`. Kept on from's bar lattice
  // (rounded up: the bars in between are old enough to be finished, so history has them).
  const core::Timestamp raw = now - CandlesRetention(query.granularity) + options.recent_margin;
  core::Timestamp boundary = query.from;
  if (raw > query.from) {
    boundary = bar ? query.from + *bar * CeilDiv((raw - query.from).count(), bar->count()) : raw;
  }
  boundary = std::min(boundary, query.to);

  const Part history = MakePart(true, query.from, boundary, bar);
  const Part recent = MakePart(false, boundary, query.to, bar);
  const std::size_t calls = CallsOf(history) + CallsOf(recent);
  if (calls > options.max_requests) {
    return core::MakeError(core::ErrorCode::kOutOfRange,
                           "candle range: " + query.from.ToIso8601() + ".." + query.to.ToIso8601() +
                               " at " + std::string(model::ToString(query.granularity)) +
                               " needs " + std::to_string(calls) + " calls (max " +
                               std::to_string(options.max_requests) + ")");
  }

  CandlePlan plan;
  plan.query = query;
  plan.recent_boundary = boundary;
  plan.chunks.reserve(calls);
  BGT_RETURN_IF_ERROR(AppendChunks(query, history, bar, plan.chunks));
  BGT_RETURN_IF_ERROR(AppendChunks(query, recent, bar, plan.chunks));
  return plan;
}

core::Result<CandleSeries> ExecuteCandlePlan(const CandlePlan& plan, const CandlePageFetch& fetch) {
  CandleSeries series;
  std::vector<model::Candle> received;
  const std::size_t total = plan.chunks.size();
  for (std::size_t i = 0; i < total; ++i) {
    const CandleChunk& chunk = plan.chunks[i];
    auto page = fetch(chunk.request);
    ++series.requests;
    if (!page) {
      core::Error error = page.error();
      error.message = "candle call " + std::to_string(i + 1) + "/" + std::to_string(total) + " (" +
                      std::string(EndpointName(chunk.endpoint)) + " " + chunk.start.ToIso8601() +
                      ".." + chunk.end.ToIso8601() + "): " + error.message;
      return error;
    }
    received.insert(received.end(), std::make_move_iterator(page->begin()),
                    std::make_move_iterator(page->end()));
  }

  // Stable: among copies of one bar, the one received last (the later call) ends up last.
  std::stable_sort(
      received.begin(), received.end(),
      [](const model::Candle& a, const model::Candle& b) { return a.open_time < b.open_time; });
  const CandleRangeQuery& query = plan.query;
  for (model::Candle& candle : received) {
    if (candle.open_time < query.from || candle.open_time >= query.to) {
      ++series.outside;
      continue;
    }
    if (!series.candles.empty() && series.candles.back().open_time == candle.open_time) {
      ++series.duplicates;
      series.candles.back() = std::move(candle);
      continue;
    }
    series.candles.push_back(std::move(candle));
  }

  // A bar is missing when the next open comes later than one bar length (the longest month for
  // month bars) after the previous one.
  const std::optional<core::Duration> bar = model::FixedDuration(query.granularity);
  const core::Duration longest = bar ? *bar : kLongestMonth;
  const core::Duration shortest = bar ? *bar : kShortestMonth;
  if (series.candles.empty()) {
    series.gaps.push_back({query.from, query.to});
    return series;
  }
  if (series.candles.front().open_time - query.from >= longest) {
    series.gaps.push_back({query.from, series.candles.front().open_time});
  }
  for (std::size_t i = 1; i < series.candles.size(); ++i) {
    const core::Timestamp previous = series.candles[i - 1].open_time;
    const core::Timestamp next = series.candles[i].open_time;
    if (next - previous > longest) series.gaps.push_back({previous + shortest, next});
  }
  const core::Timestamp last = series.candles.back().open_time;
  if (query.to - last > longest) series.gaps.push_back({last + shortest, query.to});
  return series;
}

core::Result<CandleSeries> FetchCandles(const CandleRangeQuery& query, core::Timestamp now,
                                        const CandlePageFetch& fetch,
                                        const CandlePlanOptions& options) {
  auto plan = PlanCandleRange(query, now, options);
  if (!plan) return plan.error();
  return ExecuteCandlePlan(*plan, fetch);
}

}  // namespace bgt::bitget
