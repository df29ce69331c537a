#pragma once
// Writing JSON bodies and the API's error shape:
// {"error":{"code":…,"message":…,"fields":{…}}}, and the one place where
// errors raised anywhere below a handler become HTTP answers.
#include <exception>
#include <stdexcept>
#include <string>

#include "core/errors.hpp"
#include "core/json_reader.hpp"
#include "server/http/http_message.hpp"

namespace yeyou::http {

// A request body in a form the endpoint does not take (415).
class UnsupportedMediaType : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

void write_json(Response& res, int status, const Json& body);
void write_error(Response& res, int status, const std::string& code, const std::string& message,
                 const FieldErrors& fields = {});
// The error code and message for a bare status (404, 413, …).
void write_status_error(Response& res, int status);
// Parses the request body as JSON; throws ValidationError("body").
Json parse_body(const Request& req);
// The body as JSON, or {} when the request has none.
Json parse_optional_body(const Request& req);
// Maps an error to its answer: ValidationError 400, Unauthorized 401,
// Forbidden 403, NotFound 404, Conflict 409, Gone 410, UnsupportedMediaType
// 415, Throttled 429, a busy,
// full or failing database 503 with Retry-After, anything else 500.
void write_exception(Response& res, std::exception_ptr error, const std::string& context);

}  // namespace yeyou::http
