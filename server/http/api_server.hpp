#pragma once
// The HTTP/JSON API on cpp-httplib. Routes are registered in one place
// (routes.cpp); handlers parse, call a service and write JSON.
#include <atomic>
#include <memory>
#include <string>

#include "server/services/service_hub.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}

namespace yeyou::http {

struct HttpOptions {
  std::size_t max_body_bytes = 64 * 1024;
  int threads = 8;
  bool log_requests = true;
  // Requests served on one keep-alive connection before the server closes it.
  // A worker thread serves one connection at a time, so closing lets
  // connections waiting for a thread have their turn.
  std::size_t keep_alive_requests = 100;
};

class ApiServer {
 public:
  ApiServer(services::ServiceHub& hub, HttpOptions options);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds; port 0 picks a free port. Returns the bound port, or -1.
  int bind(const std::string& host, int port);
  // Serves until stop(); blocks the calling thread.
  bool serve();
  void stop();
  bool is_running() const;

 private:
  services::ServiceHub& hub_;
  HttpOptions options_;
  std::unique_ptr<httplib::Server> server_;
  int listen_fd_ = -1;  // the listening socket, to raise cpp-httplib's backlog of 5 after bind
};

// Route registration, one function per area.
void register_routes(httplib::Server& server, services::ServiceHub& hub);
void register_account_routes(httplib::Server& server, services::ServiceHub& hub);
void register_content_routes(httplib::Server& server, services::ServiceHub& hub);
void register_sync_routes(httplib::Server& server, services::ServiceHub& hub);
void register_case_routes(httplib::Server& server, services::ServiceHub& hub);
void register_report_routes(httplib::Server& server, services::ServiceHub& hub);
void register_transit_routes(httplib::Server& server, services::ServiceHub& hub);
void register_rating_link_routes(httplib::Server& server, services::ServiceHub& hub);
void register_console_routes(httplib::Server& server, services::ServiceHub& hub);
// The console and public pages from the web folder (routes_web.cpp).
void register_web_routes(httplib::Server& server, services::ServiceHub& hub);
// The web folder: `configured`, else $YEYOU_WEB_DIR, ./server/web or the source tree.
std::string resolve_web_dir(const std::string& configured);
// X-Frame-Options, Referrer-Policy, and a Content-Security-Policy on HTML.
void add_security_headers(const httplib::Request& req, httplib::Response& res);

}  // namespace yeyou::http
