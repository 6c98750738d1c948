// JSON forms of the venue's typed answers for `--json` output. Conventions: keys are the
// snake_case member names of bitget/responses.h; Decimals are exact strings ("23455.50" stays
// "23455.50"); times are integer milliseconds since the Unix epoch (UTC); enums are Bitget's
// spelling; an absent optional is null.
// Thread-safety: pure functions.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "bitget/candle_range.h"
#include "bitget/responses.h"
#include "core/decimal.h"
#include "core/time.h"
#include "model/candle.h"
#include "model/contract_row.h"

namespace bgt::app {

boost::json::value Json(const core::Decimal& value);
boost::json::value Json(const std::optional<core::Decimal>& value);
boost::json::value Json(core::Timestamp time);
boost::json::value Json(const std::optional<core::Timestamp>& time);

boost::json::object ToJson(const model::ContractRow& row);  // every field, verbatim strings
boost::json::object ToJson(const bitget::TickerInfo& ticker);
boost::json::object ToJson(const model::Candle& candle);
boost::json::object ToJson(const bitget::CandleGap& gap);
boost::json::object ToJson(const bitget::MergeDepth& depth);
boost::json::object ToJson(const bitget::OpenInterestEntry& entry);
boost::json::object ToJson(const bitget::FundingRateInfo& rate);
boost::json::object ToJson(const bitget::AccountInfo& account);
boost::json::object ToJson(const bitget::LeverageResult& result);
boost::json::object ToJson(const bitget::MarginModeResult& result);
boost::json::object ToJson(const bitget::PositionModeResult& result);
boost::json::object ToJson(const bitget::OrderAck& ack);
boost::json::object ToJson(const bitget::BatchResult& result);
// Adds "direction" and "leg" (the trade direction and position leg, TradeDirection()) to
// Bitget's wire fields; both null when the wire fields do not say.
boost::json::object ToJson(const bitget::OrderInfo& order);
boost::json::object ToJson(const bitget::PositionInfo& position);

template <typename T>
boost::json::array ToJsonArray(const std::vector<T>& items) {
  boost::json::array out;
  out.reserve(items.size());
  for (const T& item : items) out.push_back(ToJson(item));
  return out;
}

}  // namespace bgt::app
