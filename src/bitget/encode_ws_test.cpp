// The private WebSocket push rows: Bitget's field names and values (bitget-api.md §9.5), and
// the `fill` row equal to the REST fills row plus orderType and uTime.
#include "bitget/encode_ws.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "bitget/encode_responses.h"
#include "bitget/parse_ws.h"

namespace bgt::bitget {
namespace {

namespace json = boost::json;

core::Decimal D(std::string_view text) { return core::Decimal::Parse(text).value(); }
constexpr core::Timestamp kT0 = core::Timestamp::FromMillis(1'700'000'000'000);
constexpr core::Timestamp kT1 = core::Timestamp::FromMillis(1'700'000'000'250);

json::array Rows(const std::string& text) {
  const json::value v = json::parse(text);
  EXPECT_TRUE(v.is_array()) << text;
  return v.as_array();
}

std::string S(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  EXPECT_NE(v, nullptr) << key;
  if (v == nullptr || !v->is_string()) return "<not a string>";
  return std::string(v->as_string());
}

OrderInfo LimitBuy() {
  OrderInfo o;
  o.symbol = "BTCUSDT";
  o.size = D("0.01");
  o.order_id = "1001";
  o.client_oid = "cli-1";
  o.price = D("50000.5");
  o.status = OrderState::kLive;
  o.side = model::OrderSide::kBuy;
  o.force = model::TimeInForce::kGtc;
  o.pos_side = model::PositionSide::kNet;
  o.margin_coin = "USDT";
  o.leverage = D("10");
  o.margin_mode = model::MarginMode::kCrossed;
  o.enter_point_source = "API";
  o.trade_side = "buy_single";
  o.pos_mode = model::PositionMode::kOneWay;
  o.order_type = model::OrderType::kLimit;
  o.c_time = kT0;
  o.u_time = kT0;
  return o;
}

FillInfo FillOf(const OrderInfo& o) {
  FillInfo f;
  f.trade_id = "77";
  f.symbol = o.symbol;
  f.order_id = o.order_id;
  f.price = D("50000.5");
  f.base_volume = D("0.004");
  f.quote_volume = D("200.002");
  f.side = o.side;
  f.profit = D("0");
  f.enter_point_source = "API";
  f.trade_side = o.trade_side;
  f.pos_mode = o.pos_mode;
  f.trade_scope = model::LiquiditySide::kMaker;
  f.fee_detail.push_back(FeeDetail{false, "USDT", D("0"), D("-0.0400004")});
  f.margin_coin = "USDT";
  f.c_time = kT1;
  return f;
}

TEST(EncodeWs, LiveOrderRow) {
  const json::array rows = Rows(EncodeWsOrders({WsOrderPush{LimitBuy(), std::nullopt}}));
  ASSERT_EQ(rows.size(), 1u);
  const json::object& o = rows[0].as_object();
  EXPECT_EQ(S(o, "instId"), "BTCUSDT");
  EXPECT_EQ(S(o, "orderId"), "1001");
  EXPECT_EQ(S(o, "clientOid"), "cli-1");
  EXPECT_EQ(S(o, "price"), "50000.5");
  EXPECT_EQ(S(o, "size"), "0.01");
  EXPECT_EQ(S(o, "orderType"), "limit");
  EXPECT_EQ(S(o, "force"), "gtc");
  EXPECT_EQ(S(o, "side"), "buy");
  EXPECT_EQ(S(o, "posSide"), "net");
  EXPECT_EQ(S(o, "tradeSide"), "buy_single");
  EXPECT_EQ(S(o, "marginMode"), "crossed");
  EXPECT_EQ(S(o, "marginCoin"), "USDT");
  EXPECT_EQ(S(o, "leverage"), "10");
  EXPECT_EQ(S(o, "reduceOnly"), "no");
  EXPECT_EQ(S(o, "posMode"), "one_way_mode");
  EXPECT_EQ(S(o, "status"), "live");
  EXPECT_EQ(S(o, "accBaseVolume"), "0");
  EXPECT_EQ(S(o, "priceAvg"), "0");
  EXPECT_EQ(S(o, "notionalUsd"), "500.005");
  EXPECT_EQ(S(o, "enterPointSource"), "API");
  EXPECT_EQ(S(o, "cTime"), "1700000000000");
  EXPECT_EQ(S(o, "uTime"), "1700000000000");
  const json::array& fees = o.at("feeDetail").as_array();
  ASSERT_EQ(fees.size(), 1u);
  EXPECT_EQ(S(fees[0].as_object(), "feeCoin"), "USDT");
  EXPECT_EQ(S(fees[0].as_object(), "fee"), "0");
  EXPECT_EQ(o.if_contains("fillPrice"), nullptr);
  EXPECT_EQ(o.if_contains("tradeId"), nullptr);
}

TEST(EncodeWs, PartialFillOrderRowCarriesTheFill) {
  OrderInfo order = LimitBuy();
  order.status = OrderState::kPartiallyFilled;
  order.base_volume = D("0.004");
  order.price_avg = D("50000.5");
  order.fee = D("-0.0400004");
  order.reduce_only = true;
  order.u_time = kT1;
  const FillInfo fill = FillOf(order);
  const json::array rows = Rows(EncodeWsOrders({WsOrderPush{order, fill}}));
  ASSERT_EQ(rows.size(), 1u);
  const json::object& o = rows[0].as_object();
  EXPECT_EQ(S(o, "status"), "partially_filled");
  EXPECT_EQ(S(o, "accBaseVolume"), "0.004");
  EXPECT_EQ(S(o, "priceAvg"), "50000.5");
  EXPECT_EQ(S(o, "reduceOnly"), "yes");
  EXPECT_EQ(S(o, "fillPrice"), "50000.5");
  EXPECT_EQ(S(o, "tradeId"), "77");
  EXPECT_EQ(S(o, "baseVolume"), "0.004");
  EXPECT_EQ(S(o, "fillFee"), "-0.0400004");
  EXPECT_EQ(S(o, "fillFeeCoin"), "USDT");
  EXPECT_EQ(S(o, "fillNotionalUsd"), "200.002");
  EXPECT_EQ(S(o, "fillTime"), "1700000000250");
  EXPECT_EQ(S(o, "tradeScope"), "M");
  EXPECT_EQ(S(o, "pnl"), "0");
  EXPECT_EQ(S(o.at("feeDetail").as_array()[0].as_object(), "fee"), "-0.0400004");
  EXPECT_EQ(S(o, "uTime"), "1700000000250");
}

TEST(EncodeWs, MarketOrderHasNoLimitPrice) {
  OrderInfo order = LimitBuy();
  order.order_type = model::OrderType::kMarket;
  order.price.reset();
  order.quote_volume = D("100");
  const json::object o = Rows(EncodeWsOrders({{order, std::nullopt}}))[0].as_object();
  EXPECT_EQ(S(o, "price"), "0");
  EXPECT_EQ(S(o, "notionalUsd"), "100");
  EXPECT_EQ(S(o, "orderType"), "market");
}

TEST(EncodeWs, FillRowIsTheRestRowPlusOrderTypeAndUTime) {
  const FillInfo fill = FillOf(LimitBuy());
  const json::array rows = Rows(EncodeWsFills({WsFillPush{fill, model::OrderType::kLimit}}));
  ASSERT_EQ(rows.size(), 1u);
  json::object ws = rows[0].as_object();
  EXPECT_EQ(S(ws, "orderType"), "limit");
  EXPECT_EQ(S(ws, "uTime"), "1700000000250");
  EXPECT_EQ(S(ws, "tradeScope"), "maker");
  const json::array& fees = ws.at("feeDetail").as_array();
  ASSERT_EQ(fees.size(), 1u);
  EXPECT_EQ(S(fees[0].as_object(), "totalFee"), "-0.0400004");
  EXPECT_EQ(S(fees[0].as_object(), "deduction"), "no");
  ws.erase("orderType");
  ws.erase("uTime");
  const json::value rest = json::parse(EncodeFills(FillList{{fill}, "77"}, kT0));
  EXPECT_EQ(json::value(ws), rest.at("data").at("fillList").at(0));
}

TEST(EncodeWs, PositionsSnapshot) {
  EXPECT_EQ(EncodeWsPositions({}), "[]");
  PositionInfo p;
  p.margin_coin = "USDT";
  p.symbol = "ETHUSDT";
  p.hold_side = model::PositionSide::kShort;
  p.margin_size = D("300");
  p.available = D("1.5");
  p.locked = D("0.5");
  p.total = D("2");
  p.leverage = D("10");
  p.open_price_avg = D("1500");
  p.unrealized_pl = D("-15");
  p.mark_price = D("1507.5");
  p.margin_ratio = D("0.01");
  p.keep_margin_rate = D("0.005");
  p.deducted_fee = D("-1.8");
  p.total_fee = D("0");
  p.asset_mode = AssetMode::kSingle;
  p.auto_margin = "off";
  p.c_time = kT0;
  p.u_time = kT1;
  const json::array rows = Rows(EncodeWsPositions({WsPositionPush{p, "4294967297"}}));
  ASSERT_EQ(rows.size(), 1u);
  const json::object& o = rows[0].as_object();
  EXPECT_EQ(S(o, "posId"), "4294967297");
  EXPECT_EQ(S(o, "instId"), "ETHUSDT");
  EXPECT_EQ(S(o, "holdSide"), "short");
  EXPECT_EQ(S(o, "total"), "2");
  EXPECT_EQ(S(o, "available"), "1.5");
  EXPECT_EQ(S(o, "frozen"), "0.5");
  EXPECT_EQ(S(o, "marginSize"), "300");
  EXPECT_EQ(S(o, "openPriceAvg"), "1500");
  ASSERT_TRUE(o.at("leverage").is_int64());
  EXPECT_EQ(o.at("leverage").as_int64(), 10);
  EXPECT_EQ(S(o, "unrealizedPL"), "-15");
  EXPECT_EQ(S(o, "unrealizedPLR"), "-0.05");
  EXPECT_EQ(S(o, "marginRate"), "0.01");
  EXPECT_EQ(S(o, "keepMarginRate"), "0.005");
  EXPECT_EQ(S(o, "markPrice"), "1507.5");
  EXPECT_EQ(S(o, "deductedFee"), "-1.8");
  EXPECT_EQ(S(o, "marginMode"), "crossed");
  EXPECT_EQ(S(o, "posMode"), "one_way_mode");
  EXPECT_EQ(S(o, "assetMode"), "single");
  EXPECT_EQ(S(o, "autoMargin"), "off");
  EXPECT_EQ(S(o, "cTime"), "1700000000000");
  EXPECT_EQ(S(o, "uTime"), "1700000000250");
}

TEST(EncodeWs, AccountRow) {
  AccountInfo a;
  a.margin_coin = "USDT";
  a.locked = D("5.365815");
  a.available = D("26.14309528");
  a.crossed_max_available = D("20.77728028");
  a.max_transfer_out = D("20.77728028");
  a.account_equity = D("26.14309528");
  a.crossed_risk_rate = D("0");
  a.unrealized_pl = D("0");
  const json::array rows = Rows(EncodeWsAccount({a}));
  ASSERT_EQ(rows.size(), 1u);
  const json::object& o = rows[0].as_object();
  EXPECT_EQ(S(o, "marginCoin"), "USDT");
  EXPECT_EQ(S(o, "frozen"), "5.365815");
  EXPECT_EQ(S(o, "available"), "26.14309528");
  EXPECT_EQ(S(o, "maxOpenPosAvailable"), "20.77728028");
  EXPECT_EQ(S(o, "maxTransferOut"), "20.77728028");
  EXPECT_EQ(S(o, "equity"), "26.14309528");
  EXPECT_EQ(S(o, "usdtEquity"), "26.14309528");
  EXPECT_EQ(S(o, "crossedRiskRate"), "0");
  EXPECT_EQ(S(o, "unrealizedPL"), "0");
  EXPECT_EQ(S(o, "assetsMode"), "single");
}

TEST(EncodeWs, PlanRowUsesTheChannelsShortPlanType) {
  PlanOrderInfo p;
  p.plan_type = PlanType::kPosLoss;
  p.symbol = "BTCUSDT";
  p.order_id = "55";
  p.client_oid = "sl-1";
  p.trigger_price = D("45000");
  p.trigger_type = TriggerType::kMarkPrice;
  p.plan_status = "executed";
  p.side = model::OrderSide::kSell;
  p.pos_side = model::PositionSide::kLong;
  p.margin_coin = "USDT";
  p.order_type = model::OrderType::kMarket;
  p.c_time = kT0;
  p.u_time = kT1;
  const json::array rows = Rows(EncodeWsPlanOrders({WsPlanPush{p, kT1, D("0.01")}}));
  ASSERT_EQ(rows.size(), 1u);
  const json::object& o = rows[0].as_object();
  EXPECT_EQ(S(o, "instId"), "BTCUSDT");
  EXPECT_EQ(S(o, "orderId"), "55");
  EXPECT_EQ(S(o, "clientOid"), "sl-1");
  EXPECT_EQ(S(o, "planType"), "psl");
  EXPECT_EQ(S(o, "status"), "executed");
  EXPECT_EQ(S(o, "triggerPrice"), "45000");
  EXPECT_EQ(S(o, "triggerType"), "mark_price");
  EXPECT_EQ(S(o, "triggerTime"), "1700000000250");
  EXPECT_EQ(S(o, "actualSize"), "0.01");
  EXPECT_EQ(S(o, "size"), "");
  EXPECT_EQ(S(o, "side"), "sell");
  EXPECT_EQ(S(o, "posSide"), "long");
  EXPECT_EQ(S(o, "orderType"), "market");
  p.plan_type = PlanType::kNormalPlan;
  EXPECT_EQ(
      S(Rows(EncodeWsPlanOrders({{p, std::nullopt, std::nullopt}}))[0].as_object(), "planType"),
      "pl");
}

// A push frame around `data` as the emulator's gateway sends it.
std::string Frame(std::string_view channel, std::string_view data) {
  const std::string selector =
      channel == "account" ? R"("coin":"default")" : R"("instId":"default")";
  return R"({"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":")" +
         std::string(channel) + R"(",)" + selector + R"(},"data":)" + std::string(data) +
         R"(,"ts":1700000000300})";
}

// bgt's own WebSocket parsers read every row back with the encoded values.
TEST(EncodeWs, RowsParseWithBgtsWsParsers) {
  OrderInfo order = LimitBuy();
  order.status = OrderState::kFilled;
  order.base_volume = D("0.01");
  order.price_avg = D("50000.5");
  order.fee = D("-0.1");
  const FillInfo fill = FillOf(order);

  WsPush<WsOrderRow> orders;
  ASSERT_TRUE(ParseWsOrders(Frame("orders", EncodeWsOrders({{order, fill}})), orders).ok());
  ASSERT_EQ(orders.rows.size(), 1u);
  const WsOrderRow& o = orders.rows[0];
  EXPECT_EQ(o.symbol, "BTCUSDT");
  EXPECT_EQ(o.order_id, "1001");
  EXPECT_EQ(o.client_oid, "cli-1");
  EXPECT_EQ(o.status, "filled");
  EXPECT_EQ(o.acc_base_volume, D("0.01"));
  EXPECT_EQ(o.price_avg, D("50000.5"));
  EXPECT_EQ(o.fill_fee, D("-0.0400004"));
  EXPECT_EQ(o.base_volume, D("0.004"));
  EXPECT_EQ(o.trade_id, "77");
  EXPECT_EQ(o.trade_scope, model::LiquiditySide::kMaker);
  ASSERT_EQ(o.fee_detail.size(), 1u);
  EXPECT_EQ(o.fee_detail[0].fee, D("-0.1"));
  EXPECT_EQ(o.c_time, kT0);

  WsPush<WsFillRow> fills;
  ASSERT_TRUE(
      ParseWsFills(Frame("fill", EncodeWsFills({{fill, model::OrderType::kLimit}})), fills).ok());
  ASSERT_EQ(fills.rows.size(), 1u);
  EXPECT_EQ(fills.rows[0].trade_id, "77");
  EXPECT_EQ(fills.rows[0].base_volume, D("0.004"));
  EXPECT_EQ(fills.rows[0].order_type, model::OrderType::kLimit);
  ASSERT_EQ(fills.rows[0].fee_detail.size(), 1u);
  EXPECT_EQ(fills.rows[0].fee_detail[0].fee, D("-0.0400004"));

  PositionInfo p;
  p.margin_coin = "USDT";
  p.symbol = "BTCUSDT";
  p.hold_side = model::PositionSide::kLong;
  p.total = D("0.01");
  p.available = D("0.01");
  p.leverage = D("20");
  p.margin_size = D("25");
  p.c_time = kT0;
  WsPush<WsPositionRow> positions;
  ASSERT_TRUE(ParseWsPositions(Frame("positions", EncodeWsPositions({{p, "9"}})), positions).ok());
  ASSERT_EQ(positions.rows.size(), 1u);
  EXPECT_EQ(positions.rows[0].pos_id, "9");
  EXPECT_EQ(positions.rows[0].total, D("0.01"));
  EXPECT_EQ(positions.rows[0].leverage, D("20"));
  ASSERT_TRUE(ParseWsPositions(Frame("positions", EncodeWsPositions({})), positions).ok());
  EXPECT_TRUE(positions.rows.empty());

  AccountInfo a;
  a.margin_coin = "USDT";
  a.locked = D("1");
  a.available = D("99");
  a.account_equity = D("100");
  WsPush<WsAccountRow> account;
  ASSERT_TRUE(ParseWsAccount(Frame("account", EncodeWsAccount({a})), account).ok());
  ASSERT_EQ(account.rows.size(), 1u);
  EXPECT_EQ(account.rows[0].equity, D("100"));
  EXPECT_EQ(account.rows[0].frozen, D("1"));
}

}  // namespace
}  // namespace bgt::bitget
