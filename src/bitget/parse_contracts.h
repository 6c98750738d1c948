// Parser of GET /api/v2/mix/market/contracts responses into model::ContractRow, the raw contract
// row exactly as Bitget sends it (strings; turning them into an Instrument is
// model::Instrument::FromContractRow's job). Pure: no I/O, no clock, no global state.
// Thread-safety: reentrant; each call uses its own JSON parser.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/contract_row.h"

namespace bgt::bitget {

// Parses the v2 envelope {"code","msg","requestTime","data":[row...]} and returns the rows in the
// order Bitget sent them. Every row field is copied verbatim as the string Bitget sent;
// supportMarginCoins is an array of strings. A field that is absent or null is left empty (the
// Instrument conversion reports which ones it needs); unknown fields are ignored.
// Errors:
//   kVenueRejected  code != "00000" (venue_code = Bitget's code, message carries its msg);
//   kInvalidArgument  empty, non-JSON, truncated or oversized input, trailing content, a missing
//                     code or data, data that is not an array, a row that is not an object, or a
//                     known field of the wrong JSON type (the message names row and field).
core::Result<std::vector<model::ContractRow>> ParseContractsResponse(std::string_view json);

}  // namespace bgt::bitget
