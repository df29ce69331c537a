#include "core/occupancy.hpp"

namespace yeyou {

void CrowdThresholds::validate() const {
  FieldErrors e;
  if (!(busy > 0 && busy < crowded)) e["busy"] = "must be above 0 and below crowded";
  if (!(crowded < full)) e["crowded"] = "must be below full";
  if (!(full > 0 && full <= 10)) e["full"] = "must be above 0";
  throw_if_errors(e);
}

CrowdLevel crowd_level(std::int64_t count, std::int64_t capacity, const CrowdThresholds& t) {
  if (capacity <= 0) return CrowdLevel::full;
  double ratio = static_cast<double>(count) / static_cast<double>(capacity);
  if (ratio >= t.full) return CrowdLevel::full;
  if (ratio >= t.crowded) return CrowdLevel::crowded;
  if (ratio >= t.busy) return CrowdLevel::busy;
  return CrowdLevel::comfortable;
}

Json to_json(const OccupancyReading& r, const CrowdThresholds& t) {
  return Json{{"venue_id", r.venue_id},
              {"count", r.count},
              {"capacity", r.capacity},
              {"level", name_of(crowd_level(r.count, r.capacity, t))},
              {"taken_at", format_iso8601(r.taken_at)},
              {"source", name_of(r.source)}};
}

OccupancyReading occupancy_from_json(const Json& j) {
  FieldErrors errors;
  FieldReader r(j, errors);
  OccupancyReading o;
  o.venue_id = r.integer("venue_id", 1, INT32_MAX).value_or(0);
  o.count = r.integer("count", 0, 20'000'000).value_or(0);
  o.capacity = r.integer("capacity", 1, 10'000'000).value_or(1);
  r.text("level", 16, false);  // derived; accepted for round trips
  if (auto s = r.text("taken_at", 40)) {
    if (auto t = parse_iso8601(*s)) o.taken_at = *t;
    else r.fail("taken_at", "must be an ISO 8601 date-time");
  }
  o.source = read_enum<OccupancySource>(r, "source").value_or(OccupancySource::staff);
  r.reject_unknown();
  throw_if_errors(errors);
  return o;
}

}  // namespace yeyou
