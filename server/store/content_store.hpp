#pragma once
// Venues, districts, events and occupancy readings in SQLite. Callers own
// transactions; these functions only run statements on the given connection.
#include <optional>
#include <vector>

#include "core/event.hpp"
#include "core/occupancy.hpp"
#include "core/venue.hpp"
#include "server/store/db.hpp"

namespace yeyou::store {

void upsert_district(Db& db, const District& d);
std::vector<District> list_districts(Db& db);

void upsert_venue(Db& db, const Venue& v, Timestamp now);
std::optional<Venue> find_venue(Db& db, std::int64_t id);
std::vector<Venue> list_venues(Db& db);
// Cheap lookups for hot paths (no JSON decoding).
std::optional<std::string> venue_district(Db& db, std::int64_t venue_id);
std::optional<std::int64_t> event_venue(Db& db, std::int64_t event_id);

void upsert_event(Db& db, const Event& e, Timestamp now);
std::optional<Event> find_event(Db& db, std::int64_t id);
// Events overlapping [from, to), ordered by start then id.
std::vector<Event> events_overlapping(Db& db, Timestamp from, Timestamp to);

// Appends a reading to the history, folds it into the hourly aggregate and
// publishes it on the change feed as the venue's current occupancy.
void add_occupancy(Db& db, const OccupancyReading& r, bool clamped = false, const std::string& actor = "");
std::optional<OccupancyReading> latest_occupancy_of(Db& db, std::int64_t venue_id);
// Average count per local hour of the week (0 = Monday 00:00), from the hourly aggregate.
std::vector<std::pair<int, double>> usual_occupancy(Db& db, std::int64_t venue_id);
// The latest reading of every venue that has one.
std::vector<OccupancyReading> latest_occupancy(Db& db);

}  // namespace yeyou::store
