#pragma once
// Versioned schema migrations. PRAGMA user_version holds the applied version;
// each migration runs in its own BEGIN IMMEDIATE transaction.
#include <string_view>
#include <vector>

#include "server/store/db.hpp"

namespace yeyou::store {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

const std::vector<Migration>& migrations();
// Migrations that rebuild a table other tables reference; they run with
// foreign keys off and are checked (PRAGMA foreign_key_check) before commit.
bool rebuilds_tables(int version);
int schema_version(Db& db);
// Applies every pending migration; returns the number applied. Refuses a
// database whose version is newer than this build knows.
int migrate(Db& db);

}  // namespace yeyou::store
