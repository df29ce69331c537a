#pragma once
// Crowd figures: staff set a count or adjust it by ±n; people counters post
// in/out deltas with a sequence number so repeats and reordering are
// harmless. Counts are clamped to [0, 2×capacity] (a clamped reading is
// flagged). Crossing the crowded (80%) or full (100%) threshold upwards
// raises a venue alert and a notice to that venue's kiosks.
#include <optional>

#include "core/occupancy.hpp"
#include "server/services/principal.hpp"
#include "server/store/db_pool.hpp"

namespace yeyou::services {

struct OccupancyUpdate {
  OccupancyReading reading;
  CrowdLevel level = CrowdLevel::comfortable;
  bool clamped = false;
  bool applied = true;     // false for a repeated counter sequence number
  bool gap = false;        // the counter skipped sequence numbers
  std::optional<std::int64_t> alert_notice_id;
};

// Staff set the count or change the latest one: exactly one of the two.
struct StaffCount {
  std::optional<std::int64_t> count;
  std::optional<std::int64_t> delta;
};

// A people counter's reading: people in and out since its previous reading.
struct CounterReading {
  std::int64_t seq = 0;
  std::int64_t in = 0;
  std::int64_t out = 0;
  std::optional<Timestamp> taken_at;  // the counter's clock; receipt time when absent
};

class OccupancyService {
 public:
  OccupancyService(store::DbPool& pool, CrowdThresholds thresholds) : pool_(pool), thresholds_(thresholds) {}
  // Staff of the venue or bureau.
  OccupancyUpdate staff_update(const Principal& who, std::int64_t venue_id, const StaffCount& update, Timestamp now);
  // Only the counter itself. A reading time in the future is taken as `now`.
  OccupancyUpdate counter_reading(const Principal& who, const std::string& counter_id, const CounterReading& reading,
                                  Timestamp now);
  const CrowdThresholds& thresholds() const { return thresholds_; }

 private:
  OccupancyUpdate apply(store::Db& db, std::int64_t venue_id, std::int64_t count, OccupancySource source,
                        const std::string& actor, Timestamp taken_at, Timestamp now);
  store::DbPool& pool_;
  CrowdThresholds thresholds_;
};

}  // namespace yeyou::services
