#include <doctest/doctest.h>

#include "support/test_server.hpp"

using namespace yeyou;
using services::Role;
using test::call;

TEST_CASE("login, me, logout") {
  test::TestServer srv;
  auto token = test::sign_in_as(srv, "alice", Role::bureau);
  auto [s1, me] = call(srv, "GET", "/api/v1/auth/me", token);
  CHECK(s1 == 200);
  CHECK(me["role"] == "bureau");
  CHECK(call(srv, "POST", "/api/v1/auth/logout", token).first == 204);
  CHECK(call(srv, "GET", "/api/v1/auth/me", token).first == 401);
  CHECK(call(srv, "POST", "/api/v1/notices", token, Json::object()).first == 401);
}

TEST_CASE("wrong passwords and unknown logins get the same 401") {
  test::TestServer srv;
  test::sign_in_as(srv, "bob", Role::bureau);
  auto [s1, b1] = call(srv, "POST", "/api/v1/auth/login", "", Json{{"login", "bob"}, {"password", "nope"}});
  auto [s2, b2] = call(srv, "POST", "/api/v1/auth/login", "", Json{{"login", "nobody"}, {"password", "nope"}});
  CHECK(s1 == 401);
  CHECK(s2 == 401);
  CHECK(b1["error"]["message"] == b2["error"]["message"]);
  CHECK(call(srv, "POST", "/api/v1/auth/login", "", Json{{"login", "bob"}}).first == 400);
}

TEST_CASE("sessions expire") {
  test::TestServer srv;
  auto token = test::sign_in_as(srv, "carol", Role::bureau);
  auto now = now_utc();
  CHECK(srv.hub().auth.authenticate(token, now + std::chrono::hours{11}).has_value());
  CHECK_FALSE(srv.hub().auth.authenticate(token, now + std::chrono::hours{13}).has_value());
}

TEST_CASE("repeated failures of a login from one address delay it, even for the right password") {
  test::TestServer srv;
  test::sign_in_as(srv, "dave", Role::bureau);
  for (int i = 0; i < 5; ++i)
    CHECK(call(srv, "POST", "/api/v1/auth/login", "", Json{{"login", "dave"}, {"password", "guess" + std::to_string(i)}})
              .first == 401);
  auto cli = srv.client();
  auto r = cli.Post("/api/v1/auth/login", Json{{"login", "dave"}, {"password", "correct horse battery staple"}}.dump(),
                    "application/json");
  REQUIRE(r);
  CHECK(r->status == 429);
  CHECK(std::stoi(r->get_header_value("Retry-After")) > 0);
}

TEST_CASE("a flood from one address is throttled across accounts") {
  test::TestServer srv;
  test::sign_in_as(srv, "erin", Role::bureau);
  for (int i = 0; i < 20; ++i)
    call(srv, "POST", "/api/v1/auth/login", "", Json{{"login", "user" + std::to_string(i)}, {"password", "x"}});
  CHECK(call(srv, "POST", "/api/v1/auth/login", "",
             Json{{"login", "erin"}, {"password", "correct horse battery staple"}})
            .first == 429);
}

TEST_CASE("the role access matrix") {
  test::TestServer srv;
  std::map<std::string, std::string> tokens{
      {"admin", test::sign_in_as(srv, "root", Role::admin)},
      {"bureau", test::sign_in_as(srv, "officer", Role::bureau)},
      {"staff", test::sign_in_as(srv, "clerk", Role::venue_staff, {4})},
      {"kiosk", srv.hub().auth.add_kiosk("kiosk A", std::nullopt, "test", now_utc()).token},
      {"none", ""}};
  Json notice{{"severity", "info"},
              {"target", {{"kind", "all"}}},
              {"text", {{"zh", "今晚有雨"}, {"en", "Rain tonight"}, {"ko", "오늘 밤 비"}}},
              {"ends_at", format_iso8601(now_utc() + std::chrono::hours{3})}};
  struct Row {
    std::string method, path;
    Json body;
    std::map<std::string, int> expect;
  };
  std::vector<Row> rows = {
      {"GET", "/api/v1/users", nullptr, {{"admin", 200}, {"bureau", 403}, {"staff", 403}, {"kiosk", 403}, {"none", 401}}},
      {"GET", "/api/v1/audit", nullptr, {{"admin", 200}, {"bureau", 200}, {"staff", 403}, {"kiosk", 403}, {"none", 401}}},
      {"GET", "/api/v1/devices", nullptr, {{"admin", 200}, {"bureau", 200}, {"staff", 403}, {"kiosk", 403}, {"none", 401}}},
      {"POST", "/api/v1/notices", notice, {{"admin", 403}, {"bureau", 201}, {"staff", 403}, {"kiosk", 403}, {"none", 401}}},
      {"PATCH", "/api/v1/venues/4", Json{{"capacity", 9000}},
       {{"admin", 403}, {"bureau", 200}, {"staff", 200}, {"kiosk", 403}, {"none", 401}}},
      {"POST", "/api/v1/venues/4/occupancy", Json{{"delta", 1}},
       {{"admin", 403}, {"bureau", 200}, {"staff", 200}, {"kiosk", 403}, {"none", 401}}},
      {"GET", "/api/v1/changes?since=0&limit=1", nullptr,
       {{"admin", 200}, {"bureau", 200}, {"staff", 200}, {"kiosk", 200}, {"none", 401}}},
  };
  for (const auto& row : rows) {
    for (const auto& [who, status] : row.expect) {
      CAPTURE(row.method);
      CAPTURE(row.path);
      CAPTURE(who);
      CHECK(call(srv, row.method, row.path, tokens[who], row.body).first == status);
    }
  }
  // Admin manages users; a staff user cannot create one.
  Json user{{"login", "newbie"}, {"display_name", "新人"}, {"role", "venue_staff"}, {"venues", {2}},
            {"password", "a long enough password"}};
  CHECK(call(srv, "POST", "/api/v1/users", tokens["staff"], user).first == 403);
  CHECK(call(srv, "POST", "/api/v1/users", tokens["admin"], user).first == 201);
  CHECK(call(srv, "POST", "/api/v1/users", tokens["admin"], user).first == 409);
}

TEST_CASE("device tokens can be revoked") {
  test::TestServer srv;
  auto admin = test::sign_in_as(srv, "root", Role::admin);
  auto kiosk = srv.hub().auth.add_kiosk("kiosk B", std::string("huancui"), "test", now_utc());
  CHECK(call(srv, "GET", "/api/v1/changes", kiosk.token).first == 200);
  CHECK(call(srv, "POST", "/api/v1/devices/" + kiosk.id + "/revoke", admin).first == 200);
  CHECK(call(srv, "GET", "/api/v1/changes", kiosk.token).first == 401);
  CHECK(call(srv, "POST", "/api/v1/devices/kiosk-99/revoke", admin).first == 404);
}
