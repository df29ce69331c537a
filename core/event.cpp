#include "core/event.hpp"

namespace yeyou {

Json to_json(const Event& e) {
  Json j{{"id", e.id},
         {"venue_id", e.venue_id},
         {"title", to_json(e.title)},
         {"description", to_json(e.description)},
         {"category", name_of(e.category)},
         {"start", format_iso8601(e.start)},
         {"end", format_iso8601(e.end)},
         {"price_cents", e.price_cents},
         {"is_free", e.is_free()},
         {"status", name_of(e.status)}};
  if (e.previous_start) j["previous_start"] = format_iso8601(*e.previous_start);
  return j;
}

static std::optional<Timestamp> read_time(FieldReader& r, const std::string& key, bool required) {
  auto s = r.text(key, 40, required);
  if (!s) return std::nullopt;
  auto t = parse_iso8601(*s);
  if (!t) r.fail(key, "must be an ISO 8601 date-time, e.g. 2026-11-29T19:30:00+08:00");
  return t;
}

Event event_from_json(const Json& j, bool require_id, bool allow_fallback) {
  FieldErrors errors;
  FieldReader r(j, errors);
  Event e;
  e.id = r.integer("id", 1, INT32_MAX, require_id).value_or(0);
  e.venue_id = r.integer("venue_id", 1, INT32_MAX).value_or(0);
  e.title = read_localized(r, "title", 300, true, allow_fallback);
  e.description = read_localized(r, "description", 4000, true, allow_fallback);
  e.category = read_enum<EventCategory>(r, "category").value_or(EventCategory::performance);
  auto start = read_time(r, "start", true);
  auto end = read_time(r, "end", true);
  e.price_cents = r.integer("price_cents", 0, 100'000'00).value_or(0);
  r.boolean("is_free", false);  // derived; accepted on input for round trips
  e.status = read_enum<EventStatus>(r, "status", false).value_or(EventStatus::scheduled);
  e.previous_start = read_time(r, "previous_start", false);
  if (start && end) {
    e.start = *start;
    e.end = *end;
    if (e.end <= e.start) r.fail("end", "must be after start");
    else if ((e.end - e.start).count() > kMaxEventSeconds) r.fail("end", "an event may last at most 24 hours");
  }
  r.reject_unknown();
  throw_if_errors(errors);
  return e;
}

EventPhase phase_at(const Event& e, Timestamp now, std::string_view zone) {
  if (e.status == EventStatus::cancelled) return EventPhase::cancelled;
  if (now >= e.end) return EventPhase::ended;
  if (now >= e.start) return EventPhase::on_now;
  if (tonight_window(night_of(now, zone), zone).contains(e.start)) return EventPhase::later_tonight;
  return EventPhase::upcoming;
}

bool overlaps(const Event& e, const TimeWindow& w) { return e.start < w.end && e.end > w.begin; }

}  // namespace yeyou
