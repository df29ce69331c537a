#pragma once
// The server's front door: an event-driven HTTP/1.1 server (Boost.Beast on
// Boost.Asio). A few I/O threads hold every connection, idle or not; handlers
// run on a bounded worker pool. For each request the route is found and
// access decided from the header alone; only then is the body read, and the
// handler runs. See docs/architecture.md ("The request path").
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "server/services/service_hub.hpp"

namespace yeyou::http {

struct HttpOptions {
  std::size_t max_body_bytes = 64 * 1024;
  // Handler threads; 0 sizes the pool to the machine. Handlers wait for the
  // durable writer, so the pool holds more threads than cores.
  int threads = 0;
  bool log_requests = true;
  // Requests served on one keep-alive connection before the server closes it.
  std::size_t keep_alive_requests = 100;
  // The whole request header must arrive within this time of its first byte
  // (of the connection, for a new one): a client dribbling bytes is cut off.
  std::chrono::milliseconds header_timeout{10'000};
  // The body must arrive within this time once it is asked for.
  std::chrono::milliseconds body_timeout{30'000};
  // A keep-alive connection with no request in flight is closed after this.
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds write_timeout{30'000};
  // Open connections in total and from one client address; past either cap a
  // new connection is answered 503 with Retry-After and closed.
  std::size_t max_connections = 20'000;
  std::size_t max_connections_per_address = 256;
  std::size_t max_header_bytes = 16 * 1024;
  // Requests waiting for a handler thread; past it, 503 with Retry-After.
  std::size_t max_queued_requests = 4096;
  // Addresses (or CIDR ranges) of reverse proxies whose X-Forwarded-For and
  // X-Forwarded-Proto are believed; from anyone else they are ignored.
  std::vector<std::string> trusted_proxies = {"127.0.0.1", "::1"};
  // Every request counts as TLS (a TLS front that does not send X-Forwarded-Proto).
  bool assume_tls = false;
};

// The options a server configuration asks for.
HttpOptions http_options(const services::ServerConfig& config);

class ApiServer {
 public:
  ApiServer(services::ServiceHub& hub, HttpOptions options);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds and listens; port 0 picks a free port. Returns the bound port, or -1.
  int bind(const std::string& host, int port);
  // Serves until stop(); blocks the calling thread. Returns false when bind()
  // had failed.
  bool serve();
  // Stops accepting, closes idle connections, lets requests in flight finish
  // (for up to the write timeout), then makes serve() return. Any thread.
  void stop();
  bool is_running() const;
  // Handler threads and I/O threads in use.
  int worker_threads() const;
  int io_threads() const;

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// The web folder: `configured`, else $YEYOU_WEB_DIR, ./server/web or the source tree.
std::string resolve_web_dir(const std::string& configured);

}  // namespace yeyou::http
