#pragma once
// Event writes: create (one event or a weekly series expanded into events),
// update, cancel, postpone and reschedule. Every write is authorised per
// venue and audited.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/event.hpp"
#include "core/recurrence.hpp"
#include "server/services/principal.hpp"
#include "server/store/db_pool.hpp"

namespace yeyou::services {

struct CreatedEvents {
  std::int64_t series_id = 0;  // 0 for a single event
  std::vector<Event> events;
};

// One event, or a weekly series of them when `recurrence` is set (then
// `event` holds the first occurrence's times). The venue and ids are the
// service's to set.
struct NewEvents {
  Event event;
  std::optional<WeeklyRule> recurrence;
  std::string reason;  // for the audit log
};

// A partial update; like VenuePatch, `apply` merges the fields sent into the
// stored event and validates the result.
struct EventPatch {
  std::function<Event(const Event& before)> apply;
  std::string reason;                // for the audit log
  bool sets_status = false;          // the patch names a status
  bool sets_previous_start = false;  // the patch names a previous start
};

class EventService {
 public:
  explicit EventService(store::DbPool& pool) : pool_(pool) {}
  CreatedEvents create(const Principal& who, std::int64_t venue_id, const NewEvents& request, Timestamp now);
  // Changing start keeps the previous start and marks the event rescheduled
  // (unless the patch sets a status).
  Event patch(const Principal& who, std::int64_t event_id, const EventPatch& patch, Timestamp now);

 private:
  store::DbPool& pool_;
};

}  // namespace yeyou::services
