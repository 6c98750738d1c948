#include "bitget/encode_fields.h"

#include <boost/json/serialize.hpp>

#include <string>
#include <utility>

#include "model/instrument.h"
#include "model/precision.h"

namespace bgt::bitget::internal {
namespace {

constexpr std::size_t kMaxSymbolLength = 32;

bool IsUpperAlnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Bitget's clientOid alphabet (bitget-api.md §5.4): letters, digits and _ : # + - .
bool IsIdChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == ':' || c == '#' || c == '+' || c == '-' || c == '.';
}

core::Status CheckCode(std::string_view type, std::string_view field, std::string_view text) {
  if (text.empty()) return FieldError(type, field, "required");
  if (text.size() > kMaxSymbolLength) {
    return FieldError(type, field,
                      Quoted(text) + " is longer than " + std::to_string(kMaxSymbolLength));
  }
  for (const char c : text) {
    if (!IsUpperAlnum(c)) {
      return FieldError(type, field, Quoted(text) + " must be upper-case ASCII letters or digits");
    }
  }
  return core::Status::Ok();
}

core::Status CheckIdText(std::string_view type, std::string_view field, std::string_view id,
                         bool required, std::size_t max_length) {
  if (id.empty()) {
    return required ? core::Status(FieldError(type, field, "required")) : core::Status::Ok();
  }
  if (id.size() > max_length) {
    return FieldError(type, field,
                      Quoted(id) + " is " + std::to_string(id.size()) +
                          " characters long, at most " + std::to_string(max_length));
  }
  for (const char c : id) {
    if (!IsIdChar(c)) {
      return FieldError(type, field, Quoted(id) + " has characters outside [A-Za-z0-9_:#+-.]");
    }
  }
  return core::Status::Ok();
}

core::Status CheckPositive(std::string_view type, std::string_view field,
                           const core::Decimal& value) {
  if (!value.IsPositive()) {
    return FieldError(type, field, "must be > 0, not " + value.ToString());
  }
  return core::Status::Ok();
}

core::Result<std::string> GridText(std::string_view type, std::string_view field,
                                   const core::Decimal& value, const core::Decimal& step,
                                   std::string_view step_name,
                                   core::Result<std::string> (*format)(const model::Instrument&,
                                                                       const core::Decimal&),
                                   const model::Instrument& instrument) {
  if (!value.IsMultipleOf(step)) {
    return FieldError(type, field,
                      value.ToString() + " is not a multiple of the " + std::string(step_name) +
                          " " + step.ToString() + " of " + instrument.symbol());
  }
  core::Result<std::string> text = format(instrument, value);
  if (!text) return FieldError(type, field, text.error().message);
  return text;
}

}  // namespace

core::Error FieldError(std::string_view type, std::string_view field, std::string_view problem) {
  std::string message(type);
  message += '.';
  message += field;
  message += ": ";
  message += problem;
  return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(message));
}

std::string Quoted(std::string_view text) {
  constexpr std::size_t kMaxShown = 40;
  constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size() && i < kMaxShown; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  if (text.size() > kMaxShown) out += "...";
  out += '"';
  return out;
}

core::Status CheckContext(std::string_view type, const EncodeContext& context) {
  if (context.product_type != kUsdtFutures && context.product_type != kDemoUsdtFutures) {
    return FieldError(type, "context.product_type",
                      "must be USDT-FUTURES or SUSDT-FUTURES, not " + Quoted(context.product_type));
  }
  return CheckCode(type, "context.margin_coin", context.margin_coin);
}

core::Status CheckSymbol(std::string_view type, std::string_view symbol, bool required,
                         const EncodeContext& context) {
  if (symbol.empty() && !required) return core::Status::Ok();
  BGT_RETURN_IF_ERROR(CheckCode(type, "symbol", symbol));
  if (context.instrument != nullptr && context.instrument->symbol() != symbol) {
    return FieldError(type, "symbol",
                      Quoted(symbol) + " differs from the context instrument " +
                          Quoted(context.instrument->symbol()));
  }
  return core::Status::Ok();
}

core::Result<std::string> MarginCoin(std::string_view type, std::string_view coin,
                                     const EncodeContext& context) {
  if (coin.empty()) return context.margin_coin;
  BGT_RETURN_IF_ERROR(CheckCode(type, "margin_coin", coin));
  return std::string(coin);
}

core::Status CheckOrderId(std::string_view type, std::string_view field, std::string_view id,
                          bool required) {
  return CheckIdText(type, field, id, required, kMaxOrderIdLength);
}

core::Status CheckClientOid(std::string_view type, std::string_view field, std::string_view id,
                            bool required) {
  return CheckIdText(type, field, id, required, kMaxClientOidLength);
}

core::Status CheckOrderRef(std::string_view type, std::string_view field, const OrderRef& ref) {
  if (ref.order_id.empty() && ref.client_oid.empty()) {
    return FieldError(type, field, "needs an order_id or a client_oid");
  }
  BGT_RETURN_IF_ERROR(CheckOrderId(type, std::string(field) + ".order_id", ref.order_id, false));
  return CheckClientOid(type, std::string(field) + ".client_oid", ref.client_oid, false);
}

core::Status CheckRange(std::string_view type, std::string_view field,
                        const std::optional<int>& value, int min, int max) {
  if (value && (*value < min || *value > max)) {
    return FieldError(
        type, field,
        std::to_string(*value) + " is outside " + std::to_string(min) + ".." + std::to_string(max));
  }
  return core::Status::Ok();
}

core::Status CheckTimeRange(std::string_view type, const std::optional<core::Timestamp>& start,
                            const std::optional<core::Timestamp>& end) {
  if (start && start->nanos() < 0) return FieldError(type, "start", "before the epoch");
  if (end && end->nanos() < 0) return FieldError(type, "end", "before the epoch");
  if (start && end && *start > *end) {
    return FieldError(type, "start", start->ToIso8601() + " is after end " + end->ToIso8601());
  }
  return core::Status::Ok();
}

core::Result<std::string> PriceText(std::string_view type, std::string_view field,
                                    const core::Decimal& price, const EncodeContext& context) {
  BGT_RETURN_IF_ERROR(CheckPositive(type, field, price));
  if (context.instrument == nullptr) return price.ToString();
  return GridText(type, field, price, context.instrument->tick_size(), "tick", &model::FormatPrice,
                  *context.instrument);
}

core::Result<std::string> SizeText(std::string_view type, std::string_view field,
                                   const core::Decimal& size, const EncodeContext& context) {
  BGT_RETURN_IF_ERROR(CheckPositive(type, field, size));
  if (context.instrument == nullptr) return size.ToString();
  return GridText(type, field, size, context.instrument->size_step(), "size step",
                  &model::FormatSize, *context.instrument);
}

core::Result<std::string> PositiveText(std::string_view type, std::string_view field,
                                       const core::Decimal& value) {
  BGT_RETURN_IF_ERROR(CheckPositive(type, field, value));
  return value.ToString();
}

core::Result<std::string_view> HoldSideText(std::string_view type, std::string_view field,
                                            model::PositionSide side) {
  if (side == model::PositionSide::kNet) {
    return FieldError(type, field, "must be long or short, not net");
  }
  return model::ToString(side);
}

std::string MillisText(core::Timestamp t) { return std::to_string(t.millis()); }

EncodedRequest QueryRequest(Endpoint endpoint, const EncodeContext& context) {
  EncodedRequest request;
  request.endpoint = endpoint;
  request.query.reserve(8);
  request.query.push_back({"productType", context.product_type});
  return request;
}

void AddParam(EncodedRequest& request, std::string_view key, std::string value) {
  request.query.push_back({std::string(key), std::move(value)});
}

void AddTimeRange(EncodedRequest& request, const std::optional<core::Timestamp>& start,
                  const std::optional<core::Timestamp>& end) {
  if (start) AddParam(request, "startTime", MillisText(*start));
  if (end) AddParam(request, "endTime", MillisText(*end));
}

EncodedRequest BodyRequest(Endpoint endpoint, const boost::json::object& body) {
  EncodedRequest request;
  request.endpoint = endpoint;
  request.body = boost::json::serialize(body);
  return request;
}

}  // namespace bgt::bitget::internal
