#include "sim/order_book_sim.h"

#include <string>
#include <utility>

#include "core/check.h"

namespace bgt::sim::internal {

Slot OrderBookSim::Insert(BookOrder order) {
  BGT_CHECK(order.price > 0, "resting order price must be positive");
  BGT_CHECK(order.filled >= 0 && order.filled < order.size, "resting order must have leaves");
  Slot slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    BGT_CHECK(nodes_.size() < kNoSlot, "order book slot space exhausted");
    slot = static_cast<Slot>(nodes_.size());
    nodes_.emplace_back();
  }
  const auto [it, inserted] = index_.emplace(order.id, slot);
  BGT_CHECK(inserted, "order id already in the book");
  Node& node = nodes_[slot];
  node.order = std::move(order);
  node.live = true;

  LevelMap& levels = MutableLevels(node.order.side);
  const std::int64_t key = Key(node.order.side, node.order.price);
  auto level = levels.find(key);
  if (level == levels.end()) {
    level = levels.emplace(key, Level{.price = node.order.price}).first;
  }
  node.level = level;
  LinkBack(slot);

  Owner& owner = owners_[node.order.owner];
  node.owner_prev = kNoSlot;
  node.owner_next = owner.head;
  if (owner.head != kNoSlot) nodes_[owner.head].owner_prev = slot;
  owner.head = slot;
  ++owner.count;
  if (!node.order.client_oid.empty()) {
    owner.by_client_oid.insert_or_assign(node.order.client_oid, slot);
  }
  return slot;
}

BookOrder OrderBookSim::Erase(Slot slot) {
  Node& node = nodes_[slot];
  BGT_CHECK(node.live, "erasing a free slot");
  Unlink(slot);

  auto owner_it = owners_.find(node.order.owner);
  BGT_CHECK(owner_it != owners_.end(), "order owner missing");
  Owner& owner = owner_it->second;
  if (node.owner_prev != kNoSlot) {
    nodes_[node.owner_prev].owner_next = node.owner_next;
  } else {
    owner.head = node.owner_next;
  }
  if (node.owner_next != kNoSlot) nodes_[node.owner_next].owner_prev = node.owner_prev;
  --owner.count;
  if (!node.order.client_oid.empty()) {
    auto oid = owner.by_client_oid.find(node.order.client_oid);
    if (oid != owner.by_client_oid.end() && oid->second == slot) owner.by_client_oid.erase(oid);
  }
  if (owner.count == 0) owners_.erase(owner_it);

  index_.erase(node.order.id);
  node.live = false;
  node.owner_prev = node.owner_next = kNoSlot;
  free_.push_back(slot);
  return std::move(node.order);
}

void OrderBookSim::Fill(Slot slot, std::int64_t lots, core::Timestamp ts) {
  Node& node = nodes_[slot];
  BGT_CHECK(node.live, "filling a free slot");
  BGT_CHECK(lots > 0 && lots <= node.order.leaves(), "fill size out of range");
  node.order.filled += lots;
  node.order.updated = ts;
  node.level->second.total -= lots;
}

void OrderBookSim::Resize(Slot slot, std::int64_t new_size, bool to_back, core::Timestamp ts) {
  Node& node = nodes_[slot];
  BGT_CHECK(node.live, "resizing a free slot");
  BGT_CHECK(new_size > node.order.filled, "resize must leave open size");
  node.level->second.total += new_size - node.order.size;
  node.order.size = new_size;
  node.order.updated = ts;
  if (to_back && node.level->second.tail != slot) {
    // Not the tail, so the level keeps other orders and Unlink does not erase it.
    const LevelMap::iterator level = node.level;
    Unlink(slot);
    node.level = level;
    LinkBack(slot);
  }
}

Slot OrderBookSim::Find(OrderId id) const {
  const auto it = index_.find(id);
  return it == index_.end() ? kNoSlot : it->second;
}

const Level* OrderBookSim::Best(model::OrderSide side) const {
  const LevelMap& side_levels = levels(side);
  return side_levels.empty() ? nullptr : &side_levels.begin()->second;
}

std::size_t OrderBookSim::OwnerCount(AccountId owner) const {
  const auto it = owners_.find(owner);
  return it == owners_.end() ? 0 : it->second.count;
}

std::vector<Slot> OrderBookSim::OwnerSlots(AccountId owner) const {
  std::vector<Slot> slots;
  const auto it = owners_.find(owner);
  if (it == owners_.end()) return slots;
  slots.reserve(it->second.count);
  for (Slot s = it->second.head; s != kNoSlot; s = nodes_[s].owner_next) slots.push_back(s);
  return slots;
}

Slot OrderBookSim::FindClientOid(AccountId owner, std::string_view client_oid) const {
  const auto it = owners_.find(owner);
  if (it == owners_.end()) return kNoSlot;
  const auto oid = it->second.by_client_oid.find(client_oid);
  return oid == it->second.by_client_oid.end() ? kNoSlot : oid->second;
}

void OrderBookSim::ForEach(const std::function<void(const BookOrder&)>& fn) const {
  for (const Node& node : nodes_) {
    if (node.live) fn(node.order);
  }
}

void OrderBookSim::LinkBack(Slot slot) {
  Node& node = nodes_[slot];
  Level& level = node.level->second;
  node.next = kNoSlot;
  node.prev = level.tail;
  if (level.tail != kNoSlot) {
    nodes_[level.tail].next = slot;
  } else {
    level.head = slot;
  }
  level.tail = slot;
  ++level.count;
  level.total += node.order.leaves();
}

void OrderBookSim::Unlink(Slot slot) {
  Node& node = nodes_[slot];
  Level& level = node.level->second;
  if (node.prev != kNoSlot) {
    nodes_[node.prev].next = node.next;
  } else {
    level.head = node.next;
  }
  if (node.next != kNoSlot) {
    nodes_[node.next].prev = node.prev;
  } else {
    level.tail = node.prev;
  }
  --level.count;
  level.total -= node.order.leaves();
  node.prev = node.next = kNoSlot;
  if (level.count == 0) {
    BGT_CHECK(level.total == 0, "emptied level has a non-zero total");
    MutableLevels(node.order.side).erase(node.level);
  }
  node.level = LevelMap::iterator();
}

void OrderBookSim::CheckInvariants() const {
  std::size_t queued = 0;
  for (const model::OrderSide side : {model::OrderSide::kBuy, model::OrderSide::kSell}) {
    for (const auto& [key, level] : levels(side)) {
      BGT_CHECK(key == Key(side, level.price), "level key does not match its price");
      BGT_CHECK(level.count > 0 && level.head != kNoSlot, "empty level left in the book");
      std::int64_t total = 0;
      std::uint32_t count = 0;
      Slot prev = kNoSlot;
      for (Slot s = level.head; s != kNoSlot; s = nodes_[s].next) {
        const Node& node = nodes_[s];
        BGT_CHECK(node.live, "free slot in a level queue");
        BGT_CHECK(node.prev == prev, "broken level queue back-link");
        BGT_CHECK(node.order.side == side, "order on the wrong side");
        BGT_CHECK(node.order.price == level.price, "order in the wrong level");
        BGT_CHECK(node.order.filled >= 0 && node.order.leaves() > 0,
                  "resting order without leaves");
        BGT_CHECK(&node.level->second == &level, "order points at another level");
        const auto idx = index_.find(node.order.id);
        BGT_CHECK(idx != index_.end() && idx->second == s, "order missing from the index");
        total += node.order.leaves();
        ++count;
        prev = s;
      }
      BGT_CHECK(prev == level.tail, "level tail mismatch");
      BGT_CHECK(total == level.total, "level total does not match its orders");
      BGT_CHECK(count == level.count, "level count does not match its orders");
      queued += count;
    }
  }
  BGT_CHECK(queued == index_.size(), "index size does not match queued orders");
  if (!bids_.empty() && !asks_.empty()) {
    BGT_CHECK(bids_.begin()->second.price < asks_.begin()->second.price, "book is crossed");
  }
  std::size_t owned = 0;
  for (const auto& [owner_id, owner] : owners_) {
    std::size_t count = 0;
    for (Slot s = owner.head; s != kNoSlot; s = nodes_[s].owner_next) {
      BGT_CHECK(nodes_[s].live && nodes_[s].order.owner == owner_id, "broken owner list");
      ++count;
    }
    BGT_CHECK(count == owner.count && count > 0, "owner count mismatch");
    for (const auto& [oid, s] : owner.by_client_oid) {
      BGT_CHECK(nodes_[s].live && nodes_[s].order.client_oid == oid, "stale clientOid index");
    }
    owned += count;
  }
  BGT_CHECK(owned == index_.size(), "owner lists do not cover the book");
  BGT_CHECK(free_.size() + index_.size() == nodes_.size(), "slot accounting mismatch");
}

}  // namespace bgt::sim::internal
