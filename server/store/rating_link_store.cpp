#include "server/store/rating_link_store.hpp"

namespace yeyou::store {

void insert_rating_link(Db& db, const RatingLink& l) {
  Stmt s(db,
         "INSERT INTO rating_links(token_hash, kiosk_id, subject_kind, subject_id, created_at, expires_at) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  s.bind(1, l.token_hash).bind(2, l.kiosk_id).bind(3, l.subject_kind).bind(4, l.subject_id);
  s.bind(5, unix_seconds(l.created_at)).bind(6, unix_seconds(l.expires_at)).run();
}

std::optional<RatingLink> find_rating_link(Db& db, const std::string& token_hash) {
  Stmt s(db,
         "SELECT token_hash, kiosk_id, subject_kind, subject_id, created_at, expires_at, used_at, rating_id "
         "FROM rating_links WHERE token_hash = ?1");
  s.bind(1, token_hash);
  if (!s.step()) return std::nullopt;
  RatingLink l;
  l.token_hash = s.text(0);
  l.kiosk_id = s.text(1);
  l.subject_kind = s.text(2);
  l.subject_id = s.text(3);
  l.created_at = from_unix_seconds(s.int64(4));
  l.expires_at = from_unix_seconds(s.int64(5));
  if (!s.is_null(6)) l.used_at = from_unix_seconds(s.int64(6));
  if (!s.is_null(7)) l.rating_id = s.text(7);
  return l;
}

bool claim_rating_link(Db& db, const std::string& token_hash, const std::string& rating_id, Timestamp now) {
  Stmt s(db, "UPDATE rating_links SET used_at = ?2, rating_id = ?3 WHERE token_hash = ?1 AND used_at IS NULL");
  s.bind(1, token_hash).bind(2, unix_seconds(now)).bind(3, rating_id).run();
  return db.changes() == 1;
}

void release_rating_link(Db& db, const std::string& token_hash, const std::string& rating_id) {
  Stmt s(db, "UPDATE rating_links SET used_at = NULL, rating_id = NULL WHERE token_hash = ?1 AND rating_id = ?2");
  s.bind(1, token_hash).bind(2, rating_id).run();
}

}  // namespace yeyou::store
