#pragma once
// A thin RAII layer over SQLite, shared by the server's store and the kiosk's
// cache and outbox (library yeyou_sqlite): Db (one connection), Stmt (prepared
// statement) and Transaction (BEGIN IMMEDIATE, rolled back unless committed).
// Every connection runs WAL, busy_timeout and foreign keys.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace yeyou::sqlite {

class DbError : public std::runtime_error {
 public:
  DbError(const std::string& message, int extended_code) : std::runtime_error(message), code_(extended_code) {}
  int code() const { return code_; }
  // The primary result code (SQLITE_FULL for SQLITE_FULL and its extended codes).
  int primary_code() const { return code_ & 0xff; }
  bool is_constraint() const { return primary_code() == 19; }  // SQLITE_CONSTRAINT
  bool is_full() const { return primary_code() == 13; }        // SQLITE_FULL: the disk (or a quota) is full
  bool is_io_error() const { return primary_code() == 10; }    // SQLITE_IOERR and its extended codes
  // SQLITE_BUSY or SQLITE_LOCKED: another connection held the lock past busy_timeout.
  bool is_busy() const { return primary_code() == 5 || primary_code() == 6; }
  // The database could not do it now but may shortly, once the lock is free,
  // the disk has space or the I/O error has passed; the request itself was
  // fine (HTTP: 503 with Retry-After).
  bool is_unavailable() const { return is_busy() || is_full() || is_io_error(); }
  // SQLITE_CORRUPT or SQLITE_NOTADB: the file is not a usable database.
  bool is_corrupt() const { return primary_code() == 11 || primary_code() == 26; }

 private:
  int code_;
};

enum class Sync { normal, full };

class Db {
 public:
  // Opens (creating if needed, mode 0600, as SQLite then makes its -wal and
  // -shm) with WAL, busy_timeout, foreign_keys on; `vfs` names a registered
  // SQLite VFS (nullptr: the default).
  explicit Db(const std::string& path, Sync sync = Sync::normal, int busy_timeout_ms = 5000, const char* vfs = nullptr);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  void exec(std::string_view sql);
  std::int64_t last_insert_id() const;
  int changes() const;
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

  // Prepared statements are kept per connection and reused: preparing (SQL
  // parsing) costs more than running most of our statements. A statement is
  // returned to the list checkout() names (nullptr: finalize it).
  using IdleList = std::vector<sqlite3_stmt*>;
  sqlite3_stmt* checkout(std::string_view sql, IdleList*& list);
  static void checkin(IdleList* list, sqlite3_stmt* stmt);

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
  // Looked up by string_view: no copy of the SQL per statement run.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, IdleList, SqlHash, std::equal_to<>> idle_;
};

class Stmt {
 public:
  Stmt(Db& db, std::string_view sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  // Binds are 1-based, as in SQLite. Return *this for chaining.
  Stmt& bind(int i, std::int64_t v);
  Stmt& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Stmt& bind(int i, double v);
  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind_null(int i);
  Stmt& bind(int i, const std::optional<std::string>& v) { return v ? bind(i, *v) : bind_null(i); }
  Stmt& bind(int i, const std::optional<std::int64_t>& v) { return v ? bind(i, *v) : bind_null(i); }

  // Steps once; true while a row is available.
  bool step();
  // Steps to completion (for statements that return no rows).
  void run();
  void reset();

  std::int64_t int64(int col) const;
  double real(int col) const;
  std::string text(int col) const;
  bool is_null(int col) const;

 private:
  Db& db_;
  Db::IdleList* idle_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE on construction; ROLLBACK in the destructor unless commit()ed.
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Db& db_;
  bool done_ = false;
};

}  // namespace yeyou::sqlite
