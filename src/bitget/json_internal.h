// Shared simdjson DOM helpers of the bitget/ response parsers: the envelope, typed reads that
// name the field's path in their errors, decimals from strings or from the exact text of JSON
// numbers, and a table-driven object reader. Internal to bitget/: include it only from .cpp
// files, so that simdjson stays out of public headers.
//
// Exact numbers: the DOM keeps a JSON number only as int64 / uint64 / double. Integers are exact;
// a number with a fraction or exponent is never read through its double. Instead the reader
// flags the parse and ParseBody() parses the body a second time with every JSON number rewritten
// as a marked string holding its exact text (QuoteNumbers), which the reads then treat as a
// number. Bodies without fractional numbers (nearly all of Bitget's) are parsed once.
// Thread-safety: reentrant; each thread uses its own simdjson parser.
#pragma once

#include <simdjson.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bitget/responses.h"
#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"
#include "model/order_types.h"

namespace bgt::bitget::internal {

namespace dom = simdjson::dom;

// Bitget's largest answer (all contracts) is about 0.5 MB; anything this large is not one.
inline constexpr std::size_t kMaxBodyBytes = std::size_t{16} << 20;

// One parse of one body.
struct ParseContext {
  std::string_view what;  // the response's name in messages and VenueError context ("tickers")
  std::string_view body;  // as received (quoted in messages)
  int http_status = 0;
  bool numbers_quoted = false;      // second pass: JSON numbers arrive as marked strings
  bool need_exact_numbers = false;  // a read met a fractional JSON number in the first pass
};

// kInvalidArgument "Bitget <what> response: <message>" (bounded), http_status set.
core::Error Invalid(const ParseContext& ctx, std::string_view message);
// The first characters of a body, printable and bounded, in quotes: "<html><body>502 Bad...".
std::string Snippet(std::string_view body);
// `text` in quotes for messages: printable ASCII kept, other bytes as \xNN, cut with "...".
std::string Quote(std::string_view text);

// Where a value sits, for messages: "data.entrustedList[2] (BTCUSDT).price". Segments point at
// their parent, so a Path must not outlive the Path it was made from. Formatted only on error.
class Path {
 public:
  explicit Path(std::string_view root) : key_(root) {}
  Path Key(std::string_view key) const { return Path(this, key, 0, false, {}); }
  // `element`, when it is an object with a string "symbol", labels the segment.
  Path Index(std::size_t index, dom::element element) const {
    return Path(this, {}, index, true, element);
  }
  std::string ToString() const;

 private:
  Path(const Path* parent, std::string_view key, std::size_t index, bool is_index,
       dom::element element)
      : parent_(parent), key_(key), index_(index), is_index_(is_index), element_(element) {}
  void AppendTo(std::string& out) const;

  const Path* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  bool is_index_ = false;
  dom::element element_;
};

enum class Kind : std::uint8_t { kNull, kBool, kString, kNumber, kObject, kArray };

// How Bitget's enums are read: the model's case-insensitive parsers and responses.h's own.
template <typename E>
struct EnumParser;
#define BGT_ENUM_PARSER(Type, Function)                                               \
  template <>                                                                         \
  struct EnumParser<Type> {                                                           \
    static core::Result<Type> Parse(std::string_view text) { return Function(text); } \
  }
BGT_ENUM_PARSER(model::OrderSide, model::ParseOrderSide);
BGT_ENUM_PARSER(model::OrderType, model::ParseOrderType);
BGT_ENUM_PARSER(model::TimeInForce, model::ParseTimeInForce);
BGT_ENUM_PARSER(model::PositionSide, model::ParsePositionSide);
BGT_ENUM_PARSER(model::MarginMode, model::ParseMarginMode);
BGT_ENUM_PARSER(model::PositionMode, model::ParsePositionMode);
BGT_ENUM_PARSER(model::LiquiditySide, model::ParseLiquiditySide);
BGT_ENUM_PARSER(OrderState, ParseOrderState);
BGT_ENUM_PARSER(PlanType, ParsePlanType);
BGT_ENUM_PARSER(TriggerType, ParseTriggerType);
BGT_ENUM_PARSER(AssetMode, ParseAssetMode);
#undef BGT_ENUM_PARSER

template <typename E>
concept BitgetEnum = requires(std::string_view text) {
  EnumParser<E>::Parse(text);
};

// A JSON value being read: its element, its path and the parse it belongs to. Every Read
// returns kInvalidArgument naming path() on a wrong JSON type or unreadable text. Required reads
// (plain types) reject null and ""; optional reads (std::optional, std::string) turn null and ""
// into empty.
class Value {
 public:
  Value(ParseContext& ctx, dom::element element, Path path)
      : ctx_(&ctx), element_(element), path_(std::move(path)) {}

  ParseContext& ctx() const { return *ctx_; }
  dom::element element() const { return element_; }
  const Path& path() const { return path_; }
  Kind kind() const;

  // Decimal string or JSON number, exactly.
  core::Status Read(core::Decimal& out) const;
  core::Status Read(std::optional<core::Decimal>& out) const;
  // The same, rounding half-even to 18 significant digits when the text holds more.
  core::Status ReadRounded(core::Decimal& out) const;
  core::Status ReadRounded(std::optional<core::Decimal>& out) const;
  // A string.
  core::Status Read(std::string& out) const;
  core::Status Read(std::optional<std::string>& out) const;
  // An id (orderId, clientOid, tradeId, endId...): a string, or an integer JSON number's text.
  core::Status ReadId(std::string& out) const;
  core::Status ReadId(std::optional<std::string>& out) const;
  // Milliseconds since the epoch, as an integer string or JSON number.
  core::Status Read(core::Timestamp& out) const;
  core::Status Read(std::optional<core::Timestamp>& out) const;
  core::Status Read(std::optional<int>& out) const;
  // "YES" / "NO" / "true" / "false" in any case, or a JSON boolean.
  core::Status Read(bool& out) const;
  core::Status Read(std::optional<bool>& out) const;

  template <BitgetEnum E>
  core::Status Read(E& out) const {
    std::string_view text;
    BGT_RETURN_IF_ERROR(EnumText(text));
    auto parsed = EnumParser<E>::Parse(text);
    if (!parsed) return Error(": " + parsed.error().message);
    out = *parsed;
    return core::Status::Ok();
  }
  template <BitgetEnum E>
  core::Status Read(std::optional<E>& out) const {
    out.reset();
    if (IsNullOrEmptyString()) return core::Status::Ok();
    E value{};
    BGT_RETURN_IF_ERROR(Read(value));
    out = value;
    return core::Status::Ok();
  }

  bool IsNullOrEmptyString() const;
  // "<path> <problem>" as a kInvalidArgument error.
  core::Error Error(std::string_view problem) const;
  // "<path> is a boolean, expected <expected>".
  core::Error WrongType(std::string_view expected) const;

 private:
  core::Status DecimalText(std::string_view& text, char (&buffer)[24]) const;
  core::Status NumberText(std::string_view& text, char (&buffer)[24]) const;
  core::Status EnumText(std::string_view& text) const;
  core::Status ReadDecimal(core::Decimal& out, bool rounded) const;
  core::Status ReadText(std::string& out, bool allow_number) const;

  ParseContext* ctx_;
  dom::element element_;
  Path path_;
};

// Parses a decimal text; with `rounded`, text with more than 18 significant digits is rounded
// half-even to fit instead of rejected (Decimal::Parse errors otherwise).
core::Result<core::Decimal> ParseDecimalText(std::string_view text, bool rounded);

// ---- Table-driven objects ----

template <typename Row>
struct FieldSpec {
  std::string_view key;  // Bitget's field name
  core::Status (*read)(const Value& value, Row& row);
  bool required;  // missing or null is an error
};

template <typename T>
struct MemberTraits;
template <typename C, typename M>
struct MemberTraits<M C::*> {
  using Class = C;
};
template <auto kFirst, auto... kRest>
struct FirstOwner {
  using Type = typename MemberTraits<decltype(kFirst)>::Class;
};
template <auto... kMembers>
using RowOf = typename FirstOwner<kMembers...>::Type;

// row.*kFirst.*kRest...: a member, or a member of a member (TickerInfo::ticker, Ticker::ts).
template <auto kFirst, auto... kRest>
constexpr auto& Access(RowOf<kFirst>& row) {
  if constexpr (sizeof...(kRest) == 0) {
    return row.*kFirst;
  } else {
    return Access<kRest...>(row.*kFirst);
  }
}

// Field makers: Req<&Row::member>("key"), Opt<&Row::a, &A::b>("key"); *Rounded for (≈) fields,
// *Id for ids (which Bitget may send as JSON integers).
template <auto... kMembers>
constexpr FieldSpec<RowOf<kMembers...>> Req(std::string_view key) {
  return {key,
          [](const Value& v, RowOf<kMembers...>& row) { return v.Read(Access<kMembers...>(row)); },
          true};
}
template <auto... kMembers>
constexpr FieldSpec<RowOf<kMembers...>> Opt(std::string_view key) {
  return {key,
          [](const Value& v, RowOf<kMembers...>& row) { return v.Read(Access<kMembers...>(row)); },
          false};
}
template <auto... kMembers>
constexpr FieldSpec<RowOf<kMembers...>> ReqRounded(std::string_view key) {
  return {key,
          [](const Value& v, RowOf<kMembers...>& row) {
            return v.ReadRounded(Access<kMembers...>(row));
          },
          true};
}
template <auto... kMembers>
constexpr FieldSpec<RowOf<kMembers...>> OptRounded(std::string_view key) {
  return {key,
          [](const Value& v, RowOf<kMembers...>& row) {
            return v.ReadRounded(Access<kMembers...>(row));
          },
          false};
}

template <auto... kMembers>
constexpr FieldSpec<RowOf<kMembers...>> ReqId(std::string_view key) {
  return {
      key,
      [](const Value& v, RowOf<kMembers...>& row) { return v.ReadId(Access<kMembers...>(row)); },
      true};
}
template <auto... kMembers>
constexpr FieldSpec<RowOf<kMembers...>> OptId(std::string_view key) {
  return {
      key,
      [](const Value& v, RowOf<kMembers...>& row) { return v.ReadId(Access<kMembers...>(row)); },
      false};
}

// Index of `key` in `fields`, searching from `hint` (Bitget sends fields in a stable order, so
// the next field is usually the one after the last match); N when unknown.
template <typename Row, std::size_t N>
std::size_t FindField(const std::array<FieldSpec<Row>, N>& fields, std::string_view key,
                      std::size_t hint) {
  for (std::size_t n = 0; n < N; ++n) {
    std::size_t i = hint + n;
    if (i >= N) i -= N;
    if (fields[i].key == key) return i;
  }
  return N;
}

// Reads the object `value` into `row` through `fields`; unknown keys are ignored, a null
// optional field leaves the member as it was. Bit i of *seen is set when fields[i] was present.
template <typename Row, std::size_t N>
core::Status ReadObject(const Value& value, const std::array<FieldSpec<Row>, N>& fields, Row& row,
                        std::uint64_t* seen = nullptr) {
  static_assert(N <= 64, "at most 64 fields per table");
  if (value.kind() != Kind::kObject) return value.WrongType("an object");
  dom::object object;
  if (value.element().get(object)) return value.WrongType("an object");
  std::uint64_t present = 0;
  std::size_t hint = 0;
  for (dom::key_value_pair field : object) {
    const std::size_t i = FindField(fields, field.key, hint);
    if (i == N) continue;
    hint = i + 1;
    present |= std::uint64_t{1} << i;
    Value field_value(value.ctx(), field.value, value.path().Key(fields[i].key));
    if (field_value.kind() == Kind::kNull) {
      if (fields[i].required) return field_value.Error("is null");
      continue;
    }
    BGT_RETURN_IF_ERROR(fields[i].read(field_value, row));
  }
  for (std::size_t i = 0; i < N; ++i) {
    if (fields[i].required && (present & (std::uint64_t{1} << i)) == 0) {
      return Value(value.ctx(), value.element(), value.path().Key(fields[i].key))
          .Error("is missing");
    }
  }
  if (seen != nullptr) *seen = present;
  return core::Status::Ok();
}

// Calls read(item, index) for each element of the array `value`; a null value is an empty array
// when `null_is_empty`. Reserves `out` (anything with reserve()) to the array's size.
template <typename Out, typename F>
core::Status ReadArray(const Value& value, bool null_is_empty, Out& out, F&& read) {
  if (null_is_empty && value.kind() == Kind::kNull) return core::Status::Ok();
  dom::array array;
  if (value.kind() != Kind::kArray || value.element().get(array)) {
    return value.WrongType("an array");
  }
  out.reserve(array.size());
  std::size_t index = 0;
  for (dom::element element : array) {
    Value item(value.ctx(), element, value.path().Index(index, element));
    BGT_RETURN_IF_ERROR(read(item, index));
    ++index;
  }
  return core::Status::Ok();
}

// Reads each object of the array `value` through `fields` into a new row of `rows`.
template <typename Row, std::size_t N>
core::Status ReadRows(const Value& value, const std::array<FieldSpec<Row>, N>& fields,
                      std::vector<Row>& rows, bool null_is_empty = false) {
  return ReadArray(value, null_is_empty, rows, [&](const Value& item, std::size_t) {
    Row& row = rows.emplace_back();
    return ReadObject(item, fields, row);
  });
}

// The member `key` of the object `value` (kInvalidArgument when `value` is not an object or
// the key is missing).
core::Result<dom::element> Member(const Value& value, std::string_view key);

// ---- Whole bodies ----

// Every JSON number of a valid JSON text rewritten as a string holding a marker and its exact
// text; strings, keys and literals are copied unchanged.
std::string QuoteNumbers(std::string_view json);

// A simdjson DOM parser for one body: the calling thread's reusable one, or a private one for
// bodies too large to keep the memory for.
class DomParser {
 public:
  explicit DomParser(std::size_t body_size);
  DomParser(const DomParser&) = delete;
  DomParser& operator=(const DomParser&) = delete;
  dom::parser& get() { return *parser_; }

 private:
  std::optional<dom::parser> own_;
  dom::parser* parser_;
};

// Parses `json` (the body or its QuoteNumbers form) and checks the envelope of ctx.body: returns
// `data`, fills *envelope, or the venue error / kInvalidArgument described in
// parse_responses.h.
core::Result<dom::element> LoadData(dom::parser& parser, ParseContext& ctx, std::string_view json,
                                    Envelope* envelope);

// Checks size and emptiness, parses the envelope (copied to *envelope_out when given) and calls
// read(data_value, out) with data at path "data", parsing a second time with exact numbers when
// a read asks for them.
template <typename T, typename ReadData>
core::Result<T> ParseBody(std::string_view what, std::string_view body, int http_status,
                          ReadData&& read, Envelope* envelope_out = nullptr) {
  ParseContext ctx{what, body, http_status};
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Invalid(ctx, "empty body");
  }
  if (body.size() > kMaxBodyBytes) {
    return Invalid(ctx, "body of " + std::to_string(body.size()) + " bytes exceeds the " +
                            std::to_string(kMaxBodyBytes) + "-byte limit");
  }
  DomParser parser(body.size());
  std::string quoted;
  std::string_view json = body;
  while (true) {
    Envelope envelope;
    auto data = LoadData(parser.get(), ctx, json, &envelope);
    core::Status status;
    if (data) {
      T out{};
      status = read(Value(ctx, *data, Path("data")), out);
      if (status.ok()) {
        if (envelope_out != nullptr) *envelope_out = std::move(envelope);
        return out;
      }
    } else {
      status = data.error();
    }
    if (!ctx.need_exact_numbers || ctx.numbers_quoted) return status.error();
    quoted = QuoteNumbers(body);
    json = quoted;
    ctx.numbers_quoted = true;
    ctx.need_exact_numbers = false;
  }
}

}  // namespace bgt::bitget::internal
