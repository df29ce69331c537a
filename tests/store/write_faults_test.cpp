#include <doctest/doctest.h>

#include <sqlite3.h>
#include <sys/stat.h>

#include <string>

#include "server/services/service_hub.hpp"
#include "server/store/group_commit.hpp"
#include "support/fault_vfs.hpp"
#include "support/temp_dir.hpp"

using namespace yeyou;

namespace {

std::int64_t count_rows(store::Db& db) {
  store::Stmt s(db, "SELECT count(*) FROM t");
  s.step();
  return s.int64(0);
}

std::string integrity(store::Db& db) {
  store::Stmt s(db, "PRAGMA integrity_check");
  s.step();
  return s.text(0);
}

void insert(store::GroupCommitter& writer, int size) {
  writer.run([&](store::Db& db) { store::Stmt(db, "INSERT INTO t(body) VALUES(randomblob(?1))").bind(1, size).run(); });
}

// The error a write fails with.
store::DbError failing_insert(store::GroupCommitter& writer, int size) {
  try {
    insert(writer, size);
  } catch (const store::DbError& e) {
    return e;
  }
  FAIL("the write succeeded despite the fault");
  return store::DbError("", 0);
}

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

}  // namespace

TEST_CASE("a fresh server database, its WAL and shared memory, and the contact key are owner-only") {
  test::TempDir dir;
  std::string path = dir.file("yeyou.db");
  mode_t old = ::umask(0);  // whatever the caller's umask, the files are 0600
  {
    store::DbPool pool(path);
    services::ServerConfig config;
    config.db_path = path;
    config.cases.calendar_file = std::string(YEYOU_SOURCE_DIR) + "/assets/calendar/cn-workdays.json";
    services::ServiceHub hub(pool, config);
    hub.writer.run([](store::Db& db) { db.exec("CREATE TABLE t (x)"); });
    CHECK(mode_of(path) == 0600);
    CHECK(mode_of(path + "-wal") == 0600);
    CHECK(mode_of(path + "-shm") == 0600);
    CHECK(mode_of(config.contact_key_path()) == 0600);
  }
  ::umask(old);
  // An existing file keeps the mode its owner gave it.
  ::chmod(path.c_str(), 0640);
  store::Db reopened(path);
  CHECK(mode_of(path) == 0640);
}

TEST_CASE("group commit: a full disk fails the batch with an unavailable error, keeps what was stored, and recovers") {
  test::TempDir dir;
  std::string path = dir.file("full.db");
  { store::Db(path).exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)"); }
  store::GroupCommitter writer(path, 512, test::fault_vfs());
  for (int i = 0; i < 20; ++i) insert(writer, 3000);
  long refused_before = test::refused_writes();
  {
    test::WriteFault full;  // SQLITE_FULL
    auto e = failing_insert(writer, 200000);
    CAPTURE(e.what());
    CHECK(e.is_full());
    CHECK(e.is_unavailable());
    CHECK_FALSE(e.is_constraint());
    // Stays failing (not wedged, not half-written) while the disk is full.
    CHECK_THROWS_AS(insert(writer, 10), store::DbError);
  }
  CHECK(test::refused_writes() > refused_before);
  store::Db reader(path);
  CHECK(count_rows(reader) == 20);
  CHECK(integrity(reader) == "ok");
  // Space again: the next batch succeeds.
  insert(writer, 200000);
  insert(writer, 10);
  CHECK(count_rows(reader) == 22);
  CHECK(integrity(reader) == "ok");
}

TEST_CASE("group commit: an I/O error is unavailable too, and the writer recovers") {
  test::TempDir dir;
  std::string path = dir.file("io.db");
  { store::Db(path).exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)"); }
  store::GroupCommitter writer(path, 512, test::fault_vfs());
  insert(writer, 100);
  {
    test::WriteFault io(SQLITE_IOERR_WRITE);
    auto e = failing_insert(writer, 100);
    CAPTURE(e.what());
    CHECK(e.is_io_error());
    CHECK(e.is_unavailable());
    CHECK_FALSE(e.is_full());
  }
  insert(writer, 100);
  store::Db reader(path);
  CHECK(count_rows(reader) == 2);
  CHECK(integrity(reader) == "ok");
}

TEST_CASE("DbError predicates: busy and locked are unavailable, constraint and corrupt are not") {
  CHECK(store::DbError("x", SQLITE_BUSY).is_busy());
  CHECK(store::DbError("x", SQLITE_BUSY_SNAPSHOT).is_unavailable());
  CHECK(store::DbError("x", SQLITE_LOCKED).is_unavailable());
  CHECK(store::DbError("x", SQLITE_FULL).primary_code() == SQLITE_FULL);
  CHECK_FALSE(store::DbError("x", SQLITE_CONSTRAINT_UNIQUE).is_unavailable());
  CHECK_FALSE(store::DbError("x", SQLITE_CORRUPT).is_unavailable());
}
