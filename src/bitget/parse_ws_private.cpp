// WebSocket private channels: account, positions, orders, fill (bitget-api.md §9.5).
#include <array>
#include <string>

#include "bitget/parse_ws.h"
#include "bitget/parse_ws_internal.h"

namespace bgt::bitget {
namespace {

using namespace wsparse;  // NOLINT(google-build-using-namespace): this folder's own helpers

// Field makers: F_<kind>(Row, "wireName", member, required).
#define F_DEC(Row, key, member, req)                                                        \
  Field<Row> {                                                                              \
    key, [](od::value v, const Ctx& c, Row& r) { return ReadDecimal(v, c, r.member); }, req \
  }
#define F_STR(Row, key, member, req)                                                       \
  Field<Row> {                                                                             \
    key, [](od::value v, const Ctx& c, Row& r) { return ReadString(v, c, r.member); }, req \
  }
#define F_ID(Row, key, member, req)                                                    \
  Field<Row> {                                                                         \
    key, [](od::value v, const Ctx& c, Row& r) { return ReadId(v, c, r.member); }, req \
  }
#define F_TIME(Row, key, member, req)                                                    \
  Field<Row> {                                                                           \
    key, [](od::value v, const Ctx& c, Row& r) { return ReadTime(v, c, r.member); }, req \
  }
#define F_BOOL(Row, key, member, req)                                                    \
  Field<Row> {                                                                           \
    key, [](od::value v, const Ctx& c, Row& r) { return ReadBool(v, c, r.member); }, req \
  }
#define F_ENUM(Row, key, member, parse, req)                                                    \
  Field<Row> {                                                                                  \
    key, [](od::value v, const Ctx& c, Row& r) { return ReadEnum(v, c, r.member, parse); }, req \
  }

// ---- account ----

constexpr std::array<Field<WsAccountRow>, 10> kAccountFields = {{
    F_STR(WsAccountRow, "marginCoin", margin_coin, true),
    F_DEC(WsAccountRow, "frozen", frozen, true),
    F_DEC(WsAccountRow, "available", available, true),
    F_DEC(WsAccountRow, "maxOpenPosAvailable", max_open_pos_available, false),
    F_DEC(WsAccountRow, "maxTransferOut", max_transfer_out, false),
    F_DEC(WsAccountRow, "equity", equity, true),
    F_DEC(WsAccountRow, "usdtEquity", usdt_equity, false),
    F_DEC(WsAccountRow, "crossedRiskRate", crossed_risk_rate, false),
    F_DEC(WsAccountRow, "unrealizedPL", unrealized_pl, false),
    F_STR(WsAccountRow, "assetsMode", assets_mode, false),
}};

// ---- positions ----

constexpr std::array<Field<WsPositionRow>, 20> kPositionFields = {{
    F_ID(WsPositionRow, "posId", pos_id, false),
    F_STR(WsPositionRow, "instId", symbol, true),
    F_STR(WsPositionRow, "marginCoin", margin_coin, false),
    F_DEC(WsPositionRow, "marginSize", margin_size, false),
    F_ENUM(WsPositionRow, "marginMode", margin_mode, model::ParseMarginMode, true),
    F_ENUM(WsPositionRow, "holdSide", hold_side, model::ParsePositionSide, true),
    F_ENUM(WsPositionRow, "posMode", pos_mode, model::ParsePositionMode, false),
    F_DEC(WsPositionRow, "total", total, true),
    F_DEC(WsPositionRow, "available", available, false),
    F_DEC(WsPositionRow, "frozen", frozen, false),
    F_DEC(WsPositionRow, "openPriceAvg", open_price_avg, false),
    F_DEC(WsPositionRow, "leverage", leverage, false),
    F_DEC(WsPositionRow, "achievedProfits", achieved_profits, false),
    F_DEC(WsPositionRow, "unrealizedPL", unrealized_pl, false),
    F_DEC(WsPositionRow, "liquidationPrice", liquidation_price, false),
    F_DEC(WsPositionRow, "markPrice", mark_price, false),
    F_DEC(WsPositionRow, "totalFee", total_fee, false),
    F_DEC(WsPositionRow, "deductedFee", deducted_fee, false),
    F_TIME(WsPositionRow, "cTime", c_time, true),
    F_TIME(WsPositionRow, "uTime", u_time, false),
}};

// ---- fee details ----

constexpr std::array<Field<WsFeeDetail>, 4> kOrderFeeFields = {{
    F_STR(WsFeeDetail, "feeCoin", fee_coin, false),
    F_DEC(WsFeeDetail, "fee", fee, true),
    F_DEC(WsFeeDetail, "totalDeductionFee", total_deduction_fee, false),
    Field<WsFeeDetail>{"deduction",
                       [](od::value v, const Ctx& c, WsFeeDetail& r) -> core::Status {
                         bool b = false;
                         BGT_RETURN_IF_ERROR(ReadBool(v, c, b));
                         r.deduction = b;
                         return core::Status::Ok();
                       },
                       false},
}};
constexpr std::array<Field<WsFeeDetail>, 4> kFillFeeFields = {{
    F_STR(WsFeeDetail, "feeCoin", fee_coin, false),
    F_DEC(WsFeeDetail, "totalFee", fee, true),
    F_DEC(WsFeeDetail, "totalDeductionFee", total_deduction_fee, false),
    kOrderFeeFields[3],
}};

template <std::size_t N>
core::Status ReadFees(od::value v, const Ctx& ctx, const std::array<Field<WsFeeDetail>, N>& fields,
                      std::vector<WsFeeDetail>& out) {
  out.clear();
  od::array array;
  if (v.get_array().get(array)) return Invalid(ctx, " is not an array");
  for (auto element : array) {
    od::value item;
    if (auto e = element.get(item)) return Malformed(ctx, e);
    if (out.size() >= 64) return Invalid(ctx, " has too many entries");
    BGT_RETURN_IF_ERROR(ReadObject(item, ctx, fields, out.emplace_back()));
  }
  return core::Status::Ok();
}

// ---- orders ----

constexpr std::array<Field<WsOrderRow>, 30> kOrderFields = {{
    F_STR(WsOrderRow, "instId", symbol, true),
    F_ID(WsOrderRow, "orderId", order_id, true),
    F_ID(WsOrderRow, "clientOid", client_oid, false),
    F_DEC(WsOrderRow, "price", price, false),
    F_DEC(WsOrderRow, "size", size, true),
    F_ENUM(WsOrderRow, "orderType", order_type, model::ParseOrderType, true),
    F_ENUM(WsOrderRow, "force", force, model::ParseTimeInForce, false),
    F_ENUM(WsOrderRow, "side", side, model::ParseOrderSide, true),
    F_ENUM(WsOrderRow, "posSide", pos_side, model::ParsePositionSide, false),
    F_STR(WsOrderRow, "tradeSide", trade_side, false),
    F_ENUM(WsOrderRow, "marginMode", margin_mode, model::ParseMarginMode, false),
    F_STR(WsOrderRow, "marginCoin", margin_coin, false),
    F_DEC(WsOrderRow, "leverage", leverage, false),
    F_BOOL(WsOrderRow, "reduceOnly", reduce_only, false),
    F_ENUM(WsOrderRow, "posMode", pos_mode, model::ParsePositionMode, false),
    F_STR(WsOrderRow, "status", status, true),
    F_DEC(WsOrderRow, "accBaseVolume", acc_base_volume, false),
    F_DEC(WsOrderRow, "priceAvg", price_avg, false),
    Field<WsOrderRow>{"feeDetail",
                      [](od::value v, const Ctx& c, WsOrderRow& r) {
                        return ReadFees(v, c, kOrderFeeFields, r.fee_detail);
                      },
                      false},
    F_STR(WsOrderRow, "cancelReason", cancel_reason, false),
    F_ID(WsOrderRow, "tradeId", trade_id, false),
    F_DEC(WsOrderRow, "fillPrice", fill_price, false),
    F_DEC(WsOrderRow, "baseVolume", base_volume, false),
    F_DEC(WsOrderRow, "fillFee", fill_fee, false),
    F_STR(WsOrderRow, "fillFeeCoin", fill_fee_coin, false),
    F_TIME(WsOrderRow, "fillTime", fill_time, false),
    F_ENUM(WsOrderRow, "tradeScope", trade_scope, model::ParseLiquiditySide, false),
    F_DEC(WsOrderRow, "pnl", pnl, false),
    F_TIME(WsOrderRow, "cTime", c_time, true),
    F_TIME(WsOrderRow, "uTime", u_time, false),
}};

// ---- fill ----

constexpr std::array<Field<WsFillRow>, 15> kFillFields = {{
    F_ID(WsFillRow, "orderId", order_id, true),
    F_ID(WsFillRow, "tradeId", trade_id, true),
    F_STR(WsFillRow, "symbol", symbol, true),
    F_ENUM(WsFillRow, "orderType", order_type, model::ParseOrderType, false),
    F_ENUM(WsFillRow, "side", side, model::ParseOrderSide, true),
    F_DEC(WsFillRow, "price", price, true),
    F_DEC(WsFillRow, "baseVolume", base_volume, true),
    F_DEC(WsFillRow, "quoteVolume", quote_volume, false),
    F_DEC(WsFillRow, "profit", profit, false),
    F_STR(WsFillRow, "tradeSide", trade_side, false),
    F_ENUM(WsFillRow, "posMode", pos_mode, model::ParsePositionMode, false),
    F_ENUM(WsFillRow, "tradeScope", trade_scope, model::ParseLiquiditySide, false),
    Field<WsFillRow>{"feeDetail",
                     [](od::value v, const Ctx& c, WsFillRow& r) {
                       return ReadFees(v, c, kFillFeeFields, r.fee_detail);
                     },
                     false},
    F_TIME(WsFillRow, "cTime", c_time, true),
    F_TIME(WsFillRow, "uTime", u_time, false),
}};

#undef F_DEC
#undef F_STR
#undef F_ID
#undef F_TIME
#undef F_BOOL
#undef F_ENUM

template <typename Row, std::size_t N>
core::Status ParseRows(std::string_view text, std::string_view what, std::string_view channel,
                       const std::array<Field<Row>, N>& fields, WsPush<Row>& out) {
  std::size_t count = 0;
  const core::Status read_status = ReadPush(
      text, what, out.header,
      [&](od::value item, const Ctx& ctx, std::size_t i) {
        return ReadObject(item, ctx, fields, RowAt(out.rows, i, [](Row& r) { r = Row{}; }));
      },
      count);
  if (!read_status.ok()) return read_status;
  out.rows.resize(count);
  return CheckChannel(what, out.header.arg, channel);
}

}  // namespace

core::Status ParseWsAccount(std::string_view text, WsPush<WsAccountRow>& out) {
  return ParseRows(text, "account push", "account", kAccountFields, out);
}
core::Status ParseWsPositions(std::string_view text, WsPush<WsPositionRow>& out) {
  return ParseRows(text, "positions push", "positions", kPositionFields, out);
}
core::Status ParseWsOrders(std::string_view text, WsPush<WsOrderRow>& out) {
  return ParseRows(text, "orders push", "orders", kOrderFields, out);
}
core::Status ParseWsFills(std::string_view text, WsPush<WsFillRow>& out) {
  return ParseRows(text, "fill push", "fill", kFillFields, out);
}

}  // namespace bgt::bitget
