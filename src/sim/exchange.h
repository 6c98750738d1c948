// SimExchange: the simulated Bitget USDT-M perpetual venue — instruments, one MatchingEngine per
// symbol, accounts (one-way or hedge, crossed or isolated), fees, funding, TP/SL and trigger
// orders, liquidation and Bitget's rejections — with an API in Bitget v2 terms but typed. The
// emulator serves it over Bitget's REST/WS protocol; backtests drive it directly.
// Thread-safety: not thread-safe; an exchange belongs to one thread (the kernel's or a
// backtest's). It takes time only from the injected Clock.
//
// Market data comes from outside (the market generator, recorded data): SetMarkPrice,
// SetIndexPrice, SetFundingRate and SetLiquidity (the depth the rest of the market shows, held by
// a system account with no margin). Funding settles in OnTime(now), or by itself on the clock's
// timers when Options::funding_timers is set.
//
// Fees: maker/taker rates of the instrument on price × size, exact, booked NEGATIVE in fills
// (Bitget's sign). A fill changes the balance by exactly realized PnL + fee.
//
// Positions follow the account's mode (bitget-api.md §5.1): one-way mode nets buys and sells into
// one position per symbol (an order larger than the position flips it unless reduceOnly);
// hedge mode keeps a long and a short leg, `side` names the leg and `tradeSide` open/close the
// action, and reduceOnly is ignored.
//
// Events (TakeEvents): an OrderEvent for every order state change and fill, a FillEvent per
// fill, PlanEvent per plan change, FundingEvent, LiquidationEvent and RiskFundEvent as they
// happen, and at the end of each call one PositionEvent per (account, symbol) whose position
// changed plus one AccountEvent per account whose balance, orders or positions changed. A mark
// change alone emits neither (UPL moves with every tick; the emulator snapshots on its own
// schedule).
//
// PlaceOrder checks, in this order; a failure is Error{kVenueRejected, Bitget's message,
// venue_code = Bitget's code, http_status 400}:
//   (none) unknown account: kNotFound
//   40102  unknown symbol: "Contract configuration does not exist, please check the parameters"
//   40774  tradeSide in one-way mode: "The order type for unilateral position must also be the
//          unilateral position type."
//   40808  no tradeSide in hedge mode: "Parameter verification exception double fixed, hold
//          side is null"
//   43118  duplicate clientOid (orders and plans, ever): "clientOrderId duplicate"
//   40823  no mark price yet: "The transaction or reasonable marked price does not exist"
//   43115 / 41114 / 40808 / 40019 / 41103 / 45111 / 45110 / 40762: model::ValidateOrder at the
//          mark price (status, size and price precision, price band, minimum size and notional,
//          maxOrderQty / maxMarketOrderQty; see model/order_validation.h)
//   45117  an opening order whose marginMode differs from the symbol's while the symbol has
//          positions, orders or plans: "Currently holding positions or orders, the margin mode
//          cannot be adjusted" (with nothing open, the order switches the symbol's mode)
//   40761  open orders >= maxSymbolOrderNum or maxProductOrderNum: "The total number of
//          unfilled orders is too high"
//   22002  a close (hedge tradeSide close, one-way reduceOnly) with nothing to close in its
//          direction: "No position to close"; also the answer to a reduce-only order that
//          would increase the position
//   40757  a close larger than the position, or (hedge limit close) than the part not held by
//          other closing orders: "Not enough position is available." Hedge market closes and
//          one-way reduce-only orders first cancel the older closing orders that occupy the
//          position, as Bitget does
//   45064 / 45065 / 45066 / 45067  preset TP/SL on the wrong side of a limit order's price;
//   40915 / 45061 / 40917 / 45122  of the mark for a market order (long TP, short TP, long SL,
//          short SL)
//   40762  position value above the tier limit of the leverage: "The order size is greater
//          than the max open size"
//   40762  margin (notional / leverage) + taker fee of the opening part above the max open
//          available: "The order amount exceeds the balance" (Bitget also knows 43012; live
//          answers to place-order are 40762, bitget-api.md §7)
// post_only that would take is accepted and canceled by the matching engine (no error).
// Insufficient balance for a plan's child order makes the plan fail_execute.
//
// Liquidation (bitget-api-more.md §2.3): checked after every fill, mark change and funding.
// An isolated position whose posted margin + UPL <= MM, or every crossed position of an account
// whose crossed equity <= Σ crossed MM, is taken over by the system at the mark price (off the
// book, taker fee, orderSource "liquidation"); its orders and TP/SL are canceled first. The rest
// of the position's margin (isolated) or of the crossed balance (crossed) goes to the risk fund,
// which also covers a deficit: an isolated liquidation costs exactly the posted margin, a
// crossed one the whole crossed balance. Partial (tier-by-tier) liquidation is not modelled.
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/decimal.h"
#include "core/result.h"
#include "model/instrument.h"
#include "model/order_book.h"
#include "model/order_types.h"
#include "sim/exchange_types.h"
#include "sim/margin.h"
#include "sim/matching_engine.h"
#include "sim/tpsl.h"

namespace bgt::sim {

class SimExchange {
 public:
  struct Options {
    OrderId first_order_id = 1'000'000'001;  // order and plan ids share this sequence
    TradeId first_trade_id = 1'000'000'001;
    // Settle funding on the clock's timers (each symbol's next funding time) in addition to
    // OnTime(). The timers are cancelled by the destructor.
    bool funding_timers = false;
  };

  explicit SimExchange(core::Clock& clock);
  SimExchange(core::Clock& clock, Options options);
  ~SimExchange();
  SimExchange(const SimExchange&) = delete;
  SimExchange& operator=(const SimExchange&) = delete;

  // --- Set-up -------------------------------------------------------------------------------
  // Lists a symbol with its tier table (default TierTable::BtcUsdt()). Error: kAlreadyExists;
  // kInvalidArgument for a delivery contract or one without fundInterval.
  core::Status AddInstrument(const model::Instrument& instrument,
                             std::optional<TierTable> tiers = std::nullopt);
  AccountId CreateAccount(model::PositionMode mode = model::PositionMode::kOneWay);
  // Error: kNotFound (account); kInvalidArgument when amount <= 0.
  core::Status Deposit(AccountId account, const core::Decimal& amount);
  // Error: kNotFound; kInvalidArgument when amount <= 0; 43117 "Exceeds the maximum amount that
  // can be transferred" above max transfer out.
  core::Status Withdraw(AccountId account, const core::Decimal& amount);

  // --- Market data --------------------------------------------------------------------------
  // Each returns kNotFound (venue code 40102) for an unknown symbol and kInvalidArgument for a
  // non-positive price. A new mark fires mark-price plans and runs the liquidation check.
  core::Status SetMarkPrice(std::string_view symbol, const core::Decimal& mark);
  core::Status SetIndexPrice(std::string_view symbol, const core::Decimal& index);
  core::Status SetFundingRate(std::string_view symbol, const core::Decimal& rate);
  // Replaces the system's resting depth of `symbol` (bids best first, asks best first). New
  // levels that cross resting user orders trade with them (the user is the maker). Error also
  // when a level has a non-positive size or an off-tick price.
  core::Status SetLiquidity(std::string_view symbol, const std::vector<model::BookLevel>& bids,
                            const std::vector<model::BookLevel>& asks);
  // Settles every funding due at or before `now` (in time order, at the current mark and rate).
  void OnTime(core::Timestamp now);

  // --- Trading (Bitget v2 semantics) --------------------------------------------------------
  core::Result<OrderAck> PlaceOrder(AccountId account, const PlaceOrderRequest& request);
  // Error: 40768 "Order does not exist" when the order is unknown, not open or on another symbol;
  // 40102 for an unknown symbol.
  core::Result<OrderAck> CancelOrder(AccountId account, std::string_view symbol,
                                     const OrderRef& ref);
  // Cancels every open order of the account (on `symbol` when given). Empty lists when none.
  core::Result<BatchResult> CancelAllOrders(AccountId account,
                                            std::optional<std::string_view> symbol);
  // Market-closes the positions (of `symbol`, of `hold_side` kLong/kShort when given; one-way
  // positions match their direction). Error: 22002 "No position to close" when none matches.
  core::Result<BatchResult> ClosePositions(AccountId account,
                                           std::optional<std::string_view> symbol,
                                           std::optional<model::PositionSide> hold_side);
  // Error: 40102; 40808 "Parameter verification exception leverage" below minLever or when no
  // leverage is given; 40797 "Exceeded the maximum settable leverage" above maxLever; 40893
  // "Unable to update the leverage factor of this position, there is not enough margin!" when
  // the margin the change needs exceeds the max open available.
  core::Result<SymbolSettings> SetLeverage(AccountId account, const SetLeverageRequest& request);
  // Error: 40102; 45117 when the symbol has positions or open orders (or plans).
  core::Result<SymbolSettings> SetMarginMode(AccountId account, std::string_view symbol,
                                             model::MarginMode mode);
  // Error: kNotFound; 40920 "Position or order exists, the position mode cannot be switched".
  core::Status SetPositionMode(AccountId account, model::PositionMode mode);
  // TP/SL on an existing position. Error: 40102; 40808 for a normal_plan type, a non-positive
  // trigger, a trigger or execute price off the tick, or a partial plan without a positive size;
  // 43118 duplicate clientOid; 40891 "Insufficient position, can not set take profit or stop
  // loss" without such a position or for a size above it; 40915 / 40917 / 45061 / 45122 when
  // the trigger is on the wrong side of the trigger price type's current price. A pos_profit /
  // pos_loss replaces the position's existing one (Bitget: "modify the TP/SL").
  core::Result<OrderAck> PlaceTpsl(AccountId account, const TpslRequest& request);
  // A trigger order. Errors: those of PlaceOrder's request checks up to ValidateOrder (the
  // balance is checked when it fires), and 40808 for a non-positive or off-tick trigger.
  core::Result<OrderAck> PlacePlanOrder(AccountId account, const PlanOrderRequest& request);
  // Cancels live plans of `symbol` of `type` (Bitget's default normal_plan when nullopt): those
  // named in `refs`, or all when `refs` is empty. Unknown refs land in the failure list with
  // 43025 "Plan order does not exist".
  core::Result<BatchResult> CancelPlanOrders(AccountId account, std::string_view symbol,
                                             const std::vector<OrderRef>& refs,
                                             std::optional<PlanType> type);

  // --- Queries ------------------------------------------------------------------------------
  // Each returns kNotFound for an unknown account, 40102 for an unknown symbol.
  core::Result<AccountView> GetAccount(AccountId account) const;
  core::Result<SymbolSettings> GetSymbolSettings(AccountId account, std::string_view symbol) const;
  // Open positions, by symbol then leg.
  core::Result<std::vector<PositionView>> GetPositions(
      AccountId account, std::optional<std::string_view> symbol = std::nullopt) const;
  // Open orders / finished orders (filled, canceled), by order id.
  core::Result<std::vector<OrderView>> GetOpenOrders(
      AccountId account, std::optional<std::string_view> symbol = std::nullopt) const;
  core::Result<std::vector<OrderView>> GetOrderHistory(
      AccountId account, std::optional<std::string_view> symbol = std::nullopt) const;
  // Error: 40109 "The data of the order cannot be found, please confirm the order number".
  core::Result<OrderView> GetOrder(AccountId account, std::string_view symbol,
                                   const OrderRef& ref) const;
  // The account's fills, oldest first (of `symbol` and `order_id` when given).
  core::Result<std::vector<FillView>> GetFills(
      AccountId account, std::optional<std::string_view> symbol = std::nullopt,
      std::optional<OrderId> order_id = std::nullopt) const;
  core::Result<std::vector<PlanOrder>> GetPlanOrders(
      AccountId account, std::optional<std::string_view> symbol = std::nullopt,
      bool live_only = true) const;
  core::Result<std::vector<Bill>> GetBills(AccountId account) const;
  core::Result<MarketView> GetMarket(std::string_view symbol) const;

  const MatchingEngine* Book(std::string_view symbol) const;  // nullptr when unknown
  const model::Instrument* FindInstrument(std::string_view symbol) const;
  const TierTable* Tiers(std::string_view symbol) const;
  std::vector<std::string> Symbols() const;
  std::vector<AccountId> Accounts() const;
  const SimAccount* FindAccount(AccountId account) const;

  // --- Events -------------------------------------------------------------------------------
  // Everything that happened since the last call, in order.
  std::vector<ExchangeEvent> TakeEvents();

  // The owner of SetLiquidity's orders in the matching engines.
  static constexpr AccountId kLiquidityAccount = 0xFFFFFFFFu;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bgt::sim
