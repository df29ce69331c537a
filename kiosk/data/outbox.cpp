#include "kiosk/data/outbox.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/errors.hpp"
#include "core/uuid.hpp"
#include "kiosk/data/meta_table.hpp"

namespace yeyou::kiosk {
namespace {

using sql::Db;
using sql::DbError;
using sql::Stmt;
using sql::Transaction;

const char* const kMigrations[] = {
    // 1: items (the body to POST, its state), dead letters, daily tracking sequences, metadata.
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE items("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  id TEXT NOT NULL UNIQUE,"
    "  kind TEXT NOT NULL CHECK(kind IN ('rating', 'complaint')),"
    "  body TEXT NOT NULL,"
    "  tracking_no TEXT UNIQUE,"
    "  created_at INTEGER NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'pending' CHECK(state IN ('pending', 'sent', 'dead')),"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  last_error TEXT,"
    "  http_status INTEGER,"
    "  sent_at INTEGER);"
    "CREATE INDEX items_pending ON items(seq) WHERE state = 'pending';"
    "CREATE TABLE dead_letters("
    "  id TEXT PRIMARY KEY REFERENCES items(id),"
    "  http_status INTEGER NOT NULL,"
    "  message TEXT NOT NULL,"
    "  at INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE daily_sequence(day TEXT PRIMARY KEY, last INTEGER NOT NULL) WITHOUT ROWID;",
};
static_assert(std::size(kMigrations) == Outbox::kSchemaVersion);

OutboxItem read_item(Stmt& s) {
  OutboxItem it;
  it.seq = s.int64(0);
  it.id = s.text(1);
  it.kind = s.text(2);
  it.body = s.text(3);
  it.tracking_no = s.text(4);
  it.state = s.text(5);
  it.attempts = s.int64(6);
  it.created_at = from_unix_seconds(s.int64(7));
  return it;
}

constexpr const char* kItemColumns = "SELECT seq, id, kind, body, tracking_no, state, attempts, created_at FROM items ";

std::string describe(const DbError& e) {
  if (e.is_full()) return "disk full: " + std::string(e.what());
  return e.what();
}

}  // namespace

std::string tracking_prefix(const std::string& kiosk_id) {
  std::string out;
  std::string rest = kiosk_id;
  if (rest.rfind("kiosk-", 0) == 0 && rest.size() > 6 &&
      std::all_of(rest.begin() + 6, rest.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    out = "K" + rest.substr(6);
  } else {
    for (char c : rest)
      if (std::isalnum(static_cast<unsigned char>(c))) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (out.empty()) out = "K";
  }
  if (out.size() > 16) out.resize(16);
  return out;
}

std::string format_tracking_no(const std::string& prefix, const LocalDate& day, std::int64_t seq) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "-%04d%02d%02d-%04lld", day.year, day.month, day.day, static_cast<long long>(seq));
  return prefix + buf;
}

Outbox::Outbox(const std::string& path) {
  db_ = std::make_unique<Db>(path, sql::Sync::full);
  // Each step reads the version inside its own BEGIN IMMEDIATE, so two
  // connections opening the outbox at once never run a migration twice.
  for (;;) {
    Transaction tx(*db_);
    int v = 0;
    {
      Stmt s(*db_, "PRAGMA user_version");
      if (s.step()) v = static_cast<int>(s.int64(0));
    }
    if (v > kSchemaVersion)
      throw DbError("outbox schema version " + std::to_string(v) + " is newer than this kiosk's", 1);
    if (v == kSchemaVersion) break;
    db_->exec(kMigrations[v]);
    db_->exec("PRAGMA user_version = " + std::to_string(v + 1));
    tx.commit();
  }
}

void Outbox::insert(const std::string& id, const std::string& kind, const std::string& body,
                    const std::string& tracking_no, Timestamp created_at) {
  Stmt s(*db_, "INSERT INTO items(id, kind, body, tracking_no, created_at) VALUES(?1, ?2, ?3, ?4, ?5)");
  s.bind(1, id).bind(2, kind).bind(3, body);
  if (tracking_no.empty()) s.bind_null(4);
  else s.bind(4, tracking_no);
  s.bind(5, unix_seconds(created_at));
  s.run();
}

void Outbox::enqueue_rating(const Rating& r) {
  try {
    Transaction tx(*db_);
    insert(r.id, "rating", to_json(r).dump(), "", r.created_at);
    tx.commit();
  } catch (const DbError& e) {
    throw OutboxError(describe(e));
  }
}

std::string Outbox::enqueue_complaint(Complaint& c, const std::string& kiosk_id) {
  try {
    Transaction tx(*db_);
    std::string prefix = kiosk_id.empty() ? install_prefix() : tracking_prefix(kiosk_id);
    LocalDate day = to_local(c.created_at).date;
    std::string key = prefix + "/" + day.to_string();
    Stmt s(*db_,
           "INSERT INTO daily_sequence(day, last) VALUES(?1, 1) ON CONFLICT(day) DO UPDATE SET last = last + 1 "
           "RETURNING last");
    s.bind(1, key);
    std::int64_t seq = s.step() ? s.int64(0) : 1;
    s.run();
    c.tracking_no = format_tracking_no(prefix, day, seq);
    insert(c.id, "complaint", to_json(c).dump(), c.tracking_no, c.created_at);
    tx.commit();
    return c.tracking_no;
  } catch (const DbError& e) {
    c.tracking_no.clear();
    throw OutboxError(describe(e));
  }
}

std::vector<OutboxItem> Outbox::pending(int limit) {
  std::vector<OutboxItem> out;
  Stmt s(*db_, std::string(kItemColumns) + "WHERE state = 'pending' ORDER BY seq LIMIT ?1");
  s.bind(1, limit);
  while (s.step()) out.push_back(read_item(s));
  return out;
}

std::optional<OutboxItem> Outbox::find(const std::string& id) {
  Stmt s(*db_, std::string(kItemColumns) + "WHERE id = ?1");
  s.bind(1, id);
  if (s.step()) return read_item(s);
  return std::nullopt;
}

std::optional<OutboxItem> Outbox::find_tracking(const std::string& tracking_no) {
  Stmt s(*db_, std::string(kItemColumns) + "WHERE tracking_no = ?1");
  s.bind(1, tracking_no);
  if (s.step()) return read_item(s);
  return std::nullopt;
}

void Outbox::mark_sent(const std::string& id, long http_status, Timestamp at) {
  Stmt(*db_,
       "UPDATE items SET state = 'sent', http_status = ?2, sent_at = ?3, attempts = attempts + 1, last_error = NULL "
       "WHERE id = ?1 AND state = 'pending'")
      .bind(1, id)
      .bind(2, static_cast<std::int64_t>(http_status))
      .bind(3, unix_seconds(at))
      .run();
}

void Outbox::mark_attempt(const std::string& id, const std::string& error) {
  Stmt(*db_, "UPDATE items SET attempts = attempts + 1, last_error = ?2 WHERE id = ?1 AND state = 'pending'")
      .bind(1, id)
      .bind(2, error)
      .run();
}

void Outbox::dead_letter(const std::string& id, long http_status, const std::string& message, Timestamp at) {
  Transaction tx(*db_);
  Stmt(*db_,
       "UPDATE items SET state = 'dead', http_status = ?2, attempts = attempts + 1, last_error = ?3 "
       "WHERE id = ?1 AND state = 'pending'")
      .bind(1, id)
      .bind(2, static_cast<std::int64_t>(http_status))
      .bind(3, message)
      .run();
  Stmt(*db_, "INSERT OR REPLACE INTO dead_letters(id, http_status, message, at) VALUES(?1, ?2, ?3, ?4)")
      .bind(1, id)
      .bind(2, static_cast<std::int64_t>(http_status))
      .bind(3, message)
      .bind(4, unix_seconds(at))
      .run();
  tx.commit();
}

OutboxStats Outbox::stats(Timestamp now) {
  OutboxStats st;
  Stmt s(*db_,
         "SELECT coalesce(sum(state = 'pending'), 0), coalesce(sum(state = 'sent'), 0), "
         "coalesce(sum(state = 'dead'), 0) FROM items");
  if (s.step()) {
    st.pending = s.int64(0);
    st.sent = s.int64(1);
    st.dead_letters = s.int64(2);
  }
  Stmt o(*db_, "SELECT min(created_at) FROM items WHERE state = 'pending'");
  if (o.step() && !o.is_null(0)) st.oldest_age_s = std::max<std::int64_t>(0, unix_seconds(now) - o.int64(0));
  return st;
}

std::vector<DeadLetter> Outbox::dead_letters(int limit) {
  std::vector<DeadLetter> out;
  Stmt s(*db_,
         "SELECT d.id, i.kind, coalesce(i.tracking_no, ''), d.http_status, d.message, d.at FROM dead_letters d "
         "JOIN items i ON i.id = d.id ORDER BY d.at, d.id LIMIT ?1");
  s.bind(1, limit);
  while (s.step())
    out.push_back({s.text(0), s.text(1), s.text(2), static_cast<long>(s.int64(3)), s.text(4), from_unix_seconds(s.int64(5))});
  return out;
}

std::vector<OutboxItem> Outbox::all() {
  std::vector<OutboxItem> out;
  Stmt s(*db_, std::string(kItemColumns) + "ORDER BY seq");
  while (s.step()) out.push_back(read_item(s));
  return out;
}

std::optional<std::string> Outbox::meta(const std::string& key) { return read_meta(*db_, key); }

void Outbox::set_meta(const std::string& key, const std::string& value) { write_meta(*db_, key, value); }

std::string Outbox::install_prefix() {
  if (auto p = meta("install_prefix")) return *p;
  std::random_device rd;
  char buf[16];
  std::snprintf(buf, sizeof buf, "U%08X", static_cast<unsigned>(rd()));
  set_meta("install_prefix", buf);
  return buf;
}

void Outbox::limit_pages_for_test(std::int64_t pages) {
  db_->exec("PRAGMA max_page_count = " + std::to_string(pages));
}

namespace {

SubmissionReceipt refused(std::string why) {
  return SubmissionReceipt{SubmissionReceipt::State::refused, "", std::move(why)};
}

std::string validation_detail(const ValidationError& e) {
  std::string detail = e.what();
  for (const auto& [field, problem] : e.fields()) detail += "; " + field + ": " + problem;
  return detail;
}

}  // namespace

SubmissionReceipt store_rating(Outbox& outbox, Rating r, Timestamp now) {
  if (!is_uuid(r.id)) r.id = new_uuid();
  r.channel = Channel::kiosk;
  if (r.created_at == Timestamp{}) r.created_at = now;
  if (r.contact && r.contact->empty()) r.contact.reset();
  try {
    (void)rating_from_json(to_json(r));  // the server would refuse it: say so now
    outbox.enqueue_rating(r);
    return SubmissionReceipt{SubmissionReceipt::State::stored, "", ""};
  } catch (const OutboxError& e) {
    return refused(std::string("cannot store feedback right now: ") + e.what());
  } catch (const ValidationError& e) {
    return refused(validation_detail(e));
  } catch (const std::exception& e) {
    return refused(e.what());
  }
}

SubmissionReceipt store_complaint(Outbox& outbox, const ComplaintDraft& draft, const std::string& id,
                                  const std::string& kiosk_id, Timestamp now) {
  Complaint k;
  k.id = is_uuid(id) ? id : new_uuid();
  k.subject = draft.subject;
  k.category = draft.category;
  k.text = draft.text;
  k.contact = draft.contact;
  if (k.contact && k.contact->empty()) k.contact.reset();
  k.created_at = now;
  try {
    k.tracking_no = "PENDING-0000";  // validated with a number of the real shape
    (void)complaint_from_json(to_json(k));
    std::string tracking = outbox.enqueue_complaint(k, kiosk_id);
    return SubmissionReceipt{SubmissionReceipt::State::stored, tracking, ""};
  } catch (const OutboxError& e) {
    return refused(std::string("cannot store feedback right now: ") + e.what());
  } catch (const ValidationError& e) {
    return refused(validation_detail(e));
  } catch (const std::exception& e) {
    return refused(e.what());
  }
}

std::chrono::milliseconds backoff_ceiling(int failures, std::chrono::milliseconds base, std::chrono::milliseconds cap) {
  if (failures <= 0) return std::min(base, cap);
  int shift = std::min(failures, 30);
  auto c = base.count() * (std::int64_t{1} << shift);
  return std::chrono::milliseconds{std::min<std::int64_t>(c, cap.count())};
}

std::chrono::milliseconds backoff_delay(int failures, std::mt19937_64& rng, std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap) {
  std::uniform_int_distribution<std::int64_t> d(0, backoff_ceiling(failures, base, cap).count());
  return std::chrono::milliseconds{d(rng)};
}

}  // namespace yeyou::kiosk
