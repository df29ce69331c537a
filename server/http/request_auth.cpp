#include "server/http/request_auth.hpp"

#include "server/services/auth_service.hpp"
#include "server/services/service_errors.hpp"

namespace yeyou::http {

using services::Forbidden;
using services::Principal;
using services::Unauthorized;

std::string bearer_token(const httplib::Request& req) {
  std::string h = req.get_header_value("Authorization");
  constexpr std::string_view prefix = "Bearer ";
  if (h.size() > prefix.size() && h.compare(0, prefix.size(), prefix) == 0) return h.substr(prefix.size());
  return "";
}

std::string cookie_value(const httplib::Request& req, const std::string& name) {
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

std::string session_token(const httplib::Request& req) {
  std::string token = bearer_token(req);
  if (!token.empty()) return token;
  return cookie_value(req, kSessionCookie);
}

bool secure_request(const services::ServiceHub& hub, const httplib::Request& req) {
  return hub.config.secure_cookies || req.get_header_value("X-Forwarded-Proto") == "https";
}

void set_session_cookies(const services::ServiceHub& hub, const httplib::Request& req, httplib::Response& res,
                         const std::string& token, std::int64_t max_age_s) {
  std::string attrs = "; Path=/; SameSite=Strict; Max-Age=" + std::to_string(max_age_s);
  if (secure_request(hub, req)) attrs += "; Secure";
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + token + attrs + "; HttpOnly");
  res.set_header("Set-Cookie", std::string(kCsrfCookie) + "=" + (token.empty() ? "" : csrf_token_for(token)) + attrs);
}

static bool is_safe_method(const std::string& m) { return m == "GET" || m == "HEAD" || m == "OPTIONS"; }

static Principal authenticated(services::ServiceHub& hub, const httplib::Request& req) {
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
  if (from_cookie && !is_safe_method(req.method) && req.get_header_value(kCsrfHeader) != csrf_token_for(token))
    throw Forbidden("missing or wrong X-CSRF-Token for a cookie session");
  return *p;
}

Principal require_user(services::ServiceHub& hub, const httplib::Request& req) {
  auto p = authenticated(hub, req);
  if (!p.is_user()) throw Forbidden("this endpoint is for staff accounts, not devices");
  return p;
}

Principal require_role(services::ServiceHub& hub, const httplib::Request& req,
                       std::initializer_list<services::Role> roles) {
  auto p = require_user(hub, req);
  for (auto r : roles)
    if (p.role == r) return p;
  throw Forbidden("your role may not do this");
}

Principal require_device(services::ServiceHub& hub, const httplib::Request& req, Principal::Kind kind) {
  auto p = authenticated(hub, req);
  if (p.kind != kind)
    throw Forbidden(kind == Principal::Kind::kiosk ? "this endpoint is for kiosks" : "this endpoint is for counters");
  return p;
}

std::int64_t path_id(const httplib::Request& req, std::size_t index) {
  if (index >= req.matches.size()) throw services::NotFound("no such resource");
  std::string s = req.matches[index];
  if (s.empty() || s.size() > 10 || s.find_first_not_of("0123456789") != std::string::npos)
    throw services::NotFound("no such resource");
  auto id = std::stoll(s);
  if (id <= 0 || id > INT32_MAX) throw services::NotFound("no such resource");
  return id;
}

std::int64_t query_int(const httplib::Request& req, const char* key, std::int64_t def, std::int64_t min,
                       std::int64_t max) {
  if (!req.has_param(key)) return def;
  auto v = req.get_param_value(key);
  std::int64_t n = 0;
  bool ok = !v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos;
  if (ok) n = std::stoll(v);
  if (!ok || n < min || n > max)
    throw ValidationError(key, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  return n;
}

std::optional<std::string> query_text(const httplib::Request& req, const char* key, std::size_t max_bytes) {
  if (!req.has_param(key)) return std::nullopt;
  auto v = req.get_param_value(key);
  if (v.size() > max_bytes || !is_clean_utf8(v)) throw ValidationError(key, "is too long or not text");
  return v;
}

}  // namespace yeyou::http
