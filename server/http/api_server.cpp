#include "server/http/api_server.hpp"

#include <chrono>
#include <cstdio>

#include <httplib.h>
#include <sys/socket.h>

#include "server/http/json_response.hpp"

namespace yeyou::http {
namespace {

thread_local std::chrono::steady_clock::time_point request_started;

}  // namespace

ApiServer::ApiServer(services::ServiceHub& hub, HttpOptions options)
    : hub_(hub), options_(options), server_(std::make_unique<httplib::Server>()) {
  auto& s = *server_;
  s.set_tcp_nodelay(true);
  s.set_payload_max_length(options_.max_body_bytes);
  s.set_read_timeout(10, 0);
  s.set_write_timeout(10, 0);
  s.set_keep_alive_timeout(5);
  // cpp-httplib's default is 5: a client then reconnects every 5 requests,
  // which cost ingest 7% and halved /health's rate.
  s.set_keep_alive_max_count(options_.keep_alive_requests);
  // cpp-httplib 0.11 listens with a backlog of 5: a burst of new connections
  // (a fleet of kiosks polling) overflows it and the kernel drops SYNs, which
  // the clients retry after 1 s, 3 s, 7 s. Remember the socket; bind() raises it.
  s.set_socket_options([this](socket_t sock) {
    httplib::default_socket_options(sock);
    listen_fd_ = static_cast<int>(sock);
  });
  int threads = options_.threads;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  s.set_pre_routing_handler([](const httplib::Request&, httplib::Response& res) {
    request_started = std::chrono::steady_clock::now();
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Content-Type-Options", "nosniff");
    return httplib::Server::HandlerResponse::Unhandled;
  });
  s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) write_status_error(res, res.status);
  });
  s.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "error: %s %s: %s\n", req.method.c_str(), req.path.c_str(), e.what());
    } catch (...) {
      std::fprintf(stderr, "error: %s %s: unknown exception\n", req.method.c_str(), req.path.c_str());
    }
    write_status_error(res, 500);
  });
  if (options_.log_requests) {
    s.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                      request_started)
                    .count();
      std::fprintf(stderr, "%s %s %s %d %lld.%03lldms %zuB\n", req.remote_addr.c_str(), req.method.c_str(),
                   req.path.c_str(), res.status, static_cast<long long>(us / 1000),
                   static_cast<long long>(us % 1000), res.body.size());
    });
  }
  register_routes(s, hub_);
  register_account_routes(s, hub_);
  register_content_routes(s, hub_);
  register_sync_routes(s, hub_);
  register_case_routes(s, hub_);
  register_report_routes(s, hub_);
  register_rating_link_routes(s, hub_);
  register_console_routes(s, hub_);
  register_web_routes(s, hub_);
  s.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) { add_security_headers(req, res); });
}

ApiServer::~ApiServer() { stop(); }

int ApiServer::bind(const std::string& host, int port) {
  int bound = port == 0 ? server_->bind_to_any_port(host) : (server_->bind_to_port(host, port) ? port : -1);
  // listen() again on a listening socket only changes its backlog (capped by net.core.somaxconn).
  if (bound > 0 && listen_fd_ >= 0) ::listen(listen_fd_, SOMAXCONN);
  return bound;
}

bool ApiServer::serve() { return server_->listen_after_bind(); }
void ApiServer::stop() {
  if (server_) server_->stop();
}
bool ApiServer::is_running() const { return server_->is_running(); }

}  // namespace yeyou::http
