#include "server/store/change_log.hpp"

namespace yeyou::store {

static void record(Db& db, const std::string& kind, const std::string& id, const char* op, const Json* body,
                   Timestamp now) {
  Stmt s(db,
         "INSERT OR REPLACE INTO change_log(kind, object_id, op, body, changed_at) VALUES(?1, ?2, ?3, ?4, ?5)");
  s.bind(1, kind).bind(2, id).bind(3, op);
  if (body) s.bind(4, body->dump());
  else s.bind_null(4);
  s.bind(5, now.time_since_epoch().count()).run();
}

void record_upsert(Db& db, const std::string& kind, const std::string& object_id, const Json& body, Timestamp now) {
  record(db, kind, object_id, "upsert", &body, now);
}

void record_delete(Db& db, const std::string& kind, const std::string& object_id, Timestamp now) {
  record(db, kind, object_id, "delete", nullptr, now);
}

std::vector<Change> changes_since(Db& db, std::int64_t cursor, int limit, bool live_only) {
  std::vector<Change> out;
  Stmt s(db, std::string("SELECT version, kind, object_id, op, body FROM change_log WHERE version > ?1 ") +
                 (live_only ? "AND kind IN ('occupancy', 'notice') " : "") + "ORDER BY version LIMIT ?2");
  s.bind(1, cursor).bind(2, limit);
  while (s.step()) {
    Change c;
    c.version = s.int64(0);
    c.kind = s.text(1);
    c.object_id = s.text(2);
    c.deleted = s.text(3) == "delete";
    if (!s.is_null(4)) c.body = Json::parse(s.text(4));
    out.push_back(std::move(c));
  }
  return out;
}

std::int64_t current_version(Db& db) {
  Stmt s(db, "SELECT coalesce(max(version), 0) FROM change_log");
  s.step();
  return s.int64(0);
}

}  // namespace yeyou::store
