// Public REST endpoints of the emulator: server time, contracts, tickers, candles, depth, open
// interest, funding, and the start-up calls other clients make (bitget-api.md §2.1).
#include <algorithm>
#include <string>
#include <vector>

#include "bitget/encode_responses.h"
#include "emulator/emulator_impl.h"
#include "model/candle.h"

namespace bgt::emulator {
namespace {

using bitget::Endpoint;

constexpr std::string_view kUsdtFutures = "USDT-FUTURES";
constexpr std::size_t kDefaultCandles = 100;
constexpr std::size_t kMaxCandles = 1000;
constexpr std::size_t kDefaultDepth = 100;

bool IsProductType(std::string_view text) {
  static constexpr std::string_view kTypes[] = {"USDT-FUTURES",  "COIN-FUTURES",  "USDC-FUTURES",
                                                "SUSDT-FUTURES", "SCOIN-FUTURES", "SUSDC-FUTURES"};
  return std::any_of(std::begin(kTypes), std::end(kTypes),
                     [&](std::string_view t) { return net::EqualsIgnoreCase(t, text); });
}

// The product type: 40019 when missing, 40017 when not one of Bitget's six.
core::Result<std::string> ProductType(const Params& params) {
  auto type = params.Require("productType");
  if (!type) return type.error();
  if (!IsProductType(*type)) return VenueReject("40017", "Parameter productType error");
  return *type;
}

bitget::TickerInfo ToTickerInfo(const model::Ticker& ticker) {
  bitget::TickerInfo info;
  info.ticker = ticker;
  info.usdt_volume = ticker.quote_volume_24h;
  return info;
}

core::Result<std::size_t> DepthLevels(const Params& params) {
  const auto limit = params.Get("limit");
  if (!limit) return kDefaultDepth;
  if (*limit == "max") return std::size_t{150};
  static constexpr std::pair<std::string_view, std::size_t> kLimits[] = {
      {"1", 1}, {"5", 5}, {"15", 15}, {"50", 50}, {"100", 100}};
  for (const auto& [text, n] : kLimits) {
    if (*limit == text) return n;
  }
  return VenueReject("40017", "Parameter limit error");
}

}  // namespace

void Emulator::Impl::AddMarketRoutes() {
  AddRoute(Endpoint::kServerTime, [](const Call& call) -> core::Result<std::string> {
    return bitget::EncodeServerTime(bitget::ServerTime{call.now}, call.now);
  });

  AddRoute(Endpoint::kContracts, [this](const Call& call) -> core::Result<std::string> {
    auto type = ProductType(call.params);
    if (!type) return type.error();
    std::vector<model::ContractRow> rows;
    if (net::EqualsIgnoreCase(*type, kUsdtFutures)) {
      const auto symbol = call.params.Get("symbol");
      for (const model::ContractRow& row : contracts_) {
        if (!symbol || net::EqualsIgnoreCase(*symbol, row.symbol)) rows.push_back(row);
      }
    }
    return bitget::EncodeContracts(rows, call.now);
  });

  AddRoute(Endpoint::kTicker, [this](const Call& call) -> core::Result<std::string> {
    BGT_RETURN_IF_ERROR(ProductType(call.params));
    auto i = SymbolIndex(call.params);
    if (!i) return i.error();
    return bitget::EncodeTickers({ToTickerInfo(market_->ticker(*i))}, call.now);
  });

  AddRoute(Endpoint::kTickers, [this](const Call& call) -> core::Result<std::string> {
    auto type = ProductType(call.params);
    if (!type) return type.error();
    std::vector<bitget::TickerInfo> tickers;
    if (net::EqualsIgnoreCase(*type, kUsdtFutures)) {
      for (std::size_t i = 0; i < market_->instruments().size(); ++i) {
        tickers.push_back(ToTickerInfo(market_->ticker(i)));
      }
    }
    return bitget::EncodeTickers(tickers, call.now);
  });

  const auto candles = [this](const Call& call) -> core::Result<std::string> {
    BGT_RETURN_IF_ERROR(ProductType(call.params));
    auto i = SymbolIndex(call.params);
    if (!i) return i.error();
    auto granularity_text = call.params.Require("granularity");
    if (!granularity_text) return granularity_text.error();
    auto granularity = model::ParseGranularity(*granularity_text);
    if (!granularity) return VenueReject("40017", "Parameter granularity error");
    auto limit = call.params.OptionalInt("limit");
    if (!limit) return limit.error();
    auto start = call.params.OptionalInt("startTime");
    if (!start) return start.error();
    auto end = call.params.OptionalInt("endTime");
    if (!end) return end.error();
    const std::size_t n =
        *limit ? static_cast<std::size_t>(std::clamp<long long>(**limit, 1, kMaxCandles))
               : kDefaultCandles;
    // Candles follow market time, which runs ahead of the wall clock when speed > 1.
    const core::Timestamp market_now = market_->Now();
    const core::Timestamp to =
        *end ? std::min(core::Timestamp::FromMillis(**end), market_now) : market_now;
    core::Timestamp from = history_start_;
    if (*start) {
      from = std::max(from, core::Timestamp::FromMillis(**start));
    } else if (const auto bar = model::FixedDuration(*granularity)) {
      from = std::max(from, to - *bar * static_cast<std::int64_t>(n));
    }
    if (from > to) return bitget::EncodeCandles({}, call.now);
    auto rows = market_->Candles(*i, *granularity, from, to, n);
    if (!rows) return VenueReject("40017", rows.error().message);
    return bitget::EncodeCandles(*rows, call.now);
  };
  AddRoute(Endpoint::kCandles, candles);
  AddRoute(Endpoint::kHistoryCandles, candles);
  AddRoute(Endpoint::kHistoryMarkCandles, candles);
  AddRoute(Endpoint::kHistoryIndexCandles, candles);

  AddRoute(Endpoint::kMergeDepth, [this](const Call& call) -> core::Result<std::string> {
    BGT_RETURN_IF_ERROR(ProductType(call.params));
    auto i = SymbolIndex(call.params);
    if (!i) return i.error();
    auto levels = DepthLevels(call.params);
    if (!levels) return levels.error();
    bitget::MergeDepth depth;
    depth.book = market_->Book(*i, *levels);
    depth.scale = market_->instruments()[*i].tick_size();
    depth.precision = "scale0";
    depth.is_max_precision = true;
    return bitget::EncodeMergeDepth(depth, call.now);
  });

  AddRoute(Endpoint::kOpenInterest, [this](const Call& call) -> core::Result<std::string> {
    BGT_RETURN_IF_ERROR(ProductType(call.params));
    auto i = SymbolIndex(call.params);
    if (!i) return i.error();
    const model::Ticker& ticker = market_->ticker(*i);
    bitget::OpenInterest interest;
    interest.open_interest_list.push_back({ticker.symbol, ticker.open_interest});
    interest.ts = call.now;
    return bitget::EncodeOpenInterest(interest, call.now);
  });

  AddRoute(Endpoint::kCurrentFundRate, [this](const Call& call) -> core::Result<std::string> {
    BGT_RETURN_IF_ERROR(ProductType(call.params));
    std::vector<bitget::FundingRateInfo> rates;
    const auto symbol = call.params.Get("symbol");
    for (std::size_t i = 0; i < market_->instruments().size(); ++i) {
      const std::string& name = market_->instruments()[i].symbol();
      if (symbol && !net::EqualsIgnoreCase(*symbol, name)) continue;
      const sim::FundingInfo funding = market_->Funding(i);
      rates.push_back(bitget::FundingRateInfo{name, funding.rate, funding.interval_hours,
                                              funding.next_funding_time, funding.min_rate,
                                              funding.max_rate});
    }
    if (symbol && rates.empty()) {
      return VenueReject("40102",
                         "Contract configuration does not exist, please check the parameters");
    }
    return bitget::EncodeCurrentFundRate(rates, call.now);
  });

  AddRoute(Endpoint::kHistoryFundRate, [this](const Call& call) -> core::Result<std::string> {
    BGT_RETURN_IF_ERROR(ProductType(call.params));
    auto i = SymbolIndex(call.params);
    if (!i) return i.error();
    const sim::FundingInfo funding = market_->Funding(*i);
    std::vector<bitget::FundingRateHistoryRow> rows;
    if (funding.last_funding_time) {
      rows.push_back(
          {market_->instruments()[*i].symbol(), funding.last_rate, *funding.last_funding_time});
    }
    return bitget::EncodeFundingHistory(rows, call.now);
  });

  // Start-up calls of other clients (ccxt's loadMarkets, currencies, the UTA probe).
  const auto empty_list = [](const Call& call) -> core::Result<std::string> {
    return bitget::EncodeOk("[]", call.now);
  };
  AddRoute("GET", "/api/v2/spot/public/symbols", nullptr, empty_list);
  AddRoute("GET", "/api/v2/margin/currencies", nullptr, empty_list);
  AddRoute("GET", "/api/v2/spot/public/coins", nullptr, empty_list);
  AddRoute("GET", "/api/v3/account/settings", nullptr,
           [](const Call&) -> core::Result<std::string> {
             return VenueReject("40084",
                                "You are in Classic Account mode, and the Unified Account API "
                                "is not supported at this time");
           });
}

}  // namespace bgt::emulator
