#pragma once
// Occupancy readings and the crowd level derived from them. Levels follow
// LB/T 034-2014 practice: warn at 80% of maximum instantaneous capacity,
// stop entry at 100%. Thresholds are configuration.
#include <cstdint>
#include <string>

#include "core/enum_names.hpp"
#include "core/time.hpp"

namespace yeyou {

enum class CrowdLevel { comfortable, busy, crowded, full };
template <>
struct EnumNames<CrowdLevel> {
  static constexpr std::array<std::string_view, 4> names{"comfortable", "busy", "crowded", "full"};
};

enum class OccupancySource { staff, counter, demo };
template <>
struct EnumNames<OccupancySource> {
  static constexpr std::array<std::string_view, 3> names{"staff", "counter", "demo"};
};

struct CrowdThresholds {
  double busy = 0.5;
  double crowded = 0.8;
  double full = 1.0;
  // Throws ValidationError unless 0 < busy < crowded < full.
  void validate() const;
};

struct OccupancyReading {
  std::int64_t venue_id = 0;
  std::int64_t count = 0;
  std::int64_t capacity = 0;
  Timestamp taken_at{};
  OccupancySource source = OccupancySource::staff;
};

CrowdLevel crowd_level(std::int64_t count, std::int64_t capacity, const CrowdThresholds& t = {});
Json to_json(const OccupancyReading& r, const CrowdThresholds& t = {});
OccupancyReading occupancy_from_json(const Json& j);

}  // namespace yeyou
