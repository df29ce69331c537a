#include "server/services/event_service.hpp"

#include "core/recurrence.hpp"
#include "server/services/service_errors.hpp"
#include "server/services/venue_service.hpp"
#include "server/store/audit_store.hpp"
#include "server/store/content_store.hpp"

namespace yeyou::services {
namespace {

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

CreatedEvents EventService::create(const Principal& who, std::int64_t venue_id, const Json& input, Timestamp now) {
  if (!input.is_object()) throw ValidationError("body", "must be a JSON object");
  Json body = input;
  FieldErrors errors;
  bool fallback = take_bool(body, "fallback", errors);
  std::string reason = take_string(body, "reason", 500, errors);
  if (body.contains("id")) errors["id"] = "is assigned by the server";
  if (body.contains("venue_id") && body["venue_id"] != venue_id) errors["venue_id"] = "must match the venue in the path";
  body["venue_id"] = venue_id;
  body["id"] = 1;  // placeholder so the decoder validates; replaced below
  std::optional<WeeklyRule> rule;
  if (body.contains("recurrence")) {
    if (body.contains("start") || body.contains("end"))
      errors["recurrence"] = "give either start/end or a recurrence, not both";
    Json holder{{"recurrence", body["recurrence"]}};
    FieldReader r(holder, errors);
    rule = read_weekly_rule(r, "recurrence");
    body.erase("recurrence");
    if (errors.empty()) {
      auto occurrences = expand(*rule);
      if (occurrences.empty()) {
        errors["recurrence"] = "produces no occurrences";
      } else {
        body["start"] = format_iso8601(occurrences[0].begin);
        body["end"] = format_iso8601(occurrences[0].end);
      }
    }
  }
  throw_if_errors(errors);
  Event proto = event_from_json(body, true, fallback);

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
  if (!input.is_object()) throw ValidationError("body", "must be a JSON object");
  Json patch = input;
  FieldErrors errors;
  bool fallback = take_bool(patch, "fallback", errors);
  std::string reason = take_string(patch, "reason", 500, errors);
  if (patch.contains("id") && patch["id"] != event_id) errors["id"] = "cannot be changed";
  throw_if_errors(errors);

  auto& db = pool_.get();
  store::Transaction tx(db);
  auto before = store::find_event(db, event_id);
  if (!before) throw NotFound("no event " + std::to_string(event_id));
  require_venue_access(who, db, before->venue_id);
  Json merged = to_json(*before);
  for (auto it = patch.begin(); it != patch.end(); ++it) merged[it.key()] = it.value();
  Event after = event_from_json(merged, true, fallback);
  if (after.venue_id != before->venue_id) require_venue_access(who, db, after.venue_id);
  bool moved = after.start != before->start;
  if (moved && !patch.contains("previous_start")) after.previous_start = before->start;
  if (moved && !patch.contains("status") && after.status == EventStatus::scheduled)
    after.status = EventStatus::rescheduled;
  if (after.status == EventStatus::postponed && !after.previous_start) after.previous_start = before->start;
  std::string action = after.status != before->status ? std::string(name_of(after.status)) : "update";
  if (action == "scheduled") action = "reinstate";
  store::upsert_event(db, after, now);
  store::append_audit(db, {0, now, who.actor(), action, "event", std::to_string(event_id), to_json(*before),
                           to_json(after), reason});
  tx.commit();
  return after;
}

}  // namespace yeyou::services
