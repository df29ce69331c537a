// Content writes (venues, events, occupancy, notices) and the change feed.
#include "server/http/decoders.hpp"
#include "server/http/handlers.hpp"
#include "server/http/json_response.hpp"
#include "server/http/request_auth.hpp"

namespace yeyou::http::handlers {
namespace {

Json occupancy_json(const services::OccupancyUpdate& u, const CrowdThresholds& t) {
  Json j = to_json(u.reading, t);
  j["clamped"] = u.clamped;
  j["applied"] = u.applied;
  j["gap"] = u.gap;
  j["alert_notice_id"] = u.alert_notice_id ? Json(*u.alert_notice_id) : Json(nullptr);
  return j;
}

}  // namespace

void patch_venue(Exchange& x) {
  auto id = path_id(x.req);
  write_json(x.res, 200, to_json(x.hub.venues.patch(x.who, id, decode_venue_patch(parse_body(x.req), id), now_utc())));
}

void create_events(Exchange& x) {
  auto id = path_id(x.req);
  auto created = x.hub.events.create(x.who, id, decode_new_events(parse_body(x.req), id), now_utc());
  Json events = Json::array();
  for (const auto& e : created.events) events.push_back(to_json(e));
  Json out = created.series_id ? Json{{"series_id", created.series_id}, {"events", events}} : events[0];
  write_json(x.res, 201, out);
}

void get_event(Exchange& x) { write_json(x.res, 200, to_json(x.hub.content.event(path_id(x.req)))); }

void patch_event(Exchange& x) {
  auto id = path_id(x.req);
  write_json(x.res, 200, to_json(x.hub.events.patch(x.who, id, decode_event_patch(parse_body(x.req), id), now_utc())));
}

void staff_occupancy(Exchange& x) {
  auto u = x.hub.occupancy.staff_update(x.who, path_id(x.req), decode_staff_count(parse_body(x.req)), now_utc());
  write_json(x.res, 200, occupancy_json(u, x.hub.occupancy.thresholds()));
}

void usual_occupancy(Exchange& x) {
  auto id = path_id(x.req);
  Json hours = Json::array();
  for (const auto& [hour, avg] : x.hub.content.usual_occupancy(id))
    hours.push_back({{"hour_of_week", hour}, {"average", avg}});
  write_json(x.res, 200, Json{{"venue_id", id}, {"hours", hours}});
}

void counter_reading(Exchange& x) {
  auto u = x.hub.occupancy.counter_reading(x.who, x.req.matches[1], decode_counter_reading(parse_body(x.req)), now_utc());
  write_json(x.res, u.applied ? 201 : 200, occupancy_json(u, x.hub.occupancy.thresholds()));
}

void list_notices(Exchange& x) {
  auto district = query_text(x.req, "district");
  auto venue = query_text(x.req, "venue");
  Json notices = Json::array();
  for (const auto& n : x.hub.notices.active(now_utc(), district, venue)) notices.push_back(to_json(n));
  write_json(x.res, 200, Json{{"notices", notices}});
}

void issue_notice(Exchange& x) {
  auto now = now_utc();
  write_json(x.res, 201, to_json(x.hub.notices.issue(x.who, notice_from_json(parse_body(x.req), now), now)));
}

void expire_notice(Exchange& x) {
  write_json(x.res, 200, to_json(x.hub.notices.expire(x.who, path_id(x.req), now_utc())));
}

void changes(Exchange& x) {
  auto since = query_int(x.req, "since", 0, 0, INT64_MAX / 2);
  auto limit = query_int(x.req, "limit", 500, 1, 5000);
  auto page = x.hub.content.changes(since, static_cast<int>(limit));
  Json changes = Json::array();
  for (const auto& c : page.changes)
    changes.push_back({{"version", c.version},
                       {"kind", c.kind},
                       {"id", c.object_id},
                       {"op", c.deleted ? "delete" : "upsert"},
                       {"body", c.body}});
  write_json(x.res, 200, Json{{"changes", changes}, {"cursor", page.cursor}, {"more", page.more}});
}

}  // namespace yeyou::http::handlers
