#include <doctest/doctest.h>

#include "server/store/migrations.hpp"
#include "support/temp_dir.hpp"

using namespace yeyou;

TEST_CASE("migrations apply once on a temp file and are idempotent") {
  test::TempDir dir;
  std::string path = dir.file("m.db");
  {
    store::Db db(path);
    CHECK(store::schema_version(db) == 0);
    int applied = store::migrate(db);
    CHECK(applied == static_cast<int>(store::migrations().size()));
    CHECK(store::schema_version(db) == store::migrations().back().version);
  }
  store::Db again(path);
  CHECK(store::migrate(again) == 0);
  store::Stmt s(again, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN ('venues','events','ratings')");
  s.step();
  CHECK(s.int64(0) == 3);
}

TEST_CASE("connections run WAL with foreign keys and a busy timeout") {
  test::TempDir dir;
  store::Db db(dir.file("p.db"));
  store::Stmt mode(db, "PRAGMA journal_mode");
  mode.step();
  CHECK(mode.text(0) == "wal");
  store::Stmt fk(db, "PRAGMA foreign_keys");
  fk.step();
  CHECK(fk.int64(0) == 1);
  store::Stmt bt(db, "PRAGMA busy_timeout");
  bt.step();
  CHECK(bt.int64(0) >= 1000);
}

TEST_CASE("migration versions are strictly increasing") {
  int last = 0;
  for (const auto& m : store::migrations()) {
    CHECK(m.version > last);
    last = m.version;
  }
}

TEST_CASE("a database from a newer build is refused") {
  test::TempDir dir;
  store::Db db(dir.file("n.db"));
  db.exec("PRAGMA user_version = 9999");
  CHECK_THROWS_AS(store::migrate(db), store::DbError);
}

TEST_CASE("a failed transaction rolls back") {
  test::TempDir dir;
  store::Db db(dir.file("t.db"));
  store::migrate(db);
  try {
    store::Transaction tx(db);
    db.exec("INSERT INTO districts(id, name_json) VALUES('x', '{}')");
    db.exec("INSERT INTO venues(id, district, capacity, body, updated_at) VALUES(1, 'nowhere', 10, '{}', 0)");
    tx.commit();
  } catch (const store::DbError& e) {
    CHECK(e.is_constraint());
  }
  store::Stmt s(db, "SELECT count(*) FROM districts");
  s.step();
  CHECK(s.int64(0) == 0);
}
