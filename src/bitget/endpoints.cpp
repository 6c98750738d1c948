#include "bitget/endpoints.h"

#include <array>

#include "core/check.h"

namespace bgt::bitget {
namespace {

using E = Endpoint;
constexpr RateScope kIp = RateScope::kIp;
constexpr RateScope kUid = RateScope::kUid;

// v2 Classic, USDT-M. Limits: bitget-api.md §3 and §8. Order matches the Endpoint enum.
constexpr std::array kV2 = {
    EndpointSpec{E::kServerTime, "GET", "/api/v2/public/time", false, kIp, 20, true},
    EndpointSpec{E::kContracts, "GET", "/api/v2/mix/market/contracts", false, kIp, 20, true},
    EndpointSpec{E::kTicker, "GET", "/api/v2/mix/market/ticker", false, kIp, 20, true},
    EndpointSpec{E::kTickers, "GET", "/api/v2/mix/market/tickers", false, kIp, 20, true},
    EndpointSpec{E::kCandles, "GET", "/api/v2/mix/market/candles", false, kIp, 20, true},
    EndpointSpec{E::kHistoryCandles, "GET", "/api/v2/mix/market/history-candles", false, kIp, 20,
                 true},
    EndpointSpec{E::kHistoryMarkCandles, "GET", "/api/v2/mix/market/history-mark-candles", false,
                 kIp, 20, true},
    EndpointSpec{E::kHistoryIndexCandles, "GET", "/api/v2/mix/market/history-index-candles", false,
                 kIp, 20, true},
    EndpointSpec{E::kMergeDepth, "GET", "/api/v2/mix/market/merge-depth", false, kIp, 20, true},
    EndpointSpec{E::kOpenInterest, "GET", "/api/v2/mix/market/open-interest", false, kIp, 20, true},
    EndpointSpec{E::kCurrentFundRate, "GET", "/api/v2/mix/market/current-fund-rate", false, kIp, 20,
                 true},
    EndpointSpec{E::kHistoryFundRate, "GET", "/api/v2/mix/market/history-fund-rate", false, kIp, 20,
                 true},
    EndpointSpec{E::kAccount, "GET", "/api/v2/mix/account/account", true, kUid, 10, true},
    EndpointSpec{E::kAccounts, "GET", "/api/v2/mix/account/accounts", true, kUid, 10, true},
    // Setting a value twice leaves the same state: idempotent.
    EndpointSpec{E::kSetLeverage, "POST", "/api/v2/mix/account/set-leverage", true, kUid, 5, true},
    EndpointSpec{E::kSetMarginMode, "POST", "/api/v2/mix/account/set-margin-mode", true, kUid, 5,
                 true},
    EndpointSpec{E::kSetPositionMode, "POST", "/api/v2/mix/account/set-position-mode", true, kUid,
                 5, true},
    // Only re-sent with the same clientOid (the venue rejects the duplicate with 43118).
    EndpointSpec{E::kPlaceOrder, "POST", "/api/v2/mix/order/place-order", true, kUid, 10, false},
    EndpointSpec{E::kCancelOrder, "POST", "/api/v2/mix/order/cancel-order", true, kUid, 10, true},
    EndpointSpec{E::kCancelAllOrders, "POST", "/api/v2/mix/order/cancel-all-orders", true, kUid, 10,
                 true},
    EndpointSpec{E::kBatchCancelOrders, "POST", "/api/v2/mix/order/batch-cancel-orders", true, kUid,
                 10, true},
    // A second close-positions could close a position opened in between: not idempotent.
    EndpointSpec{E::kClosePositions, "POST", "/api/v2/mix/order/close-positions", true, kUid, 1,
                 false},
    EndpointSpec{E::kOrderDetail, "GET", "/api/v2/mix/order/detail", true, kUid, 10, true},
    EndpointSpec{E::kOrdersPending, "GET", "/api/v2/mix/order/orders-pending", true, kUid, 10,
                 true},
    EndpointSpec{E::kOrdersHistory, "GET", "/api/v2/mix/order/orders-history", true, kUid, 10,
                 true},
    EndpointSpec{E::kFills, "GET", "/api/v2/mix/order/fills", true, kUid, 10, true},
    EndpointSpec{E::kAllPosition, "GET", "/api/v2/mix/position/all-position", true, kUid, 5, true},
    EndpointSpec{E::kSinglePosition, "GET", "/api/v2/mix/position/single-position", true, kUid, 10,
                 true},
    EndpointSpec{E::kPlaceTpslOrder, "POST", "/api/v2/mix/order/place-tpsl-order", true, kUid, 10,
                 false},
    EndpointSpec{E::kOrdersPlanPending, "GET", "/api/v2/mix/order/orders-plan-pending", true, kUid,
                 10, true},
    EndpointSpec{E::kCancelPlanOrder, "POST", "/api/v2/mix/order/cancel-plan-order", true, kUid, 10,
                 true},
};

constexpr bool TableMatchesEnum() {
  for (std::size_t i = 0; i < kV2.size(); ++i) {
    if (static_cast<std::size_t>(kV2[i].endpoint) != i) return false;
  }
  return true;
}
static_assert(TableMatchesEnum(), "kV2 rows must follow the Endpoint enum order");
static_assert(kV2.back().endpoint == Endpoint::kCancelPlanOrder, "every endpoint needs a row");

}  // namespace

core::Result<std::span<const EndpointSpec>> EndpointTable(ApiGeneration generation) {
  if (generation == ApiGeneration::kV2Classic) return std::span<const EndpointSpec>(kV2);
  return core::MakeError(core::ErrorCode::kUnavailable,
                         "the Bitget v3 (UTA) endpoint table is not implemented yet");
}

const EndpointSpec& SpecOf(Endpoint endpoint) {
  const auto i = static_cast<std::size_t>(endpoint);
  BGT_CHECK(i < kV2.size(), "endpoint outside the v2 table");
  return kV2[i];
}

std::string RateKey(const EndpointSpec& spec) {
  std::string key(spec.method);
  key += ' ';
  key += spec.path;
  key += spec.scope == RateScope::kIp ? "|ip" : "|uid";
  return key;
}

void ConfigureRateLimits(net::RateLimiter& limiter, ApiGeneration generation) {
  auto table = EndpointTable(generation);
  if (!table) return;
  for (const EndpointSpec& spec : *table) {
    limiter.Configure(RateKey(spec), {spec.per_second, std::chrono::seconds(1) + kRateWindowGuard});
  }
  limiter.Configure(std::string(kGlobalIpRateKey),
                    {6000, std::chrono::minutes(1) + kRateWindowGuard});
}

}  // namespace bgt::bitget
