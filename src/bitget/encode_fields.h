// Internal to the encoders (encode_*.cpp): field validation and formatting shared by every
// Encode overload, and the two ways a request reaches the wire (query or JSON body). Each
// check returns kInvalidArgument "<RequestType>.<field>: <problem>".
// Thread-safety: pure functions.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "bitget/encode_requests.h"
#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"
#include "model/order_types.h"

namespace bgt::bitget::internal {

inline constexpr std::size_t kMaxClientOidLength = 50;
inline constexpr std::size_t kMaxOrderIdLength = 64;
inline constexpr std::size_t kMaxBatchOrders = 50;
inline constexpr int kMaxLeverage = 1000;

core::Error FieldError(std::string_view type, std::string_view field, std::string_view problem);

// `text` in double quotes, printable ASCII only (other bytes as \xNN), cut after 40 characters.
std::string Quoted(std::string_view text);

// product_type and margin_coin of the context.
core::Status CheckContext(std::string_view type, const EncodeContext& context);

// A symbol: 1..32 upper-case ASCII letters or digits; empty is accepted unless `required`.
// With a context instrument a non-empty symbol must be the instrument's.
core::Status CheckSymbol(std::string_view type, std::string_view symbol, bool required,
                         const EncodeContext& context);

// The margin coin to send: `coin`, or the context's when empty (checked like a symbol).
core::Result<std::string> MarginCoin(std::string_view type, std::string_view coin,
                                     const EncodeContext& context);

// An exchange order id or page cursor (empty accepted unless `required`).
core::Status CheckOrderId(std::string_view type, std::string_view field, std::string_view id,
                          bool required);
// A client order id (empty accepted unless `required`).
core::Status CheckClientOid(std::string_view type, std::string_view field, std::string_view id,
                            bool required);
// An OrderRef: at least one id, each valid. `field` names the list entry ("orders[3]").
core::Status CheckOrderRef(std::string_view type, std::string_view field, const OrderRef& ref);

// An optional count in [min, max].
core::Status CheckRange(std::string_view type, std::string_view field,
                        const std::optional<int>& value, int min, int max);

// Time window: neither end before the epoch, start <= end.
core::Status CheckTimeRange(std::string_view type, const std::optional<core::Timestamp>& start,
                            const std::optional<core::Timestamp>& end);

// Wire text of a price / size: > 0, and with a context instrument on its grid and printed with
// exactly pricePlace / volumePlace decimals; otherwise Decimal::ToString.
core::Result<std::string> PriceText(std::string_view type, std::string_view field,
                                    const core::Decimal& price, const EncodeContext& context);
core::Result<std::string> SizeText(std::string_view type, std::string_view field,
                                   const core::Decimal& size, const EncodeContext& context);
// Wire text of a positive decimal that is neither a price nor a size (a rate).
core::Result<std::string> PositiveText(std::string_view type, std::string_view field,
                                       const core::Decimal& value);

// "long" / "short"; error for kNet.
core::Result<std::string_view> HoldSideText(std::string_view type, std::string_view field,
                                            model::PositionSide side);

std::string MillisText(core::Timestamp t);

// A GET request with no parameters yet; add them with AddParam.
EncodedRequest QueryRequest(Endpoint endpoint, const EncodeContext& context);
void AddParam(EncodedRequest& request, std::string_view key, std::string value);
// Adds startTime / endTime when set.
void AddTimeRange(EncodedRequest& request, const std::optional<core::Timestamp>& start,
                  const std::optional<core::Timestamp>& end);
// A POST request whose body is `body` serialized compactly, keys in insertion order.
EncodedRequest BodyRequest(Endpoint endpoint, const boost::json::object& body);

}  // namespace bgt::bitget::internal
