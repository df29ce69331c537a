#pragma once
// Which events an iCalendar UID became (one per occurrence), so re-importing
// a calendar updates those events instead of adding new ones; and the events
// of a venue for export. Callers own transactions.
#include <cstdint>
#include <string>
#include <vector>

#include "core/event.hpp"
#include "server/store/db.hpp"

namespace yeyou::store {

struct IcsMapping {
  Timestamp occurrence_at{};  // the occurrence's original start (RECURRENCE-ID)
  std::int64_t event_id = 0;
};

std::vector<IcsMapping> ics_mappings(Db& db, std::int64_t venue_id, const std::string& uid);
void add_ics_mapping(Db& db, std::int64_t venue_id, const std::string& uid, Timestamp occurrence_at,
                     std::int64_t event_id);
// The venue's events ending after `from`, by start, at most `limit`.
std::vector<Event> venue_events(Db& db, std::int64_t venue_id, Timestamp from, int limit);

}  // namespace yeyou::store
