#pragma once
// The server's store uses the shared SQLite layer (core/sqlite_db.hpp).
#include "core/sqlite_db.hpp"

namespace yeyou::store {
using sqlite::Db;
using sqlite::DbError;
using sqlite::Stmt;
using sqlite::Sync;
using sqlite::Transaction;
}  // namespace yeyou::store
