#include <doctest/doctest.h>

#include <atomic>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "server/store/group_commit.hpp"
#include "server/store/migrations.hpp"
#include "support/temp_dir.hpp"
#include "support/test_server.hpp"

using namespace yeyou;

namespace {

// A new database file in `dir` holding one table.
std::string db_with_table(test::TempDir& dir, const std::string& name, const std::string& create_sql) {
  std::string path = dir.file(name);
  store::Db db(path);
  db.exec(create_sql);
  return path;
}

}  // namespace

TEST_CASE("group commit: concurrent writers are batched, each item lands once") {
  test::TempDir dir;
  auto path = db_with_table(dir, "g.db", "CREATE TABLE t (id INTEGER PRIMARY KEY, who INTEGER NOT NULL CHECK (who >= 0))");
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

TEST_CASE("group commit: an item failing after it wrote leaves nothing, its batch-mates land once") {
  test::TempDir dir;
  auto path = db_with_table(dir, "f.db", "CREATE TABLE t (id INTEGER PRIMARY KEY, who INTEGER NOT NULL, n INTEGER NOT NULL)");
  store::GroupCommitter writer(path);
  std::atomic<int> failures{0}, runs{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 60; ++i) {
        try {
          writer.run([&](store::Db& db) {
            ++runs;
            store::Stmt s(db, "INSERT INTO t(who, n) VALUES(?1, ?2)");
            s.bind(1, t).bind(2, i).run();
            if (i % 20 == 7 && t % 3 == 1) throw std::runtime_error("failed after writing");
          });
        } catch (const std::runtime_error& e) {
          CHECK(std::string(e.what()) == "failed after writing");
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == 3 * 3);  // threads 1, 4 and 7; items 7, 27 and 47
  store::Db check(path);
  store::Stmt count(check, "SELECT count(*), count(DISTINCT who * 1000 + n) FROM t");
  count.step();
  CHECK(count.int64(0) == 8 * 60 - 9);  // the failing items' rows are gone
  CHECK(count.int64(1) == 8 * 60 - 9);  // and no item landed twice
  store::Stmt failed(check, "SELECT count(*) FROM t WHERE n % 20 = 7 AND who % 3 = 1");
  failed.step();
  CHECK(failed.int64(0) == 0);
  CHECK(runs > 8 * 60);  // batches with a failing item ran again (with savepoints)
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

TEST_CASE("group commit: coalesced WAL writes are visible to readers and survive reopening") {
  test::TempDir dir;
  auto path = db_with_table(dir, "w.db", "CREATE TABLE t (id INTEGER PRIMARY KEY, blob BLOB NOT NULL)");
  store::Db reader(path);
  auto count_and_bytes = [&](store::Db& db) {
    store::Stmt s(db, "SELECT count(*), coalesce(sum(length(blob)), 0) FROM t");
    s.step();
    return std::pair{s.int64(0), s.int64(1)};
  };
  {
    store::GroupCommitter writer(path);
    // Small items (batched, buffered), then one item larger than the write buffer.
    for (int i = 0; i < 200; ++i) {
      writer.run([&](store::Db& db) {
        store::Stmt s(db, "INSERT INTO t(blob) VALUES(zeroblob(?1))");
        s.bind(1, 100 + i).run();
      });
      CHECK(count_and_bytes(reader).first == i + 1);  // committed means readable elsewhere
    }
    writer.run([](store::Db& db) {
      store::Stmt s(db, "INSERT INTO t(blob) VALUES(randomblob(?1))");
      s.bind(1, 5 << 20).run();
    });
    CHECK(count_and_bytes(reader) == std::pair<std::int64_t, std::int64_t>{201, 200 * 100 + 199 * 200 / 2 + (5 << 20)});
    // Rolled-back items leave nothing behind, even after their pages went to the WAL.
    CHECK_THROWS(writer.run([](store::Db& db) {
      db.exec("INSERT INTO t(blob) VALUES(randomblob(3000000))");
      db.exec("INSERT INTO t(id, blob) VALUES(1, x'00')");  // duplicate key
    }));
  }
  store::Db reopened(path);
  CHECK(count_and_bytes(reopened) == std::pair<std::int64_t, std::int64_t>{201, 200 * 100 + 199 * 200 / 2 + (5 << 20)});
  store::Stmt check(reopened, "PRAGMA integrity_check");
  check.step();
  CHECK(check.text(0) == "ok");
}

TEST_CASE("WAL checkpointer: background passes keep the WAL bounded, nothing is lost") {
  test::TempDir dir;
  auto path = db_with_table(dir, "c.db", "CREATE TABLE t (id INTEGER PRIMARY KEY, blob BLOB NOT NULL)");
  constexpr int kLimit = 100;
  store::WalCheckpointer checkpointer(path, 20, kLimit);
  store::Db writer(path, store::Sync::full);
  checkpointer.attach(writer);
  for (int i = 0; i < 1000; ++i) {
    store::Transaction tx(writer);
    writer.exec("INSERT INTO t(blob) VALUES(randomblob(3000))");
    tx.commit();
  }
  CHECK(test::wait_for([&] { return checkpointer.passes() > 0; }));
  CHECK(std::filesystem::file_size(path + "-wal") <= 4 * kLimit * (4096 + 24));
  store::Stmt s(writer, "SELECT count(*) FROM t");
  s.step();
  CHECK(s.int64(0) == 1000);
}

namespace {

// Nice value of this process's thread named `name`, if there is one.
std::optional<int> thread_nice(const std::string& name) {
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream comm(task.path() / "comm");
    std::string comm_name;
    std::getline(comm, comm_name);
    if (comm_name != name) continue;
    std::ifstream stat(task.path() / "stat");
    std::string line;
    std::getline(stat, line);
    std::istringstream fields(line.substr(line.rfind(')') + 2));  // from field 3 (state) on
    std::string field;
    for (int i = 3; i <= 19 && fields >> field; ++i) {
      if (i == 19) return std::stoi(field);  // nice
    }
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("group commit: the checkpointer runs below the writer's priority") {
  test::TempDir dir;
  store::GroupCommitter writer(dir.file("p.db"));
  writer.run([](store::Db& db) { db.exec("CREATE TABLE t (x)"); });
  std::optional<int> writer_nice, checkpointer_nice;
  CHECK(test::wait_for([&] {
    writer_nice = thread_nice("yeyou-writer");
    checkpointer_nice = thread_nice("yeyou-ckpt");
    return writer_nice && checkpointer_nice;
  }));
  REQUIRE(writer_nice);
  REQUIRE(checkpointer_nice);
  CHECK(*checkpointer_nice == std::min(19, *writer_nice + store::WalCheckpointer::kNice));
}

TEST_CASE("group commit: items submitted without waiting share batches with waiting ones, and learn their outcome after the commit") {
  test::TempDir dir;
  auto path = db_with_table(dir, "a.db", "CREATE TABLE t (id INTEGER PRIMARY KEY, who INTEGER NOT NULL CHECK (who >= 0))");
  store::Db reader(path);  // used by the done callbacks only, one at a time on the writer thread
  std::atomic<int> done{0}, visible{0}, failed{0}, waited{0};
  {
    store::GroupCommitter writer(path);
    std::thread waiting([&] {
      for (int i = 0; i < 100; ++i) {
        writer.run([](store::Db& db) { store::Stmt(db, "INSERT INTO t(who) VALUES(1)").run(); });
        ++waited;
      }
    });
    for (int i = 0; i < 300; ++i) {
      int who = i == 150 ? -1 : 2;  // one item violates the CHECK
      auto id = std::make_shared<std::int64_t>(0);
      writer.submit_async(
          [who, id](store::Db& db) {
            store::Stmt(db, "INSERT INTO t(who) VALUES(?1)").bind(1, who).run();
            *id = db.last_insert_id();
          },
          [&, id](std::exception_ptr error) {
            if (error) {
              ++failed;
            } else {
              // Committed before done is called: another connection sees the row.
              store::Stmt s(reader, "SELECT count(*) FROM t WHERE id = ?1");
              s.bind(1, *id).step();
              if (s.int64(0) == 1) ++visible;
            }
            ++done;
          });
    }
    waiting.join();
    CHECK(test::wait_for([&] { return done == 300; }));
  }  // the writer drains its queue before it stops
  CHECK(waited == 100);
  CHECK(failed == 1);
  CHECK(visible == 299);
  store::Stmt count(reader, "SELECT count(*), sum(who = 2) FROM t");
  count.step();
  CHECK(count.int64(0) == 100 + 299);
  CHECK(count.int64(1) == 299);
}
