// The emulator in mirror mode (the "paper" market): a market fed from outside with FeedTicker /
// FeedBook, traded through bgt's own Bitget REST client on a loopback port. Orders fill against
// the fed liquidity, resting orders fill when a feed moves through them, bad feeds change
// nothing, funding settles at the fed time with the fed rate, and nothing trades before a feed.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bitget/api.h"
#include "bitget/clock_sync.h"
#include "bitget/credential.h"
#include "bitget/endpoints.h"
#include "core/clock.h"
#include "emulator/emulator.h"
#include "emulator/test_client.h"
#include "model/contract_rows_testdata.h"
#include "sim/funding.h"

namespace bgt::emulator {
namespace {

using namespace std::chrono_literals;
using core::Decimal;

Decimal D(const char* text) { return *Decimal::Parse(text); }

// The emulator's wall time: the system clock plus an offset the test moves forward (the client
// then re-measures its clock offset, as it does against Bitget).
struct ShiftedWall {
  std::shared_ptr<std::atomic<std::int64_t>> offset_ns =
      std::make_shared<std::atomic<std::int64_t>>(0);
  std::function<core::Timestamp()> Function() const {
    return
        [offset = offset_ns] { return core::WallClock().Now() + core::Duration(offset->load()); };
  }
  // Moves wall time forward so that it reads at least `t`.
  void JumpTo(core::Timestamp t) const {
    const core::Duration ahead = t - Function()();
    if (ahead.count() > 0) offset_ns->fetch_add(ahead.count());
  }
};

// The test moves the emulator's wall clock hours ahead; the client re-measures after that.
EmulatorClientOptions MirrorClientOptions() {
  EmulatorClientOptions options;
  options.clock_sync.max_offset = std::chrono::hours(48);
  return options;
}

struct Client : EmulatorClient {
  explicit Client(const std::string& base_url) : EmulatorClient(base_url, MirrorClientOptions()) {}
};

model::Ticker BtcTicker(const char* last, const char* bid, const char* ask) {
  model::Ticker t;
  t.symbol = "BTCUSDT";
  t.last_price = D(last);
  t.mark_price = D(last);
  t.index_price = D(last);
  t.bid_price = D(bid);
  t.bid_size = D("1.5000");
  t.ask_price = D(ask);
  t.ask_size = D("2.0000");
  t.open_24h = D("59000.0");
  t.high_24h = D("61000.0");
  t.low_24h = D("58000.0");
  t.base_volume_24h = D("1000");
  t.quote_volume_24h = D("60000000");
  t.funding_rate = D("0.0001");
  return t;
}

bitget::PlaceOrderRequest Order(model::OrderSide side, model::OrderType type, const char* size,
                                std::string client_oid) {
  bitget::PlaceOrderRequest order;
  order.symbol = "BTCUSDT";
  order.direction = side;
  order.order_type = type;
  order.size = D(size);
  order.client_oid = std::move(client_oid);
  return order;
}

class EmulatorMirrorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EmulatorConfig config;
    config.mirror_contracts = {model::testdata::BtcUsdtRow(), model::testdata::EthUsdtRow()};
    config.wall_clock = wall_.Function();
    auto emulator = Emulator::Start(config);
    ASSERT_TRUE(emulator.has_value()) << emulator.error().ToString();
    emulator_ = std::move(*emulator);
    client_ = std::make_unique<Client>(emulator_->RestUrl());
  }

  bitget::BitgetApi& api() { return *client_->api; }

  ShiftedWall wall_;
  std::unique_ptr<Emulator> emulator_;
  std::unique_ptr<Client> client_;
};

TEST_F(EmulatorMirrorTest, ServesOnlyTheMirroredContracts) {
  auto contracts = api().GetContracts({});
  ASSERT_TRUE(contracts.has_value()) << contracts.error().ToString();
  ASSERT_EQ(contracts->size(), 2u);
  EXPECT_EQ((*contracts)[0].symbol, "BTCUSDT");
  EXPECT_EQ((*contracts)[1].symbol, "ETHUSDT");
}

TEST_F(EmulatorMirrorTest, OrderBeforeAnyFeedHasNoMarkPrice) {
  auto placed = api().PlaceOrder(
      Order(model::OrderSide::kBuy, model::OrderType::kMarket, "0.0100", "mirror-early"));
  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().venue_code, "40823") << placed.error().ToString();
  // ETH is still unfed after a BTC feed.
  ASSERT_TRUE(emulator_->FeedTicker(BtcTicker("60000.0", "59999.9", "60000.1")).ok());
  auto eth = Order(model::OrderSide::kBuy, model::OrderType::kMarket, "0.10", "mirror-eth");
  eth.symbol = "ETHUSDT";
  auto refused = api().PlaceOrder(eth);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().venue_code, "40823");
}

TEST_F(EmulatorMirrorTest, MarketBuyTakesTheFedAsks) {
  model::Ticker ticker = BtcTicker("60000.0", "59999.9", "60000.1");
  ticker.mark_price = D("60000.03");  // more decimals than the tick: rounded to 60000.0
  ASSERT_TRUE(emulator_->FeedTicker(ticker).ok());
  model::OrderBookSnapshot book;
  book.bids = {{D("59999.9"), D("1.5000")}, {D("59999.0"), D("3.0000")}};
  book.asks = {{D("60000.1"), D("0.0100")}, {D("60000.5"), D("1.0000")}};
  ASSERT_TRUE(emulator_->FeedBook("BTCUSDT", book).ok());

  // The public side shows the fed market.
  auto served = api().GetTicker({"BTCUSDT"});
  ASSERT_TRUE(served.has_value()) << served.error().ToString();
  ASSERT_EQ(served->size(), 1u);
  EXPECT_EQ((*served)[0].ticker.last_price, D("60000.0"));
  EXPECT_EQ((*served)[0].ticker.mark_price, D("60000.0"));
  EXPECT_EQ((*served)[0].ticker.ask_price, D("60000.1"));
  EXPECT_EQ((*served)[0].ticker.ask_size, D("0.01"));
  bitget::DepthQuery depth_query;
  depth_query.symbol = "BTCUSDT";
  depth_query.limit = bitget::DepthLimit::k5;
  auto depth = api().GetDepth(depth_query);
  ASSERT_TRUE(depth.has_value()) << depth.error().ToString();
  EXPECT_EQ(depth->book.asks, book.asks);
  EXPECT_EQ(depth->book.bids, book.bids);

  // 0.0150 takes the 0.0100 at the best ask and 0.0050 at the next level.
  auto bought = api().PlaceOrder(
      Order(model::OrderSide::kBuy, model::OrderType::kMarket, "0.0150", "mirror-buy"));
  ASSERT_TRUE(bought.has_value()) << bought.error().ToString();
  auto fills = api().GetFills({});
  ASSERT_TRUE(fills.has_value()) << fills.error().ToString();
  ASSERT_EQ(fills->fill_list.size(), 2u);
  std::vector<std::pair<Decimal, Decimal>> got;
  for (const auto& f : fills->fill_list) got.emplace_back(f.price, f.base_volume);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got[0], std::make_pair(D("60000.1"), D("0.01")));
  EXPECT_EQ(got[1], std::make_pair(D("60000.5"), D("0.005")));
  auto positions = api().GetPositions({});
  ASSERT_TRUE(positions.has_value()) << positions.error().ToString();
  ASSERT_EQ(positions->size(), 1u);
  EXPECT_EQ((*positions)[0].hold_side, model::PositionSide::kLong);
  EXPECT_EQ((*positions)[0].total, D("0.015"));
}

TEST_F(EmulatorMirrorTest, RestingSellFillsWhenAFeedMovesTheBidThroughIt) {
  ASSERT_TRUE(emulator_->FeedTicker(BtcTicker("60000.0", "59999.9", "60000.1")).ok());
  auto sell = Order(model::OrderSide::kSell, model::OrderType::kLimit, "0.0100", "mirror-sell");
  sell.price = D("60010.0");
  auto placed = api().PlaceOrder(sell);
  ASSERT_TRUE(placed.has_value()) << placed.error().ToString();
  auto open = api().GetOpenOrders({});
  ASSERT_TRUE(open.has_value()) << open.error().ToString();
  ASSERT_EQ(open->entrusted_list.size(), 1u);

  // A feed below the order leaves it resting.
  ASSERT_TRUE(emulator_->FeedTicker(BtcTicker("60005.0", "60004.9", "60005.1")).ok());
  auto detail = api().GetOrderDetail({"BTCUSDT", "", "mirror-sell"});
  ASSERT_TRUE(detail.has_value()) << detail.error().ToString();
  EXPECT_EQ(detail->status, bitget::OrderState::kLive);

  // The bid moves through it: the order fills at its own price (it is the maker).
  ASSERT_TRUE(emulator_->FeedTicker(BtcTicker("60010.6", "60010.5", "60010.7")).ok());
  detail = api().GetOrderDetail({"BTCUSDT", "", "mirror-sell"});
  ASSERT_TRUE(detail.has_value()) << detail.error().ToString();
  EXPECT_EQ(detail->status, bitget::OrderState::kFilled);
  EXPECT_EQ(detail->base_volume, D("0.01"));
  auto fills = api().GetFills({});
  ASSERT_TRUE(fills.has_value()) << fills.error().ToString();
  ASSERT_EQ(fills->fill_list.size(), 1u);
  EXPECT_EQ(fills->fill_list[0].price, D("60010.0"));
  EXPECT_EQ(fills->fill_list[0].trade_scope, model::LiquiditySide::kMaker);
  auto positions = api().GetPositions({});
  ASSERT_TRUE(positions.has_value()) << positions.error().ToString();
  ASSERT_EQ(positions->size(), 1u);
  EXPECT_EQ((*positions)[0].hold_side, model::PositionSide::kShort);
}

TEST_F(EmulatorMirrorTest, BadFeedsAreRefusedAndChangeNothing) {
  ASSERT_TRUE(emulator_->FeedTicker(BtcTicker("60000.0", "59999.9", "60000.1")).ok());

  const core::Status crossed = emulator_->FeedTicker(BtcTicker("60000.0", "60000.2", "60000.1"));
  ASSERT_FALSE(crossed.ok());
  EXPECT_EQ(crossed.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(crossed.error().message.find("crossed"), std::string::npos) << crossed.ToString();

  model::Ticker unknown = BtcTicker("60000.0", "59999.9", "60000.1");
  unknown.symbol = "NOPEUSDT";
  const core::Status not_found = emulator_->FeedTicker(unknown);
  ASSERT_FALSE(not_found.ok());
  EXPECT_EQ(not_found.error().code, core::ErrorCode::kNotFound);
  EXPECT_NE(not_found.error().message.find("NOPEUSDT"), std::string::npos);

  model::OrderBookSnapshot crossed_book;
  crossed_book.bids = {{D("60001.0"), D("1")}};
  crossed_book.asks = {{D("60000.0"), D("1")}};
  const core::Status bad_book = emulator_->FeedBook("BTCUSDT", crossed_book);
  ASSERT_FALSE(bad_book.ok());
  EXPECT_EQ(bad_book.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(emulator_->FeedBook("NOPEUSDT", crossed_book).error().code, core::ErrorCode::kNotFound);

  auto served = api().GetTicker({"BTCUSDT"});
  ASSERT_TRUE(served.has_value()) << served.error().ToString();
  EXPECT_EQ((*served)[0].ticker.bid_price, D("59999.9"));
  EXPECT_EQ((*served)[0].ticker.ask_price, D("60000.1"));
  bitget::DepthQuery depth_query;
  depth_query.symbol = "BTCUSDT";
  auto depth = api().GetDepth(depth_query);
  ASSERT_TRUE(depth.has_value()) << depth.error().ToString();
  ASSERT_EQ(depth->book.bids.size(), 1u);
  EXPECT_EQ(depth->book.bids[0].price, D("59999.9"));
  ASSERT_EQ(depth->book.asks.size(), 1u);
  EXPECT_EQ(depth->book.asks[0].price, D("60000.1"));
  // The exchange still trades at the good feed.
  auto bought = api().PlaceOrder(
      Order(model::OrderSide::kBuy, model::OrderType::kMarket, "0.0010", "mirror-after-bad"));
  ASSERT_TRUE(bought.has_value()) << bought.error().ToString();
  auto fills = api().GetFills({});
  ASSERT_TRUE(fills.has_value());
  ASSERT_EQ(fills->fill_list.size(), 1u);
  EXPECT_EQ(fills->fill_list[0].price, D("60000.1"));
}

TEST_F(EmulatorMirrorTest, FundingSettlesAtTheFedTimeWithTheFedRate) {
  const core::Timestamp settle = sim::NextFundingTime(wall_.Function()(), 8);
  model::Ticker ticker = BtcTicker("60000.0", "59999.9", "60000.1");
  ticker.funding_rate = D("0.0005");
  ticker.next_funding_time = settle;
  ASSERT_TRUE(emulator_->FeedTicker(ticker).ok());
  auto rate = api().GetFundingRate({"BTCUSDT"});
  ASSERT_TRUE(rate.has_value()) << rate.error().ToString();
  ASSERT_EQ(rate->size(), 1u);
  EXPECT_EQ((*rate)[0].funding_rate, D("0.0005"));
  EXPECT_EQ((*rate)[0].next_update, settle);

  auto bought = api().PlaceOrder(
      Order(model::OrderSide::kBuy, model::OrderType::kMarket, "0.0100", "mirror-funded"));
  ASSERT_TRUE(bought.has_value()) << bought.error().ToString();
  auto before = api().GetAccount({"BTCUSDT", ""});
  ASSERT_TRUE(before.has_value()) << before.error().ToString();
  auto history = api().GetFundingHistory({"BTCUSDT", std::nullopt, std::nullopt});
  ASSERT_TRUE(history.has_value()) << history.error().ToString();
  EXPECT_TRUE(history->empty());

  // Past the funding time, the next period's ticker arrives (new rate, same prices): the
  // period that ended settles at the rate fed for it.
  wall_.JumpTo(settle + 1s);
  ASSERT_TRUE(client_->sync->Measure().ok());
  ticker.funding_rate = D("0.0009");
  ticker.next_funding_time = settle + 8h;
  ASSERT_TRUE(emulator_->FeedTicker(ticker).ok());

  auto after = api().GetAccount({"BTCUSDT", ""});
  ASSERT_TRUE(after.has_value()) << after.error().ToString();
  // A long pays position value x rate at the mark: 0.01 x 60000.0 x 0.0005 = 0.3 USDT.
  EXPECT_EQ(before->account_equity - after->account_equity, D("0.3"));
  history = api().GetFundingHistory({"BTCUSDT", std::nullopt, std::nullopt});
  ASSERT_TRUE(history.has_value()) << history.error().ToString();
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].funding_time, settle);
  EXPECT_EQ((*history)[0].funding_rate, D("0.0005"));
  rate = api().GetFundingRate({"BTCUSDT"});
  ASSERT_TRUE(rate.has_value()) << rate.error().ToString();
  EXPECT_EQ((*rate)[0].funding_rate, D("0.0009"));
  EXPECT_EQ((*rate)[0].next_update, settle + 8h);
}

TEST(EmulatorMirrorConfig, RefusesSpeedOtherThanOneAndFeedsWithoutMirror) {
  EmulatorConfig config;
  config.mirror_contracts = {model::testdata::BtcUsdtRow()};
  config.speed = 60;
  auto fast = Emulator::Start(config);
  ASSERT_FALSE(fast.has_value());
  EXPECT_EQ(fast.error().code, core::ErrorCode::kInvalidArgument);

  config.speed = 1;
  config.mirror_contracts[0].price_place = "x";
  auto bad_row = Emulator::Start(config);
  ASSERT_FALSE(bad_row.has_value());
  EXPECT_EQ(bad_row.error().code, core::ErrorCode::kInvalidArgument);

  auto generated = Emulator::Start(EmulatorConfig{});
  ASSERT_TRUE(generated.has_value()) << generated.error().ToString();
  const core::Status fed = (*generated)->FeedTicker(BtcTicker("60000.0", "59999.9", "60000.1"));
  ASSERT_FALSE(fed.ok());
  EXPECT_EQ(fed.error().code, core::ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace bgt::emulator
