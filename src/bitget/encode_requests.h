// Encoders: typed requests (requests.h) -> EncodedRequest, the exact bytes bgt sends and signs.
// GET parameters go to the query; POST parameters form a compact JSON body whose values are all
// strings in canonical case ("gtc", "open", "isolated", "YES") and whose prices and sizes are
// exact decimal strings. Pure: no clock, no I/O, no global state; shared with the emulator.
// Thread-safety: pure functions; an EncodeContext may be shared between threads.
#pragma once

#include <string>
#include <string_view>

#include "bitget/request.h"
#include "bitget/requests.h"
#include "core/result.h"

namespace bgt::model {
class Instrument;
}  // namespace bgt::model

namespace bgt::bitget {

inline constexpr std::string_view kUsdtFutures = "USDT-FUTURES";
// Bitget's old demo environment: symbols like SBTCSUSDT, margin coin SUSDT.
inline constexpr std::string_view kDemoUsdtFutures = "SUSDT-FUTURES";

// What every request of one venue/account shares.
struct EncodeContext {
  std::string product_type{kUsdtFutures};  // "USDT-FUTURES" or "SUSDT-FUTURES"
  std::string margin_coin = "USDT";        // used when a request leaves margin_coin empty
  // Optional, not owned (must outlive the Encode call). When set, the request's symbol must be
  // this instrument's, prices and sizes are printed with exactly pricePlace / volumePlace
  // decimals (model::FormatPrice / FormatSize), and a price off the tick or a size off the
  // size step is refused. When null, Decimal::ToString prints them as given.
  const model::Instrument* instrument = nullptr;
};

// Every Encode returns the encoded request, or kInvalidArgument whose message starts with
// "<RequestType>.<field>: " and says what is wrong. Checks common to all: the context's
// product_type is one of the two above and its margin_coin (like every coin and symbol) is
// 1..32 upper-case ASCII letters or digits; a required symbol is present; with a context
// instrument, the symbol matches it. Order ids and page cursors are 1..64 characters of
// [A-Za-z0-9_:#+-.]; client ids the same at most 50 long. Prices, trigger prices and sizes must
// be > 0 (and on the instrument's grid when one is given: kInvalidArgument too). Times are sent
// as whole milliseconds, must not precede the epoch, and start must not be after end.
// Request-specific checks are listed with each overload.

// No parameters.
core::Result<EncodedRequest> Encode(const ServerTimeQuery& query, const EncodeContext& context);
core::Result<EncodedRequest> Encode(const ContractsQuery& query, const EncodeContext& context);
// symbol required.
core::Result<EncodedRequest> Encode(const TickerQuery& query, const EncodeContext& context);
core::Result<EncodedRequest> Encode(const TickersQuery& query, const EncodeContext& context);
// symbol required; limit 1..1000 (recent) or 1..200 (history). Recent mark/index candles send
// kLineType=MARK/INDEX; history ones go to history-mark-candles / history-index-candles.
core::Result<EncodedRequest> Encode(const CandlesQuery& query, const EncodeContext& context);
// symbol required.
core::Result<EncodedRequest> Encode(const DepthQuery& query, const EncodeContext& context);
core::Result<EncodedRequest> Encode(const OpenInterestQuery& query, const EncodeContext& context);
core::Result<EncodedRequest> Encode(const FundingRateQuery& query, const EncodeContext& context);
// symbol required; page_size 1..100; page_no >= 1.
core::Result<EncodedRequest> Encode(const FundingHistoryQuery& query, const EncodeContext& context);

// symbol required.
core::Result<EncodedRequest> Encode(const AccountQuery& query, const EncodeContext& context);
core::Result<EncodedRequest> Encode(const AccountsQuery& query, const EncodeContext& context);
// symbol required; at least one leverage; each in 1..1000 and, with a context instrument, in
// its minLever..maxLever; hold_side is kLong or kShort.
core::Result<EncodedRequest> Encode(const SetLeverageRequest& request,
                                    const EncodeContext& context);
// symbol required.
core::Result<EncodedRequest> Encode(const SetMarginModeRequest& request,
                                    const EncodeContext& context);
core::Result<EncodedRequest> Encode(const SetPositionModeRequest& request,
                                    const EncodeContext& context);

// symbol and client_oid required; size > 0; a limit order needs a price and a market order
// must not have one; post_only needs a limit order; one-way orders act on leg kNet, hedge
// orders on kLong / kShort; a hedge-mode reduce_only order must close its leg; an execute
// price needs its trigger price.
core::Result<EncodedRequest> Encode(const PlaceOrderRequest& request, const EncodeContext& context);
// symbol required; order_id or client_oid required.
core::Result<EncodedRequest> Encode(const CancelOrderRequest& request,
                                    const EncodeContext& context);
core::Result<EncodedRequest> Encode(const CancelAllOrdersRequest& request,
                                    const EncodeContext& context);
// symbol required; at most 50 orders, each with an order_id or a client_oid.
core::Result<EncodedRequest> Encode(const BatchCancelRequest& request,
                                    const EncodeContext& context);
// hold_side is kLong or kShort.
core::Result<EncodedRequest> Encode(const ClosePositionsRequest& request,
                                    const EncodeContext& context);
// symbol required; order_id or client_oid required.
core::Result<EncodedRequest> Encode(const OrderDetailQuery& query, const EncodeContext& context);
// limit 1..100.
core::Result<EncodedRequest> Encode(const OrdersPendingQuery& query, const EncodeContext& context);
core::Result<EncodedRequest> Encode(const OrdersHistoryQuery& query, const EncodeContext& context);
core::Result<EncodedRequest> Encode(const FillsQuery& query, const EncodeContext& context);

core::Result<EncodedRequest> Encode(const AllPositionQuery& query, const EncodeContext& context);
// symbol required.
core::Result<EncodedRequest> Encode(const SinglePositionQuery& query, const EncodeContext& context);

// symbol required; plan_type one of the five TP/SL types; position kLong or kShort; size,
// range_rate and execute_price as PlaceTpslRequest says; range_rate > 0.
core::Result<EncodedRequest> Encode(const PlaceTpslRequest& request, const EncodeContext& context);
// plan_type kNormalPlan, kTrackPlan or kProfitLoss.
core::Result<EncodedRequest> Encode(const PlanOrdersPendingQuery& query,
                                    const EncodeContext& context);
// symbol required when orders are listed; each order has an order_id or a client_oid;
// plan_type is not kProfitLoss.
core::Result<EncodedRequest> Encode(const CancelPlanOrderRequest& request,
                                    const EncodeContext& context);

}  // namespace bgt::bitget
