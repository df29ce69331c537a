// stop_times.txt and frequencies.txt: each trip's stop times are checked
// (unique stop_sequence, times present at both ends and never going back),
// blank intermediate times are interpolated, and the boardable departures are
// produced, expanded over frequency windows and sorted for the store.
#include <algorithm>
#include <limits>
#include <numeric>
#include <unordered_map>

#include "core/gtfs_builder.hpp"

namespace yeyou::gtfs::detail {

namespace {

constexpr std::uint32_t kNoHeadsign = std::numeric_limits<std::uint32_t>::max();

struct StopTimeRow {
  std::uint32_t trip = 0;
  std::int32_t sequence = 0;
  std::int32_t arrival = -1;    // -1: blank (interpolated later)
  std::int32_t departure = -1;
  std::uint32_t stop = 0;
  std::uint32_t headsign = kNoHeadsign;
  std::int32_t line = 0;
  bool no_pickup = false;
};

struct Frequency {
  std::int32_t start = 0, end = 0, headway = 0, line = 0;
};

std::int32_t time_value(const CsvTable& t, int col, std::string_view name) {
  std::string_view v = t.field(col);
  if (v.empty()) return -1;
  auto secs = parse_time(v);
  if (!secs) t.fail(std::string(name) + " " + quoted(v) + " is not a time in the form HH:MM:SS");
  return *secs;
}

std::vector<StopTimeRow> read_stop_times(Builder& b, const GtfsSource& src) {
  auto file = load(src, "stop_times.txt", true);
  CsvTable t("stop_times.txt", file.text);
  int trip = t.require_column("trip_id");
  int arrival = t.require_column("arrival_time");
  int departure = t.require_column("departure_time");
  int stop = t.require_column("stop_id");
  int sequence = t.require_column("stop_sequence");
  int headsign = t.column("stop_headsign");
  int pickup = t.column("pickup_type");
  std::vector<StopTimeRow> rows;
  rows.reserve(file.text.size() / 40);
  while (t.next()) {
    StopTimeRow r;
    std::string_view tid = required_value(t, trip, "trip_id");
    auto ti = b.trip_index.find(tid);
    if (ti == b.trip_index.end()) t.fail("trip_id " + quoted(tid) + " is not defined in trips.txt");
    r.trip = ti->second;
    r.arrival = time_value(t, arrival, "arrival_time");
    r.departure = time_value(t, departure, "departure_time");
    if (r.arrival >= 0 && r.departure < 0) t.fail("departure_time is missing although arrival_time is set");
    if (r.departure >= 0 && r.arrival < 0) t.fail("arrival_time is missing although departure_time is set");
    if (r.departure < r.arrival)
      t.fail("departure_time " + format_time(r.departure) + " is before arrival_time " + format_time(r.arrival));
    std::string_view sid = required_value(t, stop, "stop_id");
    auto si = b.stop_index.find(sid);
    if (si == b.stop_index.end()) t.fail("stop_id " + quoted(sid) + " is not defined in stops.txt");
    if (b.feed.stops[si->second].location_type != 0)
      t.fail("stop_id " + quoted(sid) + " has location_type " + std::to_string(b.feed.stops[si->second].location_type) +
             "; stop times must name a stop or platform (location_type 0)");
    r.stop = si->second;
    r.sequence = int_value(t, sequence, "stop_sequence", 0, std::numeric_limits<int>::max(), -1);
    if (r.sequence < 0) t.fail("stop_sequence is empty");
    if (std::string_view h = t.field(headsign); !h.empty()) r.headsign = b.intern_headsign(h);
    r.no_pickup = int_value(t, pickup, "pickup_type", 0, 3, 0) == 1;
    r.line = t.line();
    rows.push_back(r);
  }
  b.note_short_records(t);
  b.feed.stop_time_rows = rows.size();
  return rows;
}

std::unordered_map<std::uint32_t, std::vector<Frequency>> read_frequencies(Builder& b, const GtfsSource& src) {
  std::unordered_map<std::uint32_t, std::vector<Frequency>> out;
  auto file = load(src, "frequencies.txt", false);
  if (!file.present) return out;
  CsvTable t("frequencies.txt", file.text);
  int trip = t.require_column("trip_id");
  int start = t.require_column("start_time");
  int end = t.require_column("end_time");
  int headway = t.require_column("headway_secs");
  while (t.next()) {
    std::string_view tid = required_value(t, trip, "trip_id");
    auto ti = b.trip_index.find(tid);
    if (ti == b.trip_index.end()) t.fail("trip_id " + quoted(tid) + " is not defined in trips.txt");
    Frequency f;
    f.start = time_value(t, start, "start_time");
    f.end = time_value(t, end, "end_time");
    if (f.start < 0) t.fail("start_time is empty");
    if (f.end < 0) t.fail("end_time is empty");
    if (f.end <= f.start) t.fail("end_time is not after start_time");
    f.headway = int_value(t, headway, "headway_secs", 1, 86400, 0);
    if (f.headway == 0) t.fail("headway_secs is empty");
    f.line = t.line();
    out[ti->second].push_back(f);
    ++b.feed.frequency_rows;
  }
  b.note_short_records(t);
  return out;
}

// Checks one trip's rows (sorted by stop_sequence) and fills blank times.
void settle_trip(const Builder& b, std::vector<StopTimeRow>& rows, std::size_t begin, std::size_t end) {
  const std::string& trip = b.feed.trips[rows[begin].trip].id;
  for (std::size_t k = begin + 1; k < end; ++k)
    if (rows[k].sequence == rows[k - 1].sequence)
      throw GtfsError("stop_times.txt", rows[k].line,
                      "trip " + quoted(trip) + " has stop_sequence " + std::to_string(rows[k].sequence) +
                          " twice (first at line " + std::to_string(rows[k - 1].line) + ")");
  if (rows[begin].departure < 0)
    throw GtfsError("stop_times.txt", rows[begin].line,
                    "the first stop of trip " + quoted(trip) + " has no arrival_time and departure_time");
  if (rows[end - 1].arrival < 0)
    throw GtfsError("stop_times.txt", rows[end - 1].line,
                    "the last stop of trip " + quoted(trip) + " has no arrival_time and departure_time");
  std::size_t prev = begin;
  for (std::size_t k = begin + 1; k < end; ++k) {
    if (rows[k].arrival < 0) continue;
    if (rows[k].arrival < rows[prev].departure)
      throw GtfsError("stop_times.txt", rows[k].line,
                      "arrival_time " + format_time(rows[k].arrival) + " is before the departure_time " +
                          format_time(rows[prev].departure) + " of the previous timed stop (line " +
                          std::to_string(rows[prev].line) + ")");
    // Spread the blank stops in between evenly.
    auto gap = static_cast<std::int64_t>(rows[k].arrival - rows[prev].departure);
    auto steps = static_cast<std::int64_t>(k - prev);
    for (std::size_t m = prev + 1; m < k; ++m) {
      auto secs = rows[prev].departure + static_cast<std::int32_t>(gap * static_cast<std::int64_t>(m - prev) / steps);
      rows[m].arrival = rows[m].departure = secs;
    }
    prev = k;
  }
}

template <typename Names>
std::vector<std::uint32_t> ranks(const Names& items) {
  std::vector<std::uint32_t> order(items.size());
  std::iota(order.begin(), order.end(), 0U);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return items[a] < items[b]; });
  std::vector<std::uint32_t> rank(items.size());
  for (std::uint32_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
  return rank;
}

void sort_departures(Feed& feed) {
  std::vector<std::string_view> stop_ids, trip_ids;
  for (const auto& s : feed.stops) stop_ids.push_back(s.id);
  for (const auto& t : feed.trips) trip_ids.push_back(t.id);
  auto stop_rank = ranks(stop_ids);
  auto service_rank = ranks(feed.service_ids);
  auto trip_rank = ranks(trip_ids);
  auto& d = feed.departures;
  std::sort(d.begin(), d.end(), [&](const Departure& a, const Departure& b) {
    if (a.stop != b.stop) return stop_rank[a.stop] < stop_rank[b.stop];
    if (a.service != b.service) return service_rank[a.service] < service_rank[b.service];
    if (a.secs != b.secs) return a.secs < b.secs;
    if (a.trip != b.trip) return trip_rank[a.trip] < trip_rank[b.trip];
    return a.stop_sequence < b.stop_sequence;
  });
  // Overlapping frequency windows can start the same trip twice at one time.
  d.erase(std::unique(d.begin(), d.end()), d.end());
}

void find_last_departures(Feed& feed) {
  const auto& d = feed.departures;
  std::unordered_map<std::uint32_t, std::int32_t> latest;  // route -> secs, within one (stop, service)
  for (std::size_t i = 0; i < d.size();) {
    std::size_t j = i;
    latest.clear();
    while (j < d.size() && d[j].stop == d[i].stop && d[j].service == d[i].service) {
      latest[feed.trips[d[j].trip].route] = d[j].secs;
      ++j;
    }
    std::vector<std::pair<std::uint32_t, std::int32_t>> sorted(latest.begin(), latest.end());
    std::sort(sorted.begin(), sorted.end());
    for (const auto& [route, secs] : sorted) feed.last_departures.push_back({d[i].stop, route, d[i].service, secs});
    i = j;
  }
}

}  // namespace

void read_schedule(Builder& b, const GtfsSource& src) {
  auto rows = read_stop_times(b, src);
  std::sort(rows.begin(), rows.end(), [](const StopTimeRow& x, const StopTimeRow& y) {
    if (x.trip != y.trip) return x.trip < y.trip;
    if (x.sequence != y.sequence) return x.sequence < y.sequence;
    return x.line < y.line;
  });
  std::vector<std::pair<std::size_t, std::size_t>> ranges(b.feed.trips.size(), {0, 0});
  for (std::size_t i = 0; i < rows.size();) {
    std::size_t j = i;
    while (j < rows.size() && rows[j].trip == rows[i].trip) ++j;
    settle_trip(b, rows, i, j);
    ranges[rows[i].trip] = {i, j};
    i = j;
  }
  auto frequencies = read_frequencies(b, src);

  Feed& feed = b.feed;
  std::size_t empty_trips = 0;
  for (std::uint32_t trip = 0; trip < feed.trips.size(); ++trip) {
    auto [begin, end] = ranges[trip];
    if (begin == end) {
      ++empty_trips;
      if (auto f = frequencies.find(trip); f != frequencies.end())
        throw GtfsError("frequencies.txt", f->second.front().line,
                        "trip_id " + quoted(feed.trips[trip].id) + " has no stop times in stop_times.txt");
      continue;
    }
    // Without stop_headsign or trip_headsign, a trip is signed with its last stop.
    std::uint32_t trip_headsign = b.trip_headsigns[trip];
    if (feed.headsigns[trip_headsign].empty()) trip_headsign = b.intern_headsign(feed.stops[rows[end - 1].stop].name);
    std::vector<Departure> pattern;
    for (std::size_t k = begin; k + 1 < end; ++k) {  // the last stop is never boardable
      const auto& r = rows[k];
      if (r.no_pickup) continue;
      pattern.push_back({r.stop, feed.trips[trip].service, r.departure, trip, r.sequence,
                         r.headsign != kNoHeadsign ? r.headsign : trip_headsign});
    }
    auto f = frequencies.find(trip);
    if (f == frequencies.end()) {
      feed.departures.insert(feed.departures.end(), pattern.begin(), pattern.end());
    } else {
      std::int32_t first = rows[begin].departure;
      for (const auto& w : f->second) {
        std::size_t starts = static_cast<std::size_t>((w.end - w.start + w.headway - 1) / w.headway);
        if (feed.departures.size() + starts * pattern.size() > kMaxDepartures)
          throw GtfsError("frequencies.txt", w.line,
                          "the feed expands to more than " + std::to_string(kMaxDepartures) + " departures");
        for (std::int32_t s = w.start; s < w.end; s += w.headway)
          for (Departure d : pattern) {
            d.secs += s - first;
            feed.departures.push_back(d);
          }
      }
    }
    if (feed.departures.size() > kMaxDepartures)
      throw GtfsError("stop_times.txt", rows[begin].line,
                      "the feed has more than " + std::to_string(kMaxDepartures) + " departures");
  }
  if (empty_trips > 0)
    feed.warnings.push_back("trips.txt: " + std::to_string(empty_trips) +
                            " trips have no stop times and were left out");
  rows = {};
  sort_departures(feed);
  for (const auto& d : feed.departures) feed.max_departure_secs = std::max(feed.max_departure_secs, d.secs);
  find_last_departures(feed);
}

}  // namespace yeyou::gtfs::detail
