#pragma once
// The change feed kiosks sync from. Each object has one row holding its
// latest state; writing it again moves it to the next version. Call inside
// the transaction that changes the object.
#include <cstdint>
#include <string>
#include <vector>

#include "core/json_reader.hpp"
#include "core/time.hpp"
#include "server/store/db.hpp"

namespace yeyou::store {

struct Change {
  std::int64_t version = 0;
  std::string kind;  // "venue", "event", "district", "occupancy", "notice"
  std::string object_id;
  bool deleted = false;
  Json body;  // null for deletes
};

void record_upsert(Db& db, const std::string& kind, const std::string& object_id, const Json& body, Timestamp now);
void record_delete(Db& db, const std::string& kind, const std::string& object_id, Timestamp now);
// Changes with version > cursor, oldest first, at most `limit`; with
// `live_only`, only occupancy and notices (the kiosks' fast poll).
std::vector<Change> changes_since(Db& db, std::int64_t cursor, int limit, bool live_only = false);
std::int64_t current_version(Db& db);

}  // namespace yeyou::store
