// OrderBookSim: the integer core of MatchingEngine — resting orders in price levels (ticks) with
// FIFO queues, sizes in lots, an O(1) index by order id and per-owner lists (with a clientOid
// index). It only stores; matching rules live in matching_engine.cpp. Internal to src/sim.
// Thread-safety: not thread-safe; owned by one MatchingEngine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/time.h"
#include "model/order_types.h"
#include "sim/matching_engine.h"

namespace bgt::sim::internal {

using Slot = std::uint32_t;
inline constexpr Slot kNoSlot = UINT32_MAX;

// A resting order in integer units.
struct BookOrder {
  OrderId id = 0;
  AccountId owner = 0;
  model::OrderSide side = model::OrderSide::kBuy;
  model::TimeInForce time_in_force = model::TimeInForce::kGtc;
  StpMode stp_mode = StpMode::kNone;
  bool reduce_only = false;
  std::int64_t price = 0;   // ticks, > 0
  std::int64_t size = 0;    // lots, total
  std::int64_t filled = 0;  // lots, 0 <= filled < size while resting
  core::Timestamp created;
  core::Timestamp updated;
  std::string client_oid;

  std::int64_t leaves() const { return size - filled; }
};

// One price level: aggregated open size and the FIFO queue (head = oldest).
struct Level {
  std::int64_t price = 0;  // ticks
  std::int64_t total = 0;  // lots, sum of the queue's leaves
  std::uint32_t count = 0;
  Slot head = kNoSlot;
  Slot tail = kNoSlot;
};

class OrderBookSim {
 public:
  // Key: the price for asks, minus the price for bids, so begin() is the best level on both sides.
  using LevelMap = std::map<std::int64_t, Level>;

  OrderBookSim() = default;

  // Appends `order` to the back of its price level (creating the level). Preconditions
  // (BGT_CHECK): the id is not present, price > 0, 0 <= filled < size.
  Slot Insert(BookOrder order);
  // Removes the order in `slot` and returns it.
  BookOrder Erase(Slot slot);
  // Adds `lots` (0 < lots <= leaves) to the order's filled size; does not remove a filled order.
  void Fill(Slot slot, std::int64_t lots, core::Timestamp ts);
  // Sets the total size (> filled) keeping the price; moves the order to the back of its level
  // when `to_back`.
  void Resize(Slot slot, std::int64_t new_size, bool to_back, core::Timestamp ts);

  // kNoSlot when absent.
  Slot Find(OrderId id) const;
  const BookOrder& order(Slot slot) const { return nodes_[slot].order; }
  // The next order in the same level's queue, or kNoSlot.
  Slot Next(Slot slot) const { return nodes_[slot].next; }

  // Levels of the book side holding `side`'s resting orders (buy = bids), best first.
  const LevelMap& levels(model::OrderSide side) const {
    return side == model::OrderSide::kBuy ? bids_ : asks_;
  }
  // Best level of that side, or nullptr when empty.
  const Level* Best(model::OrderSide side) const;

  std::size_t size() const { return index_.size(); }
  std::size_t OwnerCount(AccountId owner) const;
  // Slots of `owner`'s orders, unordered.
  std::vector<Slot> OwnerSlots(AccountId owner) const;
  // kNoSlot when `owner` has no open order with that clientOid.
  Slot FindClientOid(AccountId owner, std::string_view client_oid) const;
  // Calls `fn` for every open order, in no particular order.
  void ForEach(const std::function<void(const BookOrder&)>& fn) const;

  // BGT_CHECKs every structural invariant; see MatchingEngine::CheckInvariants.
  void CheckInvariants() const;

 private:
  struct Node {
    BookOrder order;
    Slot prev = kNoSlot;  // level queue
    Slot next = kNoSlot;
    Slot owner_prev = kNoSlot;
    Slot owner_next = kNoSlot;
    LevelMap::iterator level;
    bool live = false;
  };
  struct Owner {
    Slot head = kNoSlot;
    std::size_t count = 0;
    std::map<std::string, Slot, std::less<>> by_client_oid;
  };

  LevelMap& MutableLevels(model::OrderSide side) {
    return side == model::OrderSide::kBuy ? bids_ : asks_;
  }
  static std::int64_t Key(model::OrderSide side, std::int64_t price) {
    return side == model::OrderSide::kBuy ? -price : price;
  }
  void LinkBack(Slot slot);  // appends to the tail of its level (level iterator set)
  void Unlink(Slot slot);    // removes from its level queue, erasing an emptied level

  std::vector<Node> nodes_;
  std::vector<Slot> free_;
  std::unordered_map<OrderId, Slot> index_;
  std::unordered_map<AccountId, Owner> owners_;
  LevelMap bids_;
  LevelMap asks_;
};

}  // namespace bgt::sim::internal
