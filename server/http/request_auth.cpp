#include "server/http/request_auth.hpp"

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

static Principal authenticated(services::ServiceHub& hub, const httplib::Request& req) {
  std::string token = bearer_token(req);
  if (token.empty()) throw Unauthorized("sign in first: send Authorization: Bearer <token>");
  auto p = hub.auth.authenticate(token, now_utc());
  if (!p) throw Unauthorized("the token is invalid, expired or revoked");
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
