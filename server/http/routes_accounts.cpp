// Sign-in, users, devices and the audit log.
#include <httplib.h>

#include "server/http/api_server.hpp"
#include "server/http/json_response.hpp"
#include "server/http/request_auth.hpp"
#include "server/services/service_errors.hpp"

namespace yeyou::http {
namespace {

using services::Role;

Json principal_json(const services::Principal& p) {
  if (!p.is_user()) return Json{{"kind", "device"}, {"id", p.device_id}, {"name", p.display_name}};
  return Json{{"kind", "user"},          {"id", p.user_id},       {"login", p.login},
              {"display_name", p.display_name}, {"role", name_of(p.role)}, {"venues", p.venues}};
}

Json audit_json(const store::AuditEntry& e) {
  return Json{{"id", e.id},           {"at", format_iso8601(e.at)}, {"actor", e.actor},   {"action", e.action},
              {"object_kind", e.object_kind}, {"object_id", e.object_id},   {"before", e.before}, {"after", e.after},
              {"note", e.note}};
}

}  // namespace

void register_account_routes(httplib::Server& server, services::ServiceHub& hub) {
  server.Post("/api/v1/auth/login", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto [login, password, cookie] = services::decode_login(parse_body(req));
      auto now = now_utc();
      auto session = hub.auth.login(login, password, req.remote_addr, now);
      if (cookie) set_session_cookies(hub, req, res, session.token, (session.expires_at - now).count());
      write_json(res, 200,
                 Json{{"token", session.token},
                      {"expires_at", format_iso8601(session.expires_at)},
                      {"user", principal_json(session.principal)}});
    });
  });

  server.Post("/api/v1/auth/logout", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      require_user(hub, req);
      hub.auth.logout(session_token(req), now_utc());
      if (!cookie_value(req, kSessionCookie).empty()) set_session_cookies(hub, req, res, "", 0);
      res.status = 204;
    });
  });

  server.Get("/api/v1/auth/me", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto token = session_token(req);
      auto p = token.empty() ? std::nullopt : hub.auth.authenticate(token, now_utc());
      if (!p) throw services::Unauthorized("not signed in");
      write_json(res, 200, principal_json(*p));
    });
  });

  server.Get("/api/v1/users", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      require_role(hub, req, {Role::admin});
      Json users = Json::array();
      for (const auto& u : hub.auth.users())
        users.push_back({{"id", u.id},
                         {"login", u.login},
                         {"display_name", u.display_name},
                         {"role", u.role},
                         {"venues", u.venues},
                         {"disabled", u.disabled}});
      write_json(res, 200, Json{{"users", users}});
    });
  });

  server.Post("/api/v1/users", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_role(hub, req, {Role::admin});
      services::NewUser u = services::decode_new_user(parse_body(req));
      auto id = hub.auth.add_user(u, who.actor(), now_utc());
      write_json(res, 201, Json{{"id", id}, {"login", u.login}, {"role", name_of(u.role)}, {"venues", u.venues}});
    });
  });

  server.Get("/api/v1/devices", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      require_role(hub, req, {Role::admin, Role::bureau});
      Json devices = Json::array();
      for (const auto& d : hub.auth.devices()) {
        Json j{{"id", d.id}, {"kind", d.kind}, {"name", d.name}, {"revoked", d.revoked}};
        j["district"] = d.district ? Json(*d.district) : Json(nullptr);
        j["venue_id"] = d.venue_id ? Json(*d.venue_id) : Json(nullptr);
        devices.push_back(j);
      }
      write_json(res, 200, Json{{"devices", devices}});
    });
  });

  server.Post(R"(/api/v1/devices/([a-z]+-[0-9]+)/revoke)", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_role(hub, req, {Role::admin});
      hub.auth.revoke_device(req.matches[1], who.actor(), now_utc());
      write_json(res, 200, Json{{"id", std::string(req.matches[1])}, {"revoked", true}});
    });
  });

  server.Get("/api/v1/audit", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      require_role(hub, req, {Role::admin, Role::bureau});
      store::AuditQuery q;
      q.object_kind = query_text(req, "object_kind");
      q.object_id = query_text(req, "object_id");
      q.actor = query_text(req, "actor");
      q.limit = static_cast<int>(query_int(req, "limit", 100, 1, 1000));
      q.before_id = query_int(req, "before", 0, 0, INT64_MAX / 2);
      Json entries = Json::array();
      for (const auto& e : hub.audit.entries(q)) entries.push_back(audit_json(e));
      write_json(res, 200, Json{{"entries", entries}});
    });
  });
}

}  // namespace yeyou::http
