#include "server/services/event_service.hpp"

#include "core/recurrence.hpp"
#include "server/services/request_bodies.hpp"
#include "server/services/service_errors.hpp"
#include "server/services/venue_service.hpp"
#include "server/store/audit_store.hpp"
#include "server/store/content_store.hpp"

namespace yeyou::services {

CreatedEvents EventService::create(const Principal& who, std::int64_t venue_id, const Json& input, Timestamp now) {
  auto [proto, rule, reason] = decode_new_event(venue_id, input);

  auto& db = pool_.get();
  store::Transaction tx(db);
  require_venue_access(who, db, venue_id);
  CreatedEvents out;
  std::vector<TimeWindow> windows = rule ? expand(*rule) : std::vector<TimeWindow>{{proto.start, proto.end}};
  if (rule) {
    out.series_id = store::insert_event_series(db, venue_id, *rule, now);
  }
  std::int64_t id = store::next_event_id(db);
  for (const auto& w : windows) {
    Event e = proto;
    e.id = id++;
    e.start = w.begin;
    e.end = w.end;
    store::upsert_event(db, e, now);
    if (out.series_id) store::set_event_series(db, e.id, out.series_id);
    Json after = to_json(e);
    if (out.series_id) after["series_id"] = out.series_id;
    store::append_audit(db, {0, now, who.actor(), "create", "event", std::to_string(e.id), nullptr, after, reason});
    out.events.push_back(e);
  }
  tx.commit();
  return out;
}

Event EventService::patch(const Principal& who, std::int64_t event_id, const Json& input, Timestamp now) {
  EventPatch patch = decode_event_patch(event_id, input);

  auto& db = pool_.get();
  store::Transaction tx(db);
  auto before = store::find_event(db, event_id);
  if (!before) throw NotFound("no event " + std::to_string(event_id));
  require_venue_access(who, db, before->venue_id);
  Event after = patched_event(*before, patch);
  if (after.venue_id != before->venue_id) require_venue_access(who, db, after.venue_id);
  bool moved = after.start != before->start;
  if (moved && !patch.fields.contains("previous_start")) after.previous_start = before->start;
  if (moved && !patch.fields.contains("status") && after.status == EventStatus::scheduled)
    after.status = EventStatus::rescheduled;
  if (after.status == EventStatus::postponed && !after.previous_start) after.previous_start = before->start;
  std::string action = after.status != before->status ? std::string(name_of(after.status)) : "update";
  if (action == "scheduled") action = "reinstate";
  store::upsert_event(db, after, now);
  store::append_audit(db, {0, now, who.actor(), action, "event", std::to_string(event_id), to_json(*before),
                           to_json(after), patch.reason});
  tx.commit();
  return after;
}

}  // namespace yeyou::services
