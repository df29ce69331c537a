#include <doctest/doctest.h>

#include "server/store/db.hpp"
#include "support/test_server.hpp"

using namespace yeyou;
using services::Role;
using test::call;

namespace {

std::string cookie_from(const httplib::Result& r, const std::string& name) {
  for (const auto& [k, v] : r->headers)
    if (k == "Set-Cookie" && v.rfind(name + "=", 0) == 0) return v;
  return "";
}

std::string value_of(const std::string& set_cookie) {
  auto eq = set_cookie.find('='), semi = set_cookie.find(';');
  return set_cookie.substr(eq + 1, semi - eq - 1);
}

}  // namespace

TEST_CASE("console cookies: HttpOnly session, SameSite=Strict, and CSRF on every write") {
  test::TestServer srv;
  test::sign_in_as(srv, "clerk", Role::venue_staff, {4});
  auto cli = srv.client();
  auto login = cli.Post("/api/v1/auth/login",
                        Json{{"login", "clerk"}, {"password", "correct horse battery staple"}, {"cookie", true}}.dump(),
                        "application/json");
  REQUIRE(login);
  REQUIRE(login->status == 200);
  std::string session = cookie_from(login, "yeyou_session"), csrf = cookie_from(login, "yeyou_csrf");
  REQUIRE_FALSE(session.empty());
  REQUIRE_FALSE(csrf.empty());
  CHECK(session.find("HttpOnly") != std::string::npos);
  CHECK(session.find("SameSite=Strict") != std::string::npos);
  CHECK(session.find("Secure") == std::string::npos);  // plain HTTP on loopback
  CHECK(csrf.find("HttpOnly") == std::string::npos);   // the console script reads it
  std::string cookie_header = "yeyou_session=" + value_of(session) + "; yeyou_csrf=" + value_of(csrf);
  std::string body = Json{{"delta", 1}}.dump();
  // Reads need no CSRF token; a write without it is refused and changes nothing.
  CHECK(cli.Get("/api/v1/auth/me", httplib::Headers{{"Cookie", cookie_header}})->status == 200);
  auto forged = cli.Post("/api/v1/venues/4/occupancy", httplib::Headers{{"Cookie", cookie_header}}, body, "application/json");
  REQUIRE(forged);
  CHECK(forged->status == 403);
  auto wrong = cli.Post("/api/v1/venues/4/occupancy",
                        httplib::Headers{{"Cookie", cookie_header}, {"X-CSRF-Token", "guess"}}, body, "application/json");
  CHECK(wrong->status == 403);
  auto ok = cli.Post("/api/v1/venues/4/occupancy",
                     httplib::Headers{{"Cookie", cookie_header}, {"X-CSRF-Token", value_of(csrf)}}, body, "application/json");
  CHECK(ok->status == 200);
  // Behind TLS the cookies are Secure.
  auto tls = cli.Post("/api/v1/auth/login", httplib::Headers{{"X-Forwarded-Proto", "https"}},
                      Json{{"login", "clerk"}, {"password", "correct horse battery staple"}, {"cookie", true}}.dump(),
                      "application/json");
  CHECK(cookie_from(tls, "yeyou_session").find("Secure") != std::string::npos);
}

TEST_CASE("console pages carry a Content-Security-Policy without inline script") {
  test::TestServer srv;
  auto cli = srv.client();
  auto page = cli.Get("/console/");
  REQUIRE(page);
  REQUIRE(page->status == 200);
  auto csp = page->get_header_value("Content-Security-Policy");
  CHECK(csp.find("script-src 'self'") != std::string::npos);
  auto script_src = csp.substr(csp.find("script-src"));
  script_src = script_src.substr(0, script_src.find(';'));
  CHECK(script_src.find("unsafe-inline") == std::string::npos);
  CHECK(page->get_header_value("X-Frame-Options") == "DENY");
  CHECK(cli.Get("/static/../../etc/passwd")->status == 404);
}

TEST_CASE("phone rating links: accepted once, then refused, and refused once expired") {
  test::TestServer srv;
  auto kiosk = test::kiosk_token(srv);
  auto [s1, link] = call(srv, "POST", "/api/v1/rating-links", kiosk, Json{{"subject", {{"kind", "venue"}, {"id", "4"}}}});
  REQUIRE(s1 == 201);
  std::string token = link["token"];
  CHECK(call(srv, "GET", "/api/v1/public/rating-links/" + token, "").first == 200);
  Json rating{{"level", 2}, {"comment", "夜景很美"}};
  auto [s2, stored] = call(srv, "POST", "/api/v1/public/rating-links/" + token + "/rating", "", rating);
  CHECK(s2 == 201);
  CHECK(call(srv, "POST", "/api/v1/public/rating-links/" + token + "/rating", "", rating).first == 409);
  // A second link, made to expire.
  auto [s3, link2] = call(srv, "POST", "/api/v1/rating-links", kiosk, Json{{"subject", {{"kind", "venue"}, {"id", "4"}}}});
  REQUIRE(s3 == 201);
  srv.pool().get().exec("UPDATE rating_links SET expires_at = created_at - 1");
  CHECK(call(srv, "POST", "/api/v1/public/rating-links/" + link2["token"].get<std::string>() + "/rating", "", rating)
            .first == 410);
  CHECK(call(srv, "POST", "/api/v1/rating-links", "", Json{{"subject", {{"kind", "venue"}, {"id", "4"}}}}).first == 401);
}

TEST_CASE("phone rating links are refused for a venue or event that does not exist") {
  test::TestServer srv;
  auto kiosk = test::kiosk_token(srv);
  for (auto [kind, id] : {std::pair<std::string, std::string>{"venue", "99999"}, {"venue", "4a"}, {"event", "99999"},
                          {"event", "0"}}) {
    CAPTURE(kind);
    CAPTURE(id);
    auto [status, body] = call(srv, "POST", "/api/v1/rating-links", kiosk, Json{{"subject", {{"kind", kind}, {"id", id}}}});
    CHECK(status == 400);
    CHECK(body["error"]["fields"]["subject.id"] == "no " + kind + " with this id");
  }
  store::Stmt links(srv.pool().get(), "SELECT count(*) FROM rating_links");
  REQUIRE(links.step());
  CHECK(links.int64(0) == 0);
}
