#include "bitget/json_internal.h"

#include <charconv>
#include <limits>
#include <string>
#include <system_error>

#include "bitget/errors.h"
#include "bitget/parse_responses.h"

namespace bgt::bitget::internal {
namespace {

// Starts every string QuoteNumbers makes out of a number. A control character: Bitget never
// sends one at the start of a string, and it is recognised only in the second pass.
constexpr char kNumberMarker = '\x1f';
constexpr std::string_view kNumberMarkerJson = "\\u001f";

// Bodies up to this size use the thread's parser, which keeps its buffers (about 13 bytes per
// body byte) for the next call; larger ones get a parser freed after the call.
constexpr std::size_t kReusableParserBytes = std::size_t{512} << 10;

constexpr char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return "a boolean";
    case Kind::kString:
      return "a string";
    case Kind::kNumber:
      return "a number";
    case Kind::kObject:
      return "an object";
    case Kind::kArray:
      return "an array";
  }
  return "an unknown JSON type";
}

// Printable, bounded form of `text` for messages, without the quotes.
void AppendPrintable(std::string& out, std::string_view text, std::size_t max_chars) {
  constexpr std::string_view kHex = "0123456789abcdef";
  for (std::size_t i = 0; i < text.size() && i < max_chars; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\\' || c == '"') {
      out.append(1, '\\').append(1, static_cast<char>(c));
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out.append("\\x").append(1, kHex[c >> 4]).append(1, kHex[c & 0xf]);
    }
  }
}

// A row label for paths: a short symbol of letters, digits, '-' and '_' only.
bool IsLabel(std::string_view text) {
  if (text.empty() || text.size() > 24) return false;
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// Integer text: optional '-', 1..18 digits.
bool ParseInteger(std::string_view text, std::int64_t& out) {
  if (text.empty() || text.size() > 19) return false;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (*first == '+') return false;
  const auto [ptr, ec] = std::from_chars(first, last, out);
  return ec == std::errc() && ptr == last;
}

// Decimal text with more significant digits than a Decimal holds, rounded half-even to fit:
// plain "[-]digits[.digits]" only (no exponent), at most 18 integer digits.
core::Result<core::Decimal> ParseRounded(std::string_view text) {
  const bool negative = !text.empty() && text[0] == '-';
  std::string_view digits = negative ? text.substr(1) : text;
  const std::size_t dot = digits.find('.');
  std::string_view int_part = digits.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? "" : digits.substr(dot + 1);
  const auto all_digits = [](std::string_view s) {
    return s.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (int_part.empty() || !all_digits(int_part) || !all_digits(frac) ||
      (dot != std::string_view::npos && frac.empty())) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "not a plain decimal");
  }
  while (int_part.size() > 1 && int_part[0] == '0') int_part.remove_prefix(1);
  const std::size_t int_digits = int_part == "0" ? 0 : int_part.size();
  constexpr std::size_t kMaxDigits = 18;
  if (int_digits > kMaxDigits) {
    return core::MakeError(core::ErrorCode::kOutOfRange, "more than 18 integer digits");
  }
  const std::size_t keep = std::min(frac.size(), kMaxDigits - int_digits);
  std::string kept(negative ? "-" : "");
  kept.append(int_part);
  if (keep > 0) kept.append(".").append(frac.substr(0, keep));
  auto value = core::Decimal::Parse(kept);
  if (!value || keep == frac.size()) return value;
  // Half-even on the dropped digits.
  const std::string_view dropped = frac.substr(keep);
  const char last_kept = keep > 0 ? frac[keep - 1] : int_part.back();
  const bool rest_nonzero = dropped.find_first_not_of('0', 1) != std::string_view::npos;
  const bool up = dropped[0] > '5' || (dropped[0] == '5' && (rest_nonzero || (last_kept & 1)));
  if (!up) return value;
  auto ulp = core::Decimal::FromParts(negative ? -1 : 1, static_cast<int>(keep));
  if (!ulp) return ulp.error();
  return core::Decimal::CheckedAdd(*value, *ulp);
}

}  // namespace

core::Error Invalid(const ParseContext& ctx, std::string_view message) {
  constexpr std::size_t kMaxMessageChars = 400;
  std::string text = "Bitget ";
  text.append(ctx.what).append(" response: ");
  text.append(message.substr(0, kMaxMessageChars));
  if (message.size() > kMaxMessageChars) text += "...";
  core::Error error = core::MakeError(core::ErrorCode::kInvalidArgument, std::move(text));
  error.http_status = ctx.http_status;
  return error;
}

std::string Snippet(std::string_view body) {
  constexpr std::size_t kMaxChars = 32;
  const std::size_t start = body.find_first_not_of(" \t\r\n");
  body.remove_prefix(start == std::string_view::npos ? body.size() : start);
  std::string out = "\"";
  AppendPrintable(out, body, kMaxChars);
  out += body.size() > kMaxChars ? "\"..." : "\"";
  return out;
}

std::string Quote(std::string_view text) {
  constexpr std::size_t kMaxChars = 40;
  std::string out = "\"";
  AppendPrintable(out, text, kMaxChars);
  out += text.size() > kMaxChars ? "\"..." : "\"";
  return out;
}

// ---- Path ----

void Path::AppendTo(std::string& out) const {
  if (parent_ != nullptr) parent_->AppendTo(out);
  if (!is_index_) {
    if (parent_ != nullptr) out += '.';
    out.append(key_);
    return;
  }
  out.append("[").append(std::to_string(index_)).append("]");
  dom::object object;
  std::string_view symbol;
  if (!element_.get(object) && !object["symbol"].get(symbol) && IsLabel(symbol)) {
    out.append(" (").append(symbol).append(")");
  }
}

std::string Path::ToString() const {
  std::string out;
  AppendTo(out);
  return out;
}

// ---- Value ----

Kind Value::kind() const {
  switch (element_.type()) {
    case dom::element_type::ARRAY:
      return Kind::kArray;
    case dom::element_type::OBJECT:
      return Kind::kObject;
    case dom::element_type::INT64:
    case dom::element_type::UINT64:
    case dom::element_type::DOUBLE:
      return Kind::kNumber;
    case dom::element_type::STRING: {
      if (!ctx_->numbers_quoted) return Kind::kString;
      std::string_view text;
      if (!element_.get(text) && !text.empty() && text[0] == kNumberMarker) return Kind::kNumber;
      return Kind::kString;
    }
    case dom::element_type::BOOL:
      return Kind::kBool;
    case dom::element_type::NULL_VALUE:
      return Kind::kNull;
  }
  return Kind::kNull;
}

core::Error Value::Error(std::string_view problem) const {
  std::string message = path_.ToString();
  if (problem.empty() || problem[0] != ':') message += ' ';
  message.append(problem);
  return Invalid(*ctx_, message);
}

core::Error Value::WrongType(std::string_view expected) const {
  return Error("is " + std::string(KindName(kind())) + ", expected " + std::string(expected));
}

bool Value::IsNullOrEmptyString() const {
  const dom::element_type type = element_.type();
  if (type == dom::element_type::NULL_VALUE) return true;
  std::string_view text;
  return type == dom::element_type::STRING && !element_.get(text) && text.empty();
}

core::Status Value::NumberText(std::string_view& text, char (&buffer)[24]) const {
  std::to_chars_result printed{};
  switch (element_.type()) {
    case dom::element_type::STRING:  // a marked number of the second pass
      if (element_.get(text)) return Error("is not a valid string");
      text.remove_prefix(1);
      return core::Status::Ok();
    case dom::element_type::INT64:
      printed = std::to_chars(buffer, buffer + sizeof(buffer), element_.get_int64().value_unsafe());
      break;
    case dom::element_type::UINT64:
      printed =
          std::to_chars(buffer, buffer + sizeof(buffer), element_.get_uint64().value_unsafe());
      break;
    case dom::element_type::DOUBLE:
      // Never through the double: ParseBody parses again with the number's exact text.
      ctx_->need_exact_numbers = true;
      return Error("is a fractional JSON number (needs its exact text)");
    default:
      return WrongType("a number");
  }
  text = std::string_view(buffer, static_cast<std::size_t>(printed.ptr - buffer));
  return core::Status::Ok();
}

core::Status Value::DecimalText(std::string_view& text, char (&buffer)[24]) const {
  switch (kind()) {
    case Kind::kString:
      if (element_.get(text)) return Error("is not a valid string");
      if (text.empty()) return Error("is empty, expected a decimal");
      return core::Status::Ok();
    case Kind::kNumber:
      return NumberText(text, buffer);
    default:
      return WrongType("a decimal (string or number)");
  }
}

core::Status Value::ReadDecimal(core::Decimal& out, bool rounded) const {
  char buffer[24];
  std::string_view text;
  BGT_RETURN_IF_ERROR(DecimalText(text, buffer));
  auto parsed = ParseDecimalText(text, rounded);
  if (!parsed) {
    return Error("is " + Quote(text) + ", not a decimal (" + parsed.error().message + ")");
  }
  out = *parsed;
  return core::Status::Ok();
}

core::Status Value::Read(core::Decimal& out) const { return ReadDecimal(out, false); }
core::Status Value::ReadRounded(core::Decimal& out) const { return ReadDecimal(out, true); }

core::Status Value::Read(std::optional<core::Decimal>& out) const {
  out.reset();
  if (IsNullOrEmptyString()) return core::Status::Ok();
  core::Decimal value;
  BGT_RETURN_IF_ERROR(ReadDecimal(value, false));
  out = value;
  return core::Status::Ok();
}

core::Status Value::ReadRounded(std::optional<core::Decimal>& out) const {
  out.reset();
  if (IsNullOrEmptyString()) return core::Status::Ok();
  core::Decimal value;
  BGT_RETURN_IF_ERROR(ReadDecimal(value, true));
  out = value;
  return core::Status::Ok();
}

core::Status Value::ReadText(std::string& out, bool allow_number) const {
  char buffer[24];
  std::string_view text;
  switch (kind()) {
    case Kind::kNull:
      out.clear();
      return core::Status::Ok();
    case Kind::kString:
      if (element_.get(text)) return Error("is not a valid string");
      break;
    case Kind::kNumber:
      if (!allow_number) return WrongType("a string");
      BGT_RETURN_IF_ERROR(NumberText(text, buffer));
      break;
    default:
      return WrongType("a string");
  }
  out.assign(text);
  return core::Status::Ok();
}

core::Status Value::Read(std::string& out) const { return ReadText(out, false); }
core::Status Value::ReadId(std::string& out) const { return ReadText(out, true); }

core::Status Value::Read(std::optional<std::string>& out) const {
  out.reset();
  if (IsNullOrEmptyString()) return core::Status::Ok();
  std::string value;
  BGT_RETURN_IF_ERROR(ReadText(value, false));
  out = std::move(value);
  return core::Status::Ok();
}

core::Status Value::ReadId(std::optional<std::string>& out) const {
  out.reset();
  if (IsNullOrEmptyString()) return core::Status::Ok();
  std::string value;
  BGT_RETURN_IF_ERROR(ReadText(value, true));
  out = std::move(value);
  return core::Status::Ok();
}

core::Status Value::Read(core::Timestamp& out) const {
  char buffer[24];
  std::string_view text;
  switch (kind()) {
    case Kind::kString:
      if (element_.get(text)) return Error("is not a valid string");
      if (text.empty()) return Error("is empty, expected a time in ms");
      break;
    case Kind::kNumber:
      BGT_RETURN_IF_ERROR(NumberText(text, buffer));
      break;
    default:
      return WrongType("a time in ms (string or number)");
  }
  // Timestamp holds int64 nanoseconds: up to year 2262.
  constexpr std::int64_t kMaxMillis = std::numeric_limits<std::int64_t>::max() / 1'000'000;
  std::int64_t ms = 0;
  if (!ParseInteger(text, ms) || ms > kMaxMillis || ms < -kMaxMillis) {
    return Error("is " + Quote(text) + ", not a time in ms");
  }
  out = core::Timestamp::FromMillis(ms);
  return core::Status::Ok();
}

core::Status Value::Read(std::optional<core::Timestamp>& out) const {
  out.reset();
  if (IsNullOrEmptyString()) return core::Status::Ok();
  core::Timestamp value;
  BGT_RETURN_IF_ERROR(Read(value));
  out = value;
  return core::Status::Ok();
}

core::Status Value::Read(std::optional<int>& out) const {
  out.reset();
  if (IsNullOrEmptyString()) return core::Status::Ok();
  char buffer[24];
  std::string_view text;
  if (kind() == Kind::kString) {
    if (element_.get(text)) return Error("is not a valid string");
  } else if (kind() == Kind::kNumber) {
    BGT_RETURN_IF_ERROR(NumberText(text, buffer));
  } else {
    return WrongType("an integer (string or number)");
  }
  std::int64_t value = 0;
  if (!ParseInteger(text, value) || value > std::numeric_limits<int>::max() ||
      value < std::numeric_limits<int>::min()) {
    return Error("is " + Quote(text) + ", not an integer");
  }
  out = static_cast<int>(value);
  return core::Status::Ok();
}

core::Status Value::Read(bool& out) const {
  std::string_view text;
  switch (kind()) {
    case Kind::kBool:
      out = element_.get_bool().value_unsafe();
      return core::Status::Ok();
    case Kind::kString:
      if (element_.get(text)) return Error("is not a valid string");
      break;
    default:
      return WrongType("\"YES\" or \"NO\"");
  }
  if (EqualsIgnoreCase(text, "yes") || EqualsIgnoreCase(text, "true")) {
    out = true;
  } else if (EqualsIgnoreCase(text, "no") || EqualsIgnoreCase(text, "false")) {
    out = false;
  } else {
    return Error("is " + Quote(text) + ", expected \"YES\" or \"NO\"");
  }
  return core::Status::Ok();
}

core::Status Value::Read(std::optional<bool>& out) const {
  out.reset();
  if (IsNullOrEmptyString()) return core::Status::Ok();
  bool value = false;
  BGT_RETURN_IF_ERROR(Read(value));
  out = value;
  return core::Status::Ok();
}

core::Status Value::EnumText(std::string_view& text) const {
  if (kind() != Kind::kString) return WrongType("a string");
  if (element_.get(text)) return Error("is not a valid string");
  if (text.empty()) return Error("is empty");
  return core::Status::Ok();
}

core::Result<core::Decimal> ParseDecimalText(std::string_view text, bool rounded) {
  auto value = core::Decimal::Parse(text);
  if (value || !rounded || value.error().code != core::ErrorCode::kOutOfRange) return value;
  auto fitted = ParseRounded(text);
  return fitted ? fitted : value;
}

core::Result<dom::element> Member(const Value& value, std::string_view key) {
  dom::object object;
  if (value.kind() != Kind::kObject || value.element().get(object)) {
    return value.WrongType("an object");
  }
  dom::element member;
  if (object[key].get(member)) {
    return Value(value.ctx(), value.element(), value.path().Key(key)).Error("is missing");
  }
  return member;
}

// ---- Whole bodies ----

std::string QuoteNumbers(std::string_view json) {
  std::string out;
  out.reserve(json.size() + json.size() / 4 + simdjson::SIMDJSON_PADDING);
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < json.size()) {
        out += json[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      out += c;
      continue;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i;
      while (end < json.size() &&
             std::string_view("0123456789+-.eE").find(json[end]) != std::string_view::npos) {
        ++end;
      }
      out.append("\"").append(kNumberMarkerJson).append(json.substr(i, end - i)).append("\"");
      i = end - 1;
      continue;
    }
    out += c;
  }
  return out;
}

DomParser::DomParser(std::size_t body_size) {
  if (body_size <= kReusableParserBytes) {
    thread_local dom::parser reusable;
    parser_ = &reusable;
  } else {
    parser_ = &own_.emplace();
  }
}

core::Result<dom::element> LoadData(dom::parser& parser, ParseContext& ctx, std::string_view json,
                                    Envelope* envelope) {
  dom::element root;
  if (auto error = parser.parse(json.data(), json.size()).get(root)) {
    return Invalid(ctx, std::string("not valid JSON (") + simdjson::error_message(error) +
                            "), body starts with " + Snippet(ctx.body));
  }
  dom::object object;
  if (root.get(object)) {
    return Invalid(
        ctx, "expected a JSON object at the top level, body starts with " + Snippet(ctx.body));
  }
  std::optional<dom::element> code;
  std::optional<dom::element> msg;
  std::optional<dom::element> request_time;
  std::optional<dom::element> data;
  for (dom::key_value_pair field : object) {
    if (field.key == "code") {
      code = field.value;
    } else if (field.key == "msg") {
      msg = field.value;
    } else if (field.key == "requestTime") {
      request_time = field.value;
    } else if (field.key == "data") {
      data = field.value;
    }
  }
  if (!code) return Invalid(ctx, "missing \"code\"");
  const Value code_value(ctx, *code, Path("code"));
  char buffer[24];
  std::string_view code_text;
  std::int64_t numeric_code = 0;
  if (code_value.kind() == Kind::kString) {
    if (code->get(code_text)) return code_value.Error("is not a valid string");
  } else if (code_value.kind() == Kind::kNumber) {
    // Bitget sends a string; a gateway's numeric code still surfaces as the venue code.
    std::string number;
    BGT_RETURN_IF_ERROR(code_value.ReadId(number));
    if (!ParseInteger(number, numeric_code)) {
      return code_value.Error("is a number that is not an integer");
    }
    const auto printed = std::to_chars(buffer, buffer + sizeof(buffer), numeric_code);
    code_text = std::string_view(buffer, static_cast<std::size_t>(printed.ptr - buffer));
  } else {
    return code_value.WrongType("a string");
  }
  if (code_text.empty()) return code_value.Error("is empty");

  std::string msg_text;
  if (msg && Value(ctx, *msg, Path("msg")).kind() == Kind::kString) {
    std::string_view text;
    if (!msg->get(text)) msg_text.assign(text);
  }
  if (code_text != kSuccessCode) {
    return VenueError(code_text, msg_text, ctx.http_status, ctx.what);
  }
  if (msg) {
    const Value msg_value(ctx, *msg, Path("msg"));
    if (msg_value.kind() != Kind::kString && msg_value.kind() != Kind::kNull) {
      return msg_value.WrongType("a string");
    }
  }
  envelope->code.assign(code_text);
  envelope->msg = std::move(msg_text);
  envelope->request_time.reset();
  if (request_time) {
    // Informational only: an unreadable value (the docs print 14-digit ones) leaves it empty.
    const Value value(ctx, *request_time, Path("requestTime"));
    if (!value.Read(envelope->request_time).ok()) {
      if (ctx.need_exact_numbers && !ctx.numbers_quoted) return value.Error("needs exact text");
      envelope->request_time.reset();
    }
  }
  if (!data) return Invalid(ctx, "missing \"data\"");
  return *data;
}

}  // namespace bgt::bitget::internal

namespace bgt::bitget {

core::Result<Envelope> ParseEnvelope(std::string_view body, int http_status) {
  Envelope envelope;
  auto parsed = internal::ParseBody<bool>(
      "envelope", body, http_status,
      [](const internal::Value&, bool&) { return core::Status::Ok(); }, &envelope);
  if (!parsed) return parsed.error();
  return envelope;
}

}  // namespace bgt::bitget
