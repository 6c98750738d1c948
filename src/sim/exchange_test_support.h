// Test helpers for the SimExchange tests: instruments, a fixture with one funded account on
// BTCUSDT and request builders. Test-only; not part of bgt_sim.
// Thread-safety: plain functions; a fixture belongs to its test.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/check.h"
#include "core/clock.h"
#include "core/decimal.h"
#include "model/contract_rows_testdata.h"
#include "model/instrument.h"
#include "sim/exchange.h"

namespace bgt::sim::exch_testing {

using model::MarginMode;
using model::OrderSide;
using model::OrderType;
using model::PositionMode;
using model::PositionSide;
using model::TimeInForce;
using model::TradeSide;

inline core::Decimal D(std::string_view text) {
  auto d = core::Decimal::Parse(text);
  BGT_CHECK(d.has_value(), "bad decimal literal in a test");
  return *d;
}

// BTCUSDT: tick 0.1, size step and minimum 0.0001, min notional 5, maker 0.0002, taker 0.0006,
// leverage 1..150, funding every 8 h, maxOrderQty 1200, maxMarketOrderQty 220.
inline model::Instrument Btc() { return model::testdata::MustBuild(model::testdata::BtcUsdtRow()); }
// ETHUSDT: tick 0.01, size step and minimum 0.01.
inline model::Instrument Eth() { return model::testdata::MustBuild(model::testdata::EthUsdtRow()); }
// BTCUSDT renamed, with another funding interval.
inline model::Instrument BtcWithFunding(std::string symbol, std::string hours) {
  model::ContractRow row = model::testdata::BtcUsdtRow();
  row.symbol = std::move(symbol);
  row.fund_interval = std::move(hours);
  return model::testdata::MustBuild(row);
}

inline PlaceOrderRequest Limit(OrderSide side, std::string_view size, std::string_view price,
                               std::string client_oid = "") {
  PlaceOrderRequest r;
  r.symbol = "BTCUSDT";
  r.side = side;
  r.type = OrderType::kLimit;
  r.size = D(size);
  r.price = D(price);
  r.client_oid = std::move(client_oid);
  return r;
}

inline PlaceOrderRequest Market(OrderSide side, std::string_view size) {
  PlaceOrderRequest r;
  r.symbol = "BTCUSDT";
  r.side = side;
  r.type = OrderType::kMarket;
  r.size = D(size);
  return r;
}

// Hedge mode: Bitget's side names the position, tradeSide the action.
inline PlaceOrderRequest Hedge(PlaceOrderRequest r, TradeSide trade_side) {
  r.trade_side = trade_side;
  return r;
}

inline PlaceOrderRequest ReduceOnly(PlaceOrderRequest r) {
  r.reduce_only = true;
  return r;
}

template <typename T>
std::vector<T> EventsOf(const std::vector<ExchangeEvent>& events) {
  std::vector<T> out;
  for (const ExchangeEvent& e : events) {
    if (const T* t = std::get_if<T>(&e)) out.push_back(*t);
  }
  return out;
}

// The venue code of a failed result ("" when it succeeded).
template <typename R>
std::string CodeOf(const R& r) {
  return r ? std::string() : r.error().venue_code;
}

// One account (one-way, crossed) with 10,000 USDT on BTCUSDT, mark 100,000, at
// 2023-11-14T22:13:20Z (next 8 h funding: 2023-11-15T00:00:00Z).
class ExchangeTest : public ::testing::Test {
 protected:
  static constexpr std::int64_t kStartSeconds = 1'700'000'000;

  ExchangeTest() : ExchangeTest(SimExchange::Options{}) {}
  explicit ExchangeTest(SimExchange::Options options)
      : clock_(core::Timestamp::FromSeconds(kStartSeconds)), ex_(clock_, options) {
    BGT_CHECK(ex_.AddInstrument(Btc()).ok(), "AddInstrument");
    BGT_CHECK(ex_.SetMarkPrice("BTCUSDT", D("100000")).ok(), "SetMarkPrice");
    acc_ = NewAccount(PositionMode::kOneWay, "10000");
  }

  AccountId NewAccount(PositionMode mode, std::string_view deposit) {
    const AccountId id = ex_.CreateAccount(mode);
    BGT_CHECK(ex_.Deposit(id, D(deposit)).ok(), "Deposit");
    return id;
  }

  // One system level on each side.
  void Book(std::string_view bid, std::string_view ask, std::string_view size = "10",
            std::string_view symbol = "BTCUSDT") {
    std::vector<model::BookLevel> bids;
    std::vector<model::BookLevel> asks;
    if (!bid.empty()) bids.push_back({D(bid), D(size)});
    if (!ask.empty()) asks.push_back({D(ask), D(size)});
    BGT_CHECK(ex_.SetLiquidity(symbol, bids, asks).ok(), "SetLiquidity");
  }

  void Mark(std::string_view mark, std::string_view symbol = "BTCUSDT") {
    BGT_CHECK(ex_.SetMarkPrice(symbol, D(mark)).ok(), "SetMarkPrice");
  }

  OrderAck Place(AccountId account, const PlaceOrderRequest& r) {
    auto ack = ex_.PlaceOrder(account, r);
    EXPECT_TRUE(ack.has_value()) << (ack ? "" : ack.error().ToString());
    return ack ? *ack : OrderAck{};
  }

  std::vector<PositionView> Positions(AccountId account) { return *ex_.GetPositions(account); }
  // The signed quantity of `account`'s position on `leg` (0 when none).
  core::Decimal Qty(AccountId account, PositionSide leg = PositionSide::kNet,
                    std::string_view symbol = "BTCUSDT") {
    for (const PositionView& p : Positions(account)) {
      if (p.symbol == symbol && p.leg == leg) {
        return p.hold_side == PositionSide::kLong ? p.total : -p.total;
      }
    }
    return core::Decimal();
  }
  AccountView Account(AccountId account) { return *ex_.GetAccount(account); }
  core::Decimal Balance(AccountId account) { return Account(account).balance; }

  core::TestClock clock_;
  SimExchange ex_;
  AccountId acc_ = 0;
};

}  // namespace bgt::sim::exch_testing
