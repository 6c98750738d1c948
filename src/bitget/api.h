// BitgetApi: the typed Bitget USDT-M REST API. Each call encodes a typed request
// (encode_requests.h), sends it through a RestClient (rate limits, signing, retries, typed
// errors) and parses the answer (parse_responses.h). This is what the CLI and the live node
// use; nothing above it sees JSON or paths.
// Thread-safety: as thread-safe as the RestClient it wraps (its calls are); the API object
// itself holds only immutable state.
#pragma once

#include <vector>

#include "bitget/candle_range.h"
#include "bitget/encode_requests.h"
#include "bitget/parse_contracts.h"
#include "bitget/parse_responses.h"
#include "bitget/rest_client.h"

namespace bgt::bitget {

class BitgetApi {
 public:
  // `client` must outlive the API object.
  BitgetApi(RestClient& client, EncodeContext context);

  const EncodeContext& context() const { return context_; }

  // Every call returns the parsed answer, or: the encoder's kInvalidArgument (nothing sent),
  // the RestClient's typed error (venue code, ambiguity, throttling...), or the parser's error
  // for an answer that does not have Bitget's shape.
  core::Result<ServerTime> GetServerTime();
  core::Result<std::vector<model::ContractRow>> GetContracts(const ContractsQuery& query);
  core::Result<std::vector<TickerInfo>> GetTicker(const TickerQuery& query);
  core::Result<std::vector<TickerInfo>> GetTickers();
  core::Result<std::vector<model::Candle>> GetCandles(const CandlesQuery& query);
  // Candles over any range: splits the range into calls within the venue's caps, switches
  // between candles and history-candles, de-duplicates and orders (candle_range.h).
  core::Result<CandleSeries> FetchCandles(const CandleRangeQuery& query, core::Timestamp now);
  core::Result<MergeDepth> GetDepth(const DepthQuery& query);
  core::Result<OpenInterest> GetOpenInterest(const OpenInterestQuery& query);
  core::Result<std::vector<FundingRateInfo>> GetFundingRate(const FundingRateQuery& query);
  core::Result<std::vector<FundingRateHistoryRow>> GetFundingHistory(
      const FundingHistoryQuery& query);

  core::Result<AccountInfo> GetAccount(const AccountQuery& query);
  core::Result<std::vector<AccountInfo>> GetAccounts();
  core::Result<LeverageResult> SetLeverage(const SetLeverageRequest& request);
  core::Result<MarginModeResult> SetMarginMode(const SetMarginModeRequest& request);
  core::Result<PositionModeResult> SetPositionMode(const SetPositionModeRequest& request);

  // On an ambiguous first attempt the RestClient re-sends with the same clientOid; an answer of
  // "clientOid duplicate" then means the order exists: the ack carries the clientOid only and
  // `duplicate` is set, so the caller confirms it with GetOrderDetail.
  struct PlaceResult {
    OrderAck ack;
    bool duplicate = false;
  };
  core::Result<PlaceResult> PlaceOrder(const PlaceOrderRequest& request);
  core::Result<OrderAck> CancelOrder(const CancelOrderRequest& request);
  core::Result<BatchResult> CancelAllOrders(const CancelAllOrdersRequest& request);
  core::Result<BatchResult> BatchCancel(const BatchCancelRequest& request);
  core::Result<BatchResult> ClosePositions(const ClosePositionsRequest& request);
  core::Result<OrderInfo> GetOrderDetail(const OrderDetailQuery& query);
  core::Result<OrderList> GetOpenOrders(const OrdersPendingQuery& query);
  core::Result<OrderList> GetOrderHistory(const OrdersHistoryQuery& query);
  core::Result<FillList> GetFills(const FillsQuery& query);
  core::Result<std::vector<PositionInfo>> GetPositions(const AllPositionQuery& query);
  core::Result<std::vector<PositionInfo>> GetPosition(const SinglePositionQuery& query);
  core::Result<TpslAck> PlaceTpsl(const PlaceTpslRequest& request);
  core::Result<PlanOrderList> GetPlanOrders(const PlanOrdersPendingQuery& query);
  core::Result<BatchResult> CancelPlanOrders(const CancelPlanOrderRequest& request);

 private:
  template <typename Request>
  core::Result<RestResponse> Send(const Request& request);

  RestClient& client_;
  EncodeContext context_;
};

}  // namespace bgt::bitget
