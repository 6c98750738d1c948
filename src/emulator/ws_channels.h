// Bitget v2 WebSocket channels as the emulator serves them: the subscription argument
// ({instType, channel, instId|coin}), its validation and the JSON text of public push data
// (ticker, trade, candle rows, book levels). Field names and shapes follow bitget-api.md §9.3-9.5.
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"
#include "model/candle.h"
#include "model/ticker.h"
#include "sim/market_source.h"

namespace bgt::emulator {

inline constexpr std::string_view kInstType = "USDT-FUTURES";

enum class ChannelKind : std::uint8_t {
  kTicker,
  kTrade,
  kCandle,
  kBooks,   // full depth: snapshot, then incremental updates with seq/pseq/checksum
  kBooks1,  // books1/5/15: always a snapshot of the top levels
  kBooks5,
  kBooks15,
  kAccount,  // private: arg {"coin":"default"}
  kPositions,
  kOrders,
  kFill,
  kOrdersAlgo,
};

bool IsPrivate(ChannelKind kind);

// One subscription argument, normalised: instType upper-case "USDT-FUTURES", public instIds
// upper-case, private selectors as sent ("default").
struct ChannelArg {
  ChannelKind kind = ChannelKind::kTicker;
  std::string channel;  // wire name, e.g. "candle1m", "books5"
  std::string inst_id;  // symbol, or the private selector ("default"); empty for `account`
  std::string coin;     // `account` only
  model::Granularity granularity = model::Granularity::k1m;  // kCandle only

  // {"instType":"USDT-FUTURES","channel":...,"instId"|"coin":...} as JSON text.
  std::string ToJson() const;
  // Identity of the subscription ("channel|instId|coin").
  std::string Key() const;
  friend bool operator==(const ChannelArg&, const ChannelArg&) = default;
};

// Reading one element of "args": either an arg or the WebSocket error to answer.
struct ArgError {
  int code = 30001;
  std::string msg;
};
struct ArgOrError {
  std::optional<ChannelArg> arg;
  ArgError error;  // meaningful when !arg
};

// Validates the fields of one argument (nullopt = absent). `symbol_known(upper-case instId)`
// says whether a public instId is served. Errors: 30001 for an unknown instType, channel or
// instId (Bitget's "instType:..,channel:..,instId:.. doesn't exist" message), 30016 for a
// missing field.
ArgOrError ParseChannelArg(std::optional<std::string_view> inst_type,
                           std::optional<std::string_view> channel,
                           std::optional<std::string_view> inst_id,
                           std::optional<std::string_view> coin,
                           const std::function<bool(std::string_view)>& symbol_known);

// Channel wire name -> kind (and granularity for candles); nullopt when unknown.
struct ChannelName {
  ChannelKind kind;
  model::Granularity granularity = model::Granularity::k1m;
};
std::optional<ChannelName> LookupChannel(std::string_view channel);

// {"instId":...,"lastPr":...,...,"ts":"<ms>"} of the ticker channel.
std::string TickerDataJson(const model::Ticker& ticker, const sim::FundingInfo& funding);
// {"ts":"<ms>","price":...,"size":...,"side":"buy"|"sell","tradeId":"..."}.
std::string TradeDataJson(const sim::MarketTrade& trade);
// ["<open ms>","o","h","l","c","baseVol","quoteVol","usdtVol"].
std::string CandleRowJson(const model::Candle& candle);
// {"action":...,"arg":<arg>,"data":<data>,"ts":<ms>} (data is JSON text, an array).
std::string PushJson(std::string_view action, const ChannelArg& arg, std::string_view data,
                     core::Timestamp ts);
// {"event":"error","code":<code>,"msg":...} (code is a JSON number).
std::string ErrorEventJson(int code, std::string_view msg);
// JSON string literal of `text` (quoted and escaped).
std::string JsonString(std::string_view text);

// ASCII upper-case copy.
std::string UpperAscii(std::string_view text);

}  // namespace bgt::emulator
