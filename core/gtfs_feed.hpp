#pragma once
// A GTFS static feed reduced to what a departure board needs: stops (with
// parent stations), routes, service calendars and the boardable departures,
// already expanded from frequencies.txt.
//
// Rules (https://gtfs.org/schedule/reference/):
// - Times count from "noon minus 12 h" of the service day and may pass
//   24:00:00 (a night bus at 25:10:00 leaves at 01:10 the next morning).
// - A stop time with pickup_type=1, and the last stop of a trip, are not
//   boardable departures.
// - A frequency window [start_time, end_time) starts a trip every
//   headway_secs; the trip's stop_times give the pattern relative to its
//   first departure.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/gtfs_source.hpp"

namespace yeyou::gtfs {

// "H:MM:SS" or "HH:MM:SS" (hours up to 999) to seconds.
std::optional<int> parse_time(std::string_view text);
std::string format_time(int secs);
// "YYYYMMDD" to the number yyyymmdd, checked to be a real date.
std::optional<int> parse_date(std::string_view text);

struct Stop {
  std::string id;
  std::string name;
  double lat = 0, lon = 0;
  int location_type = 0;  // 0 stop/platform, 1 station, 2 entrance, 3 node, 4 boarding area
  std::string parent_station;
};

struct Route {
  std::string id;
  std::string short_name;
  std::string long_name;
  int type = 3;
  // The short name when there is one (what a bus shows), else the long name.
  const std::string& display_name() const { return short_name.empty() ? long_name : short_name; }
};

struct Trip {
  std::string id;
  std::uint32_t route = 0;    // index into Feed::routes
  std::uint32_t service = 0;  // index into Feed::service_ids
};

struct ServiceCalendar {
  std::uint32_t service = 0;
  std::array<bool, 7> weekdays{};  // Monday first
  int start_date = 0;              // yyyymmdd, inclusive
  int end_date = 0;                // yyyymmdd, inclusive
};

struct ServiceException {
  std::uint32_t service = 0;
  int date = 0;  // yyyymmdd
  bool added = false;  // exception_type 1 adds the date, 2 removes it
};

struct Departure {
  std::uint32_t stop = 0;     // index into Feed::stops
  std::uint32_t service = 0;  // index into Feed::service_ids
  std::int32_t secs = 0;      // since the service day's noon minus 12 h
  std::uint32_t trip = 0;     // index into Feed::trips
  std::int32_t stop_sequence = 0;
  std::uint32_t headsign = 0;  // index into Feed::headsigns
  bool operator==(const Departure&) const = default;
};

// The latest departure of a route from a stop within one service.
struct LastDeparture {
  std::uint32_t stop = 0;
  std::uint32_t route = 0;
  std::uint32_t service = 0;
  std::int32_t secs = 0;
};

struct Feed {
  std::string timezone;  // the agencies' IANA zone
  std::string agency_name;
  std::vector<Stop> stops;
  std::vector<Route> routes;
  std::vector<Trip> trips;
  std::vector<std::string> service_ids;
  std::vector<std::string> headsigns;
  std::vector<ServiceCalendar> calendars;
  std::vector<ServiceException> exceptions;
  // Sorted by (stop id, service id, secs, trip id, stop_sequence) in byte order.
  std::vector<Departure> departures;
  std::vector<LastDeparture> last_departures;
  std::size_t stop_time_rows = 0;
  std::size_t frequency_rows = 0;
  int max_departure_secs = 0;
  int first_date = 0, last_date = 0;  // yyyymmdd range of the calendars
  std::vector<std::string> warnings;  // repairs made while reading, "file:line: …"
};

// Reads and checks every file the board needs. Throws GtfsError naming the
// file, line and problem at the first fault; nothing is partially returned.
Feed load_feed(const GtfsSource& source);

// Departures are capped so a hostile frequencies.txt cannot exhaust memory.
inline constexpr std::size_t kMaxDepartures = 20'000'000;

}  // namespace yeyou::gtfs
