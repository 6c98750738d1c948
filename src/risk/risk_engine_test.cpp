#include "risk/risk_engine.h"

#include <gtest/gtest.h>

#include <chrono>

#include "model/contract_rows_testdata.h"

namespace bgt::risk {
namespace {

using core::Decimal;
using model::OrderSide;
using model::OrderType;
using model::PositionSide;

Decimal D(const char* text) { return *Decimal::Parse(text); }

template <typename T>
std::vector<T> Only(const std::vector<RiskEvent>& events) {
  std::vector<T> out;
  for (const RiskEvent& e : events) {
    if (const T* t = std::get_if<T>(&e)) out.push_back(*t);
  }
  return out;
}

class RiskEngineTest : public ::testing::Test {
 protected:
  RiskEngineTest()
      : clock_(core::Timestamp::FromSeconds(1'700'000'000)),
        btc_(model::testdata::MustBuild(model::testdata::BtcUsdtRow())),
        eth_(model::testdata::MustBuild(model::testdata::EthUsdtRow())),
        engine_(Make(Config())) {}

  static RiskConfig Config() {
    RiskConfig c = RiskConfig::Defaults();
    c.max_symbol_notional = D("10000");
    c.max_total_notional = D("15000");
    c.max_leverage = 10;
    c.max_open_positions = 2;
    c.max_orders = 3;
    c.order_window = std::chrono::seconds(10);
    return c;
  }
  RiskEngine Make(RiskConfig c) { return std::move(*RiskEngine::Create(clock_, std::move(c))); }

  OrderCheck Buy(const char* size, int leverage = 5) {
    OrderCheck o;
    o.instrument = &btc_;
    o.client_oid = "t-1";
    o.direction = OrderSide::kBuy;
    o.type = OrderType::kMarket;
    o.size = D(size);
    o.reference_price = D("50000");
    o.leverage = leverage;
    return o;
  }

  core::TestClock clock_;
  model::Instrument btc_;
  model::Instrument eth_;
  RiskEngine engine_;
  AccountState flat_{D("10000"), {}};
};

TEST_F(RiskEngineTest, ConfigValidationListsEveryProblem) {
  RiskConfig bad;
  auto st = bad.Validate();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, core::ErrorCode::kConfig);
  for (const char* field : {"risk_fraction", "max_symbol_notional", "max_leverage", "max_orders",
                            "order_window", "daily_loss_limit", "max_drawdown"}) {
    EXPECT_NE(st.error().message.find(field), std::string::npos) << field;
  }
  EXPECT_TRUE(RiskConfig::Defaults().Validate().ok());
  EXPECT_FALSE(RiskEngine::Create(clock_, bad).has_value());
}

TEST_F(RiskEngineTest, ApprovesWithinLimits) {
  EXPECT_FALSE(engine_.CheckOrder(Buy("0.1"), flat_));
  EXPECT_TRUE(engine_.TakeEvents().empty());
  EXPECT_EQ(engine_.OrdersInWindow(), 1);
}

TEST_F(RiskEngineTest, SymbolAndTotalNotionalCaps) {
  auto r = engine_.CheckOrder(Buy("0.2001"), flat_);  // 10005 > 10000
  ASSERT_TRUE(r);
  EXPECT_EQ(r->reason, RefusalReason::kSymbolNotional);
  EXPECT_EQ(r->value, D("10005"));
  EXPECT_EQ(r->limit, D("10000"));
  // 6000 of ETH held: 6000 + 10000 > 15000.
  AccountState with_eth{D("10000"), {{"ETHUSDT", PositionSide::kNet, D("3"), D("2000"), {}}}};
  auto total = engine_.CheckOrder(Buy("0.2"), with_eth);
  ASSERT_TRUE(total);
  EXPECT_EQ(total->reason, RefusalReason::kTotalNotional);
  EXPECT_EQ(total->value, D("16000"));
  const auto denied = Only<OrderDenied>(engine_.TakeEvents());
  ASSERT_EQ(denied.size(), 2u);
  EXPECT_EQ(denied[0].refusal.client_oid, "t-1");
  EXPECT_EQ(denied[1].refusal.reason, RefusalReason::kTotalNotional);
}

TEST_F(RiskEngineTest, LeverageAndLiquidationEstimate) {
  auto r = engine_.CheckOrder(Buy("0.01", 11), flat_);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->reason, RefusalReason::kLeverage);
  EXPECT_EQ(r->value, D("11"));
  // Leverage 10 is allowed but 1/10 − 0.004 = 0.096 >= 0.05; with min distance 0.1 it is not.
  RiskConfig c = Config();
  c.min_liquidation_distance = D("0.1");
  RiskEngine strict = Make(c);
  auto liq = strict.CheckOrder(Buy("0.01", 10), flat_);
  ASSERT_TRUE(liq);
  EXPECT_EQ(liq->reason, RefusalReason::kLiquidationDistance);
  EXPECT_EQ(liq->value, D("0.096"));
  EXPECT_EQ(liq->limit, D("0.1"));
}

TEST_F(RiskEngineTest, ExistingPositionTooCloseToLiquidation) {
  AccountState near{D("10000"),
                    {{"BTCUSDT", PositionSide::kNet, D("0.01"), D("50000"), D("48000")}}};
  auto r = engine_.CheckOrder(Buy("0.01"), near);  // 2000 / 50000 = 0.04 < 0.05
  ASSERT_TRUE(r);
  EXPECT_EQ(r->reason, RefusalReason::kLiquidationDistance);
  EXPECT_EQ(r->value, D("0.04"));
  engine_.OnAccount(near);
  engine_.OnAccount(near);  // still in breach: no second request
  const auto flat = Only<FlattenRequested>(engine_.TakeEvents());
  ASSERT_EQ(flat.size(), 1u);
  EXPECT_EQ(flat[0].reason, FlattenReason::kLiquidationDistance);
  EXPECT_EQ(flat[0].symbol, "BTCUSDT");
  EXPECT_EQ(engine_.state(), TradingState::kRunning);
  engine_.OnAccount(flat_);  // closed: the breach is over
  engine_.OnAccount(near);   // a new breach: a new request
  EXPECT_EQ(Only<FlattenRequested>(engine_.TakeEvents()).size(), 1u);
}

TEST_F(RiskEngineTest, MaxOpenPositions) {
  AccountState two{D("10000"),
                   {{"ETHUSDT", PositionSide::kNet, D("1"), D("2000"), {}},
                    {"XRPUSDT", PositionSide::kNet, D("10"), D("1"), {}}}};
  auto r = engine_.CheckOrder(Buy("0.01"), two);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->reason, RefusalReason::kMaxPositions);
  EXPECT_EQ(r->value, D("3"));
  EXPECT_EQ(r->limit, D("2"));
  // Adding to an existing position is not a new position.
  OrderCheck eth = Buy("0.1");
  eth.instrument = &eth_;
  eth.reference_price = D("2000");
  EXPECT_FALSE(engine_.CheckOrder(eth, two));
}

TEST_F(RiskEngineTest, OrderRateSlidingWindow) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(engine_.CheckOrder(Buy("0.01"), flat_));
    ASSERT_TRUE(clock_.AdvanceBy(std::chrono::seconds(2)).ok());
  }
  auto r = engine_.CheckOrder(Buy("0.01"), flat_);  // 3 in the last 10 s (t = 0, 2, 4; now 6)
  ASSERT_TRUE(r);
  EXPECT_EQ(r->reason, RefusalReason::kOrderRate);
  EXPECT_EQ(r->value, D("4"));
  EXPECT_EQ(r->limit, D("3"));
  ASSERT_TRUE(clock_.AdvanceBy(std::chrono::seconds(4)).ok());  // t = 10: the first one leaves
  EXPECT_FALSE(engine_.CheckOrder(Buy("0.01"), flat_));
  EXPECT_EQ(engine_.OrdersInWindow(), 3);
}

TEST_F(RiskEngineTest, FlattenIsNeverRateRefused) {
  AccountState held{D("10000"), {{"BTCUSDT", PositionSide::kNet, D("0.3"), D("50000"), {}}}};
  OrderCheck close = Buy("0.1");
  close.direction = OrderSide::kSell;
  close.reduce_only = true;
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(engine_.CheckOrder(close, held));
  auto r = engine_.CheckOrder(close, held);  // RUNNING: the cap holds for reducing orders too
  ASSERT_TRUE(r);
  EXPECT_EQ(r->reason, RefusalReason::kOrderRate);
  engine_.KillSwitch("test");
  EXPECT_FALSE(engine_.CheckOrder(close, held));
  EXPECT_EQ(engine_.OrdersInWindow(), 4);
}

TEST_F(RiskEngineTest, VenueRulesRefusedWithBitgetCodes) {
  OrderCheck tiny = Buy("0.00005");
  auto precision = engine_.CheckOrder(tiny, flat_);
  ASSERT_TRUE(precision);
  EXPECT_EQ(precision->reason, RefusalReason::kVenueRule);
  EXPECT_EQ(precision->venue_code, "40808");
  auto small = engine_.CheckOrder(Buy("0.0001"), flat_);  // 5 USDT: ok
  EXPECT_FALSE(small);
  OrderCheck cheap = Buy("0.0001");
  cheap.reference_price = D("40000");  // 4 USDT
  auto notional = engine_.CheckOrder(cheap, flat_);
  ASSERT_TRUE(notional);
  EXPECT_EQ(notional->venue_code, "45110");
}

TEST_F(RiskEngineTest, ReducingOrdersAndTheDustRule) {
  AccountState dust{D("10000"), {{"BTCUSDT", PositionSide::kNet, D("0.00005"), D("50000"), {}}}};
  OrderCheck close = Buy("0.00005");
  close.direction = OrderSide::kSell;
  close.reduce_only = true;
  EXPECT_FALSE(engine_.CheckOrder(close, dust));  // exact remaining size: allowed below min
  close.size = D("0.00003");
  auto partial = engine_.CheckOrder(close, dust);
  ASSERT_TRUE(partial);
  EXPECT_EQ(partial->reason, RefusalReason::kVenueRule);
  close.size = D("0.0001");
  auto more = engine_.CheckOrder(close, dust);
  ASSERT_TRUE(more);
  EXPECT_EQ(more->reason, RefusalReason::kReduceExceedsPosition);
  EXPECT_EQ(more->limit, D("0.00005"));
  auto none = engine_.CheckOrder(close, flat_);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->reason, RefusalReason::kNoPosition);
}

TEST_F(RiskEngineTest, ReducingStateAllowsOnlyReducingOrders) {
  AccountState held{D("10000"), {{"BTCUSDT", PositionSide::kLong, D("0.1"), D("50000"), {}}}};
  engine_.SetReducing("operator");
  EXPECT_EQ(engine_.state(), TradingState::kReducing);
  OrderCheck open = Buy("0.01");
  open.leg = PositionSide::kLong;
  auto r = engine_.CheckOrder(open, held);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->reason, RefusalReason::kReducingOnly);
  OrderCheck close = open;
  close.direction = OrderSide::kSell;  // sell on the long leg = close (hedge)
  EXPECT_FALSE(engine_.CheckOrder(close, held));
  engine_.Resume("done");
  EXPECT_EQ(engine_.state(), TradingState::kRunning);
  const auto changes = Only<StateChanged>(engine_.TakeEvents());
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].to, TradingState::kReducing);
  EXPECT_EQ(changes[1].to, TradingState::kRunning);
}

TEST_F(RiskEngineTest, DailyLossHaltsAndRequestsFlatten) {
  engine_.OnAccount({D("10000"), {}});
  engine_.OnAccount({D("9600"), {}});
  EXPECT_EQ(engine_.state(), TradingState::kRunning);
  engine_.OnAccount({D("9500"), {}});  // lost 500 = limit
  EXPECT_EQ(engine_.state(), TradingState::kHalted);
  const auto events = engine_.TakeEvents();
  const auto changes = Only<StateChanged>(events);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].reason, StateReason::kDailyLoss);
  EXPECT_NE(changes[0].message.find("daily loss 500"), std::string::npos) << changes[0].message;
  const auto flat = Only<FlattenRequested>(events);
  ASSERT_EQ(flat.size(), 1u);
  EXPECT_FALSE(flat[0].symbol.has_value());
  auto r = engine_.CheckOrder(Buy("0.01"), flat_);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->reason, RefusalReason::kHalted);
}

TEST_F(RiskEngineTest, DailyLossResetsOnTheUtcDay) {
  engine_.OnAccount({D("10000"), {}});
  engine_.OnAccount({D("9600"), {}});
  // 2023-11-14T22:13:20Z + 2 h = next UTC day: the day starts at 9600.
  ASSERT_TRUE(clock_.AdvanceBy(std::chrono::hours(2)).ok());
  engine_.OnAccount({D("9600"), {}});
  EXPECT_EQ(engine_.day_start_equity(), D("9600"));
  engine_.OnAccount({D("9200"), {}});
  EXPECT_EQ(engine_.state(), TradingState::kRunning);
}

TEST_F(RiskEngineTest, DrawdownFromPeakHalts) {
  RiskConfig c = Config();
  c.daily_loss_limit = D("100000");
  c.max_drawdown = D("0.1");
  RiskEngine e = Make(c);
  e.OnAccount({D("10000"), {}});
  e.OnAccount({D("12000"), {}});
  e.OnAccount({D("10801"), {}});
  EXPECT_EQ(e.state(), TradingState::kRunning);
  e.OnAccount({D("10800"), {}});  // (12000 − 10800) / 12000 = 0.1
  EXPECT_EQ(e.state(), TradingState::kHalted);
  EXPECT_EQ(e.equity_peak(), D("12000"));
  const auto events = e.TakeEvents();
  ASSERT_EQ(Only<StateChanged>(events).size(), 1u);
  EXPECT_EQ(Only<StateChanged>(events)[0].reason, StateReason::kDrawdown);
  EXPECT_EQ(Only<FlattenRequested>(events).at(0).reason, FlattenReason::kDrawdown);
}

TEST_F(RiskEngineTest, KillSwitch) {
  engine_.KillSwitch("operator pressed the button");
  EXPECT_EQ(engine_.state(), TradingState::kHalted);
  const auto events = engine_.TakeEvents();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(std::get<StateChanged>(events[0]).reason, StateReason::kKillSwitch);
  EXPECT_EQ(std::get<FlattenRequested>(events[1]).reason, FlattenReason::kKillSwitch);
  EXPECT_TRUE(engine_.CheckOrder(Buy("0.01"), flat_));
}

TEST_F(RiskEngineTest, SizeEntryEmitsRefusal) {
  auto ok = engine_.SizeEntry(btc_, D("10000"), D("50000"), D("49000"), OrderType::kMarket);
  EXPECT_EQ(std::get<Sizing>(ok).size, D("0.1"));
  auto bad = engine_.SizeEntry(btc_, D("100"), D("100000"), D("50000"), OrderType::kMarket);
  ASSERT_TRUE(std::holds_alternative<Refusal>(bad));
  const auto denied = Only<OrderDenied>(engine_.TakeEvents());
  ASSERT_EQ(denied.size(), 1u);
  EXPECT_EQ(denied[0].refusal.reason, RefusalReason::kBelowMinSize);
}

}  // namespace
}  // namespace bgt::risk
