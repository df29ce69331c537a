#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server/http/api_server.hpp"
#include "support/test_server.hpp"

using namespace yeyou;

TEST_CASE("health answers over real HTTP") {
  test::TestServer srv;
  auto cli = srv.client();
  auto r = cli.Get("/api/v1/health");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(test::body_json(r)["status"] == "ok");
  CHECK(r->get_header_value("Content-Type").find("application/json") == 0);
}

TEST_CASE("venues list every venue with its crowd level and the districts") {
  test::TestServer srv;
  auto cli = srv.client();
  auto j = test::body_json(cli.Get("/api/v1/venues"));
  REQUIRE(j["venues"].size() >= 12);
  CHECK(j["districts"].size() >= 3);
  for (const auto& v : j["venues"]) {
    CHECK(v["name"]["zh"].is_string());
    REQUIRE(v["occupancy"].is_object());
    std::string level = v["occupancy"]["level"];
    CHECK((level == "comfortable" || level == "busy" || level == "crowded" || level == "full"));
  }
}

TEST_CASE("events default to tonight and filter by range") {
  test::TestServer srv;
  auto cli = srv.client();
  auto tonight = test::body_json(cli.Get("/api/v1/events"));
  CHECK(tonight["events"].size() > 0);
  auto window = tonight_window(night_of(now_utc()));
  CHECK(tonight["from"] == format_iso8601(window.begin));
  for (const auto& e : tonight["events"]) {
    auto start = *parse_iso8601(e["start"].get<std::string>());
    auto end = *parse_iso8601(e["end"].get<std::string>());
    CHECK((start < window.end && end > window.begin));
  }
  // A week from tonight has more events than tonight alone.
  std::string from = format_iso8601(window.begin), to = format_iso8601(window.begin + std::chrono::days{7});
  httplib::Params week{{"from", from}, {"to", to}};
  auto all = test::body_json(cli.Get("/api/v1/events", week, httplib::Headers{}));
  CHECK(all["events"].size() > tonight["events"].size());
  // Ordered by start.
  std::string prev;
  for (const auto& e : all["events"]) {
    std::string s = format_iso8601(*parse_iso8601(e["start"].get<std::string>()));
    CHECK(s >= prev);
    prev = s;
  }
  // A one-hour window late at night only returns events running then.
  httplib::Params late{{"from", format_iso8601(window.begin + std::chrono::hours{8})},
                       {"to", format_iso8601(window.begin + std::chrono::hours{9})}};
  auto small = test::body_json(cli.Get("/api/v1/events", late, httplib::Headers{}));
  CHECK(small["events"].size() < tonight["events"].size());
}

TEST_CASE("bad dates and reversed ranges are 400 with field errors") {
  test::TestServer srv;
  auto cli = srv.client();
  for (auto params : {httplib::Params{{"from", "2026-13-45"}}, httplib::Params{{"to", "soon"}},
                      httplib::Params{{"from", "2026-11-30T00:00:00+08:00"}, {"to", "2026-11-29T00:00:00+08:00"}},
                      httplib::Params{{"from", "2026-01-01"}, {"to", "2027-01-01"}}}) {
    auto r = cli.Get("/api/v1/events", params, httplib::Headers{});
    REQUIRE(r);
    CHECK(r->status == 400);
    auto j = test::body_json(r);
    CHECK(j["error"]["code"] == "validation_failed");
    CHECK(j["error"]["fields"].size() >= 1);
  }
}

TEST_CASE("unknown routes and methods answer JSON errors") {
  test::TestServer srv;
  auto cli = srv.client();
  auto r = cli.Get("/api/v1/nothing-here");
  REQUIRE(r);
  CHECK(r->status == 404);
  CHECK(test::body_json(r)["error"]["code"] == "not_found");
}

TEST_CASE("oversized bodies are refused with 413 and store nothing") {
  test::TestServer srv({.seed_demo = true, .max_body_bytes = 4096});
  auto cli = srv.client();
  std::string big = R"({"comment": ")" + std::string(10000, 'x') + R"("})";
  auto r = cli.Post("/api/v1/ratings", test::bearer(test::kiosk_token(srv)), big, "application/json");
  REQUIRE(r);
  CHECK(r->status == 413);
  CHECK(test::body_json(r)["error"]["code"] == "payload_too_large");
  store::Stmt s(srv.pool().get(), "SELECT count(*) FROM ratings");
  s.step();
  CHECK(s.int64(0) == 0);
}

TEST_CASE("a keep-alive connection serves many requests, then the server closes it") {
  test::TestServer server;
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(server.port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  const std::string request = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  // Reads one response (headers and Content-Length body); "" at end of stream.
  std::string pending;
  auto read_response = [&]() -> std::string {
    for (;;) {
      auto end = pending.find("\r\n\r\n");
      if (end != std::string::npos) {
        auto cl = pending.find("Content-Length: ");
        std::size_t body = cl < end ? std::stoul(pending.substr(cl + 16)) : 0;
        if (pending.size() >= end + 4 + body) {
          std::string response = pending.substr(0, end + 4 + body);
          pending.erase(0, end + 4 + body);
          return response;
        }
      }
      char buf[4096];
      auto n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) return "";
      pending.append(buf, static_cast<std::size_t>(n));
    }
  };
  const int allowed = static_cast<int>(http::HttpOptions{}.keep_alive_requests);
  REQUIRE(allowed >= 50);  // a client reconnecting every few requests costs the server dearly
  for (int i = 1; i <= allowed; ++i) {
    REQUIRE(::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()));
    std::string response = read_response();
    REQUIRE_MESSAGE(response.rfind("HTTP/1.1 200", 0) == 0, "request " << i << ": " << response);
    CHECK((response.find("Connection: close") != std::string::npos) == (i == allowed));
  }
  ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  CHECK(read_response().empty());  // closed: the client reconnects, waiting connections get their turn
  ::close(fd);
}
