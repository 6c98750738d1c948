// WebSocket frames (ParseWsFrame) and the On-Demand reading helpers of parse_ws_internal.h.
#include "bitget/parse_ws.h"

#include <charconv>
#include <string>

#include "bitget/parse_ws_internal.h"
#include "model/order_types.h"

namespace bgt::bitget {
namespace wsparse {

core::Error Invalid(const Ctx& ctx, std::string_view problem) {
  constexpr std::size_t kMaxProblem = 300;
  std::string text = "Bitget ws ";
  text.append(ctx.what).append(": ");
  if (ctx.in_row) text.append("data[").append(std::to_string(ctx.index)).append("]");
  if (!ctx.field.empty()) {
    if (ctx.in_row) text.append(".");
    // Keys come from the frame: keep them printable and bounded.
    for (std::size_t i = 0; i < ctx.field.size() && i < 64; ++i) {
      const auto c = static_cast<unsigned char>(ctx.field[i]);
      text += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
    }
  }
  text.append(problem.substr(0, kMaxProblem));
  return core::MakeError(core::ErrorCode::kInvalidArgument, std::move(text));
}

core::Error Malformed(const Ctx& ctx, simdjson::error_code error) {
  return Invalid(ctx, std::string(" malformed JSON (") + simdjson::error_message(error) + ")");
}

core::Error WrongType(od::value& v, const Ctx& ctx, std::string_view expected) {
  od::json_type type{};
  if (auto e = v.type().get(type)) return Malformed(ctx, e);
  return Invalid(ctx, std::string(" is ") + std::string(TypeName(type)) + ", expected " +
                          std::string(expected));
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

namespace {

struct ThreadParser {
  od::parser parser{kMaxWsFrameBytes};
  std::string buffer;
};
ThreadParser& Local() {
  thread_local ThreadParser local;
  return local;
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t' ||
          s.back() == ',' || s.back() == ']' || s.back() == '}')) {
    s.remove_suffix(1);
  }
  return s;
}

// The text of a string, or the raw token of a number; kind says which.
core::Status StringOrNumber(od::value& v, const Ctx& ctx, std::string_view& out, bool& is_number,
                            std::string_view expected) {
  od::json_type type{};
  if (auto e = v.type().get(type)) return Malformed(ctx, e);
  if (type == od::json_type::string) {
    is_number = false;
    if (auto e = v.get_string().get(out)) return Malformed(ctx, e);
    return core::Status::Ok();
  }
  if (type == od::json_type::number) {
    is_number = true;
    out = TrimRight(v.raw_json_token());
    return core::Status::Ok();
  }
  return WrongType(v, ctx, expected);
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

core::Status Load(std::string_view text, const Ctx& ctx, od::document& doc) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Invalid(ctx, "empty frame");
  }
  if (text.size() > kMaxWsFrameBytes) {
    return Invalid(ctx, "frame of " + std::to_string(text.size()) + " bytes exceeds the limit");
  }
  ThreadParser& local = Local();
  local.buffer.assign(text);
  local.buffer.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  simdjson::padded_string_view padded(local.buffer.data(), local.buffer.size(),
                                      local.buffer.capacity());
  if (auto e = local.parser.iterate(padded).get(doc)) return Malformed(ctx, e);
  return core::Status::Ok();
}

core::Status RootObject(od::document& doc, const Ctx& ctx, od::object& out) {
  if (auto e = doc.get_object().get(out)) {
    if (e == simdjson::INCORRECT_TYPE) return Invalid(ctx, "frame is not a JSON object");
    return Malformed(ctx, e);
  }
  return core::Status::Ok();
}

core::Status AtEnd(od::document& doc, const Ctx& ctx) {
  const char* rest = nullptr;
  if (!doc.current_location().get(rest)) {
    return Invalid(ctx, "trailing content after the JSON object");
  }
  return core::Status::Ok();
}

bool IsNull(od::value& v) {
  bool null = false;
  return !v.is_null().get(null) && null;
}

core::Status ReadText(od::value v, const Ctx& ctx, std::string_view& out) {
  if (auto e = v.get_string().get(out)) {
    if (e == simdjson::INCORRECT_TYPE) return WrongType(v, ctx, "a string");
    return Malformed(ctx, e);
  }
  if (out.empty()) return Invalid(ctx, " is empty");
  return core::Status::Ok();
}

core::Status ReadTextOrNumber(od::value v, const Ctx& ctx, std::string_view& out) {
  bool is_number = false;
  BGT_RETURN_IF_ERROR(StringOrNumber(v, ctx, out, is_number, "a string or number"));
  if (out.empty()) return Invalid(ctx, " is empty");
  return core::Status::Ok();
}

core::Status ReadString(od::value v, const Ctx& ctx, std::string& out) {
  out.clear();
  if (IsNull(v)) return core::Status::Ok();
  std::string_view text;
  if (auto e = v.get_string().get(text)) {
    if (e == simdjson::INCORRECT_TYPE) return WrongType(v, ctx, "a string");
    return Malformed(ctx, e);
  }
  out.assign(text);
  return core::Status::Ok();
}

core::Status ReadId(od::value v, const Ctx& ctx, std::string& out) {
  out.clear();
  std::string_view text;
  bool is_number = false;
  BGT_RETURN_IF_ERROR(StringOrNumber(v, ctx, text, is_number, "an id"));
  if (is_number && !AllDigits(text)) return Invalid(ctx, " is not an integer id");
  out.assign(text);
  return core::Status::Ok();
}

core::Status ReadDecimal(od::value v, const Ctx& ctx, core::Decimal& out) {
  std::string_view text;
  bool is_number = false;
  BGT_RETURN_IF_ERROR(StringOrNumber(v, ctx, text, is_number, "a decimal"));
  if (text.empty()) return Invalid(ctx, " is empty");
  auto parsed = core::Decimal::Parse(text);
  if (!parsed) return Invalid(ctx, " is not a valid decimal: " + parsed.error().message);
  out = *parsed;
  return core::Status::Ok();
}

core::Status ReadDecimal(od::value v, const Ctx& ctx, std::optional<core::Decimal>& out) {
  out.reset();
  if (IsNull(v)) return core::Status::Ok();
  std::string_view text;
  if (!v.get_string().get(text) && text.empty()) return core::Status::Ok();
  core::Decimal value;
  BGT_RETURN_IF_ERROR(ReadDecimal(v, ctx, value));
  out = value;
  return core::Status::Ok();
}

core::Status ReadInt(od::value v, const Ctx& ctx, std::int64_t& out) {
  std::string_view text;
  bool is_number = false;
  BGT_RETURN_IF_ERROR(StringOrNumber(v, ctx, text, is_number, "an integer"));
  const bool negative = !text.empty() && text.front() == '-';
  if (!AllDigits(negative ? text.substr(1) : text)) return Invalid(ctx, " is not an integer");
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    return Invalid(ctx, " is out of range");
  }
  return core::Status::Ok();
}

core::Status ReadTime(od::value v, const Ctx& ctx, core::Timestamp& out) {
  std::int64_t ms = 0;
  BGT_RETURN_IF_ERROR(ReadInt(v, ctx, ms));
  // Up to year ~2500 in milliseconds; beyond that the nanosecond Timestamp would overflow.
  if (ms < 0 || ms > 16'725'225'600'000) return Invalid(ctx, " is not a millisecond time");
  out = core::Timestamp::FromMillis(ms);
  return core::Status::Ok();
}

core::Status ReadTime(od::value v, const Ctx& ctx, std::optional<core::Timestamp>& out) {
  out.reset();
  if (IsNull(v)) return core::Status::Ok();
  std::string_view text;
  if (!v.get_string().get(text) && text.empty()) return core::Status::Ok();
  core::Timestamp value;
  BGT_RETURN_IF_ERROR(ReadTime(v, ctx, value));
  out = value;
  return core::Status::Ok();
}

core::Status ReadBool(od::value v, const Ctx& ctx, bool& out) {
  bool b = false;
  if (!v.get_bool().get(b)) {
    out = b;
    return core::Status::Ok();
  }
  std::string_view text;
  BGT_RETURN_IF_ERROR(ReadText(v, ctx, text));
  std::string lower;
  for (char c : text.substr(0, 8)) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (lower == "yes" || lower == "true") {
    out = true;
  } else if (lower == "no" || lower == "false") {
    out = false;
  } else {
    return Invalid(ctx, " is not yes/no");
  }
  return core::Status::Ok();
}

core::Status ReadArg(od::value v, const Ctx& ctx, WsArg& arg) {
  static constexpr std::array<Field<WsArg>, 4> kFields = {{
      {"instType",
       [](od::value x, const Ctx& c, WsArg& a) { return ReadString(x, c, a.inst_type); }, false},
      {"channel", [](od::value x, const Ctx& c, WsArg& a) { return ReadString(x, c, a.channel); },
       true},
      {"instId", [](od::value x, const Ctx& c, WsArg& a) { return ReadString(x, c, a.inst_id); },
       false},
      {"coin", [](od::value x, const Ctx& c, WsArg& a) { return ReadString(x, c, a.coin); }, false},
  }};
  arg.clear();
  Ctx arg_ctx = ctx;
  arg_ctx.what = ctx.what;
  return ReadObject(v, arg_ctx, kFields, arg);
}

core::Status ReadAction(od::value v, const Ctx& ctx, WsAction& out) {
  std::string_view text;
  BGT_RETURN_IF_ERROR(ReadText(v, ctx, text));
  if (text == "snapshot") {
    out = WsAction::kSnapshot;
  } else if (text == "update") {
    out = WsAction::kUpdate;
  } else {
    return Invalid(ctx, " is not snapshot/update");
  }
  return core::Status::Ok();
}

core::Status CheckChannel(std::string_view what, const WsArg& arg, std::string_view expected) {
  const bool ok = expected.back() == '*'
                      ? arg.channel.starts_with(expected.substr(0, expected.size() - 1))
                      : arg.channel == expected;
  if (!ok) {
    return Invalid(Ctx(what, "arg.channel"),
                   " is \"" + arg.channel.substr(0, 32) + "\", expected " + std::string(expected));
  }
  return core::Status::Ok();
}

}  // namespace wsparse

using namespace wsparse;  // NOLINT(google-build-using-namespace): this file's own helpers

void WsFrame::clear() {
  type = WsFrameType::kPush;
  event.clear();
  arg.clear();
  has_arg = false;
  action = WsAction::kSnapshot;
  code.reset();
  msg.clear();
  conn_id.clear();
  ts = core::Timestamp{};
}

core::Status ParseWsFrame(std::string_view text, WsFrame& out) {
  out.clear();
  if (text == "pong") {
    out.type = WsFrameType::kPong;
    return core::Status::Ok();
  }
  Ctx ctx("frame");
  od::document doc;
  BGT_RETURN_IF_ERROR(Load(text, ctx, doc));
  od::object root;
  BGT_RETURN_IF_ERROR(RootObject(doc, ctx, root));
  bool has_data = false;
  for (auto field : root) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return Malformed(ctx, e);
    od::value value;
    if (auto e = field.value().get(value)) return Malformed(ctx, e);
    ctx.field = key;
    if (key == "event") {
      BGT_RETURN_IF_ERROR(ReadString(value, ctx, out.event));
    } else if (key == "arg") {
      // Trade acks send an array here; only objects are subscription args.
      od::json_type type{};
      if (auto e = value.type().get(type)) return Malformed(ctx, e);
      if (type == od::json_type::object) {
        BGT_RETURN_IF_ERROR(ReadArg(value, ctx, out.arg));
        out.has_arg = true;
      }
    } else if (key == "action") {
      BGT_RETURN_IF_ERROR(ReadAction(value, ctx, out.action));
    } else if (key == "code") {
      if (!IsNull(value)) {
        std::string_view code_text;
        if (!value.get_string().get(code_text) && code_text.empty()) continue;
        std::int64_t code = 0;
        BGT_RETURN_IF_ERROR(ReadInt(value, ctx, code));
        out.code = code;
      }
    } else if (key == "msg") {
      BGT_RETURN_IF_ERROR(ReadString(value, ctx, out.msg));
    } else if (key == "connId") {
      BGT_RETURN_IF_ERROR(ReadId(value, ctx, out.conn_id));
    } else if (key == "ts") {
      if (!IsNull(value)) BGT_RETURN_IF_ERROR(ReadTime(value, ctx, out.ts));
    } else if (key == "data") {
      has_data = true;
    }
  }
  ctx.field = {};
  BGT_RETURN_IF_ERROR(AtEnd(doc, ctx));
  if (out.event.empty()) {
    if (!has_data || !out.has_arg) return Invalid(ctx, "neither an event nor a push");
    out.type = WsFrameType::kPush;
  } else if (out.event == "subscribe") {
    out.type = WsFrameType::kSubscribe;
  } else if (out.event == "unsubscribe") {
    out.type = WsFrameType::kUnsubscribe;
  } else if (out.event == "login") {
    out.type = WsFrameType::kLogin;
  } else if (out.event == "error") {
    out.type = WsFrameType::kError;
  } else {
    out.type = WsFrameType::kOtherEvent;
  }
  return core::Status::Ok();
}

}  // namespace bgt::bitget
