// Content writes (venues, events, occupancy, notices) and the change feed.
#include <httplib.h>

#include "server/http/api_server.hpp"
#include "server/http/json_response.hpp"
#include "server/http/request_auth.hpp"
#include "server/services/service_errors.hpp"

namespace yeyou::http {
namespace {

using services::Principal;
using services::Role;

Json occupancy_json(const services::OccupancyUpdate& u, const CrowdThresholds& t) {
  Json j = to_json(u.reading, t);
  j["clamped"] = u.clamped;
  j["applied"] = u.applied;
  j["gap"] = u.gap;
  j["alert_notice_id"] = u.alert_notice_id ? Json(*u.alert_notice_id) : Json(nullptr);
  return j;
}

}  // namespace

void register_content_routes(httplib::Server& server, services::ServiceHub& hub) {
  server.Patch(R"(/api/v1/venues/(\d+))", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_user(hub, req);
      auto id = path_id(req, 1);
      write_json(res, 200, to_json(hub.venues.patch(who, id, parse_body(req), now_utc())));
    });
  });

  server.Post(R"(/api/v1/venues/(\d+)/events)", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_user(hub, req);
      auto id = path_id(req, 1);
      auto created = hub.events.create(who, id, parse_body(req), now_utc());
      Json events = Json::array();
      for (const auto& e : created.events) events.push_back(to_json(e));
      Json out = created.series_id ? Json{{"series_id", created.series_id}, {"events", events}} : events[0];
      write_json(res, 201, out);
    });
  });

  server.Get(R"(/api/v1/events/(\d+))", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto e = hub.content.event(path_id(req, 1));
      write_json(res, 200, to_json(e));
    });
  });

  server.Patch(R"(/api/v1/events/(\d+))", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_user(hub, req);
      auto id = path_id(req, 1);
      write_json(res, 200, to_json(hub.events.patch(who, id, parse_body(req), now_utc())));
    });
  });

  server.Post(R"(/api/v1/venues/(\d+)/occupancy)", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_user(hub, req);
      auto id = path_id(req, 1);
      auto u = hub.occupancy.staff_update(who, id, parse_body(req), now_utc());
      write_json(res, 200, occupancy_json(u, hub.occupancy.thresholds()));
    });
  });

  server.Get(R"(/api/v1/venues/(\d+)/usual-occupancy)", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      Json hours = Json::array();
      for (const auto& [hour, avg] : hub.content.usual_occupancy(path_id(req, 1)))
        hours.push_back({{"hour_of_week", hour}, {"average", avg}});
      write_json(res, 200, Json{{"venue_id", path_id(req, 1)}, {"hours", hours}});
    });
  });

  server.Post(R"(/api/v1/counters/([a-z]+-[0-9]+)/readings)",
              [&hub](const httplib::Request& req, httplib::Response& res) {
                guarded(res, [&] {
                  auto who = require_device(hub, req, Principal::Kind::counter);
                  auto u = hub.occupancy.counter_reading(who, req.matches[1], parse_body(req), now_utc());
                  write_json(res, u.applied ? 201 : 200, occupancy_json(u, hub.occupancy.thresholds()));
                });
              });

  server.Get("/api/v1/notices", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto district = query_text(req, "district");
      auto venue = query_text(req, "venue");
      Json notices = Json::array();
      for (const auto& n : hub.notices.active(now_utc(), district, venue)) notices.push_back(to_json(n));
      write_json(res, 200, Json{{"notices", notices}});
    });
  });

  server.Post("/api/v1/notices", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_user(hub, req);
      write_json(res, 201, to_json(hub.notices.issue(who, parse_body(req), now_utc())));
    });
  });

  server.Post(R"(/api/v1/notices/(\d+)/expire)", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_user(hub, req);
      write_json(res, 200, to_json(hub.notices.expire(who, path_id(req, 1), now_utc())));
    });
  });

  server.Get("/api/v1/changes", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto token = bearer_token(req);
      if (token.empty() || !hub.auth.authenticate(token, now_utc()))
        throw services::Unauthorized("the change feed needs a kiosk or staff token");
      auto since = query_int(req, "since", 0, 0, INT64_MAX / 2);
      auto limit = query_int(req, "limit", 500, 1, 5000);
      auto page = hub.content.changes(since, static_cast<int>(limit));
      Json changes = Json::array();
      for (const auto& c : page.changes)
        changes.push_back({{"version", c.version},
                           {"kind", c.kind},
                           {"id", c.object_id},
                           {"op", c.deleted ? "delete" : "upsert"},
                           {"body", c.body}});
      write_json(res, 200, Json{{"changes", changes}, {"cursor", page.cursor}, {"more", page.more}});
    });
  });
}

}  // namespace yeyou::http
