// Private pushes -> execution events (PrivateStreamDecoder) on the recorded frames of
// tests/fixtures/bitget/ws/, and the REST fallback poller's timing and conversions on a fake
// source.
#include "bitget/ws_exec.h"

#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "bitget/parse_test_util.h"

namespace bgt::bitget {
namespace {

using std::chrono::seconds;
using testing::D;
using testing::ReadFixture;

std::vector<model::ExecEvent> Decode(PrivateStreamDecoder& decoder, const std::string& text,
                                     core::Status* status = nullptr) {
  WsFrame frame;
  EXPECT_TRUE(ParseWsFrame(text, frame).ok());
  std::vector<model::ExecEvent> out;
  const core::Status s = decoder.Decode(frame, text, out);
  if (status != nullptr) {
    *status = s;
  } else {
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  return out;
}

TEST(PrivateStreamDecoderTest, FilledHedgeOrderGivesAnUpdateAndItsFill) {
  PrivateStreamDecoder decoder;
  const auto events = Decode(decoder, ReadFixture("ws/orders_fill.json"));
  ASSERT_EQ(events.size(), 2u);
  const auto& u = std::get<model::OrderUpdate>(events[0]);
  EXPECT_EQ(u.client_oid, "bgt-1");
  EXPECT_EQ(u.venue_order_id, "1111468253043621890");
  EXPECT_EQ(u.state, model::VenueOrderState::kFilled);
  EXPECT_EQ(u.side, model::OrderSide::kBuy);  // open long
  EXPECT_EQ(u.position_side, model::PositionSide::kLong);
  EXPECT_EQ(u.type, model::OrderType::kMarket);
  EXPECT_FALSE(u.price.has_value());  // market order: "0" is not a price
  EXPECT_EQ(u.filled_quantity, D("0.01"));
  EXPECT_EQ(u.average_price, D("27000.5"));
  EXPECT_EQ(u.source, model::ExecSource::kStream);
  const auto& f = std::get<model::FillEvent>(events[1]).fill;
  EXPECT_EQ(f.trade_id, "1111468253043621891");
  EXPECT_EQ(f.client_oid, "bgt-1");
  EXPECT_EQ(f.price, D("27000.5"));
  EXPECT_EQ(f.quantity, D("0.01"));
  EXPECT_EQ(f.fee, D("-0.162003"));
  EXPECT_EQ(f.liquidity, model::LiquiditySide::kTaker);
  EXPECT_EQ(f.ts, core::Timestamp::FromMillis(1695718781146));
}

TEST(PrivateStreamDecoderTest, LiveOneWayOrderPositionsAccountAndFill) {
  PrivateStreamDecoder decoder;
  auto events = Decode(decoder, ReadFixture("ws/orders_live.json"));
  ASSERT_EQ(events.size(), 1u);
  const auto& u = std::get<model::OrderUpdate>(events[0]);
  EXPECT_EQ(u.state, model::VenueOrderState::kLive);
  EXPECT_EQ(u.side, model::OrderSide::kSell);
  EXPECT_EQ(u.position_side, model::PositionSide::kNet);
  EXPECT_EQ(u.price, D("1500.5"));
  EXPECT_TRUE(u.reduce_only);

  events = Decode(decoder, ReadFixture("ws/positions.json"));
  ASSERT_EQ(events.size(), 1u);
  const auto& snapshot = std::get<model::PositionsSnapshot>(events[0]);
  ASSERT_EQ(snapshot.positions.size(), 1u);
  EXPECT_EQ(snapshot.positions[0].symbol, "BTCUSDT");
  EXPECT_EQ(snapshot.positions[0].side, model::PositionSide::kLong);
  EXPECT_EQ(snapshot.positions[0].quantity, D("0.001"));
  EXPECT_EQ(snapshot.positions[0].entry_price, D("43849"));

  events = Decode(decoder, ReadFixture("ws/positions_empty.json"));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(std::get<model::PositionsSnapshot>(events[0]).positions.empty());  // all flat

  events = Decode(decoder, ReadFixture("ws/account.json"));
  ASSERT_EQ(events.size(), 1u);
  const auto& a = std::get<model::AccountUpdate>(events[0]).account;
  EXPECT_EQ(a.equity, D("26.14309528"));
  EXPECT_EQ(a.locked, D("5.365815"));
  EXPECT_EQ(a.ts, core::Timestamp::FromMillis(1701843962812));

  EXPECT_TRUE(Decode(decoder, ReadFixture("ws/fill.json")).empty());
  EXPECT_TRUE(Decode(decoder, ReadFixture("ws/ticker.json")).empty());
  EXPECT_EQ(decoder.errors(), 0u);
}

TEST(PrivateStreamDecoderTest, BadRowsAreErrorsAndCounted) {
  PrivateStreamDecoder decoder;
  core::Status status;
  const std::string bad_status =
      R"({"action":"snapshot","arg":{"channel":"orders","instId":"default"},"data":[{"instId":"X","orderId":"1","size":"1","orderType":"limit","side":"buy","status":"exploded","cTime":"1"}]})";
  EXPECT_TRUE(Decode(decoder, bad_status, &status).empty());
  EXPECT_FALSE(status.ok());
  const std::string fill_without_price =
      R"({"action":"snapshot","arg":{"channel":"orders","instId":"default"},"data":[{"instId":"X","orderId":"1","size":"1","orderType":"limit","side":"buy","status":"filled","tradeId":"9","cTime":"1"}]})";
  EXPECT_TRUE(Decode(decoder, fill_without_price, &status).empty());
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(decoder.errors(), 2u);
}

class FakeSource final : public ExecPollSource {
 public:
  core::Result<OrderList> OpenOrders() override {
    ++calls;
    if (fail_orders) return core::MakeError(core::ErrorCode::kUnavailable, "down");
    OrderList list;
    OrderInfo o;
    o.symbol = "ETHUSDT";
    o.order_id = "5";
    o.client_oid = "bgt-5";
    o.size = D("1");
    o.price = D("2000");
    o.status = OrderState::kPartiallyFilled;
    o.side = model::OrderSide::kSell;
    o.base_volume = D("0.4");
    o.pos_mode = model::PositionMode::kOneWay;
    o.c_time = core::Timestamp::FromMillis(10);
    list.entrusted_list.push_back(o);
    return list;
  }
  core::Result<std::vector<PositionInfo>> Positions() override {
    PositionInfo open;
    open.symbol = "ETHUSDT";
    open.hold_side = model::PositionSide::kShort;
    open.total = D("0.4");
    PositionInfo flat = open;
    flat.symbol = "BTCUSDT";
    flat.total = D("0");
    return std::vector<PositionInfo>{open, flat};
  }
  core::Result<std::vector<AccountInfo>> Accounts() override {
    AccountInfo a;
    a.margin_coin = "USDT";
    a.account_equity = D("1000");
    a.available = D("900");
    a.locked = D("100");
    return std::vector<AccountInfo>{a};
  }
  int calls = 0;
  bool fail_orders = false;
};

TEST(RestFallbackPollerTest, PollsOnlyAfterTheStreamWasDownLongEnough) {
  FakeSource source;
  RestFallbackPoller poller(source, {seconds(5), seconds(2)});
  const core::Timestamp t0 = core::Timestamp::FromSeconds(1000);
  poller.OnStreamState(true, t0);
  EXPECT_FALSE(poller.PollDue(t0 + seconds(60)));
  poller.OnStreamState(false, t0 + seconds(10));
  EXPECT_FALSE(poller.PollDue(t0 + seconds(14)));
  ASSERT_TRUE(poller.PollDue(t0 + seconds(15)));
  std::vector<model::ExecEvent> events;
  ASSERT_TRUE(poller.Poll(t0 + seconds(15), events).ok());
  ASSERT_EQ(events.size(), 3u);
  const auto& u = std::get<model::OrderUpdate>(events[0]);
  EXPECT_EQ(u.client_oid, "bgt-5");
  EXPECT_EQ(u.state, model::VenueOrderState::kPartiallyFilled);
  EXPECT_EQ(u.filled_quantity, D("0.4"));
  EXPECT_EQ(u.source, model::ExecSource::kPoll);
  const auto& snapshot = std::get<model::PositionsSnapshot>(events[1]);
  ASSERT_EQ(snapshot.positions.size(), 1u);  // the flat row is left out
  EXPECT_EQ(snapshot.positions[0].side, model::PositionSide::kShort);
  EXPECT_EQ(std::get<model::AccountUpdate>(events[2]).account.equity, D("1000"));
  EXPECT_FALSE(poller.PollDue(t0 + seconds(16)));
  EXPECT_TRUE(poller.PollDue(t0 + seconds(17)));
  poller.OnStreamState(true, t0 + seconds(17));
  EXPECT_FALSE(poller.PollDue(t0 + seconds(30)));
  EXPECT_EQ(poller.polls(), 1u);
}

TEST(RestFallbackPollerTest, WithoutOpenOrdersOnlyPositionsAndAccountsAreRead) {
  FakeSource source;
  RestFallbackOptions options{seconds(1), seconds(1)};
  options.open_orders = false;
  RestFallbackPoller poller(source, options);
  poller.OnStreamState(false, core::Timestamp::FromSeconds(1));
  std::vector<model::ExecEvent> events;
  ASSERT_TRUE(poller.Poll(core::Timestamp::FromSeconds(3), events).ok());
  EXPECT_EQ(source.calls, 0);  // no open-order request
  ASSERT_EQ(events.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<model::PositionsSnapshot>(events[0]));
  EXPECT_TRUE(std::holds_alternative<model::AccountUpdate>(events[1]));
}

TEST(RestFallbackPollerTest, AFailingReadIsReportedButTheOthersStillCount) {
  FakeSource source;
  source.fail_orders = true;
  RestFallbackPoller poller(source, {seconds(1), seconds(1)});
  poller.OnStreamState(false, core::Timestamp::FromSeconds(1));
  std::vector<model::ExecEvent> events;
  const core::Status status = poller.Poll(core::Timestamp::FromSeconds(3), events);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(events.size(), 2u);  // positions snapshot + account
  EXPECT_EQ(poller.poll_errors(), 1u);
}

}  // namespace
}  // namespace bgt::bitget
