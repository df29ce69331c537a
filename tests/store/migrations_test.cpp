#include <doctest/doctest.h>

#include "server/store/kiosk_store.hpp"
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

TEST_CASE("migration 7 keeps every rating and complaint and counts what each kiosk sent") {
  test::TempDir dir;
  store::Db db(dir.file("v6.db"));
  for (const auto& m : store::migrations())
    if (m.version <= 6) db.exec(m.sql);
  db.exec("PRAGMA user_version = 6");
  for (const char* kiosk : {"'kiosk-1'", "'kiosk-1'", "'kiosk-1'", "'kiosk-2'", "NULL"})
    db.exec(std::string("INSERT INTO ratings(id, subject_kind, subject_id, level, is_bad, channel, created_at, "
                        "received_at, body, payload_hash, kiosk_id) VALUES(hex(randomblob(16)), 'venue', '1', 2, 0, "
                        "'kiosk', 0, 0, '{}', 'h', ") + kiosk + ")");
  for (const char* no : {"'A-1'", "'A-2'"})
    db.exec(std::string("INSERT INTO complaints(id, tracking_no, kiosk_id, subject_kind, subject_id, category, "
                        "created_at, received_at, body, payload_hash) VALUES(hex(randomblob(16)), ") + no +
            ", 'kiosk-1', 'venue', '1', 'prices', 0, 0, '{}', 'h')");
  db.exec("INSERT INTO ingest_counters(kiosk_id, kind, duplicates_refused) VALUES('kiosk-1', 'rating', 5)");

  CHECK(store::migrate(db) == static_cast<int>(store::migrations().size()) - 6);
  auto rows = store::ingest_by_kiosk(db);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].kiosk_id == "kiosk-1");
  CHECK(rows[0].ratings == 3);
  CHECK(rows[0].complaints == 2);
  CHECK(rows[0].duplicates_refused == 5);
  CHECK(rows[1].kiosk_id == "kiosk-2");
  CHECK(rows[1].ratings == 1);
  store::Stmt kept(db, "SELECT (SELECT count(*) FROM ratings), (SELECT count(*) FROM complaints)");
  kept.step();
  CHECK(kept.int64(0) == 5);
  CHECK(kept.int64(1) == 2);
  store::Stmt index(db, "SELECT count(*) FROM sqlite_master WHERE name = 'ratings_burst'");
  index.step();
  CHECK(index.int64(0) == 0);
}
