// BookManager: the order books of every subscribed symbol and their resync protocol. Each
// integrity failure (gap, checksum mismatch, crossed, malformed/off-tick level, ...) invalidates
// the book, queues a ResyncRequest for the connection layer (which resubscribes to get a fresh
// snapshot) and emits a BookEvent; updates are ignored until that snapshot arrives, which emits
// a "resynced" event. Everything is counted.
// Thread-safety: not thread-safe; owned by the kernel thread. Listeners run synchronously.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "market/order_book.h"
#include "model/book_delta.h"

namespace bgt::market {

struct BookEvent {
  enum class Kind : std::uint8_t {
    kResyncNeeded,  // the book failed a check and is invalid until a snapshot arrives
    kResynced,      // a snapshot made a book that needed a resync valid again
  };
  Kind kind = Kind::kResyncNeeded;
  std::string symbol;
  std::string channel;                    // the channel to resubscribe ("books", "books5", ...)
  BookIssue issue = BookIssue::kApplied;  // the failure, for kResyncNeeded
  std::string detail;
};

// Ask the connection layer to unsubscribe + subscribe `channel` for `symbol`.
struct ResyncRequest {
  std::string symbol;
  std::string channel;
  BookIssue reason = BookIssue::kGap;
};

struct BookManagerCounters {
  std::uint64_t resyncs_requested = 0;
  std::uint64_t resyncs_completed = 0;
  std::uint64_t gaps = 0;
  std::uint64_t checksum_failures = 0;
  std::uint64_t crossed = 0;
  std::uint64_t malformed = 0;  // malformed level, off tick, too many levels, unexpected update
  std::uint64_t duplicates = 0;
  std::uint64_t ignored_awaiting_snapshot = 0;
  std::uint64_t unknown_symbol = 0;
};

class BookManager {
 public:
  using Listener = std::function<void(const BookEvent&)>;

  // Adds a book for spec.symbol (replacing any previous one, which is dropped). It starts
  // invalid: the subscription's first snapshot makes it valid. No resync is queued for it.
  void AddBook(BookSpec spec);
  bool RemoveBook(std::string_view symbol);

  // Routes a push to its symbol's book. Error (kNotFound) when no book exists for the symbol
  // (counted); otherwise the book's outcome.
  core::Result<ApplyResult> OnDelta(const model::BookDelta& delta);

  // After a disconnect: every book becomes invalid and waits for its snapshot (no requests are
  // queued: resubscribing everything is the connection's job on reconnect).
  void InvalidateAll();

  // Resync requests queued since the last call, in the order they arose.
  std::vector<ResyncRequest> TakeResyncRequests();
  bool ResyncPending(std::string_view symbol) const;

  void SetListener(Listener listener) { listener_ = std::move(listener); }

  const OrderBook* Find(std::string_view symbol) const;
  const BookManagerCounters& counters() const { return counters_; }
  std::size_t size() const { return books_.size(); }
  // Symbols in ascending order.
  std::vector<std::string> Symbols() const;

 private:
  struct Entry {
    OrderBook book;
    bool resync_pending = false;
  };
  void Emit(const BookEvent& event);

  std::map<std::string, Entry, std::less<>> books_;
  std::vector<ResyncRequest> requests_;
  Listener listener_;
  BookManagerCounters counters_;
};

}  // namespace bgt::market
