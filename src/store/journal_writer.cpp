#include <utility>

#include "store/journal.h"

namespace bgt::store {

core::Result<std::unique_ptr<JournalWriter>> JournalWriter::Start(const std::string& path,
                                                                  JournalWriterOptions options) {
  auto journal = Journal::Open(path);
  if (!journal) return journal.error();
  if (options.queue_capacity == 0 || options.max_batch == 0) {
    return core::MakeError(core::ErrorCode::kInvalidArgument,
                           "journal writer: queue_capacity and max_batch must be > 0");
  }
  std::unique_ptr<JournalWriter> writer(new JournalWriter(std::move(*journal), options));
  writer->thread_ = std::thread([w = writer.get()] { w->Run(); });
  return writer;
}

JournalWriter::JournalWriter(std::unique_ptr<Journal> journal, JournalWriterOptions options)
    : journal_(std::move(journal)), options_(options) {}

JournalWriter::~JournalWriter() { Stop(); }

core::Status JournalWriter::Append(JournalRecord record) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock,
                [&] { return stopping_ || failure_ || queue_.size() < options_.queue_capacity; });
  if (failure_) return *failure_;
  if (stopping_) {
    return core::MakeError(core::ErrorCode::kFailedPrecondition, "journal writer is stopped");
  }
  queue_.push_back(std::move(record));
  ++appended_;
  changed_.notify_all();
  return core::Status::Ok();
}

core::Status JournalWriter::Flush() {
  std::unique_lock lock(mutex_);
  const std::uint64_t target = appended_;
  changed_.wait(lock, [&] { return failure_ || written_ >= target; });
  if (failure_) return *failure_;
  return core::Status::Ok();
}

void JournalWriter::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  changed_.notify_all();
}

std::uint64_t JournalWriter::written() const {
  std::lock_guard lock(mutex_);
  return written_;
}

void JournalWriter::Run() {
  std::vector<JournalRecord> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    changed_.notify_all();  // room in the queue
    core::Status status = journal_->WriteBatch(batch);
    {
      std::lock_guard lock(mutex_);
      if (!status) {
        // Keep the error; everything still queued is refused with it, never dropped silently.
        failure_ = status.error();
        queue_.clear();
      } else {
        written_ += batch.size();
      }
    }
    changed_.notify_all();
    batch.clear();
    if (!status) {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stopping_; });
      return;
    }
  }
}

}  // namespace bgt::store
