// On-Demand reading helpers shared by the WebSocket parsers (parse_ws*.cpp): a per-thread padded
// parser, typed reads that name the field in errors, and a table-driven object reader. Internal
// to bitget/: include it only from .cpp files.
// Thread-safety: reentrant; per-thread state only.
#pragma once

#include <simdjson.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bitget/parse_ws.h"
#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"

namespace bgt::bitget::wsparse {

namespace od = simdjson::ondemand;

// What is being parsed and where in it, for messages: "Bitget ws ticker push: data[0].lastPr".
struct Ctx {
  explicit Ctx(std::string_view what_in, std::string_view field_in = {}, std::size_t index_in = 0,
               bool in_row_in = false)
      : what(what_in), field(field_in), index(index_in), in_row(in_row_in) {}
  std::string_view what;
  std::string_view field;
  std::size_t index = 0;
  bool in_row = false;
};

core::Error Invalid(const Ctx& ctx, std::string_view problem);
core::Error Malformed(const Ctx& ctx, simdjson::error_code error);
std::string_view TypeName(od::json_type type);
// "<path> is <type>, expected <expected>".
core::Error WrongType(od::value& v, const Ctx& ctx, std::string_view expected);

// Loads `text` into the thread's padded buffer and starts iterating it. Errors for empty or
// oversized text.
core::Status Load(std::string_view text, const Ctx& ctx, od::document& doc);
// Same as doc.get_object() with messages.
core::Status RootObject(od::document& doc, const Ctx& ctx, od::object& out);
// True when nothing but whitespace follows the root value.
core::Status AtEnd(od::document& doc, const Ctx& ctx);

// Typed reads. Required reads reject null and ""; optional ones turn them into nullopt.
core::Status ReadString(od::value v, const Ctx& ctx, std::string& out);  // null -> ""
core::Status ReadId(od::value v, const Ctx& ctx, std::string& out);      // string or integer
core::Status ReadDecimal(od::value v, const Ctx& ctx, core::Decimal& out);
core::Status ReadDecimal(od::value v, const Ctx& ctx, std::optional<core::Decimal>& out);
core::Status ReadTime(od::value v, const Ctx& ctx, core::Timestamp& out);
core::Status ReadTime(od::value v, const Ctx& ctx, std::optional<core::Timestamp>& out);
core::Status ReadInt(od::value v, const Ctx& ctx, std::int64_t& out);  // number or digits
core::Status ReadBool(od::value v, const Ctx& ctx, bool& out);         // yes/no/true/false
// A string (not null, not ""): the text.
core::Status ReadText(od::value v, const Ctx& ctx, std::string_view& out);
// The text of a string or the raw token of a number (for exact book levels).
core::Status ReadTextOrNumber(od::value v, const Ctx& ctx, std::string_view& out);
// A null value.
bool IsNull(od::value& v);

template <typename E, typename ParseFn>
core::Status ReadEnum(od::value v, const Ctx& ctx, E& out, ParseFn parse) {
  std::string_view text;
  BGT_RETURN_IF_ERROR(ReadText(v, ctx, text));
  auto parsed = parse(text);
  if (!parsed) return Invalid(ctx, ": " + parsed.error().message);
  out = *parsed;
  return core::Status::Ok();
}
template <typename E, typename ParseFn>
core::Status ReadEnum(od::value v, const Ctx& ctx, std::optional<E>& out, ParseFn parse) {
  out.reset();
  if (IsNull(v)) return core::Status::Ok();
  std::string_view text;
  if (auto e = v.get_string().get(text); !e && text.empty()) return core::Status::Ok();
  E value{};
  BGT_RETURN_IF_ERROR(ReadEnum(v, ctx, value, parse));
  out = value;
  return core::Status::Ok();
}

// The arg object into *arg.
core::Status ReadArg(od::value v, const Ctx& ctx, WsArg& arg);
// "snapshot" / "update".
core::Status ReadAction(od::value v, const Ctx& ctx, WsAction& out);

template <typename Row>
struct Field {
  std::string_view key;
  core::Status (*read)(od::value v, const Ctx& ctx, Row& row);
  bool required;
};

// Reads the object `v` into `row`; unknown keys ignored; null optional fields skipped.
template <typename Row, std::size_t N>
core::Status ReadObject(od::value v, Ctx ctx, const std::array<Field<Row>, N>& fields, Row& row) {
  static_assert(N <= 64, "at most 64 fields");
  od::object object;
  if (auto e = v.get_object().get(object)) {
    ctx.field = {};
    od::json_type type{};
    if (v.type().get(type)) return Malformed(ctx, e);
    return Invalid(ctx, std::string(" is ") + std::string(TypeName(type)) + ", expected an object");
  }
  std::uint64_t present = 0;
  std::size_t hint = 0;
  for (auto field : object) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return Malformed(ctx, e);
    std::size_t i = N;
    for (std::size_t n = 0; n < N; ++n) {
      std::size_t j = hint + n;
      if (j >= N) j -= N;
      if (fields[j].key == key) {
        i = j;
        break;
      }
    }
    od::value value;
    if (auto e = field.value().get(value)) return Malformed(ctx, e);
    if (i == N) continue;
    hint = i + 1;
    present |= std::uint64_t{1} << i;
    ctx.field = fields[i].key;
    if (IsNull(value)) {
      if (fields[i].required) return Invalid(ctx, " is null");
      continue;
    }
    BGT_RETURN_IF_ERROR(fields[i].read(value, ctx, row));
  }
  for (std::size_t i = 0; i < N; ++i) {
    if (fields[i].required && (present & (std::uint64_t{1} << i)) == 0) {
      ctx.field = fields[i].key;
      return Invalid(ctx, " is missing");
    }
  }
  return core::Status::Ok();
}

// Reads the top-level push {"action","arg","data","ts"} in one pass: `data` elements are handed
// to read_row(value, ctx, index) (at most kMaxWsRows), then `finish(count)` is called.
template <typename ReadRow>
core::Status ReadPush(std::string_view text, std::string_view what, WsPushHeader& header,
                      ReadRow&& read_row, std::size_t& count) {
  Ctx ctx(what);
  od::document doc;
  BGT_RETURN_IF_ERROR(Load(text, ctx, doc));
  od::object root;
  BGT_RETURN_IF_ERROR(RootObject(doc, ctx, root));
  header.arg.clear();
  header.action = WsAction::kSnapshot;
  header.ts = core::Timestamp{};
  count = 0;
  bool has_arg = false;
  bool has_data = false;
  for (auto field : root) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return Malformed(ctx, e);
    od::value value;
    if (auto e = field.value().get(value)) return Malformed(ctx, e);
    ctx.field = key;
    if (key == "arg") {
      has_arg = true;
      BGT_RETURN_IF_ERROR(ReadArg(value, ctx, header.arg));
    } else if (key == "action") {
      BGT_RETURN_IF_ERROR(ReadAction(value, ctx, header.action));
    } else if (key == "ts") {
      if (!IsNull(value)) BGT_RETURN_IF_ERROR(ReadTime(value, ctx, header.ts));
    } else if (key == "data") {
      has_data = true;
      od::array array;
      if (auto e = value.get_array().get(array)) {
        od::json_type type{};
        if (value.type().get(type)) return Malformed(ctx, e);
        return Invalid(ctx,
                       std::string(" is ") + std::string(TypeName(type)) + ", expected an array");
      }
      for (auto element : array) {
        od::value item;
        if (auto e = element.get(item)) return Malformed(ctx, e);
        if (count >= kMaxWsRows) {
          return Invalid(ctx, " has more than " + std::to_string(kMaxWsRows) + " rows");
        }
        Ctx row_ctx(what, {}, count, true);
        BGT_RETURN_IF_ERROR(read_row(item, row_ctx, count));
        ++count;
      }
    }
  }
  ctx.field = {};
  BGT_RETURN_IF_ERROR(AtEnd(doc, ctx));
  if (!has_arg) return Invalid(Ctx(what, "arg"), " is missing");
  if (!has_data) return Invalid(Ctx(what, "data"), " is missing");
  return core::Status::Ok();
}

// Row `index` of `rows`, reusing an existing element (reset with `reset`) or appending one.
template <typename Row, typename Reset>
Row& RowAt(std::vector<Row>& rows, std::size_t index, Reset&& reset) {
  if (index < rows.size()) {
    reset(rows[index]);
    return rows[index];
  }
  return rows.emplace_back();
}

core::Status CheckChannel(std::string_view what, const WsArg& arg, std::string_view expected);

}  // namespace bgt::bitget::wsparse
