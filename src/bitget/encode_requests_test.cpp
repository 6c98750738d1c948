#include "bitget/encode_requests.h"
#include "bitget/encode_test_util.h"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>

#include "bitget/credential.h"
#include "core/secret.h"
#include "model/contract_rows_testdata.h"
#include "model/instrument.h"

namespace bgt::bitget {
namespace {

using core::Decimal;
using core::ErrorCode;
using core::Timestamp;
using model::PositionMode;
using model::PositionSide;

using test_util::BodyOf;
using test_util::D;
using test_util::ExpectInvalid;
using test_util::MustEncode;

PlaceOrderRequest LimitBuy() {
  PlaceOrderRequest r;
  r.symbol = "BTCUSDT";
  r.size = D("0.001");
  r.price = D("25000");
  r.client_oid = "test-1";
  return r;
}

EncodeContext WithInstrument(const model::Instrument& instrument) {
  EncodeContext context;
  context.instrument = &instrument;
  return context;
}

// ----------------------------------------------------------------------------- wire enums

TEST(EncodeEnumsTest, WireSpellings) {
  EXPECT_EQ(ToString(CandleKind::kMarket), "MARKET");
  EXPECT_EQ(ToString(CandleKind::kMark), "MARK");
  EXPECT_EQ(ToString(CandleKind::kIndex), "INDEX");
  EXPECT_EQ(ToString(DepthPrecision::kScale0), "scale0");
  EXPECT_EQ(ToString(DepthPrecision::kScale3), "scale3");
  EXPECT_EQ(ToString(DepthLimit::k1), "1");
  EXPECT_EQ(ToString(DepthLimit::k15), "15");
  EXPECT_EQ(ToString(DepthLimit::kMax), "max");
  EXPECT_EQ(ToString(PendingStatus::kPartiallyFilled), "partially_filled");
  EXPECT_EQ(ToString(StpMode::kCancelBoth), "cancel_both");
  EXPECT_EQ(ToString(StpMode::kNone), "none");
  EXPECT_EQ(ToString(PlanType::kMovingPlan), "moving_plan");
  EXPECT_EQ(ToString(PlanType::kPosLoss), "pos_loss");
  EXPECT_EQ(ToString(PlanType::kProfitLoss), "profit_loss");
  EXPECT_EQ(ToString(TriggerType::kFillPrice), "fill_price");
}

// ----------------------------------------------------------------------------- context

TEST(EncodeContextTest, RefusesOtherProductTypesAndBadMarginCoins) {
  EncodeContext coin_futures;
  coin_futures.product_type = "COIN-FUTURES";
  ExpectInvalid(TickersQuery{}, "TickersQuery.context.product_type: ", coin_futures);
  ExpectInvalid(LimitBuy(), "PlaceOrderRequest.context.product_type: ", coin_futures);
  EncodeContext no_coin;
  no_coin.margin_coin = "";
  ExpectInvalid(AccountsQuery{}, "AccountsQuery.context.margin_coin: required", no_coin);
  EncodeContext lower_coin;
  lower_coin.margin_coin = "usdt";
  ExpectInvalid(ServerTimeQuery{}, "ServerTimeQuery.context.margin_coin: ", lower_coin);
}

TEST(EncodeContextTest, OldDemoProductTypeAndMarginCoin) {
  EncodeContext demo;
  demo.product_type = std::string(kDemoUsdtFutures);
  demo.margin_coin = "SUSDT";
  PlaceOrderRequest r = LimitBuy();
  r.symbol = "SBTCSUSDT";
  const boost::json::object body = BodyOf(MustEncode(r, demo));
  EXPECT_EQ(body.at("productType"), "SUSDT-FUTURES");
  EXPECT_EQ(body.at("marginCoin"), "SUSDT");
  EXPECT_EQ(MustEncode(ContractsQuery{}, demo).Target(),
            "/api/v2/mix/market/contracts?productType=SUSDT-FUTURES");
}

// ----------------------------------------------------------------------------- market data

TEST(EncodeMarketTest, ServerTimeHasNoParameters) {
  const EncodedRequest r = MustEncode(ServerTimeQuery{});
  EXPECT_EQ(r.endpoint, Endpoint::kServerTime);
  EXPECT_EQ(r.Target(), "/api/v2/public/time");
  EXPECT_TRUE(r.body.empty());
}

TEST(EncodeMarketTest, ContractsAllOrOne) {
  EXPECT_EQ(MustEncode(ContractsQuery{}).Target(),
            "/api/v2/mix/market/contracts?productType=USDT-FUTURES");
  EXPECT_EQ(MustEncode(ContractsQuery{"ETHUSDT"}).Target(),
            "/api/v2/mix/market/contracts?productType=USDT-FUTURES&symbol=ETHUSDT");
  ExpectInvalid(ContractsQuery{"eth-usdt"}, "ContractsQuery.symbol: ");
}

TEST(EncodeMarketTest, TickerAndTickers) {
  EXPECT_EQ(MustEncode(TickerQuery{"BTCUSDT"}).Target(),
            "/api/v2/mix/market/ticker?productType=USDT-FUTURES&symbol=BTCUSDT");
  EXPECT_EQ(MustEncode(TickersQuery{}).Target(),
            "/api/v2/mix/market/tickers?productType=USDT-FUTURES");
  ExpectInvalid(TickerQuery{}, "TickerQuery.symbol: required");
  ExpectInvalid(TickerQuery{"btcusdt"}, "TickerQuery.symbol: ");
  ExpectInvalid(TickerQuery{std::string(33, 'A')}, "TickerQuery.symbol: ");
  ExpectInvalid(TickerQuery{"BTC&USDT"}, "TickerQuery.symbol: ");
}

TEST(EncodeMarketTest, RecentCandles) {
  CandlesQuery q;
  q.symbol = "BTCUSDT";
  q.granularity = model::Granularity::k1H;
  q.limit = 100;
  EXPECT_EQ(MustEncode(q).Target(),
            "/api/v2/mix/market/candles?granularity=1H&limit=100&productType=USDT-FUTURES&"
            "symbol=BTCUSDT");
  q.kind = CandleKind::kMark;
  q.granularity = model::Granularity::k1Dutc;
  q.start = Timestamp::FromMillis(1700000000000);
  q.end = Timestamp::FromMillis(1700086400000) + std::chrono::microseconds(999);
  q.limit = 1000;
  EXPECT_EQ(MustEncode(q).Target(),
            "/api/v2/mix/market/candles?endTime=1700086400000&granularity=1Dutc&kLineType=MARK&"
            "limit=1000&productType=USDT-FUTURES&startTime=1700000000000&symbol=BTCUSDT");
  q.kind = CandleKind::kIndex;
  EXPECT_NE(MustEncode(q).Target().find("kLineType=INDEX"), std::string::npos);
}

TEST(EncodeMarketTest, HistoryCandlesPickTheSeriesEndpoint) {
  CandlesQuery q;
  q.symbol = "ETHUSDT";
  q.granularity = model::Granularity::k15m;
  q.history = true;
  q.limit = 200;
  EXPECT_EQ(MustEncode(q).endpoint, Endpoint::kHistoryCandles);
  q.kind = CandleKind::kMark;
  EXPECT_EQ(MustEncode(q).endpoint, Endpoint::kHistoryMarkCandles);
  q.kind = CandleKind::kIndex;
  const EncodedRequest index = MustEncode(q);
  EXPECT_EQ(index.endpoint, Endpoint::kHistoryIndexCandles);
  // The series is the endpoint: no kLineType on history requests.
  EXPECT_EQ(index.Target(),
            "/api/v2/mix/market/history-index-candles?granularity=15m&limit=200&"
            "productType=USDT-FUTURES&symbol=ETHUSDT");
}

TEST(EncodeMarketTest, CandleErrors) {
  CandlesQuery q;
  q.symbol = "BTCUSDT";
  q.limit = 1001;
  ExpectInvalid(q, "CandlesQuery.limit: 1001 is outside 1..1000");
  q.limit = 0;
  ExpectInvalid(q, "CandlesQuery.limit: ");
  q.limit = 201;
  q.history = true;
  ExpectInvalid(q, "CandlesQuery.limit: 201 is outside 1..200");
  q.limit = 200;
  q.start = Timestamp::FromMillis(1700000000001);
  q.end = Timestamp::FromMillis(1700000000000);
  ExpectInvalid(q, "CandlesQuery.start: ");
  q.start = Timestamp::FromMillis(-1);
  ExpectInvalid(q, "CandlesQuery.start: before the epoch");
  q.start.reset();
  q.end = Timestamp::FromMillis(-5);
  ExpectInvalid(q, "CandlesQuery.end: before the epoch");
  q.end.reset();
  q.symbol.clear();
  ExpectInvalid(q, "CandlesQuery.symbol: required");
}

TEST(EncodeMarketTest, MergeDepth) {
  DepthQuery q{"BTCUSDT", DepthPrecision::kScale2, DepthLimit::kMax};
  EXPECT_EQ(MustEncode(q).Target(),
            "/api/v2/mix/market/merge-depth?limit=max&precision=scale2&productType=USDT-FUTURES&"
            "symbol=BTCUSDT");
  EXPECT_EQ(MustEncode(DepthQuery{"BTCUSDT", {}, DepthLimit::k5}).Target(),
            "/api/v2/mix/market/merge-depth?limit=5&productType=USDT-FUTURES&symbol=BTCUSDT");
  ExpectInvalid(DepthQuery{}, "DepthQuery.symbol: required");
}

TEST(EncodeMarketTest, OpenInterestAndFunding) {
  EXPECT_EQ(MustEncode(OpenInterestQuery{"BTCUSDT"}).Target(),
            "/api/v2/mix/market/open-interest?productType=USDT-FUTURES&symbol=BTCUSDT");
  ExpectInvalid(OpenInterestQuery{}, "OpenInterestQuery.symbol: required");
  EXPECT_EQ(MustEncode(FundingRateQuery{}).Target(),
            "/api/v2/mix/market/current-fund-rate?productType=USDT-FUTURES");
  EXPECT_EQ(MustEncode(FundingRateQuery{"BTCUSDT"}).Target(),
            "/api/v2/mix/market/current-fund-rate?productType=USDT-FUTURES&symbol=BTCUSDT");
  EXPECT_EQ(MustEncode(FundingHistoryQuery{"BTCUSDT", 100, 3}).Target(),
            "/api/v2/mix/market/history-fund-rate?pageNo=3&pageSize=100&"
            "productType=USDT-FUTURES&symbol=BTCUSDT");
  ExpectInvalid(FundingHistoryQuery{"BTCUSDT", 101, {}}, "FundingHistoryQuery.page_size: ");
  ExpectInvalid(FundingHistoryQuery{"BTCUSDT", 0, {}}, "FundingHistoryQuery.page_size: ");
  ExpectInvalid(FundingHistoryQuery{"BTCUSDT", {}, 0}, "FundingHistoryQuery.page_no: ");
  ExpectInvalid(FundingHistoryQuery{}, "FundingHistoryQuery.symbol: required");
}

// ----------------------------------------------------------------------------- account

TEST(EncodeAccountTest, AccountReproducesTheDocumentedSignature) {
  // bitget-api.md §4.2: GET account, secret "testsecret", ts 1700000000000.
  const EncodedRequest r = MustEncode(AccountQuery{"BTCUSDT", ""});
  EXPECT_EQ(r.Target(),
            "/api/v2/mix/account/account?marginCoin=USDT&productType=USDT-FUTURES&symbol=BTCUSDT");
  EXPECT_EQ(SignRest("1700000000000", "GET", SpecOf(r.endpoint).path, r.QueryString(), r.body,
                     core::Secret("testsecret")),
            "F81/psY+b4KuAtr3VUXPd/03PpSCTtD4BX8+0Aws9fU=");
}

TEST(EncodeAccountTest, AccountMarginCoinOverrideAndErrors) {
  EXPECT_NE(MustEncode(AccountQuery{"BTCUSDC", "USDC"}).Target().find("marginCoin=USDC"),
            std::string::npos);
  ExpectInvalid(AccountQuery{"BTCUSDT", "us dt"}, "AccountQuery.margin_coin: ");
  ExpectInvalid(AccountQuery{"", "USDT"}, "AccountQuery.symbol: required");
  EXPECT_EQ(MustEncode(AccountsQuery{}).Target(),
            "/api/v2/mix/account/accounts?productType=USDT-FUTURES");
}

TEST(EncodeAccountTest, SetLeverage) {
  SetLeverageRequest r;
  r.symbol = "BTCUSDT";
  r.leverage = 10;
  EncodedRequest e = MustEncode(r);
  EXPECT_EQ(e.endpoint, Endpoint::kSetLeverage);
  EXPECT_TRUE(e.query.empty());
  EXPECT_EQ(
      e.body,
      R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginCoin":"USDT","leverage":"10"})");
  r.leverage.reset();
  r.long_leverage = 5;
  r.short_leverage = 1000;
  r.hold_side = PositionSide::kShort;
  EXPECT_EQ(MustEncode(r).body,
            R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginCoin":"USDT",)"
            R"("longLeverage":"5","shortLeverage":"1000","holdSide":"short"})");
}

TEST(EncodeAccountTest, SetLeverageErrors) {
  SetLeverageRequest r;
  r.symbol = "BTCUSDT";
  ExpectInvalid(r, "SetLeverageRequest.leverage: required");
  r.leverage = 0;
  ExpectInvalid(r, "SetLeverageRequest.leverage: 0 is outside 1..1000");
  r.leverage = 1001;
  ExpectInvalid(r, "SetLeverageRequest.leverage: 1001 is outside 1..1000");
  r.leverage = 10;
  r.long_leverage = -1;
  ExpectInvalid(r, "SetLeverageRequest.long_leverage: ");
  r.long_leverage.reset();
  r.short_leverage = 2000;
  ExpectInvalid(r, "SetLeverageRequest.short_leverage: ");
  r.short_leverage.reset();
  r.hold_side = PositionSide::kNet;
  ExpectInvalid(r, "SetLeverageRequest.hold_side: ");
  r.hold_side.reset();
  r.symbol.clear();
  ExpectInvalid(r, "SetLeverageRequest.symbol: required");
}

TEST(EncodeAccountTest, SetLeverageWithinTheInstrumentLimits) {
  const model::Instrument btc = model::testdata::MustBuild(model::testdata::BtcUsdtRow());
  SetLeverageRequest r;
  r.symbol = "BTCUSDT";
  r.leverage = btc.max_leverage();
  EXPECT_TRUE(Encode(r, WithInstrument(btc)).has_value());
  r.leverage = btc.max_leverage() + 1;
  ExpectInvalid(r, "SetLeverageRequest.leverage: ", WithInstrument(btc));
  r.symbol = "ETHUSDT";
  r.leverage = 2;
  ExpectInvalid(r, "SetLeverageRequest.symbol: ", WithInstrument(btc));
}

TEST(EncodeAccountTest, MarginAndPositionMode) {
  SetMarginModeRequest m{"BTCUSDT", "", model::MarginMode::kIsolated};
  EXPECT_EQ(MustEncode(m).body,
            R"({"symbol":"BTCUSDT","productType":"USDT-FUTURES","marginCoin":"USDT",)"
            R"("marginMode":"isolated"})");
  ExpectInvalid(SetMarginModeRequest{}, "SetMarginModeRequest.symbol: required");
  EXPECT_EQ(MustEncode(SetPositionModeRequest{PositionMode::kHedge}).body,
            R"({"productType":"USDT-FUTURES","posMode":"hedge_mode"})");
  EXPECT_EQ(MustEncode(SetPositionModeRequest{PositionMode::kOneWay}).body,
            R"({"productType":"USDT-FUTURES","posMode":"one_way_mode"})");
}

TEST(EncodeAccountTest, Positions) {
  EXPECT_EQ(MustEncode(AllPositionQuery{}).Target(),
            "/api/v2/mix/position/all-position?marginCoin=USDT&productType=USDT-FUTURES");
  EXPECT_EQ(MustEncode(SinglePositionQuery{"ETHUSDT", ""}).Target(),
            "/api/v2/mix/position/single-position?marginCoin=USDT&productType=USDT-FUTURES&"
            "symbol=ETHUSDT");
  ExpectInvalid(SinglePositionQuery{}, "SinglePositionQuery.symbol: required");
  ExpectInvalid(AllPositionQuery{"U$DT"}, "AllPositionQuery.margin_coin: ");
}

}  // namespace
}  // namespace bgt::bitget
