#include <doctest/doctest.h>

#include "server/store/kiosk_store.hpp"
#include "server/store/migrations.hpp"
#include "support/temp_dir.hpp"

using namespace yeyou;

namespace {

// A database with the schema of `version` (the migrations up to it), as a
// build of that time left it.
void schema_up_to(store::Db& db, int version) {
  for (const auto& m : store::migrations())
    if (m.version <= version) db.exec(m.sql);
  db.exec("PRAGMA user_version = " + std::to_string(version));
}

// The first column of the first row of `sql`, as text.
std::string first_value(store::Db& db, const std::string& sql) {
  store::Stmt s(db, sql);
  REQUIRE(s.step());
  return s.text(0);
}

}  // namespace

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
  schema_up_to(db, 6);
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
  CHECK(first_value(db, "SELECT (SELECT count(*) FROM ratings) || ' ' || (SELECT count(*) FROM complaints)") == "5 2");
  CHECK(first_value(db, "SELECT count(*) FROM sqlite_master WHERE name = 'ratings_burst'") == "0");
}

TEST_CASE("migration 8 keeps every case with its steps and notifications, ids unique where present") {
  test::TempDir dir;
  store::Db db(dir.file("v7.db"));
  schema_up_to(db, 7);
  db.exec("INSERT INTO ratings(id, subject_kind, subject_id, level, is_bad, channel, created_at, received_at, body, "
          "payload_hash) VALUES('r1', 'venue', '1', 5, 1, 'kiosk', 0, 0, '{}', 'h'), "
          "('r2', 'venue', '1', 4, 1, 'kiosk', 0, 0, '{}', 'h')");
  db.exec("INSERT INTO complaints(id, tracking_no, kiosk_id, subject_kind, subject_id, category, created_at, "
          "received_at, body, payload_hash) VALUES('c1', 'T-1', 'kiosk-1', 'venue', '1', 'prices', 0, 0, '{}', 'h')");
  const char* columns =
      "INSERT INTO cases(id, kind, rating_id, complaint_id, tracking_no, subject_kind, subject_id, unit, state, "
      "named, level, received_at, callback_due, updated_at, outcome) VALUES";
  db.exec(std::string(columns) + "(7, 'bad_review', 'r1', NULL, NULL, 'venue', '1', 'bureau', 'received', 1, 5, 10, "
                                 "20, 30, 'kept'), (9, 'bad_review', 'r2', NULL, NULL, 'venue', '1', 'bureau', "
                                 "'closed', 0, 4, 11, 21, 31, ''), (12, 'complaint', NULL, 'c1', 'T-1', 'venue', '1', "
                                 "'bureau', 'received', 0, 0, 12, 22, 32, '')");
  db.exec("INSERT INTO case_steps(case_id, at, actor, action, from_state, to_state, note, details) "
          "VALUES(7, 10, 'system', 'open', '', 'received', '', '{}'), (12, 12, 'system', 'open', '', 'received', '', '{}')");
  db.exec("INSERT INTO notifications(unit, case_id, at, kind, text) VALUES('bureau', 9, 11, 'case_opened', 'x')");

  CHECK(store::migrate(db) == static_cast<int>(store::migrations().size()) - 7);
  CHECK(first_value(db, "SELECT group_concat(id || ':' || coalesce(rating_id, '-') || ':' || "
                        "coalesce(complaint_id, '-') || ':' || coalesce(tracking_no, '-') || ':' || state || ':' || "
                        "outcome, ' ') FROM (SELECT * FROM cases ORDER BY id)") ==
        "7:r1:-:-:received:kept 9:r2:-:-:closed: 12:-:c1:T-1:received:");
  CHECK(first_value(db, "SELECT (SELECT count(*) FROM case_steps) || ' ' || (SELECT count(*) FROM notifications)") ==
        "2 1");
  // Foreign keys are on again and still point at cases.
  CHECK(first_value(db, "PRAGMA foreign_keys") == "1");
  CHECK_THROWS_AS(db.exec("INSERT INTO case_steps(case_id, at, actor, action, from_state, to_state, note, details) "
                          "VALUES(999, 0, 'system', 'open', '', 'received', '', '{}')"),
                  store::DbError);
  CHECK_THROWS_AS(db.exec("DELETE FROM cases WHERE id = 7"), store::DbError);  // it has a step
  // Unique where present; any number of NULLs, none of them indexed.
  CHECK_THROWS_AS(db.exec(std::string(columns) + "(13, 'bad_review', 'r1', NULL, NULL, 'venue', '1', 'bureau', "
                                                 "'received', 0, 4, 1, 2, 3, '')"),
                  store::DbError);
  CHECK_THROWS_AS(db.exec(std::string(columns) + "(13, 'complaint', NULL, 'c1', 'T-2', 'venue', '1', 'bureau', "
                                                 "'received', 0, 0, 1, 2, 3, '')"),
                  store::DbError);
  CHECK(first_value(db, "SELECT (SELECT count(*) FROM cases INDEXED BY cases_complaint WHERE complaint_id IS NOT NULL) "
                        "|| ' ' || (SELECT count(*) FROM cases INDEXED BY cases_rating WHERE rating_id IS NOT NULL)") ==
        "1 2");
  CHECK(first_value(db, "PRAGMA integrity_check") == "ok");
}
