#pragma once
// A SQLite VFS that coalesces the writes to a WAL file: SQLite writes each WAL
// frame as two small writes (header, page), so a batch of 60 pages costs 120
// pwrite() calls. This VFS collects consecutive writes in memory and writes
// them with one call before the file is synced, read, sized, truncated or
// closed. Durability is unchanged: with synchronous=FULL a commit syncs the
// WAL, which writes everything buffered first, and other connections only
// read frames a commit has published after that sync. Other files (the
// database, the shared memory index) go straight through.
namespace yeyou::store {

// The name of the VFS that coalesces WAL writes above `base` (a registered
// VFS's name; nullptr: the default VFS), registered (once per base, not as
// the default) on first use; pass it to Db to open a connection whose WAL
// writes are coalesced.
const char* wal_write_buffer_vfs(const char* base = nullptr);

}  // namespace yeyou::store
