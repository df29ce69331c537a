#pragma once
// Event writes: create (one event or a weekly series expanded into events),
// update, cancel, postpone and reschedule. Every write is authorised per
// venue and audited.
#include <vector>

#include "core/event.hpp"
#include "server/services/principal.hpp"
#include "server/store/db_pool.hpp"

namespace yeyou::services {

struct CreatedEvents {
  std::int64_t series_id = 0;  // 0 for a single event
  std::vector<Event> events;
};

class EventService {
 public:
  explicit EventService(store::DbPool& pool) : pool_(pool) {}
  // Body: an event without id and venue_id, with either start/end or
  // "recurrence": {weekdays, start_time, end_time, from, until, except}.
  // "fallback": true lets en/ko fall back to zh.
  CreatedEvents create(const Principal& who, std::int64_t venue_id, const Json& body, Timestamp now);
  // Applies the fields present. Changing start keeps the previous start and
  // marks the event rescheduled (unless a status is given); "reason" goes to
  // the audit log.
  Event patch(const Principal& who, std::int64_t event_id, const Json& patch, Timestamp now);

 private:
  store::DbPool& pool_;
};

}  // namespace yeyou::services
