#include "server/store/rating_rollup.hpp"

namespace yeyou::store {

std::string rating_bucket(const std::string& rating_id, Db& db) {
  Stmt s(db, "SELECT suspect, excluded FROM ratings WHERE id = ?1");
  s.bind(1, rating_id);
  if (!s.step()) return "counted";
  if (s.int64(1)) return "excluded";
  return s.int64(0) ? "suspect" : "counted";
}

void rollup_add(Db& db, const std::string& rating_id, const std::string& bucket, int delta) {
  Stmt s(db,
         "INSERT INTO rating_rollup(month, district, venue_id, subject_kind, hour_of_week, level, reasons, bucket, n) "
         "SELECT month, coalesce(district, ''), coalesce(venue_id, 0), subject_kind, hour_of_week, level, reasons, ?2, ?3 "
         "FROM ratings WHERE id = ?1 AND month IS NOT NULL "
         "ON CONFLICT(month, district, venue_id, subject_kind, hour_of_week, level, reasons, bucket) "
         "DO UPDATE SET n = n + excluded.n");
  s.bind(1, rating_id).bind(2, bucket).bind(3, delta).run();
}

void rollup_add_values(Db& db, const std::string& month, const std::string& district, std::int64_t venue_id,
                       const std::string& subject_kind, int hour_of_week, int level, const std::string& reasons,
                       const std::string& bucket) {
  Stmt s(db,
         "INSERT INTO rating_rollup(month, district, venue_id, subject_kind, hour_of_week, level, reasons, bucket, n) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1) "
         "ON CONFLICT(month, district, venue_id, subject_kind, hour_of_week, level, reasons, bucket) "
         "DO UPDATE SET n = n + 1");
  s.bind(1, month).bind(2, district).bind(3, venue_id).bind(4, subject_kind).bind(5, hour_of_week).bind(6, level);
  s.bind(7, reasons).bind(8, bucket).run();
}

void rollup_move(Db& db, const std::string& rating_id, const std::string& from, const std::string& to) {
  if (from == to) return;
  rollup_add(db, rating_id, from, -1);
  rollup_add(db, rating_id, to, +1);
}

}  // namespace yeyou::store
