// Cross-checks bgt's request encoders against ccxt. tests/oracles/ccxt_requests.js performs,
// offline, the ccxt unified call matching each request bgt makes (fetch replaced by a recorder,
// markets from tests/fixtures/bitget/contracts.json) and prints what ccxt sent. For each call this
// test builds the same intent with bgt's typed requests and asserts the same method, the same path
// and the same parameters, except for the deliberate differences listed with the case (and checked
// to be exactly that). Then it hands bgt's own bytes to ccxt's sign(): ccxt must send them
// unchanged and sign them exactly as bgt's SignRest does. A missing node or ccxt is a failure, not
// a skip: scripts/install-deps installs both.
//
// Deliberate differences (each asserted where it occurs):
//   force      bgt "gtc"/"ioc"/"fok", ccxt "GTC"/"IOC"/"FOK" (Bitget's canonical case; the venue
//              parses either);
//   tradeSide  bgt "open"/"close", ccxt "Open"/"Close" (same);
//   kLineType  bgt "MARK", ccxt "mark" (same);
//   place-tpsl-order pos_profit / pos_loss: ccxt also sends size, orderType and force, which a
//              whole-position plan does not take; bgt leaves them out;
//   with an Instrument in the EncodeContext, bgt prints prices and sizes with exactly pricePlace
//              / volumePlace decimals ("25000.0", "0.0020"), ccxt trims them ("25000", "0.002").
// Parameter order is not compared: bgt sorts every query (ccxt only signed ones) and orders JSON
// keys as Bitget's docs do. cancel-all-orders has no case: ccxt's cancelAllOrders sends
// batch-cancel-orders (covered) instead.

#include <gtest/gtest.h>
#include <unistd.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bitget/credential.h"
#include "bitget/encode_requests.h"
#include "core/secret.h"
#include "model/contract_rows_testdata.h"
#include "model/instrument.h"
#include "tests/support/node_runner.h"

namespace bgt::bitget {
namespace {

using core::Decimal;
using core::Timestamp;
using model::OrderSide;
using model::OrderType;
using model::PositionMode;
using model::PositionSide;
using model::TimeInForce;

// The oracle's fixed clock (kNow in ccxt_requests.js).
constexpr std::int64_t kNowMs = 1782983994798;
constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kHourMs = 60 * kMinuteMs;
constexpr std::int64_t kDayMs = 24 * kHourMs;
constexpr const char* kSecret = "oracle-requests-secret-0123456789";

// ------------------------------------------------------------------------------ running node

struct OracleLines {
  std::string failure;  // empty on success
  std::vector<boost::json::object> lines;
};

OracleLines RunOracle(const std::vector<std::string>& args) {
  OracleLines run;
  const test_support::NodeRun node =
      test_support::RunNodeScript("tests/oracles/ccxt_requests.js", args);
  if (!node.failure.empty()) {
    run.failure = node.failure;
    return run;
  }
  if (node.exit_code != 0) {
    run.failure = "oracle ccxt_requests.js failed with status " + std::to_string(node.exit_code) +
                  "; see stderr above";
    return run;
  }
  const std::string& output = node.output;
  std::size_t start = 0;
  while (start < output.size()) {
    std::size_t end = output.find('\n', start);
    if (end == std::string::npos) end = output.size();
    const std::string line = output.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    boost::system::error_code error;
    boost::json::value value = boost::json::parse(line, error);
    if (error || !value.is_object()) {
      run.failure = "oracle printed a line that is not a JSON object: " + line;
      return run;
    }
    run.lines.push_back(std::move(value).as_object());
  }
  return run;
}

// The capture run happens once per test binary (node + ccxt load takes about a second).
const OracleLines& Captured() {
  static const OracleLines run = RunOracle({});
  return run;
}

// ------------------------------------------------------------------------------ the cases

// A deliberate difference in one parameter; nullopt = that side does not send the key.
struct Difference {
  std::string key;
  std::optional<std::string> ccxt;
  std::optional<std::string> bgt;
};

// Same value, different case: bgt sends Bitget's canonical lower/upper case, ccxt its own.
// Bitget parses these enums case-insensitively (bitget-api.md §1.4, §5.3).
Difference CaseOnly(std::string key, std::string ccxt, std::string bgt) {
  return {std::move(key), std::move(ccxt), std::move(bgt)};
}
// ccxt sends a key Bitget does not read for this request; bgt leaves it out.
Difference CcxtOnly(std::string key, std::string ccxt) {
  return {std::move(key), std::move(ccxt), std::nullopt};
}

struct Case {
  std::string name;  // the oracle line's name
  // Encodes the case's request; with `instrument` (BTCUSDT), prices and sizes are printed with
  // its pricePlace / volumePlace decimals.
  std::function<core::Result<EncodedRequest>(const model::Instrument* instrument)> encode;
  std::vector<Difference> differences;
};

Decimal D(std::string_view text) { return Decimal::Parse(text).value(); }
Timestamp Ms(std::int64_t ms) { return Timestamp::FromMillis(ms); }

PlaceOrderRequest Order(OrderSide direction, OrderType type, std::string_view size,
                        std::optional<std::string_view> price, std::string client_oid) {
  PlaceOrderRequest r;
  r.symbol = "BTCUSDT";
  r.direction = direction;
  r.order_type = type;
  r.size = D(size);
  if (price) r.price = D(*price);
  r.client_oid = std::move(client_oid);
  return r;
}

PlaceOrderRequest HedgeOrder(OrderSide direction, PositionSide leg, OrderType type,
                             std::optional<std::string_view> price, std::string client_oid) {
  PlaceOrderRequest r = Order(direction, type, "0.002", price, std::move(client_oid));
  r.position_mode = PositionMode::kHedge;
  r.leg = leg;
  r.reduce_only = !model::IsOpeningTrade(direction, leg);
  return r;
}

CandlesQuery Candles(model::Granularity granularity, int limit, CandleKind kind, bool history,
                     std::optional<std::int64_t> start_ms, std::int64_t bar_ms) {
  CandlesQuery q;
  q.symbol = "BTCUSDT";
  q.granularity = granularity;
  q.limit = limit;
  q.kind = kind;
  q.history = history;
  if (start_ms) {
    q.start = Ms(*start_ms);
    q.end = Ms(*start_ms + limit * bar_ms);  // ccxt: since + limit bars
  }
  return q;
}

PlaceTpslRequest Tpsl(PlanType plan, std::string_view trigger, PositionSide position,
                      PositionMode mode) {
  PlaceTpslRequest r;
  r.symbol = "BTCUSDT";
  r.plan_type = plan;
  r.trigger_price = D(trigger);
  r.trigger_type = TriggerType::kMarkPrice;  // ccxt's default triggerType
  r.position = position;
  r.position_mode = mode;
  return r;
}

std::vector<Case> Cases() {
  std::vector<Case> cases;
  const auto add = [&cases](std::string name, auto request, std::vector<Difference> differences,
                            EncodeContext context = {}) {
    cases.push_back({std::move(name),
                     [request, context](const model::Instrument* instrument) {
                       EncodeContext with = context;
                       with.instrument = instrument;
                       return Encode(request, with);
                     },
                     std::move(differences)});
  };
  EncodeContext demo;
  demo.product_type = std::string(kDemoUsdtFutures);
  demo.margin_coin = "SUSDT";
  const auto force = [](std::string ccxt) {
    std::string bgt = ccxt;
    for (char& c : bgt) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return CaseOnly("force", std::move(ccxt), std::move(bgt));
  };
  const Difference open = CaseOnly("tradeSide", "Open", "open");
  const Difference close = CaseOnly("tradeSide", "Close", "close");
  // place-tpsl-order pos_profit / pos_loss act on the whole position: Bitget takes no size
  // there (bitget-api-more.md §4.3); ccxt still sends size, orderType and force.
  const auto whole_position = [](std::string order_type) {
    return std::vector<Difference>{CcxtOnly("orderType", std::move(order_type)),
                                   CcxtOnly("force", "GTC"), CcxtOnly("size", "0.002")};
  };
  constexpr std::int64_t kOld = kNowMs - 200 * kDayMs;

  add("fetchTime", ServerTimeQuery{}, {});
  add("fetchMarkets", ContractsQuery{}, {});
  add("fetchMarkets:SUSDT-FUTURES", ContractsQuery{}, {}, demo);
  add("fetchTicker", TickerQuery{"BTCUSDT"}, {});
  add("fetchTickers", TickersQuery{}, {});
  using G = model::Granularity;
  add("fetchOHLCV:recent", Candles(G::k1H, 100, CandleKind::kMarket, false, {}, kHourMs), {});
  add("fetchOHLCV:old", Candles(G::k1H, 100, CandleKind::kMarket, true, kOld, kHourMs), {});
  add("fetchOHLCV:mark", Candles(G::k4H, 500, CandleKind::kMark, false, {}, 4 * kHourMs),
      {CaseOnly("kLineType", "mark", "MARK")});
  add("fetchOHLCV:mark-old", Candles(G::k1H, 100, CandleKind::kMark, true, kOld, kHourMs), {});
  add("fetchOHLCV:index-old",
      Candles(G::k15m, 50, CandleKind::kIndex, true, kNowMs - 100 * kDayMs, 15 * kMinuteMs), {});
  add("fetchOrderBook", DepthQuery{"BTCUSDT", {}, DepthLimit::k5}, {});
  add("fetchOpenInterest", OpenInterestQuery{"BTCUSDT"}, {});
  add("fetchFundingRate", FundingRateQuery{"BTCUSDT"}, {});
  add("fetchFundingRateHistory", FundingHistoryQuery{"BTCUSDT", 50, {}}, {});
  add("fetchBalance", AccountsQuery{}, {});
  add("fetchLeverage", AccountQuery{"BTCUSDT", ""}, {});
  add("fetchMarginMode", AccountQuery{"BTCUSDT", ""}, {});
  add("setLeverage", SetLeverageRequest{"BTCUSDT", "", 10, {}, {}, {}}, {});
  add("setLeverage:holdSide", SetLeverageRequest{"BTCUSDT", "", 5, {}, {}, PositionSide::kLong},
      {});
  add("setMarginMode:isolated", SetMarginModeRequest{"BTCUSDT", "", model::MarginMode::kIsolated},
      {});
  add("setMarginMode:cross", SetMarginModeRequest{"BTCUSDT", "", model::MarginMode::kCrossed}, {});
  add("setPositionMode:hedge", SetPositionModeRequest{PositionMode::kHedge}, {});
  add("setPositionMode:one-way", SetPositionModeRequest{PositionMode::kOneWay}, {});

  add("createOrder:limit", Order(OrderSide::kBuy, OrderType::kLimit, "0.001", "25000", "bgt-o-1"),
      {force("GTC")});
  PlaceOrderRequest market = Order(OrderSide::kSell, OrderType::kMarket, "0.002", {}, "bgt-o-2");
  market.margin_mode = model::MarginMode::kIsolated;
  add("createOrder:market", market, {force("GTC")});
  PlaceOrderRequest post_only =
      Order(OrderSide::kSell, OrderType::kLimit, "0.002", "26000.5", "bgt-o-3");
  post_only.time_in_force = TimeInForce::kPostOnly;
  add("createOrder:post_only", post_only, {});
  PlaceOrderRequest ioc = Order(OrderSide::kBuy, OrderType::kLimit, "0.002", "26000", "bgt-o-4");
  ioc.time_in_force = TimeInForce::kIoc;
  add("createOrder:ioc", ioc, {force("IOC")});
  PlaceOrderRequest fok = Order(OrderSide::kBuy, OrderType::kLimit, "0.002", "26000", "bgt-o-5");
  fok.time_in_force = TimeInForce::kFok;
  add("createOrder:fok", fok, {force("FOK")});
  PlaceOrderRequest reduce = Order(OrderSide::kSell, OrderType::kMarket, "0.002", {}, "bgt-o-6");
  reduce.reduce_only = true;
  add("createOrder:reduceOnly", reduce, {force("GTC")});
  add("createOrder:hedged-open-long",
      HedgeOrder(OrderSide::kBuy, PositionSide::kLong, OrderType::kMarket, {}, "bgt-o-7"),
      {force("GTC"), open});
  add("createOrder:hedged-open-short",
      HedgeOrder(OrderSide::kSell, PositionSide::kShort, OrderType::kLimit, "27000", "bgt-o-8"),
      {force("GTC"), open});
  add("createOrder:hedged-close-long",
      HedgeOrder(OrderSide::kSell, PositionSide::kLong, OrderType::kMarket, {}, "bgt-o-9"),
      {force("GTC"), close});
  add("createOrder:hedged-close-short",
      HedgeOrder(OrderSide::kBuy, PositionSide::kShort, OrderType::kMarket, {}, "bgt-o-10"),
      {force("GTC"), close});
  PlaceOrderRequest tp_sl = Order(OrderSide::kBuy, OrderType::kLimit, "0.002", "25000", "bgt-o-11");
  tp_sl.take_profit_trigger_price = D("27000");
  tp_sl.take_profit_execute_price = D("26900");
  tp_sl.stop_loss_trigger_price = D("24000");
  add("createOrder:tp-sl", tp_sl, {force("GTC")});

  add("cancelOrder:id", CancelOrderRequest{"BTCUSDT", "1112196299005526018", ""}, {});
  add("cancelOrder:clientOrderId", CancelOrderRequest{"BTCUSDT", "", "bgt-o-1"}, {});
  add("cancelOrders", BatchCancelRequest{"BTCUSDT", {{"1", ""}, {"2", ""}}}, {});
  add("cancelAllOrders", BatchCancelRequest{"BTCUSDT", {}}, {});
  add("closePosition", ClosePositionsRequest{"BTCUSDT", PositionSide::kLong}, {});
  add("closeAllPositions", ClosePositionsRequest{}, {});
  add("fetchOrder:id", OrderDetailQuery{"BTCUSDT", "1112196299005526018", ""}, {});
  add("fetchOrder:clientOrderId", OrderDetailQuery{"BTCUSDT", "", "bgt-o-1"}, {});
  add("fetchOpenOrders", OrdersPendingQuery{"BTCUSDT", {}, "", {}, {}, {}}, {});
  const Timestamp hour_ago = Ms(kNowMs - kHourMs);
  add("fetchOpenOrders:since", OrdersPendingQuery{"BTCUSDT", {}, "", hour_ago, {}, 50}, {});
  add("fetchClosedOrders", OrdersHistoryQuery{"BTCUSDT", "", "", hour_ago, {}, 50}, {});
  add("fetchMyTrades", FillsQuery{"BTCUSDT", "", "", hour_ago, {}, 50}, {});
  add("fetchPositions", AllPositionQuery{}, {});
  add("fetchPosition", SinglePositionQuery{"BTCUSDT", ""}, {});

  add("createOrder:stopLossPrice",
      Tpsl(PlanType::kPosLoss, "24000", PositionSide::kLong, PositionMode::kOneWay),
      whole_position("market"));
  add("createOrder:takeProfitPrice-hedged",
      Tpsl(PlanType::kPosProfit, "24000", PositionSide::kShort, PositionMode::kHedge),
      whole_position("market"));
  PlaceTpslRequest tp_limit =
      Tpsl(PlanType::kPosProfit, "28000", PositionSide::kLong, PositionMode::kOneWay);
  tp_limit.execute_price = D("27900");
  add("createOrder:takeProfitPrice-limit", tp_limit, whole_position("limit"));
  add("fetchOpenOrders:trigger", PlanOrdersPendingQuery{PlanType::kNormalPlan, "BTCUSDT"}, {});
  add("fetchOpenOrders:profit_loss", PlanOrdersPendingQuery{PlanType::kProfitLoss, "BTCUSDT"}, {});
  add("cancelOrder:trigger", CancelPlanOrderRequest{"BTCUSDT", {{"55", ""}}, {}}, {});
  add("cancelOrder:trigger-pos_loss",
      CancelPlanOrderRequest{"BTCUSDT", {{"55", ""}}, PlanType::kPosLoss}, {});
  add("cancelOrder:trigger-clientOrderId",
      CancelPlanOrderRequest{"BTCUSDT", {{"", "bgt-sl-1"}}, {}}, {});
  return cases;
}

// bgt's parameters as the oracle prints ccxt's: query (empty values are not sent) or body.
boost::json::object BgtParams(const EncodedRequest& request) {
  if (!request.body.empty()) return boost::json::parse(request.body).as_object();
  boost::json::object params;
  for (const QueryParam& p : request.query) {
    if (!p.value.empty()) params[p.key] = p.value;
  }
  return params;
}

std::string StringOf(const boost::json::object& line, std::string_view key) {
  const boost::json::value* value = line.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : "";
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

void ExpectSide(const boost::json::object& params, const std::string& key,
                const std::optional<std::string>& want, const char* side) {
  const boost::json::value* got = params.if_contains(key);
  if (!want) {
    EXPECT_EQ(got, nullptr) << side << " should not send " << key;
  } else if (got == nullptr) {
    ADD_FAILURE() << side << " should send " << key << "=" << *want;
  } else {
    EXPECT_EQ(boost::json::serialize(*got), boost::json::serialize(boost::json::value(*want)))
        << side << " " << key;
  }
}

// With a context instrument bgt prints prices and sizes with exactly pricePlace / volumePlace
// decimals ("25000.0", "0.0010") where ccxt trims ("25000", "0.001"); Bitget reads both as the
// same number. True when `ours` is `theirs` padded that way for `key`.
bool IsPaddedNumber(std::string_view key, const boost::json::value& ours,
                    const boost::json::value& theirs, const model::Instrument& instrument) {
  static const std::set<std::string_view> kPriceKeys = {"price",
                                                        "triggerPrice",
                                                        "executePrice",
                                                        "presetStopSurplusPrice",
                                                        "presetStopSurplusExecutePrice",
                                                        "presetStopLossPrice",
                                                        "presetStopLossExecutePrice"};
  int places = 0;
  if (kPriceKeys.count(key) == 1) {
    places = instrument.price_place();
  } else if (key == "size") {
    places = instrument.volume_place();
  } else {
    return false;
  }
  if (!ours.is_string() || !theirs.is_string()) return false;
  auto a = Decimal::Parse(ours.as_string());
  auto b = Decimal::Parse(theirs.as_string());
  return a && b && *a == *b && a->scale() == places;
}

// `padded` (when given) counts the keys accepted by IsPaddedNumber.
void CompareParams(const boost::json::object& ccxt, const boost::json::object& bgt,
                   const std::vector<Difference>& differences,
                   const model::Instrument* instrument = nullptr, int* padded = nullptr) {
  std::set<std::string> keys;
  for (const auto& field : ccxt) keys.insert(std::string(field.key()));
  for (const auto& field : bgt) keys.insert(std::string(field.key()));
  for (const Difference& d : differences) {
    SCOPED_TRACE("documented difference in " + d.key);
    ExpectSide(ccxt, d.key, d.ccxt, "ccxt");
    ExpectSide(bgt, d.key, d.bgt, "bgt");
    if (d.ccxt && d.bgt) {
      EXPECT_TRUE(EqualsIgnoreCase(*d.ccxt, *d.bgt)) << "not a case difference";
    }
    keys.erase(d.key);
  }
  for (const std::string& key : keys) {
    const boost::json::value* theirs = ccxt.if_contains(key);
    const boost::json::value* ours = bgt.if_contains(key);
    if (theirs == nullptr || ours == nullptr) {
      ADD_FAILURE() << key << " is sent only by " << (theirs == nullptr ? "bgt" : "ccxt");
      continue;
    }
    if (instrument != nullptr && *ours != *theirs &&
        IsPaddedNumber(key, *ours, *theirs, *instrument)) {
      ++*padded;
      continue;
    }
    EXPECT_EQ(boost::json::serialize(*ours), boost::json::serialize(*theirs)) << key;
  }
}

// ------------------------------------------------------------------------------ tests

TEST(CcxtRequestsOracleTest, OracleAndCasesCoverTheSameCalls) {
  const OracleLines& run = Captured();
  ASSERT_TRUE(run.failure.empty()) << run.failure;
  std::set<std::string> oracle_names;
  for (const auto& line : run.lines) {
    EXPECT_TRUE(oracle_names.insert(StringOf(line, "name")).second) << StringOf(line, "name");
  }
  std::set<std::string> case_names;
  std::set<Endpoint> endpoints;
  for (const Case& c : Cases()) {
    EXPECT_TRUE(case_names.insert(c.name).second) << "duplicate case " << c.name;
    auto encoded = c.encode(nullptr);
    ASSERT_TRUE(encoded.has_value()) << c.name << ": " << encoded.error().ToString();
    endpoints.insert(encoded->endpoint);
  }
  EXPECT_EQ(oracle_names, case_names);
  EXPECT_GE(case_names.size(), 55u);
  // Every endpoint bgt uses is exercised, except cancel-all-orders: ccxt's cancelAllOrders
  // sends batch-cancel-orders instead (bitget-api.md §3.15), so there is no ccxt call to match.
  const auto table = EndpointTable(ApiGeneration::kV2Classic);
  ASSERT_TRUE(table.has_value());
  for (const EndpointSpec& spec : *table) {
    if (spec.endpoint == Endpoint::kCancelAllOrders) continue;
    EXPECT_EQ(endpoints.count(spec.endpoint), 1u) << spec.path << " has no oracle case";
  }
}

TEST(CcxtRequestsOracleTest, SameMethodPathAndParametersAsCcxt) {
  const OracleLines& run = Captured();
  ASSERT_TRUE(run.failure.empty()) << run.failure;
  std::map<std::string, const boost::json::object*> by_name;
  for (const auto& line : run.lines) by_name[StringOf(line, "name")] = &line;
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    const auto it = by_name.find(c.name);
    if (it == by_name.end()) continue;  // reported by OracleAndCasesCoverTheSameCalls
    const boost::json::object& line = *it->second;
    auto encoded = c.encode(nullptr);
    ASSERT_TRUE(encoded.has_value()) << encoded.error().ToString();
    const EndpointSpec& spec = SpecOf(encoded->endpoint);
    EXPECT_EQ(StringOf(line, "method"), spec.method);
    EXPECT_EQ(StringOf(line, "path"), spec.path);
    EXPECT_EQ(encoded->body.empty(), spec.method == "GET");
    const boost::json::value* ccxt_params = line.if_contains("params");
    ASSERT_TRUE(ccxt_params != nullptr && ccxt_params->is_object());
    CompareParams(ccxt_params->as_object(), BgtParams(*encoded), c.differences);
  }
}

TEST(CcxtRequestsOracleTest, WithAnInstrumentOnlyTheDecimalPaddingDiffers) {
  const OracleLines& run = Captured();
  ASSERT_TRUE(run.failure.empty()) << run.failure;
  // BTCUSDT of tests/fixtures/bitget/contracts.json: pricePlace 1, volumePlace 4.
  const model::Instrument btc = model::testdata::MustBuild(model::testdata::BtcUsdtRow());
  ASSERT_EQ(btc.price_place(), 1);
  ASSERT_EQ(btc.volume_place(), 4);
  std::map<std::string, const boost::json::object*> by_name;
  for (const auto& line : run.lines) by_name[StringOf(line, "name")] = &line;
  int padded = 0;
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    const auto it = by_name.find(c.name);
    if (it == by_name.end()) continue;
    auto encoded = c.encode(&btc);
    ASSERT_TRUE(encoded.has_value()) << encoded.error().ToString();
    CompareParams(it->second->at("params").as_object(), BgtParams(*encoded), c.differences, &btc,
                  &padded);
  }
  // Every place-order / place-tpsl case pads its size or prices ("0.002" -> "0.0020").
  EXPECT_GE(padded, 15);
}

TEST(CcxtRequestsOracleTest, CcxtSendsAndSignsBgtBytesUnchanged) {
  const std::vector<Case> cases = Cases();
  std::map<std::string, EncodedRequest> encoded;
  std::map<std::string, std::int64_t> timestamps;
  const std::filesystem::path file = std::filesystem::temp_directory_path() /
                                     ("bgt_ccxt_requests_" + std::to_string(::getpid()) + ".jsonl");
  ASSERT_EQ(file.string().find('\''), std::string::npos);
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    ASSERT_TRUE(out.good()) << file;
    std::int64_t ts = kNowMs;
    for (const Case& c : cases) {
      auto request = c.encode(nullptr);
      ASSERT_TRUE(request.has_value()) << c.name << ": " << request.error().ToString();
      const EndpointSpec& spec = SpecOf(request->endpoint);
      boost::json::object line;
      line["name"] = c.name;
      line["ts"] = ++ts;
      line["secret"] = kSecret;
      line["method"] = spec.method;
      line["path"] = spec.path;
      line["private"] = spec.is_private;
      line["query"] = request->QueryString();
      line["body"] = request->body;
      out << boost::json::serialize(line) << '\n';
      timestamps[c.name] = ts;
      encoded.emplace(c.name, std::move(*request));
    }
  }
  const OracleLines run = RunOracle({"--verify", file.string()});
  std::filesystem::remove(file);
  ASSERT_TRUE(run.failure.empty()) << run.failure;
  ASSERT_EQ(run.lines.size(), cases.size());
  const Credentials credentials{core::Secret("bg_oracle_requests_key"), core::Secret(kSecret),
                                core::Secret("Oracle-Requests_42")};
  for (const auto& line : run.lines) {
    const std::string name = StringOf(line, "name");
    SCOPED_TRACE(name);
    const auto it = encoded.find(name);
    ASSERT_NE(it, encoded.end());
    const EncodedRequest& request = it->second;
    const EndpointSpec& spec = SpecOf(request.endpoint);
    EXPECT_EQ(StringOf(line, "target"), request.Target());
    EXPECT_EQ(StringOf(line, "body"), request.body);
    if (!spec.is_private) {
      EXPECT_EQ(StringOf(line, "sign"), "");
      continue;
    }
    const std::string ts = std::to_string(timestamps[name]);
    const std::string ours = SignRest(ts, spec.method, spec.path, request.QueryString(),
                                      request.body, core::Secret(kSecret));
    EXPECT_EQ(StringOf(line, "sign"), ours);
    auto headers = SignedHeaders(credentials, Ms(timestamps[name]), spec.method, spec.path,
                                 request.QueryString(), request.body);
    ASSERT_TRUE(headers.has_value()) << headers.error().ToString();
    EXPECT_EQ((*headers)[1].name, "ACCESS-SIGN");
    EXPECT_EQ((*headers)[1].value, ours);
  }
}

}  // namespace
}  // namespace bgt::bitget
