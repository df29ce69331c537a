#include "server/store/notice_store.hpp"

#include "server/store/change_log.hpp"

namespace yeyou::store {
namespace {

Notice notice_from(Stmt& s) {
  Notice n;
  n.id = s.int64(0);
  n.severity = enum_from<Severity>(s.text(1)).value_or(Severity::info);
  n.target = enum_from<NoticeTarget>(s.text(2)).value_or(NoticeTarget::all);
  n.target_id = s.text(3);
  n.text = {};
  Json body = Json::parse(s.text(4));
  n.text = {body.at("zh").get<std::string>(), body.at("en").get<std::string>(), body.at("ko").get<std::string>()};
  n.starts_at = Timestamp{std::chrono::seconds{s.int64(5)}};
  n.ends_at = Timestamp{std::chrono::seconds{s.int64(6)}};
  n.issued_by = s.text(7);
  return n;
}

constexpr const char* kColumns =
    "SELECT id, severity, target_kind, target_id, body, starts_at, ends_at, created_by FROM notices ";

}  // namespace

std::int64_t insert_notice(Db& db, Notice n, Timestamp now) {
  Stmt s(db,
         "INSERT INTO notices(severity, target_kind, target_id, body, starts_at, ends_at, created_by, created_at) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  s.bind(1, name_of(n.severity)).bind(2, name_of(n.target));
  if (n.target == NoticeTarget::all) s.bind_null(3);
  else s.bind(3, n.target_id);
  s.bind(4, to_json(n.text).dump()).bind(5, unix_seconds(n.starts_at)).bind(6, unix_seconds(n.ends_at)).bind(7, n.issued_by);
  s.bind(8, unix_seconds(now)).run();
  n.id = db.last_insert_id();
  record_upsert(db, "notice", std::to_string(n.id), to_json(n), now);
  return n.id;
}

std::optional<Notice> find_notice(Db& db, std::int64_t id) {
  Stmt s(db, std::string(kColumns) + "WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return notice_from(s);
}

std::vector<Notice> active_notices(Db& db, Timestamp now) {
  std::vector<Notice> out;
  Stmt s(db, std::string(kColumns) +
                 "WHERE ends_at > ?1 AND starts_at <= ?1 ORDER BY CASE severity WHEN 'emergency' THEN 0 "
                 "WHEN 'warning' THEN 1 ELSE 2 END, starts_at DESC, id DESC");
  s.bind(1, unix_seconds(now));
  while (s.step()) out.push_back(notice_from(s));
  return out;
}

void end_notice(Db& db, std::int64_t id, Timestamp now) {
  Stmt s(db, "UPDATE notices SET starts_at = min(starts_at, ?2 - 1), ends_at = ?2 WHERE id = ?1 AND ends_at > ?2");
  s.bind(1, id).bind(2, unix_seconds(now)).run();
  if (db.changes() > 0) {
    if (auto n = find_notice(db, id)) record_upsert(db, "notice", std::to_string(id), to_json(*n), now);
  }
}

}  // namespace yeyou::store
