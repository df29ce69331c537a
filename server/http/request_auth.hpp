#pragma once
// Credentials and path parameters of a request. Staff endpoints accept only
// user sessions; device endpoints only device tokens of the right kind.
#include <cstdint>
#include <string>

#include <httplib.h>

#include "server/services/service_hub.hpp"

namespace yeyou::http {

// The token from "Authorization: Bearer …", or empty.
std::string bearer_token(const httplib::Request& req);

// Console sessions ride in cookies: the HttpOnly session cookie and a
// readable CSRF cookie whose value the console echoes in X-CSRF-Token on
// every state-changing request. The CSRF value is derived from the session
// token, so it is bound to the session.
inline constexpr const char* kSessionCookie = "yeyou_session";
inline constexpr const char* kCsrfCookie = "yeyou_csrf";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";
// The value of cookie `name`, or empty.
std::string cookie_value(const httplib::Request& req, const std::string& name);
// The CSRF token belonging to a session token.
std::string csrf_token_for(const std::string& session_token);
// The session token of the request: the bearer token, else the session cookie.
std::string session_token(const httplib::Request& req);
// True when the request came over TLS (config flag or X-Forwarded-Proto: https).
bool secure_request(const services::ServiceHub& hub, const httplib::Request& req);
// Adds Set-Cookie headers for a console session (max_age_s 0 clears them).
void set_session_cookies(const services::ServiceHub& hub, const httplib::Request& req, httplib::Response& res,
                         const std::string& token, std::int64_t max_age_s);
// Throws Unauthorized (no or bad token) or Forbidden (a device token).
services::Principal require_user(services::ServiceHub& hub, const httplib::Request& req);
// Throws Forbidden unless the user has one of the roles.
services::Principal require_role(services::ServiceHub& hub, const httplib::Request& req,
                                 std::initializer_list<services::Role> roles);
// Throws Unauthorized / Forbidden unless a device token of this kind.
services::Principal require_device(services::ServiceHub& hub, const httplib::Request& req,
                                   services::Principal::Kind kind);
// The numeric path parameter matches[index]; NotFound when out of range.
std::int64_t path_id(const httplib::Request& req, std::size_t index);
// A whole-number query parameter in [min, max], or `def` when absent;
// ValidationError naming the parameter otherwise.
std::int64_t query_int(const httplib::Request& req, const char* key, std::int64_t def, std::int64_t min,
                       std::int64_t max);
// A text query parameter of at most `max_bytes`, if present.
std::optional<std::string> query_text(const httplib::Request& req, const char* key, std::size_t max_bytes = 100);

}  // namespace yeyou::http
