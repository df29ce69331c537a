#pragma once
// Venues, districts, events and occupancy readings in SQLite. Callers own
// transactions; these functions only run statements on the given connection.
#include <optional>
#include <vector>

#include "core/event.hpp"
#include "core/occupancy.hpp"
#include "core/recurrence.hpp"
#include "core/venue.hpp"
#include "server/store/db.hpp"

namespace yeyou::store {

void upsert_district(Db& db, const District& d);
std::vector<District> list_districts(Db& db);
bool district_exists(Db& db, const std::string& id);

void upsert_venue(Db& db, const Venue& v, Timestamp now);
std::optional<Venue> find_venue(Db& db, std::int64_t id);
std::vector<Venue> list_venues(Db& db);
// Cheap lookups for hot paths (no JSON decoding).
std::optional<std::string> venue_district(Db& db, std::int64_t venue_id);
std::optional<std::int64_t> event_venue(Db& db, std::int64_t event_id);

void upsert_event(Db& db, const Event& e, Timestamp now);
std::optional<Event> find_event(Db& db, std::int64_t id);
// The id after the highest event id in use (1 when there are none).
std::int64_t next_event_id(Db& db);
// Records a weekly series of a venue's events; returns its id.
std::int64_t insert_event_series(Db& db, std::int64_t venue_id, const WeeklyRule& rule, Timestamp now);
// Marks the event as an occurrence of the series.
void set_event_series(Db& db, std::int64_t event_id, std::int64_t series_id);
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

// A capacity alert raised for a venue and the notice published with it.
struct VenueAlert {
  std::int64_t venue_id = 0;
  CrowdLevel level = CrowdLevel::comfortable;
  std::int64_t count = 0;
  std::int64_t capacity = 0;
  Timestamp raised_at{};
  std::int64_t notice_id = 0;
};
void add_venue_alert(Db& db, const VenueAlert& a);

// One reading of a people counter: people in and out since its previous one.
struct CounterReading {
  std::string counter_id;
  std::int64_t seq = 0;
  std::int64_t entered = 0;
  std::int64_t exited = 0;
  Timestamp taken_at{};
  Timestamp received_at{};
};
// The counter's highest sequence number stored (0 when none).
std::int64_t last_counter_seq(Db& db, const std::string& counter_id);
// Stores the reading unless one with its sequence number is stored; returns
// whether it was stored (false: a repeat).
bool insert_counter_reading(Db& db, const CounterReading& r);

}  // namespace yeyou::store
