// Encoders of the Bitget v2 (Classic) REST responses: the typed results of responses.h back to
// Bitget's JSON, inside the envelope {"code":"00000","msg":"success","requestTime":<ms>,
// "data":...}. They are the exact inverse of parse_responses.h (the tests round-trip through
// those parsers), so the emulator and bgt's client share one definition of each shape. Decimals
// and times inside `data` are strings, as Bitget sends them; an empty optional becomes "".
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bitget/responses.h"
#include "core/time.h"
#include "model/candle.h"
#include "model/contract_row.h"

namespace bgt::bitget {

// The success envelope around `data_json` (already valid JSON text).
std::string EncodeOk(std::string_view data_json, core::Timestamp request_time);
// {"code":<code>,"msg":<msg>,"requestTime":<ms>,"data":null}.
std::string EncodeError(std::string_view code, std::string_view msg, core::Timestamp request_time);

std::string EncodeServerTime(const ServerTime& time, core::Timestamp request_time);
std::string EncodeContracts(const std::vector<model::ContractRow>& rows,
                            core::Timestamp request_time);
std::string EncodeTickers(const std::vector<TickerInfo>& tickers, core::Timestamp request_time);
// Rows [ts, open, high, low, close, baseVolume, quoteVolume], in the given order.
std::string EncodeCandles(const std::vector<model::Candle>& candles, core::Timestamp request_time);
// Levels as [price, size] string pairs (book.symbol is not sent).
std::string EncodeMergeDepth(const MergeDepth& depth, core::Timestamp request_time);
std::string EncodeOpenInterest(const OpenInterest& interest, core::Timestamp request_time);
std::string EncodeCurrentFundRate(const std::vector<FundingRateInfo>& rates,
                                  core::Timestamp request_time);
std::string EncodeFundingHistory(const std::vector<FundingRateHistoryRow>& rows,
                                 core::Timestamp request_time);
std::string EncodeAccount(const AccountInfo& account, core::Timestamp request_time);
std::string EncodeAccounts(const std::vector<AccountInfo>& accounts, core::Timestamp request_time);
std::string EncodeSetLeverage(const LeverageResult& result, core::Timestamp request_time);
std::string EncodeSetMarginMode(const MarginModeResult& result, core::Timestamp request_time);
std::string EncodeSetPositionMode(const PositionModeResult& result, core::Timestamp request_time);
std::string EncodeOrderAck(const OrderAck& ack, core::Timestamp request_time);
std::string EncodeBatchResult(const BatchResult& result, core::Timestamp request_time);
// order/detail (status under `state`).
std::string EncodeOrderDetail(const OrderInfo& order, core::Timestamp request_time);
// orders-pending / orders-history (status under `status`).
std::string EncodeOrderList(const OrderList& list, core::Timestamp request_time);
std::string EncodeFills(const FillList& list, core::Timestamp request_time);
std::string EncodePlanOrders(const PlanOrderList& list, core::Timestamp request_time);
std::string EncodePositions(const std::vector<PositionInfo>& positions,
                            core::Timestamp request_time);

}  // namespace bgt::bitget
