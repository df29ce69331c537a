#include "server/http/json_response.hpp"

#include <cstdio>

#include "server/services/case_service.hpp"
#include "server/services/service_errors.hpp"
#include "server/store/db.hpp"

namespace yeyou::http {
namespace {

// A body that is not JSON at all (as opposed to JSON with invalid fields).
class MalformedBody : public ValidationError {
 public:
  explicit MalformedBody(const std::string& detail)
      : ValidationError({{"body", "malformed JSON: " + detail}}, "malformed JSON") {}
};

}  // namespace

void write_json(Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json; charset=utf-8");
}

void write_error(Response& res, int status, const std::string& code, const std::string& message,
                 const FieldErrors& fields) {
  Json f = Json::object();
  for (const auto& [k, v] : fields) f[k] = v;
  write_json(res, status, Json{{"error", {{"code", code}, {"message", message}, {"fields", f}}}});
}

void write_status_error(Response& res, int status) {
  switch (status) {
    case 400: return write_error(res, status, "bad_request", "the request could not be understood");
    case 404: return write_error(res, status, "not_found", "no such resource");
    case 405: return write_error(res, status, "method_not_allowed", "method not allowed on this resource");
    case 413: return write_error(res, status, "payload_too_large", "the request body is too large");
    case 414: return write_error(res, status, "uri_too_long", "the request URI is too long");
    case 415:
      return write_error(res, status, "unsupported_media_type",
                         "send the body as application/json, without Content-Encoding");
    case 431: return write_error(res, status, "header_too_large", "the request header is too large");
    case 503: return write_error(res, status, "unavailable", "the server is busy; retry shortly");
    default:
      if (status >= 500) return write_error(res, status, "internal_error", "internal server error");
      return write_error(res, status, "error", "request failed with status " + std::to_string(status));
  }
}

Json parse_body(const Request& req) {
  // The body is parsed as JSON whatever the Content-Type says: kiosks and
  // scripts do not always label it, and the parse is the real check.
  try {
    return Json::parse(req.body);
  } catch (const Json::parse_error& e) {
    throw MalformedBody(e.what());
  }
}

Json parse_optional_body(const Request& req) { return req.body.empty() ? Json::object() : parse_body(req); }

void write_exception(Response& res, std::exception_ptr error, const std::string& context) {
  try {
    std::rethrow_exception(error);
  } catch (const MalformedBody& e) {
    write_error(res, 400, "malformed_json", e.what(), e.fields());
  } catch (const ValidationError& e) {
    std::string msg = e.what();
    write_error(res, 400, "validation_failed", msg == "invalid input" ? "some fields are invalid" : msg, e.fields());
  } catch (const services::NotFound& e) {
    write_error(res, 404, "not_found", e.what());
  } catch (const services::IllegalTransition& e) {
    write_json(res, 409, Json{{"error", {{"code", "illegal_transition"}, {"message", e.what()}, {"fields", Json::object()},
                                         {"allowed_actions", e.allowed()}}}});
  } catch (const services::Conflict& e) {
    write_error(res, 409, "conflict", e.what());
  } catch (const services::Gone& e) {
    write_error(res, 410, "gone", e.what());
  } catch (const UnsupportedMediaType& e) {
    write_error(res, 415, "unsupported_media_type", e.what());
  } catch (const services::Unauthorized& e) {
    res.set_header("WWW-Authenticate", "Bearer");
    write_error(res, 401, "unauthorized", e.what());
  } catch (const services::Forbidden& e) {
    write_error(res, 403, "forbidden", e.what());
  } catch (const services::Throttled& e) {
    res.set_header("Retry-After", std::to_string(e.retry_after()));
    write_error(res, 429, "too_many_requests", e.what());
  } catch (const store::DbError& e) {
    if (e.is_unavailable()) {  // busy, full or failing: nothing was done, retrying may work
      std::fprintf(stderr, "database unavailable: %s: %s\n", context.c_str(), e.what());
      res.set_header("Retry-After", "1");
      write_error(res, 503, "unavailable", "the database is busy or cannot write; retry shortly");
    } else {
      std::fprintf(stderr, "database error: %s: %s\n", context.c_str(), e.what());
      write_error(res, 500, "internal_error", "internal server error");
    }
  } catch (const Json::exception& e) {
    write_error(res, 400, "bad_request", e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s: %s\n", context.c_str(), e.what());
    write_error(res, 500, "internal_error", "internal server error");
  } catch (...) {
    std::fprintf(stderr, "error: %s: unknown exception\n", context.c_str());
    write_error(res, 500, "internal_error", "internal server error");
  }
}

}  // namespace yeyou::http
