#include "market/book_manager.h"

#include <utility>

namespace bgt::market {

void BookManager::AddBook(BookSpec spec) {
  std::string symbol = spec.symbol;
  books_.erase(symbol);
  books_.emplace(std::move(symbol), Entry{OrderBook(std::move(spec)), false});
}

bool BookManager::RemoveBook(std::string_view symbol) {
  auto it = books_.find(symbol);
  if (it == books_.end()) return false;
  books_.erase(it);
  return true;
}

core::Result<ApplyResult> BookManager::OnDelta(const model::BookDelta& delta) {
  auto it = books_.find(delta.symbol);
  if (it == books_.end()) {
    ++counters_.unknown_symbol;
    return core::MakeError(core::ErrorCode::kNotFound,
                           "no order book for symbol '" + delta.symbol.substr(0, 40) + "'");
  }
  Entry& entry = it->second;
  ApplyResult result = entry.book.Apply(delta);
  switch (result.issue) {
    case BookIssue::kApplied:
      if (entry.resync_pending && delta.action == model::BookAction::kSnapshot) {
        entry.resync_pending = false;
        ++counters_.resyncs_completed;
        Emit({BookEvent::Kind::kResynced, delta.symbol, delta.channel, BookIssue::kApplied, {}});
      }
      return result;
    case BookIssue::kDuplicate:
      ++counters_.duplicates;
      return result;
    case BookIssue::kAwaitingSnapshot:
      ++counters_.ignored_awaiting_snapshot;
      return result;
    case BookIssue::kGap:
      ++counters_.gaps;
      break;
    case BookIssue::kChecksumMismatch:
      ++counters_.checksum_failures;
      break;
    case BookIssue::kCrossed:
      ++counters_.crossed;
      break;
    case BookIssue::kMalformedLevel:
    case BookIssue::kOffTick:
    case BookIssue::kTooManyLevels:
    case BookIssue::kUnexpectedUpdate:
      ++counters_.malformed;
      break;
  }
  // An integrity failure: the book is invalid; ask for a fresh snapshot.
  entry.resync_pending = true;
  ++counters_.resyncs_requested;
  std::string channel = delta.channel.empty() ? std::string("books") : delta.channel.substr(0, 16);
  requests_.push_back({delta.symbol, channel, result.issue});
  Emit({BookEvent::Kind::kResyncNeeded, delta.symbol, std::move(channel), result.issue,
        result.detail});
  return result;
}

void BookManager::InvalidateAll() {
  for (auto& [symbol, entry] : books_) entry.book.Invalidate();
}

std::vector<ResyncRequest> BookManager::TakeResyncRequests() {
  return std::exchange(requests_, {});
}

bool BookManager::ResyncPending(std::string_view symbol) const {
  auto it = books_.find(symbol);
  return it != books_.end() && it->second.resync_pending;
}

const OrderBook* BookManager::Find(std::string_view symbol) const {
  auto it = books_.find(symbol);
  return it == books_.end() ? nullptr : &it->second.book;
}

std::vector<std::string> BookManager::Symbols() const {
  std::vector<std::string> out;
  out.reserve(books_.size());
  for (const auto& [symbol, entry] : books_) out.push_back(symbol);
  return out;
}

void BookManager::Emit(const BookEvent& event) {
  if (listener_) listener_(event);
}

}  // namespace bgt::market
