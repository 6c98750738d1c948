#include "execution/execution_engine.h"

#include <gtest/gtest.h>

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
