// A long seeded randomized run of SimExchange: four accounts (one-way / hedge × crossed /
// isolated) trade two symbols against moving system liquidity, with TP/SL, trigger orders,
// leverage changes, funding on the clock's timers and liquidations. After EVERY step:
//   - balance = deposits + realized PnL + fees + funding + risk fund, exactly, recomputed from
//     the fills and bills (not from the account's own ledger);
//   - every position equals the signed sum of its fills;
//   - no account is left below maintenance (it was liquidated), and an accepted opening order
//     that rests leaves a non-negative max open available;
//   - closing orders never lock more than their position; reserves are non-negative;
//   - books are never crossed (and the engines' own invariants hold);
//   - every refusal is a venue rejection with a Bitget code.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "sim/exchange.h"
#include "sim/exchange_test_support.h"

namespace bgt::sim {
namespace {

using namespace exch_testing;  // NOLINT(google-build-using-namespace): test helpers
using core::Decimal;

struct SymbolSpec {
  std::string symbol;
  int price_place;    // tick = 10^-price_place
  int volume_place;   // size step = 10^-volume_place
  std::int64_t mark;  // in ticks
  std::int64_t max_lots;
};

class FuzzRun {
 public:
  explicit FuzzRun(std::uint64_t seed)
      : rng_(seed),
        clock_(core::Timestamp::FromSeconds(1'700'000'000)),
        ex_(clock_, SimExchange::Options{.funding_timers = true}) {
    specs_ = {{"BTCUSDT", 1, 4, 1'000'000, 5'000}, {"ETHUSDT", 2, 2, 200'000, 2'000}};
    BGT_CHECK(ex_.AddInstrument(Btc()).ok(), "btc");
    BGT_CHECK(ex_.AddInstrument(Eth()).ok(), "eth");
    for (SymbolSpec& s : specs_) MoveMarket(s, 0);
    const PositionMode modes[] = {PositionMode::kOneWay, PositionMode::kOneWay,
                                  PositionMode::kHedge, PositionMode::kHedge};
    const MarginMode margins[] = {MarginMode::kCrossed, MarginMode::kIsolated, MarginMode::kCrossed,
                                  MarginMode::kIsolated};
    for (int i = 0; i < 4; ++i) {
      const AccountId id = ex_.CreateAccount(modes[i]);
      accounts_.push_back(Trader{id, modes[i], margins[i]});
      Deposit(accounts_.back(), Uniform(500, 20000));
    }
  }

  void Run(int steps) {
    for (step_ = 0; step_ < steps; ++step_) {
      Step();
      Consume(ex_.TakeEvents());
      CheckInvariants();
      if (step_ % 250 == 0) CheckAgainstHistory();
      if (::testing::Test::HasFailure()) return;
    }
  }

  // Totals over the accounts: fills, of which liquidations, and refused requests.
  int fills() const { return Count(false); }
  int liquidations() const { return Count(true); }
  int rejections() const { return rejections_; }
  const std::map<std::string, int>& codes() const { return codes_; }

 private:
  struct Trader {
    AccountId id;
    PositionMode mode;
    MarginMode margin;
  };

  int Count(bool liquidations_only) const {
    int n = 0;
    for (const Trader& t : accounts_) {
      const std::vector<FillView> fills = *ex_.GetFills(t.id);
      for (const FillView& f : fills) {
        if (!liquidations_only || f.source == OrderSource::kLiquidation) ++n;
      }
    }
    return n;
  }

  std::int64_t Uniform(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }
  bool Chance(int percent) { return Uniform(1, 100) <= percent; }
  static Decimal Scaled(std::int64_t units, int places) {
    return *Decimal::FromParts(units, places);
  }

  void Deposit(const Trader& t, std::int64_t amount) {
    ASSERT_TRUE(ex_.Deposit(t.id, Decimal::FromInt(amount)).ok());
    deposits_[t.id] += Decimal::FromInt(amount);
  }

  void MoveMarket(SymbolSpec& s, std::int64_t drift_ticks) {
    s.mark = std::max<std::int64_t>(s.mark / 2, s.mark + drift_ticks);
    // The mark sometimes carries a digit beyond the tick, as Bitget's does.
    const Decimal mark = Chance(20) ? Scaled(s.mark * 10 + Uniform(1, 9), s.price_place + 1)
                                    : Scaled(s.mark, s.price_place);
    ASSERT_TRUE(ex_.SetMarkPrice(s.symbol, mark).ok());
    std::vector<model::BookLevel> bids;
    std::vector<model::BookLevel> asks;
    const std::int64_t half_spread = Uniform(1, 20);
    for (int i = 0; i < 5; ++i) {
      const std::int64_t gap = half_spread + i * Uniform(1, 30);
      bids.push_back(
          {Scaled(s.mark - gap, s.price_place), Scaled(Uniform(1, s.max_lots), s.volume_place)});
      asks.push_back(
          {Scaled(s.mark + gap, s.price_place), Scaled(Uniform(1, s.max_lots), s.volume_place)});
    }
    if (Chance(10)) bids.clear();  // a one-sided book now and then
    ASSERT_TRUE(ex_.SetLiquidity(s.symbol, bids, asks).ok());
  }

  template <typename R>
  void Expect(const R& r) {
    if (r) return;
    ++rejections_;
    ++codes_[r.error().venue_code];
    EXPECT_EQ(r.error().code, core::ErrorCode::kVenueRejected) << r.error().ToString();
    EXPECT_FALSE(r.error().venue_code.empty()) << r.error().ToString();
  }

  PlaceOrderRequest RandomOrder(const Trader& t, const SymbolSpec& s) {
    PlaceOrderRequest r;
    r.symbol = s.symbol;
    r.margin_mode = t.margin;
    r.side = Chance(50) ? OrderSide::kBuy : OrderSide::kSell;
    r.size = Scaled(Uniform(1, s.max_lots / 5), s.volume_place);
    r.type = Chance(40) ? OrderType::kMarket : OrderType::kLimit;
    if (r.type == OrderType::kLimit) {
      r.price = Scaled(s.mark + Uniform(-s.mark / 50, s.mark / 50), s.price_place);
      const int force = static_cast<int>(Uniform(0, 9));
      r.force = force == 0   ? TimeInForce::kIoc
                : force == 1 ? TimeInForce::kFok
                : force == 2 ? TimeInForce::kPostOnly
                             : TimeInForce::kGtc;
    }
    if (t.mode == PositionMode::kHedge) {
      r.trade_side = Chance(60) ? TradeSide::kOpen : TradeSide::kClose;
    } else {
      r.reduce_only = Chance(20);
    }
    if (Chance(10) && r.type == OrderType::kLimit) {
      const bool opens_long =
          t.mode == PositionMode::kHedge ? r.side == OrderSide::kBuy : r.side == OrderSide::kBuy;
      const std::int64_t away = Uniform(1, s.mark / 20);
      const std::int64_t base = s.mark + Uniform(-s.mark / 50, s.mark / 50);
      r.price = Scaled(base, s.price_place);
      r.preset_take_profit = Scaled(opens_long ? base + away : base - away, s.price_place);
      r.preset_stop_loss = Scaled(opens_long ? base - away : base + away, s.price_place);
    }
    return r;
  }

  void Step() {
    Trader& t = accounts_[Uniform(0, 3)];
    SymbolSpec& s = specs_[Uniform(0, 1)];
    const int action = static_cast<int>(Uniform(0, 99));
    if (action < 20) {
      const std::int64_t scale = Chance(5) ? s.mark / 15 : s.mark / 400;
      MoveMarket(s, Uniform(-scale, scale));
    } else if (action < 55) {
      PlaceOrderRequest r = RandomOrder(t, s);
      const Decimal max_open_before = ex_.GetAccount(t.id)->max_open;
      auto ack = ex_.PlaceOrder(t.id, r);
      Expect(ack);
      if (ack) CheckRestingOrder(t, *ack, r, max_open_before);
    } else if (action < 63) {
      auto open = *ex_.GetOpenOrders(t.id);
      if (!open.empty()) {
        const OrderView& o = open[Uniform(0, static_cast<std::int64_t>(open.size()) - 1)];
        Expect(ex_.CancelOrder(t.id, o.symbol, OrderRef{o.order_id, ""}));
      }
    } else if (action < 66) {
      Expect(ex_.CancelAllOrders(t.id, std::string_view(s.symbol)));
    } else if (action < 69) {
      auto r = ex_.ClosePositions(t.id, std::string_view(s.symbol), std::nullopt);
      if (!r) {
        EXPECT_EQ(r.error().venue_code, "22002");
      }
    } else if (action < 73) {
      SetLeverageRequest lev{s.symbol, static_cast<int>(Uniform(1, 160)), {}, {}, {}};
      if (Chance(30)) lev.hold_side = Chance(50) ? PositionSide::kLong : PositionSide::kShort;
      Expect(ex_.SetLeverage(t.id, lev));
    } else if (action < 81) {
      PlaceRandomTpsl(t, s);
    } else if (action < 85) {
      PlanOrderRequest plan;
      plan.order = RandomOrder(t, s);
      plan.order.preset_take_profit.reset();
      plan.order.preset_stop_loss.reset();
      plan.trigger_price = Scaled(s.mark + Uniform(-s.mark / 100, s.mark / 100), s.price_place);
      plan.trigger_type = Chance(50) ? TriggerType::kMarkPrice : TriggerType::kFillPrice;
      Expect(ex_.PlacePlanOrder(t.id, plan));
    } else if (action < 92) {
      ASSERT_TRUE(ex_.SetFundingRate(s.symbol, Scaled(Uniform(-30, 30), 5)).ok());
      ASSERT_TRUE(clock_.AdvanceBy(std::chrono::minutes(Uniform(1, 240))).ok());
    } else if (action < 94) {
      Deposit(t, Uniform(100, 5000));
    } else if (action < 96) {
      auto r = ex_.SetMarginMode(t.id, s.symbol, t.margin);
      Expect(r);
    } else {
      auto a = *ex_.GetAccount(t.id);
      if (a.max_transfer_out.IsPositive()) {
        const Decimal amount = a.max_transfer_out.Rescale(0, core::Rounding::kDown).value();
        if (amount.IsPositive()) {
          ASSERT_TRUE(ex_.Withdraw(t.id, amount).ok());
          deposits_[t.id] -= amount;
        }
      }
    }
  }

  void PlaceRandomTpsl(const Trader& t, const SymbolSpec& s) {
    auto positions = *ex_.GetPositions(t.id, std::string_view(s.symbol));
    if (positions.empty()) return;
    const PositionView& p = positions[Uniform(0, static_cast<std::int64_t>(positions.size()) - 1)];
    TpslRequest r;
    r.symbol = s.symbol;
    const int type = static_cast<int>(Uniform(0, 3));
    r.plan_type = type == 0   ? PlanType::kPosProfit
                  : type == 1 ? PlanType::kPosLoss
                  : type == 2 ? PlanType::kProfitPlan
                              : PlanType::kLossPlan;
    r.hold_side = p.hold_side;
    r.trigger_type = Chance(50) ? TriggerType::kMarkPrice : TriggerType::kFillPrice;
    const bool above = TpslFiresAbove(r.plan_type, p.hold_side);
    const std::int64_t away = Uniform(-s.mark / 200, s.mark / 50);  // sometimes wrong side
    r.trigger_price = Scaled(above ? s.mark + away : s.mark - away, s.price_place);
    if (!IsWholePosition(r.plan_type)) r.size = Scaled(Uniform(1, s.max_lots / 5), s.volume_place);
    if (Chance(30)) r.execute_price = r.trigger_price;
    Expect(ex_.PlaceTpsl(t.id, r));
  }

  // An accepted limit order that rests untouched either needed max open >= its cost (it opens)
  // or froze nothing (it closes): it never takes max open below zero.
  void CheckRestingOrder(const Trader& t, const OrderAck& ack, const PlaceOrderRequest& r,
                         const Decimal& max_open_before) {
    if (r.type != OrderType::kLimit) return;
    auto o = ex_.GetOrder(t.id, r.symbol, OrderRef{ack.order_id, ""});
    ASSERT_TRUE(o.has_value());
    if (o->state != OrderState::kLive || !o->filled.IsZero()) return;
    const Decimal after = ex_.GetAccount(t.id)->max_open;
    EXPECT_TRUE(!after.IsNegative() || after >= max_open_before)
        << "step " << step_ << ": max open " << max_open_before << " -> " << after;
  }

  void CheckInvariants() {
    for (const Trader& t : accounts_) CheckAccount(t);
    for (const SymbolSpec& s : specs_) {
      const MatchingEngine* book = ex_.Book(s.symbol);
      book->CheckInvariants();
      const auto bid = book->BestBid();
      const auto ask = book->BestAsk();
      if (bid && ask) {
        EXPECT_LT(bid->price, ask->price) << "crossed book at step " << step_;
      }
    }
  }

  // The running totals, from the event stream: what each fill, funding and risk-fund transfer
  // did to the balance, and each position's signed quantity.
  struct Running {
    Decimal flows;
    std::map<std::pair<std::string, PositionSide>, Decimal> qty;
  };

  void Consume(const std::vector<ExchangeEvent>& events) {
    for (const ExchangeEvent& e : events) {
      if (const auto* f = std::get_if<FillEvent>(&e)) {
        Running& r = running_[f->fill.account];
        r.flows += f->fill.realized_pnl + f->fill.fee;
        r.qty[{f->fill.symbol, f->fill.pos_side}] +=
            f->fill.direction == OrderSide::kBuy ? f->fill.size : -f->fill.size;
      } else if (const auto* funding = std::get_if<FundingEvent>(&e)) {
        running_[funding->account].flows += funding->amount;
      } else if (const auto* risk = std::get_if<RiskFundEvent>(&e)) {
        running_[risk->account].flows += risk->amount;
      }
    }
  }

  // The running totals agree with the fills and bills the exchange reports.
  void CheckAgainstHistory() {
    for (const Trader& t : accounts_) {
      Decimal flows;
      const std::vector<FillView> fills = *ex_.GetFills(t.id);
      const std::vector<Bill> bills = *ex_.GetBills(t.id);
      for (const FillView& f : fills) flows += f.realized_pnl + f.fee;
      for (const Bill& b : bills) {
        if (b.type == BillType::kFunding || b.type == BillType::kRiskFund) flows += b.amount;
      }
      EXPECT_EQ(flows, running_[t.id].flows) << "history vs events at step " << step_;
    }
  }

  void CheckAccount(const Trader& t) {
    const AccountView a = *ex_.GetAccount(t.id);
    Running& running = running_[t.id];
    ASSERT_EQ(a.balance, deposits_[t.id] + running.flows)
        << "ledger broken at step " << step_ << " account " << t.id;
    ASSERT_EQ(a.ledger.Balance(), a.balance);
    EXPECT_FALSE(a.locked.IsNegative());

    auto qty = running.qty;
    const auto positions = *ex_.GetPositions(t.id);
    Decimal crossed_mm;
    Decimal crossed_upl;
    for (const PositionView& p : positions) {
      const Decimal signed_qty = p.hold_side == PositionSide::kLong ? p.total : -p.total;
      const std::pair<std::string, PositionSide> key{p.symbol, p.leg};
      EXPECT_EQ(qty[key], signed_qty) << p.symbol << " step " << step_;
      qty.erase(key);
      EXPECT_LE(p.locked, p.total) << "closing orders exceed the position at step " << step_;
      if (p.margin_mode == MarginMode::kIsolated) {
        EXPECT_GT(p.margin + p.unrealized_pnl, p.maintenance)
            << "isolated position left below maintenance at step " << step_;
      } else {
        crossed_mm += p.maintenance;
        crossed_upl += p.unrealized_pnl;
      }
    }
    for (const auto& [key, q] : qty) {
      EXPECT_TRUE(q.IsZero()) << key.first << " fills without a position at step " << step_;
    }
    const Decimal crossed_equity = a.balance - a.isolated_margin + crossed_upl;
    if (crossed_mm.IsPositive()) {
      EXPECT_GT(crossed_equity, crossed_mm)
          << "crossed account left below maintenance at step " << step_;
    }
  }

  std::mt19937_64 rng_;
  core::TestClock clock_;
  SimExchange ex_;
  std::vector<SymbolSpec> specs_;
  std::vector<Trader> accounts_;
  std::map<AccountId, Decimal> deposits_;
  std::map<AccountId, Running> running_;
  int rejections_ = 0;
  std::map<std::string, int> codes_;  // refusals by Bitget code
  int step_ = 0;
};

class ExchangeFuzzTest : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(ExchangeFuzzTest, InvariantsHoldAfterEveryStep) {
  FuzzRun run(GetParam());
  run.Run(5000);
  RecordProperty("fills", run.fills());
  RecordProperty("liquidations", run.liquidations());
  RecordProperty("rejections", run.rejections());
  EXPECT_GT(run.fills(), 200);
  EXPECT_GT(run.rejections(), 10);
  std::printf("seed %llu: %d fills, %d liquidations, %d rejections\n",
              static_cast<unsigned long long>(GetParam()), run.fills(), run.liquidations(),
              run.rejections());
  for (const auto& [code, n] : run.codes()) std::printf("  %s x %d\n", code.c_str(), n);
}

INSTANTIATE_TEST_SUITE_P(Seeds, ExchangeFuzzTest, ::testing::Values(1u, 2u, 20261125u));

}  // namespace
}  // namespace bgt::sim
