#include "market/staleness.h"

#include <string>

namespace bgt::market {

StalenessMonitor::StalenessMonitor(const core::Clock& clock, StalenessConfig config)
    : clock_(clock), config_(config) {}

void StalenessMonitor::Watch(StreamKind kind, std::string_view symbol) {
  streams_.try_emplace(StreamKey{kind, std::string(symbol)}, State{clock_.Now(), false});
}

bool StalenessMonitor::Unwatch(StreamKind kind, std::string_view symbol) {
  return streams_.erase(StreamKey{kind, std::string(symbol)}) > 0;
}

std::optional<StalenessEvent> StalenessMonitor::Touch(StreamKind kind, std::string_view symbol) {
  const core::Timestamp now = clock_.Now();
  auto [it, inserted] =
      streams_.try_emplace(StreamKey{kind, std::string(symbol)}, State{now, false});
  if (inserted) return std::nullopt;
  State& state = it->second;
  const core::Duration age = now - state.last;
  state.last = now;
  if (!state.stale) return std::nullopt;
  state.stale = false;
  return StalenessEvent{it->first, false, age};
}

std::vector<StalenessEvent> StalenessMonitor::Check() {
  std::vector<StalenessEvent> out;
  const core::Timestamp now = clock_.Now();
  for (auto& [key, state] : streams_) {
    const core::Duration max_age = config_.For(key.kind);
    if (state.stale || max_age <= core::Duration::zero()) continue;
    const core::Duration age = now - state.last;
    if (age > max_age) {
      state.stale = true;
      out.push_back({key, true, age});
    }
  }
  return out;
}

bool StalenessMonitor::IsStale(StreamKind kind, std::string_view symbol) const {
  auto it = streams_.find(StreamKey{kind, std::string(symbol)});
  return it != streams_.end() && it->second.stale;
}

std::optional<core::Duration> StalenessMonitor::Age(StreamKind kind,
                                                    std::string_view symbol) const {
  auto it = streams_.find(StreamKey{kind, std::string(symbol)});
  if (it == streams_.end()) return std::nullopt;
  return clock_.Now() - it->second.last;
}

}  // namespace bgt::market
