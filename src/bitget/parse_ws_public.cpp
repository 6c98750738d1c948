// WebSocket public channels: ticker, candle*, books*, trade (bitget-api.md §9.4).
#include <array>
#include <cstdint>
#include <string>

#include "bitget/parse_ws.h"
#include "bitget/parse_ws_internal.h"
#include "model/order_types.h"

namespace bgt::bitget {

using namespace wsparse;  // NOLINT(google-build-using-namespace): this folder's own helpers

// ---- ticker -------------------------------------------------------------------------------------

namespace {

using model::Ticker;

template <auto kMember>
core::Status Dec(od::value v, const Ctx& c, Ticker& t) {
  return ReadDecimal(v, c, t.*kMember);
}

constexpr std::array<Field<Ticker>, 17> kTickerFields = {{
    {"instId", [](od::value v, const Ctx& c, Ticker& t) { return ReadString(v, c, t.symbol); },
     true},
    {"lastPr", &Dec<&Ticker::last_price>, true},
    {"bidPr", &Dec<&Ticker::bid_price>, true},
    {"askPr", &Dec<&Ticker::ask_price>, true},
    {"bidSz", &Dec<&Ticker::bid_size>, true},
    {"askSz", &Dec<&Ticker::ask_size>, true},
    {"open24h", &Dec<&Ticker::open_24h>, false},
    {"high24h", &Dec<&Ticker::high_24h>, false},
    {"low24h", &Dec<&Ticker::low_24h>, false},
    {"fundingRate", &Dec<&Ticker::funding_rate>, false},
    {"nextFundingTime",
     [](od::value v, const Ctx& c, Ticker& t) { return ReadTime(v, c, t.next_funding_time); },
     false},
    {"markPrice", &Dec<&Ticker::mark_price>, false},
    {"indexPrice", &Dec<&Ticker::index_price>, false},
    {"holdingAmount", &Dec<&Ticker::open_interest>, false},
    {"baseVolume", &Dec<&Ticker::base_volume_24h>, false},
    {"quoteVolume", &Dec<&Ticker::quote_volume_24h>, false},
    {"ts", [](od::value v, const Ctx& c, Ticker& t) { return ReadTime(v, c, t.ts); }, true},
}};

void ResetTicker(Ticker& t) {
  std::string symbol = std::move(t.symbol);
  symbol.clear();
  t = Ticker{};
  t.symbol = std::move(symbol);
}

}  // namespace

core::Status ParseWsTickers(std::string_view text, WsPush<Ticker>& out) {
  std::size_t count = 0;
  const core::Status read_status = ReadPush(
      text, "ticker push", out.header,
      [&](od::value item, const Ctx& ctx, std::size_t i) {
        return ReadObject(item, ctx, kTickerFields, RowAt(out.rows, i, ResetTicker));
      },
      count);
  if (!read_status.ok()) return read_status;
  out.rows.resize(count);
  return CheckChannel("ticker push", out.header.arg, "ticker");
}

// ---- candle -------------------------------------------------------------------------------------

namespace {

// [ts, o, h, l, c, baseVol, quoteVol(, usdtVol)]: at least 7 entries.
core::Status ReadCandleRow(od::value item, Ctx ctx, model::Candle& candle) {
  od::array row;
  if (auto e = item.get_array().get(row)) {
    if (e == simdjson::INCORRECT_TYPE) return WrongType(item, ctx, "an array");
    return Malformed(ctx, e);
  }
  static constexpr std::array<std::string_view, 7> kNames = {"[0]", "[1]", "[2]", "[3]",
                                                             "[4]", "[5]", "[6]"};
  core::Decimal* targets[7] = {nullptr,       &candle.open,        &candle.high,        &candle.low,
                               &candle.close, &candle.base_volume, &candle.quote_volume};
  std::size_t n = 0;
  for (auto element : row) {
    od::value v;
    if (auto e = element.get(v)) return Malformed(ctx, e);
    if (n < 7) {
      ctx.field = kNames[n];
      if (n == 0) {
        BGT_RETURN_IF_ERROR(ReadTime(v, ctx, candle.open_time));
      } else {
        BGT_RETURN_IF_ERROR(ReadDecimal(v, ctx, *targets[n]));
      }
    }
    ++n;
  }
  if (n < 7) {
    ctx.field = {};
    return Invalid(ctx, " has " + std::to_string(n) + " entries, expected at least 7");
  }
  return core::Status::Ok();
}

}  // namespace

core::Status ParseWsCandles(std::string_view text, WsPush<model::Candle>& out) {
  std::size_t count = 0;
  const core::Status read_status = ReadPush(
      text, "candle push", out.header,
      [&](od::value item, const Ctx& ctx, std::size_t i) {
        return ReadCandleRow(item, ctx,
                             RowAt(out.rows, i, [](model::Candle& c) { c = model::Candle{}; }));
      },
      count);
  if (!read_status.ok()) return read_status;
  out.rows.resize(count);
  BGT_RETURN_IF_ERROR(CheckChannel("candle push", out.header.arg, "candle*"));
  auto granularity = model::ParseGranularity(std::string_view(out.header.arg.channel).substr(6));
  if (!granularity) {
    return Invalid(Ctx("candle push", "arg.channel"), " names no granularity");
  }
  for (auto& candle : out.rows) candle.granularity = *granularity;
  return core::Status::Ok();
}

// ---- books --------------------------------------------------------------------------------------

namespace {

core::Status ReadLevels(od::value v, Ctx ctx, std::vector<model::BookLevelText>& levels) {
  od::array array;
  if (auto e = v.get_array().get(array)) {
    if (e == simdjson::INCORRECT_TYPE) return WrongType(v, ctx, "an array");
    return Malformed(ctx, e);
  }
  levels.clear();
  for (auto element : array) {
    od::array pair;
    if (element.get_array().get(pair)) {
      return Invalid(ctx, "[" + std::to_string(levels.size()) + "] is not a [price, size] array");
    }
    if (levels.size() >= kMaxWsBookLevels) {
      return Invalid(ctx, " has more than " + std::to_string(kMaxWsBookLevels) + " levels");
    }
    model::BookLevelText& level = levels.emplace_back();
    std::size_t n = 0;
    for (auto entry : pair) {
      od::value x;
      if (auto e = entry.get(x)) return Malformed(ctx, e);
      if (n < 2) {
        std::string_view text;
        BGT_RETURN_IF_ERROR(ReadTextOrNumber(x, ctx, text));
        // Validate as a decimal; keep the exact text for the checksum.
        if (!core::Decimal::Parse(text)) {
          return Invalid(ctx, "[" + std::to_string(levels.size() - 1) + "] holds a bad decimal");
        }
        (n == 0 ? level.price : level.size).assign(text);
      }
      ++n;
    }
    if (n < 2) {
      return Invalid(ctx, "[" + std::to_string(levels.size() - 1) + "] has fewer than 2 entries");
    }
  }
  return core::Status::Ok();
}

}  // namespace

core::Status ParseWsBooks(std::string_view text, model::BookDelta& out) {
  out.clear();
  WsPushHeader header;
  std::size_t count = 0;
  bool has_asks = false;
  bool has_bids = false;
  const core::Status read_status = ReadPush(
      text, "books push", header,
      [&](od::value item, Ctx ctx, std::size_t i) -> core::Status {
        if (i > 0) return Invalid(ctx, " is an extra element (one book per push)");
        od::object object;
        if (item.get_object().get(object)) return WrongType(item, ctx, "an object");
        for (auto field : object) {
          std::string_view key;
          if (auto e = field.unescaped_key().get(key)) return Malformed(ctx, e);
          od::value v;
          if (auto e = field.value().get(v)) return Malformed(ctx, e);
          ctx.field = key;
          if (key == "asks") {
            has_asks = true;
            BGT_RETURN_IF_ERROR(ReadLevels(v, ctx, out.asks));
          } else if (key == "bids") {
            has_bids = true;
            BGT_RETURN_IF_ERROR(ReadLevels(v, ctx, out.bids));
          } else if (key == "seq") {
            if (!IsNull(v)) BGT_RETURN_IF_ERROR(ReadInt(v, ctx, out.seq));
          } else if (key == "pseq") {
            if (!IsNull(v)) BGT_RETURN_IF_ERROR(ReadInt(v, ctx, out.prev_seq));
          } else if (key == "checksum") {
            if (!IsNull(v)) {
              std::int64_t checksum = 0;
              BGT_RETURN_IF_ERROR(ReadInt(v, ctx, checksum));
              if (checksum < INT32_MIN || checksum > INT32_MAX) {
                return Invalid(ctx, " is not a 32-bit integer");
              }
              out.checksum = static_cast<std::int32_t>(checksum);
            }
          } else if (key == "ts") {
            BGT_RETURN_IF_ERROR(ReadTime(v, ctx, out.ts));
          }
        }
        ctx.field = {};
        if (!has_asks) return Invalid(ctx, ".asks is missing");
        if (!has_bids) return Invalid(ctx, ".bids is missing");
        return core::Status::Ok();
      },
      count);
  if (!read_status.ok()) return read_status;
  if (count != 1) return Invalid(Ctx("books push", "data"), " holds no book");
  const WsArg& arg = header.arg;
  if (arg.channel != "books" && arg.channel != "books1" && arg.channel != "books5" &&
      arg.channel != "books15") {
    return CheckChannel("books push", arg, "books");
  }
  if (arg.inst_id.empty()) return Invalid(Ctx("books push", "arg.instId"), " is missing");
  out.symbol.assign(arg.inst_id);
  out.channel.assign(arg.channel);
  out.action = header.action == WsAction::kUpdate ? model::BookAction::kUpdate
                                                  : model::BookAction::kSnapshot;
  if (out.ts == core::Timestamp{}) out.ts = header.ts;
  return core::Status::Ok();
}

// ---- trade --------------------------------------------------------------------------------------

namespace {

constexpr std::array<Field<WsTrade>, 5> kTradeFields = {{
    {"ts", [](od::value v, const Ctx& c, WsTrade& t) { return ReadTime(v, c, t.ts); }, true},
    {"price", [](od::value v, const Ctx& c, WsTrade& t) { return ReadDecimal(v, c, t.price); },
     true},
    {"size", [](od::value v, const Ctx& c, WsTrade& t) { return ReadDecimal(v, c, t.size); }, true},
    {"side",
     [](od::value v, const Ctx& c, WsTrade& t) {
       return ReadEnum(v, c, t.side, model::ParseOrderSide);
     },
     true},
    {"tradeId", [](od::value v, const Ctx& c, WsTrade& t) { return ReadId(v, c, t.trade_id); },
     true},
}};

}  // namespace

core::Status ParseWsTrades(std::string_view text, WsPush<WsTrade>& out) {
  std::size_t count = 0;
  const core::Status read_status = ReadPush(
      text, "trade push", out.header,
      [&](od::value item, const Ctx& ctx, std::size_t i) {
        return ReadObject(item, ctx, kTradeFields,
                          RowAt(out.rows, i, [](WsTrade& t) { t = WsTrade{}; }));
      },
      count);
  if (!read_status.ok()) return read_status;
  out.rows.resize(count);
  BGT_RETURN_IF_ERROR(CheckChannel("trade push", out.header.arg, "trade"));
  for (auto& trade : out.rows) trade.symbol = out.header.arg.inst_id;
  return core::Status::Ok();
}

}  // namespace bgt::bitget
