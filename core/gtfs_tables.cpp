// agency.txt, stops.txt, routes.txt, calendar.txt, calendar_dates.txt and
// trips.txt: read, checked and indexed.
#include <algorithm>

#include <date/tz.h>

#include "core/gtfs_builder.hpp"

namespace yeyou::gtfs::detail {

namespace {

bool known_zone(const std::string& zone) {
  try {
    date::locate_zone(zone);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

void read_agencies(Builder& b, const GtfsSource& src) {
  auto file = load(src, "agency.txt", true);
  CsvTable t("agency.txt", file.text);
  int id = t.column("agency_id");
  int name = t.require_column("agency_name");
  t.require_column("agency_url");
  int tz = t.require_column("agency_timezone");
  int url = t.column("agency_url");
  while (t.next()) {
    std::string_view n = required_value(t, name, "agency_name");
    required_value(t, url, "agency_url");
    std::string zone(required_value(t, tz, "agency_timezone"));
    if (!known_zone(zone)) t.fail("agency_timezone " + quoted(zone) + " is not an IANA time zone");
    if (b.feed.timezone.empty()) {
      b.feed.timezone = zone;
      b.feed.agency_name = n;
    } else if (zone != b.feed.timezone) {
      t.fail("agency_timezone " + quoted(zone) + " differs from the first agency's " + quoted(b.feed.timezone) +
             "; all agencies of a feed share one time zone");
    }
    std::string aid(t.field(id));
    if (std::find(b.agency_ids.begin(), b.agency_ids.end(), aid) != b.agency_ids.end())
      t.fail("agency_id " + quoted(aid) + " is defined twice");
    b.agency_ids.push_back(aid);
  }
  if (b.agency_ids.empty()) throw GtfsError("agency.txt", 1, "defines no agency");
  if (b.agency_ids.size() > 1)
    for (const auto& a : b.agency_ids)
      if (a.empty()) throw GtfsError("agency.txt", 1, "agency_id is required when the feed has several agencies");
  b.note_short_records(t);
}

void read_stops(Builder& b, const GtfsSource& src) {
  auto file = load(src, "stops.txt", true);
  CsvTable t("stops.txt", file.text);
  int id = t.require_column("stop_id");
  int name = t.column("stop_name");
  int lat = t.column("stop_lat");
  int lon = t.column("stop_lon");
  int type = t.column("location_type");
  int parent = t.column("parent_station");
  while (t.next()) {
    Stop s;
    s.id = required_value(t, id, "stop_id");
    s.location_type = int_value(t, type, "location_type", 0, 4, 0);
    if (s.location_type <= 2) {
      s.name = required_value(t, name, "stop_name");
      s.lat = coordinate(t, lat, "stop_lat", 90);
      s.lon = coordinate(t, lon, "stop_lon", 180);
    } else {
      s.name = t.field(name);
    }
    s.parent_station = t.field(parent);
    auto index = static_cast<std::uint32_t>(b.feed.stops.size());
    if (!b.stop_index.emplace(s.id, index).second) t.fail("stop_id " + quoted(s.id) + " is defined twice");
    b.feed.stops.push_back(std::move(s));
    b.stop_lines.push_back(t.line());
  }
  // Parent stations are checked once every stop is known.
  for (std::size_t i = 0; i < b.feed.stops.size(); ++i) {
    const Stop& s = b.feed.stops[i];
    auto at = [&](const std::string& problem) { throw GtfsError("stops.txt", b.stop_lines[i], problem); };
    if (s.parent_station.empty()) {
      if (s.location_type >= 2) at("location_type " + std::to_string(s.location_type) + " needs a parent_station");
      continue;
    }
    if (s.location_type == 1) at("a station (location_type 1) cannot have a parent_station");
    auto p = b.stop_index.find(s.parent_station);
    if (p == b.stop_index.end()) at("parent_station " + quoted(s.parent_station) + " is not defined in stops.txt");
    int parent_type = b.feed.stops[p->second].location_type;
    int wanted = s.location_type == 4 ? 0 : 1;
    if (parent_type != wanted)
      at("parent_station " + quoted(s.parent_station) + " has location_type " + std::to_string(parent_type) +
         " but must be " + (wanted == 1 ? "a station (1)" : "a platform (0)"));
  }
  b.note_short_records(t);
}

void read_routes(Builder& b, const GtfsSource& src) {
  auto file = load(src, "routes.txt", true);
  CsvTable t("routes.txt", file.text);
  int id = t.require_column("route_id");
  int agency = t.column("agency_id");
  int short_name = t.column("route_short_name");
  int long_name = t.column("route_long_name");
  int type = t.require_column("route_type");
  while (t.next()) {
    Route r;
    r.id = required_value(t, id, "route_id");
    std::string aid(t.field(agency));
    if (aid.empty() && b.agency_ids.size() > 1) t.fail("agency_id is required when the feed has several agencies");
    if (!aid.empty() && std::find(b.agency_ids.begin(), b.agency_ids.end(), aid) == b.agency_ids.end())
      t.fail("agency_id " + quoted(aid) + " is not defined in agency.txt");
    r.short_name = t.field(short_name);
    r.long_name = t.field(long_name);
    if (r.short_name.empty() && r.long_name.empty()) t.fail("route_short_name and route_long_name are both empty");
    r.type = int_value(t, type, "route_type", 0, 1799, -1);
    if (r.type < 0) t.fail("route_type is empty");
    auto index = static_cast<std::uint32_t>(b.feed.routes.size());
    if (!b.route_index.emplace(r.id, index).second) t.fail("route_id " + quoted(r.id) + " is defined twice");
    b.feed.routes.push_back(std::move(r));
  }
  b.note_short_records(t);
}

void read_calendars(Builder& b, const GtfsSource& src) {
  auto cal = load(src, "calendar.txt", false);
  auto dates = load(src, "calendar_dates.txt", false);
  if (!cal.present && !dates.present)
    throw GtfsError("calendar.txt", 0, "is missing, and so is calendar_dates.txt: the feed defines no service days");
  auto widen = [&](int d) {
    if (b.feed.first_date == 0 || d < b.feed.first_date) b.feed.first_date = d;
    if (d > b.feed.last_date) b.feed.last_date = d;
  };
  if (cal.present) {
    CsvTable t("calendar.txt", cal.text);
    static constexpr std::array<std::string_view, 7> days{"monday", "tuesday",  "wednesday", "thursday",
                                                          "friday", "saturday", "sunday"};
    int id = t.require_column("service_id");
    std::array<int, 7> day_cols{};
    for (std::size_t i = 0; i < 7; ++i) day_cols[i] = t.require_column(days[i]);
    int start = t.require_column("start_date");
    int end = t.require_column("end_date");
    while (t.next()) {
      ServiceCalendar c;
      std::string_view sid = required_value(t, id, "service_id");
      c.service = b.service(sid);
      if (b.service_defined[c.service]) t.fail("service_id " + quoted(sid) + " is defined twice");
      b.service_defined[c.service] = true;
      for (std::size_t i = 0; i < 7; ++i) {
        int v = int_value(t, day_cols[i], days[i], 0, 1, -1);
        if (v < 0) t.fail(std::string(days[i]) + " is empty");
        c.weekdays[i] = v == 1;
      }
      c.start_date = date_value(t, start, "start_date");
      c.end_date = date_value(t, end, "end_date");
      if (c.end_date < c.start_date) t.fail("end_date is before start_date");
      widen(c.start_date);
      widen(c.end_date);
      b.feed.calendars.push_back(c);
    }
    b.note_short_records(t);
  }
  if (dates.present) {
    CsvTable t("calendar_dates.txt", dates.text);
    int id = t.require_column("service_id");
    int date = t.require_column("date");
    int type = t.require_column("exception_type");
    std::vector<std::pair<std::uint32_t, int>> seen;
    std::vector<int> seen_lines;
    while (t.next()) {
      ServiceException e;
      e.service = b.service(required_value(t, id, "service_id"));
      e.date = date_value(t, date, "date");
      int kind = int_value(t, type, "exception_type", 1, 2, 0);
      if (kind == 0) t.fail("exception_type is empty");
      e.added = kind == 1;
      if (e.added) widen(e.date);
      b.feed.exceptions.push_back(e);
      seen.emplace_back(e.service, e.date);
      seen_lines.push_back(t.line());
    }
    // One exception per service and date.
    std::vector<std::size_t> order(seen.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return seen[x] < seen[y] || (seen[x] == seen[y] && x < y); });
    for (std::size_t k = 1; k < order.size(); ++k)
      if (seen[order[k]] == seen[order[k - 1]])
        throw GtfsError("calendar_dates.txt", seen_lines[order[k]],
                        "service_id " + quoted(b.feed.service_ids[seen[order[k]].first]) + " has a second exception on " +
                            std::to_string(seen[order[k]].second) + " (first at line " +
                            std::to_string(seen_lines[order[k - 1]]) + ")");
    for (const auto& e : b.feed.exceptions) b.service_defined[e.service] = true;
    b.note_short_records(t);
  }
}

void read_trips(Builder& b, const GtfsSource& src) {
  auto file = load(src, "trips.txt", true);
  CsvTable t("trips.txt", file.text);
  int route = t.require_column("route_id");
  int service = t.require_column("service_id");
  int id = t.require_column("trip_id");
  int headsign = t.column("trip_headsign");
  while (t.next()) {
    Trip trip;
    std::string_view rid = required_value(t, route, "route_id");
    auto r = b.route_index.find(rid);
    if (r == b.route_index.end()) t.fail("route_id " + quoted(rid) + " is not defined in routes.txt");
    trip.route = r->second;
    std::string_view sid = required_value(t, service, "service_id");
    auto s = b.service_index.find(sid);
    if (s == b.service_index.end() || !b.service_defined[s->second])
      t.fail("service_id " + quoted(sid) + " is not defined in calendar.txt or calendar_dates.txt");
    trip.service = s->second;
    trip.id = required_value(t, id, "trip_id");
    auto index = static_cast<std::uint32_t>(b.feed.trips.size());
    if (!b.trip_index.emplace(trip.id, index).second) t.fail("trip_id " + quoted(trip.id) + " is defined twice");
    b.trip_headsigns.push_back(b.intern_headsign(t.field(headsign)));
    b.feed.trips.push_back(std::move(trip));
  }
  b.note_short_records(t);
}

}  // namespace yeyou::gtfs::detail
