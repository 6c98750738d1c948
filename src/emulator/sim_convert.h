// Conversions from the simulated exchange's views (sim/exchange_types.h) to the typed Bitget
// REST results (bitget/responses.h) that bitget/encode_responses.h writes as JSON.
// Thread-safety: pure functions.
#pragma once

#include "bitget/responses.h"
#include "sim/exchange.h"

namespace bgt::emulator {

// GET account/account for `account` with the settings of `settings` (the queried symbol's).
bitget::AccountInfo ToAccountInfo(const sim::AccountView& account,
                                  const sim::SymbolConfig& settings);
bitget::OrderInfo ToOrderInfo(const sim::OrderView& order);
bitget::PositionInfo ToPositionInfo(const sim::PositionView& position);
bitget::FillInfo ToFillInfo(const sim::FillView& fill);
// A row of orders-plan-pending / orders-plan-history.
bitget::PlanOrderInfo ToPlanOrderInfo(const sim::PlanOrder& plan);
bitget::OrderAck ToOrderAck(const sim::OrderAck& ack);
bitget::BatchResult ToBatchResult(const sim::BatchResult& result);

}  // namespace bgt::emulator
