// Encoders of the market-data, account and position requests (GET queries and the account
// settings POSTs). Order and plan-order encoders: encode_orders.cpp.

#include "bitget/encode_requests.h"

#include <boost/json/object.hpp>

#include <limits>
#include <string>
#include <utility>

#include "bitget/encode_fields.h"
#include "model/instrument.h"

namespace bgt::bitget {

using internal::AddParam;
using internal::CheckContext;
using internal::CheckRange;
using internal::CheckSymbol;
using internal::FieldError;
using internal::QueryRequest;

namespace {

constexpr int kMaxRecentCandles = 1000;
constexpr int kMaxHistoryCandles = 200;
constexpr int kMaxFundingPageSize = 100;

// A GET of one symbol (required) and the product type.
core::Result<EncodedRequest> SymbolQuery(std::string_view type, Endpoint endpoint,
                                         std::string_view symbol, const EncodeContext& context) {
  BGT_RETURN_IF_ERROR(CheckContext(type, context));
  BGT_RETURN_IF_ERROR(CheckSymbol(type, symbol, true, context));
  EncodedRequest request = QueryRequest(endpoint, context);
  AddParam(request, "symbol", std::string(symbol));
  return request;
}

// A GET of the product type and an optional symbol.
core::Result<EncodedRequest> OptionalSymbolQuery(std::string_view type, Endpoint endpoint,
                                                 std::string_view symbol,
                                                 const EncodeContext& context) {
  BGT_RETURN_IF_ERROR(CheckContext(type, context));
  BGT_RETURN_IF_ERROR(CheckSymbol(type, symbol, false, context));
  EncodedRequest request = QueryRequest(endpoint, context);
  if (!symbol.empty()) AddParam(request, "symbol", std::string(symbol));
  return request;
}

Endpoint CandleEndpoint(const CandlesQuery& query) {
  if (!query.history) return Endpoint::kCandles;
  switch (query.kind) {
    case CandleKind::kMarket:
      return Endpoint::kHistoryCandles;
    case CandleKind::kMark:
      return Endpoint::kHistoryMarkCandles;
    case CandleKind::kIndex:
      return Endpoint::kHistoryIndexCandles;
  }
  return Endpoint::kHistoryCandles;
}

core::Status CheckLeverage(std::string_view field, const std::optional<int>& leverage,
                           const EncodeContext& context) {
  constexpr std::string_view kType = "SetLeverageRequest";
  BGT_RETURN_IF_ERROR(CheckRange(kType, field, leverage, 1, internal::kMaxLeverage));
  if (leverage && context.instrument != nullptr) {
    BGT_RETURN_IF_ERROR(CheckRange(kType, field, leverage, context.instrument->min_leverage(),
                                   context.instrument->max_leverage()));
  }
  return core::Status::Ok();
}

}  // namespace

core::Result<EncodedRequest> Encode(const ServerTimeQuery& /*query*/,
                                    const EncodeContext& context) {
  BGT_RETURN_IF_ERROR(CheckContext("ServerTimeQuery", context));
  EncodedRequest request;
  request.endpoint = Endpoint::kServerTime;
  return request;
}

core::Result<EncodedRequest> Encode(const ContractsQuery& query, const EncodeContext& context) {
  return OptionalSymbolQuery("ContractsQuery", Endpoint::kContracts, query.symbol, context);
}

core::Result<EncodedRequest> Encode(const TickerQuery& query, const EncodeContext& context) {
  return SymbolQuery("TickerQuery", Endpoint::kTicker, query.symbol, context);
}

core::Result<EncodedRequest> Encode(const TickersQuery& /*query*/, const EncodeContext& context) {
  BGT_RETURN_IF_ERROR(CheckContext("TickersQuery", context));
  return QueryRequest(Endpoint::kTickers, context);
}

core::Result<EncodedRequest> Encode(const CandlesQuery& query, const EncodeContext& context) {
  constexpr std::string_view kType = "CandlesQuery";
  BGT_RETURN_IF_ERROR(CheckRange(kType, "limit", query.limit, 1,
                                 query.history ? kMaxHistoryCandles : kMaxRecentCandles));
  BGT_RETURN_IF_ERROR(internal::CheckTimeRange(kType, query.start, query.end));
  auto request = SymbolQuery(kType, CandleEndpoint(query), query.symbol, context);
  if (!request) return request;
  AddParam(*request, "granularity", std::string(model::ToString(query.granularity)));
  internal::AddTimeRange(*request, query.start, query.end);
  if (query.limit) AddParam(*request, "limit", std::to_string(*query.limit));
  // MARKET is the default series of /candles: sent only for mark and index.
  if (!query.history && query.kind != CandleKind::kMarket) {
    AddParam(*request, "kLineType", std::string(ToString(query.kind)));
  }
  return request;
}

core::Result<EncodedRequest> Encode(const DepthQuery& query, const EncodeContext& context) {
  auto request = SymbolQuery("DepthQuery", Endpoint::kMergeDepth, query.symbol, context);
  if (!request) return request;
  if (query.precision) AddParam(*request, "precision", std::string(ToString(*query.precision)));
  if (query.limit) AddParam(*request, "limit", std::string(ToString(*query.limit)));
  return request;
}

core::Result<EncodedRequest> Encode(const OpenInterestQuery& query, const EncodeContext& context) {
  return SymbolQuery("OpenInterestQuery", Endpoint::kOpenInterest, query.symbol, context);
}

core::Result<EncodedRequest> Encode(const FundingRateQuery& query, const EncodeContext& context) {
  return OptionalSymbolQuery("FundingRateQuery", Endpoint::kCurrentFundRate, query.symbol, context);
}

core::Result<EncodedRequest> Encode(const FundingHistoryQuery& query,
                                    const EncodeContext& context) {
  constexpr std::string_view kType = "FundingHistoryQuery";
  BGT_RETURN_IF_ERROR(CheckRange(kType, "page_size", query.page_size, 1, kMaxFundingPageSize));
  BGT_RETURN_IF_ERROR(
      CheckRange(kType, "page_no", query.page_no, 1, std::numeric_limits<int>::max()));
  auto request = SymbolQuery(kType, Endpoint::kHistoryFundRate, query.symbol, context);
  if (!request) return request;
  if (query.page_size) AddParam(*request, "pageSize", std::to_string(*query.page_size));
  if (query.page_no) AddParam(*request, "pageNo", std::to_string(*query.page_no));
  return request;
}

core::Result<EncodedRequest> Encode(const AccountQuery& query, const EncodeContext& context) {
  constexpr std::string_view kType = "AccountQuery";
  auto coin = internal::MarginCoin(kType, query.margin_coin, context);
  if (!coin) return coin.error();
  auto request = SymbolQuery(kType, Endpoint::kAccount, query.symbol, context);
  if (!request) return request;
  AddParam(*request, "marginCoin", std::move(*coin));
  return request;
}

core::Result<EncodedRequest> Encode(const AccountsQuery& /*query*/, const EncodeContext& context) {
  BGT_RETURN_IF_ERROR(CheckContext("AccountsQuery", context));
  return QueryRequest(Endpoint::kAccounts, context);
}

core::Result<EncodedRequest> Encode(const SetLeverageRequest& request,
                                    const EncodeContext& context) {
  constexpr std::string_view kType = "SetLeverageRequest";
  BGT_RETURN_IF_ERROR(CheckContext(kType, context));
  BGT_RETURN_IF_ERROR(CheckSymbol(kType, request.symbol, true, context));
  auto coin = internal::MarginCoin(kType, request.margin_coin, context);
  if (!coin) return coin.error();
  if (!request.leverage && !request.long_leverage && !request.short_leverage) {
    return FieldError(kType, "leverage", "required (or long_leverage / short_leverage)");
  }
  BGT_RETURN_IF_ERROR(CheckLeverage("leverage", request.leverage, context));
  BGT_RETURN_IF_ERROR(CheckLeverage("long_leverage", request.long_leverage, context));
  BGT_RETURN_IF_ERROR(CheckLeverage("short_leverage", request.short_leverage, context));
  boost::json::object body;
  body.reserve(8);
  body.emplace("symbol", request.symbol);
  body.emplace("productType", context.product_type);
  body.emplace("marginCoin", *coin);
  if (request.leverage) body.emplace("leverage", std::to_string(*request.leverage));
  if (request.long_leverage) {
    body.emplace("longLeverage", std::to_string(*request.long_leverage));
  }
  if (request.short_leverage) {
    body.emplace("shortLeverage", std::to_string(*request.short_leverage));
  }
  if (request.hold_side) {
    auto hold_side = internal::HoldSideText(kType, "hold_side", *request.hold_side);
    if (!hold_side) return hold_side.error();
    body.emplace("holdSide", *hold_side);
  }
  return internal::BodyRequest(Endpoint::kSetLeverage, body);
}

core::Result<EncodedRequest> Encode(const SetMarginModeRequest& request,
                                    const EncodeContext& context) {
  constexpr std::string_view kType = "SetMarginModeRequest";
  BGT_RETURN_IF_ERROR(CheckContext(kType, context));
  BGT_RETURN_IF_ERROR(CheckSymbol(kType, request.symbol, true, context));
  auto coin = internal::MarginCoin(kType, request.margin_coin, context);
  if (!coin) return coin.error();
  boost::json::object body;
  body.reserve(4);
  body.emplace("symbol", request.symbol);
  body.emplace("productType", context.product_type);
  body.emplace("marginCoin", *coin);
  body.emplace("marginMode", model::ToString(request.margin_mode));
  return internal::BodyRequest(Endpoint::kSetMarginMode, body);
}

core::Result<EncodedRequest> Encode(const SetPositionModeRequest& request,
                                    const EncodeContext& context) {
  BGT_RETURN_IF_ERROR(CheckContext("SetPositionModeRequest", context));
  boost::json::object body;
  body.reserve(2);
  body.emplace("productType", context.product_type);
  body.emplace("posMode", model::ToString(request.position_mode));
  return internal::BodyRequest(Endpoint::kSetPositionMode, body);
}

core::Result<EncodedRequest> Encode(const AllPositionQuery& query, const EncodeContext& context) {
  constexpr std::string_view kType = "AllPositionQuery";
  BGT_RETURN_IF_ERROR(CheckContext(kType, context));
  auto coin = internal::MarginCoin(kType, query.margin_coin, context);
  if (!coin) return coin.error();
  EncodedRequest request = QueryRequest(Endpoint::kAllPosition, context);
  AddParam(request, "marginCoin", std::move(*coin));
  return request;
}

core::Result<EncodedRequest> Encode(const SinglePositionQuery& query,
                                    const EncodeContext& context) {
  constexpr std::string_view kType = "SinglePositionQuery";
  auto coin = internal::MarginCoin(kType, query.margin_coin, context);
  if (!coin) return coin.error();
  auto request = SymbolQuery(kType, Endpoint::kSinglePosition, query.symbol, context);
  if (!request) return request;
  AddParam(*request, "marginCoin", std::move(*coin));
  return request;
}

}  // namespace bgt::bitget
