#pragma once
// One line per request on stderr: client, method, path, status, time, bytes.
// Everything a client chose is escaped (no control characters reach the
// log), and secrets never appear: the path comes with rating-link tokens
// replaced by "{token}", and neither the query, headers nor cookies are logged.
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace yeyou::http {

// Printable ASCII and UTF-8 pass; control bytes and invalid bytes become \xNN.
std::string escape_for_log(std::string_view text, std::size_t max_bytes = 512);

void log_request(std::string_view client, std::string_view method, std::string_view path, int status,
                 std::chrono::steady_clock::duration took, std::size_t body_bytes);

}  // namespace yeyou::http
