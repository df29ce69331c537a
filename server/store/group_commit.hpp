#pragma once
// GroupCommitter: durable writes at a high rate. One writer thread owns a
// connection with synchronous=FULL; concurrent callers' work items are
// batched into one transaction, and the batch commits with a single fsync. A
// caller returns only after its batch is durable. A failing item rethrows to
// its own caller and leaves nothing behind; the rest of the batch is
// unaffected (the batch is then run again with each item in its own SAVEPOINT).
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "server/store/db.hpp"
#include "server/store/wal_checkpointer.hpp"

namespace yeyou::store {

// Told about every batch, on the writer thread: once its transaction has begun
// (it may read and write there; a throw fails the batch) and once it has
// committed or rolled back. For state kept in memory in step with the data.
class BatchObserver {
 public:
  virtual ~BatchObserver() = default;
  virtual void batch_begun(Db& db) = 0;
  virtual void batch_ended(bool committed) = 0;
};

class GroupCommitter {
 public:
  // `vfs` names the registered SQLite VFS the writer's files go through
  // (nullptr: the default; the string must outlive the writer); its WAL
  // writes are coalesced above it.
  explicit GroupCommitter(const std::string& path, std::size_t max_batch = 512, const char* vfs = nullptr);
  ~GroupCommitter();
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Runs fn(db) on the writer connection inside the next batch's
  // transaction and returns its result once the batch has committed.
  // fn may run more than once: when an item of its batch fails, the batch is
  // rolled back and run again with a savepoint per item. So fn keeps its
  // effects in the database (or in state a BatchObserver resets) and sets its
  // results afresh each time it runs.
  template <typename F>
  auto run(F&& fn) -> std::invoke_result_t<F, Db&> {
    using R = std::invoke_result_t<F, Db&>;
    if constexpr (std::is_void_v<R>) {
      submit([&](Db& db) { fn(db); });
    } else {
      std::optional<R> result;
      submit([&](Db& db) { result.emplace(fn(db)); });
      return std::move(*result);
    }
  }

  // Like run(), without waiting: work(db) runs in the next batch, and
  // done(error) is called once the batch has committed (error null) or
  // failed. done runs on the writer thread, so it must only hand the outcome
  // on (post it to the caller's thread) and must not throw. Throws DbError
  // when the writer is shutting down.
  void submit_async(std::function<void(Db&)> work, std::function<void(std::exception_ptr)> done);

  std::uint64_t batches() const;
  std::uint64_t items() const;
  // One observer (nullptr: none); it must outlive its registration.
  void set_observer(BatchObserver* observer);

 private:
  // A waiting caller's item lives on its stack until the caller is woken. The
  // writer wakes only a batch's first waiting caller; each woken caller wakes
  // the next, so the writer goes on to the next batch instead of making a
  // system call per item. An item without a waiting caller (submit_async) is
  // owned by the queue and has `on_done`.
  struct Item {
    std::function<void(Db&)> work;
    std::function<void(std::exception_ptr)> on_done;
    std::exception_ptr error;
    Item* next = nullptr;
    std::atomic<int> done{0};  // 4 bytes: waited on as a futex itself
  };
  void submit(std::function<void(Db&)> work);
  void enqueue(Item* item);
  void loop();
  // Runs the items one after the other; false as soon as one throws.
  static bool run_bare(Db& db, const std::vector<Item*>& batch);
  // Runs each item inside its own savepoint: a failing one rolls back alone.
  static void run_in_savepoints(Db& db, const std::vector<Item*>& batch, std::vector<std::exception_ptr>& errors);
  // Records each item's outcome, then wakes the first (see Item).
  static void finish(const std::vector<Item*>& batch, const std::vector<std::exception_ptr>& errors);

  std::string path_;
  const char* vfs_;
  std::size_t max_batch_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Item*> queue_;
  bool stop_ = false;
  BatchObserver* observer_ = nullptr;
  std::uint64_t batches_ = 0, items_ = 0;
  // Batches are first run without savepoints (each costs a copy of every page
  // an item touches: -4-5% ingest). After a failure, this many batches run
  // with savepoints, so that a client sending failing items cannot make every
  // batch run twice. Writer thread only.
  static constexpr int kSavepointBatchesAfterFailure = 64;
  int savepoint_batches_ = 0;
  WalCheckpointer checkpointer_;
  std::thread thread_;
};

}  // namespace yeyou::store
