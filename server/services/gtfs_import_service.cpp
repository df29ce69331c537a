#include "server/services/gtfs_import_service.hpp"

#include <chrono>

#include "core/gtfs_feed.hpp"
#include "server/store/transit_store.hpp"

namespace yeyou::services {

GtfsImportSummary GtfsImportService::import(const std::string& path, Timestamp now) {
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  gtfs::Feed feed = gtfs::load_feed(gtfs::GtfsSource::open(path));
  auto t1 = Clock::now();
  auto& db = pool_.get();
  store::Transaction tx(db);
  store::replace_transit_feed(db, feed, path, now);
  tx.commit();
  auto t2 = Clock::now();

  GtfsImportSummary s;
  s.agency_name = feed.agency_name;
  s.timezone = feed.timezone;
  s.stops = feed.stops.size();
  s.routes = feed.routes.size();
  s.trips = feed.trips.size();
  s.stop_times = feed.stop_time_rows;
  s.frequencies = feed.frequency_rows;
  s.departures = feed.departures.size();
  s.first_date = feed.first_date;
  s.last_date = feed.last_date;
  s.warnings = feed.warnings;
  s.read_seconds = std::chrono::duration<double>(t1 - t0).count();
  s.write_seconds = std::chrono::duration<double>(t2 - t1).count();
  return s;
}

}  // namespace yeyou::services
