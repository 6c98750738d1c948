#include "market/candle_series.h"

#include <algorithm>
#include <map>
#include <utility>

#include "core/check.h"

namespace bgt::market {
namespace {

bool SameBar(const model::Candle& a, const model::Candle& b) {
  return a.open_time == b.open_time && a.open == b.open && a.high == b.high && a.low == b.low &&
         a.close == b.close && a.base_volume == b.base_volume && a.quote_volume == b.quote_volume &&
         a.granularity == b.granularity;
}

}  // namespace

std::string_view ToString(CandleOutcome outcome) {
  switch (outcome) {
    case CandleOutcome::kOpened:
      return "opened";
    case CandleOutcome::kUpdated:
      return "updated";
    case CandleOutcome::kDuplicate:
      return "duplicate";
    case CandleOutcome::kLate:
      return "late";
    case CandleOutcome::kRejected:
      return "rejected";
  }
  return "unknown";
}

CandleSeries::CandleSeries(std::string symbol, model::Granularity granularity, std::size_t capacity)
    : symbol_(std::move(symbol)), granularity_(granularity), capacity_(capacity) {
  BGT_CHECK(capacity_ >= 2, "CandleSeries: capacity must be at least 2");
}

core::Result<std::vector<model::Candle>> CandleSeries::Seed(
    std::span<const model::Candle> history) {
  for (std::size_t i = 0; i < history.size(); ++i) {
    const model::Candle& c = history[i];
    if (c.granularity != granularity_) {
      return core::MakeError(core::ErrorCode::kInvalidArgument,
                             symbol_ + " candle " + std::to_string(i) + ": granularity " +
                                 std::string(model::ToString(c.granularity)) + ", expected " +
                                 std::string(model::ToString(granularity_)));
    }
    if (auto status = model::CheckCandle(c); !status) {
      return core::MakeError(
          core::ErrorCode::kInvalidArgument,
          symbol_ + " candle " + std::to_string(i) + ": " + status.error().message);
    }
  }
  std::map<core::Timestamp, model::Candle> merged;
  for (const model::Candle& c : history) merged.insert_or_assign(c.open_time, c);
  std::optional<model::Candle> open_before;
  for (const Bar& bar : bars_) {
    merged.insert_or_assign(bar.candle.open_time, bar.candle);  // live data wins
    if (!bar.final) open_before = bar.candle;
  }
  std::vector<model::Candle> finalized;
  if (open_before && merged.rbegin()->first != open_before->open_time) {
    finalized.push_back(*open_before);
  }
  bars_.clear();
  for (auto& [open_time, candle] : merged) bars_.push_back({std::move(candle), true});
  if (!bars_.empty()) bars_.back().final = false;
  Trim();
  return finalized;
}

CandleUpdate CandleSeries::OnCandle(const model::Candle& candle) {
  CandleUpdate update;
  if (candle.granularity != granularity_ || !model::CheckCandle(candle)) {
    ++counters_.rejected;
    update.outcome = CandleOutcome::kRejected;
    return update;
  }
  if (bars_.empty() || candle.open_time > bars_.back().candle.open_time) {
    if (!bars_.empty()) {
      Bar& previous = bars_.back();
      update.missing_bars = MissingBetween(previous.candle.open_time, candle.open_time);
      counters_.missing_bars += update.missing_bars;
      if (!previous.final) {
        previous.final = true;
        update.finalized = previous.candle;
      }
    }
    bars_.push_back({candle, false});
    Trim();
    ++counters_.opened;
    update.outcome = CandleOutcome::kOpened;
    return update;
  }
  // Not newer than the newest bar: find it.
  auto it =
      std::lower_bound(bars_.begin(), bars_.end(), candle.open_time,
                       [](const Bar& bar, core::Timestamp t) { return bar.candle.open_time < t; });
  if (it != bars_.end() && it->candle.open_time == candle.open_time) {
    if (SameBar(it->candle, candle)) {
      ++counters_.duplicates;
      update.outcome = CandleOutcome::kDuplicate;
      return update;
    }
    if (!it->final) {
      it->candle = candle;
      ++counters_.updated;
      update.outcome = CandleOutcome::kUpdated;
      return update;
    }
  }
  ++counters_.late;
  update.outcome = CandleOutcome::kLate;
  return update;
}

std::optional<model::Candle> CandleSeries::OpenBar() const {
  if (bars_.empty() || bars_.back().final) return std::nullopt;
  return bars_.back().candle;
}

std::optional<model::Candle> CandleSeries::LastFinal() const {
  for (auto it = bars_.rbegin(); it != bars_.rend(); ++it) {
    if (it->final) return it->candle;
  }
  return std::nullopt;
}

std::vector<model::Candle> CandleSeries::Finals(std::size_t n) const {
  std::vector<model::Candle> out;
  for (auto it = bars_.rbegin(); it != bars_.rend() && out.size() < n; ++it) {
    if (it->final) out.push_back(it->candle);
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::size_t CandleSeries::MissingBetween(core::Timestamp older, core::Timestamp newer) const {
  const auto length = model::FixedDuration(granularity_);
  if (!length || length->count() <= 0) return 0;
  const auto steps = (newer - older).count() / length->count();
  return steps > 1 ? static_cast<std::size_t>(steps - 1) : 0;
}

void CandleSeries::Trim() {
  while (bars_.size() > capacity_) bars_.pop_front();
}

}  // namespace bgt::market
