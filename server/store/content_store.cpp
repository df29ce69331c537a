#include "server/store/content_store.hpp"

#include "server/store/change_log.hpp"

namespace yeyou::store {

void upsert_district(Db& db, const District& d) {
  Stmt s(db, "INSERT INTO districts(id, name_json) VALUES(?1, ?2) ON CONFLICT(id) DO UPDATE SET name_json=excluded.name_json");
  s.bind(1, d.id).bind(2, to_json(d.name).dump()).run();
  record_upsert(db, "district", d.id, to_json(d), now_utc());
}

std::vector<District> list_districts(Db& db) {
  std::vector<District> out;
  Stmt s(db, "SELECT id, name_json FROM districts ORDER BY id");
  while (s.step()) out.push_back(district_from_json(Json{{"id", s.text(0)}, {"name", Json::parse(s.text(1))}}));
  return out;
}

void upsert_venue(Db& db, const Venue& v, Timestamp now) {
  Stmt s(db,
         "INSERT INTO venues(id, district, capacity, body, updated_at) VALUES(?1, ?2, ?3, ?4, ?5) "
         "ON CONFLICT(id) DO UPDATE SET district=excluded.district, capacity=excluded.capacity, "
         "body=excluded.body, updated_at=excluded.updated_at");
  s.bind(1, v.id).bind(2, v.district).bind(3, v.capacity).bind(4, to_json(v).dump()).bind(5, unix_seconds(now)).run();
  record_upsert(db, "venue", std::to_string(v.id), to_json(v), now);
}

bool district_exists(Db& db, const std::string& id) {
  Stmt s(db, "SELECT 1 FROM districts WHERE id = ?1");
  s.bind(1, id);
  return s.step();
}

std::optional<Venue> find_venue(Db& db, std::int64_t id) {
  Stmt s(db, "SELECT body FROM venues WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return venue_from_json(Json::parse(s.text(0)));
}

std::vector<Venue> list_venues(Db& db) {
  std::vector<Venue> out;
  Stmt s(db, "SELECT body FROM venues ORDER BY id");
  while (s.step()) out.push_back(venue_from_json(Json::parse(s.text(0))));
  return out;
}

std::optional<std::string> venue_district(Db& db, std::int64_t venue_id) {
  Stmt s(db, "SELECT district FROM venues WHERE id = ?1");
  s.bind(1, venue_id);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

std::optional<std::int64_t> event_venue(Db& db, std::int64_t event_id) {
  Stmt s(db, "SELECT venue_id FROM events WHERE id = ?1");
  s.bind(1, event_id);
  if (!s.step()) return std::nullopt;
  return s.int64(0);
}

void upsert_event(Db& db, const Event& e, Timestamp now) {
  Stmt s(db,
         "INSERT INTO events(id, venue_id, start_at, end_at, status, body, updated_at) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO UPDATE SET venue_id=excluded.venue_id, "
         "start_at=excluded.start_at, end_at=excluded.end_at, status=excluded.status, body=excluded.body, "
         "updated_at=excluded.updated_at");
  s.bind(1, e.id).bind(2, e.venue_id).bind(3, unix_seconds(e.start)).bind(4, unix_seconds(e.end));
  s.bind(5, name_of(e.status)).bind(6, to_json(e).dump()).bind(7, unix_seconds(now)).run();
  record_upsert(db, "event", std::to_string(e.id), to_json(e), now);
}

std::optional<Event> find_event(Db& db, std::int64_t id) {
  Stmt s(db, "SELECT body FROM events WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  // Stored bodies were validated on write; events written with the zh fallback
  // (empty en/ko, e.g. iCalendar imports) must read back too.
  return event_from_json(Json::parse(s.text(0)), true, true);
}

std::vector<Event> events_overlapping(Db& db, Timestamp from, Timestamp to) {
  // Events last at most kMaxEventSeconds, so the start index bounds the scan.
  std::vector<Event> out;
  Stmt s(db,
         "SELECT body FROM events WHERE start_at >= ?1 AND start_at < ?2 AND end_at > ?3 "
         "ORDER BY start_at, id");
  s.bind(1, unix_seconds(from) - kMaxEventSeconds).bind(2, unix_seconds(to)).bind(3, unix_seconds(from));
  while (s.step()) out.push_back(event_from_json(Json::parse(s.text(0)), true, true));
  return out;
}

static OccupancyReading reading_from_row(Stmt& s) {
  OccupancyReading r;
  r.venue_id = s.int64(0);
  r.count = s.int64(1);
  r.capacity = s.int64(2);
  r.taken_at = from_unix_seconds(s.int64(3));
  r.source = enum_from<OccupancySource>(s.text(4)).value_or(OccupancySource::staff);
  return r;
}

void add_occupancy(Db& db, const OccupancyReading& r, bool clamped, const std::string& actor) {
  Stmt s(db,
         "INSERT INTO occupancy_readings(venue_id, count, capacity, taken_at, source, clamped, actor) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  s.bind(1, r.venue_id).bind(2, r.count).bind(3, r.capacity).bind(4, unix_seconds(r.taken_at)).bind(5, name_of(r.source));
  s.bind(6, clamped ? 1 : 0);
  if (actor.empty()) s.bind_null(7);
  else s.bind(7, actor);
  s.run();
  auto local = to_local(r.taken_at);
  Timestamp hour_start = from_local(local.date, local.minute_of_day / 60 * 60);
  int hour_of_week = (local.date.iso_weekday() - 1) * 24 + local.minute_of_day / 60;
  Stmt h(db,
         "INSERT INTO occupancy_hourly(venue_id, hour_start, hour_of_week, samples, sum_count, max_count) "
         "VALUES(?1, ?2, ?3, 1, ?4, ?4) ON CONFLICT(venue_id, hour_start) DO UPDATE SET "
         "samples = samples + 1, sum_count = sum_count + excluded.sum_count, "
         "max_count = max(max_count, excluded.max_count)");
  h.bind(1, r.venue_id).bind(2, unix_seconds(hour_start)).bind(3, hour_of_week).bind(4, r.count).run();
  // The change feed carries the venue's current reading only if this one is the newest.
  if (auto latest = latest_occupancy_of(db, r.venue_id); latest && latest->taken_at == r.taken_at) {
    Json body = to_json(r);
    body["clamped"] = clamped;
    record_upsert(db, "occupancy", std::to_string(r.venue_id), body, r.taken_at);
  }
}

std::optional<OccupancyReading> latest_occupancy_of(Db& db, std::int64_t venue_id) {
  Stmt s(db,
         "SELECT venue_id, count, capacity, taken_at, source FROM occupancy_readings WHERE venue_id = ?1 "
         "ORDER BY taken_at DESC, id DESC LIMIT 1");
  s.bind(1, venue_id);
  if (!s.step()) return std::nullopt;
  return reading_from_row(s);
}

std::vector<std::pair<int, double>> usual_occupancy(Db& db, std::int64_t venue_id) {
  std::vector<std::pair<int, double>> out;
  Stmt s(db,
         "SELECT hour_of_week, CAST(sum(sum_count) AS REAL) / sum(samples) FROM occupancy_hourly "
         "WHERE venue_id = ?1 GROUP BY hour_of_week ORDER BY hour_of_week");
  s.bind(1, venue_id);
  while (s.step()) out.emplace_back(static_cast<int>(s.int64(0)), s.real(1));
  return out;
}

std::vector<OccupancyReading> latest_occupancy(Db& db) {
  std::vector<OccupancyReading> out;
  Stmt s(db,
         "SELECT r.venue_id, r.count, r.capacity, r.taken_at, r.source FROM occupancy_readings r "
         "WHERE r.id = (SELECT id FROM occupancy_readings x WHERE x.venue_id = r.venue_id "
         "ORDER BY taken_at DESC, id DESC LIMIT 1) ORDER BY r.venue_id");
  while (s.step()) out.push_back(reading_from_row(s));
  return out;
}

std::int64_t next_event_id(Db& db) {
  Stmt s(db, "SELECT coalesce(max(id), 0) + 1 FROM events");
  s.step();
  return s.int64(0);
}

std::int64_t insert_event_series(Db& db, std::int64_t venue_id, const WeeklyRule& rule, Timestamp now) {
  Stmt s(db, "INSERT INTO event_series(venue_id, rule, created_at) VALUES(?1, ?2, ?3)");
  s.bind(1, venue_id).bind(2, to_json(rule).dump()).bind(3, unix_seconds(now)).run();
  return db.last_insert_id();
}

void set_event_series(Db& db, std::int64_t event_id, std::int64_t series_id) {
  Stmt s(db, "UPDATE events SET series_id = ?2 WHERE id = ?1");
  s.bind(1, event_id).bind(2, series_id).run();
}

void add_venue_alert(Db& db, const VenueAlert& a) {
  Stmt s(db,
         "INSERT INTO venue_alerts(venue_id, level, count, capacity, raised_at, notice_id) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  s.bind(1, a.venue_id).bind(2, name_of(a.level)).bind(3, a.count).bind(4, a.capacity);
  s.bind(5, unix_seconds(a.raised_at)).bind(6, a.notice_id).run();
}

std::int64_t last_counter_seq(Db& db, const std::string& counter_id) {
  Stmt s(db, "SELECT coalesce(max(seq), 0) FROM counter_readings WHERE counter_id = ?1");
  s.bind(1, counter_id);
  s.step();
  return s.int64(0);
}

bool insert_counter_reading(Db& db, const CounterReading& r) {
  Stmt s(db,
         "INSERT INTO counter_readings(counter_id, seq, entered, exited, taken_at, received_at) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(counter_id, seq) DO NOTHING");
  s.bind(1, r.counter_id).bind(2, r.seq).bind(3, r.entered).bind(4, r.exited).bind(5, unix_seconds(r.taken_at));
  s.bind(6, unix_seconds(r.received_at)).run();
  return db.changes() > 0;
}

}  // namespace yeyou::store
