#include "server/store/case_store.hpp"

namespace yeyou::store {
namespace {

std::optional<Timestamp> opt_time(Stmt& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  return from_unix_seconds(s.int64(col));
}
std::optional<std::string> opt_text(Stmt& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  return s.text(col);
}
void bind_time(Stmt& s, int i, const std::optional<Timestamp>& t) {
  if (t) s.bind(i, unix_seconds(*t));
  else s.bind_null(i);
}

constexpr const char* kColumns =
    "SELECT id, kind, rating_id, complaint_id, tracking_no, subject_kind, subject_id, venue_id, district, unit, "
    "state, named, level, received_at, callback_due, rectify_due, close_due, paused_since, paused_seconds, "
    "callback_reached, first_callback_at, resolved_at, feedback_at, closed_at, reopened, escalated, appeal, "
    "evaluation, outcome FROM cases ";

CaseRow row_from(Stmt& s) {
  CaseRow c;
  c.id = s.int64(0);
  c.kind = enum_from<CaseKind>(s.text(1)).value_or(CaseKind::bad_review);
  c.rating_id = opt_text(s, 2);
  c.complaint_id = opt_text(s, 3);
  c.tracking_no = opt_text(s, 4);
  c.subject_kind = s.text(5);
  c.subject_id = s.text(6);
  if (!s.is_null(7)) c.venue_id = s.int64(7);
  c.district = opt_text(s, 8);
  c.unit = s.text(9);
  c.state = enum_from<CaseState>(s.text(10)).value_or(CaseState::received);
  c.named = s.int64(11) != 0;
  c.level = static_cast<int>(s.int64(12));
  c.received_at = from_unix_seconds(s.int64(13));
  c.callback_due = from_unix_seconds(s.int64(14));
  c.rectify_due = opt_time(s, 15);
  c.close_due = opt_time(s, 16);
  c.paused_since = opt_time(s, 17);
  c.paused_seconds = s.int64(18);
  c.callback_reached = s.int64(19) != 0;
  c.first_callback_at = opt_time(s, 20);
  c.resolved_at = opt_time(s, 21);
  c.feedback_at = opt_time(s, 22);
  c.closed_at = opt_time(s, 23);
  c.reopened = s.int64(24) != 0;
  c.escalated = s.int64(25) != 0;
  c.appeal = opt_text(s, 26);
  c.evaluation = opt_text(s, 27);
  c.outcome = s.text(28);
  return c;
}

}  // namespace

CaseFlags CaseRow::flags() const {
  CaseFlags f;
  f.reopened_once = reopened;
  f.appeal_pending = appeal && *appeal == "pending";
  f.appealed = appeal.has_value();
  f.paused = paused_since.has_value();
  f.callback_reached = callback_reached;
  return f;
}

std::int64_t insert_case(Db& db, const CaseRow& c) {
  Stmt s(db,
         "INSERT INTO cases(kind, rating_id, complaint_id, tracking_no, subject_kind, subject_id, venue_id, district, "
         "unit, state, named, level, received_at, callback_due, rectify_due, close_due, updated_at) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?13)");
  s.bind(1, name_of(c.kind)).bind(2, c.rating_id).bind(3, c.complaint_id).bind(4, c.tracking_no);
  s.bind(5, c.subject_kind).bind(6, c.subject_id).bind(7, c.venue_id).bind(8, c.district).bind(9, c.unit);
  s.bind(10, name_of(c.state)).bind(11, c.named ? 1 : 0).bind(12, c.level).bind(13, unix_seconds(c.received_at));
  s.bind(14, unix_seconds(c.callback_due));
  bind_time(s, 15, c.rectify_due);
  bind_time(s, 16, c.close_due);
  s.run();
  return db.last_insert_id();
}

void update_case(Db& db, const CaseRow& c, Timestamp now) {
  Stmt s(db,
         "UPDATE cases SET unit = ?2, state = ?3, callback_due = ?4, rectify_due = ?5, close_due = ?6, "
         "paused_since = ?7, paused_seconds = ?8, callback_reached = ?9, first_callback_at = ?10, resolved_at = ?11, "
         "feedback_at = ?12, closed_at = ?13, reopened = ?14, escalated = ?15, appeal = ?16, evaluation = ?17, "
         "outcome = ?18, updated_at = ?19 WHERE id = ?1");
  s.bind(1, c.id).bind(2, c.unit).bind(3, name_of(c.state)).bind(4, unix_seconds(c.callback_due));
  bind_time(s, 5, c.rectify_due);
  bind_time(s, 6, c.close_due);
  bind_time(s, 7, c.paused_since);
  s.bind(8, c.paused_seconds).bind(9, c.callback_reached ? 1 : 0);
  bind_time(s, 10, c.first_callback_at);
  bind_time(s, 11, c.resolved_at);
  bind_time(s, 12, c.feedback_at);
  bind_time(s, 13, c.closed_at);
  s.bind(14, c.reopened ? 1 : 0).bind(15, c.escalated ? 1 : 0).bind(16, c.appeal).bind(17, c.evaluation);
  s.bind(18, c.outcome).bind(19, unix_seconds(now)).run();
}

std::optional<CaseRow> find_case(Db& db, std::int64_t id) {
  Stmt s(db, std::string(kColumns) + "WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return row_from(s);
}

std::optional<CaseRow> find_case_by_tracking(Db& db, const std::string& tracking_no) {
  Stmt s(db, std::string(kColumns) + "WHERE tracking_no = ?1");
  s.bind(1, tracking_no);
  if (!s.step()) return std::nullopt;
  return row_from(s);
}

std::optional<CaseRow> find_case_by_rating(Db& db, const std::string& rating_id) {
  Stmt s(db, std::string(kColumns) + "WHERE rating_id = ?1");
  s.bind(1, rating_id);
  if (!s.step()) return std::nullopt;
  return row_from(s);
}

bool is_overdue(const CaseRow& c, Timestamp now) {
  if (c.state == CaseState::closed) return false;
  // Paused time extends every deadline; the pause in progress counts too.
  auto paused = std::chrono::seconds{c.paused_seconds} +
                (c.paused_since ? std::chrono::duration_cast<std::chrono::seconds>(now - *c.paused_since)
                                : std::chrono::seconds{0});
  bool awaiting_callback = c.state == CaseState::received || c.state == CaseState::assigned;
  if (awaiting_callback && now > c.callback_due + paused) return true;
  if (c.state == CaseState::rectifying && c.rectify_due && now > *c.rectify_due + paused) return true;
  if (c.close_due && now > *c.close_due + paused) return true;
  return false;
}

std::vector<CaseRow> list_cases(Db& db, const CaseFilter& f) {
  std::string sql = std::string(kColumns) + "WHERE (?1 IS NULL OR state = ?1)";
  if (f.units) {
    sql += " AND unit IN (";
    for (std::size_t i = 0; i < f.units->size(); ++i) sql += (i ? ",?" : "?") + std::to_string(i + 3);
    if (f.units->empty()) sql += "NULL";
    sql += ")";
  }
  if (f.overdue_only) sql += " AND state <> 'closed'";
  sql += " ORDER BY received_at DESC, id DESC LIMIT ?2";
  Stmt s(db, sql);
  if (f.state) s.bind(1, name_of(*f.state));
  else s.bind_null(1);
  // Overdue filtering happens after the query (pauses make it a computed rule),
  // so read enough rows to fill the page.
  s.bind(2, f.overdue_only ? 100000 : f.limit);
  if (f.units)
    for (std::size_t i = 0; i < f.units->size(); ++i) s.bind(static_cast<int>(i) + 3, (*f.units)[i]);
  std::vector<CaseRow> out;
  while (s.step() && static_cast<int>(out.size()) < f.limit) {
    auto c = row_from(s);
    if (!f.overdue_only || is_overdue(c, f.now)) out.push_back(std::move(c));
  }
  return out;
}

void add_step(Db& db, const CaseStep& st) {
  Stmt s(db,
         "INSERT INTO case_steps(case_id, at, actor, action, from_state, to_state, note, details) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  s.bind(1, st.case_id).bind(2, unix_seconds(st.at)).bind(3, st.actor).bind(4, st.action).bind(5, st.from_state);
  s.bind(6, st.to_state).bind(7, st.note).bind(8, st.details.is_null() ? "{}" : st.details.dump()).run();
}

std::vector<CaseStep> steps_of(Db& db, std::int64_t case_id) {
  std::vector<CaseStep> out;
  Stmt s(db,
         "SELECT id, case_id, at, actor, action, from_state, to_state, note, details FROM case_steps "
         "WHERE case_id = ?1 ORDER BY id");
  s.bind(1, case_id);
  while (s.step()) {
    CaseStep st;
    st.id = s.int64(0);
    st.case_id = s.int64(1);
    st.at = from_unix_seconds(s.int64(2));
    st.actor = s.text(3);
    st.action = s.text(4);
    st.from_state = s.text(5);
    st.to_state = s.text(6);
    st.note = s.text(7);
    st.details = Json::parse(s.text(8));
    out.push_back(std::move(st));
  }
  return out;
}

void add_ledger_entry(Db& db, std::int64_t case_id, Timestamp opened, Timestamp due, const std::string& plan) {
  Stmt s(db, "INSERT INTO rectification_ledger(case_id, opened_at, due_at, plan) VALUES(?1, ?2, ?3, ?4)");
  s.bind(1, case_id).bind(2, unix_seconds(opened)).bind(3, unix_seconds(due)).bind(4, plan).run();
}

void close_ledger_entries(Db& db, std::int64_t case_id, Timestamp done) {
  Stmt s(db, "UPDATE rectification_ledger SET done_at = ?2 WHERE case_id = ?1 AND done_at IS NULL");
  s.bind(1, case_id).bind(2, unix_seconds(done)).run();
}

void add_notification(Db& db, const Notification& n) {
  Stmt s(db, "INSERT INTO notifications(unit, case_id, at, kind, text) VALUES(?1, ?2, ?3, ?4, ?5)");
  s.bind(1, n.unit).bind(2, n.case_id).bind(3, unix_seconds(n.at)).bind(4, n.kind).bind(5, n.text).run();
}

static std::string unit_list(const std::vector<std::string>& units, int first_param) {
  std::string sql = "(";
  for (std::size_t i = 0; i < units.size(); ++i) sql += (i ? ",?" : "?") + std::to_string(first_param + static_cast<int>(i));
  if (units.empty()) sql += "NULL";
  return sql + ")";
}

std::vector<Notification> notifications_for(Db& db, const std::vector<std::string>& units, bool unread_only,
                                            int limit) {
  std::vector<Notification> out;
  Stmt s(db, "SELECT id, unit, case_id, at, kind, text, read_at FROM notifications WHERE unit IN " +
                 unit_list(units, 3) + " AND (?1 = 0 OR read_at IS NULL) ORDER BY id DESC LIMIT ?2");
  s.bind(1, unread_only ? 1 : 0).bind(2, limit);
  for (std::size_t i = 0; i < units.size(); ++i) s.bind(static_cast<int>(i) + 3, units[i]);
  while (s.step())
    out.push_back({s.int64(0), s.text(1), s.int64(2), from_unix_seconds(s.int64(3)), s.text(4), s.text(5), !s.is_null(6)});
  return out;
}

std::int64_t unread_count(Db& db, const std::vector<std::string>& units) {
  Stmt s(db, "SELECT count(*) FROM notifications WHERE read_at IS NULL AND unit IN " + unit_list(units, 1));
  for (std::size_t i = 0; i < units.size(); ++i) s.bind(static_cast<int>(i) + 1, units[i]);
  s.step();
  return s.int64(0);
}

bool mark_read(Db& db, std::int64_t id, const std::vector<std::string>& units, Timestamp now) {
  Stmt s(db, "UPDATE notifications SET read_at = ?1 WHERE id = ?2 AND read_at IS NULL AND unit IN " +
                 unit_list(units, 3));
  s.bind(1, unix_seconds(now)).bind(2, id);
  for (std::size_t i = 0; i < units.size(); ++i) s.bind(static_cast<int>(i) + 3, units[i]);
  s.run();
  return db.changes() > 0;
}

std::vector<std::int64_t> case_ids_received_between(Db& db, Timestamp from, Timestamp to) {
  Stmt s(db, "SELECT id FROM cases WHERE received_at >= ?1 AND received_at < ?2 ORDER BY id");
  s.bind(1, unix_seconds(from)).bind(2, unix_seconds(to));
  std::vector<std::int64_t> out;
  while (s.step()) out.push_back(s.int64(0));
  return out;
}

std::optional<std::string> sealed_contact_of(Db& db, const CaseRow& c) {
  std::string table = c.rating_id ? "ratings" : "complaints";
  Stmt s(db, "SELECT contact_json FROM " + table + " WHERE id = ?1");
  s.bind(1, c.rating_id ? *c.rating_id : c.complaint_id.value_or(""));
  if (!s.step() || s.is_null(0)) return std::nullopt;
  return s.text(0);
}

int forget_contacts_closed_before(Db& db, Timestamp cutoff) {
  int n = 0;
  for (const char* table : {"ratings", "complaints"}) {
    std::string key = std::string(table) == "ratings" ? "rating_id" : "complaint_id";
    Stmt s(db, std::string("UPDATE ") + table + " SET contact_json = NULL WHERE contact_json IS NOT NULL AND id IN "
               "(SELECT " + key + " FROM cases WHERE state = 'closed' AND closed_at < ?1)");
    s.bind(1, unix_seconds(cutoff)).run();
    n += db.changes();
  }
  return n;
}

}  // namespace yeyou::store
