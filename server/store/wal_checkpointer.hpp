#pragma once
// Copies the WAL back into the database file on a thread of its own, so that
// the group-commit writer does not stall its callers while it checkpoints
// (10–20 ms for a 40 MB WAL of random index pages). Each time the writer's
// commits have added `step_frames` frames, this thread checkpoints what is
// there (PASSIVE: it never blocks the writer). Past `limit_frames` the
// writer's own commit checkpoints the little that is left, so the WAL
// restarts from its beginning and stays bounded. The thread, "yeyou-ckpt",
// runs at a lower priority than the writer.
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "server/store/db.hpp"

namespace yeyou::store {

class WalCheckpointer {
 public:
  static constexpr int kNice = 5;  // added to the thread's nice value (see loop())
  // `vfs`: the registered SQLite VFS to open the database with (nullptr: the default).
  WalCheckpointer(std::string path, int step_frames = 1000, int limit_frames = 10000, const char* vfs = nullptr);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Installs the WAL hook on the writer's connection (replacing its automatic checkpoints).
  void attach(Db& writer);
  std::uint64_t passes() const;

 private:
  static int on_commit(void* self, sqlite3* db, const char* schema, int frames);
  void loop();

  std::string path_;
  const char* vfs_;
  int step_frames_, limit_frames_;
  int requested_at_ = 0;  // the WAL's size when a pass was last requested (writer thread only)
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool requested_ = false, stop_ = false;
  std::uint64_t passes_ = 0;
  std::thread thread_;
};

}  // namespace yeyou::store
