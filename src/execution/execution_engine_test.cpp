#include "execution/execution_engine.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace bgt::execution {
namespace {

using core::Decimal;
using model::OrderSide;
using model::OrderStatus;
using model::PositionMode;
using model::PositionSide;

Decimal D(const char* text) { return *Decimal::Parse(text); }

template <typename T>
std::vector<T> Only(const std::vector<Command>& commands) {
  std::vector<T> out;
  for (const Command& c : commands) {
    if (const T* t = std::get_if<T>(&c)) out.push_back(*t);
  }
  return out;
}
template <typename T>
std::vector<T> OnlyEvents(const std::vector<ExecutionEvent>& events) {
  std::vector<T> out;
  for (const ExecutionEvent& e : events) {
    if (const T* t = std::get_if<T>(&e)) out.push_back(*t);
  }
  return out;
}

class ExecutionEngineTest : public ::testing::Test {
 protected:
  ExecutionEngine Make(PositionMode mode) {
    ExecutionConfig c;
    c.position_mode = mode;
    c.client_oid_prefix = "t";
    c.default_setup = {model::MarginMode::kCrossed, 5};
    return std::move(*ExecutionEngine::Create(clock_, c));
  }
  // Answers every set-up command successfully.
  static void Ready(ExecutionEngine& e, const std::string& symbol = "BTCUSDT") {
    if (!e.IsReady(symbol) && !e.EffectiveSetup(symbol)) {
      ASSERT_TRUE(e.SetupSymbol(symbol, {model::MarginMode::kCrossed, 5}).ok());
    }
    for (const Command& c : e.TakeCommands()) {
      if (std::holds_alternative<SetPositionModeCommand>(c)) {
        e.OnSetupResult({"", SetupStep::kPositionMode, core::Status::Ok(), {}, {}, {}});
      } else if (std::holds_alternative<SetMarginModeCommand>(c)) {
        e.OnSetupResult({symbol, SetupStep::kMarginMode, core::Status::Ok(), {}, {}, {}});
      } else if (std::holds_alternative<SetLeverageCommand>(c)) {
        e.OnSetupResult({symbol, SetupStep::kLeverage, core::Status::Ok(), {}, {}, {}});
      }
    }
  }
  static OrderSpec Spec(OrderSide side, const char* size, PositionSide leg = PositionSide::kNet) {
    OrderSpec s;
    s.symbol = "BTCUSDT";
    s.direction = side;
    s.leg = leg;
    s.size = D(size);
    return s;
  }
  static model::Fill Fill(const std::string& oid, const char* trade, OrderSide side,
                          const char* qty) {
    model::Fill f;
    f.trade_id = trade;
    f.client_oid = oid;
    f.symbol = "BTCUSDT";
    f.side = side;
    f.price = D("50000");
    f.quantity = D(qty);
    f.fee = D("-0.3");
    return f;
  }

  core::TestClock clock_{core::Timestamp::FromSeconds(1'700'000'000)};
};

TEST(ClientOidTest, DeterministicAndRestorable) {
  auto gen = *ClientOidGenerator::Create("bgt_a");
  EXPECT_EQ(gen.Next(), "bgt_a-00000001");
  EXPECT_EQ(gen.Next(), "bgt_a-00000002");
  auto restored = *ClientOidGenerator::Create("bgt_a", 41);
  EXPECT_EQ(restored.Next(), "bgt_a-00000042");
  EXPECT_FALSE(ClientOidGenerator::Create("bad prefix").has_value());
  EXPECT_FALSE(ClientOidGenerator::Create("").has_value());
}

TEST_F(ExecutionEngineTest, SetupBeforeFirstOrderAndOrdersHeldUntilDone) {
  ExecutionEngine e = Make(PositionMode::kOneWay);
  auto oid = e.Submit(Spec(OrderSide::kBuy, "0.01"));
  ASSERT_TRUE(oid.has_value());
  EXPECT_EQ(*oid, "t-00000001");
  auto cmds = e.TakeCommands();
  ASSERT_EQ(cmds.size(), 3u);  // the place order is held
  EXPECT_TRUE(std::holds_alternative<SetPositionModeCommand>(cmds[0]));
  EXPECT_EQ(std::get<SetMarginModeCommand>(cmds[1]).mode, model::MarginMode::kCrossed);
  EXPECT_EQ(std::get<SetLeverageCommand>(cmds[2]).leverage, 5);
  e.OnSetupResult({"", SetupStep::kPositionMode, core::Status::Ok(), {}, {}, {}});
  e.OnSetupResult({"BTCUSDT", SetupStep::kMarginMode, core::Status::Ok(), {}, {}, {}});
  EXPECT_TRUE(e.TakeCommands().empty());
  // 45117: margin mode cannot change while positions exist -> keep the venue's (isolated).
  core::Error refusal =
      core::MakeError(core::ErrorCode::kVenueRejected, "Currently holding positions");
  refusal.venue_code = "45117";
  e.OnSetupResult({"BTCUSDT", SetupStep::kLeverage, core::Status::Ok(), {}, {}, {}});
  EXPECT_TRUE(e.IsReady("BTCUSDT"));
  auto released = Only<PlaceOrderCommand>(e.TakeCommands());
  ASSERT_EQ(released.size(), 1u);
  EXPECT_EQ(released[0].request.client_oid, "t-00000001");
  EXPECT_EQ(released[0].wire_side, OrderSide::kBuy);
  EXPECT_FALSE(released[0].trade_side.has_value());

  ASSERT_TRUE(e.SetupSymbol("ETHUSDT", {model::MarginMode::kIsolated, 3}).ok());
  e.TakeCommands();
  e.OnSetupResult({"ETHUSDT",
                   SetupStep::kMarginMode,
                   core::Status(refusal),
                   {},
                   model::MarginMode::kCrossed,
                   {}});
  e.OnSetupResult({"ETHUSDT", SetupStep::kLeverage, core::Status::Ok(), {}, {}, {}});
  EXPECT_EQ(e.EffectiveSetup("ETHUSDT")->margin_mode, model::MarginMode::kCrossed);
  const auto refused = OnlyEvents<SetupRefused>(e.TakeEvents());
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].error.venue_code, "45117");
  EXPECT_EQ(refused[0].kept, "crossed");
}

TEST_F(ExecutionEngineTest, OneWayAndHedgeWireFields) {
  ExecutionEngine one = Make(PositionMode::kOneWay);
  Ready(one);
  OrderSpec close = Spec(OrderSide::kSell, "0.01");
  close.closing = true;
  ASSERT_TRUE(one.Submit(close).has_value());
  auto place = Only<PlaceOrderCommand>(one.TakeCommands());
  ASSERT_EQ(place.size(), 1u);
  EXPECT_TRUE(place[0].reduce_only);
  EXPECT_EQ(place[0].wire_side, OrderSide::kSell);
  // A leg in one-way mode is a bug in the caller.
  EXPECT_FALSE(one.Submit(Spec(OrderSide::kBuy, "0.01", PositionSide::kLong)).has_value());

  ExecutionEngine hedge = Make(PositionMode::kHedge);
  OrderSpec close_long = Spec(OrderSide::kSell, "0.01", PositionSide::kLong);
  close_long.closing = true;
  ASSERT_TRUE(hedge.Submit(close_long).has_value());
  Ready(hedge);
  auto h = Only<PlaceOrderCommand>(hedge.TakeCommands());
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].wire_side, OrderSide::kBuy);  // Bitget v2: side names the leg
  EXPECT_EQ(*h[0].trade_side, model::TradeSide::kClose);
  EXPECT_FALSE(h[0].reduce_only);
  EXPECT_FALSE(hedge.Submit(Spec(OrderSide::kBuy, "0.01")).has_value());
}

TEST_F(ExecutionEngineTest, AmbiguousPlaceIsQueriedNeverResent) {
  ExecutionEngine e = Make(PositionMode::kOneWay);
  Ready(e);
  const std::string a = *e.Submit(Spec(OrderSide::kBuy, "0.01"));
  const std::string b = *e.Submit(Spec(OrderSide::kBuy, "0.02"));
  EXPECT_EQ(Only<PlaceOrderCommand>(e.TakeCommands()).size(), 2u);
  ASSERT_TRUE(e.OnPlaceResult(a, core::MakeError(core::ErrorCode::kAmbiguous, "timeout")).ok());
  ASSERT_TRUE(e.OnPlaceResult(b, core::MakeError(core::ErrorCode::kAmbiguous, "HTTP 502")).ok());
  EXPECT_TRUE(e.IsAmbiguous(a));
  auto cmds = e.TakeCommands();
  ASSERT_EQ(cmds.size(), 2u);
  EXPECT_EQ(std::get<QueryOrderCommand>(cmds[0]).client_oid, a);
  EXPECT_EQ(Only<PlaceOrderCommand>(cmds).size(), 0u);
  EXPECT_EQ(e.FindOrder(a)->status(), OrderStatus::kSubmitted);

  VenueOrder found;
  found.client_oid = a;
  found.venue_order_id = "555";
  found.symbol = "BTCUSDT";
  ASSERT_TRUE(e.OnQueryResult(a, found).ok());
  EXPECT_EQ(e.FindOrder(a)->status(), OrderStatus::kAccepted);
  EXPECT_EQ(e.FindOrder(a)->venue_order_id(), "555");
  EXPECT_FALSE(e.IsAmbiguous(a));

  core::Error missing = core::MakeError(core::ErrorCode::kVenueRejected, "cannot be found");
  missing.venue_code = "40109";
  ASSERT_TRUE(e.OnQueryResult(b, missing).ok());
  EXPECT_EQ(e.FindOrder(b)->status(), OrderStatus::kRejected);
  EXPECT_TRUE(e.TakeCommands().empty());  // and nothing resent
}

TEST_F(ExecutionEngineTest, DefinitiveRejection) {
  ExecutionEngine e = Make(PositionMode::kOneWay);
  Ready(e);
  const std::string a = *e.Submit(Spec(OrderSide::kBuy, "0.01"));
  core::Error rej = core::MakeError(core::ErrorCode::kVenueRejected, "less than the minimum");
  rej.venue_code = "45111";
  ASSERT_TRUE(e.OnPlaceResult(a, rej).ok());
  EXPECT_EQ(e.FindOrder(a)->status(), OrderStatus::kRejected);
  EXPECT_EQ(e.FindOrder(a)->venue_code(), "45111");
  const auto changes = OnlyEvents<OrderStatusChanged>(e.TakeEvents());
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[1].to, OrderStatus::kRejected);
  EXPECT_EQ(changes[1].venue_code, "45111");
}

TEST_F(ExecutionEngineTest, FillsCountedOnce) {
  ExecutionEngine e = Make(PositionMode::kOneWay);
  Ready(e);
  const std::string a = *e.Submit(Spec(OrderSide::kBuy, "0.02"));
  ASSERT_TRUE(e.OnPlaceResult(a, std::string("9")).ok());
  EXPECT_EQ(e.OnFill(Fill(a, "T1", OrderSide::kBuy, "0.01")), FillDisposition::kApplied);
  EXPECT_EQ(e.OnFill(Fill(a, "T1", OrderSide::kBuy, "0.01")), FillDisposition::kDuplicate);
  EXPECT_EQ(e.FindOrder(a)->filled_quantity(), D("0.01"));
  EXPECT_EQ(e.FindOrder(a)->status(), OrderStatus::kPartiallyFilled);
  EXPECT_EQ(e.OnFill(Fill(a, "T2", OrderSide::kBuy, "0.02")),
            FillDisposition::kConflict);  // overfill
  EXPECT_EQ(e.OnFill(Fill(a, "T3", OrderSide::kBuy, "0.01")), FillDisposition::kApplied);
  EXPECT_EQ(e.FindOrder(a)->status(), OrderStatus::kFilled);
  EXPECT_EQ(e.OnFill(Fill("other", "T4", OrderSide::kSell, "1")), FillDisposition::kExternal);
  EXPECT_EQ(e.OnFill(Fill("other", "T4", OrderSide::kSell, "1")), FillDisposition::kDuplicate);
}

TEST_F(ExecutionEngineTest, CancelAndReplace) {
  ExecutionEngine e = Make(PositionMode::kOneWay);
  Ready(e);
  OrderSpec s = Spec(OrderSide::kBuy, "0.03");
  s.type = model::OrderType::kLimit;
  s.price = D("49000");
  const std::string a = *e.Submit(s);
  ASSERT_TRUE(e.OnPlaceResult(a, std::string("1")).ok());
  ASSERT_EQ(e.OnFill(Fill(a, "T1", OrderSide::kBuy, "0.01")), FillDisposition::kApplied);
  e.TakeCommands();
  auto b = e.Replace(a, D("49500"));
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(*b, "t-00000002");
  auto cmds = e.TakeCommands();
  ASSERT_EQ(cmds.size(), 1u);
  EXPECT_EQ(std::get<CancelOrderCommand>(cmds[0]).client_oid, a);
  EXPECT_EQ(e.FindOrder(a)->status(), OrderStatus::kPendingCancel);
  ASSERT_TRUE(e.OnCancelResult(a, core::Status::Ok()).ok());
  EXPECT_EQ(e.FindOrder(a)->status(), OrderStatus::kCanceled);
  auto placed = Only<PlaceOrderCommand>(e.TakeCommands());
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(placed[0].request.client_oid, *b);
  EXPECT_EQ(placed[0].request.quantity, D("0.02"));  // what remained
  EXPECT_EQ(*placed[0].request.price, D("49500"));
  EXPECT_FALSE(e.Cancel("nope").ok());
  EXPECT_FALSE(e.Cancel(a).ok());  // no longer working
}

TEST_F(ExecutionEngineTest, CancelRefusedBecauseFilledIsQueried) {
  ExecutionEngine e = Make(PositionMode::kOneWay);
  Ready(e);
  const std::string a = *e.Submit(Spec(OrderSide::kBuy, "0.01"));
  ASSERT_TRUE(e.OnPlaceResult(a, std::string("1")).ok());
  ASSERT_TRUE(e.Cancel(a).ok());
  e.TakeCommands();
  core::Error gone = core::MakeError(core::ErrorCode::kVenueRejected, "Order does not exist");
  gone.venue_code = "40768";
  ASSERT_TRUE(e.OnCancelResult(a, gone).ok());
  EXPECT_EQ(e.FindOrder(a)->status(), OrderStatus::kAccepted);
  auto q = Only<QueryOrderCommand>(e.TakeCommands());
  ASSERT_EQ(q.size(), 1u);
}

TEST_F(ExecutionEngineTest, ReconcileAdoptsQueriesAndAppliesMissedFills) {
  ExecutionEngine e = Make(PositionMode::kOneWay);
  Ready(e);
  const std::string a = *e.Submit(Spec(OrderSide::kBuy, "0.01"));
  const std::string b = *e.Submit(Spec(OrderSide::kBuy, "0.01"));
  ASSERT_TRUE(e.OnPlaceResult(a, std::string("1")).ok());
  ASSERT_TRUE(e.OnPlaceResult(b, std::string("2")).ok());
  e.TakeCommands();
  VenueState venue;
  VenueOrder open_a;
  open_a.client_oid = a;
  open_a.venue_order_id = "1";
  open_a.symbol = "BTCUSDT";
  VenueOrder foreign = open_a;
  foreign.client_oid = "manual-1";
  foreign.venue_order_id = "3";
  foreign.size = D("0.5");
  foreign.price = D("40000");
  venue.open_orders = {open_a, foreign};
  venue.fills = {Fill(a, "T9", OrderSide::kBuy, "0.005")};
  const auto diffs = e.Reconcile(venue);
  ASSERT_EQ(diffs.size(), 3u);
  EXPECT_EQ(diffs[0].kind, ReconcileKind::kMissedFill);
  EXPECT_EQ(diffs[1].kind, ReconcileKind::kAdopted);
  EXPECT_EQ(diffs[1].client_oid, "manual-1");
  EXPECT_EQ(diffs[2].kind, ReconcileKind::kMissingAtVenue);
  EXPECT_EQ(diffs[2].client_oid, b);
  EXPECT_EQ(e.FindOrder(a)->filled_quantity(), D("0.005"));
  EXPECT_EQ(e.FindOrder("manual-1")->status(), OrderStatus::kAccepted);
  auto q = Only<QueryOrderCommand>(e.TakeCommands());
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].client_oid, b);
  // Converged: a second pass with the same picture (and b answered as canceled) is quiet.
  VenueOrder canceled_b = open_a;
  canceled_b.client_oid = b;
  canceled_b.venue_order_id = "2";
  canceled_b.state = VenueOrderState::kCanceled;
  ASSERT_TRUE(e.OnQueryResult(b, canceled_b).ok());
  EXPECT_TRUE(e.Reconcile(venue).empty());
}

// A long run's memory is bounded: finished orders and trade ids beyond the configured counts
// are forgotten oldest first; working orders never are, and recent duplicates still are caught.
TEST_F(ExecutionEngineTest, FinishedOrdersAndTradeIdsAreForgottenOldestFirst) {
  ExecutionConfig c;
  c.client_oid_prefix = "t";
  c.default_setup = {model::MarginMode::kCrossed, 5};
  c.finished_orders_kept = 100;
  c.trade_ids_kept = 50;
  ExecutionEngine e = std::move(*ExecutionEngine::Create(clock_, c));
  Ready(e);
  std::vector<std::string> oids;
  std::vector<model::Fill> fills;
  for (int i = 0; i < 1'000; ++i) {
    const std::string oid = *e.Submit(Spec(OrderSide::kBuy, "0.01"));
    ASSERT_TRUE(e.OnPlaceResult(oid, std::to_string(i)).ok());
    oids.push_back(oid);
    if (i % 100 == 0) continue;  // 10 orders stay working
    fills.push_back(Fill(oid, ("T" + std::to_string(i)).c_str(), OrderSide::kBuy, "0.01"));
    ASSERT_EQ(e.OnFill(fills.back()), FillDisposition::kApplied);
    e.TakeCommands();
    e.TakeEvents();
  }
  EXPECT_EQ(e.working_count(), 10u);
  EXPECT_EQ(e.tracked_count(), 110u);
  EXPECT_EQ(e.FindOrder(oids[1]), nullptr);      // finished long ago: forgotten
  EXPECT_NE(e.FindOrder(oids[0]), nullptr);      // working: kept
  EXPECT_NE(e.FindOrder(oids.back()), nullptr);  // finished last: kept
  EXPECT_EQ(e.WorkingOrders().size(), 10u);
  EXPECT_EQ(e.OnFill(fills.back()), FillDisposition::kDuplicate);  // recent: still known
  EXPECT_EQ(e.OnFill(fills.front()), FillDisposition::kExternal);  // forgotten order and id
  EXPECT_FALSE(e.OnPlaceResult(oids[1], std::string("1")).ok());   // unknown now: kNotFound
}

// Regression: WorkingOrders() scanned every order ever tracked, so the kernel's per-event cost
// grew with the run. The index must hold exactly the working orders after a long run.
TEST_F(ExecutionEngineTest, LongRunWorkingOrdersAreExactlyTheWorkingOnes) {
  ExecutionEngine e = Make(PositionMode::kOneWay);
  Ready(e);
  Ready(e, "ETHUSDT");
  std::vector<std::string> oids;
  std::set<std::string> expected;
  for (int i = 0; i < 10'000; ++i) {
    OrderSpec s = Spec(OrderSide::kBuy, "0.02");
    s.symbol = i % 2 == 0 ? "BTCUSDT" : "ETHUSDT";
    const std::string oid = *e.Submit(s);
    oids.push_back(oid);
    ASSERT_TRUE(e.OnPlaceResult(oid, std::to_string(i)).ok());
    model::Fill f = Fill(oid, ("T" + std::to_string(i)).c_str(), OrderSide::kBuy, "0.02");
    f.symbol = s.symbol;
    switch (i % 5) {
      case 0:  // filled
        ASSERT_EQ(e.OnFill(f), FillDisposition::kApplied);
        break;
      case 1:  // canceled
        ASSERT_TRUE(e.Cancel(oid).ok());
        ASSERT_TRUE(e.OnCancelResult(oid, core::Status::Ok()).ok());
        break;
      case 2:  // partly filled, still working
        f.quantity = D("0.01");
        ASSERT_EQ(e.OnFill(f), FillDisposition::kApplied);
        expected.insert(oid);
        break;
      case 3:  // cancel in flight, still working
        ASSERT_TRUE(e.Cancel(oid).ok());
        expected.insert(oid);
        break;
      default: {  // canceled by the venue (pushed update)
        VenueOrder v;
        v.client_oid = oid;
        v.venue_order_id = std::to_string(i);
        v.symbol = s.symbol;
        v.state = VenueOrderState::kCanceled;
        ASSERT_TRUE(e.OnOrderUpdate(v).ok());
        break;
      }
    }
    if (i % 5 == 4) {
      // A second order placed and rejected by the venue.
      const std::string r = *e.Submit(s);
      oids.push_back(r);
      ASSERT_TRUE(e.OnPlaceResult(r, core::MakeError(core::ErrorCode::kVenueRejected, "no")).ok());
    }
    e.TakeCommands();
    e.TakeEvents();
  }
  // Late events on done orders must not bring them back: a late ack of a filled order, a
  // duplicate cancel answer of a canceled one.
  ASSERT_TRUE(e.OnPlaceResult(oids[0], std::string("0")).ok());
  ASSERT_TRUE(e.OnCancelResult(oids[1], core::Status::Ok()).ok());

  std::set<std::string> got;
  for (const model::Order* o : e.WorkingOrders()) {
    EXPECT_TRUE(model::IsWorking(o->status())) << o->client_oid();
    got.insert(o->client_oid());
  }
  EXPECT_EQ(got, expected);
  EXPECT_EQ(e.working_count(), expected.size());
  EXPECT_EQ(expected.size(), 4'000u);
  EXPECT_EQ(e.tracked_count(), oids.size());
  // The same answer as a scan of every order.
  std::set<std::string> scanned;
  for (const std::string& oid : oids) {
    if (model::IsWorking(e.FindOrder(oid)->status())) scanned.insert(oid);
  }
  EXPECT_EQ(scanned, expected);
  // A copy has its own index, over its own orders.
  const ExecutionEngine copy = e;
  // Settle the rest: nothing is left working.
  for (const std::string& oid : expected) {
    ASSERT_TRUE(e.Cancel(oid).ok());
    ASSERT_TRUE(e.OnCancelResult(oid, core::Status::Ok()).ok());
  }
  EXPECT_TRUE(e.WorkingOrders().empty());
  ASSERT_EQ(copy.working_count(), expected.size());
  for (const model::Order* o : copy.WorkingOrders()) {
    EXPECT_EQ(o, copy.FindOrder(o->client_oid()));
    EXPECT_TRUE(model::IsWorking(o->status()));
  }
  EXPECT_FALSE(e.HasWorkingOrders("BTCUSDT"));
  EXPECT_FALSE(e.HasWorkingOrders("ETHUSDT"));
}

TEST_F(ExecutionEngineTest, HasWorkingOrdersFollowsTheSymbol) {
  ExecutionEngine e = Make(PositionMode::kOneWay);
  Ready(e);
  const std::string a = *e.Submit(Spec(OrderSide::kBuy, "0.01"));
  EXPECT_TRUE(e.HasWorkingOrders("BTCUSDT"));
  EXPECT_FALSE(e.HasWorkingOrders("ETHUSDT"));
  ASSERT_TRUE(e.OnPlaceResult(a, std::string("1")).ok());
  EXPECT_EQ(e.OnFill(Fill(a, "T1", OrderSide::kBuy, "0.01")), FillDisposition::kApplied);
  EXPECT_FALSE(e.HasWorkingOrders("BTCUSDT"));
}

// --- Restore (start-up and crash recovery) ---------------------------------------------------

RestoredOrder Restored(const std::string& oid, OrderStatus status, const char* filled = "0") {
  RestoredOrder r;
  r.client_oid = oid;
  r.venue_order_id = status == OrderStatus::kSubmitted ? "" : "v-" + oid;
  r.symbol = "BTCUSDT";
  r.side = OrderSide::kBuy;
  r.type = model::OrderType::kLimit;
  r.price = D("49000");
  r.size = D("0.02");
  r.filled = D(filled);
  r.status = status;
  return r;
}

VenueOrder AtVenue(const RestoredOrder& r, VenueOrderState state, const char* filled) {
  VenueOrder v;
  v.client_oid = r.client_oid;
  v.venue_order_id = r.venue_order_id.empty() ? "v-" + r.client_oid : r.venue_order_id;
  v.symbol = r.symbol;
  v.state = state;
  v.filled = D(filled);
  v.direction = r.side;
  v.type = r.type;
  v.size = r.size;
  v.price = r.price;
  return v;
}

TEST_F(ExecutionEngineTest, RestoredOpenOrderIsJustTracked) {
  ExecutionEngine e = Make(PositionMode::kOneWay);
  RestoredOrder r = Restored("t-00000007", OrderStatus::kPartiallyFilled, "0.01");
  model::Fill journaled = Fill(r.client_oid, "T1", OrderSide::kBuy, "0.01");
  journaled.venue_order_id = r.venue_order_id;
  r.fills = {journaled};
  ASSERT_TRUE(e.Restore({r}).ok());
  // Nothing sent, nothing reported, nothing counted as a submission.
  EXPECT_TRUE(e.TakeCommands().empty());
  EXPECT_TRUE(e.TakeEvents().empty());
  ASSERT_NE(e.FindOrder(r.client_oid), nullptr);
  EXPECT_EQ(e.FindOrder(r.client_oid)->status(), OrderStatus::kPartiallyFilled);
  EXPECT_EQ(e.FindOrder(r.client_oid)->filled_quantity(), D("0.01"));
  EXPECT_EQ(e.last_client_oid(), 7u);  // new orders never reuse a restored id

  VenueState venue;
  venue.open_orders = {AtVenue(r, VenueOrderState::kPartiallyFilled, "0.01")};
  venue.fills = {journaled};  // the venue's copy of the journaled fill: a duplicate
  EXPECT_TRUE(e.Reconcile(venue).empty());
  EXPECT_TRUE(e.TakeCommands().empty());  // no query, no resend
  EXPECT_TRUE(OnlyEvents<OrderStatusChanged>(e.TakeEvents()).empty());
  ASSERT_EQ(e.WorkingOrders().size(), 1u);
  EXPECT_EQ(e.FindOrder(r.client_oid)->filled_quantity(), D("0.01"));
  // It is an order like any other: it can be canceled, and it fills.
  EXPECT_EQ(e.OnFill(Fill(r.client_oid, "T2", OrderSide::kBuy, "0.01")), FillDisposition::kApplied);
  EXPECT_EQ(e.FindOrder(r.client_oid)->status(), OrderStatus::kFilled);
  Ready(e);
  EXPECT_EQ(*e.Submit(Spec(OrderSide::kBuy, "0.01")), "t-00000008");
}

TEST_F(ExecutionEngineTest, RestoredCancelInFlightStillOpenIsCanceledAgain) {
  ExecutionEngine e = Make(PositionMode::kOneWay);
  const RestoredOrder r = Restored("t-00000002", OrderStatus::kPendingCancel);
  ASSERT_TRUE(e.Restore({r}).ok());
  VenueState venue;
  venue.open_orders = {AtVenue(r, VenueOrderState::kLive, "0")};
  const auto diffs = e.Reconcile(venue);
  ASSERT_EQ(diffs.size(), 1u);
  EXPECT_EQ(diffs[0].kind, ReconcileKind::kStateMismatch);
  const auto cmds = e.TakeCommands();
  ASSERT_EQ(cmds.size(), 1u);
  EXPECT_EQ(std::get<CancelOrderCommand>(cmds[0]).client_oid, r.client_oid);
  ASSERT_TRUE(e.OnCancelResult(r.client_oid, core::Status::Ok()).ok());
  EXPECT_EQ(e.FindOrder(r.client_oid)->status(), OrderStatus::kCanceled);
  EXPECT_TRUE(e.Reconcile(VenueState{}).empty());  // converged
}

TEST_F(ExecutionEngineTest, RestoredOrderFilledWhileDownSettlesFromTheVenueFills) {
  ExecutionEngine e = Make(PositionMode::kOneWay);
  const RestoredOrder r = Restored("t-00000003", OrderStatus::kAccepted);
  ASSERT_TRUE(e.Restore({r}).ok());
  VenueState venue;  // not open any more; its fill is among the venue's recent fills
  model::Fill fill = Fill(r.client_oid, "T5", OrderSide::kBuy, "0.02");
  fill.venue_order_id = r.venue_order_id;
  venue.fills = {fill};
  const auto diffs = e.Reconcile(venue);
  ASSERT_EQ(diffs.size(), 1u);
  EXPECT_EQ(diffs[0].kind, ReconcileKind::kMissedFill);
  EXPECT_EQ(e.FindOrder(r.client_oid)->status(), OrderStatus::kFilled);
  EXPECT_TRUE(e.TakeCommands().empty());  // settled: nothing to ask
  EXPECT_TRUE(e.WorkingOrders().empty());
}

TEST_F(ExecutionEngineTest, RestoredOrderFilledWhileDownIsQueriedAndSettled) {
  ExecutionEngine e = Make(PositionMode::kOneWay);
  const RestoredOrder filled = Restored("t-00000003", OrderStatus::kAccepted);
  const RestoredOrder canceled = Restored("t-00000004", OrderStatus::kPendingCancel);
  ASSERT_TRUE(e.Restore({filled, canceled}).ok());
  EXPECT_EQ(e.FindOrder(canceled.client_oid)->status(), OrderStatus::kPendingCancel);
  const auto diffs = e.Reconcile(VenueState{});  // neither is open, no fills reach back
  ASSERT_EQ(diffs.size(), 2u);
  for (const ReconcileDifference& d : diffs) {
    EXPECT_EQ(d.kind, ReconcileKind::kMissingAtVenue);
    EXPECT_NE(d.detail.find("restored"), std::string::npos) << d.detail;
  }
  auto cmds = e.TakeCommands();
  const auto queries = Only<QueryOrderCommand>(cmds);
  ASSERT_EQ(queries.size(), 2u);
  EXPECT_EQ(queries[0].client_oid, filled.client_oid);
  EXPECT_EQ(queries[1].client_oid, canceled.client_oid);
  EXPECT_EQ(Only<PlaceOrderCommand>(cmds).size(), 0u);
  e.TakeEvents();

  VenueOrder done = AtVenue(filled, VenueOrderState::kFilled, "0.02");
  done.average_price = D("48990");
  ASSERT_TRUE(e.OnQueryResult(filled.client_oid, done).ok());
  const model::Order* f = e.FindOrder(filled.client_oid);
  EXPECT_EQ(f->status(), OrderStatus::kFilled);
  EXPECT_EQ(f->filled_quantity(), D("0.02"));
  EXPECT_EQ(f->filled_notional(), D("979.8"));  // at the venue's average price

  // Canceled after a partial fill.
  ASSERT_TRUE(
      e.OnQueryResult(canceled.client_oid, AtVenue(canceled, VenueOrderState::kCanceled, "0.005"))
          .ok());
  const model::Order* c = e.FindOrder(canceled.client_oid);
  EXPECT_EQ(c->status(), OrderStatus::kCanceled);
  EXPECT_EQ(c->filled_quantity(), D("0.005"));

  const auto events = e.TakeEvents();
  const auto settled = OnlyEvents<ReconcileDifference>(events);
  ASSERT_EQ(settled.size(), 2u);
  EXPECT_EQ(settled[0].kind, ReconcileKind::kSettled);
  EXPECT_EQ(settled[0].client_oid, filled.client_oid);
  EXPECT_NE(settled[0].detail.find("filled at the venue while bgt was down"), std::string::npos)
      << settled[0].detail;
  EXPECT_EQ(settled[1].client_oid, canceled.client_oid);
  EXPECT_NE(settled[1].detail.find("canceled"), std::string::npos) << settled[1].detail;
  const auto changes = OnlyEvents<OrderStatusChanged>(events);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].to, OrderStatus::kFilled);
  EXPECT_EQ(changes[1].to, OrderStatus::kCanceled);
  EXPECT_TRUE(e.WorkingOrders().empty());
  EXPECT_TRUE(e.TakeCommands().empty());
  // The real fill arriving late is not counted twice (the order is already full).
  EXPECT_EQ(e.OnFill(Fill(filled.client_oid, "T8", OrderSide::kBuy, "0.02")),
            FillDisposition::kConflict);
}

TEST_F(ExecutionEngineTest, RestoredOrderThatNeverReachedTheVenueIsRejected) {
  ExecutionEngine e = Make(PositionMode::kOneWay);
  // Journaled as submitted, then bgt was killed before the request left.
  const RestoredOrder r = Restored("t-00000009", OrderStatus::kSubmitted);
  ASSERT_TRUE(e.Restore({r}).ok());
  EXPECT_TRUE(e.FindOrder(r.client_oid)->venue_order_id().empty());
  e.Reconcile(VenueState{});
  const auto queries = Only<QueryOrderCommand>(e.TakeCommands());
  ASSERT_EQ(queries.size(), 1u);
  EXPECT_EQ(queries[0].client_oid, r.client_oid);
  e.TakeEvents();
  core::Error missing = core::MakeError(core::ErrorCode::kVenueRejected, "Order does not exist");
  missing.venue_code = "40109";
  ASSERT_TRUE(e.OnQueryResult(r.client_oid, missing).ok());
  const model::Order* o = e.FindOrder(r.client_oid);
  EXPECT_EQ(o->status(), OrderStatus::kRejected);
  EXPECT_NE(o->reason().find("never reached the venue"), std::string::npos) << o->reason();
  const auto events = e.TakeEvents();
  const auto settled = OnlyEvents<ReconcileDifference>(events);
  ASSERT_EQ(settled.size(), 1u);
  EXPECT_EQ(settled[0].kind, ReconcileKind::kSettled);
  EXPECT_NE(settled[0].detail.find("never reached the venue"), std::string::npos);
  EXPECT_TRUE(e.TakeCommands().empty());  // never resent
  EXPECT_TRUE(e.WorkingOrders().empty());
}

TEST_F(ExecutionEngineTest, RestoreRefusesWhatCannotBeRestored) {
  ExecutionEngine e = Make(PositionMode::kOneWay);
  const RestoredOrder ok = Restored("t-00000001", OrderStatus::kAccepted);
  const RestoredOrder done = Restored("t-00000002", OrderStatus::kFilled);
  RestoredOrder bad = Restored("t-00000003", OrderStatus::kAccepted);
  bad.size = D("0");
  RestoredOrder foreign_fill = Restored("t-00000004", OrderStatus::kAccepted);
  foreign_fill.fills = {Fill("t-00000099", "T1", OrderSide::kBuy, "0.01")};
  const core::Status status = e.Restore({ok, done, bad, ok, foreign_fill});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, core::ErrorCode::kInvalidArgument);
  const std::string& m = status.error().message;
  EXPECT_NE(m.find("t-00000002"), std::string::npos) << m;
  EXPECT_NE(m.find("t-00000003"), std::string::npos) << m;
  EXPECT_NE(m.find("t-00000001: clientOid already tracked"), std::string::npos) << m;
  EXPECT_NE(m.find("t-00000004"), std::string::npos) << m;
  EXPECT_EQ(e.FindOrder("t-00000001"), nullptr);  // all or nothing
  EXPECT_EQ(e.last_client_oid(), 0u);
}

TEST_F(ExecutionEngineTest, DustCloseBecomesClosePosition) {
  ExecutionEngine e = Make(PositionMode::kOneWay);
  Ready(e);
  OrderSpec s = Spec(OrderSide::kSell, "0.00005");
  s.closing = true;
  s.kind = SpecKind::kClosePosition;
  auto oid = e.Submit(s);
  ASSERT_TRUE(oid.has_value());
  EXPECT_EQ(*oid, "");
  auto cmds = e.TakeCommands();
  ASSERT_EQ(cmds.size(), 1u);
  EXPECT_EQ(std::get<ClosePositionCommand>(cmds[0]).hold_side, PositionSide::kLong);
}

}  // namespace
}  // namespace bgt::execution
