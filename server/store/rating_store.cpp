#include "server/store/rating_store.hpp"

namespace yeyou::store {

std::optional<std::int64_t> insert_rating(Db& db, const Rating& r, const SealedBody& sealed, Timestamp received_at,
                   const std::string& payload_hash, const std::optional<std::string>& kiosk_id,
                   const RatingAnnotation& a) {
  Stmt s(db,
         "INSERT INTO ratings(id, subject_kind, subject_id, level, is_bad, channel, created_at, received_at, body, "
         "contact_json, payload_hash, kiosk_id, venue_id, district, month, hour_of_week, suspect, reasons) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) "
         "ON CONFLICT(id) DO NOTHING");
  s.bind(1, r.id).bind(2, name_of(r.subject.kind)).bind(3, r.subject.id).bind(4, r.level);
  s.bind(5, r.is_bad() ? 1 : 0).bind(6, name_of(r.channel)).bind(7, r.created_at.time_since_epoch().count());
  s.bind(8, received_at.time_since_epoch().count()).bind(9, sealed.body).bind(10, sealed.contact);
  s.bind(11, payload_hash).bind(12, kiosk_id).bind(13, a.venue_id).bind(14, a.district);
  if (a.month.empty()) s.bind_null(15).bind_null(16);
  else s.bind(15, a.month).bind(16, a.hour_of_week);
  s.bind(17, a.suspect ? 1 : 0).bind(18, a.reasons).run();
  if (db.changes() == 0) return std::nullopt;
  return db.last_insert_id();
}

std::optional<StoredRating> find_rating(Db& db, const ContactCodec& codec, const std::string& id) {
  Stmt s(db, "SELECT body, contact_json, received_at, payload_hash FROM ratings WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  Json body = Json::parse(s.text(0));
  body["contact"] = s.is_null(1) ? Json(nullptr) : Json::parse(codec.open(s.text(1)));
  StoredRating out;
  out.rating = rating_from_json(body);
  out.received_at = Timestamp{std::chrono::seconds{s.int64(2)}};
  out.payload_hash = s.text(3);
  return out;
}

std::int64_t count_ratings(Db& db) {
  Stmt s(db, "SELECT count(*) FROM ratings");
  s.step();
  return s.int64(0);
}

std::int64_t last_rating_seq(Db& db) {
  Stmt s(db, "SELECT coalesce(max(rowid), 0) FROM ratings");
  s.step();
  return s.int64(0);
}

namespace {

RatingArrival arrival_from(const Stmt& s) {
  RatingArrival a;
  a.seq = s.int64(0);
  if (!s.is_null(1)) a.kiosk_id = s.text(1);
  a.subject_kind = s.text(2);
  a.subject_id = s.text(3);
  a.received_at = from_unix_seconds(s.int64(4));
  return a;
}

}  // namespace

void visit_ratings_newest_first(Db& db, std::int64_t up_to, const std::function<bool(const RatingArrival&)>& visit) {
  Stmt s(db,
         "SELECT rowid, kiosk_id, subject_kind, subject_id, received_at FROM ratings WHERE rowid <= ?1 "
         "ORDER BY rowid DESC");
  s.bind(1, up_to);
  while (s.step())
    if (!visit(arrival_from(s))) break;
}

std::vector<RatingArrival> ratings_after(Db& db, std::int64_t after) {
  Stmt s(db, "SELECT rowid, kiosk_id, subject_kind, subject_id, received_at FROM ratings WHERE rowid > ?1");
  s.bind(1, after);
  std::vector<RatingArrival> out;
  while (s.step()) out.push_back(arrival_from(s));
  return out;
}

std::optional<RatingFlags> rating_flags(Db& db, const std::string& id) {
  Stmt s(db, "SELECT suspect, excluded FROM ratings WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return RatingFlags{s.int64(0) != 0, s.int64(1) != 0};
}

void clear_suspect(Db& db, const std::string& id) {
  Stmt s(db, "UPDATE ratings SET suspect = 0 WHERE id = ?1");
  s.bind(1, id).run();
}

void exclude_rating(Db& db, const std::string& id) {
  Stmt s(db, "UPDATE ratings SET excluded = 1 WHERE id = ?1");
  s.bind(1, id).run();
}

std::vector<SuspectRating> suspect_ratings(Db& db, int limit) {
  Stmt s(db,
         "SELECT id, subject_kind, subject_id, level, kiosk_id, received_at, reasons FROM ratings "
         "WHERE suspect = 1 AND excluded = 0 ORDER BY received_at DESC LIMIT ?1");
  s.bind(1, limit);
  std::vector<SuspectRating> out;
  while (s.step()) {
    SuspectRating r{s.text(0), s.text(1), s.text(2), s.int64(3), std::nullopt, from_unix_seconds(s.int64(5)), s.text(6)};
    if (!s.is_null(4)) r.kiosk_id = s.text(4);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace yeyou::store
