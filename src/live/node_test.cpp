// live::Node end to end against the in-process emulator on loopback (market speed x60, rate
// limits on): a scripted strategy enters on the first closed candle and exits a few bars later;
// the journal, the kernel's stats and the emulator's own ledger (read back through BitgetApi)
// must agree exactly. Crash/restart: a node stopped without flattening right after its entry
// filled (with its journal lost, or with the place-order answer lost) is followed by a second
// node on the same journal and venue that adopts the position, sends no duplicate order, loses
// no fill and flattens cleanly.
#include "live/node.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "bitget/api.h"
#include "bitget/clock_sync.h"
#include "bitget/credential.h"
#include "bitget/endpoints.h"
#include "bitget/rest_client.h"
#include "core/clock.h"
#include "emulator/emulator.h"
#include "emulator/test_client.h"
#include "net/rate_limiter.h"
#include "store/journal.h"
#include "strategy/strategy.h"

namespace bgt::live {
namespace {

using core::Decimal;

const char* const kSymbol = "BTCUSDT";

bitget::Credentials EmulatorCredentials() {
  return emulator::CredentialsOf(emulator::EmulatorAccount{});
}

// Enters long on the `enter_bar`-th closed candle after the first ticker (live data); exits
// `hold_bars` bars after the entry filled (never when 0). Calls `on_filled` once the position is
// open and `on_flat` once it is closed again (the tests stop the node from there).
class EnterThenExit : public strategy::Strategy {
 public:
  EnterThenExit(int enter_bar, int hold_bars) : enter_bar_(enter_bar), hold_bars_(hold_bars) {}
  std::string_view name() const override { return "enter-then-exit"; }

  void OnCandleClosed(strategy::StrategyContext& ctx, const std::string& symbol,
                      const model::Candle& candle) override {
    if (!live_) return;  // warm-up bars (history) come before any ticker
    ++bars_;
    if (bars_ == enter_bar_) {
      auto stop = strategy::PriceFromDouble(ctx.instrument(symbol), candle.close.ToDouble() * 0.95,
                                            core::Rounding::kFloor);
      if (!stop) ADD_FAILURE() << stop.error().ToString();
      if (stop) ctx.Submit(strategy::Entry{symbol, strategy::Side::kLong, *stop, {}, "test"});
    }
    if (open_bar_ > 0 && hold_bars_ > 0 && bars_ == open_bar_ + hold_bars_) {
      ctx.Submit(strategy::Exit{symbol, "test exit"});
    }
  }
  void OnTicker(strategy::StrategyContext&, const model::Ticker&) override { live_ = true; }
  void OnBook(strategy::StrategyContext&, const strategy::TopOfBook& book) override {
    if (book.bid < book.ask && !book.bid_size.IsZero()) ++books;
  }
  void OnPositionChanged(strategy::StrategyContext&, const strategy::PositionView& p) override {
    if (!p.quantity.IsZero() && open_bar_ == 0) {
      open_bar_ = bars_;
      if (on_filled) on_filled();
    } else if (p.quantity.IsZero() && open_bar_ > 0 && !closed_) {
      closed_ = true;
      if (on_flat) on_flat();
    }
  }

  std::function<void()> on_filled;
  std::function<void()> on_flat;
  std::atomic<int> books{0};  // valid tops of book seen

 private:
  int enter_bar_;
  int hold_bars_;
  int bars_ = 0;
  int open_bar_ = 0;
  bool closed_ = false;
  bool live_ = false;
};

// bgt's own client on the emulator, for reading the venue's side independently of the node.
struct VenueReader : emulator::EmulatorClient {
  explicit VenueReader(const std::string& base_url) : EmulatorClient(base_url, Retrying()) {}
  static emulator::EmulatorClientOptions Retrying() {
    emulator::EmulatorClientOptions options;
    options.max_attempts = bitget::RestClientOptions{}.max_attempts;  // the node's own retries
    return options;
  }

  std::vector<bitget::FillInfo> Fills() {
    bitget::FillsQuery query;
    query.symbol = kSymbol;
    query.limit = 100;
    auto fills = api->GetFills(query);
    EXPECT_TRUE(fills.has_value()) << fills.error().ToString();
    return fills ? fills->fill_list : std::vector<bitget::FillInfo>{};
  }
  std::vector<bitget::OrderInfo> Orders() {
    bitget::OrdersHistoryQuery query;
    query.symbol = kSymbol;
    query.limit = 100;
    auto orders = api->GetOrderHistory(query);
    EXPECT_TRUE(orders.has_value()) << orders.error().ToString();
    return orders ? orders->entrusted_list : std::vector<bitget::OrderInfo>{};
  }
  Decimal PositionTotal() {
    auto positions = api->GetPositions({});
    EXPECT_TRUE(positions.has_value()) << positions.error().ToString();
    Decimal total;
    if (positions) {
      for (const bitget::PositionInfo& p : *positions) total = total + p.total;
    }
    return total;
  }
  Decimal Equity() {
    bitget::AccountQuery query;
    query.symbol = kSymbol;
    auto account = api->GetAccount(query);
    EXPECT_TRUE(account.has_value()) << account.error().ToString();
    return account ? account->account_equity : Decimal();
  }
};

Decimal FillFee(const bitget::FillInfo& f) {
  Decimal fee;
  for (const bitget::FeeDetail& d : f.fee_detail) fee = fee + d.total_fee;
  return fee;
}

class NodeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    emulator::EmulatorConfig config;
    config.speed = 60;
    config.rate_limits = true;
    config.history_days = 2;
    auto started = emulator::Emulator::Start(config);
    ASSERT_TRUE(started.has_value()) << started.error().ToString();
    emulator_ = std::move(*started);
    venue_ = std::make_unique<VenueReader>(emulator_->RestUrl());
    journal_path_ = (std::filesystem::temp_directory_path() /
                     ("bgt_node_test_" + std::to_string(::getpid()) + "_" +
                      ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                        .string();
    std::filesystem::remove(journal_path_);
  }
  void TearDown() override {
    venue_.reset();
    std::filesystem::remove(journal_path_);
    std::filesystem::remove(journal_path_ + "-wal");
    std::filesystem::remove(journal_path_ + "-shm");
  }

  NodeOptions Options(bool with_journal, bool flatten_on_stop) {
    NodeOptions o;
    o.rest_url = emulator_->RestUrl();
    o.ws_public_url = emulator_->WsUrl() + "/v2/ws/public";
    o.ws_private_url = emulator_->WsUrl() + "/v2/ws/private";
    o.credentials = EmulatorCredentials();
    o.symbols = {kSymbol};
    o.history_bars = 20;
    o.kernel.setup.leverage = 5;
    o.journal_path = with_journal ? journal_path_ : "";
    o.run_for = std::chrono::seconds(20);  // a cap: the strategies stop the node earlier
    o.flatten_on_stop = flatten_on_stop;
    o.status_interval = std::chrono::seconds(1);
    o.equity_interval = std::chrono::milliseconds(500);
    if (std::getenv("BGT_NODE_TEST_STATUS") != nullptr) o.status_out = &std::cerr;
    return o;
  }

  enum class StopWhen { kFilled, kFlat, kRunFor };

  // Starts a node with `strategy` and runs it until `when` (the strategy's callbacks stop the
  // node right after the entry filled / once flat again; kRunFor: options.run_for).
  NodeSummary RunNode(NodeOptions options, std::unique_ptr<EnterThenExit> strategy, StopWhen when) {
    last_strategy_ = strategy.get();
    std::atomic<Node*> node_ptr{nullptr};
    auto stop = [&node_ptr] {
      if (Node* n = node_ptr.load()) n->RequestStop();
    };
    if (when == StopWhen::kFilled) strategy->on_filled = stop;
    if (when == StopWhen::kFlat) strategy->on_flat = stop;
    auto factory =
        [&strategy](const std::vector<std::string>&) -> core::Result<std::vector<NamedStrategy>> {
      std::vector<NamedStrategy> strategies;
      strategies.push_back({"test", std::move(strategy)});
      return strategies;
    };
    auto node = Node::Start(std::move(options), factory);
    EXPECT_TRUE(node.has_value()) << node.error().ToString();
    if (!node) return {};
    node_ptr = node->get();
    NodeSummary summary = (*node)->Run();
    node_ptr = nullptr;
    books_seen_ = last_strategy_->books.load();  // the node (owning the strategy) still lives
    return summary;
  }

  std::vector<store::FillRecord> JournalFills() {
    auto journal = store::Journal::Open(journal_path_);
    EXPECT_TRUE(journal.has_value()) << journal.error().ToString();
    if (!journal) return {};
    store::JournalQuery query;
    query.limit = 1000;
    auto fills = (*journal)->Fills(query);
    EXPECT_TRUE(fills.has_value());
    return fills ? *fills : std::vector<store::FillRecord>{};
  }

  // Journal fills = venue fills (by trade id, each once), fees equal.
  void ExpectJournalMatchesVenue() {
    const auto venue_fills = venue_->Fills();
    const auto journal_fills = JournalFills();
    std::set<std::string> venue_ids;
    Decimal venue_fees;
    for (const bitget::FillInfo& f : venue_fills) {
      venue_ids.insert(f.trade_id);
      venue_fees = venue_fees + FillFee(f);
    }
    std::multiset<std::string> journal_ids;
    Decimal journal_fees;
    for (const store::FillRecord& f : journal_fills) {
      journal_ids.insert(f.trade_id);
      journal_fees = journal_fees + f.fee;
    }
    EXPECT_EQ(std::set<std::string>(journal_ids.begin(), journal_ids.end()), venue_ids);
    EXPECT_EQ(journal_ids.size(), venue_fills.size());
    EXPECT_EQ(journal_fees, venue_fees);
  }

  // The summary and the journal's events, for failure messages.
  std::string SummaryOf(const NodeSummary& s) {
    std::string out = SummaryText(s);
    if (auto journal = store::Journal::Open(journal_path_)) {
      store::JournalQuery query;
      query.limit = 50;
      if (auto events = (*journal)->Events(query)) {
        for (const store::EventRecord& e : *events) out += e.kind + ": " + e.message + "\n";
      }
    }
    return out;
  }

  // Venue orders a node placed (clientOid "bgt<run>-<counter>").
  std::vector<std::string> NodeOrderIds() {
    std::vector<std::string> out;
    for (const bitget::OrderInfo& o : venue_->Orders()) {
      if (o.client_oid.rfind("bgt", 0) == 0 && o.client_oid.find("-0") != std::string::npos) {
        out.push_back(o.client_oid);
      }
    }
    return out;
  }

  std::string OrderDump() {
    std::string out;
    for (const bitget::OrderInfo& o : venue_->Orders())
      out += o.client_oid + " " + o.order_id + "\n";
    return out;
  }

  // The second node after a crash: same journal, same venue, flattens on stop.
  void RestartAndFlatten(std::size_t node_orders_before) {
    NodeOptions options = Options(true, true);
    options.run_for = std::chrono::milliseconds(2500);
    // Its strategy would enter on its first bar: the adopted position must stop that.
    const NodeSummary second =
        RunNode(std::move(options), std::make_unique<EnterThenExit>(1, 0), StopWhen::kRunFor);
    bool adopted = false;
    for (const std::string& note : second.notes) {
      adopted = adopted || note.rfind("adopted position BTCUSDT", 0) == 0;
    }
    EXPECT_TRUE(adopted) << SummaryOf(second);
    EXPECT_TRUE(second.flattened);
    EXPECT_TRUE(second.flat_verified) << SummaryOf(second);
    EXPECT_TRUE(venue_->PositionTotal().IsZero());
    EXPECT_EQ(second.stats.orders_submitted, 0) << SummaryOf(second);
    const std::vector<std::string> ids = NodeOrderIds();
    EXPECT_EQ(ids.size(), node_orders_before);  // no duplicate, nothing resent
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
    // No fill counted twice: every journaled fill is a venue fill, once.
    std::set<std::string> venue_ids;
    for (const bitget::FillInfo& f : venue_->Fills()) venue_ids.insert(f.trade_id);
    std::set<std::string> seen;
    for (const store::FillRecord& f : JournalFills()) {
      EXPECT_TRUE(venue_ids.contains(f.trade_id)) << f.trade_id;
      EXPECT_TRUE(seen.insert(f.trade_id).second) << f.trade_id;
    }
  }

  std::unique_ptr<emulator::Emulator> emulator_;
  std::unique_ptr<VenueReader> venue_;
  std::string journal_path_;
  EnterThenExit* last_strategy_ = nullptr;  // owned by the running node
  int books_seen_ = 0;                      // valid tops of book the last run's strategy saw
};

TEST_F(NodeTest, RoundTripAgreesWithJournalStatsAndVenueLedger) {
  const Decimal equity_before = venue_->Equity();
  const NodeSummary s =
      RunNode(Options(true, true), std::make_unique<EnterThenExit>(1, 2), StopWhen::kFlat);
  ASSERT_TRUE(s.flattened) << SummaryOf(s);
  EXPECT_TRUE(s.flat_verified) << SummaryOf(s);
  EXPECT_TRUE(venue_->PositionTotal().IsZero());

  const auto fills = venue_->Fills();
  ASSERT_GE(fills.size(), 2u) << SummaryOf(s);
  Decimal realized;
  Decimal fees;
  for (const bitget::FillInfo& f : fills) {
    realized = realized + f.profit.value_or(Decimal());
    fees = fees + FillFee(f);
  }
  EXPECT_EQ(s.stats.fills, static_cast<int>(fills.size())) << SummaryOf(s);
  EXPECT_EQ(s.stats.round_trips, 1) << SummaryOf(s);
  EXPECT_EQ(s.stats.orders_submitted, 2) << SummaryOf(s);
  EXPECT_EQ(s.stats.fees, fees);
  EXPECT_EQ(s.stats.realized_pnl, realized);
  EXPECT_TRUE(fees.IsNegative());
  // Balance change = realized PnL + fees + funding, funding as the venue's equity implies.
  const Decimal equity_after = venue_->Equity();
  EXPECT_EQ(s.final_equity, equity_after);
  EXPECT_EQ(equity_after - equity_before - realized - fees, s.stats.funding) << SummaryOf(s);
  ExpectJournalMatchesVenue();
  EXPECT_EQ(venue_->Orders().size(), 2u);
  // bgt's fill-built positions agreed with every venue snapshot: no difference was journaled.
  auto journal = store::Journal::Open(journal_path_);
  ASSERT_TRUE(journal.has_value());
  store::JournalQuery query;
  query.limit = 1000;
  // The equity curve: periodic snapshots plus the last one, the venue's equity after the stop.
  auto curve = (*journal)->Equity(query);
  ASSERT_TRUE(curve.has_value());
  ASSERT_GE(curve->size(), 2u);
  EXPECT_EQ(curve->front().equity, equity_after);  // newest first
  EXPECT_EQ(curve->front().fees, fees);
  auto events = (*journal)->Events(query);
  ASSERT_TRUE(events.has_value());
  for (const store::EventRecord& e : *events) {
    EXPECT_FALSE(e.kind == "reconcile" && e.message.find("position: local") != std::string::npos)
        << e.message;
  }
}

// Crash after the entry filled, before its fill reached the journal (the first node runs
// without one): the second node adopts the position, sends nothing new and flattens.
TEST_F(NodeTest, RestartAfterFillBeforeJournalAdoptsAndFlattens) {
  const NodeSummary first =
      RunNode(Options(false, false), std::make_unique<EnterThenExit>(1, 0), StopWhen::kFilled);
  EXPECT_FALSE(first.flattened);
  ASSERT_FALSE(venue_->PositionTotal().IsZero()) << SummaryOf(first);
  ASSERT_EQ(NodeOrderIds().size(), 1u) << OrderDump();
  RestartAndFlatten(1);
}

// The same crash: the entry's fill, missed by the journal, must be journaled by the restart
// (reconciliation reads it from the venue). Fails until TradingKernel::Reconcile journals the
// venue's fills (the report of issue 7's tests has the one-line fix).
TEST_F(NodeTest, RestartJournalsTheFillTheCrashLost) {
  const NodeSummary first =
      RunNode(Options(false, false), std::make_unique<EnterThenExit>(1, 0), StopWhen::kFilled);
  ASSERT_FALSE(venue_->PositionTotal().IsZero()) << SummaryOf(first);
  RestartAndFlatten(1);
  ExpectJournalMatchesVenue();
}

// Crash after the entry was sent, before its answer arrived: the venue executes the order and
// drops the response. The first node must settle it by clientOid (never a second order), then
// stops without flattening; the second node reconciles and flattens.
TEST_F(NodeTest, RestartAfterSendBeforeAckNeverResends) {
  emulator::RestFaults faults;
  faults.drop_response_rate = 1.0;
  faults.paths = {"/api/v2/mix/order/place-order"};
  emulator_->SetFaults(faults);
  const NodeSummary first =
      RunNode(Options(true, false), std::make_unique<EnterThenExit>(1, 0), StopWhen::kFilled);
  emulator_->SetFaults(emulator::RestFaults{});
  EXPECT_GE(emulator_->fault_counters().dropped_responses, 1u);
  EXPECT_FALSE(first.flattened);
  ASSERT_FALSE(venue_->PositionTotal().IsZero()) << SummaryOf(first);
  EXPECT_EQ(first.stats.orders_submitted, 1) << SummaryOf(first);
  ASSERT_EQ(NodeOrderIds().size(), 1u) << OrderDump();
  RestartAndFlatten(1);
  ExpectJournalMatchesVenue();  // the first node journaled its fill; nothing twice
}

// Kill before send: the kernel journaled its order as submitted, then the process died before
// the REST worker sent it. The restart restores the order from the journal, finds it nowhere on
// the venue, asks by clientOid, and settles it as rejected ("never reached the venue"): no
// order is sent for it, then or later.
TEST_F(NodeTest, RestartAfterKillBeforeSendSettlesTheUnsentOrder) {
  const std::string oid = "bgtkilled-000001";
  {
    auto journal = store::Journal::Open(journal_path_);
    ASSERT_TRUE(journal.has_value()) << journal.error().ToString();
    store::OrderRecord order;
    order.client_oid = oid;
    order.symbol = kSymbol;
    order.side = std::string(model::ToString(model::OrderSide::kBuy));
    order.leg = "net";
    order.order_type = std::string(model::ToString(model::OrderType::kMarket));
    order.time_in_force = std::string(model::ToString(model::TimeInForce::kGtc));
    order.size = *Decimal::Parse("0.01");
    order.status = std::string(model::ToString(model::OrderStatus::kSubmitted));
    order.created = core::Timestamp::FromSeconds(1'700'000'000);
    order.updated = order.created;
    ASSERT_TRUE((*journal)->Write(order).ok());
  }
  NodeOptions options = Options(true, true);
  options.run_for = std::chrono::milliseconds(2500);
  const NodeSummary s =
      RunNode(std::move(options), std::make_unique<EnterThenExit>(1000, 0), StopWhen::kRunFor);
  EXPECT_EQ(s.restored_orders, 1) << SummaryOf(s);
  bool reported = false;  // the start-up reconciliation names the order
  for (const std::string& note : s.notes) {
    reported = reported || note.rfind("reconciled " + oid + ": ", 0) == 0;
  }
  EXPECT_TRUE(reported) << SummaryOf(s);
  EXPECT_EQ(s.stats.orders_submitted, 0) << SummaryOf(s);
  for (const bitget::OrderInfo& o : venue_->Orders()) EXPECT_NE(o.client_oid, oid);
  auto journal = store::Journal::Open(journal_path_);
  ASSERT_TRUE(journal.has_value());
  auto history = (*journal)->OrderHistory(oid);
  ASSERT_TRUE(history.has_value());
  ASSERT_FALSE(history->empty());
  EXPECT_EQ(history->back().status, std::string(model::ToString(model::OrderStatus::kRejected)))
      << SummaryOf(s);
  EXPECT_NE(history->back().note.find("never reached the venue"), std::string::npos)
      << history->back().note;
  // A second restart finds nothing left to restore.
  NodeOptions again = Options(true, true);
  again.run_for = std::chrono::milliseconds(1000);
  const NodeSummary t =
      RunNode(std::move(again), std::make_unique<EnterThenExit>(1000, 0), StopWhen::kRunFor);
  EXPECT_EQ(t.restored_orders, 0) << SummaryOf(t);
}

// Books: the node keeps checksum-verified `books` for its symbols; corrupted checksums are
// detected, resynced, and the strategy keeps getting valid tops of book.
TEST_F(NodeTest, BooksAreCheckedResyncedAndReachTheStrategy) {
  emulator::WsFaults faults;
  faults.corrupt_book_checksums = 2;
  emulator_->SetWsFaults(faults);
  NodeOptions options = Options(false, true);
  options.run_for = std::chrono::milliseconds(4000);
  const NodeSummary s =
      RunNode(std::move(options), std::make_unique<EnterThenExit>(1000, 0), StopWhen::kRunFor);
  EXPECT_GE(s.checksum_failures, 1u) << SummaryOf(s);
  EXPECT_GE(s.book_resyncs, s.checksum_failures) << SummaryOf(s);
  EXPECT_GT(books_seen_, 0) << SummaryOf(s);
  EXPECT_TRUE(s.flat_verified) << SummaryOf(s);
}

// A position opened outside bgt, with run.adopted_positions = "leave": its symbol is taken out
// of trading and the stop's flatten leaves it (and its orders) alone; bgt's own symbol is
// flattened and the account counts as flat apart from it.
TEST_F(NodeTest, AdoptedPositionLeftAloneIsNeverTouched) {
  bitget::PlaceOrderRequest order;
  order.symbol = "ETHUSDT";
  order.size = *Decimal::Parse("0.5");
  order.direction = model::OrderSide::kBuy;
  order.order_type = model::OrderType::kMarket;
  order.client_oid = "by-hand-1";
  auto placed = venue_->api->PlaceOrder(order);
  ASSERT_TRUE(placed.has_value()) << placed.error().ToString();

  NodeOptions options = Options(true, true);
  options.symbols = {kSymbol, "ETHUSDT"};
  options.manage_adopted = false;
  options.run_for = std::chrono::milliseconds(2500);
  const NodeSummary s =
      RunNode(std::move(options), std::make_unique<EnterThenExit>(1, 0), StopWhen::kFilled);
  EXPECT_EQ(s.left_alone, std::vector<std::string>{"ETHUSDT"}) << SummaryOf(s);
  EXPECT_TRUE(s.flat_verified) << SummaryOf(s);
  auto positions = venue_->api->GetPositions({});
  ASSERT_TRUE(positions.has_value());
  Decimal eth;
  Decimal btc;
  for (const bitget::PositionInfo& p : *positions) {
    (p.symbol == "ETHUSDT" ? eth : btc) = (p.symbol == "ETHUSDT" ? eth : btc) + p.total;
  }
  EXPECT_EQ(eth, *Decimal::Parse("0.5"));
  EXPECT_TRUE(btc.IsZero());
  for (const bitget::OrderInfo& o : venue_->Orders()) {
    if (o.symbol == "ETHUSDT") {
      EXPECT_EQ(o.client_oid, "by-hand-1");  // bgt sent nothing there
    }
  }
}

// With "manage" (the default) the same position is bgt's to close: the stop flattens it.
TEST_F(NodeTest, AdoptedPositionManagedIsFlattened) {
  bitget::PlaceOrderRequest order;
  order.symbol = "ETHUSDT";
  order.size = *Decimal::Parse("0.5");
  order.direction = model::OrderSide::kBuy;
  order.order_type = model::OrderType::kMarket;
  order.client_oid = "by-hand-2";
  auto placed = venue_->api->PlaceOrder(order);
  ASSERT_TRUE(placed.has_value()) << placed.error().ToString();
  bitget::DepthQuery depth;
  depth.symbol = "ETHUSDT";
  auto book = venue_->api->GetDepth(depth);
  ASSERT_TRUE(book.has_value());
  bitget::PlaceTpslRequest stop;
  stop.symbol = "ETHUSDT";
  stop.plan_type = bitget::PlanType::kPosLoss;
  stop.trigger_price =
      *(book->book.bids.at(0).price * *Decimal::Parse("0.8")).Rescale(2, core::Rounding::kDown);
  stop.position = model::PositionSide::kLong;
  auto tpsl = venue_->api->PlaceTpsl(stop);
  ASSERT_TRUE(tpsl.has_value()) << tpsl.error().ToString();
  NodeOptions options = Options(true, true);
  options.run_for = std::chrono::milliseconds(1500);
  const NodeSummary s =
      RunNode(std::move(options), std::make_unique<EnterThenExit>(1000, 0), StopWhen::kRunFor);
  EXPECT_TRUE(s.left_alone.empty());
  bool noted = false;
  for (const std::string& note : s.notes) {
    noted = noted || note.rfind("adopted position ETHUSDT long 0.5 (opened outside bgt", 0) == 0;
  }
  EXPECT_TRUE(noted) << SummaryOf(s);
  bool plan_noted = false;
  for (const std::string& note : s.notes) {
    plan_noted =
        plan_noted || note.rfind("plan order on the venue: ETHUSDT pos_loss trigger", 0) == 0;
  }
  EXPECT_TRUE(plan_noted) << SummaryOf(s);
  EXPECT_TRUE(s.flat_verified) << SummaryOf(s);  // the plan order canceled too
  EXPECT_TRUE(venue_->PositionTotal().IsZero());
}

// The private stream never comes up (its URL points at a closed port): the node trades on,
// learning its fills and positions from REST polls, and the round trip still balances.
TEST_F(NodeTest, RoundTripWithoutPrivateStreamByRestPolls) {
  NodeOptions options = Options(true, true);
  options.ws_private_url = "ws://127.0.0.1:1/v2/ws/private";
  options.stream_down_after = std::chrono::milliseconds(200);
  options.rest_poll_interval = std::chrono::milliseconds(300);
  const NodeSummary s =
      RunNode(std::move(options), std::make_unique<EnterThenExit>(1, 2), StopWhen::kFlat);
  EXPECT_GT(s.rest_polls, 0u) << SummaryOf(s);
  EXPECT_EQ(s.stats.round_trips, 1) << SummaryOf(s);
  EXPECT_EQ(s.stats.orders_submitted, 2) << SummaryOf(s);
  EXPECT_TRUE(s.flat_verified) << SummaryOf(s);
  ExpectJournalMatchesVenue();
}

// Paper mode wiring: market data from one venue (an emulator standing in for Bitget), orders on
// a second, mirror exchange fed by the node's tickers and books. The market venue never sees an
// order; the paper exchange fills the round trip at the market venue's prices.
TEST_F(NodeTest, PaperRoundTripTradesOnTheMirrorAtTheMarketsPrices) {
  auto contracts = venue_->api->GetContracts({});
  ASSERT_TRUE(contracts.has_value()) << contracts.error().ToString();
  emulator::EmulatorConfig paper_config;
  paper_config.rate_limits = false;
  paper_config.mirror_contracts = *contracts;
  auto paper = emulator::Emulator::Start(paper_config);
  ASSERT_TRUE(paper.has_value()) << paper.error().ToString();
  emulator::Emulator* exchange = paper->get();

  NodeOptions options = Options(false, true);
  options.market_rest_url = emulator_->RestUrl();
  options.market_ws_public_url = emulator_->WsUrl() + "/v2/ws/public";
  options.rest_url = (*paper)->RestUrl();
  options.ws_public_url = (*paper)->WsUrl() + "/v2/ws/public";
  options.ws_private_url = (*paper)->WsUrl() + "/v2/ws/private";
  std::atomic<int> fed{0};
  std::atomic<int> refused{0};
  options.ticker_tap = [&](const model::Ticker& ticker) {
    (exchange->FeedTicker(ticker).ok() ? fed : refused)++;
  };
  options.book_tap = [&](const model::OrderBookSnapshot& book) {
    (exchange->FeedBook(book.symbol, book).ok() ? fed : refused)++;
  };
  const NodeSummary s =
      RunNode(std::move(options), std::make_unique<EnterThenExit>(1, 2), StopWhen::kFlat);
  EXPECT_GT(fed.load(), 0);
  EXPECT_EQ(refused.load(), 0);
  EXPECT_EQ(s.stats.round_trips, 1) << SummaryOf(s);
  EXPECT_TRUE(s.flat_verified) << SummaryOf(s);
  EXPECT_TRUE(venue_->Orders().empty());  // the market venue never got an order
  EXPECT_TRUE(venue_->Fills().empty());

  VenueReader paper_venue((*paper)->RestUrl());
  const auto fills = paper_venue.Fills();
  ASSERT_GE(fills.size(), 2u);
  // Every paper fill lies within the market venue's own range of that minute's candles.
  bitget::CandlesQuery query;
  query.symbol = kSymbol;
  query.granularity = model::Granularity::k1m;
  query.limit = 30;
  auto candles = venue_->api->GetCandles(query);
  ASSERT_TRUE(candles.has_value());
  Decimal low = candles->front().low;
  Decimal high = candles->front().high;
  for (const model::Candle& c : *candles) {
    low = std::min(low, c.low);
    high = std::max(high, c.high);
  }
  for (const bitget::FillInfo& f : fills) {
    EXPECT_GE(f.price, low) << f.trade_id;
    EXPECT_LE(f.price, high) << f.trade_id;
  }
  EXPECT_EQ(s.final_equity, paper_venue.Equity());
}

}  // namespace
}  // namespace bgt::live
