// Journal: bgt's SQLite journal (WAL mode) of orders, fills, positions, equity, events and the
// config in force, with a versioned schema migrated forward on open. Journal is the synchronous
// store (one connection); JournalWriter owns one on its own thread and drains a bounded queue
// in batched transactions, so the kernel never waits on the disk.
// Thread-safety: a Journal belongs to one thread. JournalWriter's Append/Flush/Stop may be
// called from any thread; reads go through a separate Journal opened on the same file (WAL lets
// readers run beside the writer).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "store/records.h"

namespace SQLite {
class Database;
}

namespace bgt::store {

// The schema version this build writes. Opening a journal of a newer version is refused.
inline constexpr int kSchemaVersion = 2;

struct JournalQuery {
  std::optional<core::Timestamp> since;  // ts >= since
  std::string symbol;                    // empty = every symbol
  int limit = 100;                       // newest first, at most this many
  bool open_only = false;                // orders: only those not in a final state
};

class Journal {
 public:
  // Opens (creating when missing) the journal at `path` (":memory:" for a private in-memory
  // one), sets WAL mode and migrates the schema to kSchemaVersion. Errors: kIo when the file
  // cannot be opened or is not a SQLite database; kFailedPrecondition when its schema is newer
  // than this build's.
  static core::Result<std::unique_ptr<Journal>> Open(const std::string& path);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  int schema_version() const;
  std::string journal_mode() const;  // "wal" for a file journal

  // Writes one record: orders are upserted by clientOid (and their change appended to the
  // order history), fills inserted once per trade id. Error kIo on a SQLite failure.
  core::Status Write(const JournalRecord& record);
  // Writes all records in one transaction (all or nothing).
  core::Status WriteBatch(const std::vector<JournalRecord>& records);

  // Whether a fill with this trade id was journaled.
  core::Result<bool> HasFill(const std::string& trade_id) const;

  // Reads, newest first. Errors: kIo.
  core::Result<std::vector<OrderRecord>> Orders(const JournalQuery& query) const;
  core::Result<std::vector<OrderRecord>> OrderHistory(const std::string& client_oid) const;
  core::Result<std::vector<FillRecord>> Fills(const JournalQuery& query) const;
  core::Result<std::vector<PositionRecord>> Positions(const JournalQuery& query) const;
  core::Result<std::vector<EquityRecord>> Equity(const JournalQuery& query) const;
  core::Result<std::vector<EventRecord>> Events(const JournalQuery& query) const;
  core::Result<std::optional<ConfigRecord>> LastConfig() const;

 private:
  explicit Journal(std::unique_ptr<SQLite::Database> db);
  core::Status WriteOne(const JournalRecord& record);

  std::unique_ptr<SQLite::Database> db_;
};

struct JournalWriterOptions {
  std::size_t queue_capacity = 65536;  // Append blocks (back-pressure) when the queue is full
  std::size_t max_batch = 512;         // records per transaction
};

class JournalWriter {
 public:
  // Opens the journal (errors as Journal::Open) and starts the writer thread.
  static core::Result<std::unique_ptr<JournalWriter>> Start(const std::string& path,
                                                            JournalWriterOptions options = {});
  ~JournalWriter();  // Stop()
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  // Queues a record. Blocks while the queue is full. Error kFailedPrecondition after Stop() or
  // once a write failed (the error is kept; later records are refused, never silently lost).
  core::Status Append(JournalRecord record);
  // Returns once everything appended before the call is committed; the first write error if
  // any (after a failed write, records still queued are not written: Flush and every later
  // Append report that error, so a caller never believes them stored).
  core::Status Flush();
  // Drains the queue, commits and stops the thread. Idempotent.
  void Stop();

  std::uint64_t written() const;  // records committed so far

 private:
  JournalWriter(std::unique_ptr<Journal> journal, JournalWriterOptions options);
  void Run();

  std::unique_ptr<Journal> journal_;
  JournalWriterOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<JournalRecord> queue_;
  std::uint64_t appended_ = 0;
  std::uint64_t written_ = 0;
  std::optional<core::Error> failure_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace bgt::store
