// Transport benchmark: generates a synthetic GTFS feed with 1,000,000
// stop_times, imports it with the real import service into a fresh SQLite
// file, then times departures queries at random stops and instants.
//
//   transit_bench [--stop-times N] [--queries N] [--dir DIR]
//
// Prints the figures docs/benchmarks.md records. Not part of ctest.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <httplib.h>

#include <thread>

#include "core/gtfs_feed.hpp"
#include "server/http/api_server.hpp"
#include "server/services/gtfs_import_service.hpp"
#include "server/services/transit_service.hpp"

namespace fs = std::filesystem;
using namespace yeyou;

namespace {

constexpr int kStopsPerTrip = 25;

struct Options {
  long stop_times = 1'000'000;
  int queries = 20'000;
  std::string dir;
};

// A city of 2,000 stops (400 of them platforms of 200 stations), 300 routes,
// weekday/Saturday/Sunday services for a year, trips from 05:00 to 25:30.
void write_feed(const fs::path& dir, long stop_times, std::mt19937& rng) {
  fs::create_directories(dir);
  const int stops = 2000, stations = 200, routes = 300;
  std::ofstream(dir / "agency.txt") << "agency_id,agency_name,agency_url,agency_timezone\n"
                                    << "YY,夜游公交,https://example.invalid,Asia/Shanghai\n";
  {
    std::ofstream f(dir / "stops.txt");
    f << "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n";
    for (int s = 0; s < stations; ++s) f << "ST" << s << ",\"Station " << s << "\",22.5,114.0,1,\n";
    for (int s = 0; s < stops; ++s) {
      f << "S" << s << ",\"Stop " << s << ", \"\"North\"\"\",22." << s % 1000 << ",114." << s % 997 << ",0,";
      if (s < 2 * stations) f << "ST" << s / 2;
      f << "\n";
    }
  }
  {
    std::ofstream f(dir / "routes.txt");
    f << "route_id,agency_id,route_short_name,route_long_name,route_type\n";
    for (int r = 0; r < routes; ++r) f << "R" << r << ",YY," << r + 1 << ",夜游 " << r + 1 << " 路,3\n";
  }
  std::ofstream(dir / "calendar.txt") << "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
                                         "start_date,end_date\n"
                                      << "WD,1,1,1,1,1,0,0,20260101,20261231\n"
                                      << "SA,0,0,0,0,0,1,0,20260101,20261231\n"
                                      << "SU,0,0,0,0,0,0,1,20260101,20261231\n";
  std::ofstream(dir / "calendar_dates.txt") << "service_id,date,exception_type\n"
                                            << "WD,20261001,2\nSU,20261001,1\n";
  std::uniform_int_distribution<int> stop_pick(0, stops - 1);
  std::vector<std::vector<int>> patterns(routes);
  for (auto& p : patterns)
    for (int k = 0; k < kStopsPerTrip; ++k) p.push_back(stop_pick(rng));
  long trips = stop_times / kStopsPerTrip;
  std::ofstream t(dir / "trips.txt");
  std::ofstream st(dir / "stop_times.txt");
  t << "route_id,service_id,trip_id,trip_headsign\n";
  st << "trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type\r\n";
  const char* services[] = {"WD", "WD", "WD", "SA", "SU"};
  std::uniform_int_distribution<int> start_pick(5 * 3600, 25 * 3600 + 1800);
  char line[160];
  for (long i = 0; i < trips; ++i) {
    int route = static_cast<int>(i % routes);
    t << "R" << route << "," << services[i % 5] << ",T" << i << ",Terminal " << route << "\n";
    int secs = start_pick(rng);
    for (int k = 0; k < kStopsPerTrip; ++k) {
      int h = secs / 3600, m = secs / 60 % 60, s = secs % 60;
      std::snprintf(line, sizeof line, "T%ld,%d:%02d:%02d,%d:%02d:%02d,S%d,%d,%d\r\n", i, h, m, s, h, m, s + 0,
                    patterns[static_cast<std::size_t>(route)][static_cast<std::size_t>(k)], k + 1, k == 3 ? 1 : 0);
      st << line;
      secs += 90 + (k % 3) * 30;
    }
  }
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
  return v[i];
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--stop-times") o.stop_times = std::stol(argv[i + 1]);
    else if (a == "--queries") o.queries = std::stoi(argv[i + 1]);
    else if (a == "--dir") o.dir = argv[i + 1];
    else {
      std::cerr << "usage: transit_bench [--stop-times N] [--queries N] [--dir DIR]\n";
      return 2;
    }
  }
  fs::path dir = o.dir.empty() ? fs::temp_directory_path() / "yeyou-transit-bench" : fs::path(o.dir);
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::mt19937 rng(20261129);
  using Clock = std::chrono::steady_clock;

  auto g0 = Clock::now();
  write_feed(dir / "feed", o.stop_times, rng);
  auto g1 = Clock::now();
  std::printf("generated %ld stop_times (%.1f MB stop_times.txt) in %.2f s\n", o.stop_times,
              static_cast<double>(fs::file_size(dir / "feed" / "stop_times.txt")) / 1e6,
              std::chrono::duration<double>(g1 - g0).count());

  store::DbPool pool((dir / "bench.db").string());
  services::GtfsImportService importer(pool);
  auto i0 = Clock::now();
  auto sum = importer.import((dir / "feed").string(), now_utc());
  auto i1 = Clock::now();
  std::printf("import: %.2f s total (read+check %.2f s, write %.2f s); %zu departures, %zu trips\n",
              std::chrono::duration<double>(i1 - i0).count(), sum.read_seconds, sum.write_seconds, sum.departures,
              sum.trips);
  // Re-import: the replacing transaction also deletes the old feed.
  auto r0 = Clock::now();
  importer.import((dir / "feed").string(), now_utc());
  auto r1 = Clock::now();
  std::printf("re-import over the previous feed: %.2f s\n", std::chrono::duration<double>(r1 - r0).count());
  std::printf("BENCH {\"bench\":\"transit\",\"case\":\"import\",\"result\":{\"stop_times\":%ld,\"import_s\":%.3f,"
              "\"reimport_s\":%.3f}}\n",
              o.stop_times, std::chrono::duration<double>(i1 - i0).count(), std::chrono::duration<double>(r1 - r0).count());
  std::printf("database size: %.1f MB\n", static_cast<double>(fs::file_size(dir / "bench.db")) / 1e6);

  services::TransitService transit(pool);
  std::uniform_int_distribution<int> stop_pick(0, 1999), station_pick(0, 199), minute_pick(0, 7 * 24 * 60 - 1);
  std::vector<double> micros;
  micros.reserve(static_cast<std::size_t>(o.queries));
  std::size_t returned = 0;
  const Timestamp week = *parse_iso8601("2026-03-02T00:00:00+08:00");  // a Monday
  for (int q = 0; q < o.queries; ++q) {
    services::DepartureRequest req;
    std::string stop = q % 10 == 0 ? "ST" : "S";
    stop += std::to_string(q % 10 == 0 ? station_pick(rng) : stop_pick(rng));
    req.stop = stop;
    req.at = format_iso8601(week + std::chrono::minutes{minute_pick(rng)}, "Asia/Shanghai");
    req.limit = "10";
    auto t0 = Clock::now();
    auto board = transit.departures(req, now_utc());
    auto t1 = Clock::now();
    returned += board.departures.size();
    micros.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
  }
  std::printf("departures (service level, %d queries, limit 10, 10%% at stations): p50 %.0f us, p99 %.0f us, "
              "max %.0f us, %.1f departures per answer\n",
              o.queries, percentile(micros, 0.5), percentile(micros, 0.99), percentile(micros, 1.0),
              static_cast<double>(returned) / o.queries);
  std::printf("BENCH {\"bench\":\"transit\",\"case\":\"departures_service\",\"result\":{\"p50_us\":%.0f,"
              "\"p99_us\":%.0f,\"max_us\":%.0f}}\n",
              percentile(micros, 0.5), percentile(micros, 0.99), percentile(micros, 1.0));

  // The same queries over HTTP on loopback (keep-alive client, the server's real routes).
  services::ServerConfig config;
  config.db_path = pool.path();  // the contact key goes next to the bench database
  services::ServiceHub hub(pool, config);
  http::ApiServer server(hub, http::HttpOptions{64 * 1024, 4, false});
  int port = server.bind("127.0.0.1", 0);
  std::thread serving([&] { server.serve(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  httplib::Client cli("127.0.0.1", port);
  cli.set_keep_alive(true);
  std::vector<double> http_micros;
  int failures = 0;
  for (int q = 0; q < o.queries; ++q) {
    std::string stop = q % 10 == 0 ? "ST" : "S";
    stop += std::to_string(q % 10 == 0 ? station_pick(rng) : stop_pick(rng));
    std::string at = format_iso8601(week + std::chrono::minutes{minute_pick(rng)}, "Asia/Shanghai");
    at.replace(at.find('+'), 1, "%2B");
    std::string path = "/api/v1/departures?limit=10&stop=" + stop + "&at=" + at;
    auto t0 = Clock::now();
    auto r = cli.Get(path.c_str());
    auto t1 = Clock::now();
    if (!r || r->status != 200) ++failures;
    http_micros.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
  }
  server.stop();
  serving.join();
  std::printf("departures (HTTP GET on loopback, keep-alive, %d queries): p50 %.0f us, p99 %.0f us, max %.0f us, "
              "%d failures\n",
              o.queries, percentile(http_micros, 0.5), percentile(http_micros, 0.99), percentile(http_micros, 1.0),
              failures);
  std::printf("BENCH {\"bench\":\"transit\",\"case\":\"departures_http\",\"result\":{\"p50_us\":%.0f,"
              "\"p99_us\":%.0f,\"max_us\":%.0f,\"errors\":%d}}\n",
              percentile(http_micros, 0.5), percentile(http_micros, 0.99), percentile(http_micros, 1.0), failures);
  fs::remove_all(dir);
  return 0;
}
