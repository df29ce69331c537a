#include "server/services/demo_seed.hpp"

#include <fstream>
#include <sstream>

#include "core/event.hpp"
#include "core/occupancy.hpp"
#include "core/venue.hpp"
#include "server/store/content_store.hpp"

namespace yeyou::services {
namespace {

Json load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  try {
    return Json::parse(in);
  } catch (const Json::parse_error& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

std::string describe(const ValidationError& e) {
  std::string out;
  for (const auto& [k, v] : e.fields()) out += (out.empty() ? "" : "; ") + k + " " + v;
  return out;
}

// Turns {"day", "start", "end"} into absolute start/end around `tonight`.
Json place_event(Json e, const LocalDate& tonight) {
  auto day = e.at("day").get<int>();
  auto start = parse_hhmm(e.at("start").get<std::string>());
  auto end = parse_hhmm(e.at("end").get<std::string>());
  if (!start || !end || day < 0 || day > 30) throw std::runtime_error("bad day/start/end");
  LocalDate d = tonight.plus_days(day);
  Timestamp s = from_local(d, *start);
  Timestamp t = from_local(*end <= *start ? d.plus_days(1) : d, *end);
  e.erase("day");
  e["start"] = format_iso8601(s);
  e["end"] = format_iso8601(t);
  if (e.value("status", "") == "postponed" || e.value("status", "") == "rescheduled")
    e["previous_start"] = format_iso8601(s - std::chrono::hours{24});
  return e;
}

}  // namespace

SeedSummary seed_demo(store::DbPool& pool, const std::string& dir, Timestamp now) {
  SeedSummary sum;
  std::vector<District> districts;
  std::vector<Venue> venues;
  std::vector<Event> events;
  std::vector<OccupancyReading> readings;
  LocalDate tonight = night_of(now);
  auto each = [&](const std::string& file, auto&& fn) {
    Json arr = load(dir + "/" + file);
    if (!arr.is_array()) throw std::runtime_error(dir + "/" + file + ": must be a JSON array");
    for (std::size_t i = 0; i < arr.size(); ++i) {
      try {
        fn(arr[i]);
      } catch (const ValidationError& e) {
        throw std::runtime_error(dir + "/" + file + " item " + std::to_string(i) + ": " + describe(e));
      } catch (const std::exception& e) {
        throw std::runtime_error(dir + "/" + file + " item " + std::to_string(i) + ": " + e.what());
      }
    }
  };
  each("districts.json", [&](const Json& j) { districts.push_back(district_from_json(j)); });
  each("venues.json", [&](const Json& j) { venues.push_back(venue_from_json(j)); });
  each("events.json", [&](const Json& j) { events.push_back(event_from_json(place_event(j, tonight))); });
  each("occupancy.json", [&](const Json& j) {
    OccupancyReading r;
    r.venue_id = j.at("venue_id").get<std::int64_t>();
    r.count = j.at("count").get<std::int64_t>();
    r.source = enum_from<OccupancySource>(j.value("source", "demo")).value_or(OccupancySource::demo);
    r.taken_at = now - std::chrono::minutes{2 + static_cast<int>(r.venue_id % 7)};
    for (const auto& v : venues)
      if (v.id == r.venue_id) r.capacity = v.capacity;
    if (r.capacity == 0) throw std::runtime_error("unknown venue_id " + std::to_string(r.venue_id));
    if (r.count < 0) throw std::runtime_error("count must not be negative");
    readings.push_back(r);
  });

  auto& db = pool.get();
  store::Transaction tx(db);
  for (const auto& d : districts) store::upsert_district(db, d), ++sum.districts;
  for (const auto& v : venues) store::upsert_venue(db, v, now), ++sum.venues;
  for (const auto& e : events) store::upsert_event(db, e, now), ++sum.events;
  for (const auto& r : readings) store::add_occupancy(db, r), ++sum.readings;
  tx.commit();
  return sum;
}

}  // namespace yeyou::services
