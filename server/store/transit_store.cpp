#include "server/store/transit_store.hpp"

namespace yeyou::store {

namespace {

std::int64_t secs_of(Timestamp t) { return t.time_since_epoch().count(); }

int yyyymmdd(const LocalDate& d) { return d.year * 10000 + d.month * 100 + d.day; }

void insert_departures(Db& db, const gtfs::Feed& f) {
  Stmt s(db,
         "INSERT INTO transit_departures(stop_id, service_id, departure_secs, trip_id, stop_sequence, route_id, "
         "headsign) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  for (const auto& d : f.departures) {
    const auto& trip = f.trips[d.trip];
    s.bind(1, f.stops[d.stop].id).bind(2, f.service_ids[d.service]).bind(3, d.secs).bind(4, trip.id);
    s.bind(5, d.stop_sequence).bind(6, f.routes[trip.route].id).bind(7, f.headsigns[d.headsign]);
    s.run();
    s.reset();
  }
  Stmt l(db,
         "INSERT INTO transit_last_departures(stop_id, route_id, service_id, departure_secs) "
         "VALUES(?1, ?2, ?3, ?4)");
  for (const auto& d : f.last_departures) {
    l.bind(1, f.stops[d.stop].id).bind(2, f.routes[d.route].id).bind(3, f.service_ids[d.service]).bind(4, d.secs);
    l.run();
    l.reset();
  }
}

void insert_calendars(Db& db, const gtfs::Feed& f) {
  Stmt c(db, "INSERT INTO transit_calendar(service_id, weekdays, start_date, end_date) VALUES(?1, ?2, ?3, ?4)");
  for (const auto& cal : f.calendars) {
    int mask = 0;
    for (std::size_t i = 0; i < 7; ++i)
      if (cal.weekdays[i]) mask |= 1 << i;
    c.bind(1, f.service_ids[cal.service]).bind(2, mask).bind(3, cal.start_date).bind(4, cal.end_date);
    c.run();
    c.reset();
  }
  Stmt e(db, "INSERT INTO transit_calendar_dates(service_date, service_id, added) VALUES(?1, ?2, ?3)");
  for (const auto& x : f.exceptions) {
    e.bind(1, x.date).bind(2, f.service_ids[x.service]).bind(3, x.added ? 1 : 0);
    e.run();
    e.reset();
  }
}

}  // namespace

void replace_transit_feed(Db& db, const gtfs::Feed& f, const std::string& source, Timestamp now) {
  db.exec(
      "DELETE FROM transit_departures; DELETE FROM transit_last_departures; DELETE FROM transit_calendar; "
      "DELETE FROM transit_calendar_dates; DELETE FROM transit_routes; DELETE FROM transit_stops; "
      "DELETE FROM transit_feed;");
  Stmt st(db,
          "INSERT INTO transit_stops(stop_id, name, lat, lon, location_type, parent_station) "
          "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  for (const auto& s : f.stops) {
    st.bind(1, s.id).bind(2, s.name).bind(3, s.lat).bind(4, s.lon).bind(5, s.location_type);
    if (s.parent_station.empty()) st.bind_null(6);
    else st.bind(6, s.parent_station);
    st.run();
    st.reset();
  }
  Stmt rt(db, "INSERT INTO transit_routes(route_id, short_name, long_name, route_type) VALUES(?1, ?2, ?3, ?4)");
  for (const auto& r : f.routes) {
    rt.bind(1, r.id).bind(2, r.short_name).bind(3, r.long_name).bind(4, r.type);
    rt.run();
    rt.reset();
  }
  insert_calendars(db, f);
  insert_departures(db, f);
  Stmt info(db,
            "INSERT INTO transit_feed(id, agency_name, timezone, source, imported_at, first_date, last_date, "
            "max_departure_secs, stops, routes, trips, stop_times, departures) "
            "VALUES(1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  info.bind(1, f.agency_name).bind(2, f.timezone).bind(3, source).bind(4, secs_of(now));
  info.bind(5, f.first_date).bind(6, f.last_date).bind(7, f.max_departure_secs);
  info.bind(8, static_cast<std::int64_t>(f.stops.size())).bind(9, static_cast<std::int64_t>(f.routes.size()));
  info.bind(10, static_cast<std::int64_t>(f.trips.size())).bind(11, static_cast<std::int64_t>(f.stop_time_rows));
  info.bind(12, static_cast<std::int64_t>(f.departures.size()));
  info.run();
}

std::optional<TransitFeedInfo> transit_feed_info(Db& db) {
  Stmt s(db,
         "SELECT agency_name, timezone, source, imported_at, first_date, last_date, max_departure_secs, stops, "
         "routes, trips, stop_times, departures FROM transit_feed WHERE id = 1");
  if (!s.step()) return std::nullopt;
  TransitFeedInfo i;
  i.agency_name = s.text(0);
  i.timezone = s.text(1);
  i.source = s.text(2);
  i.imported_at = Timestamp{std::chrono::seconds{s.int64(3)}};
  i.first_date = static_cast<int>(s.int64(4));
  i.last_date = static_cast<int>(s.int64(5));
  i.max_departure_secs = static_cast<int>(s.int64(6));
  i.stops = s.int64(7);
  i.routes = s.int64(8);
  i.trips = s.int64(9);
  i.stop_times = s.int64(10);
  i.departures = s.int64(11);
  return i;
}

static TransitStop stop_from_row(Stmt& s) {
  return {s.text(0), s.text(1), s.real(2), s.real(3), static_cast<int>(s.int64(4)), s.text(5)};
}

std::optional<TransitStop> find_transit_stop(Db& db, const std::string& stop_id) {
  Stmt s(db,
         "SELECT stop_id, name, lat, lon, location_type, parent_station FROM transit_stops WHERE stop_id = ?1");
  s.bind(1, stop_id);
  if (!s.step()) return std::nullopt;
  return stop_from_row(s);
}

std::vector<TransitStop> child_stops(Db& db, const std::string& parent_id) {
  Stmt s(db,
         "SELECT stop_id, name, lat, lon, location_type, parent_station FROM transit_stops "
         "WHERE parent_station = ?1 ORDER BY stop_id");
  s.bind(1, parent_id);
  std::vector<TransitStop> out;
  while (s.step()) out.push_back(stop_from_row(s));
  return out;
}

DepartureReader::DepartureReader(Db& db)
    : services_(db,
                "SELECT service_id FROM transit_calendar WHERE start_date <= ?1 AND end_date >= ?1 "
                "AND (weekdays >> ?2) & 1 AND service_id NOT IN (SELECT service_id FROM transit_calendar_dates "
                "WHERE service_date = ?1 AND added = 0) "
                "UNION SELECT service_id FROM transit_calendar_dates WHERE service_date = ?1 AND added = 1"),
      next_(db,
            "SELECT departure_secs, trip_id, route_id, headsign FROM transit_departures "
            "WHERE stop_id = ?1 AND service_id = ?2 AND departure_secs >= ?3 "
            "ORDER BY departure_secs, trip_id, stop_sequence LIMIT ?4"),
      last_(db,
            "SELECT departure_secs FROM transit_last_departures WHERE stop_id = ?1 AND route_id = ?2 "
            "AND service_id = ?3"),
      route_(db, "SELECT short_name, long_name FROM transit_routes WHERE route_id = ?1") {}

std::vector<std::string> DepartureReader::services_on(const LocalDate& date) {
  services_.reset();
  services_.bind(1, yyyymmdd(date)).bind(2, date.iso_weekday() - 1);
  std::vector<std::string> out;
  while (services_.step()) out.push_back(services_.text(0));
  return out;
}

void DepartureReader::next_departures(const std::string& stop_id, const std::string& service_id, int min_secs,
                                      int limit, std::vector<ScheduledDeparture>& out) {
  next_.reset();
  next_.bind(1, stop_id).bind(2, service_id).bind(3, min_secs).bind(4, limit);
  while (next_.step())
    out.push_back({stop_id, service_id, static_cast<int>(next_.int64(0)), next_.text(1), next_.text(2),
                   next_.text(3)});
}

std::optional<int> DepartureReader::last_departure(const std::string& stop_id, const std::string& route_id,
                                                   const std::string& service_id) {
  last_.reset();
  last_.bind(1, stop_id).bind(2, route_id).bind(3, service_id);
  if (!last_.step()) return std::nullopt;
  return static_cast<int>(last_.int64(0));
}

std::string DepartureReader::route_name(const std::string& route_id) {
  route_.reset();
  route_.bind(1, route_id);
  if (!route_.step()) return route_id;
  std::string short_name = route_.text(0);
  return short_name.empty() ? route_.text(1) : short_name;
}

ReadSnapshot::ReadSnapshot(Db& db) : db_(db) { db_.exec("BEGIN DEFERRED"); }

ReadSnapshot::~ReadSnapshot() {
  try {
    db_.exec("COMMIT");
  } catch (...) {
    // Nothing was written; SQLite ends the read transaction on the next BEGIN or on close.
  }
}

void set_kiosk_stops(Db& db, const std::string& kiosk_id, const std::vector<std::string>& stop_ids) {
  Stmt del(db, "DELETE FROM kiosk_stops WHERE kiosk_id = ?1");
  del.bind(1, kiosk_id).run();
  Stmt ins(db, "INSERT INTO kiosk_stops(kiosk_id, stop_id, position) VALUES(?1, ?2, ?3)");
  int position = 0;
  for (const auto& id : stop_ids) {
    ins.bind(1, kiosk_id).bind(2, id).bind(3, position++);
    ins.run();
    ins.reset();
  }
}

std::vector<std::string> kiosk_stops(Db& db, const std::string& kiosk_id) {
  Stmt s(db, "SELECT stop_id FROM kiosk_stops WHERE kiosk_id = ?1 ORDER BY position");
  s.bind(1, kiosk_id);
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

}  // namespace yeyou::store
