#pragma once
// Credentials, access decisions and path parameters of a request. Staff
// endpoints accept only user sessions; device endpoints only device tokens of
// the right kind.
#include <cstdint>
#include <optional>
#include <string>

#include "server/http/http_message.hpp"
#include "server/http/route.hpp"
#include "server/services/service_hub.hpp"

namespace yeyou::http {

// The token from "Authorization: Bearer …", or empty.
std::string bearer_token(const Request& req);

// Console sessions ride in cookies: the HttpOnly session cookie and a
// readable CSRF cookie whose value the console echoes in X-CSRF-Token on
// every state-changing request. The CSRF value is derived from the session
// token, so it is bound to the session.
inline constexpr const char* kSessionCookie = "yeyou_session";
inline constexpr const char* kCsrfCookie = "yeyou_csrf";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";
// The value of cookie `name`, or empty.
std::string cookie_value(const Request& req, const std::string& name);
// The CSRF token belonging to a session token.
std::string csrf_token_for(const std::string& session_token);
// The session token of the request: the bearer token, else the session cookie.
std::string session_token(const Request& req);
// Adds Set-Cookie headers for a console session (max_age_s 0 clears them).
void set_session_cookies(const Request& req, Response& res, const std::string& token, std::int64_t max_age_s);

// Decides whether the caller may use a route, before its body is read:
// Unauthorized (401) without valid credentials, Forbidden (403) for the
// wrong kind of caller or role, NotFound (404) for an object outside the
// caller's scope. Returns the caller (an anonymous Principal on public routes).
services::Principal authorize(services::ServiceHub& hub, const Access& access, const Request& req);

// The numeric path parameter matches[index]; NotFound when out of range.
std::int64_t path_id(const Request& req, std::size_t index = 1);
// A whole-number query parameter in [min, max], or `def` when absent;
// ValidationError naming the parameter otherwise.
std::int64_t query_int(const Request& req, const char* key, std::int64_t def, std::int64_t min, std::int64_t max);
// A text query parameter of at most `max_bytes`, if present.
std::optional<std::string> query_text(const Request& req, const char* key, std::size_t max_bytes = 100);

}  // namespace yeyou::http
