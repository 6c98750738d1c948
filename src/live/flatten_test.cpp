// Flatten against the emulator on loopback through bgt's own client: orders, TP/SL plans and
// positions in one-way and hedge mode are all gone afterwards (read back independently), and a
// venue that cannot be read is never reported flat.
#include "live/flatten.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "bitget/clock_sync.h"
#include "bitget/credential.h"
#include "bitget/endpoints.h"
#include "core/clock.h"
#include "emulator/emulator.h"
#include "emulator/test_client.h"
#include "net/rate_limiter.h"

namespace bgt::live {
namespace {

using core::Decimal;

FlattenOptions NoDelay(int rounds = 5) {
  FlattenOptions options;
  options.max_rounds = rounds;
  options.settle_delay = {};
  return options;
}

struct Client : emulator::EmulatorClient {
  Client(const std::string& base_url, bool sync_clock)
      : EmulatorClient(base_url, Options(sync_clock)) {}
  static emulator::EmulatorClientOptions Options(bool sync_clock) {
    emulator::EmulatorClientOptions options;
    options.sync_clock = sync_clock;
    return options;
  }
};

class FlattenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto emulator = emulator::Emulator::Start(emulator::EmulatorConfig{});
    ASSERT_TRUE(emulator.has_value()) << emulator.error().ToString();
    emulator_ = std::move(*emulator);
    client_ = std::make_unique<Client>(emulator_->RestUrl(), true);
  }

  bitget::BitgetApi& api() { return *client_->api; }

  void Market(const std::string& symbol, const char* size, model::OrderSide side,
              model::PositionMode mode, model::PositionSide leg, const std::string& oid) {
    bitget::PlaceOrderRequest order;
    order.symbol = symbol;
    order.size = *Decimal::Parse(size);
    order.direction = side;
    order.position_mode = mode;
    order.leg = leg;
    order.order_type = model::OrderType::kMarket;
    order.client_oid = oid;
    auto placed = api().PlaceOrder(order);
    ASSERT_TRUE(placed.has_value()) << placed.error().ToString();
  }

  Decimal BestBid(const std::string& symbol) {
    bitget::DepthQuery query;
    query.symbol = symbol;
    auto depth = api().GetDepth(query);
    EXPECT_TRUE(depth.has_value());
    return depth->book.bids.at(0).price;
  }

  // The venue's own view, read independently of Flatten.
  void ExpectVenueFlat() {
    auto open = api().GetOpenOrders({});
    ASSERT_TRUE(open.has_value()) << open.error().ToString();
    EXPECT_TRUE(open->entrusted_list.empty());
    for (bitget::PlanType type : {bitget::PlanType::kNormalPlan, bitget::PlanType::kTrackPlan,
                                  bitget::PlanType::kProfitLoss}) {
      auto plans = api().GetPlanOrders({.plan_type = type, .symbol = ""});
      ASSERT_TRUE(plans.has_value()) << plans.error().ToString();
      EXPECT_TRUE(plans->entrusted_list.empty()) << bitget::ToString(type);
    }
    auto positions = api().GetPositions({});
    ASSERT_TRUE(positions.has_value()) << positions.error().ToString();
    for (const auto& position : *positions) {
      EXPECT_TRUE(position.total.IsZero()) << position.symbol << " " << position.total.ToString();
    }
  }

  std::unique_ptr<emulator::Emulator> emulator_;
  std::unique_ptr<Client> client_;
};

TEST_F(FlattenTest, CancelsOrdersAndPlansAndClosesOneWayPositions) {
  Market("BTCUSDT", "0.02", model::OrderSide::kBuy, model::PositionMode::kOneWay,
         model::PositionSide::kNet, "flat-btc");
  Market("ETHUSDT", "0.5", model::OrderSide::kSell, model::PositionMode::kOneWay,
         model::PositionSide::kNet, "flat-eth");

  bitget::PlaceOrderRequest resting;
  resting.symbol = "BTCUSDT";
  resting.size = *Decimal::Parse("0.01");
  resting.price = BestBid("BTCUSDT") * *Decimal::Parse("0.9");
  resting.client_oid = "flat-resting";
  auto rounded = resting.price->Rescale(1, core::Rounding::kDown);
  ASSERT_TRUE(rounded.has_value());
  resting.price = *rounded;
  auto placed = api().PlaceOrder(resting);
  ASSERT_TRUE(placed.has_value()) << placed.error().ToString();

  bitget::PlaceTpslRequest stop;
  stop.symbol = "BTCUSDT";
  stop.plan_type = bitget::PlanType::kPosLoss;
  stop.trigger_price =
      *(BestBid("BTCUSDT") * *Decimal::Parse("0.8")).Rescale(1, core::Rounding::kDown);
  stop.position = model::PositionSide::kLong;
  auto tpsl = api().PlaceTpsl(stop);
  ASSERT_TRUE(tpsl.has_value()) << tpsl.error().ToString();

  const FlattenReport report = Flatten(api(), client_->waiter, NoDelay());
  EXPECT_TRUE(report.flat);
  EXPECT_TRUE(report.verified);
  EXPECT_TRUE(report.leftovers.empty());
  EXPECT_EQ(report.rounds, 1);
  EXPECT_EQ(report.orders_canceled, 1);
  EXPECT_EQ(report.plan_orders_canceled, 1);
  ASSERT_EQ(report.closed.size(), 2u);
  for (const ClosedPosition& closed : report.closed) {
    EXPECT_EQ(closed.size,
              closed.symbol == "BTCUSDT" ? *Decimal::Parse("0.02") : *Decimal::Parse("0.5"))
        << closed.symbol;
  }
  EXPECT_TRUE(report.errors.empty()) << report.errors.front().ToString();
  ExpectVenueFlat();

  // Flattening a flat account does nothing and says so.
  const FlattenReport again = Flatten(api(), client_->waiter, NoDelay());
  EXPECT_TRUE(again.flat);
  EXPECT_EQ(again.rounds, 0);
  EXPECT_TRUE(again.closed.empty());
}

// Positions bgt adopted but leaves alone: a flatten scoped away from their symbol closes and
// cancels everything else and leaves that symbol's position and orders as they were.
TEST_F(FlattenTest, LeavesTheSymbolsLeftAloneUntouched) {
  Market("BTCUSDT", "0.02", model::OrderSide::kBuy, model::PositionMode::kOneWay,
         model::PositionSide::kNet, "mine-btc");
  Market("ETHUSDT", "0.5", model::OrderSide::kSell, model::PositionMode::kOneWay,
         model::PositionSide::kNet, "theirs-eth");
  bitget::PlaceOrderRequest resting;
  resting.symbol = "ETHUSDT";
  resting.size = *Decimal::Parse("0.1");
  resting.price = *(BestBid("ETHUSDT") * *Decimal::Parse("0.9")).Rescale(2, core::Rounding::kDown);
  resting.client_oid = "theirs-resting";
  auto placed = api().PlaceOrder(resting);
  ASSERT_TRUE(placed.has_value()) << placed.error().ToString();

  FlattenOptions options = NoDelay();
  options.leave_symbols = {"ETHUSDT"};
  const FlattenReport report = Flatten(api(), client_->waiter, options);
  EXPECT_TRUE(report.flat);
  EXPECT_TRUE(report.leftovers.empty());
  EXPECT_EQ(report.orders_canceled, 0);
  ASSERT_EQ(report.closed.size(), 1u);
  EXPECT_EQ(report.closed[0].symbol, "BTCUSDT");

  auto open = api().GetOpenOrders({});
  ASSERT_TRUE(open.has_value()) << open.error().ToString();
  ASSERT_EQ(open->entrusted_list.size(), 1u);
  EXPECT_EQ(open->entrusted_list[0].client_oid, "theirs-resting");
  auto positions = api().GetPositions({});
  ASSERT_TRUE(positions.has_value()) << positions.error().ToString();
  for (const auto& position : *positions) {
    EXPECT_EQ(position.total, position.symbol == "ETHUSDT" ? *Decimal::Parse("0.5") : Decimal())
        << position.symbol;
  }
}

TEST_F(FlattenTest, ClosesBothLegsInHedgeMode) {
  auto mode = api().SetPositionMode({model::PositionMode::kHedge});
  ASSERT_TRUE(mode.has_value()) << mode.error().ToString();
  Market("BTCUSDT", "0.03", model::OrderSide::kBuy, model::PositionMode::kHedge,
         model::PositionSide::kLong, "hedge-long");
  Market("BTCUSDT", "0.01", model::OrderSide::kSell, model::PositionMode::kHedge,
         model::PositionSide::kShort, "hedge-short");
  auto positions = api().GetPositions({});
  ASSERT_TRUE(positions.has_value());
  ASSERT_EQ(positions->size(), 2u);

  const FlattenReport report = Flatten(api(), client_->waiter, NoDelay());
  EXPECT_TRUE(report.flat);
  ASSERT_EQ(report.closed.size(), 2u);
  ExpectVenueFlat();
}

// Nothing answers: the report lists the failures and never claims the account is flat.
TEST(FlattenUnreachableTest, IsNeverFlatWhenTheVenueCannotBeRead) {
  Client client("http://127.0.0.1:9", false);  // discard port: connection refused
  const FlattenReport report = Flatten(*client.api, client.waiter, NoDelay(2));
  EXPECT_FALSE(report.flat);
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(report.rounds, 2);
  EXPECT_FALSE(report.errors.empty());
}

}  // namespace
}  // namespace bgt::live
