#pragma once
// Event writes: create (one event or a weekly series expanded into events),
// update, cancel, postpone and reschedule. Every write is authorised per
// venue and audited.
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

// The body of an event create, decoded without the database: the first
// occurrence as a prototype (the id is a placeholder), the weekly rule if
// one was given, and the audit reason. Throws ValidationError.
struct NewEventRequest {
  Event proto;
  std::optional<WeeklyRule> rule;
  std::string reason;
};
NewEventRequest decode_new_event(std::int64_t venue_id, const Json& body);

// The body of an event patch: the event's fields to apply, with "fallback"
// and "reason" split off. Throws ValidationError.
struct EventPatch {
  Json fields;
  bool fallback = false;
  std::string reason;
};
EventPatch decode_event_patch(std::int64_t event_id, const Json& body);
// `before` with the patch's fields applied, validated as a whole event.
Event patched_event(const Event& before, const EventPatch& patch);

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
