#include "support/fault_vfs.hpp"

#include <sqlite3.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>

namespace yeyou::test {
namespace {

std::atomic<int> g_fail_code{0};
std::atomic<long> g_refused{0};

// Files are the default VFS's own; only their method table is swapped for a
// copy whose xWrite can fail. The copy comes first so that a file's methods
// lead back to the original table.
struct PatchedMethods {
  sqlite3_io_methods methods;
  const sqlite3_io_methods* original;
};

int x_write(sqlite3_file* f, const void* data, int amt, sqlite3_int64 off) {
  if (int code = g_fail_code.load(); code != 0) {
    ++g_refused;
    return code;
  }
  return reinterpret_cast<const PatchedMethods*>(f->pMethods)->original->xWrite(f, data, amt, off);
}

// Closing restores the original table (the file's own code may look at it).
int x_close(sqlite3_file* f) {
  f->pMethods = reinterpret_cast<const PatchedMethods*>(f->pMethods)->original;
  return f->pMethods->xClose(f);
}

const sqlite3_io_methods* patched(const sqlite3_io_methods* original) {
  static std::mutex mu;
  static std::map<const sqlite3_io_methods*, std::unique_ptr<PatchedMethods>> tables;
  std::lock_guard lock(mu);
  auto& slot = tables[original];
  if (!slot) {
    slot = std::make_unique<PatchedMethods>(PatchedMethods{*original, original});
    slot->methods.xWrite = x_write;
    slot->methods.xClose = x_close;
  }
  return &slot->methods;
}

sqlite3_vfs* g_real = nullptr;

int x_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  int rc = g_real->xOpen(g_real, name, f, flags, out_flags);
  if (rc == SQLITE_OK && f->pMethods) f->pMethods = patched(f->pMethods);
  return rc;
}

}  // namespace

const char* fault_vfs() {
  static sqlite3_vfs vfs = [] {
    g_real = sqlite3_vfs_find(nullptr);
    sqlite3_vfs v = *g_real;  // same pAppData: the unix VFS's methods read it
    v.pNext = nullptr;
    v.zName = "yeyou-test-fault";
    v.xOpen = x_open;
    return v;
  }();
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_vfs_register(&vfs, 0); });
  return vfs.zName;
}

void fail_writes(int sqlite_code) {
  fault_vfs();
  g_fail_code = sqlite_code;
}

long refused_writes() { return g_refused.load(); }

}  // namespace yeyou::test
