#pragma once
// Imports a GTFS static feed (folder or .zip). The whole feed is read and
// checked before anything is written; then the stored feed is replaced in one
// transaction. A broken feed throws gtfs::GtfsError ("file:line: problem")
// and leaves the previous feed in place.
#include <string>
#include <vector>

#include "core/time.hpp"
#include "server/store/db_pool.hpp"

namespace yeyou::services {

struct GtfsImportSummary {
  std::string agency_name;
  std::string timezone;
  std::size_t stops = 0, routes = 0, trips = 0, stop_times = 0, frequencies = 0, departures = 0;
  int first_date = 0, last_date = 0;  // yyyymmdd
  std::vector<std::string> warnings;
  double read_seconds = 0;   // parsing and checking
  double write_seconds = 0;  // the replacing transaction
};

class GtfsImportService {
 public:
  explicit GtfsImportService(store::DbPool& pool) : pool_(pool) {}
  GtfsImportSummary import(const std::string& path, Timestamp now);

 private:
  store::DbPool& pool_;
};

}  // namespace yeyou::services
