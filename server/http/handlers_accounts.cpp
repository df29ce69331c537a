// Sign-in, users, devices and the audit log.
#include "server/http/handlers.hpp"
#include "server/http/json_response.hpp"
#include "server/http/request_auth.hpp"
#include "server/http/decoders.hpp"
#include "server/services/service_errors.hpp"

namespace yeyou::http::handlers {
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

bool is_json_media_type(const std::string& content_type) {
  auto type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  return iequals(type, "application/json");
}

// "https://host:port" of a URL, lower-cased scheme and host.
std::string origin_of(const std::string& url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return "";
  auto host_end = url.find('/', scheme_end + 3);
  std::string origin = url.substr(0, host_end);
  for (auto& c : origin) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return origin;
}

// A browser names the page a login comes from; only this server's own pages
// may sign in (a form on another site must not, even without cookies).
void check_origin(const services::ServiceHub& hub, const Request& req) {
  if (!req.has_header("Origin")) return;
  std::string origin = origin_of(req.get_header_value("Origin"));
  std::string own = origin_of((req.secure ? "https://" : "http://") + req.get_header_value("Host"));
  bool allowed = !origin.empty() && (origin == own || (!hub.config.public_url.empty() &&
                                                       origin == origin_of(hub.config.public_url)));
  if (!allowed) throw services::Forbidden("sign-in is only accepted from this server's own pages");
}

}  // namespace

void login(Exchange& x) {
  if (!is_json_media_type(x.req.get_header_value("Content-Type")))
    throw UnsupportedMediaType("sign in with a JSON body: Content-Type: application/json");
  check_origin(x.hub, x.req);
  auto [login, password, cookie] = decode_login(parse_body(x.req));
  auto now = now_utc();
  auto session = x.hub.auth.login(login, password, x.req.remote_addr, now);
  Json out{{"expires_at", format_iso8601(session.expires_at)}, {"user", principal_json(session.principal)}};
  // A cookie session's token stays in its HttpOnly cookie, out of reach of scripts.
  if (cookie) set_session_cookies(x.req, x.res, session.token, (session.expires_at - now).count());
  else out["token"] = session.token;
  write_json(x.res, 200, out);
}

void logout(Exchange& x) {
  x.hub.auth.logout(session_token(x.req), now_utc());
  if (!cookie_value(x.req, kSessionCookie).empty()) set_session_cookies(x.req, x.res, "", 0);
  x.res.status = 204;
}

void me(Exchange& x) { write_json(x.res, 200, principal_json(x.who)); }

void list_users(Exchange& x) {
  Json users = Json::array();
  for (const auto& u : x.hub.auth.users())
    users.push_back({{"id", u.id},
                     {"login", u.login},
                     {"display_name", u.display_name},
                     {"role", u.role},
                     {"venues", u.venues},
                     {"disabled", u.disabled}});
  write_json(x.res, 200, Json{{"users", users}});
}

void add_user(Exchange& x) {
  services::NewUser u = decode_new_user(parse_body(x.req));
  auto id = x.hub.auth.add_user(u, x.who.actor(), now_utc());
  write_json(x.res, 201, Json{{"id", id}, {"login", u.login}, {"role", name_of(u.role)}, {"venues", u.venues}});
}

void list_devices(Exchange& x) {
  Json devices = Json::array();
  for (const auto& d : x.hub.auth.devices()) {
    Json j{{"id", d.id}, {"kind", d.kind}, {"name", d.name}, {"revoked", d.revoked}};
    j["district"] = d.district ? Json(*d.district) : Json(nullptr);
    j["venue_id"] = d.venue_id ? Json(*d.venue_id) : Json(nullptr);
    devices.push_back(j);
  }
  write_json(x.res, 200, Json{{"devices", devices}});
}

void revoke_device(Exchange& x) {
  x.hub.auth.revoke_device(x.req.matches[1], x.who.actor(), now_utc());
  write_json(x.res, 200, Json{{"id", x.req.matches[1]}, {"revoked", true}});
}

void audit_log(Exchange& x) {
  store::AuditQuery q;
  q.object_kind = query_text(x.req, "object_kind");
  q.object_id = query_text(x.req, "object_id");
  q.actor = query_text(x.req, "actor");
  q.limit = static_cast<int>(query_int(x.req, "limit", 100, 1, 1000));
  q.before_id = query_int(x.req, "before", 0, 0, INT64_MAX / 2);
  Json entries = Json::array();
  for (const auto& e : x.hub.audit.entries(q)) entries.push_back(audit_json(e));
  write_json(x.res, 200, Json{{"entries", entries}});
}

}  // namespace yeyou::http::handlers
