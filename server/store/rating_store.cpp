#include "server/store/rating_store.hpp"

namespace yeyou::store {

bool insert_rating(Db& db, const Rating& r, const SealedBody& sealed, Timestamp received_at,
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
  return db.changes() > 0;
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

}  // namespace yeyou::store
