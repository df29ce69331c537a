#include "server/store/wal_write_buffer.hpp"

#include <sqlite3.h>

#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "server/store/db.hpp"

namespace yeyou::store {
namespace {

// The unix VFS writes at most 128 KiB - 1 per call (it masks larger sizes).
constexpr int kBufferBytes = (128 << 10) - 1;

// Our file: SQLite allocates szOsFile bytes; the real file follows ours.
struct BufferedFile {
  sqlite3_file base;
  sqlite3_file* real;
  char* buf;  // null for files that are not a WAL
  sqlite3_int64 start;
  int len;
};

sqlite3_vfs* real_vfs(sqlite3_vfs* vfs) { return static_cast<sqlite3_vfs*>(vfs->pAppData); }
BufferedFile* self(sqlite3_file* f) { return reinterpret_cast<BufferedFile*>(f); }
sqlite3_file* real(sqlite3_file* f) { return self(f)->real; }
const sqlite3_io_methods* methods(sqlite3_file* f) { return real(f)->pMethods; }

int flush(sqlite3_file* f) {
  auto* b = self(f);
  if (!b->buf || b->len == 0) return SQLITE_OK;
  int rc = methods(f)->xWrite(b->real, b->buf, b->len, b->start);
  b->len = 0;
  return rc;
}

int x_write(sqlite3_file* f, const void* data, int amt, sqlite3_int64 off) {
  auto* b = self(f);
  if (!b->buf) return methods(f)->xWrite(b->real, data, amt, off);
  if (b->len > 0 && off == b->start + b->len && b->len + amt <= kBufferBytes) {
    std::memcpy(b->buf + b->len, data, static_cast<std::size_t>(amt));
    b->len += amt;
    return SQLITE_OK;
  }
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  if (amt > kBufferBytes) return methods(f)->xWrite(b->real, data, amt, off);
  std::memcpy(b->buf, data, static_cast<std::size_t>(amt));
  b->start = off;
  b->len = amt;
  return SQLITE_OK;
}

// Everything else first writes what is buffered, so the file is as SQLite wrote it.
int x_read(sqlite3_file* f, void* data, int amt, sqlite3_int64 off) {
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return methods(f)->xRead(real(f), data, amt, off);
}
int x_sync(sqlite3_file* f, int flags) {
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return methods(f)->xSync(real(f), flags);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return methods(f)->xTruncate(real(f), size);
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) {
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return methods(f)->xFileSize(real(f), size);
}
int x_close(sqlite3_file* f) {
  int rc = flush(f);
  sqlite3_free(self(f)->buf);
  self(f)->buf = nullptr;
  int closed = methods(f)->xClose(real(f));
  return rc != SQLITE_OK ? rc : closed;
}

int x_lock(sqlite3_file* f, int level) { return methods(f)->xLock(real(f), level); }
int x_unlock(sqlite3_file* f, int level) { return methods(f)->xUnlock(real(f), level); }
int x_check_reserved_lock(sqlite3_file* f, int* out) { return methods(f)->xCheckReservedLock(real(f), out); }
int x_file_control(sqlite3_file* f, int op, void* arg) { return methods(f)->xFileControl(real(f), op, arg); }
int x_sector_size(sqlite3_file* f) { return methods(f)->xSectorSize(real(f)); }
int x_device_characteristics(sqlite3_file* f) { return methods(f)->xDeviceCharacteristics(real(f)); }
int x_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return methods(f)->xShmMap(real(f), page, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) { return methods(f)->xShmLock(real(f), offset, n, flags); }
void x_shm_barrier(sqlite3_file* f) { methods(f)->xShmBarrier(real(f)); }
int x_shm_unmap(sqlite3_file* f, int delete_flag) { return methods(f)->xShmUnmap(real(f), delete_flag); }
int x_fetch(sqlite3_file* f, sqlite3_int64 off, int amt, void** out) {
  return methods(f)->xFetch(real(f), off, amt, out);
}
int x_unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) { return methods(f)->xUnfetch(real(f), off, p); }

const sqlite3_io_methods kMethods = {
    3,          x_close,     x_read,      x_write,        x_truncate,  x_sync,
    x_file_size, x_lock,     x_unlock,    x_check_reserved_lock, x_file_control, x_sector_size,
    x_device_characteristics, x_shm_map, x_shm_lock, x_shm_barrier, x_shm_unmap, x_fetch,
    x_unfetch};

int x_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  auto* b = self(f);
  b->base.pMethods = nullptr;
  b->real = reinterpret_cast<sqlite3_file*>(b + 1);
  b->buf = nullptr;
  b->start = 0;
  b->len = 0;
  int rc = real_vfs(vfs)->xOpen(real_vfs(vfs), name, b->real, flags, out_flags);
  if (rc != SQLITE_OK || !b->real->pMethods) return rc;
  // The methods below assume the real file's version (3 for the unix VFS).
  if (b->real->pMethods->iVersion < 3) {
    b->real->pMethods->xClose(b->real);
    return SQLITE_CANTOPEN;
  }
  if (flags & SQLITE_OPEN_WAL) {
    b->buf = static_cast<char*>(sqlite3_malloc(kBufferBytes));
    if (!b->buf) {
      b->real->pMethods->xClose(b->real);
      return SQLITE_NOMEM;
    }
  }
  b->base.pMethods = &kMethods;
  return SQLITE_OK;
}

sqlite3_vfs make_vfs(sqlite3_vfs* r, const char* name) {
  sqlite3_vfs v = *r;
  v.iVersion = 2;
  v.szOsFile = static_cast<int>(sizeof(BufferedFile)) + r->szOsFile;
  v.pNext = nullptr;
  v.zName = name;
  v.pAppData = r;
  v.xOpen = x_open;
  v.xDelete = [](sqlite3_vfs* s, const char* n, int sync) { return real_vfs(s)->xDelete(real_vfs(s), n, sync); };
  v.xAccess = [](sqlite3_vfs* s, const char* n, int flags, int* out) {
    return real_vfs(s)->xAccess(real_vfs(s), n, flags, out);
  };
  v.xFullPathname = [](sqlite3_vfs* s, const char* n, int size, char* out) {
    return real_vfs(s)->xFullPathname(real_vfs(s), n, size, out);
  };
  v.xDlOpen = [](sqlite3_vfs* s, const char* n) { return real_vfs(s)->xDlOpen(real_vfs(s), n); };
  v.xDlError = [](sqlite3_vfs* s, int n, char* out) { real_vfs(s)->xDlError(real_vfs(s), n, out); };
  v.xDlSym = [](sqlite3_vfs* s, void* h, const char* n) { return real_vfs(s)->xDlSym(real_vfs(s), h, n); };
  v.xDlClose = [](sqlite3_vfs* s, void* h) { real_vfs(s)->xDlClose(real_vfs(s), h); };
  v.xRandomness = [](sqlite3_vfs* s, int n, char* out) { return real_vfs(s)->xRandomness(real_vfs(s), n, out); };
  v.xSleep = [](sqlite3_vfs* s, int us) { return real_vfs(s)->xSleep(real_vfs(s), us); };
  v.xCurrentTime = [](sqlite3_vfs* s, double* out) { return real_vfs(s)->xCurrentTime(real_vfs(s), out); };
  v.xGetLastError = [](sqlite3_vfs* s, int n, char* out) { return real_vfs(s)->xGetLastError(real_vfs(s), n, out); };
  v.xCurrentTimeInt64 = [](sqlite3_vfs* s, sqlite3_int64* out) {
    return real_vfs(s)->xCurrentTimeInt64(real_vfs(s), out);
  };
  return v;
}

}  // namespace

const char* wal_write_buffer_vfs(const char* base) {
  // One per base, registered for the life of the process (SQLite keeps the pointers).
  struct Registered {
    std::string name;
    sqlite3_vfs vfs;
  };
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<Registered>> by_base;
  std::lock_guard lock(mu);
  sqlite3_vfs* r = sqlite3_vfs_find(base);
  if (!r) throw DbError(std::string("no SQLite VFS named ") + base, SQLITE_ERROR);
  auto& slot = by_base[r->zName];
  if (!slot) {
    slot = std::make_unique<Registered>();
    slot->name = base ? std::string("yeyou-wal-write-buffer+") + r->zName : "yeyou-wal-write-buffer";
    slot->vfs = make_vfs(r, slot->name.c_str());
    sqlite3_vfs_register(&slot->vfs, 0);
  }
  return slot->name.c_str();
}

}  // namespace yeyou::store
