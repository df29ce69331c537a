#pragma once
// One SQLite connection per thread, opened lazily on the thread's first use
// and migrated once at pool construction. HTTP worker threads each get their
// own connection; writers serialise through BEGIN IMMEDIATE + busy_timeout.
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "server/store/db.hpp"

namespace yeyou::store {

class DbPool {
 public:
  // `vfs` names a registered SQLite VFS for every connection (nullptr: the
  // default); the string must outlive the pool (a VFS's own zName does).
  explicit DbPool(std::string path, Sync sync = Sync::normal, const char* vfs = nullptr);
  // The calling thread's connection.
  Db& get();
  const std::string& path() const { return path_; }
  const char* vfs() const { return vfs_; }

 private:
  std::string path_;
  Sync sync_;
  const char* vfs_;
  std::mutex mu_;
  std::unordered_map<std::thread::id, std::unique_ptr<Db>> conns_;
};

}  // namespace yeyou::store
