// Parsers of Bitget v2 WebSocket frames (bitget-api.md §9): the frame kind (pong, push, event:
// subscribe / unsubscribe / login / error), then each channel's push into caller-owned, reusable
// objects: ticker, candle*, books* (model::BookDelta), trade, account, positions, orders, fill.
// simdjson On-Demand, one pass, no DOM; a per-thread reusable parser and padding buffer, and rows
// reused in place, so steady-state parsing of ticker and books pushes does not allocate.
// Errors: kInvalidArgument "Bitget ws <what>: <path> <problem>" for non-JSON, truncated or
// oversized frames, wrong JSON types, missing required fields, invalid decimals / times / enums,
// arrays beyond the caps below, or a push of another channel. Unknown fields are ignored.
// Decimals are read exactly from strings or from the text of JSON numbers.
// Thread-safety: reentrant; each thread uses its own parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"
#include "model/book_delta.h"
#include "model/candle.h"
#include "model/order_types.h"
#include "model/ticker.h"

namespace bgt::bitget {

inline constexpr std::size_t kMaxWsFrameBytes = std::size_t{8} << 20;
inline constexpr std::size_t kMaxWsRows = 10000;       // rows in one push's `data`
inline constexpr std::size_t kMaxWsBookLevels = 5000;  // levels per side of one books push

// {"instType":..,"channel":..,"instId"|"coin":..}
struct WsArg {
  std::string inst_type;
  std::string channel;
  std::string inst_id;
  std::string coin;
  void clear() {
    inst_type.clear();
    channel.clear();
    inst_id.clear();
    coin.clear();
  }
  friend bool operator==(const WsArg&, const WsArg&) = default;
};

enum class WsFrameType : std::uint8_t {
  kPong,         // the text "pong"
  kPush,         // {"action":..,"arg":..,"data":[..]} (or a push without action)
  kSubscribe,    // {"event":"subscribe","arg":..}
  kUnsubscribe,  // {"event":"unsubscribe","arg":..}
  kLogin,        // {"event":"login","code":0}
  kError,        // {"event":"error","code":30001,"msg":..}
  kOtherEvent,   // any other event (e.g. "trade"); `event` holds its name
};
enum class WsAction : std::uint8_t { kSnapshot, kUpdate };

// The routing part of any frame; `data` is skipped.
struct WsFrame {
  WsFrameType type = WsFrameType::kPush;
  std::string event;
  WsArg arg;
  bool has_arg = false;
  WsAction action = WsAction::kSnapshot;
  std::optional<std::int64_t> code;  // numeric or numeric-string `code`
  std::string msg;
  std::string conn_id;  // connId of login acks
  core::Timestamp ts;   // envelope ts (pushes)
  void clear();
};
core::Status ParseWsFrame(std::string_view text, WsFrame& out);

// Envelope fields shared by pushes.
struct WsPushHeader {
  WsArg arg;
  WsAction action = WsAction::kSnapshot;
  core::Timestamp ts;
};
template <typename Row>
struct WsPush {
  WsPushHeader header;
  std::vector<Row> rows;  // reused in place across parses
};

struct WsTrade {
  std::string symbol;  // from arg.instId
  std::string trade_id;
  core::Decimal price;
  core::Decimal size;
  model::OrderSide side = model::OrderSide::kBuy;  // taker side
  core::Timestamp ts;
};

struct WsFeeDetail {
  std::string fee_coin;
  core::Decimal fee;  // orders: `fee`; fill: `totalFee` (negative = paid)
  std::optional<core::Decimal> total_deduction_fee;
  std::optional<bool> deduction;
};

struct WsAccountRow {
  std::string margin_coin;
  core::Decimal frozen;
  core::Decimal available;
  core::Decimal equity;
  std::optional<core::Decimal> max_open_pos_available;
  std::optional<core::Decimal> max_transfer_out;
  std::optional<core::Decimal> usdt_equity;
  std::optional<core::Decimal> crossed_risk_rate;
  std::optional<core::Decimal> unrealized_pl;
  std::string assets_mode;
};

struct WsPositionRow {
  std::string pos_id;
  std::string symbol;  // instId
  std::string margin_coin;
  core::Decimal margin_size;
  model::MarginMode margin_mode = model::MarginMode::kCrossed;
  model::PositionSide hold_side = model::PositionSide::kLong;
  std::optional<model::PositionMode> pos_mode;
  core::Decimal total;
  core::Decimal available;
  core::Decimal frozen;
  std::optional<core::Decimal> open_price_avg;
  std::optional<core::Decimal> leverage;
  std::optional<core::Decimal> achieved_profits;
  std::optional<core::Decimal> unrealized_pl;
  std::optional<core::Decimal> liquidation_price;
  std::optional<core::Decimal> mark_price;
  std::optional<core::Decimal> total_fee;
  std::optional<core::Decimal> deducted_fee;
  core::Timestamp c_time;
  std::optional<core::Timestamp> u_time;
};

struct WsOrderRow {
  std::string symbol;  // instId
  std::string order_id;
  std::string client_oid;
  std::optional<core::Decimal> price;
  core::Decimal size;
  model::OrderType order_type = model::OrderType::kLimit;
  std::optional<model::TimeInForce> force;
  model::OrderSide side = model::OrderSide::kBuy;  // wire side (hedge mode: the leg)
  std::optional<model::PositionSide> pos_side;
  std::string trade_side;
  std::optional<model::MarginMode> margin_mode;
  std::string margin_coin;
  std::optional<core::Decimal> leverage;
  bool reduce_only = false;
  std::optional<model::PositionMode> pos_mode;
  std::string status;  // live, partially_filled, filled, canceled (cancelled)
  core::Decimal acc_base_volume;
  std::optional<core::Decimal> price_avg;
  std::vector<WsFeeDetail> fee_detail;
  std::string cancel_reason;
  // Set on pushes caused by a fill.
  std::string trade_id;
  std::optional<core::Decimal> fill_price;
  std::optional<core::Decimal> base_volume;  // this fill's size
  std::optional<core::Decimal> fill_fee;
  std::string fill_fee_coin;
  std::optional<core::Timestamp> fill_time;
  std::optional<model::LiquiditySide> trade_scope;
  std::optional<core::Decimal> pnl;
  core::Timestamp c_time;
  std::optional<core::Timestamp> u_time;
};

struct WsFillRow {
  std::string order_id;
  std::string trade_id;
  std::string symbol;
  std::optional<model::OrderType> order_type;
  model::OrderSide side = model::OrderSide::kBuy;  // wire side (hedge mode: the leg)
  core::Decimal price;
  core::Decimal base_volume;
  std::optional<core::Decimal> quote_volume;
  std::optional<core::Decimal> profit;
  std::string trade_side;
  std::optional<model::PositionMode> pos_mode;
  model::LiquiditySide trade_scope = model::LiquiditySide::kTaker;
  std::vector<WsFeeDetail> fee_detail;
  core::Timestamp c_time;
  std::optional<core::Timestamp> u_time;
};

// Channel pushes. Each checks that arg.channel is the expected one (candles: "candle<gran>";
// books: books, books1, books5, books15).
core::Status ParseWsTickers(std::string_view text, WsPush<model::Ticker>& out);
core::Status ParseWsCandles(std::string_view text, WsPush<model::Candle>& out);
// One books push (Bitget sends one data element); symbol/channel from arg.
core::Status ParseWsBooks(std::string_view text, model::BookDelta& out);
core::Status ParseWsTrades(std::string_view text, WsPush<WsTrade>& out);
core::Status ParseWsAccount(std::string_view text, WsPush<WsAccountRow>& out);
core::Status ParseWsPositions(std::string_view text, WsPush<WsPositionRow>& out);
core::Status ParseWsOrders(std::string_view text, WsPush<WsOrderRow>& out);
core::Status ParseWsFills(std::string_view text, WsPush<WsFillRow>& out);

}  // namespace bgt::bitget
