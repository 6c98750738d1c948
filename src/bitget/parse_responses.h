// Parsers of the Bitget v2 (Classic) REST responses bgt uses, from the raw HTTP body into the
// typed results of responses.h. Pure: no I/O, no clock, no global state beyond a per-thread
// reusable JSON parser.
// Every parser takes the body and the HTTP status it came with (Bitget sends business errors
// with 200, 400 or 429; the status is only carried into errors) and parses the envelope once:
//  - code != "00000" (string or number) -> the typed venue error of bitget::VenueError (kind from
//    errors.h, venue_code, http_status, Bitget's msg), whatever `data` holds;
//  - kInvalidArgument (with http_status) for an empty, non-JSON (an HTML error page), truncated
//    or oversized (> 16 MiB) body, quoting its first characters; for a body that is not a JSON
//    object or lacks `code` or `data`; and for a field of the wrong JSON type, a required field
//    that is missing, null or "", or text that is not a valid decimal, millisecond time, integer
//    or enum value. The message names the field's path, e.g.
//    "data.entrustedList[2] (BTCUSDT).price is a boolean, expected a decimal".
// Decimals are read from strings or from the exact text of JSON numbers (never through double).
// Unknown fields are ignored.
// Thread-safety: reentrant; safe to call from any number of threads at once.
#pragma once

#include <string_view>
#include <vector>

#include "bitget/responses.h"
#include "core/result.h"
#include "model/candle.h"

namespace bgt::bitget {

// The envelope alone, for callers that need no data (or only want the code checked). Errors as
// above: non-success codes come back as the typed venue error.
core::Result<Envelope> ParseEnvelope(std::string_view body, int http_status);

// ---- Market (parse_market.cpp) ----
// GET /api/v2/public/time: data.serverTime.
core::Result<ServerTime> ParseServerTime(std::string_view body, int http_status);
// GET market/ticker and market/tickers (both send an array), in Bitget's order.
core::Result<std::vector<TickerInfo>> ParseTickers(std::string_view body, int http_status);
// GET market/candles, history-candles, history-mark-candles, history-index-candles: rows
// [ts, open, high, low, close, baseVolume, quoteVolume] (at least 7 entries; extra ones are
// ignored), in Bitget's order. `granularity` (not in the body) is stored in each candle. The
// rows are not checked for OHLC consistency (model::CheckCandle does that).
core::Result<std::vector<model::Candle>> ParseCandles(std::string_view body, int http_status,
                                                      model::Granularity granularity);
// GET market/merge-depth. `symbol` (not in the body) goes to book.symbol. The levels are kept
// in Bitget's order (bids best first, asks best first) and not checked (model::CheckSnapshot).
core::Result<MergeDepth> ParseMergeDepth(std::string_view body, int http_status,
                                         std::string_view symbol);
// GET market/open-interest.
core::Result<OpenInterest> ParseOpenInterest(std::string_view body, int http_status);
// GET market/current-fund-rate (one row per symbol).
core::Result<std::vector<FundingRateInfo>> ParseCurrentFundRate(std::string_view body,
                                                                int http_status);
// GET market/history-fund-rate.
core::Result<std::vector<FundingRateHistoryRow>> ParseFundingRateHistory(std::string_view body,
                                                                         int http_status);

// ---- Account (parse_account.cpp) ----
// GET account/account (data is one object).
core::Result<AccountInfo> ParseAccount(std::string_view body, int http_status);
// GET account/accounts (data is an array, one row per margin coin).
core::Result<std::vector<AccountInfo>> ParseAccounts(std::string_view body, int http_status);
// POST account/set-leverage, set-margin-mode, set-position-mode.
core::Result<LeverageResult> ParseSetLeverage(std::string_view body, int http_status);
core::Result<MarginModeResult> ParseSetMarginMode(std::string_view body, int http_status);
core::Result<PositionModeResult> ParseSetPositionMode(std::string_view body, int http_status);

// ---- Trade (parse_trade.cpp, parse_orders.cpp) ----
// POST order/place-order, cancel-order, modify-order, place-plan-order: {orderId, clientOid}.
// orderId may be null (see OrderAck); clientOid may be "" (cancel by orderId).
core::Result<OrderAck> ParseOrderAck(std::string_view body, int http_status);
// POST order/place-tpsl-order: {orderId, clientOid}.
core::Result<TpslAck> ParsePlaceTpslOrder(std::string_view body, int http_status);
// POST order/cancel-all-orders, batch-cancel-orders, batch-place-order, close-positions,
// cancel-plan-order.
core::Result<BatchResult> ParseBatchResult(std::string_view body, int http_status);
// GET order/detail (the order's status is under `state`; `status` is accepted too).
core::Result<OrderInfo> ParseOrderDetail(std::string_view body, int http_status);
// GET order/orders-pending and orders-history.
core::Result<OrderList> ParseOrderList(std::string_view body, int http_status);
// GET order/fills and fill-history.
core::Result<FillList> ParseFills(std::string_view body, int http_status);
// GET order/orders-plan-pending (any planType query).
core::Result<PlanOrderList> ParsePlanOrders(std::string_view body, int http_status);

// ---- Positions (parse_position.cpp) ----
// GET position/all-position and single-position (one row per symbol and hold side).
core::Result<std::vector<PositionInfo>> ParsePositions(std::string_view body, int http_status);

}  // namespace bgt::bitget
