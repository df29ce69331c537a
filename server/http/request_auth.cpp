#include "server/http/request_auth.hpp"

#include <sodium.h>

#include <algorithm>

#include "server/services/auth_service.hpp"
#include "server/services/service_errors.hpp"

namespace yeyou::http {

using services::Forbidden;
using services::NotFound;
using services::Principal;
using services::Role;
using services::Unauthorized;

std::string bearer_token(const Request& req) {
  std::string h = req.get_header_value("Authorization");
  constexpr std::string_view prefix = "Bearer ";
  if (h.size() > prefix.size() && h.compare(0, prefix.size(), prefix) == 0) return h.substr(prefix.size());
  return "";
}

std::string cookie_value(const Request& req, const std::string& name) {
  auto n = req.get_header_value_count("Cookie");
  for (std::size_t i = 0; i < n; ++i) {
    std::string h = req.get_header_value("Cookie", i);
    std::size_t pos = 0;
    while (pos < h.size()) {
      auto end = h.find(';', pos);
      if (end == std::string::npos) end = h.size();
      auto part = h.substr(pos, end - pos);
      auto first = part.find_first_not_of(' ');
      if (first != std::string::npos) part = part.substr(first);
      auto eq = part.find('=');
      if (eq != std::string::npos && part.compare(0, eq, name) == 0 && eq == name.size()) return part.substr(eq + 1);
      pos = end + 1;
    }
  }
  return "";
}

std::string csrf_token_for(const std::string& session_token) {
  return services::token_hash("csrf:" + session_token);
}

std::string session_token(const Request& req) {
  std::string token = bearer_token(req);
  if (!token.empty()) return token;
  return cookie_value(req, kSessionCookie);
}

void set_session_cookies(const Request& req, Response& res, const std::string& token, std::int64_t max_age_s) {
  std::string attrs = "; Path=/; SameSite=Strict; Max-Age=" + std::to_string(max_age_s);
  if (req.secure) attrs += "; Secure";
  res.add_header("Set-Cookie", std::string(kSessionCookie) + "=" + token + attrs + "; HttpOnly");
  res.add_header("Set-Cookie", std::string(kCsrfCookie) + "=" + (token.empty() ? "" : csrf_token_for(token)) + attrs);
}

namespace {

bool is_safe_method(const std::string& m) { return m == "GET" || m == "HEAD" || m == "OPTIONS"; }

// Compares in time that depends only on the lengths, so that a guesser
// learns nothing from how long a wrong token took to refuse.
bool same_secret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Principal authenticated(services::ServiceHub& hub, const Request& req) {
  std::string token = bearer_token(req);
  bool from_cookie = false;
  if (token.empty()) {
    token = cookie_value(req, kSessionCookie);
    from_cookie = !token.empty();
  }
  if (token.empty()) throw Unauthorized("sign in first: send Authorization: Bearer <token>");
  auto p = hub.auth.authenticate(token, now_utc());
  if (!p) throw Unauthorized("the token is invalid, expired or revoked");
  // A cookie travels with any request the browser makes, so a state-changing
  // request authenticated by it must also prove it came from the console.
  if (from_cookie && !is_safe_method(req.method) && !same_secret(req.get_header_value(kCsrfHeader), csrf_token_for(token)))
    throw Forbidden("missing or wrong X-CSRF-Token for a cookie session");
  return *p;
}

void check_kind(const Access& access, const Principal& p) {
  switch (access.who) {
    case Access::Who::anyone:
    case Access::Who::signed_in: return;
    case Access::Who::kiosk:
      if (p.kind != Principal::Kind::kiosk) throw Forbidden("this endpoint is for kiosks");
      return;
    case Access::Who::counter:
      if (p.kind != Principal::Kind::counter) throw Forbidden("this endpoint is for counters");
      return;
    case Access::Who::user:
      if (!p.is_user()) throw Forbidden("this endpoint is for staff accounts, not devices");
      if (!access.roles.empty() && std::find(access.roles.begin(), access.roles.end(), p.role) == access.roles.end())
        throw Forbidden("your role may not do this");
      return;
  }
}

// Venue staff reach only their own venues; other roles that passed the role
// check reach every venue.
void check_venue(const Principal& p, std::int64_t venue_id) {
  if (p.is_user() && p.role == Role::venue_staff && !p.may_edit_venue(venue_id))
    throw NotFound("no venue " + std::to_string(venue_id));
}

void check_scope(services::ServiceHub& hub, const Access& access, const Principal& p, const Request& req) {
  switch (access.scope) {
    case Scope::none: return;
    case Scope::venue: return check_venue(p, path_id(req));
    case Scope::event: {
      auto id = path_id(req);
      if (p.is_user() && p.role == Role::venue_staff && !p.may_edit_venue(hub.content.event(id).venue_id))
        throw NotFound("no event " + std::to_string(id));
      return;
    }
    case Scope::case_file: return hub.cases.check_in_scope(p, path_id(req));
    case Scope::own_device:
      if (req.matches.size() < 2 || req.matches[1] != p.device_id) throw NotFound("no such device");
      return;
    case Scope::car_park_counter: {
      auto id = path_id(req);
      auto status = hub.parking.status_of(id, now_utc(), now_utc());
      if (status.record.park.counter_device_id.empty() || status.record.park.counter_device_id != p.device_id)
        throw NotFound("no car park " + std::to_string(id));
      return;
    }
  }
}

}  // namespace

Principal authorize(services::ServiceHub& hub, const Access& access, const Request& req) {
  if (access.who == Access::Who::anyone) return Principal{};
  auto p = authenticated(hub, req);
  check_kind(access, p);
  check_scope(hub, access, p, req);
  return p;
}

std::int64_t path_id(const Request& req, std::size_t index) {
  if (index >= req.matches.size()) throw NotFound("no such resource");
  const std::string& s = req.matches[index];
  if (s.empty() || s.size() > 10 || s.find_first_not_of("0123456789") != std::string::npos)
    throw NotFound("no such resource");
  auto id = std::stoll(s);
  if (id <= 0 || id > INT32_MAX) throw NotFound("no such resource");
  return id;
}

std::int64_t query_int(const Request& req, const char* key, std::int64_t def, std::int64_t min, std::int64_t max) {
  auto v = req.param(key);
  if (!v) return def;
  std::int64_t n = 0;
  bool ok = !v->empty() && v->size() <= 18 && v->find_first_not_of("0123456789") == std::string::npos;
  if (ok) n = std::stoll(*v);
  if (!ok || n < min || n > max)
    throw ValidationError(key, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  return n;
}

std::optional<std::string> query_text(const Request& req, const char* key, std::size_t max_bytes) {
  auto v = req.param(key);
  if (!v) return std::nullopt;
  if (v->size() > max_bytes || !is_clean_utf8(*v)) throw ValidationError(key, "is too long or not text");
  return v;
}

}  // namespace yeyou::http
