#include "server/store/group_commit.hpp"

#include <pthread.h>

#include <vector>

#include "server/store/wal_write_buffer.hpp"

namespace yeyou::store {

GroupCommitter::GroupCommitter(const std::string& path, std::size_t max_batch, const char* vfs)
    : path_(path), vfs_(vfs), max_batch_(max_batch), checkpointer_(path, 1000, 10000, vfs), thread_([this] { loop(); }) {}

GroupCommitter::~GroupCommitter() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void GroupCommitter::enqueue(Item* item) {
  {
    std::lock_guard lock(mu_);
    if (stop_) throw DbError("the database writer is shutting down", 1);
    queue_.push_back(item);
  }
  wake_.notify_one();
}

void GroupCommitter::submit_async(std::function<void(Db&)> work, std::function<void(std::exception_ptr)> done) {
  auto item = std::make_unique<Item>();
  item->work = std::move(work);
  item->on_done = std::move(done);
  enqueue(item.get());
  item.release();  // the writer deletes it once on_done has run (finish)
}

void GroupCommitter::submit(std::function<void(Db&)> work) {
  Item item;
  item.work = std::move(work);
  enqueue(&item);
  item.done.wait(0, std::memory_order_acquire);
  if (Item* next = item.next) {  // read before `item` goes away; `next` waits until woken
    next->done.store(1, std::memory_order_release);
    next->done.notify_one();
  }
  if (item.error) std::rethrow_exception(item.error);
}

void GroupCommitter::finish(const std::vector<Item*>& batch, const std::vector<std::exception_ptr>& errors) {
  Item* first_waiting = nullptr;
  Item* last_waiting = nullptr;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    Item* item = batch[i];
    if (item->on_done) {
      item->on_done(errors[i]);
      delete item;
      continue;
    }
    item->error = errors[i];
    (last_waiting ? last_waiting->next : first_waiting) = item;
    last_waiting = item;
  }
  if (!first_waiting) return;
  first_waiting->done.store(1, std::memory_order_release);
  first_waiting->done.notify_one();
}

std::uint64_t GroupCommitter::batches() const {
  std::lock_guard lock(mu_);
  return batches_;
}

void GroupCommitter::set_observer(BatchObserver* observer) {
  std::lock_guard lock(mu_);
  observer_ = observer;
}

std::uint64_t GroupCommitter::items() const {
  std::lock_guard lock(mu_);
  return items_;
}

void GroupCommitter::loop() {
  pthread_setname_np(pthread_self(), "yeyou-writer");
  std::unique_ptr<Db> db;
  std::exception_ptr open_error;
  try {
    // Its WAL writes are coalesced (one write per commit instead of two per page).
    db = std::make_unique<Db>(path_, Sync::full, 5000, wal_write_buffer_vfs(vfs_));
    // Checkpoints run beside the writer (a few tens of MB of WAL at most, so
    // hot index pages rewritten by many batches are copied back once).
    checkpointer_.attach(*db);
    // 8 MiB. SQLite 3.40 scans the writer's whole page-cache hash table at a
    // commit after a B-tree balance (it parks a page at the lock-byte page
    // number, far past the end of the file): with 64 MiB that scan was 5% of
    // the server's CPU. Pages it misses are read from the OS's cache.
    db->exec("PRAGMA cache_size = -8192");
    // An item's savepoint (see run_in_savepoints) keeps the pages it changes in
    // a statement journal; in memory rather than a temporary file (a file costs
    // a write per page).
    db->exec("PRAGMA temp_store = MEMORY");
  } catch (...) {
    open_error = std::current_exception();
  }
  std::vector<Item*> batch;
  for (;;) {
    BatchObserver* observer = nullptr;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      observer = observer_;
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    if (open_error) {
      finish(batch, std::vector<std::exception_ptr>(batch.size(), open_error));
      batch.clear();
      continue;
    }
    std::vector<std::exception_ptr> errors(batch.size());
    std::exception_ptr batch_error;
    bool begun = false;
    auto begin = [&] {
      db->exec("BEGIN IMMEDIATE");
      begun = true;
      if (observer) observer->batch_begun(*db);
    };
    auto end = [&](bool committed) {
      if (begun && observer) observer->batch_ended(committed);
      begun = false;
    };
    try {
      begin();
      bool done = false;
      if (savepoint_batches_ == 0) {
        done = run_bare(*db, batch);
        if (!done) {
          // An item failed, perhaps after writing: roll the batch back and run
          // it again with a savepoint per item, so that only that item fails.
          db->exec("ROLLBACK");
          end(false);
          savepoint_batches_ = kSavepointBatchesAfterFailure;
          begin();
        }
      } else {
        --savepoint_batches_;
      }
      if (!done) run_in_savepoints(*db, batch, errors);
      db->exec("COMMIT");
      end(true);
    } catch (...) {
      batch_error = std::current_exception();
      try {
        if (begun) db->exec("ROLLBACK");
      } catch (...) {
        // Nothing was committed either way; the callers see batch_error.
      }
      end(false);
    }
    {
      std::lock_guard lock(mu_);
      ++batches_;
      items_ += batch.size();
    }
    if (batch_error) errors.assign(batch.size(), batch_error);
    finish(batch, errors);
    batch.clear();
  }
}

bool GroupCommitter::run_bare(Db& db, const std::vector<Item*>& batch) {
  for (auto* item : batch) {
    try {
      item->work(db);
    } catch (...) {
      return false;
    }
  }
  return true;
}

void GroupCommitter::run_in_savepoints(Db& db, const std::vector<Item*>& batch,
                                       std::vector<std::exception_ptr>& errors) {
  for (std::size_t i = 0; i < batch.size(); ++i) {
    Stmt(db, "SAVEPOINT item").run();  // prepared once, unlike exec()
    try {
      batch[i]->work(db);
      Stmt(db, "RELEASE item").run();
    } catch (...) {
      errors[i] = std::current_exception();
      Stmt(db, "ROLLBACK TO item").run();
      Stmt(db, "RELEASE item").run();
    }
  }
}

}  // namespace yeyou::store
