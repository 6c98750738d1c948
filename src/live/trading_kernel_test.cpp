// TradingKernel scenarios on a TestClock with sim::SimExchange as the venue: the kernel's
// commands are carried out on the exchange, the answers go back through the execution engine's
// API (as VenueAdapter::Apply does, then AfterVenueAnswer) and the exchange's events come back
// as OnOrderUpdate / OnFill / OnPositions. A scripted strategy enters and exits on given bars.
#include "live/trading_kernel.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "engines/engine_harness.h"
#include "engines/sim_driver.h"
#include "sim/exchange.h"
#include "store/records.h"

namespace bgt::live {
namespace {

using core::Decimal;
using engines_testing::Btc;
using engines_testing::D;

constexpr std::int64_t kStart = 1'700'000'040;  // a minute boundary

// Emits the intent scripted for the n-th closed bar (1-based) it sees.
class ScriptStrategy : public strategy::Strategy {
 public:
  explicit ScriptStrategy(std::map<int, strategy::IntentBody> script)
      : script_(std::move(script)) {}
  std::string_view name() const override { return "script"; }
  void OnCandleClosed(strategy::StrategyContext& ctx, const std::string&,
                      const model::Candle&) override {
    ++bars_;
    if (auto it = script_.find(bars_); it != script_.end()) ctx.Submit(it->second);
  }

 private:
  std::map<int, strategy::IntentBody> script_;
  int bars_ = 0;
};

risk::RiskConfig Risk() {
  risk::RiskConfig c = engines_testing::LooseRisk();
  c.risk_fraction = D("0.01");
  return c;
}

class KernelOnSim {
 public:
  KernelOnSim(model::PositionMode mode, risk::RiskConfig risk_config,
              std::map<int, strategy::IntentBody> script)
      : clock(core::Timestamp::FromSeconds(kStart)), ex(clock), account(ex.CreateAccount(mode)) {
    BGT_CHECK(ex.Deposit(account, D("10000")).ok(), "Deposit");
    BGT_CHECK(ex.AddInstrument(Btc()).ok(), "AddInstrument");
    KernelConfig config;
    config.execution.position_mode = mode;
    config.execution.client_oid_prefix = "k";
    config.setup = {model::MarginMode::kCrossed, 5};
    config.risk = risk_config;
    config.starting_balance = D("10000");
    auto created = TradingKernel::Create(clock, config, [this](store::JournalRecord record) {
      records.push_back(std::move(record));
    });
    BGT_CHECK(created.has_value(), "TradingKernel::Create");
    kernel = std::move(*created);
    kernel->AddInstrument(Btc());
    kernel->AddStrategy(std::make_unique<ScriptStrategy>(std::move(script)), "script");
  }

  // Moves the market to `price` (mark, book, a ticker to the kernel), then closes a bar there.
  void Bar(std::string_view price_text) {
    const Decimal price = D(price_text);
    BGT_CHECK(ex.SetMarkPrice("BTCUSDT", price).ok(), "SetMarkPrice");
    const Decimal tick = Btc().tick_size();
    BGT_CHECK(
        ex.SetLiquidity("BTCUSDT", {{price - tick, D("1000")}}, {{price + tick, D("1000")}}).ok(),
        "SetLiquidity");
    Pump();
    model::Ticker ticker;
    ticker.symbol = "BTCUSDT";
    ticker.last_price = price;
    ticker.mark_price = price;
    ticker.ts = clock.Now();
    kernel->OnTicker(ticker);
    Run();
    model::Candle candle;
    candle.open_time = clock.Now();
    candle.open = candle.high = candle.low = candle.close = price;
    candle.base_volume = D("1");
    candle.quote_volume = price;
    BGT_CHECK(clock.AdvanceBy(std::chrono::minutes(1)).ok(), "AdvanceBy");
    kernel->OnCandleClosed("BTCUSDT", candle);
    Run();
  }

  // Carries out the kernel's commands until there are none, pumping events after each one.
  void Run() {
    for (int round = 0; round < 100; ++round) {
      std::vector<execution::Command> commands = kernel->TakeCommands();
      if (commands.empty()) break;
      for (const execution::Command& c : commands) {
        executed.push_back(c);
        std::visit([this](const auto& cmd) { Execute(cmd); }, c);
        kernel->AfterVenueAnswer();
        Pump();
      }
    }
    Pump();
  }

  void Pump() {
    for (const sim::ExchangeEvent& e : ex.TakeEvents()) {
      if (const auto* o = std::get_if<sim::OrderEvent>(&e)) {
        if (o->order.account == account) {
          kernel->OnOrderUpdate(engines_testing::ToVenueOrder(o->order));
        }
      } else if (const auto* f = std::get_if<sim::FillEvent>(&e)) {
        if (f->fill.account != account) continue;
        const model::Fill fill = engines_testing::ToFill(f->fill);
        for (int i = 0; i < (duplicate_fills ? 2 : 1); ++i) kernel->OnFill(fill);
      }
    }
  }

  void SendVenuePositions() {
    std::vector<portfolio::PositionSnapshot> out;
    for (const sim::PositionView& p : VenuePositions()) {
      const bool is_long = p.hold_side == model::PositionSide::kLong;
      out.push_back({p.symbol, p.leg, is_long ? p.total : -p.total, p.entry_notional, p.mark,
                     p.leverage, p.liquidation_price, std::nullopt, p.funding});
    }
    kernel->OnPositions(out);
  }

  std::vector<sim::PositionView> VenuePositions() const { return *ex.GetPositions(account); }
  std::vector<sim::OrderView> VenueOpenOrders() const { return *ex.GetOpenOrders(account); }
  std::vector<sim::FillView> VenueFills() const { return *ex.GetFills(account); }
  sim::Ledger VenueLedger() const { return ex.GetAccount(account)->ledger; }

  template <typename T>
  std::vector<T> RecordsOf() const {
    std::vector<T> out;
    for (const store::JournalRecord& r : records) {
      if (const T* t = std::get_if<T>(&r)) out.push_back(*t);
    }
    return out;
  }
  bool HasEvent(std::string_view kind, std::string_view fragment) const {
    for (const store::EventRecord& e : RecordsOf<store::EventRecord>()) {
      if (e.kind == kind && e.message.find(fragment) != std::string::npos) return true;
    }
    return false;
  }
  int PlaceCommands() const {
    int n = 0;
    for (const execution::Command& c : executed) {
      n += std::holds_alternative<execution::PlaceOrderCommand>(c) ? 1 : 0;
    }
    return n;
  }

  core::TestClock clock;
  sim::SimExchange ex;
  sim::AccountId account;
  std::unique_ptr<TradingKernel> kernel;
  std::vector<store::JournalRecord> records;
  std::vector<execution::Command> executed;
  bool duplicate_fills = false;

 private:
  execution::ExecutionEngine& engine() { return kernel->engine(); }

  void Execute(const execution::PlaceOrderCommand& c) {
    sim::PlaceOrderRequest r;
    r.symbol = c.request.symbol;
    r.margin_mode = c.request.margin_mode;
    r.size = c.request.quantity;
    r.price = c.request.price;
    r.side = c.wire_side;
    r.trade_side = c.trade_side;
    r.type = c.request.type;
    r.force = c.request.time_in_force;
    r.client_oid = c.request.client_oid;
    r.reduce_only = c.reduce_only;
    r.preset_take_profit = c.preset_take_profit;
    r.preset_stop_loss = c.preset_stop_loss;
    auto ack = ex.PlaceOrder(account, r);
    (void)engine().OnPlaceResult(c.request.client_oid,
                                 ack ? core::Result<std::string>(std::to_string(ack->order_id))
                                     : core::Result<std::string>(ack.error()));
  }
  void Execute(const execution::CancelOrderCommand& c) {
    auto r = ex.CancelOrder(account, c.symbol, sim::OrderRef{std::nullopt, c.client_oid});
    (void)engine().OnCancelResult(c.client_oid, r ? core::Status::Ok() : core::Status(r.error()));
  }
  void Execute(const execution::QueryOrderCommand& c) {
    auto r = ex.GetOrder(account, c.symbol, sim::OrderRef{std::nullopt, c.client_oid});
    if (r) {
      (void)engine().OnQueryResult(c.client_oid, engines_testing::ToVenueOrder(*r));
    } else {
      (void)engine().OnQueryResult(c.client_oid, r.error());
    }
  }
  void Execute(const execution::SetPositionModeCommand& c) {
    auto r = ex.SetPositionMode(account, c.mode);
    engine().OnSetupResult({"", execution::SetupStep::kPositionMode, r, {}, {}, {}});
  }
  void Execute(const execution::SetMarginModeCommand& c) {
    auto r = ex.SetMarginMode(account, c.symbol, c.mode);
    engine().OnSetupResult({c.symbol,
                            execution::SetupStep::kMarginMode,
                            r ? core::Status::Ok() : core::Status(r.error()),
                            {},
                            {},
                            {}});
  }
  void Execute(const execution::SetLeverageCommand& c) {
    sim::SetLeverageRequest req;
    req.symbol = c.symbol;
    req.leverage = c.leverage;
    auto r = ex.SetLeverage(account, req);
    engine().OnSetupResult({c.symbol,
                            execution::SetupStep::kLeverage,
                            r ? core::Status::Ok() : core::Status(r.error()),
                            {},
                            {},
                            {}});
  }
  void Execute(const execution::ClosePositionCommand& c) {
    auto r = ex.ClosePositions(account, c.symbol, c.hold_side);
    engine().OnClosePositionResult(c, r ? core::Status::Ok() : core::Status(r.error()));
  }
  void Execute(const execution::SetStopLossCommand& c) {
    sim::TpslRequest req;
    req.symbol = c.symbol;
    req.plan_type = sim::PlanType::kPosLoss;
    req.trigger_price = c.trigger;
    req.hold_side = c.hold_side;
    auto r = ex.PlaceTpsl(account, req);
    engine().OnStopLossResult(c, r ? core::Status::Ok() : core::Status(r.error()));
  }
};

std::string Dump(const KernelOnSim& k) {
  std::string out;
  for (const store::EventRecord& e : k.RecordsOf<store::EventRecord>()) {
    out += e.kind + ": " + e.message + "\n";
  }
  for (const store::OrderRecord& o : k.RecordsOf<store::OrderRecord>()) {
    out += "order " + o.client_oid + " " + o.status + "\n";
  }
  return out;
}

strategy::Entry LongEntry(std::string_view stop) {
  return strategy::Entry{"BTCUSDT", strategy::Side::kLong, D(stop), std::nullopt, "test entry"};
}
strategy::Exit ExitAll() { return strategy::Exit{"BTCUSDT", "test exit"}; }

Decimal NetQty(const KernelOnSim& k) {
  Decimal q;
  for (const portfolio::PositionSummary& p : k.kernel->portfolio().Positions()) q = q + p.quantity;
  return q;
}

TEST(TradingKernelTest, EntersAndExitsAndMatchesTheVenueLedger) {
  KernelOnSim k(model::PositionMode::kOneWay, Risk(), {{2, LongEntry("49000")}, {5, ExitAll()}});
  k.Bar("50000");
  EXPECT_EQ(k.PlaceCommands(), 0);
  k.Bar("50000");  // entry: risk 1 % of 10000 over a 1000 stop distance = 0.1 BTC
  ASSERT_EQ(k.VenuePositions().size(), 1u);
  EXPECT_EQ(k.VenuePositions()[0].total, D("0.1"));
  EXPECT_EQ(NetQty(k), D("0.1"));
  k.Bar("50500");
  k.Bar("51000");
  k.Bar("51000");  // exit
  EXPECT_TRUE(k.VenuePositions().empty() || k.VenuePositions()[0].total.IsZero());
  EXPECT_TRUE(NetQty(k).IsZero());

  const KernelStats& s = k.kernel->stats();
  const sim::Ledger ledger = k.VenueLedger();
  const auto fills = k.VenueFills();
  EXPECT_EQ(k.PlaceCommands(), 2);
  EXPECT_EQ(s.orders_submitted, 2);
  EXPECT_EQ(s.fills, static_cast<int>(fills.size()));
  EXPECT_GE(s.fills, 2);
  EXPECT_EQ(s.round_trips, 1);
  EXPECT_EQ(s.winning_round_trips, 1);
  EXPECT_EQ(s.realized_pnl, ledger.realized_pnl);
  EXPECT_EQ(s.fees, ledger.fees);
  EXPECT_TRUE(s.realized_pnl.IsPositive());
  EXPECT_TRUE(s.fees.IsNegative());
  EXPECT_EQ(k.kernel->portfolio().balance(), ledger.Balance());
  EXPECT_TRUE(k.kernel->WorkingOrders().empty());

  // Journal: every fill once, the orders' final states, the round trip event.
  const auto fill_records = k.RecordsOf<store::FillRecord>();
  ASSERT_EQ(fill_records.size(), fills.size());
  Decimal journal_fees;
  for (const store::FillRecord& f : fill_records) journal_fees = journal_fees + f.fee;
  EXPECT_EQ(journal_fees, ledger.fees);
  int filled_orders = 0;
  for (const store::OrderRecord& o : k.RecordsOf<store::OrderRecord>()) {
    if (o.status == "Filled") ++filled_orders;
    EXPECT_EQ(o.symbol, "BTCUSDT");
  }
  EXPECT_EQ(filled_orders, 2) << Dump(k);
  EXPECT_TRUE(k.HasEvent("trade", "round trip closed"));
  EXPECT_TRUE(k.HasEvent("order", "script entry"));
}

TEST(TradingKernelTest, EntryLargerThanTheSymbolCapIsResizedNotRefused) {
  risk::RiskConfig risk = Risk();
  risk.max_symbol_notional = D("2500");
  // Stop 100 away: risk sizing alone asks 1 BTC (50000 USDT); the cap leaves 0.05.
  KernelOnSim k(model::PositionMode::kOneWay, risk, {{1, LongEntry("49900")}});
  k.Bar("50000");
  EXPECT_EQ(k.kernel->stats().orders_denied, 0);
  EXPECT_EQ(k.kernel->stats().orders_submitted, 1);
  ASSERT_EQ(k.VenuePositions().size(), 1u);
  EXPECT_EQ(k.VenuePositions()[0].total, D("0.05"));
  EXPECT_TRUE(k.HasEvent("risk", "resized to the notional caps")) << Dump(k);
}

TEST(TradingKernelTest, DuplicateFillIsCountedOnce) {
  KernelOnSim k(model::PositionMode::kOneWay, Risk(), {{1, LongEntry("49000")}, {2, ExitAll()}});
  k.duplicate_fills = true;
  k.Bar("50000");
  k.Bar("50200");
  const auto fills = k.VenueFills();
  EXPECT_EQ(k.kernel->stats().fills, static_cast<int>(fills.size()));
  EXPECT_EQ(k.RecordsOf<store::FillRecord>().size(), fills.size());
  EXPECT_EQ(k.kernel->stats().fees, k.VenueLedger().fees);
  EXPECT_EQ(k.kernel->stats().realized_pnl, k.VenueLedger().realized_pnl);
  EXPECT_EQ(k.kernel->stats().round_trips, 1);
  EXPECT_TRUE(NetQty(k).IsZero());
}

TEST(TradingKernelTest, ExitAndStopUpdateWithoutAPositionAreIgnored) {
  KernelOnSim k(model::PositionMode::kOneWay, Risk(),
                {{1, ExitAll()}, {2, strategy::StopUpdate{"BTCUSDT", D("48000")}}});
  k.Bar("50000");
  k.Bar("50000");
  EXPECT_TRUE(k.executed.empty());
  EXPECT_EQ(k.kernel->stats().orders_submitted, 0);
  EXPECT_EQ(k.kernel->stats().orders_denied, 0);
  EXPECT_TRUE(k.RecordsOf<store::OrderRecord>().empty());
}

TEST(TradingKernelTest, EntryWhileInAPositionIsSkipped) {
  KernelOnSim k(model::PositionMode::kOneWay, Risk(),
                {{1, LongEntry("49000")}, {2, LongEntry("49000")}});
  k.Bar("50000");
  k.Bar("50000");
  EXPECT_EQ(k.kernel->stats().orders_submitted, 1);
  EXPECT_EQ(NetQty(k), D("0.1"));
  EXPECT_TRUE(k.HasEvent("strategy", "entry skipped: already in a position"));
}

// A resting limit order (sent through the engine directly) and an open position: Flatten
// cancels the one and closes the other.
void FlattenScenario(model::PositionMode mode) {
  KernelOnSim k(mode, Risk(), {{1, LongEntry("49000")}, {2, LongEntry("49000")}});
  k.Bar("50000");
  ASSERT_EQ(k.VenuePositions().size(), 1u);
  execution::OrderSpec resting;
  resting.symbol = "BTCUSDT";
  resting.direction = model::OrderSide::kBuy;
  resting.leg =
      mode == model::PositionMode::kHedge ? model::PositionSide::kLong : model::PositionSide::kNet;
  resting.type = model::OrderType::kLimit;
  resting.size = D("0.01");
  resting.price = D("48000");
  ASSERT_TRUE(k.kernel->engine().Submit(resting).has_value());
  k.Run();
  ASSERT_EQ(k.VenueOpenOrders().size(), 1u);
  ASSERT_EQ(k.kernel->WorkingOrders().size(), 1u);

  k.kernel->Flatten("test");
  k.Run();
  k.SendVenuePositions();
  EXPECT_TRUE(k.VenueOpenOrders().empty());
  for (const sim::PositionView& p : k.VenuePositions()) EXPECT_TRUE(p.total.IsZero());
  EXPECT_TRUE(NetQty(k).IsZero());
  EXPECT_TRUE(k.kernel->WorkingOrders().empty());
  EXPECT_EQ(k.kernel->stats().flattens, 1);
  EXPECT_EQ(k.kernel->trading_state(), risk::TradingState::kHalted);
  EXPECT_EQ(k.kernel->stats().fees, k.VenueLedger().fees);
  EXPECT_EQ(k.kernel->stats().realized_pnl, k.VenueLedger().realized_pnl);
  EXPECT_TRUE(k.HasEvent("risk", "flatten requested"));
  bool canceled = false;
  for (const store::OrderRecord& o : k.RecordsOf<store::OrderRecord>()) {
    canceled = canceled || o.status == "Canceled";
  }
  EXPECT_TRUE(canceled);
  // Halted: a later entry is not sent.
  const int before = k.PlaceCommands();
  k.Bar("50000");
  EXPECT_EQ(k.PlaceCommands(), before);
}

// Enters long on the n-th top of book it sees; remembers every top it was given.
class BookStrategy : public strategy::Strategy {
 public:
  explicit BookStrategy(int enter_on) : enter_on_(enter_on) {}
  std::string_view name() const override { return "book"; }
  void OnBook(strategy::StrategyContext& ctx, const strategy::TopOfBook& book) override {
    seen.push_back(book);
    const strategy::TopOfBook* known = ctx.market().book(book.symbol);
    in_view = known != nullptr && known->bid == book.bid && known->ask == book.ask;
    if (static_cast<int>(seen.size()) == enter_on_) {
      ctx.Submit(strategy::Entry{book.symbol, strategy::Side::kLong, book.bid - D("1000"),
                                 std::nullopt, "book entry"});
    }
  }
  std::vector<strategy::TopOfBook> seen;
  bool in_view = false;

 private:
  int enter_on_;
};

strategy::TopOfBook Top(const char* bid, const char* ask, core::Timestamp ts) {
  return strategy::TopOfBook{"BTCUSDT", D(bid), D("2"), D(ask), D("3"), ts};
}

TEST(TradingKernelTest, OnBookRoutesToTheStrategiesAndPricesTheEntry) {
  KernelOnSim k(model::PositionMode::kOneWay, Risk(), {});
  auto owned = std::make_unique<BookStrategy>(2);
  BookStrategy* book = owned.get();
  k.kernel->AddStrategy(std::move(owned), "book");
  const Decimal tick = Btc().tick_size();
  ASSERT_TRUE(k.ex.SetMarkPrice("BTCUSDT", D("50000")).ok());
  ASSERT_TRUE(k.ex.SetLiquidity("BTCUSDT", {{D("50000") - tick, D("1000")}},
                                {{D("50000") + tick, D("1000")}})
                  .ok());
  // No ticker and no candle yet: the book's mid is the only price.
  k.kernel->OnBook(Top("49999.9", "50000.1", k.clock.Now()));
  k.Run();
  ASSERT_EQ(book->seen.size(), 1u);
  EXPECT_TRUE(book->in_view);  // the strategy's market view has the top before its callback
  EXPECT_EQ(k.PlaceCommands(), 0);
  // A crossed top is refused and not routed.
  k.kernel->OnBook(Top("50000.2", "50000.1", k.clock.Now()));
  EXPECT_EQ(book->seen.size(), 1u);
  EXPECT_TRUE(k.HasEvent("data", "book top refused"));
  k.kernel->OnBook(Top("49999.9", "50000.1", k.clock.Now()));
  k.Run();
  ASSERT_EQ(book->seen.size(), 2u);
  EXPECT_EQ(book->seen[1].bid_size, D("2"));
  EXPECT_EQ(book->seen[1].ask_size, D("3"));
  // Entry sized at the mid 50000 with the stop 1000 below the bid: 1 % of 10000 / 1000.1,
  // on the 0.0001 lot.
  EXPECT_EQ(k.kernel->stats().orders_submitted, 1) << Dump(k);
  ASSERT_EQ(k.VenuePositions().size(), 1u);
  EXPECT_EQ(k.VenuePositions()[0].total, D("0.0999"));
  EXPECT_TRUE(k.HasEvent("order", "book entry")) << Dump(k);
}

// Start-up after a crash: one order rests at the venue, one was journaled as submitted but
// never sent. Restore + Reconcile track the first, query and reject the second; neither is
// counted as a submission nor resent.
TEST(TradingKernelTest, RestoredOrdersAreSettledByTheVenueNotResent) {
  KernelOnSim k(model::PositionMode::kOneWay, Risk(), {});
  // The resting order, placed at the venue by the previous run.
  sim::PlaceOrderRequest resting;
  resting.symbol = "BTCUSDT";
  resting.size = D("0.01");
  resting.price = D("49000");
  resting.side = model::OrderSide::kBuy;
  resting.type = model::OrderType::kLimit;
  resting.client_oid = "k-00000004";
  ASSERT_TRUE(k.ex.SetMarkPrice("BTCUSDT", D("50000")).ok());
  ASSERT_TRUE(k.ex.SetMarginMode(k.account, "BTCUSDT", model::MarginMode::kCrossed).has_value());
  auto ack = k.ex.PlaceOrder(k.account, resting);
  ASSERT_TRUE(ack.has_value()) << ack.error().message;
  (void)k.ex.TakeEvents();

  execution::RestoredOrder open;
  open.client_oid = "k-00000004";
  open.venue_order_id = std::to_string(ack->order_id);
  open.symbol = "BTCUSDT";
  open.side = model::OrderSide::kBuy;
  open.type = model::OrderType::kLimit;
  open.price = D("49000");
  open.size = D("0.01");
  open.status = model::OrderStatus::kAccepted;
  execution::RestoredOrder unsent = open;
  unsent.client_oid = "k-00000005";
  unsent.venue_order_id = "";
  unsent.status = model::OrderStatus::kSubmitted;
  ASSERT_TRUE(k.kernel->Restore({open, unsent}).ok());
  EXPECT_EQ(k.kernel->WorkingOrders().size(), 2u);
  EXPECT_TRUE(k.kernel->TakeCommands().empty());

  execution::VenueState venue;
  for (const sim::OrderView& o : k.VenueOpenOrders()) {
    venue.open_orders.push_back(engines_testing::ToVenueOrder(o));
  }
  k.kernel->Reconcile(venue);
  k.Run();  // the query of k-00000005 goes to the venue: not found
  EXPECT_EQ(k.PlaceCommands(), 0);
  EXPECT_EQ(k.kernel->stats().orders_submitted, 0);
  EXPECT_EQ(k.kernel->stats().orders_rejected, 1);
  ASSERT_EQ(k.kernel->WorkingOrders().size(), 1u);
  EXPECT_EQ(k.kernel->WorkingOrders()[0]->client_oid(), "k-00000004");
  EXPECT_EQ(k.kernel->engine().FindOrder("k-00000005")->status(), model::OrderStatus::kRejected);
  bool journaled = false;
  for (const store::OrderRecord& o : k.RecordsOf<store::OrderRecord>()) {
    if (o.client_oid == "k-00000005" && o.status == "Rejected") {
      journaled = true;
      EXPECT_NE(o.note.find("never reached the venue"), std::string::npos) << o.note;
    }
  }
  EXPECT_TRUE(journaled) << Dump(k);
  EXPECT_TRUE(k.HasEvent("reconcile", "restored 2 unfinished order(s)")) << Dump(k);
  EXPECT_TRUE(k.HasEvent("reconcile", "k-00000005: restored from the journal")) << Dump(k);
  EXPECT_TRUE(k.HasEvent("reconcile", "k-00000005: restored order never reached the venue"))
      << Dump(k);
  // The restored open order is worked like any other: flatten cancels it at the venue.
  k.kernel->Flatten("test");
  k.Run();
  EXPECT_TRUE(k.VenueOpenOrders().empty());
  EXPECT_TRUE(k.kernel->WorkingOrders().empty());
  // A second restore of a tracked order is refused and journaled.
  EXPECT_FALSE(k.kernel->Restore({open}).ok());
  EXPECT_TRUE(k.HasEvent("reconcile", "journal orders not restored"));
}

TEST(TradingKernelTest, FlattenCancelsOrdersAndClosesOneWay) {
  FlattenScenario(model::PositionMode::kOneWay);
}

TEST(TradingKernelTest, FlattenCancelsOrdersAndClosesHedge) {
  FlattenScenario(model::PositionMode::kHedge);
}

}  // namespace
}  // namespace bgt::live
