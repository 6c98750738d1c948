#include "sim/funding.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "core/check.h"
#include "sim/margin.h"

namespace bgt::sim {

using core::Decimal;
using core::Timestamp;

Timestamp NextFundingTime(Timestamp now, int interval_hours) {
  BGT_CHECK(interval_hours >= 1 && interval_hours <= 24, "funding interval must be 1..24 h");
  const std::int64_t step =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::hours(interval_hours))
          .count();
  const std::int64_t ns = now.nanos();
  std::int64_t floor = ns / step * step;
  if (floor > ns) floor -= step;  // negative times round toward -infinity
  return Timestamp::FromNanos(floor + step);
}

core::Result<Decimal> FundingAmount(const Decimal& signed_quantity, const Decimal& mark,
                                    const Decimal& rate) {
  if (!mark.IsPositive()) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "funding needs a positive mark");
  }
  auto value = MulExact(signed_quantity, mark);
  BGT_RETURN_IF_ERROR(value);
  auto paid = MulExact(*value, rate);
  BGT_RETURN_IF_ERROR(paid);
  return Decimal::CheckedNegate(*paid);
}

core::Status FundingSchedule::AddSymbol(std::string symbol, int interval_hours, Timestamp now) {
  if (interval_hours < 1 || interval_hours > 24) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "funding interval of " + symbol + " must be 1..24 hours");
  }
  if (entries_.contains(symbol)) {
    return core::MakeError(core::ErrorCode::kAlreadyExists, "funding already set for " + symbol);
  }
  entries_.emplace(std::move(symbol),
                   Entry{interval_hours, Decimal(), NextFundingTime(now, interval_hours)});
  return core::Status::Ok();
}

core::Status FundingSchedule::SetRate(std::string_view symbol, const Decimal& rate) {
  auto it = entries_.find(symbol);
  if (it == entries_.end()) {
    return core::MakeError(core::ErrorCode::kNotFound,
                           "no funding schedule for " + std::string(symbol));
  }
  it->second.rate = rate;
  return core::Status::Ok();
}

std::vector<FundingSettlement> FundingSchedule::TakeDue(Timestamp now) {
  std::vector<FundingSettlement> due;
  for (auto& [symbol, e] : entries_) {
    while (e.next <= now) {
      due.push_back(FundingSettlement{symbol, e.next, e.rate, e.interval_hours});
      e.next = NextFundingTime(e.next, e.interval_hours);
    }
  }
  std::stable_sort(
      due.begin(), due.end(),
      [](const FundingSettlement& a, const FundingSettlement& b) { return a.time < b.time; });
  return due;
}

std::optional<Timestamp> FundingSchedule::NextDue() const {
  std::optional<Timestamp> best;
  for (const auto& [symbol, e] : entries_) {
    if (!best || e.next < *best) best = e.next;
  }
  return best;
}

std::optional<Timestamp> FundingSchedule::NextTime(std::string_view symbol) const {
  auto it = entries_.find(symbol);
  if (it == entries_.end()) return std::nullopt;
  return it->second.next;
}

std::optional<Decimal> FundingSchedule::Rate(std::string_view symbol) const {
  auto it = entries_.find(symbol);
  if (it == entries_.end()) return std::nullopt;
  return it->second.rate;
}

std::optional<int> FundingSchedule::IntervalHours(std::string_view symbol) const {
  auto it = entries_.find(symbol);
  if (it == entries_.end()) return std::nullopt;
  return it->second.interval_hours;
}

}  // namespace bgt::sim
