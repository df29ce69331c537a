#include "support/test_server.hpp"

#include <chrono>

#include <doctest/doctest.h>

#include "server/services/demo_seed.hpp"

namespace yeyou::test {

TestServer::TestServer(TestServerOptions options) {
  pool_ = std::make_unique<store::DbPool>(db_path(), store::Sync::normal, options.vfs);
  if (options.seed_demo) services::seed_demo(*pool_, std::string(YEYOU_SOURCE_DIR) + "/assets/demo", now_utc());
  services::ServerConfig config = options.config;
  config.db_path = db_path();  // the contact key lands next to it, in the temp dir
  if (config.cases.calendar_file.empty())
    config.cases.calendar_file = std::string(YEYOU_SOURCE_DIR) + "/assets/calendar/cn-workdays.json";
  hub_ = std::make_unique<services::ServiceHub>(*pool_, config);
  auto http = http::http_options(config);
  http.max_body_bytes = options.max_body_bytes;
  http.threads = 4;
  http.log_requests = false;
  server_ = std::make_unique<http::ApiServer>(*hub_, http);
  port_ = server_->bind("127.0.0.1", 0);
  REQUIRE(port_ > 0);
  thread_ = std::thread([this] { server_->serve(); });
  for (int i = 0; i < 500 && !server_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE(server_->is_running());
}

TestServer::~TestServer() { stop(); }

void TestServer::stop() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

httplib::Client TestServer::client() const {
  httplib::Client c("127.0.0.1", port_);
  c.set_connection_timeout(5, 0);
  c.set_read_timeout(10, 0);
  return c;
}

bool wait_for(const std::function<bool()>& pred, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
  return pred();
}

Json body_json(const httplib::Result& r) {
  REQUIRE(r);
  try {
    return Json::parse(r->body);
  } catch (const std::exception& e) {
    FAIL("response is not JSON: " << r->body.substr(0, 200));
  }
  return {};
}

std::string sign_in_as(TestServer& srv, const std::string& login, services::Role role,
                       std::vector<std::int64_t> venues) {
  const std::string password = "correct horse battery staple";
  srv.hub().auth.add_user({login, login, role, std::move(venues), password}, "test", now_utc());
  auto [status, body] = call(srv, "POST", "/api/v1/auth/login", "", Json{{"login", login}, {"password", password}});
  REQUIRE(status == 200);
  return body["token"].get<std::string>();
}

std::string kiosk_token(TestServer& srv, const std::optional<std::string>& district, std::string* kiosk_id) {
  auto creds = srv.hub().auth.add_kiosk("test kiosk", district, "test", now_utc());
  if (kiosk_id) *kiosk_id = creds.id;
  return creds.token;
}

httplib::Headers bearer(const std::string& token) {
  if (token.empty()) return {};
  return {{"Authorization", "Bearer " + token}};
}

std::pair<int, Json> call(TestServer& srv, const std::string& method, const std::string& path,
                          const std::string& token, const Json& body) {
  auto cli = srv.client();
  auto headers = bearer(token);
  std::string text = body.is_null() ? "" : body.dump();
  httplib::Result r = method == "GET"     ? cli.Get(path.c_str(), headers)
                      : method == "POST"  ? cli.Post(path.c_str(), headers, text, "application/json")
                      : method == "PATCH" ? cli.Patch(path.c_str(), headers, text, "application/json")
                                          : cli.Delete(path.c_str(), headers, text, "application/json");
  REQUIRE(r);
  Json j = r->body.empty() ? Json(nullptr) : Json::parse(r->body, nullptr, false);
  return {r->status, j};
}

}  // namespace yeyou::test
