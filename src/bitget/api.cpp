#include "bitget/api.h"

namespace bgt::bitget {

namespace {

// Applies a parser to a successful response.
template <typename Parse>
auto Parsed(core::Result<RestResponse> response, Parse&& parse)
    -> decltype(parse(std::string_view(), 0)) {
  if (!response) return response.error();
  return parse(response->body, response->http_status);
}

}  // namespace

BitgetApi::BitgetApi(RestClient& client, EncodeContext context)
    : client_(client), context_(std::move(context)) {}

template <typename Request>
core::Result<RestResponse> BitgetApi::Send(const Request& request) {
  auto encoded = Encode(request, context_);
  if (!encoded) return encoded.error();
  return client_.Send(*encoded);
}

core::Result<ServerTime> BitgetApi::GetServerTime() {
  return Parsed(Send(ServerTimeQuery{}), ParseServerTime);
}

core::Result<std::vector<model::ContractRow>> BitgetApi::GetContracts(const ContractsQuery& query) {
  auto response = Send(query);
  if (!response) return response.error();
  return ParseContractsResponse(response->body);
}

core::Result<std::vector<TickerInfo>> BitgetApi::GetTicker(const TickerQuery& query) {
  return Parsed(Send(query), ParseTickers);
}

core::Result<std::vector<TickerInfo>> BitgetApi::GetTickers() {
  return Parsed(Send(TickersQuery{}), ParseTickers);
}

core::Result<std::vector<model::Candle>> BitgetApi::GetCandles(const CandlesQuery& query) {
  return Parsed(Send(query), [&](std::string_view body, int status) {
    return ParseCandles(body, status, query.granularity);
  });
}

core::Result<CandleSeries> BitgetApi::FetchCandles(const CandleRangeQuery& query,
                                                   core::Timestamp now) {
  return bitget::FetchCandles(
      query, now, [&](const EncodedRequest& request) -> core::Result<std::vector<model::Candle>> {
        auto response = client_.Send(request);
        if (!response) return response.error();
        return ParseCandles(response->body, response->http_status, query.granularity);
      });
}

core::Result<MergeDepth> BitgetApi::GetDepth(const DepthQuery& query) {
  return Parsed(Send(query), [&](std::string_view body, int status) {
    return ParseMergeDepth(body, status, query.symbol);
  });
}

core::Result<OpenInterest> BitgetApi::GetOpenInterest(const OpenInterestQuery& query) {
  return Parsed(Send(query), ParseOpenInterest);
}

core::Result<std::vector<FundingRateInfo>> BitgetApi::GetFundingRate(
    const FundingRateQuery& query) {
  return Parsed(Send(query), ParseCurrentFundRate);
}

core::Result<std::vector<FundingRateHistoryRow>> BitgetApi::GetFundingHistory(
    const FundingHistoryQuery& query) {
  return Parsed(Send(query), ParseFundingRateHistory);
}

core::Result<AccountInfo> BitgetApi::GetAccount(const AccountQuery& query) {
  return Parsed(Send(query), ParseAccount);
}

core::Result<std::vector<AccountInfo>> BitgetApi::GetAccounts() {
  return Parsed(Send(AccountsQuery{}), ParseAccounts);
}

core::Result<LeverageResult> BitgetApi::SetLeverage(const SetLeverageRequest& request) {
  return Parsed(Send(request), ParseSetLeverage);
}

core::Result<MarginModeResult> BitgetApi::SetMarginMode(const SetMarginModeRequest& request) {
  return Parsed(Send(request), ParseSetMarginMode);
}

core::Result<PositionModeResult> BitgetApi::SetPositionMode(const SetPositionModeRequest& request) {
  return Parsed(Send(request), ParseSetPositionMode);
}

core::Result<BitgetApi::PlaceResult> BitgetApi::PlaceOrder(const PlaceOrderRequest& request) {
  auto response = Send(request);
  if (!response) return response.error();
  PlaceResult result;
  if (response->duplicate_client_oid) {
    result.duplicate = true;
    result.ack.client_oid = request.client_oid;
    return result;
  }
  auto ack = ParseOrderAck(response->body, response->http_status);
  if (!ack) return ack.error();
  result.ack = std::move(*ack);
  return result;
}

core::Result<OrderAck> BitgetApi::CancelOrder(const CancelOrderRequest& request) {
  return Parsed(Send(request), ParseOrderAck);
}

core::Result<BatchResult> BitgetApi::CancelAllOrders(const CancelAllOrdersRequest& request) {
  return Parsed(Send(request), ParseBatchResult);
}

core::Result<BatchResult> BitgetApi::BatchCancel(const BatchCancelRequest& request) {
  return Parsed(Send(request), ParseBatchResult);
}

core::Result<BatchResult> BitgetApi::ClosePositions(const ClosePositionsRequest& request) {
  return Parsed(Send(request), ParseBatchResult);
}

core::Result<OrderInfo> BitgetApi::GetOrderDetail(const OrderDetailQuery& query) {
  return Parsed(Send(query), ParseOrderDetail);
}

core::Result<OrderList> BitgetApi::GetOpenOrders(const OrdersPendingQuery& query) {
  return Parsed(Send(query), ParseOrderList);
}

core::Result<OrderList> BitgetApi::GetOrderHistory(const OrdersHistoryQuery& query) {
  return Parsed(Send(query), ParseOrderList);
}

core::Result<FillList> BitgetApi::GetFills(const FillsQuery& query) {
  return Parsed(Send(query), ParseFills);
}

core::Result<std::vector<PositionInfo>> BitgetApi::GetPositions(const AllPositionQuery& query) {
  return Parsed(Send(query), ParsePositions);
}

core::Result<std::vector<PositionInfo>> BitgetApi::GetPosition(const SinglePositionQuery& query) {
  return Parsed(Send(query), ParsePositions);
}

core::Result<TpslAck> BitgetApi::PlaceTpsl(const PlaceTpslRequest& request) {
  return Parsed(Send(request), ParsePlaceTpslOrder);
}

core::Result<PlanOrderList> BitgetApi::GetPlanOrders(const PlanOrdersPendingQuery& query) {
  return Parsed(Send(query), ParsePlanOrders);
}

core::Result<BatchResult> BitgetApi::CancelPlanOrders(const CancelPlanOrderRequest& request) {
  return Parsed(Send(request), ParseBatchResult);
}

}  // namespace bgt::bitget
