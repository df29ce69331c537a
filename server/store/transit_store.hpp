#pragma once
// The GTFS feed in SQLite: one current feed, replaced whole, plus the stops
// each kiosk shows. Callers own transactions; replace_transit_feed must run
// inside one so readers never see half a feed (WAL readers keep the old one
// until the commit).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/gtfs_feed.hpp"
#include "core/time.hpp"
#include "server/store/db.hpp"

namespace yeyou::store {

struct TransitFeedInfo {
  std::string agency_name;
  std::string timezone;
  std::string source;
  Timestamp imported_at{};
  int first_date = 0, last_date = 0;  // yyyymmdd
  int max_departure_secs = 0;
  std::int64_t stops = 0, routes = 0, trips = 0, stop_times = 0, departures = 0;
};

struct TransitStop {
  std::string id;
  std::string name;
  double lat = 0, lon = 0;
  int location_type = 0;
  std::string parent_station;
};

struct ScheduledDeparture {
  std::string stop_id;
  std::string service_id;
  int secs = 0;  // since noon minus 12 h of the service day
  std::string trip_id;
  std::string route_id;
  std::string headsign;
};

void replace_transit_feed(Db& db, const gtfs::Feed& feed, const std::string& source, Timestamp now);
std::optional<TransitFeedInfo> transit_feed_info(Db& db);

std::optional<TransitStop> find_transit_stop(Db& db, const std::string& stop_id);
std::vector<TransitStop> child_stops(Db& db, const std::string& parent_id);

// Prepared statements for the departure queries of one request.
class DepartureReader {
 public:
  explicit DepartureReader(Db& db);
  // Service ids running on a local date (calendar plus calendar_dates).
  std::vector<std::string> services_on(const LocalDate& date);
  // The first `limit` departures at or after `min_secs` at a stop for one service.
  void next_departures(const std::string& stop_id, const std::string& service_id, int min_secs, int limit,
                       std::vector<ScheduledDeparture>& out);
  // The route's latest departure from the stop within the service, if any.
  std::optional<int> last_departure(const std::string& stop_id, const std::string& route_id,
                                    const std::string& service_id);
  // The route's display name (short name, else long name).
  std::string route_name(const std::string& route_id);

 private:
  Stmt services_;
  Stmt next_;
  Stmt last_;
  Stmt route_;
};

// A deferred read transaction: every statement inside sees one snapshot.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Db& db);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Db& db_;
};

// Replaces the kiosk's stops (in board order).
void set_kiosk_stops(Db& db, const std::string& kiosk_id, const std::vector<std::string>& stop_ids);
std::vector<std::string> kiosk_stops(Db& db, const std::string& kiosk_id);

}  // namespace yeyou::store
