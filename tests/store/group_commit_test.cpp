#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "server/store/group_commit.hpp"
#include "server/store/migrations.hpp"
#include "support/temp_dir.hpp"

using namespace yeyou;

TEST_CASE("group commit: concurrent writers are batched, each item lands once") {
  test::TempDir dir;
  std::string path = dir.file("g.db");
  {
    store::Db db(path);
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, who INTEGER NOT NULL CHECK (who >= 0))");
  }
  store::GroupCommitter writer(path);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        int who = (t == 3 && i == 50) ? -1 : t;  // one item violates the CHECK
        try {
          auto id = writer.run([&](store::Db& db) {
            store::Stmt s(db, "INSERT INTO t(who) VALUES(?1)");
            s.bind(1, who).run();
            return db.last_insert_id();
          });
          CHECK(id > 0);
        } catch (const store::DbError& e) {
          CHECK(e.is_constraint());
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == 1);
  store::Db check(path);
  store::Stmt s(check, "SELECT count(*) FROM t");
  s.step();
  CHECK(s.int64(0) == 799);  // the failing item rolled back alone
  CHECK(writer.items() == 800);
  CHECK(writer.batches() >= 1);
}

TEST_CASE("group commit: the writer's connection is durable (synchronous=FULL)") {
  test::TempDir dir;
  std::string path = dir.file("d.db");
  store::GroupCommitter writer(path);
  auto level = writer.run([](store::Db& db) {
    store::Stmt s(db, "PRAGMA synchronous");
    s.step();
    return s.int64(0);
  });
  CHECK(level == 2);  // FULL
}
