#pragma once
// A real yeyou API server on a free loopback port, backed by a temp-dir
// SQLite file (optionally seeded with the demo data), for tests that talk
// real HTTP with httplib::Client.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include <httplib.h>

#include "core/json_reader.hpp"
#include "server/http/api_server.hpp"
#include "server/store/db_pool.hpp"
#include "support/temp_dir.hpp"

namespace yeyou::test {

struct TestServerOptions {
  bool seed_demo = true;
  std::size_t max_body_bytes = 64 * 1024;
  services::ServerConfig config = {};  // [server] limits and proxies reach the HTTP server too
  const char* vfs = nullptr;           // a registered SQLite VFS for the database (fault_vfs())
};

class TestServer {
 public:
  explicit TestServer(TestServerOptions options = {});
  ~TestServer();
  // Stops the HTTP server as SIGTERM does (requests in flight finish); the
  // database and services stay open for the test to inspect.
  void stop();

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string db_path() const { return dir_.file("yeyou.db"); }
  httplib::Client client() const;
  store::DbPool& pool() { return *pool_; }
  services::ServiceHub& hub() { return *hub_; }

 private:
  TempDir dir_;
  std::unique_ptr<store::DbPool> pool_;
  std::unique_ptr<services::ServiceHub> hub_;
  std::unique_ptr<http::ApiServer> server_;
  std::thread thread_;
  int port_ = -1;
};

// Polls `pred` every 10 ms until it holds or `limit` passes; returns its last value.
bool wait_for(const std::function<bool()>& pred, std::chrono::milliseconds limit = std::chrono::seconds{10});

// Parses a response body as JSON (fails the test on malformed JSON).
Json body_json(const httplib::Result& r);

// Creates a user with the given role (and venue scope) directly through the
// service, signs in over HTTP and returns the bearer token.
std::string sign_in_as(TestServer& srv, const std::string& login, services::Role role,
                       std::vector<std::int64_t> venues = {});
httplib::Headers bearer(const std::string& token);
// Registers a kiosk (in `district`, "huancui" by default; none when nullopt)
// through the service and returns its device token.
std::string kiosk_token(TestServer& srv, const std::optional<std::string>& district = std::string("huancui"),
                        std::string* kiosk_id = nullptr);
// Sends a JSON request with a bearer token; returns the status and the JSON body (null when empty).
std::pair<int, Json> call(TestServer& srv, const std::string& method, const std::string& path,
                          const std::string& token, const Json& body = nullptr);

}  // namespace yeyou::test
