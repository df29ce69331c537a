#pragma once
// The kiosk's cache and outbox use the shared SQLite layer (core/sqlite_db.hpp).
#include "core/sqlite_db.hpp"

namespace yeyou::kiosk::sql {
using sqlite::Db;
using sqlite::DbError;
using sqlite::Stmt;
using sqlite::Sync;
using sqlite::Transaction;
}  // namespace yeyou::kiosk::sql
