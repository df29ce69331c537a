#pragma once
// Internal to the GTFS loader: the feed under construction, its id indexes,
// and field readers that fail with "file:line: problem".
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/gtfs_csv.hpp"
#include "core/gtfs_feed.hpp"

namespace yeyou::gtfs::detail {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using Index = std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>>;

struct Builder {
  Feed feed;
  Index stop_index, route_index, trip_index, service_index, headsign_index;
  std::vector<std::string> agency_ids;
  std::vector<int> stop_lines;                // line of each stop in stops.txt
  std::vector<std::uint32_t> trip_headsigns;  // each trip's trip_headsign
  std::vector<bool> service_defined;          // named in calendar or calendar_dates

  std::uint32_t intern_headsign(std::string_view text);
  std::uint32_t service(std::string_view id);  // creates the id on first use
  void note_short_records(const CsvTable& t);
};

// Reads a whole file as a table, or nullopt-like empty text when absent.
struct LoadedFile {
  std::string text;
  bool present = false;
};
LoadedFile load(const GtfsSource& src, const std::string& name, bool required);

// 'text', for messages.
std::string quoted(std::string_view text);
std::string_view required_value(const CsvTable& t, int col, std::string_view name);
// An integer in [min, max]; `fallback` when the field is empty.
int int_value(const CsvTable& t, int col, std::string_view name, int min, int max, int fallback);
double coordinate(const CsvTable& t, int col, std::string_view name, double limit);
int date_value(const CsvTable& t, int col, std::string_view name);

void read_agencies(Builder& b, const GtfsSource& src);
void read_stops(Builder& b, const GtfsSource& src);
void read_routes(Builder& b, const GtfsSource& src);
void read_calendars(Builder& b, const GtfsSource& src);
void read_trips(Builder& b, const GtfsSource& src);
// stop_times.txt and frequencies.txt, producing the departures.
void read_schedule(Builder& b, const GtfsSource& src);

}  // namespace yeyou::gtfs::detail
