#include "server/store/audit_store.hpp"

namespace yeyou::store {

void append_audit(Db& db, const AuditEntry& e) {
  Stmt s(db,
         "INSERT INTO audit_log(at, actor, action, object_kind, object_id, before_json, after_json, note) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  s.bind(1, e.at.time_since_epoch().count()).bind(2, e.actor).bind(3, e.action).bind(4, e.object_kind);
  s.bind(5, e.object_id);
  if (e.before.is_null()) s.bind_null(6);
  else s.bind(6, e.before.dump());
  if (e.after.is_null()) s.bind_null(7);
  else s.bind(7, e.after.dump());
  if (e.note.empty()) s.bind_null(8);
  else s.bind(8, e.note);
  s.run();
}

std::vector<AuditEntry> query_audit(Db& db, const AuditQuery& q) {
  std::vector<AuditEntry> out;
  Stmt s(db,
         "SELECT id, at, actor, action, object_kind, object_id, before_json, after_json, note FROM audit_log "
         "WHERE (?1 IS NULL OR object_kind = ?1) AND (?2 IS NULL OR object_id = ?2) AND (?3 IS NULL OR actor = ?3) "
         "AND (?4 = 0 OR id < ?4) ORDER BY id DESC LIMIT ?5");
  s.bind(1, q.object_kind).bind(2, q.object_id).bind(3, q.actor).bind(4, q.before_id).bind(5, q.limit);
  while (s.step()) {
    AuditEntry e;
    e.id = s.int64(0);
    e.at = Timestamp{std::chrono::seconds{s.int64(1)}};
    e.actor = s.text(2);
    e.action = s.text(3);
    e.object_kind = s.text(4);
    e.object_id = s.text(5);
    if (!s.is_null(6)) e.before = Json::parse(s.text(6));
    if (!s.is_null(7)) e.after = Json::parse(s.text(7));
    e.note = s.text(8);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace yeyou::store
