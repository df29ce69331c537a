#include "server/http/json_response.hpp"

#include <iostream>

#include "server/services/case_service.hpp"
#include "server/services/service_errors.hpp"
#include "server/store/db.hpp"

namespace yeyou::http {

void write_json(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json; charset=utf-8");
}

void write_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                 const FieldErrors& fields) {
  Json f = Json::object();
  for (const auto& [k, v] : fields) f[k] = v;
  write_json(res, status, Json{{"error", {{"code", code}, {"message", message}, {"fields", f}}}});
}

void write_status_error(httplib::Response& res, int status) {
  switch (status) {
    case 400: return write_error(res, status, "bad_request", "the request could not be understood");
    case 404: return write_error(res, status, "not_found", "no such resource");
    case 405: return write_error(res, status, "method_not_allowed", "method not allowed on this resource");
    case 413: return write_error(res, status, "payload_too_large", "the request body is too large");
    case 414: return write_error(res, status, "uri_too_long", "the request URI is too long");
    case 415: return write_error(res, status, "unsupported_media_type", "send application/json");
    default:
      if (status >= 500) return write_error(res, status, "internal_error", "internal server error");
      return write_error(res, status, "error", "request failed with status " + std::to_string(status));
  }
}

Json parse_body(const httplib::Request& req) {
  // The body is parsed as JSON whatever the Content-Type says: kiosks and
  // scripts do not always label it, and the parse is the real check.
  try {
    return Json::parse(req.body);
  } catch (const Json::parse_error& e) {
    throw ValidationError({{"body", std::string("malformed JSON: ") + e.what()}}, "malformed JSON");
  }
}

void guarded(httplib::Response& res, const std::function<void()>& handler) {
  try {
    handler();
  } catch (const ValidationError& e) {
    std::string msg = e.what();
    write_error(res, 400, msg == "malformed JSON" ? "malformed_json" : "validation_failed",
                msg == "invalid input" ? "some fields are invalid" : msg, e.fields());
  } catch (const services::NotFound& e) {
    write_error(res, 404, "not_found", e.what());
  } catch (const services::IllegalTransition& e) {
    write_json(res, 409, Json{{"error", {{"code", "illegal_transition"}, {"message", e.what()}, {"fields", Json::object()},
                                         {"allowed_actions", e.allowed()}}}});
  } catch (const services::Conflict& e) {
    write_error(res, 409, "conflict", e.what());
  } catch (const services::Unauthorized& e) {
    res.set_header("WWW-Authenticate", "Bearer");
    write_error(res, 401, "unauthorized", e.what());
  } catch (const services::Forbidden& e) {
    write_error(res, 403, "forbidden", e.what());
  } catch (const services::Throttled& e) {
    res.set_header("Retry-After", std::to_string(e.retry_after()));
    write_error(res, 429, "too_many_requests", e.what());
  } catch (const store::DbError& e) {
    if ((e.code() & 0xff) == 5 || (e.code() & 0xff) == 6) {  // SQLITE_BUSY / SQLITE_LOCKED
      res.set_header("Retry-After", "1");
      write_error(res, 503, "busy", "the database is busy; retry shortly");
    } else {
      std::cerr << "database error: " << e.what() << "\n";
      write_error(res, 500, "internal_error", "internal server error");
    }
  } catch (const Json::exception& e) {
    write_error(res, 400, "bad_request", e.what());
  }
}

}  // namespace yeyou::http
