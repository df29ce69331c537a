#include <doctest/doctest.h>

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
