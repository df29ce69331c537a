#pragma once
// The key/value `meta` table both kiosk databases (cache.db, outbox.db) keep.
#include <optional>
#include <string>

#include "kiosk/data/sqlite_db.hpp"

namespace yeyou::kiosk {

inline std::optional<std::string> read_meta(sql::Db& db, const std::string& key) {
  sql::Stmt s(db, "SELECT value FROM meta WHERE key = ?1");
  s.bind(1, key);
  if (s.step()) return s.text(0);
  return std::nullopt;
}

inline void write_meta(sql::Db& db, const std::string& key, const std::string& value) {
  sql::Stmt(db, "INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .bind(1, key)
      .bind(2, value)
      .run();
}

}  // namespace yeyou::kiosk
