#include "server/store/wal_checkpointer.hpp"

#include <sqlite3.h>

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>

namespace yeyou::store {

WalCheckpointer::WalCheckpointer(std::string path, int step_frames, int limit_frames, const char* vfs)
    : path_(std::move(path)), vfs_(vfs), step_frames_(step_frames), limit_frames_(limit_frames), thread_([this] { loop(); }) {}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void WalCheckpointer::attach(Db& writer) { sqlite3_wal_hook(writer.handle(), &WalCheckpointer::on_commit, this); }

std::uint64_t WalCheckpointer::passes() const {
  std::lock_guard lock(mu_);
  return passes_;
}

// Runs on the writer's thread after each commit, with the WAL's size in frames.
int WalCheckpointer::on_commit(void* self, sqlite3* db, const char* schema, int frames) {
  auto* c = static_cast<WalCheckpointer*>(self);
  if (frames >= c->limit_frames_) {
    // What the background passes have not copied yet; then the next transaction restarts the WAL.
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (frames < c->requested_at_ || frames >= c->requested_at_ + c->step_frames_) {
    c->requested_at_ = frames;
    {
      std::lock_guard lock(c->mu_);
      c->requested_ = true;
    }
    c->wake_.notify_one();
  }
  return SQLITE_OK;
}

void WalCheckpointer::loop() {
  pthread_setname_np(pthread_self(), "yeyou-ckpt");
  // Background work: kNice levels down it runs mostly on the CPU time the
  // writer and the HTTP workers leave (8-12% idle under full ingest load)
  // instead of preempting them. Nice 5: +4-5% ingest, p99 at 16 connections
  // 8 -> 11-13 ms; nice 10 gave +8-10% but p99 16-20 ms, because the writer's
  // own pass at limit_frames (which bounds the WAL) then has more left to copy.
  // Lowering a thread's own priority needs no privilege.
  auto self = static_cast<id_t>(gettid());
  errno = 0;
  int base = getpriority(PRIO_PROCESS, self);  // -1 is a valid nice value: errno tells
  if (errno != 0 || setpriority(PRIO_PROCESS, self, std::min(19, base + kNice)) != 0)
    std::fprintf(stderr, "warning: could not lower the checkpointer's priority\n");
  std::unique_ptr<Db> db;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [&] { return stop_ || requested_; });
      if (stop_) return;
      requested_ = false;
    }
    try {
      if (!db) db = std::make_unique<Db>(path_, Sync::full, 5000, vfs_);
      db->exec("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (const std::exception& e) {
      // The writer's own checkpoint at the limit still bounds the WAL.
      std::fprintf(stderr, "warning: background checkpoint failed: %s\n", e.what());
    }
    std::lock_guard lock(mu_);
    ++passes_;
  }
}

}  // namespace yeyou::store
