#pragma once
// Read side of the content: venues with their current crowd level, and events
// in a time range.
#include <optional>
#include <vector>

#include "core/event.hpp"
#include "core/occupancy.hpp"
#include "core/venue.hpp"
#include "server/store/change_log.hpp"
#include "server/store/db_pool.hpp"

namespace yeyou::services {

struct VenueView {
  Venue venue;
  std::optional<OccupancyReading> occupancy;
};

struct ChangePage {
  std::vector<store::Change> changes;
  std::int64_t cursor = 0;  // the version to ask from next time
  bool more = false;        // another page is waiting
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
  // Throws NotFound.
  Event event(std::int64_t id);
  std::vector<std::pair<int, double>> usual_occupancy(std::int64_t venue_id);
  // Everything changed since version `since`, oldest first.
  ChangePage changes(std::int64_t since, int limit);

 private:
  store::DbPool& pool_;
  std::int64_t max_query_days_;
};

}  // namespace yeyou::services
