#include "live/universe_inputs.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace bgt::live {

core::Result<GatheredUniverse> GatherUniverseInputs(bitget::BitgetApi& api,
                                                    const market::UniverseParams& params,
                                                    core::Timestamp local_now) {
  GatheredUniverse out;
  auto rows = api.GetContracts(bitget::ContractsQuery{});
  if (!rows) return rows.error();
  for (const model::ContractRow& row : *rows) {
    auto instrument = model::Instrument::FromContractRow(row);
    if (instrument) {
      out.inputs.instruments.push_back(std::move(*instrument));
    } else {
      ++out.invalid_rows;
    }
  }
  auto tickers = api.GetTickers();
  if (!tickers) return tickers.error();
  // A venue clock slightly ahead of ours must not make its tickers look like future data.
  out.now = local_now;
  for (const bitget::TickerInfo& info : *tickers) {
    out.inputs.tickers.push_back(info.ticker);
    out.now = std::max(out.now, info.ticker.ts);
  }
  auto funding = api.GetFundingRate(bitget::FundingRateQuery{});
  if (!funding) return funding.error();
  for (const bitget::FundingRateInfo& f : *funding) {
    out.inputs.funding.push_back({f.symbol, f.funding_rate, f.next_update, out.now});
  }
  // Open interest and candles only for the symbols that can still make it (dropped at the
  // volatility filter for lack of candles, i.e. past every cheaper filter).
  const int bars = params.atr_period * 4 + 2;
  for (const market::SymbolVerdict& v : market::EvaluateUniverse(out.inputs, params, out.now)) {
    if (v.filter != market::UniverseFilter::kVolatility || v.metrics.atr_pct) continue;
    auto interest = api.GetOpenInterest(bitget::OpenInterestQuery{v.symbol});
    if (!interest) return interest.error();
    for (const bitget::OpenInterestEntry& e : interest->open_interest_list) {
      out.inputs.open_interest.push_back({e.symbol, e.size, std::min(interest->ts, out.now)});
    }
    bitget::CandlesQuery query;
    query.symbol = v.symbol;
    query.granularity = params.candle_granularity;
    query.limit = std::min(bars, bitget::kCandlesMaxRows);
    auto candles = api.GetCandles(query);
    if (!candles) return candles.error();
    out.inputs.candles[v.symbol] = std::move(*candles);
  }
  return out;
}

core::Result<market::UniverseSnapshot> SelectUniverse(bitget::BitgetApi& api,
                                                      const market::UniverseParams& params,
                                                      core::Timestamp local_now) {
  if (core::Status valid = market::ValidateParams(params); !valid) return valid.error();
  auto gathered = GatherUniverseInputs(api, params, local_now);
  if (!gathered) return gathered.error();
  market::UniverseSelector selector(params);
  return selector.Refresh(gathered->inputs, gathered->now);
}

}  // namespace bgt::live
