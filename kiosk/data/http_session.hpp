#pragma once
// HttpSession: one kept-alive libcurl handle with the kiosk's bearer token,
// for the sync and sender threads (one session per thread; not thread-safe).
// Never throws: a failure is a response with `network_error` set.
#include <chrono>
#include <optional>
#include <string>

#include "kiosk/data/api_client.hpp"

namespace yeyou::kiosk {

struct HttpResponse {
  bool network_error = false;  // DNS, connect, reset, timeout, truncated body
  std::string error;           // curl's message when network_error
  long status = 0;
  std::string body;
  std::optional<long> retry_after_s;  // Retry-After in seconds, if sent
  std::string etag;

  bool ok() const { return !network_error && status >= 200 && status < 300; }
  // The server's error message ("code: message"), or a short description.
  std::string describe() const;
  // The server's JSON body (discarded json on parse failure).
  Json json() const;
};

class HttpSession {
 public:
  HttpSession(std::string base_url, std::string token, ApiTimeouts timeouts = {});
  ~HttpSession();
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  HttpResponse get(const std::string& path, const std::string& if_none_match = "");
  HttpResponse post(const std::string& path, const std::string& json_body);
  // Closes the kept-alive connection. Call it before idling: the server
  // serves a connection on one worker thread for as long as it stays open, so
  // a fleet of idle kept-alive kiosks would hold every thread (measured in
  // bench/fleet with YEYOU_FLEET_CONN=keepalive).
  void disconnect();

  const std::string& base_url() const { return base_url_; }
  const std::string& token() const { return token_; }
  bool has_token() const { return !token_.empty(); }

 private:
  HttpResponse perform(const std::string& method, const std::string& path, const std::string* body,
                       const std::string& if_none_match);
  std::string base_url_;
  std::string token_;
  ApiTimeouts timeouts_;
  void* curl_ = nullptr;  // CURL*
};

}  // namespace yeyou::kiosk
