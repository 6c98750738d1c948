#include "market/universe.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <utility>

#include "core/check.h"
#include "market/universe_internal.h"

namespace bgt::market {
namespace {

using core::Decimal;
using core::Timestamp;

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.4g", v);
  return buf;
}

bool Contains(const std::vector<std::string>& list, std::string_view symbol) {
  return std::find(list.begin(), list.end(), symbol) != list.end();
}

// The latest element per symbol with ts <= now (ties: the later one in the input).
template <typename T>
std::map<std::string, const T*, std::less<>> LatestBySymbol(const std::vector<T>& items,
                                                            Timestamp now) {
  std::map<std::string, const T*, std::less<>> out;
  for (const T& item : items) {
    if (item.ts > now) continue;
    auto [it, inserted] = out.try_emplace(item.symbol, &item);
    if (!inserted && it->second->ts <= item.ts) it->second = &item;
  }
  return out;
}

template <typename T>
const T* Lookup(const std::map<std::string, const T*, std::less<>>& map, std::string_view key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : it->second;
}

struct Survivor {
  SymbolVerdict verdict;
  double log_volume = 0;
  double log_oi = 0;
  double spread_bps = 0;
  double abs_funding = 0;
  double atr_pct = 0;
};

// Runs the hard filters on one instrument; nullopt-free: the verdict says kDropped or kRanked.
SymbolVerdict Filter(const model::Instrument& inst, const UniverseParams& p, Timestamp now,
                     const model::Ticker* ticker, const OpenInterestObs* oi,
                     const FundingObs* funding, const std::vector<model::Candle>* candles) {
  SymbolVerdict v;
  v.symbol = inst.symbol();
  const auto drop = [&v](UniverseFilter f, std::string reason) {
    v.decision = UniverseDecision::kDropped;
    v.filter = f;
    v.reason = std::move(reason);
    return v;
  };
  if (Contains(p.blacklist, inst.symbol())) return drop(UniverseFilter::kBlacklist, "blacklisted");
  if (!p.whitelist.empty() && !Contains(p.whitelist, inst.symbol())) {
    return drop(UniverseFilter::kWhitelist, "not on the whitelist");
  }
  if (inst.symbol_type() != model::SymbolType::kPerpetual) {
    return drop(UniverseFilter::kSymbolType,
                "symbol type " + std::string(ToString(inst.symbol_type())) + " (not perpetual)");
  }
  if (inst.status() != model::SymbolStatus::kNormal) {
    return drop(UniverseFilter::kStatus,
                "status " + std::string(ToString(inst.status())) + " (not normal)");
  }
  const Timestamp horizon = now + p.schedule_window;
  if (inst.off_time() && *inst.off_time() <= horizon) {
    return drop(UniverseFilter::kSchedule,
                "offTime " + inst.off_time()->ToIso8601() + " within the " +
                    std::to_string(p.schedule_window.count()) + "h window");
  }
  if (inst.limit_open_time() && *inst.limit_open_time() <= horizon) {
    return drop(UniverseFilter::kSchedule,
                "limitOpenTime " + inst.limit_open_time()->ToIso8601() + " within the " +
                    std::to_string(p.schedule_window.count()) + "h window");
  }
  // A maintenance already over does not matter; one coming inside the window does.
  if (inst.maintain_time() && *inst.maintain_time() >= now && *inst.maintain_time() <= horizon) {
    return drop(UniverseFilter::kSchedule,
                "maintainTime " + inst.maintain_time()->ToIso8601() + " within the " +
                    std::to_string(p.schedule_window.count()) + "h window");
  }
  if (inst.launch_time()) {
    if (*inst.launch_time() > now) {
      return drop(UniverseFilter::kListingAge,
                  "not launched yet (launchTime " + inst.launch_time()->ToIso8601() + ")");
    }
    const auto age = now - *inst.launch_time();
    if (age < std::chrono::days(p.min_listing_age_days)) {
      const auto days = std::chrono::duration_cast<std::chrono::hours>(age).count() / 24;
      return drop(UniverseFilter::kListingAge, "listed " + std::to_string(days) + " day(s) ago < " +
                                                   std::to_string(p.min_listing_age_days));
    }
  }
  if (ticker == nullptr) return drop(UniverseFilter::kNoTicker, "no ticker");
  if (now - ticker->ts > p.max_ticker_age) {
    return drop(UniverseFilter::kNoTicker, "stale ticker from " + ticker->ts.ToIso8601());
  }
  const Decimal& bid = ticker->bid_price;
  const Decimal& ask = ticker->ask_price;
  if (!bid.IsPositive() || !ask.IsPositive() || bid >= ask) {
    return drop(UniverseFilter::kBadQuote,
                "bad quote: bid " + bid.ToString() + ", ask " + ask.ToString());
  }
  // Volume.
  v.metrics.volume_usdt_24h = ticker->quote_volume_24h;
  if (ticker->quote_volume_24h < p.min_volume_usdt_24h) {
    return drop(UniverseFilter::kVolume, "24h volume " + ticker->quote_volume_24h.ToString() +
                                             " USDT < " +
                                             p.min_volume_usdt_24h.Normalized().ToString());
  }
  // Open interest in USDT, valued at the mark price (the last price when no mark).
  const Decimal oi_size = oi != nullptr ? oi->size : ticker->open_interest;
  const Decimal price = ticker->mark_price.IsPositive() ? ticker->mark_price : ticker->last_price;
  if (!price.IsPositive()) {
    return drop(UniverseFilter::kOpenInterest, "no mark or last price to value open interest");
  }
  auto oi_usdt = Decimal::MulRounded(oi_size, price, 2, core::Rounding::kHalfEven);
  if (!oi_usdt) return drop(UniverseFilter::kOpenInterest, "open interest out of range");
  v.metrics.open_interest_usdt = *oi_usdt;
  if (*oi_usdt < p.min_open_interest_usdt) {
    return drop(UniverseFilter::kOpenInterest,
                "open interest " + oi_usdt->ToString() + " USDT < " +
                    p.min_open_interest_usdt.Normalized().ToString());
  }
  // Spread in bps of the mid: (ask - bid) × 20000 / (ask + bid), exact to 6 decimals.
  auto spread = SpreadBps(bid, ask);
  if (!spread) return drop(UniverseFilter::kBadQuote, "spread out of range");
  v.metrics.spread_bps = spread->ToDouble();
  if (*spread > p.max_spread_bps) {
    return drop(UniverseFilter::kSpread, "spread " + spread->Normalized().ToString() + " bps > " +
                                             p.max_spread_bps.Normalized().ToString());
  }
  // Funding.
  const Decimal rate = funding != nullptr ? funding->rate : ticker->funding_rate;
  v.metrics.funding_rate = rate;
  if (rate < p.min_funding_rate || rate > p.max_funding_rate) {
    return drop(UniverseFilter::kFunding, "funding rate " + rate.ToString() + " outside [" +
                                              p.min_funding_rate.Normalized().ToString() + ", " +
                                              p.max_funding_rate.Normalized().ToString() + "]");
  }
  // Volatility.
  AtrOutcome atr = AtrPercent(candles, p, now);
  if (atr.bad_candles) return drop(UniverseFilter::kBadCandles, atr.problem);
  if (!atr.atr_pct) return drop(UniverseFilter::kVolatility, atr.problem);
  v.metrics.atr_pct = *atr.atr_pct;
  if (*atr.atr_pct < p.min_atr_pct || *atr.atr_pct > p.max_atr_pct) {
    return drop(UniverseFilter::kVolatility, "ATR " + Num(*atr.atr_pct) + "% outside [" +
                                                 Num(p.min_atr_pct) + ", " + Num(p.max_atr_pct) +
                                                 "]%");
  }
  v.decision = UniverseDecision::kRanked;
  return v;
}

// Min-max normalisation to 0..1 (1 for every value when they are all equal).
std::vector<double> MinMax(const std::vector<double>& xs) {
  std::vector<double> out(xs.size(), 1.0);
  if (xs.empty()) return out;
  const auto [lo, hi] = std::minmax_element(xs.begin(), xs.end());
  const double span = *hi - *lo;
  if (!(span > 0)) return out;
  for (std::size_t i = 0; i < xs.size(); ++i) out[i] = (xs[i] - *lo) / span;
  return out;
}

void Score(std::vector<Survivor>& survivors, const UniverseParams& p) {
  std::vector<double> vol, oi, spread, funding;
  for (const Survivor& s : survivors) {
    vol.push_back(s.log_volume);
    oi.push_back(s.log_oi);
    spread.push_back(-s.spread_bps);  // lower is better
    funding.push_back(-s.abs_funding);
  }
  const std::vector<double> n_vol = MinMax(vol), n_oi = MinMax(oi), n_spread = MinMax(spread),
                            n_funding = MinMax(funding);
  const UniverseWeights& w = p.weights;
  const double total = w.volume + w.open_interest + w.spread + w.volatility + w.funding;
  const double centre = (p.min_atr_pct + p.max_atr_pct) / 2;
  const double half = (p.max_atr_pct - p.min_atr_pct) / 2;
  for (std::size_t i = 0; i < survivors.size(); ++i) {
    const double s_vol =
        half > 0 ? std::clamp(1 - std::abs(survivors[i].atr_pct - centre) / half, 0.0, 1.0) : 1.0;
    const double sum = w.volume * n_vol[i] + w.open_interest * n_oi[i] + w.spread * n_spread[i] +
                       w.volatility * s_vol + w.funding * n_funding[i];
    survivors[i].verdict.score = total > 0 ? sum / total : 0.0;
  }
}

double SafeLog(const Decimal& d) {
  const double x = d.ToDouble();
  return x > 0 ? std::log10(x) : 0.0;
}

}  // namespace

core::Result<Decimal> SpreadBps(const Decimal& bid, const Decimal& ask) {
  auto diff = Decimal::CheckedSub(ask, bid);
  if (!diff) return diff.error();
  auto num = Decimal::CheckedMul(*diff, Decimal::FromInt(20'000));
  if (!num) return num.error();
  auto den = Decimal::CheckedAdd(ask, bid);
  if (!den) return den.error();
  return Decimal::Div(*num, *den, 6, core::Rounding::kHalfEven);
}

std::string_view ToString(UniverseFilter filter) {
  switch (filter) {
    case UniverseFilter::kNone:
      return "none";
    case UniverseFilter::kSymbolType:
      return "symbol_type";
    case UniverseFilter::kStatus:
      return "status";
    case UniverseFilter::kSchedule:
      return "schedule";
    case UniverseFilter::kListingAge:
      return "listing_age";
    case UniverseFilter::kBlacklist:
      return "blacklist";
    case UniverseFilter::kWhitelist:
      return "whitelist";
    case UniverseFilter::kNoTicker:
      return "no_ticker";
    case UniverseFilter::kBadQuote:
      return "bad_quote";
    case UniverseFilter::kVolume:
      return "volume";
    case UniverseFilter::kOpenInterest:
      return "open_interest";
    case UniverseFilter::kSpread:
      return "spread";
    case UniverseFilter::kFunding:
      return "funding";
    case UniverseFilter::kVolatility:
      return "volatility";
    case UniverseFilter::kBadCandles:
      return "bad_candles";
  }
  return "unknown";
}

std::string_view ToString(UniverseDecision decision) {
  switch (decision) {
    case UniverseDecision::kSelected:
      return "selected";
    case UniverseDecision::kRanked:
      return "ranked";
    case UniverseDecision::kDropped:
      return "dropped";
  }
  return "unknown";
}

core::Status ValidateParams(const UniverseParams& p) {
  std::vector<std::string> problems;
  const auto finite_nonneg = [&](double x, const char* name) {
    if (!std::isfinite(x) || x < 0)
      problems.push_back(std::string(name) + ": must be finite and >= 0");
  };
  if (p.min_volume_usdt_24h.IsNegative()) problems.push_back("min_volume_usdt_24h: must be >= 0");
  if (p.min_open_interest_usdt.IsNegative()) {
    problems.push_back("min_open_interest_usdt: must be >= 0");
  }
  if (p.max_spread_bps.IsNegative()) problems.push_back("max_spread_bps: must be >= 0");
  if (p.min_funding_rate > p.max_funding_rate) {
    problems.push_back("min_funding_rate: must be <= max_funding_rate");
  }
  finite_nonneg(p.min_atr_pct, "min_atr_pct");
  finite_nonneg(p.max_atr_pct, "max_atr_pct");
  if (std::isfinite(p.min_atr_pct) && std::isfinite(p.max_atr_pct) &&
      p.min_atr_pct > p.max_atr_pct) {
    problems.push_back("min_atr_pct: must be <= max_atr_pct");
  }
  if (p.atr_period < 1 || p.atr_period > 1000) problems.push_back("atr_period: must be 1..1000");
  if (!model::FixedDuration(p.candle_granularity)) {
    problems.push_back("candle_granularity: must have a fixed length (not 1M)");
  }
  if (p.min_listing_age_days < 0) problems.push_back("min_listing_age_days: must be >= 0");
  if (p.schedule_window.count() < 0) problems.push_back("schedule_window: must be >= 0");
  if (p.max_ticker_age.count() <= 0) problems.push_back("max_ticker_age: must be > 0");
  const UniverseWeights& w = p.weights;
  finite_nonneg(w.volume, "weights.volume");
  finite_nonneg(w.open_interest, "weights.open_interest");
  finite_nonneg(w.spread, "weights.spread");
  finite_nonneg(w.volatility, "weights.volatility");
  finite_nonneg(w.funding, "weights.funding");
  if (!(w.volume + w.open_interest + w.spread + w.volatility + w.funding > 0)) {
    problems.push_back("weights: at least one must be > 0");
  }
  if (p.top_n < 1) problems.push_back("top_n: must be >= 1");
  if (p.keep_slack < 0) problems.push_back("keep_slack: must be >= 0");
  if (p.refresh_interval.count() <= 0) problems.push_back("refresh_interval: must be > 0");
  if (!std::isfinite(p.entry_margin) || p.entry_margin < 0 || p.entry_margin > 1) {
    problems.push_back("entry_margin: must be in 0..1");
  }
  for (const std::string& s : p.blacklist) {
    if (Contains(p.whitelist, s)) problems.push_back("blacklist: " + s + " is also whitelisted");
  }
  if (problems.empty()) return core::Status::Ok();
  std::string message = "invalid universe parameters:";
  for (const std::string& problem : problems) message += "\n  " + problem;
  return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(message));
}

const SymbolVerdict* UniverseSnapshot::Find(std::string_view symbol) const {
  for (const SymbolVerdict& v : verdicts) {
    if (v.symbol == symbol) return &v;
  }
  return nullptr;
}

std::vector<SymbolVerdict> EvaluateUniverse(const UniverseInputs& inputs,
                                            const UniverseParams& params, Timestamp now) {
  const auto tickers = LatestBySymbol(inputs.tickers, now);
  const auto interest = LatestBySymbol(inputs.open_interest, now);
  const auto funding = LatestBySymbol(inputs.funding, now);

  std::vector<Survivor> survivors;
  std::vector<SymbolVerdict> dropped;
  std::set<std::string, std::less<>> seen;
  for (const model::Instrument& inst : inputs.instruments) {
    if (!seen.insert(inst.symbol()).second) continue;  // first row of a symbol wins
    auto candles = inputs.candles.find(inst.symbol());
    SymbolVerdict v = Filter(inst, params, now, Lookup(tickers, inst.symbol()),
                             Lookup(interest, inst.symbol()), Lookup(funding, inst.symbol()),
                             candles == inputs.candles.end() ? nullptr : &candles->second);
    if (v.decision == UniverseDecision::kDropped) {
      dropped.push_back(std::move(v));
      continue;
    }
    Survivor s;
    s.log_volume = SafeLog(*v.metrics.volume_usdt_24h);
    s.log_oi = SafeLog(*v.metrics.open_interest_usdt);
    s.spread_bps = *v.metrics.spread_bps;
    s.abs_funding = std::abs(v.metrics.funding_rate->ToDouble());
    s.atr_pct = *v.metrics.atr_pct;
    s.verdict = std::move(v);
    survivors.push_back(std::move(s));
  }
  Score(survivors, params);
  std::sort(survivors.begin(), survivors.end(), [](const Survivor& a, const Survivor& b) {
    if (a.verdict.score != b.verdict.score) return a.verdict.score > b.verdict.score;
    return a.verdict.symbol < b.verdict.symbol;
  });
  std::sort(dropped.begin(), dropped.end(),
            [](const SymbolVerdict& a, const SymbolVerdict& b) { return a.symbol < b.symbol; });
  std::vector<SymbolVerdict> out;
  out.reserve(survivors.size() + dropped.size());
  int rank = 0;
  for (Survivor& s : survivors) {
    s.verdict.rank = ++rank;
    s.verdict.reason = "rank " + std::to_string(rank) + ", score " + Num(s.verdict.score);
    out.push_back(std::move(s.verdict));
  }
  for (SymbolVerdict& v : dropped) out.push_back(std::move(v));
  return out;
}

UniverseSelector::UniverseSelector(UniverseParams params) : params_(std::move(params)) {
  const core::Status valid = ValidateParams(params_);
  BGT_CHECK(valid.ok(), valid.ToString());
}

bool UniverseSelector::Due(Timestamp now) const {
  return !last_refresh_ || now - *last_refresh_ >= params_.refresh_interval;
}

core::Result<UniverseSnapshot> UniverseSelector::Update(const UniverseInputs& inputs,
                                                        Timestamp now) {
  if (last_refresh_ && now < *last_refresh_) {
    return core::MakeError(core::ErrorCode::kFailedPrecondition,
                           "universe update at " + now.ToIso8601() + " before the last refresh " +
                               last_refresh_->ToIso8601());
  }
  if (!Due(now)) {
    UniverseSnapshot same = last_;
    same.refreshed = false;
    return same;
  }
  return Refresh(inputs, now);
}

core::Result<UniverseSnapshot> UniverseSelector::Refresh(const UniverseInputs& inputs,
                                                         Timestamp now) {
  if (last_refresh_ && now < *last_refresh_) {
    return core::MakeError(core::ErrorCode::kFailedPrecondition,
                           "universe refresh at " + now.ToIso8601() + " before the last refresh " +
                               last_refresh_->ToIso8601());
  }
  UniverseSnapshot snap;
  snap.as_of = now;
  snap.refreshed = true;
  snap.verdicts = EvaluateUniverse(inputs, params_, now);
  snap.members = ApplyHysteresis(last_.members, snap.verdicts, params_);
  last_refresh_ = now;
  last_ = snap;
  return snap;
}

}  // namespace bgt::market
