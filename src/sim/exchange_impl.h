// Internal to src/sim: the state and helpers behind SimExchange (exchange.h), split over
// exchange.cpp (facade, set-up, market data, the settle loop), exchange_queries.cpp (views and
// queries), exchange_orders.cpp (placing, cancelling, matching-event processing) and
// exchange_risk.cpp (plans, liquidation, funding, leverage and modes). Not a public header;
// include exchange.h.
// Thread-safety: as SimExchange.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/decimal.h"
#include "core/result.h"
#include "model/instrument.h"
#include "sim/account.h"
#include "sim/exchange.h"
#include "sim/exchange_types.h"
#include "sim/funding.h"
#include "sim/margin.h"
#include "sim/matching_engine.h"
#include "sim/tpsl.h"

namespace bgt::sim {

// Error{kVenueRejected, message, code, HTTP 400}: how the simulated venue says no.
core::Error VenueReject(std::string code, std::string message);
// 40102 for `symbol`.
core::Error UnknownSymbol(std::string_view symbol);
// kNotFound without a venue code.
core::Error UnknownAccount(AccountId account);
// Turns a kDenied error with a venue code (model::ValidateOrder, MatchingEngine) into the
// venue's answer (kVenueRejected, HTTP 400); other errors pass unchanged.
core::Error AsVenueError(core::Error error);
// Aborts on overflow (values bounded by the instrument rules).
core::Decimal Product(const core::Decimal& a, const core::Decimal& b);

struct SymbolState {
  SymbolState(const model::Instrument& in, TierTable t, const core::Clock& clock, TradeId first)
      : instrument(in), tiers(std::move(t)), engine(in, clock, MatchingEngine::Options{first}) {}
  model::Instrument instrument;
  TierTable tiers;
  MatchingEngine engine;
  std::optional<core::Decimal> mark;
  std::optional<core::Decimal> index;
};

// A request resolved into position terms.
struct Intent {
  model::OrderSide direction = model::OrderSide::kBuy;
  model::PositionSide leg = model::PositionSide::kNet;
  bool closes = false;  // hedge tradeSide close, or one-way reduceOnly
};

class SimExchange::Impl final : public MarketLookup {
 public:
  Impl(core::Clock& clock, Options options);
  ~Impl() override;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  std::optional<SymbolRisk> Risk(std::string_view symbol) const override;

  // Runs what earlier steps queued (plan triggers, liquidation checks) until nothing is left,
  // then emits the position and account events. Every public entry point ends with it.
  void Settle();

  // ---- lookups and views (exchange.cpp, exchange_queries.cpp)
  SymbolState* FindSymbol(std::string_view symbol);
  const SymbolState* FindSymbol(std::string_view symbol) const;
  SimAccount* FindAccount(AccountId id);
  const SimAccount* FindAccount(AccountId id) const;
  core::Decimal Quantity(const SimAccount& acc, const LegKey& key) const;
  // The size an order of `direction` on `leg` can reduce (0 when it would increase).
  core::Decimal Reducible(const SimAccount& acc, const LegKey& key,
                          model::OrderSide direction) const;
  // Open closing orders of the account on the leg in `direction`, oldest first.
  std::vector<OrderId> ClosingOrders(AccountId account, const LegKey& key,
                                     model::OrderSide direction) const;
  core::Decimal LockedBy(const std::vector<OrderId>& ids) const;
  // The position a TP/SL of `hold_side` (kLong/kShort) protects: the net position in one-way
  // mode, the leg in hedge mode; HoldsPosition says whether it is open in that direction.
  LegKey PositionKey(const SimAccount& acc, std::string_view symbol,
                     model::PositionSide hold_side) const;
  bool HoldsPosition(const SimAccount& acc, std::string_view symbol,
                     model::PositionSide hold_side) const;
  // Market orders' protection price: mark × (1 ± the instrument's price-band ratio).
  std::optional<core::Decimal> Protection(const SymbolState& st, model::OrderSide direction) const;
  // Open orders of the account (on `symbol` when given), by id.
  std::vector<OrderId> OpenOrderIds(AccountId account,
                                    std::optional<std::string_view> symbol) const;
  void AddOpen(const OrderView& order);
  void RemoveOpen(const OrderView& order);
  std::string NewClientOid();
  bool ClientOidTaken(AccountId account, const std::string& client_oid) const;
  // Error: the account's valuation failed (kFailedPrecondition without a mark, kOutOfRange).
  core::Result<std::vector<PositionView>> PositionViews(
      const SimAccount& acc, std::optional<std::string_view> symbol) const;
  AccountView MakeAccountView(const SimAccount& acc) const;
  void MarkChanged(AccountId account, const std::string& symbol);
  void EmitOrder(const OrderView& order, std::optional<FillView> fill = std::nullopt);
  void EmitPlan(const PlanOrder& plan);

  // ---- orders (exchange_orders.cpp)
  core::Result<Intent> Resolve(const SimAccount& acc, const PlaceOrderRequest& req) const;
  // The request checks shared by PlaceOrder and PlacePlanOrder, up to ValidateOrder.
  core::Result<Intent> CheckRequest(const SimAccount& acc, const SymbolState& st,
                                    const PlaceOrderRequest& req) const;
  core::Result<OrderAck> PlaceOrder(AccountId account, const PlaceOrderRequest& req,
                                    OrderSource source);
  // Market (or limit at `price`) close of up to `size` of a position, bypassing the size,
  // notional, status and balance checks (TP/SL children, close-positions).
  core::Result<OrderAck> PlaceClose(SimAccount& acc, const LegKey& key, const core::Decimal& size,
                                    std::optional<core::Decimal> price, OrderSource source);
  // Cancels the oldest closing orders of the leg until `needed` is closable.
  void FreeClosable(SimAccount& acc, const LegKey& key, model::OrderSide direction,
                    const core::Decimal& needed);
  core::Result<OrderAck> Submit(SymbolState& st, SimAccount& acc, OrderView order,
                                StpMode stp_mode);
  void CancelBySystem(SymbolState& st, OrderId id, CancelReason reason);
  void ProcessEvents(SymbolState& st, const MatchEvents& events);
  void OnUserFill(SymbolState& st, const FillLeg& leg, const core::Decimal& price,
                  const core::Decimal& size, TradeId trade_id, core::Timestamp ts);
  void OnUserCancel(const OrderCanceled& c);
  core::Decimal ReserveFor(const OrderView& order, const SimAccount& acc,
                           const SymbolState& st) const;
  void RecomputeReserves(SimAccount& acc, SymbolState& st);
  // After a position changed: cancels closing orders beyond what they can close and TP/SL
  // plans whose position is gone, and refreshes the order reserves.
  void AfterPositionChange(SimAccount& acc, SymbolState& st);
  core::Result<OrderAck> CancelOrder(AccountId account, std::string_view symbol,
                                     const OrderRef& ref);
  core::Result<BatchResult> CancelAll(AccountId account, std::optional<std::string_view> symbol);
  core::Result<BatchResult> ClosePositions(AccountId account,
                                           std::optional<std::string_view> symbol,
                                           std::optional<model::PositionSide> hold_side);

  // ---- plans, liquidation, funding, settings (exchange_risk.cpp)
  core::Result<OrderAck> PlaceTpsl(AccountId account, const TpslRequest& req);
  core::Result<OrderAck> PlacePlanOrder(AccountId account, const PlanOrderRequest& req);
  core::Result<BatchResult> CancelPlans(AccountId account, std::string_view symbol,
                                        const std::vector<OrderRef>& refs,
                                        std::optional<PlanType> type);
  void CancelPlan(OrderId plan_id);
  void ApplyPresets(const OrderView& order);
  void UpsertPositionPlan(AccountId account, const std::string& symbol,
                          model::PositionSide hold_side, PlanType type,
                          const core::Decimal& trigger, std::optional<core::Decimal> execute);
  void RunTriggers(const std::string& symbol, TriggerType type);
  void ExecutePlan(OrderId plan_id);
  void CheckLiquidation(AccountId account);
  void Liquidate(SimAccount& acc, const LegKey& key);
  void SettleFunding(core::Timestamp now);
  void ScheduleFundingTimer();
  core::Result<SymbolSettings> SetLeverage(AccountId account, const SetLeverageRequest& req);
  core::Result<SymbolSettings> SetMarginMode(AccountId account, std::string_view symbol,
                                             model::MarginMode mode);
  core::Status SetPositionMode(AccountId account, model::PositionMode mode);

  // ---- state
  core::Clock& clock_;
  Options options_;
  std::map<std::string, SymbolState, std::less<>> symbols_;
  std::map<AccountId, SimAccount> accounts_;
  AccountId next_account_id_ = 1;
  std::map<OrderId, OrderView> orders_;  // every user order ever placed
  // Ids of the open user orders, by account and symbol.
  std::map<AccountId, std::map<std::string, std::set<OrderId>, std::less<>>> open_orders_;
  std::map<std::pair<AccountId, std::string>, OrderId> client_oids_;  // orders and plans
  std::map<AccountId, std::vector<FillView>> fills_;
  PlanBook plans_;
  FundingSchedule funding_;
  OrderId next_order_id_;
  TradeId next_trade_id_;
  std::uint64_t next_client_oid_ = 1;
  std::vector<ExchangeEvent> events_;
  // Work queued for Settle.
  std::set<std::string> mark_triggers_;
  std::set<std::string> fill_triggers_;
  std::set<AccountId> risk_checks_;
  std::set<std::pair<AccountId, std::string>> changed_positions_;
  std::set<AccountId> changed_accounts_;
  core::TimerId funding_timer_ = 0;
};

}  // namespace bgt::sim
