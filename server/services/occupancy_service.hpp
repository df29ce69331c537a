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

class OccupancyService {
 public:
  OccupancyService(store::DbPool& pool, CrowdThresholds thresholds) : pool_(pool), thresholds_(thresholds) {}
  // Body: {"count": n} or {"delta": ±n}. Staff of the venue or bureau.
  OccupancyUpdate staff_update(const Principal& who, std::int64_t venue_id, const Json& body, Timestamp now);
  // Body: {"seq": n, "in": a, "out": b, "taken_at"?: ISO}. Only the counter itself.
  OccupancyUpdate counter_reading(const Principal& who, const std::string& counter_id, const Json& body,
                                  Timestamp now);
  const CrowdThresholds& thresholds() const { return thresholds_; }

 private:
  OccupancyUpdate apply(store::Db& db, std::int64_t venue_id, std::int64_t count, OccupancySource source,
                        const std::string& actor, Timestamp taken_at, Timestamp now);
  store::DbPool& pool_;
  CrowdThresholds thresholds_;
};

}  // namespace yeyou::services
