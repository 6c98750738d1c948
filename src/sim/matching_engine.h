// MatchingEngine: the simulated exchange's order book for one symbol, with price-time priority,
// Bitget's time-in-force semantics (gtc, ioc, fok, post_only), market orders with an optional
// protection price, amend, cancel, cancel-all and self-trade prevention. Every call appends the
// events it caused (accepted, rested, fill, canceled, rejected, amended) to a caller-owned vector;
// the exchange layer turns them into account changes and Bitget pushes. Margin, fees, positions,
// reduce-only enforcement, min size / notional / price band checks are the exchange layer's job.
// Thread-safety: not thread-safe; an engine belongs to one thread (the kernel's or a backtest's).
//
// Identity: order ids are assigned by the caller (> 0, unique for the engine's lifetime; the engine
// refuses an id that is currently open and cannot detect reuse of a closed one). Trade ids are
// assigned by the engine, sequentially from Options::first_trade_id. Owners are account ids.
//
// Units: prices are whole ticks (Instrument::tick_size) and sizes whole lots (size_step) inside;
// Decimals at this boundary. Output prices carry pricePlace decimals and sizes volumePlace.
//
// Semantics (the choices made where Bitget leaves room):
//  - Order of events for a new order: Accepted, then Fills / self-trade Canceled events in
//    matching order, then Rested (remainder on the book) or Canceled (remainder dropped).
//  - Every fill is at the maker's price; the taker is the incoming (or re-priced) order.
//  - gtc rests the remainder; ioc cancels it (kIocRemainder); fok first checks that the whole size
//    can fill (within the limit price, honouring the taker's STP mode) and otherwise changes
//    nothing and is canceled (kFokUnfilled).
//  - post_only that would take liquidity is accepted and then canceled (kPostOnlyWouldTake): the
//    place-order call succeeds and the order ends "canceled", with no error code. This follows
//    Bitget as we understand it (the order is canceled, not the request refused); it has not been
//    confirmed against the live venue.
//  - market orders ignore time in force; they sweep the book up to the optional protection price
//    (a buy never pays above it, a sell never gets below it; off-tick protection prices are
//    rounded inward) and cancel any remainder (kMarketRemainder).
//  - Self-trade prevention uses the taker's StpMode when taker and maker have the same owner:
//    kNone lets the self-trade happen (a normal Fill event with both legs of one owner);
//    kCancelTaker cancels the taker's remainder and keeps the maker; kCancelMaker cancels the
//    maker and continues matching; kCancelBoth cancels both. Cancels carry kSelfTrade.
//  - Amend: a price change or a size increase loses time priority (moves to the back of the new
//    level); a size decrease keeps it. A re-priced order that crosses the book matches as a taker
//    (a post_only order that would cross is canceled instead).
//  - Rejections (Rejected event + the same Error returned): Error{kDenied, ..., venue_code} with
//    Bitget's codes for the engine's own checks, see Submit.
//  - seq() increases by one after every call that changed the book (rest, fill, cancel, amend).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/clock.h"
#include "core/decimal.h"
#include "core/result.h"
#include "core/time.h"
#include "model/instrument.h"
#include "model/order_book.h"
#include "model/order_types.h"

namespace bgt::sim {

using OrderId = std::uint64_t;
using TradeId = std::uint64_t;
using AccountId = std::uint32_t;

// Bitget `stpMode`.
enum class StpMode : std::uint8_t { kNone, kCancelTaker, kCancelMaker, kCancelBoth };

// "none", "cancel_taker", "cancel_maker", "cancel_both".
std::string_view ToString(StpMode mode);
// ASCII case-insensitive. Error (kInvalidArgument) naming the unknown text.
core::Result<StpMode> ParseStpMode(std::string_view text);

enum class CancelReason : std::uint8_t {
  kUser,               // Cancel / CancelAll by the owner
  kIocRemainder,       // ioc: what did not fill at once
  kFokUnfilled,        // fok: the whole size could not fill
  kPostOnlyWouldTake,  // post_only would have taken liquidity
  kMarketRemainder,    // market: book exhausted or protection price reached
  kSelfTrade,          // self-trade prevention (Bitget cancelReason "stp_cancel")
  kSystem,             // the exchange layer (liquidation, reduce-only, delisting, margin)
};

// "user", "ioc_remainder", "fok_unfilled", "post_only_would_take", "market_remainder",
// "self_trade", "system".
std::string_view ToString(CancelReason reason);

struct OrderRequest {
  OrderId order_id = 0;  // caller-assigned, > 0
  AccountId owner = 0;
  std::string client_oid;  // stored and indexed per owner when non-empty; uniqueness is the
                           // exchange layer's check (43118)
  model::OrderSide side = model::OrderSide::kBuy;  // trade direction
  model::OrderType type = model::OrderType::kLimit;
  model::TimeInForce time_in_force = model::TimeInForce::kGtc;  // ignored for market orders
  // Limit: required, > 0, a multiple of the tick. Market: optional protection price (> 0).
  std::optional<core::Decimal> price;
  core::Decimal size;        // base coin, > 0, a multiple of size_step
  bool reduce_only = false;  // stored and echoed; enforced by the exchange layer
  StpMode stp_mode = StpMode::kNone;
};

// Events. `ts` is the engine clock's Now() at the call.
struct OrderAccepted {
  OrderId order_id = 0;
  AccountId owner = 0;
  std::string client_oid;
  model::OrderSide side = model::OrderSide::kBuy;
  model::OrderType type = model::OrderType::kLimit;
  model::TimeInForce time_in_force = model::TimeInForce::kGtc;
  std::optional<core::Decimal> price;  // as normalised by the engine (pricePlace decimals)
  core::Decimal size;
  bool reduce_only = false;
  StpMode stp_mode = StpMode::kNone;
  core::Timestamp ts;
};

// The remainder of an order now rests on the book (also after an amend that changed its price).
struct OrderRested {
  OrderId order_id = 0;
  AccountId owner = 0;
  model::OrderSide side = model::OrderSide::kBuy;
  core::Decimal price;
  core::Decimal leaves;  // open size on the book
  core::Timestamp ts;
};

// One side of a trade.
struct FillLeg {
  OrderId order_id = 0;
  AccountId owner = 0;
  model::OrderSide side = model::OrderSide::kBuy;
  model::LiquiditySide liquidity = model::LiquiditySide::kTaker;
  bool reduce_only = false;
  core::Decimal filled;  // cumulative filled size of the order after this trade
  core::Decimal leaves;  // remaining size of the order after this trade (0 = fully filled)
};

struct OrderFilled {
  TradeId trade_id = 0;
  core::Decimal price;  // the maker's price
  core::Decimal size;
  FillLeg taker;
  FillLeg maker;
  core::Timestamp ts;
};

struct OrderCanceled {
  OrderId order_id = 0;
  AccountId owner = 0;
  CancelReason reason = CancelReason::kUser;
  core::Decimal canceled;  // the size that will never fill (the leaves at cancel time)
  core::Decimal filled;    // cumulative filled size
  core::Timestamp ts;
};

struct OrderRejected {
  OrderId order_id = 0;
  AccountId owner = 0;
  std::string client_oid;
  core::Error error;
  core::Timestamp ts;
};

struct OrderAmended {
  OrderId order_id = 0;
  AccountId owner = 0;
  core::Decimal price;   // new limit price
  core::Decimal size;    // new total size (filled + leaves)
  core::Decimal leaves;  // open size after the amend
  bool lost_priority = false;
  core::Timestamp ts;
};

using MatchEvent = std::variant<OrderAccepted, OrderRested, OrderFilled, OrderCanceled,
                                OrderRejected, OrderAmended>;
using MatchEvents = std::vector<MatchEvent>;

// A resting order as queried.
struct OpenOrder {
  OrderId order_id = 0;
  AccountId owner = 0;
  std::string client_oid;
  model::OrderSide side = model::OrderSide::kBuy;
  model::TimeInForce time_in_force = model::TimeInForce::kGtc;
  core::Decimal price;
  core::Decimal size;  // total (filled + leaves)
  core::Decimal filled;
  core::Decimal leaves;
  bool reduce_only = false;
  StpMode stp_mode = StpMode::kNone;
  core::Timestamp created;
  core::Timestamp updated;  // last fill or amend
};

// What a taker of `size` on `side` would get from the book right now, ignoring self-trade
// prevention; for the exchange layer's margin checks. Nothing changes.
struct SweepEstimate {
  core::Decimal size;                        // fillable size (<= the asked size)
  core::Decimal notional;                    // sum of price × size over the fillable part
  std::optional<core::Decimal> worst_price;  // price of the last level touched; none if nothing
};

class MatchingEngine {
 public:
  struct Options {
    TradeId first_trade_id = 1;
  };

  // Keeps a copy of the instrument and a reference to `clock`, which must outlive the engine.
  MatchingEngine(const model::Instrument& instrument, const core::Clock& clock);
  MatchingEngine(const model::Instrument& instrument, const core::Clock& clock, Options options);
  ~MatchingEngine();
  MatchingEngine(MatchingEngine&&) noexcept;
  MatchingEngine& operator=(MatchingEngine&&) noexcept;
  MatchingEngine(const MatchingEngine&) = delete;
  MatchingEngine& operator=(const MatchingEngine&) = delete;

  // Places an order and appends its events to `out` (never cleared). OK once the order was
  // accepted, even if it was then canceled (ioc/fok/post_only/market/self-trade). Otherwise
  // appends one OrderRejected and returns the same error, with nothing else changed:
  //   order_id == 0                         kInvalidArgument (no venue code)
  //   order_id already open                 kAlreadyExists (no venue code)
  //   size <= 0 or not a multiple of step   kDenied 40808 "Parameter verification exception size"
  //   limit order without a price           kDenied 40019 "Parameter price cannot be empty"
  //   price <= 0 or (limit) not on the tick kDenied 40808 "... delegatePrice"
  //   price with more than pricePlace decimals (limit)   kDenied 41103 "param price scale error"
  //   value beyond the engine's integer range            kDenied 40808
  core::Status Submit(const OrderRequest& request, MatchEvents& out);

  // Cancels an open order (one OrderCanceled with `reason`). Error: kNotFound, venue code 40768
  // "Order does not exist", when the id is not open (unknown, filled or already canceled).
  core::Status Cancel(OrderId order_id, MatchEvents& out,
                      CancelReason reason = CancelReason::kUser);

  // Cancels every open order of `owner`, in order-id order. Returns how many were canceled.
  std::size_t CancelAll(AccountId owner, MatchEvents& out,
                        CancelReason reason = CancelReason::kUser);

  // Changes the price and/or total size (filled + leaves) of an open order; priority rules and
  // crossing are described at the top of this file. Appends OrderAmended (its leaves are before
  // any matching); when the price changed, then Fill events and Rested or Canceled as for a new
  // order. Passing neither is a no-op that still appends OrderAmended. Errors, with nothing
  // changed: kNotFound 40768 when the id is not open; kDenied 41103 / 40808 when the new price
  // or size is invalid (as in Submit) or the new size is not above the filled size.
  core::Status Amend(OrderId order_id, std::optional<core::Decimal> new_price,
                     std::optional<core::Decimal> new_size, MatchEvents& out);

  // Queries.
  std::optional<OpenOrder> FindOrder(OrderId order_id) const;
  std::optional<OrderId> FindByClientOid(AccountId owner, std::string_view client_oid) const;
  // Open orders, of one owner or of all, sorted by order id.
  std::vector<OpenOrder> OpenOrders() const;
  std::vector<OpenOrder> OpenOrders(AccountId owner) const;
  std::size_t OpenOrderCount() const;
  std::size_t OpenOrderCount(AccountId owner) const;

  // Best level (price and aggregated size); none when that side is empty.
  std::optional<model::BookLevel> BestBid() const;
  std::optional<model::BookLevel> BestAsk() const;
  // The top `max_levels` price levels per side, aggregated by price, best first, with seq() and
  // the clock's Now(); no checksum.
  model::OrderBookSnapshot Depth(std::size_t max_levels) const;
  // Error (kOutOfRange) only when the notional overflows a Decimal.
  core::Result<SweepEstimate> EstimateSweep(model::OrderSide taker_side, const core::Decimal& size,
                                            std::optional<core::Decimal> limit_price) const;

  std::optional<core::Decimal> LastTradePrice() const;
  core::Decimal TotalVolume() const;  // base coin traded since construction
  std::uint64_t TradeCount() const;
  std::int64_t seq() const;

  const model::Instrument& instrument() const;

  // Verifies the book's invariants (not crossed, positive level and order sizes, level totals
  // and counts match their FIFO queues, every index entry points at a live order). Aborts through
  // BGT_CHECK on the first violation. O(open orders); for tests and debug builds.
  void CheckInvariants() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bgt::sim
