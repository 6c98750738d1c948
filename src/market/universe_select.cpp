// The volatility measure and the hysteresis step of pair selection (universe_internal.h).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "market/universe_internal.h"
#include "ta/bar.h"
#include "ta/volatility.h"

namespace bgt::market {
namespace {

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.4g", v);
  return buf;
}

}  // namespace

AtrOutcome AtrPercent(const std::vector<model::Candle>* candles, const UniverseParams& params,
                      core::Timestamp now) {
  AtrOutcome out;
  const auto length = model::FixedDuration(params.candle_granularity);
  if (candles == nullptr || candles->empty() || !length) {
    out.problem = "no candles";
    return out;
  }
  std::vector<const model::Candle*> closed;
  closed.reserve(candles->size());
  for (const model::Candle& c : *candles) {
    if (c.granularity != params.candle_granularity) {
      out.bad_candles = true;
      out.problem = "candle at " + c.open_time.ToIso8601() + " is " +
                    std::string(ToString(c.granularity)) + ", expected " +
                    std::string(ToString(params.candle_granularity));
      return out;
    }
    if (c.open_time + *length > now) continue;  // still forming, or from the future
    closed.push_back(&c);
  }
  std::sort(closed.begin(), closed.end(), [](const model::Candle* a, const model::Candle* b) {
    return a->open_time < b->open_time;
  });
  closed.erase(std::unique(closed.begin(), closed.end(),
                           [](const model::Candle* a, const model::Candle* b) {
                             return a->open_time == b->open_time;
                           }),
               closed.end());
  const std::size_t keep = static_cast<std::size_t>(params.atr_period) * 4 + 1;
  const std::size_t first = closed.size() > keep ? closed.size() - keep : 0;
  ta::Atr atr(params.atr_period);
  for (std::size_t i = first; i < closed.size(); ++i) {
    const model::Candle& c = *closed[i];
    if (core::Status ok = model::CheckCandle(c); !ok) {
      out.bad_candles = true;
      out.problem = "bad candle at " + c.open_time.ToIso8601() + ": " + ok.error().message;
      return out;
    }
    atr.Update(ta::BarFromCandle(c));
  }
  if (!atr.Ready()) {
    out.problem = "not enough closed candles for ATR(" + std::to_string(params.atr_period) +
                  "): " + std::to_string(closed.size());
    return out;
  }
  const double last_close = closed.back()->close.ToDouble();
  const double pct = atr.Value() / last_close * 100.0;
  if (!std::isfinite(pct) || pct < 0) {
    out.problem = "ATR % not computable (" + Num(pct) + ")";
    return out;
  }
  out.atr_pct = pct;
  return out;
}

std::vector<std::string> ApplyHysteresis(const std::vector<std::string>& previous,
                                         std::vector<SymbolVerdict>& verdicts,
                                         const UniverseParams& params) {
  const int n = params.top_n;
  const int keep_rank = params.top_n + params.keep_slack;
  const std::set<std::string, std::less<>> was(previous.begin(), previous.end());
  // Ranked verdicts come first, in rank order.
  std::vector<SymbolVerdict*> ranked;
  for (SymbolVerdict& v : verdicts) {
    if (v.decision == UniverseDecision::kRanked) ranked.push_back(&v);
  }
  std::vector<SymbolVerdict*> members;
  for (SymbolVerdict* v : ranked) {
    if (was.count(v->symbol) != 0 && v->rank <= keep_rank) {
      members.push_back(v);
      v->reason += ": kept (member within rank " + std::to_string(keep_rank) + ")";
    }
  }
  for (SymbolVerdict& v : verdicts) {
    if (v.decision == UniverseDecision::kDropped && was.count(v.symbol) != 0) {
      v.reason += " -> removed from the set";
    } else if (v.decision == UniverseDecision::kRanked && was.count(v.symbol) != 0 &&
               v.rank > keep_rank) {
      v.reason += ": removed (member below rank " + std::to_string(keep_rank) + ")";
    }
  }
  std::set<const SymbolVerdict*> removed;
  // Members beyond top_n (several kept from the slack zone): keep the best n.
  const auto by_score = [](const SymbolVerdict* a, const SymbolVerdict* b) {
    return a->rank < b->rank;
  };
  std::sort(members.begin(), members.end(), by_score);
  while (static_cast<int>(members.size()) > n) {
    SymbolVerdict* cut = members.back();
    cut->reason += " -> removed: the set holds only " + std::to_string(n);
    removed.insert(cut);
    members.pop_back();
  }
  const auto is_member = [&](const SymbolVerdict* v) {
    return std::find(members.begin(), members.end(), v) != members.end();
  };
  for (SymbolVerdict* v : ranked) {  // best first
    if (is_member(v) || removed.count(v) != 0) continue;
    if (static_cast<int>(members.size()) < n) {
      members.push_back(v);
      v->reason += was.empty() ? ": selected" : ": added to a free slot";
      continue;
    }
    SymbolVerdict* weakest = *std::max_element(members.begin(), members.end(), by_score);
    if (v->score > weakest->score + params.entry_margin) {
      weakest->reason += " -> replaced by " + v->symbol;
      removed.insert(weakest);
      members.erase(std::find(members.begin(), members.end(), weakest));
      members.push_back(v);
      v->reason += ": replaced " + weakest->symbol + " (beats " + Num(weakest->score) + " by > " +
                   Num(params.entry_margin) + ")";
    } else if (v->rank <= n) {
      v->reason += ": not selected (does not beat " + weakest->symbol + " " + Num(weakest->score) +
                   " by " + Num(params.entry_margin) + ")";
    } else {
      v->reason += ": not selected (outside the top " + std::to_string(n) + ")";
    }
  }
  std::sort(members.begin(), members.end(), by_score);
  std::vector<std::string> out;
  for (SymbolVerdict* v : members) {
    v->decision = UniverseDecision::kSelected;
    out.push_back(v->symbol);
  }
  return out;
}

}  // namespace bgt::market
