#pragma once
// A SQLite VFS for tests, wrapping the default (unix) one, whose writes can
// be made to fail on demand, as a full disk makes them fail. Open a Db,
// DbPool or GroupCommitter with vfs = fault_vfs() and call fail_writes();
// files opened through other VFSes are not affected.
namespace yeyou::test {

// The VFS's name; registered (not as the default) on first use.
const char* fault_vfs();

// From now on every xWrite through fault_vfs() fails with `sqlite_code`
// (SQLITE_FULL by default) and writes nothing; 0 lets writes through again.
void fail_writes(int sqlite_code = 13);
// Writes refused since the process started.
long refused_writes();

// Fails writes for its lifetime.
class WriteFault {
 public:
  explicit WriteFault(int sqlite_code = 13) { fail_writes(sqlite_code); }
  ~WriteFault() { fail_writes(0); }
  WriteFault(const WriteFault&) = delete;
  WriteFault& operator=(const WriteFault&) = delete;
};

}  // namespace yeyou::test
