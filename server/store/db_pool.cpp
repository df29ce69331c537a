#include "server/store/db_pool.hpp"

#include "server/store/migrations.hpp"

namespace yeyou::store {

DbPool::DbPool(std::string path, Sync sync, const char* vfs) : path_(std::move(path)), sync_(sync), vfs_(vfs) {
  migrate(get());
}

Db& DbPool::get() {
  auto id = std::this_thread::get_id();
  std::lock_guard lock(mu_);
  auto it = conns_.find(id);
  if (it == conns_.end()) it = conns_.emplace(id, std::make_unique<Db>(path_, sync_, 5000, vfs_)).first;
  return *it->second;
}

}  // namespace yeyou::store
