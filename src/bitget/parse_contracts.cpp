#include "bitget/parse_contracts.h"

#include <simdjson.h>

#include <array>
#include <cstddef>
#include <string>
#include <utility>

namespace bgt::bitget {
namespace {

namespace od = simdjson::ondemand;

// The full USDT-M listing is about 0.5 MB; anything this large is not a contracts response.
constexpr std::size_t kMaxResponseBytes = 16u << 20;
constexpr std::string_view kSuccessCode = "00000";

struct StringField {
  std::string_view key;
  std::string model::ContractRow::*member;
};

// Every string field of a contract row, by the name Bitget gives it.
constexpr std::array<StringField, 35> kStringFields = {{
    {"symbol", &model::ContractRow::symbol},
    {"baseCoin", &model::ContractRow::base_coin},
    {"quoteCoin", &model::ContractRow::quote_coin},
    {"buyLimitPriceRatio", &model::ContractRow::buy_limit_price_ratio},
    {"sellLimitPriceRatio", &model::ContractRow::sell_limit_price_ratio},
    {"feeRateUpRatio", &model::ContractRow::fee_rate_up_ratio},
    {"makerFeeRate", &model::ContractRow::maker_fee_rate},
    {"takerFeeRate", &model::ContractRow::taker_fee_rate},
    {"openCostUpRatio", &model::ContractRow::open_cost_up_ratio},
    {"minTradeNum", &model::ContractRow::min_trade_num},
    {"priceEndStep", &model::ContractRow::price_end_step},
    {"volumePlace", &model::ContractRow::volume_place},
    {"pricePlace", &model::ContractRow::price_place},
    {"sizeMultiplier", &model::ContractRow::size_multiplier},
    {"symbolType", &model::ContractRow::symbol_type},
    {"minTradeUSDT", &model::ContractRow::min_trade_usdt},
    {"maxSymbolOrderNum", &model::ContractRow::max_symbol_order_num},
    {"maxProductOrderNum", &model::ContractRow::max_product_order_num},
    {"maxPositionNum", &model::ContractRow::max_position_num},
    {"symbolStatus", &model::ContractRow::symbol_status},
    {"offTime", &model::ContractRow::off_time},
    {"limitOpenTime", &model::ContractRow::limit_open_time},
    {"deliveryTime", &model::ContractRow::delivery_time},
    {"deliveryStartTime", &model::ContractRow::delivery_start_time},
    {"deliveryPeriod", &model::ContractRow::delivery_period},
    {"launchTime", &model::ContractRow::launch_time},
    {"fundInterval", &model::ContractRow::fund_interval},
    {"minLever", &model::ContractRow::min_lever},
    {"maxLever", &model::ContractRow::max_lever},
    {"posLimit", &model::ContractRow::pos_limit},
    {"maintainTime", &model::ContractRow::maintain_time},
    {"maxMarketOrderQty", &model::ContractRow::max_market_order_qty},
    {"maxOrderQty", &model::ContractRow::max_order_qty},
    {"openTime", &model::ContractRow::open_time},
    {"isRwa", &model::ContractRow::is_rwa},
}};

const StringField* FindStringField(std::string_view key) {
  for (const StringField& field : kStringFields) {
    if (field.key == key) return &field;
  }
  return nullptr;
}

// Messages quote keys and symbols from the body: keep them bounded whatever the body holds.
core::Error Invalid(std::string_view message) {
  constexpr std::size_t kMaxMessageChars = 400;
  std::string text = "Bitget contracts response: ";
  if (message.size() > kMaxMessageChars) {
    text.append(message.substr(0, kMaxMessageChars)).append("...");
  } else {
    text.append(message);
  }
  return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(text));
}

core::Error Malformed(std::string_view where, simdjson::error_code error) {
  return Invalid("malformed JSON at " + std::string(where) + " (" + simdjson::error_message(error) +
                 ")");
}

std::string_view TypeName(od::json_type type) {
  switch (type) {
    case od::json_type::array:
      return "an array";
    case od::json_type::object:
      return "an object";
    case od::json_type::number:
      return "a number";
    case od::json_type::string:
      return "a string";
    case od::json_type::boolean:
      return "a boolean";
    case od::json_type::null:
      return "null";
  }
  return "an unknown JSON type";
}

// The start of a body, printable and bounded, for error messages: "<html><body>502 Bad Gat...".
std::string Snippet(std::string_view json) {
  constexpr std::size_t kMaxChars = 32;
  constexpr std::string_view kHex = "0123456789abcdef";
  const std::size_t start = json.find_first_not_of(" \t\r\n");
  json.remove_prefix(start == std::string_view::npos ? json.size() : start);
  std::string out = "\"";
  for (std::size_t i = 0; i < json.size() && i < kMaxChars; ++i) {
    const auto c = static_cast<unsigned char>(json[i]);
    if (c == '\\' || c == '"') {
      out.append(1, '\\').append(1, static_cast<char>(c));
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out.append("\\x").append(1, kHex[c >> 4]).append(1, kHex[c & 0xf]);
    }
  }
  out += json.size() > kMaxChars ? "\"..." : "\"";
  return out;
}

// Where a field sits, for error messages: `data[3] (BTCUSDT).pricePlace`.
std::string RowPath(std::size_t index, const model::ContractRow& row, std::string_view key = {}) {
  std::string path = "data[" + std::to_string(index) + "]";
  if (!row.symbol.empty()) path += " (" + row.symbol + ")";
  if (!key.empty()) path.append(".").append(key);
  return path;
}

// Reads and discards a value we do not use, so that malformed JSON inside it (a bad literal, a
// broken escape, which the iterator does not check when it merely skips) is still an error.
simdjson::error_code ConsumeValue(od::value& value) {
  od::json_type type{};
  if (auto error = value.type().get(type)) return error;
  switch (type) {
    case od::json_type::array: {
      od::array array;
      if (auto error = value.get_array().get(array)) return error;
      for (auto element_result : array) {
        od::value element;
        if (auto error = element_result.get(element)) return error;
        if (auto error = ConsumeValue(element)) return error;
      }
      return simdjson::SUCCESS;
    }
    case od::json_type::object: {
      od::object object;
      if (auto error = value.get_object().get(object)) return error;
      for (auto field : object) {
        od::value field_value;
        if (auto error = field.unescaped_key().error()) return error;
        if (auto error = field.value().get(field_value)) return error;
        if (auto error = ConsumeValue(field_value)) return error;
      }
      return simdjson::SUCCESS;
    }
    case od::json_type::number:
      return value.get_double().error();
    case od::json_type::string:
      return value.get_string().error();
    case od::json_type::boolean:
      return value.get_bool().error();
    case od::json_type::null: {
      bool is_null = false;
      if (auto error = value.is_null().get(is_null)) return error;
      return is_null ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
    }
  }
  return simdjson::INCORRECT_TYPE;
}

// A JSON string copied to `out`; null leaves `out` empty. Anything else is an error.
core::Status ReadStringOrNull(od::value& value, std::string& out, const std::string& where) {
  od::json_type type{};
  if (auto error = value.type().get(type)) return Malformed(where, error);
  if (type == od::json_type::null) {
    out.clear();
    return core::Status::Ok();
  }
  if (type != od::json_type::string) {
    return Invalid(where + " is " + std::string(TypeName(type)) + ", expected a string");
  }
  std::string_view text;
  if (auto error = value.get_string().get(text)) return Malformed(where, error);
  out.assign(text);
  return core::Status::Ok();
}

core::Status ReadStringArrayOrNull(od::value& value, std::vector<std::string>& out,
                                   const std::string& where) {
  out.clear();
  od::json_type type{};
  if (auto error = value.type().get(type)) return Malformed(where, error);
  if (type == od::json_type::null) return core::Status::Ok();
  if (type != od::json_type::array) {
    return Invalid(where + " is " + std::string(TypeName(type)) + ", expected an array of strings");
  }
  od::array array;
  if (auto error = value.get_array().get(array)) return Malformed(where, error);
  for (auto element_result : array) {
    od::value element;
    const std::string element_where = where + "[" + std::to_string(out.size()) + "]";
    if (auto error = element_result.get(element)) return Malformed(element_where, error);
    std::string text;
    BGT_RETURN_IF_ERROR(ReadStringOrNull(element, text, element_where));
    out.push_back(std::move(text));
  }
  return core::Status::Ok();
}

core::Status ParseRow(od::value& value, std::size_t index, model::ContractRow& row) {
  od::json_type type{};
  if (auto error = value.type().get(type)) return Malformed(RowPath(index, row), error);
  if (type != od::json_type::object) {
    return Invalid(RowPath(index, row) + " is " + std::string(TypeName(type)) +
                   ", expected an object");
  }
  od::object object;
  if (auto error = value.get_object().get(object)) return Malformed(RowPath(index, row), error);
  for (auto field : object) {
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return Malformed(RowPath(index, row), error);
    od::value field_value;
    if (auto error = field.value().get(field_value)) {
      return Malformed(RowPath(index, row, key), error);
    }
    if (key == "supportMarginCoins") {
      BGT_RETURN_IF_ERROR(
          ReadStringArrayOrNull(field_value, row.support_margin_coins, RowPath(index, row, key)));
    } else if (const StringField* known = FindStringField(key)) {
      const std::string where = RowPath(index, row, known->key);
      BGT_RETURN_IF_ERROR(ReadStringOrNull(field_value, row.*(known->member), where));
    } else if (auto error = ConsumeValue(field_value)) {
      return Malformed(RowPath(index, row, key), error);
    }
  }
  return core::Status::Ok();
}

core::Status ParseData(od::value& value, std::vector<model::ContractRow>& rows) {
  od::json_type type{};
  if (auto error = value.type().get(type)) return Malformed("data", error);
  if (type != od::json_type::array) {
    return Invalid("data is " + std::string(TypeName(type)) + ", expected an array");
  }
  od::array array;
  if (auto error = value.get_array().get(array)) return Malformed("data", error);
  for (auto element_result : array) {
    od::value element;
    model::ContractRow row;
    if (auto error = element_result.get(element)) {
      return Malformed(RowPath(rows.size(), row), error);
    }
    BGT_RETURN_IF_ERROR(ParseRow(element, rows.size(), row));
    rows.push_back(std::move(row));
  }
  return core::Status::Ok();
}

// `code` as text: Bitget sends a string; a number is accepted so that an error envelope from a
// gateway that sends one still surfaces its code.
core::Status ReadCode(od::value& value, std::string& out) {
  od::json_type type{};
  if (auto error = value.type().get(type)) return Malformed("code", error);
  if (type == od::json_type::number) {
    std::string_view token = value.raw_json_token();
    const std::size_t end = token.find_first_not_of("-0123456789");
    if (end != std::string_view::npos) {
      const std::string_view rest = token.substr(end);
      if (rest.find_first_not_of(" \t\r\n") != std::string_view::npos) {
        return Invalid("code is a number that is not an integer");
      }
      token = token.substr(0, end);
    }
    out.assign(token);
    return core::Status::Ok();
  }
  if (type != od::json_type::string) {
    return Invalid("code is " + std::string(TypeName(type)) + ", expected a string");
  }
  return ReadStringOrNull(value, out, "code");
}

}  // namespace

core::Result<std::vector<model::ContractRow>> ParseContractsResponse(std::string_view json) {
  if (json.find_first_not_of(" \t\r\n") == std::string_view::npos) return Invalid("empty body");
  if (json.size() > kMaxResponseBytes) {
    return Invalid("body of " + std::to_string(json.size()) + " bytes exceeds the " +
                   std::to_string(kMaxResponseBytes) + "-byte limit");
  }
  const simdjson::padded_string padded(json.data(), json.size());
  od::parser parser;
  od::document doc;
  const auto malformed_body = [json](simdjson::error_code error) {
    return Invalid(std::string("malformed JSON (") + simdjson::error_message(error) +
                   "), body starts with " + Snippet(json));
  };
  if (auto error = parser.iterate(padded).get(doc)) return malformed_body(error);

  // simdjson types a value by its first character only, so report what the body starts with.
  od::json_type type{};
  if (auto error = doc.type().get(type)) return malformed_body(error);
  if (type != od::json_type::object) {
    return Invalid("expected a JSON object at the top level, body starts with " + Snippet(json));
  }
  od::object envelope;
  if (auto error = doc.get_object().get(envelope)) return malformed_body(error);

  bool has_code = false;
  bool has_data = false;
  std::string code;
  std::string msg;
  std::vector<model::ContractRow> rows;
  // A data error is reported only when the envelope says success: an error envelope may carry
  // any data (usually null).
  core::Status data_status;
  for (auto field : envelope) {
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return Malformed("envelope", error);
    od::value value;
    if (key == "code") {
      if (auto error = field.value().get(value)) return Malformed("code", error);
      BGT_RETURN_IF_ERROR(ReadCode(value, code));
      has_code = true;
    } else if (key == "msg") {
      if (auto error = field.value().get(value)) return Malformed("msg", error);
      BGT_RETURN_IF_ERROR(ReadStringOrNull(value, msg, "msg"));
    } else if (key == "data") {
      if (auto error = field.value().get(value)) return Malformed("data", error);
      od::json_type data_type{};
      if (auto error = value.type().get(data_type)) return Malformed("data", error);
      if (data_type != od::json_type::null) {
        has_data = true;
        data_status = ParseData(value, rows);
        // A structural error leaves the iterator unusable: stop here.
        if (!data_status.ok() && !doc.is_alive()) return data_status.error();
      }
    } else {
      if (auto error = field.value().get(value)) return Malformed(key, error);
      if (auto error = ConsumeValue(value)) return Malformed(key, error);
    }
  }
  // The loop ends early (without an error) when the document is cut short.
  if (!doc.is_alive()) return Invalid("malformed JSON (document ends early)");
  if (auto location = doc.current_location(); location.error() != simdjson::OUT_OF_BOUNDS) {
    return Invalid("trailing content after the top-level object");
  }

  if (!has_code) return Invalid("missing \"code\"");
  if (code != kSuccessCode) {
    core::Error error =
        core::MakeError(core::ErrorCode::kVenueRejected, "Bitget rejected the contracts request: " +
                                                             (msg.empty() ? "(no msg)" : msg));
    error.venue_code = code;
    return error;
  }
  if (!data_status.ok()) return data_status.error();
  if (!has_data) return Invalid("missing \"data\"");
  return rows;
}

}  // namespace bgt::bitget
