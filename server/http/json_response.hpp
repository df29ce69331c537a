#pragma once
// Writing JSON bodies and the API's error shape:
// {"error":{"code":…,"message":…,"fields":{…}}}.
#include <string>

#include <httplib.h>

#include "core/errors.hpp"
#include "core/json_reader.hpp"

namespace yeyou::http {

void write_json(httplib::Response& res, int status, const Json& body);
void write_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                 const FieldErrors& fields = {});
// The error code and message for a bare status (404, 413, …).
void write_status_error(httplib::Response& res, int status);
// Parses the request body as a JSON object; throws ValidationError("body").
Json parse_body(const httplib::Request& req);
// Runs a handler and maps exceptions to error responses (400/404/409/503/500).
void guarded(httplib::Response& res, const std::function<void()>& handler);

}  // namespace yeyou::http
