// The emulator's private WebSocket pushes over loopback: a logged-in BlockingWsClient subscribed
// to orders / fill / positions / account while bgt's Bitget client trades over REST. Checks the
// pushes' order and values (order states, negative fees, the positions snapshot, the account
// moving by exactly the fees and PnL), fills made later by the market pump, and that pushes go
// only to the account's key and to matching instId selectors.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bitget/api.h"
#include "bitget/clock_sync.h"
#include "bitget/credential.h"
#include "core/clock.h"
#include "emulator/emulator.h"
#include "emulator/test_client.h"
#include "net/ws_client.h"

namespace bgt::emulator {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

core::Decimal D(std::string_view text) { return core::Decimal::Parse(text).value(); }
core::Decimal Dec(const json::value& v) {
  if (!v.is_string()) {
    ADD_FAILURE() << "not a decimal string: " << json::serialize(v);
    return {};
  }
  auto d = core::Decimal::Parse(v.as_string());
  EXPECT_TRUE(d.has_value()) << v.as_string();
  return d.value_or(core::Decimal());
}
std::string Str(const json::value& v) {
  return v.is_string() ? std::string(v.as_string()) : "<" + json::serialize(v) + ">";
}

EmulatorAccount SecondAccount() {
  EmulatorAccount a;
  a.api_key = "bgt-test-key-2";
  a.secret = "bgt-test-secret-2";
  a.passphrase = "bgt-test-passphrase-2";
  a.usdt_deposit = "5000";
  return a;
}

// bgt's REST client for one account of the emulator.
using RestClient = EmulatorClient;

// A logged-in private WebSocket connection with a buffer of received pushes.
class PrivateWs {
 public:
  PrivateWs(const std::string& url, const EmulatorAccount& account) {
    auto client = net::BlockingWsClient::Connect(url + "/v2/ws/private", {});
    EXPECT_TRUE(client.has_value()) << client.error().ToString();
    if (!client) return;
    client_ = std::move(*client);
    const std::string ts = std::to_string(core::WallClock().Now().millis() / 1000);
    const std::string sign = bitget::SignWsLogin(ts, core::Secret(account.secret));
    Send(R"({"op":"login","args":[{"apiKey":")" + account.api_key + R"(","passphrase":")" +
         account.passphrase + R"(","timestamp":")" + ts + R"(","sign":")" + sign + R"("}]})");
    const json::value login = Raw();
    EXPECT_EQ(json::serialize(login.at("event")), R"("login")") << json::serialize(login);
    EXPECT_EQ(login.at("code"), 0) << json::serialize(login);
  }

  bool ok() const { return client_ != nullptr; }

  // Subscribes to `channel` with `selector` (instId, or coin for `account`) and awaits the ack.
  void Subscribe(std::string_view channel, std::string_view selector = "default") {
    const std::string key = channel == "account" ? "coin" : "instId";
    Send(R"({"op":"subscribe","args":[{"instType":"USDT-FUTURES","channel":")" +
         std::string(channel) + R"(",")" + key + R"(":")" + std::string(selector) + R"("}]})");
    // Pushes of earlier subscriptions may come first: keep them.
    for (;;) {
      json::value v = Raw();
      ASSERT_TRUE(v.is_object()) << "no subscribe ack";
      if (v.as_object().contains("event")) {
        EXPECT_EQ(v.at("event"), "subscribe") << json::serialize(v);
        return;
      }
      inbox_.push_back(std::move(v));
    }
  }

  // The next push (buffered first); null on timeout.
  json::value Next(std::chrono::milliseconds timeout = 5s) {
    if (!inbox_.empty()) {
      json::value v = std::move(inbox_.front());
      inbox_.pop_front();
      return v;
    }
    return Raw(timeout);
  }

  // The first push of `channel` whose first data row (an empty object when `data` is empty)
  // satisfies `match`, skipping (and keeping, in order) the others; null on timeout.
  json::value Await(std::string_view channel, const std::function<bool(const json::object&)>& match,
                    std::chrono::milliseconds timeout = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::deque<json::value> skipped;
    json::value found = nullptr;
    for (;;) {
      json::value v;
      if (!inbox_.empty()) {
        v = std::move(inbox_.front());
        inbox_.pop_front();
      } else {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left <= 0ms) break;
        v = Raw(left);
        if (v.is_null()) break;
      }
      static const json::object kNoRow;
      if (IsPush(v, channel) && match(Data(v).empty() ? kNoRow : Data(v)[0].as_object())) {
        found = std::move(v);
        break;
      }
      skipped.push_back(std::move(v));
    }
    for (auto it = skipped.rbegin(); it != skipped.rend(); ++it) inbox_.push_front(*it);
    return found;
  }

  static bool IsPush(const json::value& v, std::string_view channel) {
    return v.is_object() && v.as_object().contains("action") &&
           v.at("arg").at("channel") == json::string(channel);
  }
  static const json::array& Data(const json::value& v) { return v.at("data").as_array(); }

 private:
  void Send(const std::string& text) { EXPECT_TRUE(client_->Send(text).ok()); }
  json::value Raw(std::chrono::milliseconds timeout = 5s) {
    auto text = client_->Receive(timeout);
    if (!text) return nullptr;
    boost::system::error_code ec;
    json::value v = json::parse(*text, ec);
    EXPECT_FALSE(ec) << *text;
    return v;
  }

  std::unique_ptr<net::BlockingWsClient> client_;
  std::deque<json::value> inbox_;
};

class WsPrivateTest : public ::testing::Test {
 protected:
  void StartEmulator(double speed = 1.0) {
    EmulatorConfig config;
    config.accounts = {EmulatorAccount{}, SecondAccount()};
    config.history_days = 2;
    config.speed = speed;
    auto emulator = Emulator::Start(config);
    ASSERT_TRUE(emulator.has_value()) << emulator.error().ToString();
    emulator_ = std::move(*emulator);
    rest_ = std::make_unique<RestClient>(emulator_->RestUrl(), EmulatorAccount{});
  }
  void SetUp() override { StartEmulator(); }

  // A logged-in connection subscribed to all four private channels (instId/coin "default").
  std::unique_ptr<PrivateWs> SubscribeAll(const EmulatorAccount& account = {}) {
    auto ws = std::make_unique<PrivateWs>(emulator_->WsUrl(), account);
    EXPECT_TRUE(ws->ok());
    if (!ws->ok()) return ws;
    for (const char* channel : {"orders", "fill", "positions", "account"}) ws->Subscribe(channel);
    // Bitget answers account and positions subscriptions with the current state: flat, and the
    // whole deposit.
    const json::value positions = ws->Await("positions", [](const json::object&) { return true; });
    EXPECT_TRUE(PrivateWs::IsPush(positions, "positions")) << "no first positions snapshot";
    if (positions.is_object()) {
      EXPECT_TRUE(PrivateWs::Data(positions).empty());
    }
    const json::value balance = ws->Await("account", [](const json::object&) { return true; });
    EXPECT_TRUE(PrivateWs::IsPush(balance, "account")) << "no first account snapshot";
    if (balance.is_object()) {
      EXPECT_EQ(Dec(PrivateWs::Data(balance).at(0).at("equity")), D(account.usdt_deposit));
    }
    return ws;
  }

  bitget::BitgetApi& api() { return *rest_->api; }

  bitget::PlaceOrderRequest Limit(std::string symbol, model::OrderSide side, core::Decimal price,
                                  std::string client_oid) {
    bitget::PlaceOrderRequest r;
    r.symbol = std::move(symbol);
    r.size = D("0.01");
    r.direction = side;
    r.price = price;
    r.client_oid = std::move(client_oid);
    return r;
  }
  bitget::PlaceOrderRequest Market(model::OrderSide side, std::string client_oid) {
    bitget::PlaceOrderRequest r;
    r.symbol = "BTCUSDT";
    r.size = D("0.01");
    r.direction = side;
    r.order_type = model::OrderType::kMarket;
    r.client_oid = std::move(client_oid);
    return r;
  }
  model::OrderBookSnapshot Depth(const std::string& symbol) {
    bitget::DepthQuery query;
    query.symbol = symbol;
    auto depth = api().GetDepth(query);
    EXPECT_TRUE(depth.has_value()) << depth.error().ToString();
    return depth ? depth->book : model::OrderBookSnapshot{};
  }

  std::unique_ptr<Emulator> emulator_;
  std::unique_ptr<RestClient> rest_;
};

const json::object& Row(const json::value& push) {
  static const json::object empty;
  if (!push.is_object() || PrivateWs::Data(push).empty()) {
    ADD_FAILURE() << "no push row: " << json::serialize(push);
    return empty;
  }
  return PrivateWs::Data(push)[0].as_object();
}

TEST_F(WsPrivateTest, LimitOrderIsPushedLiveThenCanceled) {
  auto ws = SubscribeAll();
  ASSERT_TRUE(ws->ok());
  const model::OrderBookSnapshot book = Depth("BTCUSDT");
  ASSERT_FALSE(book.bids.empty());
  const core::Decimal far_bid = book.bids.back().price - D("1000");
  auto placed = api().PlaceOrder(Limit("BTCUSDT", model::OrderSide::kBuy, far_bid, "ws-lim-1"));
  ASSERT_TRUE(placed.has_value()) << placed.error().ToString();
  const std::string order_id = placed->ack.order_id.value_or("");

  const json::value live = ws->Next();
  ASSERT_TRUE(PrivateWs::IsPush(live, "orders")) << json::serialize(live);
  EXPECT_EQ(live.at("action"), "snapshot");
  EXPECT_EQ(live.at("arg").at("instType"), "USDT-FUTURES");
  EXPECT_EQ(live.at("arg").at("instId"), "default");
  ASSERT_EQ(PrivateWs::Data(live).size(), 1u);
  const json::object& o = Row(live);
  EXPECT_EQ(Str(o.at("orderId")), order_id);
  EXPECT_EQ(Str(o.at("clientOid")), "ws-lim-1");
  EXPECT_EQ(Str(o.at("instId")), "BTCUSDT");
  EXPECT_EQ(Str(o.at("status")), "live");
  EXPECT_EQ(Str(o.at("side")), "buy");
  EXPECT_EQ(Str(o.at("orderType")), "limit");
  EXPECT_EQ(Str(o.at("force")), "gtc");
  EXPECT_EQ(Dec(o.at("price")), far_bid);
  EXPECT_EQ(Dec(o.at("size")), D("0.01"));
  EXPECT_EQ(Dec(o.at("accBaseVolume")), core::Decimal());
  EXPECT_EQ(Str(o.at("reduceOnly")), "no");
  EXPECT_EQ(Str(o.at("marginCoin")), "USDT");
  EXPECT_EQ(Str(o.at("marginMode")), "crossed");
  EXPECT_EQ(Str(o.at("posMode")), "one_way_mode");
  EXPECT_FALSE(Str(o.at("cTime")).empty());
  // The margin frozen by the order shows on the account.
  const json::value account = ws->Next();
  ASSERT_TRUE(PrivateWs::IsPush(account, "account")) << json::serialize(account);
  EXPECT_TRUE(Dec(Row(account).at("frozen")).IsPositive()) << json::serialize(account);

  auto canceled = api().CancelOrder({"BTCUSDT", order_id, ""});
  ASSERT_TRUE(canceled.has_value()) << canceled.error().ToString();
  const json::value cancel = ws->Next();
  ASSERT_TRUE(PrivateWs::IsPush(cancel, "orders")) << json::serialize(cancel);
  EXPECT_EQ(Str(Row(cancel).at("orderId")), order_id);
  EXPECT_EQ(Str(Row(cancel).at("status")), "canceled");
  EXPECT_EQ(Str(Row(cancel).at("cancelReason")), "normal_cancel");
  const json::value unfrozen = ws->Next();
  ASSERT_TRUE(PrivateWs::IsPush(unfrozen, "account")) << json::serialize(unfrozen);
  EXPECT_EQ(Dec(Row(unfrozen).at("frozen")), core::Decimal());
}

TEST_F(WsPrivateTest, MarketOrderThenCloseInEventOrderWithExactBalances) {
  auto ws = SubscribeAll();
  ASSERT_TRUE(ws->ok());
  auto bought = api().PlaceOrder(Market(model::OrderSide::kBuy, "ws-mkt-1"));
  ASSERT_TRUE(bought.has_value()) << bought.error().ToString();
  const std::string order_id = bought->ack.order_id.value_or("");

  // orders live -> fill -> orders filled -> positions -> account, nothing in between.
  const json::value live = ws->Next();
  const json::value fill = ws->Next();
  const json::value filled = ws->Next();
  const json::value positions = ws->Next();
  const json::value account = ws->Next();
  ASSERT_TRUE(PrivateWs::IsPush(live, "orders")) << json::serialize(live);
  ASSERT_TRUE(PrivateWs::IsPush(fill, "fill")) << json::serialize(fill);
  ASSERT_TRUE(PrivateWs::IsPush(filled, "orders")) << json::serialize(filled);
  ASSERT_TRUE(PrivateWs::IsPush(positions, "positions")) << json::serialize(positions);
  ASSERT_TRUE(PrivateWs::IsPush(account, "account")) << json::serialize(account);
  EXPECT_EQ(Str(Row(live).at("status")), "live");
  EXPECT_EQ(Str(Row(live).at("orderType")), "market");

  const json::object& f = Row(fill);
  EXPECT_EQ(Str(f.at("orderId")), order_id);
  EXPECT_EQ(Str(f.at("symbol")), "BTCUSDT");
  EXPECT_EQ(Str(f.at("orderType")), "market");
  EXPECT_EQ(Str(f.at("side")), "buy");
  EXPECT_EQ(Str(f.at("tradeScope")), "taker");
  EXPECT_EQ(Dec(f.at("baseVolume")), D("0.01"));
  const core::Decimal price = Dec(f.at("price"));
  const core::Decimal fee1 = Dec(f.at("feeDetail").at(0).at("totalFee"));
  EXPECT_TRUE(fee1.IsNegative()) << json::serialize(fill);
  EXPECT_EQ(Dec(f.at("quoteVolume")), price * D("0.01"));

  const json::object& o = Row(filled);
  EXPECT_EQ(Str(o.at("orderId")), order_id);
  EXPECT_EQ(Str(o.at("status")), "filled");
  EXPECT_EQ(Dec(o.at("accBaseVolume")), D("0.01"));
  EXPECT_EQ(Dec(o.at("baseVolume")), D("0.01"));
  EXPECT_EQ(Dec(o.at("fillPrice")), price);
  EXPECT_EQ(Dec(o.at("priceAvg")), price);
  EXPECT_EQ(Dec(o.at("fillFee")), fee1);
  EXPECT_EQ(Dec(o.at("feeDetail").at(0).at("fee")), fee1);
  EXPECT_EQ(Str(o.at("tradeId")), Str(f.at("tradeId")));
  EXPECT_EQ(Str(o.at("tradeScope")), "T");

  ASSERT_EQ(PrivateWs::Data(positions).size(), 1u) << json::serialize(positions);
  const json::object& p = Row(positions);
  EXPECT_EQ(Str(p.at("instId")), "BTCUSDT");
  EXPECT_EQ(Str(p.at("holdSide")), "long");
  EXPECT_EQ(Dec(p.at("total")), D("0.01"));
  EXPECT_EQ(Dec(p.at("openPriceAvg")), price);
  EXPECT_FALSE(Str(p.at("posId")).empty());
  EXPECT_TRUE(p.at("leverage").is_int64()) << json::serialize(positions);

  // Balance = equity - unrealized PnL moved by exactly the fee.
  const json::object& a = Row(account);
  EXPECT_EQ(Dec(a.at("equity")) - Dec(a.at("unrealizedPL")), D("100000") + fee1)
      << json::serialize(account);

  bitget::ClosePositionsRequest close;
  close.symbol = "BTCUSDT";
  auto closed = api().ClosePositions(close);
  ASSERT_TRUE(closed.has_value()) << closed.error().ToString();
  const json::value close_fill = ws->Await("fill", [](const json::object&) { return true; });
  ASSERT_TRUE(close_fill.is_object());
  const core::Decimal fee2 = Dec(Row(close_fill).at("feeDetail").at(0).at("totalFee"));
  const core::Decimal profit = Dec(Row(close_fill).at("profit"));
  EXPECT_TRUE(fee2.IsNegative());
  EXPECT_EQ(Str(Row(close_fill).at("side")), "sell");
  // The close order's pushes, then the positions snapshot: an empty array.
  json::value snapshot = ws->Next();
  while (PrivateWs::IsPush(snapshot, "orders")) snapshot = ws->Next();
  ASSERT_TRUE(PrivateWs::IsPush(snapshot, "positions")) << json::serialize(snapshot);
  EXPECT_TRUE(PrivateWs::Data(snapshot).empty()) << json::serialize(snapshot);
  const json::value final_account = ws->Next();
  ASSERT_TRUE(PrivateWs::IsPush(final_account, "account")) << json::serialize(final_account);
  const json::object& fa = Row(final_account);
  EXPECT_EQ(Dec(fa.at("unrealizedPL")), core::Decimal());
  EXPECT_EQ(Dec(fa.at("equity")), D("100000") + fee1 + fee2 + profit)
      << json::serialize(final_account);
}

TEST_F(WsPrivateTest, PositionStopLossIsPushedOnOrdersAlgo) {
  auto ws = SubscribeAll();
  ASSERT_TRUE(ws->ok());
  ws->Subscribe("orders-algo");
  auto bought = api().PlaceOrder(Market(model::OrderSide::kBuy, "ws-algo-open"));
  ASSERT_TRUE(bought.has_value()) << bought.error().ToString();
  const json::value position =
      ws->Await("positions", [](const json::object& p) { return p.contains("openPriceAvg"); });
  ASSERT_TRUE(position.is_object());
  const core::Decimal entry = Dec(Row(position).at("openPriceAvg"));

  bitget::PlaceTpslRequest stop;
  stop.symbol = "BTCUSDT";
  stop.plan_type = bitget::PlanType::kPosLoss;
  stop.trigger_price = (entry * D("0.5")).RoundToMultiple(D("1"), core::Rounding::kDown).value();
  stop.position = model::PositionSide::kLong;
  stop.client_oid = "ws-algo-sl";
  auto placed = api().PlaceTpsl(stop);
  ASSERT_TRUE(placed.has_value()) << placed.error().ToString();
  const json::value live = ws->Await("orders-algo", [](const json::object&) { return true; });
  ASSERT_TRUE(live.is_object()) << "no orders-algo push";
  EXPECT_EQ(live.at("arg").at("instId"), "default");
  const json::object& a = Row(live);
  EXPECT_EQ(Str(a.at("orderId")), placed->order_id.value_or(""));
  EXPECT_EQ(Str(a.at("clientOid")), "ws-algo-sl");
  EXPECT_EQ(Str(a.at("instId")), "BTCUSDT");
  EXPECT_EQ(Str(a.at("planType")), "psl");
  EXPECT_EQ(Str(a.at("status")), "live");
  EXPECT_EQ(Dec(a.at("triggerPrice")), stop.trigger_price);
  EXPECT_EQ(Str(a.at("triggerType")), "mark_price");

  // Closing the position ends its whole-position stop.
  bitget::ClosePositionsRequest close;
  close.symbol = "BTCUSDT";
  ASSERT_TRUE(api().ClosePositions(close).has_value());
  const json::value ended =
      ws->Await("orders-algo", [](const json::object& p) { return p.at("status") != "live"; });
  ASSERT_TRUE(ended.is_object()) << "the stop was not ended";
  EXPECT_EQ(Str(Row(ended).at("clientOid")), "ws-algo-sl");
  EXPECT_EQ(Str(Row(ended).at("status")), "cancelled");
}

TEST_F(WsPrivateTest, RestingOrdersFilledByTheMarketPumpArePushed) {
  StartEmulator(/*speed=*/120.0);  // two market minutes per wall second
  auto ws = SubscribeAll();
  ASSERT_TRUE(ws->ok());
  const model::OrderBookSnapshot book = Depth("BTCUSDT");
  ASSERT_FALSE(book.bids.empty());
  ASSERT_FALSE(book.asks.empty());
  // Both sides at the touch: whichever the market moves through first fills (as maker).
  auto bid =
      api().PlaceOrder(Limit("BTCUSDT", model::OrderSide::kBuy, book.bids[0].price, "ws-rest-bid"));
  ASSERT_TRUE(bid.has_value()) << bid.error().ToString();
  auto ask = api().PlaceOrder(
      Limit("BTCUSDT", model::OrderSide::kSell, book.asks[0].price, "ws-rest-ask"));
  ASSERT_TRUE(ask.has_value()) << ask.error().ToString();
  const auto is_fill = [](const json::object& o) {
    return o.contains("fillPrice") &&
           (o.at("clientOid") == "ws-rest-bid" || o.at("clientOid") == "ws-rest-ask");
  };
  const json::value order = ws->Await("orders", is_fill, 20s);
  ASSERT_TRUE(order.is_object()) << "no resting order filled within 20 s";
  const json::object& o = Row(order);
  EXPECT_TRUE(Str(o.at("status")) == "filled" || Str(o.at("status")) == "partially_filled");
  EXPECT_EQ(Str(o.at("tradeScope")), "M");
  EXPECT_TRUE(Dec(o.at("fillFee")).IsNegative() || Dec(o.at("fillFee")).IsZero());
  const json::value fill = ws->Await(
      "fill", [&](const json::object& f) { return f.at("tradeId") == o.at("tradeId"); }, 5s);
  ASSERT_TRUE(fill.is_object());
  EXPECT_EQ(Str(Row(fill).at("tradeScope")), "maker");
  EXPECT_EQ(Dec(Row(fill).at("baseVolume")), Dec(o.at("baseVolume")));
  const json::value positions = ws->Await(
      "positions", [](const json::object& p) { return p.contains("total"); }, 5s);
  ASSERT_TRUE(positions.is_object());
  EXPECT_EQ(Str(Row(positions).at("holdSide")),
            o.at("side") == "buy" ? std::string("long") : std::string("short"));
}

TEST_F(WsPrivateTest, PushesGoToTheAccountsKeyAndMatchingInstIds) {
  auto second = SubscribeAll(SecondAccount());
  ASSERT_TRUE(second->ok());
  PrivateWs eth_only(emulator_->WsUrl(), EmulatorAccount{});
  ASSERT_TRUE(eth_only.ok());
  eth_only.Subscribe("orders", "ETHUSDT");
  eth_only.Subscribe("positions", "ETHUSDT");
  const json::value first = eth_only.Next();
  ASSERT_TRUE(PrivateWs::IsPush(first, "positions")) << json::serialize(first);
  EXPECT_EQ(first.at("arg").at("instId"), "ETHUSDT");
  EXPECT_TRUE(PrivateWs::Data(first).empty());

  const core::Decimal btc_bid = Depth("BTCUSDT").bids.back().price - D("1000");
  ASSERT_TRUE(
      api().PlaceOrder(Limit("BTCUSDT", model::OrderSide::kBuy, btc_bid, "acc1-btc")).has_value());
  const core::Decimal eth_bid = Depth("ETHUSDT").bids.back().price - D("100");
  ASSERT_TRUE(
      api().PlaceOrder(Limit("ETHUSDT", model::OrderSide::kBuy, eth_bid, "acc1-eth")).has_value());
  // The ETHUSDT-only connection's first order push is the ETHUSDT order, under its own arg.
  const json::value eth = eth_only.Await("orders", [](const json::object&) { return true; });
  ASSERT_TRUE(PrivateWs::IsPush(eth, "orders")) << json::serialize(eth);
  EXPECT_EQ(eth.at("arg").at("instId"), "ETHUSDT");
  EXPECT_EQ(Str(Row(eth).at("clientOid")), "acc1-eth");

  // The second account sees none of the first account's pushes: its first is its own order.
  RestClient rest2(emulator_->RestUrl(), SecondAccount());
  const core::Decimal bid2 = Depth("BTCUSDT").bids.back().price - D("2000");
  ASSERT_TRUE(rest2.api->PlaceOrder(Limit("BTCUSDT", model::OrderSide::kBuy, bid2, "acc2-btc"))
                  .has_value());
  const json::value own = second->Next();
  ASSERT_TRUE(PrivateWs::IsPush(own, "orders")) << json::serialize(own);
  EXPECT_EQ(Str(Row(own).at("clientOid")), "acc2-btc");
  const json::value own_account = second->Next();
  ASSERT_TRUE(PrivateWs::IsPush(own_account, "account")) << json::serialize(own_account);
  EXPECT_EQ(Dec(Row(own_account).at("equity")), D("5000"));
}

}  // namespace
}  // namespace bgt::emulator
