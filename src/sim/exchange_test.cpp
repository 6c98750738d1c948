// SimExchange in one-way mode: fills, fees and balances, Bitget's rejections, cancels and
// settings.
#include "sim/exchange.h"

#include <gtest/gtest.h>

#include "sim/exchange_test_support.h"

namespace bgt::sim {
namespace {

using namespace exch_testing;  // NOLINT(google-build-using-namespace): test helpers

TEST_F(ExchangeTest, TakerFillsMoveBalanceByExactlyPriceTimesSizeAndFee) {
  Book("99900", "100000");
  const OrderAck buy = Place(acc_, Market(OrderSide::kBuy, "0.1"));
  // Taker at the ask: fee = 100000 × 0.1 × 0.0006 = 6, booked negative.
  auto fills = *ex_.GetFills(acc_);
  ASSERT_EQ(fills.size(), 1u);
  EXPECT_EQ(fills[0].order_id, buy.order_id);
  EXPECT_EQ(fills[0].price, D("100000"));
  EXPECT_EQ(fills[0].size, D("0.1"));
  EXPECT_EQ(fills[0].fee, D("-6"));
  EXPECT_EQ(fills[0].liquidity, model::LiquiditySide::kTaker);
  EXPECT_EQ(Balance(acc_), D("9994"));
  EXPECT_EQ(Qty(acc_), D("0.1"));

  Book("100100", "100200");
  Place(acc_, Market(OrderSide::kSell, "0.1"));
  // Realized (100100 − 100000) × 0.1 = 10; fee 100100 × 0.1 × 0.0006 = 6.006.
  fills = *ex_.GetFills(acc_);
  ASSERT_EQ(fills.size(), 2u);
  EXPECT_EQ(fills[1].realized_pnl, D("10"));
  EXPECT_EQ(fills[1].fee, D("-6.006"));
  EXPECT_EQ(Balance(acc_), D("9997.994"));
  EXPECT_EQ(Qty(acc_), D("0"));
  const Ledger ledger = Account(acc_).ledger;
  EXPECT_EQ(ledger.transfers, D("10000"));
  EXPECT_EQ(ledger.realized_pnl, D("10"));
  EXPECT_EQ(ledger.fees, D("-12.006"));
  EXPECT_EQ(ledger.Balance(), Balance(acc_));
}

TEST_F(ExchangeTest, MakerFillPaysTheMakerRate) {
  const OrderAck bid = Place(acc_, Limit(OrderSide::kBuy, "0.1", "99900"));
  auto open = *ex_.GetOpenOrders(acc_);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].state, OrderState::kLive);
  // Reserve: 9990 / 20 + 9990 × 0.0006 = 499.5 + 5.994.
  EXPECT_EQ(Account(acc_).locked, D("505.494"));
  // The market comes down through the bid: the user is the maker.
  Book("99800", "99900");
  auto order = *ex_.GetOrder(acc_, "BTCUSDT", OrderRef{bid.order_id, ""});
  EXPECT_EQ(order.state, OrderState::kFilled);
  EXPECT_EQ(order.fee, D("-1.998"));  // 99900 × 0.1 × 0.0002
  EXPECT_EQ(Balance(acc_), D("9998.002"));
  EXPECT_EQ(Account(acc_).locked, D("0"));
  EXPECT_EQ(ex_.GetFills(acc_)->at(0).liquidity, model::LiquiditySide::kMaker);
}

TEST_F(ExchangeTest, AccountValuationFollowsTheMark) {
  Book("99900", "100000");
  Place(acc_, Market(OrderSide::kBuy, "0.1"));
  Mark("101000");
  const AccountView a = Account(acc_);
  EXPECT_EQ(a.balance, D("9994"));
  EXPECT_EQ(a.unrealized_pnl, D("100"));
  EXPECT_EQ(a.equity, D("10094"));
  EXPECT_EQ(a.crossed_margin, D("505"));  // 10100 / 20 at the mark
  EXPECT_EQ(a.available, D("9589"));      // 10094 − 505
  EXPECT_EQ(a.max_open, D("9589"));
  EXPECT_EQ(a.max_transfer_out, D("9489"));  // unrealized profit stays
  const PositionView p = Positions(acc_).at(0);
  EXPECT_EQ(p.hold_side, PositionSide::kLong);
  EXPECT_EQ(p.open_price_avg, D("100000"));
  EXPECT_EQ(p.maintenance, D("46.46"));  // 10100 × (0.004 + 0.0006)
  EXPECT_EQ(p.maintenance_rate, D("0.004"));
}

TEST_F(ExchangeTest, OneWayOrderLargerThanThePositionFlipsIt) {
  Book("99900", "100000");
  Place(acc_, Market(OrderSide::kBuy, "0.1"));
  Place(acc_, Market(OrderSide::kSell, "0.3"));
  EXPECT_EQ(Qty(acc_), D("-0.2"));
  auto fills = *ex_.GetFills(acc_);
  EXPECT_EQ(fills.back().realized_pnl, D("-10"));  // 0.1 closed at 99900
  const PositionView p = Positions(acc_).at(0);
  EXPECT_EQ(p.hold_side, PositionSide::kShort);
  EXPECT_EQ(p.open_price_avg, D("99900"));
}

TEST_F(ExchangeTest, ReduceOnlyNeverIncreases) {
  Book("99900", "100000");
  EXPECT_EQ(CodeOf(ex_.PlaceOrder(acc_, ReduceOnly(Market(OrderSide::kSell, "0.1")))), "22002");
  Place(acc_, Market(OrderSide::kBuy, "0.1"));
  // A reduce-only buy on a long would increase it: nothing to close on that side.
  EXPECT_EQ(CodeOf(ex_.PlaceOrder(acc_, ReduceOnly(Market(OrderSide::kBuy, "0.1")))), "22002");
  EXPECT_EQ(CodeOf(ex_.PlaceOrder(acc_, ReduceOnly(Market(OrderSide::kSell, "0.2")))), "40757");
  Place(acc_, ReduceOnly(Market(OrderSide::kSell, "0.1")));
  EXPECT_EQ(Qty(acc_), D("0"));
}

TEST_F(ExchangeTest, NewReduceOnlyOrderCancelsOlderOnesThatOccupyThePosition) {
  Book("99900", "100000");
  Place(acc_, Market(OrderSide::kBuy, "0.2"));
  const OrderAck first = Place(acc_, ReduceOnly(Limit(OrderSide::kSell, "0.15", "101000")));
  const OrderAck second = Place(acc_, ReduceOnly(Limit(OrderSide::kSell, "0.1", "102000")));
  auto first_view = *ex_.GetOrder(acc_, "BTCUSDT", OrderRef{first.order_id, ""});
  EXPECT_EQ(first_view.state, OrderState::kCanceled);
  EXPECT_EQ(first_view.cancel_reason, CancelReason::kSystem);
  EXPECT_EQ(ex_.GetOrder(acc_, "BTCUSDT", OrderRef{second.order_id, ""})->state, OrderState::kLive);
  const PositionView p = Positions(acc_).at(0);
  EXPECT_EQ(p.locked, D("0.1"));
  EXPECT_EQ(p.available, D("0.1"));
}

TEST_F(ExchangeTest, ReduceOnlyOrdersBeyondAShrunkPositionAreCanceled) {
  Book("99900", "100000");
  Place(acc_, Market(OrderSide::kBuy, "0.2"));
  const OrderAck older = Place(acc_, ReduceOnly(Limit(OrderSide::kSell, "0.1", "101000")));
  const OrderAck newer = Place(acc_, ReduceOnly(Limit(OrderSide::kSell, "0.1", "102000")));
  Place(acc_, Market(OrderSide::kSell, "0.15"));  // not reduce-only: long 0.05 remains
  EXPECT_EQ(ex_.GetOrder(acc_, "BTCUSDT", OrderRef{newer.order_id, ""})->state,
            OrderState::kCanceled);
  EXPECT_EQ(ex_.GetOrder(acc_, "BTCUSDT", OrderRef{older.order_id, ""})->state,
            OrderState::kCanceled);
  EXPECT_TRUE(ex_.GetOpenOrders(acc_)->empty());
}

TEST_F(ExchangeTest, RejectsWithBitgetCodes) {
  Book("99900", "100000");
  auto code = [&](const PlaceOrderRequest& r) { return CodeOf(ex_.PlaceOrder(acc_, r)); };
  PlaceOrderRequest r = Limit(OrderSide::kBuy, "0.1", "99000");
  r.symbol = "NOPEUSDT";
  EXPECT_EQ(code(r), "40102");
  EXPECT_EQ(code(Hedge(Limit(OrderSide::kBuy, "0.1", "99000"), TradeSide::kOpen)), "40774");
  EXPECT_EQ(code(Limit(OrderSide::kBuy, "0.00001", "99000")), "40808");  // size scale
  EXPECT_EQ(code(Limit(OrderSide::kBuy, "0.1", "99000.05")), "41103");   // price scale
  EXPECT_EQ(code(Limit(OrderSide::kBuy, "0.0001", "40000")), "45110");   // 4 USDT < 5
  EXPECT_EQ(code(Limit(OrderSide::kBuy, "1201", "99000")), "40762");     // maxOrderQty
  EXPECT_EQ(code(Market(OrderSide::kBuy, "221")), "40762");              // maxMarketOrderQty
  EXPECT_EQ(code(Limit(OrderSide::kBuy, "0.1", "106000")), "40808");     // price band
  EXPECT_EQ(code(Limit(OrderSide::kBuy, "2", "99000")), "40762");        // balance
  PlaceOrderRequest no_price = Limit(OrderSide::kBuy, "0.1", "99000");
  no_price.price.reset();
  EXPECT_EQ(code(no_price), "40019");
  Place(acc_, Limit(OrderSide::kBuy, "0.1", "99000", "dup"));
  EXPECT_EQ(code(Limit(OrderSide::kBuy, "0.1", "98000", "dup")), "43118");
  const auto rejected = ex_.PlaceOrder(acc_, Limit(OrderSide::kBuy, "2", "99000"));
  EXPECT_EQ(rejected.error().code, core::ErrorCode::kVenueRejected);
  EXPECT_EQ(rejected.error().http_status, 400);
  EXPECT_EQ(rejected.error().message.rfind("The order amount exceeds the balance", 0), 0u);
  EXPECT_EQ(ex_.PlaceOrder(99, Limit(OrderSide::kBuy, "0.1", "99000")).error().code,
            core::ErrorCode::kNotFound);
}

TEST_F(ExchangeTest, RejectsWithoutAMarkAndAboveTheTierLimit) {
  ASSERT_TRUE(ex_.AddInstrument(Eth()).ok());
  PlaceOrderRequest r = Limit(OrderSide::kBuy, "1", "2000");
  r.symbol = "ETHUSDT";
  EXPECT_EQ(CodeOf(ex_.PlaceOrder(acc_, r)), "40823");
  // At 150x the first tier ends at 200,000 USDT of position value.
  ASSERT_TRUE(ex_.SetLeverage(acc_, SetLeverageRequest{"BTCUSDT", 150, {}, {}, {}}).has_value());
  EXPECT_EQ(CodeOf(ex_.PlaceOrder(acc_, Limit(OrderSide::kBuy, "2.1", "99000"))), "40762");
  EXPECT_TRUE(ex_.PlaceOrder(acc_, Limit(OrderSide::kBuy, "1.9", "99000")).has_value());
}

TEST_F(ExchangeTest, MinimumSizeAndSymbolStatus) {
  model::ContractRow row = model::testdata::BtcUsdtRow();
  row.symbol = "MINUSDT";
  row.min_trade_num = "0.001";
  ASSERT_TRUE(ex_.AddInstrument(model::testdata::MustBuild(row)).ok());
  Mark("100000", "MINUSDT");
  PlaceOrderRequest r = Limit(OrderSide::kBuy, "0.0005", "99000");
  r.symbol = "MINUSDT";
  EXPECT_EQ(CodeOf(ex_.PlaceOrder(acc_, r)), "45111");

  row.symbol = "MAINTUSDT";
  row.symbol_status = "maintain";
  ASSERT_TRUE(ex_.AddInstrument(model::testdata::MustBuild(row)).ok());
  Mark("100000", "MAINTUSDT");
  r.symbol = "MAINTUSDT";
  r.size = D("0.01");
  EXPECT_EQ(CodeOf(ex_.PlaceOrder(acc_, r)), "41114");
  row.symbol = "SOONUSDT";
  row.symbol_status = "listed";
  ASSERT_TRUE(ex_.AddInstrument(model::testdata::MustBuild(row)).ok());
  Mark("100000", "SOONUSDT");
  r.symbol = "SOONUSDT";
  EXPECT_EQ(CodeOf(ex_.PlaceOrder(acc_, r)), "43115");
  EXPECT_EQ(ex_.AddInstrument(Btc()).error().code, core::ErrorCode::kAlreadyExists);
}

TEST_F(ExchangeTest, TooManyOpenOrdersIsRefused) {
  for (int i = 0; i < 200; ++i) {
    ASSERT_TRUE(ex_.PlaceOrder(acc_, Limit(OrderSide::kBuy, "0.0001", "90000")).has_value()) << i;
  }
  EXPECT_EQ(CodeOf(ex_.PlaceOrder(acc_, Limit(OrderSide::kBuy, "0.0001", "90000"))), "40761");
}

TEST_F(ExchangeTest, PostOnlyThatWouldTakeIsAcceptedThenCanceled) {
  Book("99900", "100000");
  PlaceOrderRequest r = Limit(OrderSide::kBuy, "0.1", "100000");
  r.force = TimeInForce::kPostOnly;
  const OrderAck ack = Place(acc_, r);
  auto order = *ex_.GetOrder(acc_, "BTCUSDT", OrderRef{ack.order_id, ""});
  EXPECT_EQ(order.state, OrderState::kCanceled);
  EXPECT_EQ(order.cancel_reason, CancelReason::kPostOnlyWouldTake);
  EXPECT_TRUE(ex_.GetFills(acc_)->empty());
}

TEST_F(ExchangeTest, CancelByIdOrClientOid) {
  const OrderAck a = Place(acc_, Limit(OrderSide::kBuy, "0.1", "99000", "mine-1"));
  EXPECT_EQ(CodeOf(ex_.CancelOrder(acc_, "BTCUSDT", OrderRef{12345, ""})), "40768");
  EXPECT_EQ(CodeOf(ex_.CancelOrder(acc_, "BTCUSDT", OrderRef{{}, "nope"})), "40768");
  auto canceled = ex_.CancelOrder(acc_, "BTCUSDT", OrderRef{{}, "mine-1"});
  ASSERT_TRUE(canceled.has_value());
  EXPECT_EQ(canceled->order_id, a.order_id);
  EXPECT_EQ(CodeOf(ex_.CancelOrder(acc_, "BTCUSDT", OrderRef{a.order_id, ""})), "40768");
  EXPECT_EQ(Account(acc_).locked, D("0"));
  EXPECT_EQ(CodeOf(ex_.GetOrder(acc_, "BTCUSDT", OrderRef{777, ""})), "40109");
  EXPECT_EQ(ex_.GetOrderHistory(acc_)->size(), 1u);
}

TEST_F(ExchangeTest, CancelAllAndClosePositions) {
  Book("99900", "100000");
  EXPECT_EQ(CodeOf(ex_.ClosePositions(acc_, std::nullopt, std::nullopt)), "22002");
  Place(acc_, Limit(OrderSide::kBuy, "0.1", "99000"));
  Place(acc_, Limit(OrderSide::kBuy, "0.1", "98000"));
  auto all = ex_.CancelAllOrders(acc_, std::string_view("BTCUSDT"));
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->success.size(), 2u);
  EXPECT_TRUE(ex_.CancelAllOrders(acc_, std::nullopt)->success.empty());

  Place(acc_, Market(OrderSide::kBuy, "0.3"));
  auto closed = ex_.ClosePositions(acc_, std::string_view("BTCUSDT"), std::nullopt);
  ASSERT_TRUE(closed.has_value());
  EXPECT_EQ(closed->success.size(), 1u);
  EXPECT_EQ(Qty(acc_), D("0"));
  EXPECT_EQ(CodeOf(ex_.ClosePositions(acc_, std::nullopt, std::nullopt)), "22002");
}

TEST_F(ExchangeTest, LeverageLimitsAndMarginModeChanges) {
  EXPECT_EQ(ex_.GetSymbolSettings(acc_, "BTCUSDT")->config.cross_leverage, 20);
  EXPECT_EQ(CodeOf(ex_.SetLeverage(acc_, SetLeverageRequest{"BTCUSDT", 151, {}, {}, {}})), "40797");
  EXPECT_EQ(CodeOf(ex_.SetLeverage(acc_, SetLeverageRequest{"BTCUSDT", 0, {}, {}, {}})), "40808");
  EXPECT_EQ(CodeOf(ex_.SetLeverage(acc_, SetLeverageRequest{"NOPE", 5, {}, {}, {}})), "40102");
  auto set = ex_.SetLeverage(acc_, SetLeverageRequest{"BTCUSDT", 10, {}, {}, {}});
  ASSERT_TRUE(set.has_value());
  EXPECT_EQ(set->config.cross_leverage, 10);

  const OrderAck bid = Place(acc_, Limit(OrderSide::kBuy, "0.1", "99000"));
  EXPECT_EQ(CodeOf(ex_.SetMarginMode(acc_, "BTCUSDT", MarginMode::kIsolated)), "45117");
  PlaceOrderRequest isolated = Limit(OrderSide::kBuy, "0.1", "98000");
  isolated.margin_mode = MarginMode::kIsolated;
  EXPECT_EQ(CodeOf(ex_.PlaceOrder(acc_, isolated)), "45117");
  ASSERT_TRUE(ex_.CancelOrder(acc_, "BTCUSDT", OrderRef{bid.order_id, ""}).has_value());
  // With nothing open an isolated order switches the symbol to isolated.
  Place(acc_, isolated);
  EXPECT_EQ(ex_.GetSymbolSettings(acc_, "BTCUSDT")->config.margin_mode, MarginMode::kIsolated);
  ASSERT_TRUE(ex_.CancelAllOrders(acc_, std::nullopt).has_value());
  auto back = ex_.SetMarginMode(acc_, "BTCUSDT", MarginMode::kCrossed);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->config.margin_mode, MarginMode::kCrossed);
}

TEST_F(ExchangeTest, LeverageChangeThatNeedsMoreMarginThanAvailableIsRefused) {
  Book("99900", "100000");
  ASSERT_TRUE(ex_.SetLeverage(acc_, SetLeverageRequest{"BTCUSDT", 100, {}, {}, {}}).has_value());
  Place(acc_, Market(OrderSide::kBuy, "5"));  // 500,000 notional, 5,000 margin at 100x
  EXPECT_EQ(CodeOf(ex_.SetLeverage(acc_, SetLeverageRequest{"BTCUSDT", 10, {}, {}, {}})), "40893");
  EXPECT_EQ(ex_.GetSymbolSettings(acc_, "BTCUSDT")->config.cross_leverage, 100);
  EXPECT_TRUE(ex_.SetLeverage(acc_, SetLeverageRequest{"BTCUSDT", 75, {}, {}, {}}).has_value());
}

TEST_F(ExchangeTest, PositionModeSwitchNeedsNothingOpen) {
  Book("99900", "100000");
  Place(acc_, Market(OrderSide::kBuy, "0.1"));
  EXPECT_EQ(CodeOf(ex_.SetPositionMode(acc_, PositionMode::kHedge)), "40920");
  Place(acc_, Market(OrderSide::kSell, "0.1"));
  EXPECT_TRUE(ex_.SetPositionMode(acc_, PositionMode::kHedge).ok());
  EXPECT_EQ(Account(acc_).pos_mode, PositionMode::kHedge);
}

TEST_F(ExchangeTest, WithdrawUpToMaxTransferOut) {
  EXPECT_EQ(ex_.Withdraw(acc_, D("10000.01")).error().venue_code, "43117");
  EXPECT_TRUE(ex_.Withdraw(acc_, D("4000")).ok());
  EXPECT_EQ(Balance(acc_), D("6000"));
  EXPECT_EQ(Account(acc_).ledger.transfers, D("6000"));
}

TEST_F(ExchangeTest, EmitsOrderFillPositionAndAccountEvents) {
  Book("99900", "100000");
  ex_.TakeEvents();
  Place(acc_, Market(OrderSide::kBuy, "0.1"));
  const auto events = ex_.TakeEvents();
  const auto orders = EventsOf<OrderEvent>(events);
  ASSERT_EQ(orders.size(), 2u);
  EXPECT_EQ(orders[0].order.state, OrderState::kLive);
  EXPECT_FALSE(orders[0].fill.has_value());
  EXPECT_EQ(orders[1].order.state, OrderState::kFilled);
  ASSERT_TRUE(orders[1].fill.has_value());
  EXPECT_EQ(EventsOf<FillEvent>(events).size(), 1u);
  const auto positions = EventsOf<PositionEvent>(events);
  ASSERT_EQ(positions.size(), 1u);
  ASSERT_EQ(positions[0].positions.size(), 1u);
  EXPECT_EQ(positions[0].positions[0].total, D("0.1"));
  const auto accounts = EventsOf<AccountEvent>(events);
  ASSERT_EQ(accounts.size(), 1u);
  EXPECT_EQ(accounts[0].account.balance, D("9994"));
  EXPECT_TRUE(ex_.TakeEvents().empty());
}

TEST_F(ExchangeTest, MarketDataValidation) {
  EXPECT_EQ(ex_.SetMarkPrice("NOPE", D("1")).error().venue_code, "40102");
  EXPECT_FALSE(ex_.SetMarkPrice("BTCUSDT", D("0")).ok());
  EXPECT_FALSE(ex_.SetLiquidity("BTCUSDT", {{D("99900.05"), D("1")}}, {}).ok());
  EXPECT_TRUE(ex_.SetIndexPrice("BTCUSDT", D("99990")).ok());
  EXPECT_TRUE(ex_.SetFundingRate("BTCUSDT", D("0.0001")).ok());
  Book("99900", "100000", "2");
  auto m = *ex_.GetMarket("BTCUSDT");
  EXPECT_EQ(m.mark, D("100000"));
  EXPECT_EQ(m.index, D("99990"));
  EXPECT_EQ(m.funding_rate, D("0.0001"));
  EXPECT_EQ(m.best_bid->price, D("99900"));
  EXPECT_EQ(m.best_ask->size, D("2"));
  EXPECT_EQ(m.next_funding, core::Timestamp::FromSeconds(1'700'006'400));
}

TEST_F(ExchangeTest, OpenInterestAndListings) {
  Book("99900", "100000");
  const AccountId other = NewAccount(PositionMode::kHedge, "10000");
  Place(acc_, Market(OrderSide::kBuy, "0.3"));
  Place(other, Hedge(Market(OrderSide::kBuy, "0.2"), TradeSide::kOpen));
  Place(other, Hedge(Market(OrderSide::kSell, "0.1"), TradeSide::kOpen));
  EXPECT_EQ(ex_.GetMarket("BTCUSDT")->open_interest, D("0.5"));  // Σ long sizes
  EXPECT_EQ(ex_.Symbols(), std::vector<std::string>{"BTCUSDT"});
  EXPECT_EQ(ex_.Accounts(), (std::vector<AccountId>{acc_, other}));
  EXPECT_NE(ex_.FindInstrument("BTCUSDT"), nullptr);
  EXPECT_EQ(ex_.Tiers("BTCUSDT")->max_leverage(), 150);
  EXPECT_EQ(ex_.Book("NOPE"), nullptr);
  EXPECT_EQ(ex_.FindAccount(other)->position_mode(), PositionMode::kHedge);
}

}  // namespace
}  // namespace bgt::sim
