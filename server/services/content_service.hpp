#pragma once
// Read side of the content: venues with their current crowd level, and events
// in a time range.
#include <optional>
#include <vector>

#include "core/event.hpp"
#include "core/occupancy.hpp"
#include "core/venue.hpp"
#include "server/store/db_pool.hpp"

namespace yeyou::services {

struct VenueView {
  Venue venue;
  std::optional<OccupancyReading> occupancy;
};

struct EventRange {
  Timestamp from{};
  Timestamp to{};
};

class ContentService {
 public:
  ContentService(store::DbPool& pool, std::int64_t max_query_days);

  std::vector<VenueView> venues();
  std::vector<District> districts();
  // Parses the optional ISO 8601 bounds; with neither, tonight's window.
  // Throws ValidationError on a malformed date, a reversed or too long range.
  EventRange parse_range(const std::optional<std::string>& from, const std::optional<std::string>& to,
                         Timestamp now) const;
  std::vector<Event> events(const EventRange& range);

 private:
  store::DbPool& pool_;
  std::int64_t max_query_days_;
};

}  // namespace yeyou::services
