// Bad-review and complaint cases, notifications and suspect-rating review.
#include <httplib.h>

#include "server/http/api_server.hpp"
#include "server/http/json_response.hpp"
#include "server/http/request_auth.hpp"
#include "server/services/service_errors.hpp"

namespace yeyou::http {
namespace {

using services::Role;

Json opt_time(const std::optional<Timestamp>& t) { return t ? Json(format_iso8601(*t)) : Json(nullptr); }

Json case_json(const services::CaseView& v, Timestamp now) {
  const auto& c = v.row;
  Json allowed = Json::array();
  for (auto a : v.allowed) allowed.push_back(name_of(a));
  auto seconds_left = [&](const std::optional<Timestamp>& due) -> Json {
    if (!due || c.state == CaseState::closed) return nullptr;
    return (*due - now).count();
  };
  Json j{{"id", c.id},
         {"kind", name_of(c.kind)},
         {"state", name_of(c.state)},
         {"unit", c.unit},
         {"subject", {{"kind", c.subject_kind}, {"id", c.subject_id}}},
         {"venue_id", c.venue_id ? Json(*c.venue_id) : Json(nullptr)},
         {"district", c.district ? Json(*c.district) : Json(nullptr)},
         {"named", c.named},
         {"level", c.level},
         {"rating_id", c.rating_id ? Json(*c.rating_id) : Json(nullptr)},
         {"tracking_no", c.tracking_no ? Json(*c.tracking_no) : Json(nullptr)},
         {"received_at", format_iso8601(c.received_at)},
         {"callback_due", format_iso8601(c.callback_due)},
         {"callback_seconds_left", c.first_callback_at ? Json(nullptr) : seconds_left(c.callback_due)},
         {"rectify_due", opt_time(c.rectify_due)},
         {"close_due", opt_time(c.close_due)},
         {"close_seconds_left", seconds_left(c.close_due)},
         {"paused", c.paused_since.has_value()},
         {"first_callback_at", opt_time(c.first_callback_at)},
         {"callback_reached", c.callback_reached},
         {"resolved_at", opt_time(c.resolved_at)},
         {"feedback_at", opt_time(c.feedback_at)},
         {"closed_at", opt_time(c.closed_at)},
         {"reopened", c.reopened},
         {"escalated", c.escalated},
         {"overdue", v.overdue},
         {"appeal", c.appeal ? Json(*c.appeal) : Json(nullptr)},
         {"evaluation", c.evaluation ? Json(*c.evaluation) : Json(nullptr)},
         {"outcome", c.outcome},
         {"allowed_actions", allowed}};
  if (v.masked_contact) j["contact"] = {{"name", v.masked_contact->name}, {"phone", v.masked_contact->phone}};
  if (!v.steps.empty()) {
    Json steps = Json::array();
    for (const auto& s : v.steps)
      steps.push_back({{"at", format_iso8601(s.at)}, {"actor", s.actor}, {"action", s.action}, {"from", s.from_state},
                       {"to", s.to_state}, {"note", s.note}, {"details", s.details}});
    j["steps"] = steps;
  }
  return j;
}

std::vector<std::string> notification_units(const services::Principal& who) {
  auto units = services::CaseService::units_of(who);
  if (!units) return {"bureau"};
  return *units;
}

}  // namespace

void register_case_routes(httplib::Server& server, services::ServiceHub& hub) {
  server.Get("/api/v1/cases", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_role(hub, req, {Role::bureau, Role::venue_staff});
      std::optional<CaseState> state;
      if (auto s = query_text(req, "state", 30)) {
        state = enum_from<CaseState>(*s);
        if (!state) throw ValidationError("state", "must be one of: " + enum_choices<CaseState>());
      }
      bool overdue = false;
      if (auto o = query_text(req, "overdue", 5)) {
        if (*o != "true" && *o != "false") throw ValidationError("overdue", "must be true or false");
        overdue = *o == "true";
      }
      auto now = now_utc();
      Json cases = Json::array();
      for (const auto& v : hub.cases.list(who, state, overdue, now)) cases.push_back(case_json(v, now));
      write_json(res, 200, Json{{"cases", cases}});
    });
  });

  server.Get(R"(/api/v1/cases/(\d+))", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_role(hub, req, {Role::bureau, Role::venue_staff});
      auto now = now_utc();
      write_json(res, 200, case_json(hub.cases.get(who, path_id(req, 1), now), now));
    });
  });

  server.Post(R"(/api/v1/cases/(\d+)/evaluation)", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_role(hub, req, {Role::bureau, Role::venue_staff});
      auto id = path_id(req, 1);
      hub.cases.get(who, id, now_utc());  // scope check
      auto now = now_utc();
      write_json(res, 200, case_json(hub.cases.evaluate(who.actor(), id, parse_body(req), now), now));
    });
  });

  server.Post(R"(/api/v1/cases/(\d+)/([a-z-]+))", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_role(hub, req, {Role::bureau, Role::venue_staff});
      auto id = path_id(req, 1);
      auto action = enum_from<CaseAction>(std::string(req.matches[2]));
      if (!action) throw services::NotFound("no case action '" + std::string(req.matches[2]) + "'");
      Json body = req.body.empty() ? Json::object() : parse_body(req);
      if (*action == CaseAction::reveal_contact) {
        auto c = hub.cases.reveal_contact(who, id, body, now_utc());
        write_json(res, 200, Json{{"contact", {{"name", c.name}, {"phone", c.phone}}}});
        return;
      }
      auto now = now_utc();
      write_json(res, 200, case_json(hub.cases.act(who, id, *action, body, now), now));
    });
  });

  server.Get("/api/v1/notifications", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_role(hub, req, {Role::bureau, Role::venue_staff});
      auto units = notification_units(who);
      bool unread_only = query_text(req, "unread", 5).value_or("false") == "true";
      auto limit = static_cast<int>(query_int(req, "limit", 50, 1, 500));
      Json items = Json::array();
      for (const auto& n : hub.cases.notifications(units, unread_only, limit))
        items.push_back({{"id", n.id}, {"unit", n.unit}, {"case_id", n.case_id}, {"at", format_iso8601(n.at)},
                         {"kind", n.kind}, {"text", n.text}, {"read", n.read}});
      write_json(res, 200, Json{{"unread", hub.cases.unread(units)}, {"notifications", items}});
    });
  });

  server.Post(R"(/api/v1/notifications/(\d+)/read)", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_role(hub, req, {Role::bureau, Role::venue_staff});
      if (!hub.cases.mark_read(path_id(req, 1), notification_units(who), now_utc()))
        throw services::NotFound("no unread notification with this id for you");
      res.status = 204;
    });
  });

  server.Get("/api/v1/ratings/suspect", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      require_role(hub, req, {Role::bureau});
      write_json(res, 200, Json{{"ratings", hub.stats.suspect_ratings(static_cast<int>(query_int(req, "limit", 200, 1, 1000)))}});
    });
  });

  server.Post(R"(/api/v1/ratings/([0-9a-fA-F-]{36})/review)", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_role(hub, req, {Role::bureau});
      write_json(res, 200, hub.stats.review_suspect(who.actor(), req.matches[1], parse_body(req), now_utc()));
    });
  });
}

}  // namespace yeyou::http
