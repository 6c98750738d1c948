// Internal to the response encoders (encode_responses.cpp, encode_ws.cpp): the JSON objects of
// REST rows that a WebSocket push reuses, so each shape is written once.
// Thread-safety: pure functions.
#pragma once

#include <boost/json/object.hpp>

#include "bitget/responses.h"

namespace bgt::bitget::internal {

// A row of GET order/fills (the `fillList` entries), as EncodeFills writes it.
boost::json::object FillRowObject(const FillInfo& fill);

}  // namespace bgt::bitget::internal
