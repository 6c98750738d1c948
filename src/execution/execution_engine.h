// ExecutionEngine: turns planned orders (intent.h) into venue commands and tracks them. Pure: it
// writes commands into an outbox (TakeCommands) and consumes the venue's answers and events;
// an adapter carries the commands out (SimExchange in tests and backtests, Bitget later).
//   - per-symbol set-up (position mode once, margin mode, leverage) before the first order; the
//     symbol's orders wait in the engine until every set-up answer is in. A refusal (45117 /
//     40920 while positions exist) keeps the venue's current mode and is reported;
//   - a unique deterministic clientOid per order (ClientOidGenerator);
//   - every order lives in a model::Order (the order FSM) keyed by clientOid;
//   - an ambiguous answer (core kAmbiguous: timeout / 5xx after sending) leaves the order in
//     flight and queues an order query by clientOid; "not found" then rejects it. Never resent;
//   - cancel, and cancel/replace (the new order is placed once the old one is canceled);
//   - fills are counted once (deduplicated by symbol + trade id);
//   - reconciliation against the venue's open orders and fills converges and reports (the
//     venue's positions are reconciled by portfolio::Portfolio::ApplyPositions);
//   - orders that appear at the venue with an unknown clientOid while open (a TP/SL child, an
//     order placed by hand) are adopted and tracked; fills of unknown orders are ExternalFill;
//   - start-up and crash recovery are one path: Restore(the journal's unfinished orders), then
//     Reconcile(the venue): each restored order is tracked if open at the venue, otherwise
//     queried by clientOid (never resent) and settled by the answer;
//   - an index of the working orders keeps every per-event path O(working orders), however
//     many orders the run has tracked.
// Thread-safety: not thread-safe; belongs to the kernel thread. Time only from the Clock.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/clock.h"
#include "core/decimal.h"
#include "core/result.h"
#include "execution/client_oid.h"
#include "execution/commands.h"
#include "execution/intent.h"
#include "execution/restored_order.h"
#include "model/order.h"

namespace bgt::execution {

struct SymbolSetup {
  model::MarginMode margin_mode = model::MarginMode::kCrossed;
  int leverage = 1;
};

struct ExecutionConfig {
  model::PositionMode position_mode = model::PositionMode::kOneWay;
  SymbolSetup default_setup;  // for symbols traded without an explicit SetupSymbol
  std::string client_oid_prefix = "bgt";
  std::uint64_t last_client_oid = 0;  // restored from the journal
  // Memory bounds of a long run: finished orders and trade ids are forgotten oldest first
  // beyond these counts (a late event of a forgotten order is handled as the venue's: an
  // update of an unknown done order is ignored, a fill is external). Both >= 1.
  std::size_t finished_orders_kept = 10'000;
  std::size_t trade_ids_kept = 200'000;
};

// --- Events ------------------------------------------------------------------------------------
struct OrderStatusChanged {
  std::string client_oid;
  std::string symbol;
  model::OrderStatus from = model::OrderStatus::kInitialized;
  model::OrderStatus to = model::OrderStatus::kInitialized;
  std::string venue_code;  // rejections
  std::string message;
  core::Timestamp ts;
};
struct SetupRefused {
  std::string symbol;
  SetupStep step = SetupStep::kLeverage;
  core::Error error;
  std::string kept;  // what stays in force, e.g. "crossed"
};
struct ExternalFill {  // a fill of an order bgt did not place (TP/SL child, close, liquidation)
  model::Fill fill;
};
struct FillConflict {  // a fill the order refused (overfill, mismatch); not counted
  model::Fill fill;
  core::Error error;
};
struct ReplaceAbandoned {
  std::string old_client_oid;
  std::string new_client_oid;
  std::string reason;
};
// A close-position or stop-loss update the venue refused.
struct PositionCommandFailed {
  std::string symbol;
  model::PositionSide hold_side = model::PositionSide::kLong;
  SpecKind kind = SpecKind::kClosePosition;
  core::Error error;
};
enum class ReconcileKind : std::uint8_t {
  kAdopted,         // open at the venue, unknown locally: now tracked
  kMissingAtVenue,  // working locally, not open at the venue: queried
  kMissedFill,      // a fill not seen before: applied
  kStateMismatch,   // done locally but open at the venue (queried); fills not seen locally;
                    // a restored cancel in flight still open (cancel sent again)
  kSettled,         // a restored order not open at the venue, settled by the venue's answer
};
struct ReconcileDifference {
  ReconcileKind kind = ReconcileKind::kAdopted;
  std::string client_oid;
  std::string detail;
};

using ExecutionEvent = std::variant<OrderStatusChanged, SetupRefused, ExternalFill, FillConflict,
                                    ReplaceAbandoned, PositionCommandFailed, ReconcileDifference>;

enum class FillDisposition : std::uint8_t { kApplied, kDuplicate, kExternal, kConflict };

class ExecutionEngine {
 public:
  // Error (kInvalidArgument) for a bad clientOid prefix or a leverage < 1.
  static core::Result<ExecutionEngine> Create(core::Clock& clock, ExecutionConfig config);
  // The working index points into the order map: a move keeps the map's nodes; a copy
  // rebuilds the index over its own map.
  ExecutionEngine(ExecutionEngine&&) = default;
  ExecutionEngine& operator=(ExecutionEngine&&) = default;
  ExecutionEngine(const ExecutionEngine& other);
  ExecutionEngine& operator=(const ExecutionEngine& other);

  // --- Set-up ------------------------------------------------------------------------------
  // Queues the set-up commands of `symbol` (and the position mode, once). Error
  // (kInvalidArgument) for an empty symbol or leverage < 1.
  core::Status SetupSymbol(const std::string& symbol, SymbolSetup setup);
  void OnSetupResult(const SetupResult& result);
  bool IsReady(const std::string& symbol) const;
  // The account's position mode as the venue has it (after set-up answers).
  model::PositionMode position_mode() const { return position_mode_; }
  std::optional<SymbolSetup> EffectiveSetup(const std::string& symbol) const;

  // --- Orders ------------------------------------------------------------------------------
  // Queues a place-order (kOrder), a close-position or a stop-loss update and returns the
  // order's clientOid ("" for the latter two). Error (kInvalidArgument): empty symbol, size
  // <= 0, a limit without price, a hedge spec on kNet or a one-way spec on a leg, a stop
  // update without a positive stop.
  core::Result<std::string> Submit(const OrderSpec& spec);
  // Queues a cancel. Error: kNotFound (unknown clientOid), kFailedPrecondition (not working).
  core::Status Cancel(const std::string& client_oid);
  // Cancels the order and, once it is canceled, places a copy at `price` with `size` (default:
  // what remains unfilled). Returns the new order's clientOid. Errors as Cancel.
  core::Result<std::string> Replace(const std::string& client_oid,
                                    std::optional<core::Decimal> price,
                                    std::optional<core::Decimal> size = std::nullopt);

  // --- Venue answers and events --------------------------------------------------------------
  // Error (kNotFound) for an unknown clientOid; FSM errors otherwise (the order is unchanged).
  core::Status OnPlaceResult(const std::string& client_oid,
                             const core::Result<std::string>& venue_order_id);
  core::Status OnCancelResult(const std::string& client_oid, const core::Status& result);
  core::Status OnQueryResult(const std::string& client_oid, const core::Result<VenueOrder>& result);
  void OnClosePositionResult(const ClosePositionCommand& command, const core::Status& result);
  void OnStopLossResult(const SetStopLossCommand& command, const core::Status& result);
  // An order's state as pushed by the venue. An open order with an unknown clientOid is adopted.
  core::Status OnOrderUpdate(const VenueOrder& update);
  FillDisposition OnFill(const model::Fill& fill);

  // Start-up and crash recovery, before Reconcile: tracks the orders the journal left unfinished
  // as they were. Nothing is sent, no event is emitted and nothing counts as a submission. Their
  // journaled fills are applied (and their trade ids remembered, so the venue's copies are
  // duplicates), and the clientOid counter moves past every restored id of this prefix. The
  // next Reconcile settles each one: open at the venue, it is tracked; otherwise it is queried
  // by clientOid and the answer settles it (filled / canceled: that state, the fills bgt missed
  // applied from the venue's totals; "not found": rejected, it never reached the venue).
  // Error (kInvalidArgument) naming every order that cannot be restored (a done or initialized
  // status, an invalid request, a fill of another order, a clientOid already tracked or given
  // twice); nothing is restored then.
  core::Status Restore(std::vector<RestoredOrder> orders);

  // Converges on the venue's open orders and fills; returns (and emits) the differences.
  std::vector<ReconcileDifference> Reconcile(const VenueState& venue);

  // --- State -------------------------------------------------------------------------------
  const model::Order* FindOrder(const std::string& client_oid) const;
  // Working orders (order_fsm.h IsWorking), by clientOid. O(working orders).
  std::vector<const model::Order*> WorkingOrders() const;
  // Whether `symbol` has a working order. O(working orders), no allocation.
  bool HasWorkingOrders(std::string_view symbol) const;
  std::size_t working_count() const { return working_.size(); }
  std::size_t tracked_count() const { return orders_.size(); }
  bool IsAmbiguous(const std::string& client_oid) const;
  std::uint64_t last_client_oid() const { return oids_.last(); }

  std::vector<Command> TakeCommands();
  std::vector<ExecutionEvent> TakeEvents();

 private:
  struct Tracked {
    Tracked(model::Order o, OrderSpec s) : order(std::move(o)), spec(std::move(s)) {}
    model::Order order;
    OrderSpec spec;
    bool ambiguous = false;
    bool query_in_flight = false;
    std::optional<std::string> replacement;  // clientOid reserved for the replacing order
    std::optional<core::Decimal> replacement_price;
    std::optional<core::Decimal> replacement_size;
    bool restored = false;  // from the journal, not yet settled against the venue
    bool finished = false;  // done and listed in finished_
  };
  enum class SetupPhase : std::uint8_t { kNone, kPending, kReady };
  struct SymbolState {
    SetupPhase phase = SetupPhase::kNone;
    int pending = 0;
    SymbolSetup setup;
    std::vector<Command> held;
  };

  ExecutionEngine(core::Clock& clock, ExecutionConfig config, ClientOidGenerator oids)
      : clock_(&clock),
        config_(std::move(config)),
        oids_(std::move(oids)),
        position_mode_(config_.position_mode) {}

  void Emit(const std::string& symbol, Command command);
  void ReleaseReady();
  core::Result<std::string> Place(const OrderSpec& spec, std::string client_oid);
  // Runs an FSM step and reports a status change.
  core::Status Step(Tracked& t, core::Status result, model::OrderStatus before);
  void AfterStatus(Tracked& t);
  void Query(Tracked& t);
  Tracked* Find(const std::string& client_oid);
  core::Status Adopt(const VenueOrder& v);
  // Keeps working_ in step with the order's status; called after every status change. A done
  // order joins finished_ and the oldest beyond finished_orders_kept are forgotten.
  void Index(Tracked& t);
  void RememberTrade(const std::string& key);
  core::Result<Tracked> Rebuild(const RestoredOrder& r) const;
  // A restored order's query answer: the venue's final state and the fills bgt missed.
  core::Status Settle(Tracked& t, const VenueOrder& v);

  core::Clock* clock_;
  ExecutionConfig config_;
  ClientOidGenerator oids_;
  model::PositionMode position_mode_;
  bool position_mode_requested_ = false;
  bool position_mode_ready_ = false;
  std::map<std::string, SymbolState> symbols_;
  std::map<std::string, Tracked> orders_;                 // every order tracked (nodes are stable)
  std::map<std::string, Tracked*, std::less<>> working_;  // the working ones, into orders_
  std::deque<std::string> finished_;                      // done orders, oldest first (each once)
  std::set<std::string> trade_ids_;
  std::deque<std::string> trade_order_;  // trade_ids_ by arrival, for forgetting the oldest
  std::vector<Command> commands_;
  std::vector<ExecutionEvent> events_;
};

}  // namespace bgt::execution
