#include "server/store/ics_store.hpp"

namespace yeyou::store {

std::vector<IcsMapping> ics_mappings(Db& db, std::int64_t venue_id, const std::string& uid) {
  Stmt s(db, "SELECT occurrence_at, event_id FROM ics_event_map WHERE venue_id = ?1 AND uid = ?2 ORDER BY occurrence_at");
  s.bind(1, venue_id).bind(2, uid);
  std::vector<IcsMapping> out;
  while (s.step()) out.push_back({Timestamp{std::chrono::seconds{s.int64(0)}}, s.int64(1)});
  return out;
}

void add_ics_mapping(Db& db, std::int64_t venue_id, const std::string& uid, Timestamp occurrence_at,
                     std::int64_t event_id) {
  Stmt s(db, "INSERT INTO ics_event_map(venue_id, uid, occurrence_at, event_id) VALUES(?1, ?2, ?3, ?4)");
  s.bind(1, venue_id).bind(2, uid).bind(3, static_cast<std::int64_t>(occurrence_at.time_since_epoch().count()));
  s.bind(4, event_id).run();
}

std::vector<Event> venue_events(Db& db, std::int64_t venue_id, Timestamp from, int limit) {
  Stmt s(db, "SELECT body FROM events WHERE venue_id = ?1 AND end_at > ?2 ORDER BY start_at, id LIMIT ?3");
  s.bind(1, venue_id).bind(2, static_cast<std::int64_t>(from.time_since_epoch().count())).bind(3, limit);
  std::vector<Event> out;
  while (s.step()) out.push_back(event_from_json(Json::parse(s.text(0)), true, true));
  return out;
}

}  // namespace yeyou::store
