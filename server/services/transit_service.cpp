#include "server/services/transit_service.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/json_reader.hpp"
#include "server/services/service_errors.hpp"

namespace yeyou::services {

namespace {

constexpr std::size_t kMaxStopIdBytes = 255;
constexpr std::size_t kMaxKioskStops = 20;

bool valid_kiosk_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  });
}

bool valid_stop_id(const std::string& id) {
  return !id.empty() && id.size() <= kMaxStopIdBytes && is_clean_utf8(id) &&
         id.find_first_of("\t\r\n") == std::string::npos;
}

int read_limit(const std::optional<std::string>& text, int fallback, FieldErrors& errors) {
  if (!text) return fallback;
  const std::string& s = *text;
  bool digits = !s.empty() && s.size() <= 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  int n = digits ? std::stoi(s) : 0;
  if (n < 1 || n > kMaxDepartureLimit) {
    errors["limit"] = "must be an integer from 1 to " + std::to_string(kMaxDepartureLimit);
    return fallback;
  }
  return n;
}

Timestamp read_at(const std::optional<std::string>& text, const std::string& zone, Timestamp now, FieldErrors& errors) {
  if (!text) return now;
  auto t = text->size() <= 40 ? parse_iso8601(*text, zone) : std::nullopt;
  if (!t) {
    errors["at"] = "must be an ISO 8601 date-time, e.g. 2026-11-29T22:40:00+08:00";
    return now;
  }
  return *t;
}

// The instant of "noon minus 12 h" of a service day: GTFS times count from it.
Timestamp service_day_origin(const LocalDate& day, const std::string& zone) {
  return from_local(day, 12 * 60, zone) - std::chrono::hours{12};
}

struct Candidate {
  Timestamp at;
  int day_offset;
  store::ScheduledDeparture d;
};

}  // namespace

std::vector<DepartureView> TransitService::next_departures(store::Db& db, const store::TransitFeedInfo& feed,
                                                           const std::vector<std::string>& stop_ids, Timestamp at,
                                                           int limit) {
  store::DepartureReader reader(db);
  const LocalDate today = to_local(at, feed.timezone).date;
  const int days_back = feed.max_departure_secs / 86400;
  std::map<int, std::vector<std::string>> services;  // day offset -> running services
  std::vector<Candidate> candidates;
  std::vector<store::ScheduledDeparture> rows;
  for (int k = -days_back; k <= 1; ++k) {
    LocalDate day = today.plus_days(k);
    auto& running = services[k] = reader.services_on(day);
    if (running.empty()) continue;
    Timestamp origin = service_day_origin(day, feed.timezone);
    auto since_origin = (at - origin).count();
    if (since_origin > feed.max_departure_secs) continue;
    int min_secs = static_cast<int>(std::max<std::int64_t>(0, since_origin));
    for (const auto& stop : stop_ids)
      for (const auto& service : running) {
        rows.clear();
        reader.next_departures(stop, service, min_secs, limit, rows);
        for (auto& r : rows) candidates.push_back({origin + std::chrono::seconds{r.secs}, k, std::move(r)});
      }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(a.at, a.d.route_id, a.d.trip_id, a.d.stop_id) < std::tie(b.at, b.d.route_id, b.d.trip_id, b.d.stop_id);
  });
  if (candidates.size() > static_cast<std::size_t>(limit)) candidates.resize(static_cast<std::size_t>(limit));

  std::map<std::tuple<int, std::string, std::string>, int> last_secs;  // (day, stop, route) -> latest secs
  std::map<std::string, std::string> route_names;
  std::vector<DepartureView> out;
  for (const auto& c : candidates) {
    auto key = std::make_tuple(c.day_offset, c.d.stop_id, c.d.route_id);
    auto it = last_secs.find(key);
    if (it == last_secs.end()) {
      int latest = -1;
      for (const auto& service : services[c.day_offset])
        if (auto s = reader.last_departure(c.d.stop_id, c.d.route_id, service)) latest = std::max(latest, *s);
      it = last_secs.emplace(key, latest).first;
    }
    auto name = route_names.find(c.d.route_id);
    if (name == route_names.end()) name = route_names.emplace(c.d.route_id, reader.route_name(c.d.route_id)).first;
    out.push_back({c.d.route_id, name->second, c.d.headsign, c.d.trip_id, c.d.stop_id, c.at, c.d.secs == it->second});
  }
  return out;
}

StopBoard TransitService::departures(const DepartureRequest& request, Timestamp now) {
  FieldErrors errors;
  if (!request.stop) errors["stop"] = "is required";
  else if (!valid_stop_id(*request.stop)) errors["stop"] = "must be a stop_id of 1 to 255 bytes of text";
  int limit = read_limit(request.limit, kDefaultDepartureLimit, errors);
  auto& db = pool_.get();
  store::ReadSnapshot snapshot(db);
  auto feed = store::transit_feed_info(db);
  Timestamp at = read_at(request.at, feed ? feed->timezone : std::string(kDefaultZone), now, errors);
  throw_if_errors(errors);
  if (!feed) throw NotFound("no transit feed has been imported");
  auto stop = store::find_transit_stop(db, *request.stop);
  if (!stop) throw NotFound("no stop '" + *request.stop + "' in the current transit feed");
  std::vector<std::string> ids{stop->id};
  for (const auto& child : store::child_stops(db, stop->id)) ids.push_back(child.id);
  StopBoard board{*stop, feed->timezone, at, next_departures(db, *feed, ids, at, limit)};
  return board;
}

KioskBoard TransitService::kiosk_board(const std::string& kiosk_id, const std::optional<std::string>& at_text,
                                       const std::optional<std::string>& limit_text, Timestamp now) {
  FieldErrors errors;
  if (!valid_kiosk_id(kiosk_id)) errors["kiosk_id"] = "must be 1 to 64 letters, digits, '-', '_' or '.'";
  int limit = read_limit(limit_text, 5, errors);
  auto& db = pool_.get();
  store::ReadSnapshot snapshot(db);
  auto feed = store::transit_feed_info(db);
  Timestamp at = read_at(at_text, feed ? feed->timezone : std::string(kDefaultZone), now, errors);
  throw_if_errors(errors);
  KioskBoard board{kiosk_id, feed ? feed->timezone : std::string(kDefaultZone), at, {}};
  for (const auto& stop_id : store::kiosk_stops(db, kiosk_id)) {
    KioskStopBoard entry{stop_id, std::nullopt};
    auto stop = feed ? store::find_transit_stop(db, stop_id) : std::nullopt;
    if (stop) {
      std::vector<std::string> ids{stop->id};
      for (const auto& child : store::child_stops(db, stop->id)) ids.push_back(child.id);
      entry.board = StopBoard{*stop, feed->timezone, at, next_departures(db, *feed, ids, at, limit)};
    }
    board.stops.push_back(std::move(entry));
  }
  return board;
}

std::vector<std::string> TransitService::set_kiosk_stops(const std::string& kiosk_id,
                                                         const std::vector<std::string>& stop_ids) {
  FieldErrors errors;
  if (!valid_kiosk_id(kiosk_id)) errors["kiosk_id"] = "must be 1 to 64 letters, digits, '-', '_' or '.'";
  if (stop_ids.size() > kMaxKioskStops) errors["stops"] = "at most " + std::to_string(kMaxKioskStops) + " stops";
  for (std::size_t i = 0; i < stop_ids.size(); ++i) {
    if (!valid_stop_id(stop_ids[i])) errors["stops[" + std::to_string(i) + "]"] = "must be a stop_id of 1 to 255 bytes";
    for (std::size_t j = 0; j < i; ++j)
      if (stop_ids[j] == stop_ids[i]) errors["stops[" + std::to_string(i) + "]"] = "is listed twice";
  }
  throw_if_errors(errors);
  auto& db = pool_.get();
  store::Transaction tx(db);
  std::vector<std::string> unknown;
  for (const auto& id : stop_ids)
    if (!store::find_transit_stop(db, id)) unknown.push_back(id);
  store::set_kiosk_stops(db, kiosk_id, stop_ids);
  tx.commit();
  return unknown;
}

std::optional<store::TransitFeedInfo> TransitService::feed_info() {
  auto& db = pool_.get();
  return store::transit_feed_info(db);
}

}  // namespace yeyou::services
