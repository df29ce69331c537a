#include "server/services/event_service.hpp"

#include "core/recurrence.hpp"
#include "server/services/service_errors.hpp"
#include "server/services/venue_service.hpp"
#include "server/store/audit_store.hpp"
#include "server/store/content_store.hpp"

namespace yeyou::services {
namespace {

std::int64_t next_event_id(store::Db& db) {
  store::Stmt s(db, "SELECT coalesce(max(id), 0) + 1 FROM events");
  s.step();
  return s.int64(0);
}

// Splits off the server-side keys the event decoder does not know.
std::string take_string(Json& body, const char* key, std::size_t max, FieldErrors& errors) {
  if (!body.is_object() || !body.contains(key)) return "";
  Json v = body[key];
  body.erase(key);
  if (!v.is_string() || v.get<std::string>().size() > max || !is_clean_utf8(v.get<std::string>())) {
    errors[key] = "must be text of at most " + std::to_string(max) + " bytes";
    return "";
  }
  return v.get<std::string>();
}

bool take_bool(Json& body, const char* key, FieldErrors& errors) {
  if (!body.is_object() || !body.contains(key)) return false;
  Json v = body[key];
  body.erase(key);
  if (!v.is_boolean()) errors[key] = "must be true or false";
  return v.is_boolean() && v.get<bool>();
}

}  // namespace

NewEventRequest decode_new_event(std::int64_t venue_id, const Json& input) {
  if (!input.is_object()) throw ValidationError("body", "must be a JSON object");
  Json body = input;
  FieldErrors errors;
  NewEventRequest out;
  bool fallback = take_bool(body, "fallback", errors);
  out.reason = take_string(body, "reason", 500, errors);
  if (body.contains("id")) errors["id"] = "is assigned by the server";
  if (body.contains("venue_id") && body["venue_id"] != venue_id) errors["venue_id"] = "must match the venue in the path";
  body["venue_id"] = venue_id;
  body["id"] = 1;  // placeholder so the decoder validates; replaced by the service
  if (body.contains("recurrence")) {
    if (body.contains("start") || body.contains("end"))
      errors["recurrence"] = "give either start/end or a recurrence, not both";
    Json holder{{"recurrence", body["recurrence"]}};
    FieldReader r(holder, errors);
    out.rule = read_weekly_rule(r, "recurrence");
    body.erase("recurrence");
    if (errors.empty()) {
      auto occurrences = expand(*out.rule);
      if (occurrences.empty()) {
        errors["recurrence"] = "produces no occurrences";
      } else {
        body["start"] = format_iso8601(occurrences[0].begin);
        body["end"] = format_iso8601(occurrences[0].end);
      }
    }
  }
  throw_if_errors(errors);
  out.proto = event_from_json(body, true, fallback);
  return out;
}

EventPatch decode_event_patch(std::int64_t event_id, const Json& input) {
  if (!input.is_object()) throw ValidationError("body", "must be a JSON object");
  EventPatch out;
  out.fields = input;
  FieldErrors errors;
  out.fallback = take_bool(out.fields, "fallback", errors);
  out.reason = take_string(out.fields, "reason", 500, errors);
  if (out.fields.contains("id") && out.fields["id"] != event_id) errors["id"] = "cannot be changed";
  throw_if_errors(errors);
  return out;
}

Event patched_event(const Event& before, const EventPatch& patch) {
  Json merged = to_json(before);
  for (auto it = patch.fields.begin(); it != patch.fields.end(); ++it) merged[it.key()] = it.value();
  return event_from_json(merged, true, patch.fallback);
}

CreatedEvents EventService::create(const Principal& who, std::int64_t venue_id, const Json& input, Timestamp now) {
  auto [proto, rule, reason] = decode_new_event(venue_id, input);

  auto& db = pool_.get();
  store::Transaction tx(db);
  require_venue_access(who, db, venue_id);
  CreatedEvents out;
  std::vector<TimeWindow> windows = rule ? expand(*rule) : std::vector<TimeWindow>{{proto.start, proto.end}};
  if (rule) {
    store::Stmt s(db, "INSERT INTO event_series(venue_id, rule, created_at) VALUES(?1, ?2, ?3)");
    s.bind(1, venue_id).bind(2, to_json(*rule).dump()).bind(3, now.time_since_epoch().count()).run();
    out.series_id = db.last_insert_id();
  }
  std::int64_t id = next_event_id(db);
  for (const auto& w : windows) {
    Event e = proto;
    e.id = id++;
    e.start = w.begin;
    e.end = w.end;
    store::upsert_event(db, e, now);
    if (out.series_id) {
      store::Stmt s(db, "UPDATE events SET series_id = ?2 WHERE id = ?1");
      s.bind(1, e.id).bind(2, out.series_id).run();
    }
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
