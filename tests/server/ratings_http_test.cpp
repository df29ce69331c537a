#include <doctest/doctest.h>

#include "core/uuid.hpp"
#include "server/store/rating_store.hpp"
#include "support/test_server.hpp"

using namespace yeyou;

namespace {

Json rating(const std::string& id, int level = 5) {
  return Json{{"id", id},
              {"subject", {{"kind", "venue"}, {"id", "1"}}},
              {"level", level},
              {"reasons", {"crowding"}},
              {"answers", {{"guidance_clear", false}}},
              {"comment", "排队一个小时"},
              {"contact", {{"name", "李女士"}, {"phone", "13912345678"}}},
              {"channel", "kiosk"},
              {"created_at", "2026-11-29T21:15:00+08:00"}};
}

std::int64_t rows(test::TestServer& srv) { return store::count_ratings(srv.pool().get()); }

}  // namespace

TEST_CASE("a rating is stored once however often it is posted") {
  test::TestServer srv;
  auto cli = srv.client();
  auto kiosk = test::bearer(test::kiosk_token(srv));
  std::string id = new_uuid();
  auto first = cli.Post("/api/v1/ratings", kiosk, rating(id).dump(), "application/json");
  REQUIRE(first);
  CHECK(first->status == 201);
  auto stored = test::body_json(first);
  CHECK(stored["id"] == id);
  CHECK(stored["is_bad"] == true);
  CHECK(stored["contact"]["phone"] == "139****5678");  // never echoed in full
  for (int i = 0; i < 3; ++i) {
    auto again = cli.Post("/api/v1/ratings", kiosk, rating(id).dump(), "application/json");
    REQUIRE(again);
    CHECK(again->status == 200);
    CHECK(test::body_json(again) == stored);  // the stored result, received_at included
  }
  CHECK(rows(srv) == 1);
}

TEST_CASE("the same id with a different payload is a conflict") {
  test::TestServer srv;
  auto cli = srv.client();
  auto kiosk = test::bearer(test::kiosk_token(srv));
  std::string id = new_uuid();
  REQUIRE(cli.Post("/api/v1/ratings", kiosk, rating(id, 5).dump(), "application/json")->status == 201);
  auto r = cli.Post("/api/v1/ratings", kiosk, rating(id, 1).dump(), "application/json");
  REQUIRE(r);
  CHECK(r->status == 409);
  CHECK(test::body_json(r)["error"]["code"] == "conflict");
  CHECK(store::find_rating(srv.pool().get(), srv.hub().vault, id)->rating.level == 5);
}

TEST_CASE("malformed and invalid ratings are 400 and store nothing") {
  test::TestServer srv;
  auto cli = srv.client();
  auto kiosk = test::bearer(test::kiosk_token(srv));
  auto post = [&](const std::string& body) {
    auto r = cli.Post("/api/v1/ratings", kiosk, body, "application/json");
    REQUIRE(r);
    return std::make_pair(r->status, test::body_json(r));
  };
  auto [s1, j1] = post("{\"id\": ");
  CHECK(s1 == 400);
  CHECK(j1["error"]["code"] == "malformed_json");
  auto [s2, j2] = post("[]");
  CHECK(s2 == 400);
  Json bad = rating(new_uuid());
  bad["level"] = 9;
  bad["subject"]["kind"] = "moon";
  auto [s3, j3] = post(bad.dump());
  CHECK(s3 == 400);
  CHECK(j3["error"]["fields"].contains("level"));
  CHECK(j3["error"]["fields"].contains("subject.kind"));
  Json ghost = rating(new_uuid());
  ghost["subject"]["id"] = "99999";
  auto [s4, j4] = post(ghost.dump());
  CHECK(s4 == 400);
  CHECK(j4["error"]["fields"].contains("subject.id"));
  for (auto [kind, id] : {std::pair{"event", "99999"}, std::pair{"venue", "abc"}, std::pair{"event", ""}}) {
    Json ghost_subject = rating(new_uuid());
    ghost_subject["subject"] = Json{{"kind", kind}, {"id", id}};
    auto [status, body] = post(ghost_subject.dump());
    CHECK_MESSAGE(status == 400, kind << " " << id);
    CHECK(body["error"]["fields"].contains("subject.id"));
  }
  auto [s5, j5] = post("{\"id\": \"\xff\xfe\"}");
  CHECK(s5 == 400);
  auto [s6, j6] = post(std::string("{\"level\": 1e999}"));
  CHECK(s6 == 400);
  CHECK(rows(srv) == 0);
}

TEST_CASE("random garbage never crashes the server") {
  test::TestServer srv;
  auto cli = srv.client();
  auto kiosk = test::bearer(test::kiosk_token(srv));
  std::mt19937 rng(42);
  Json base = rating(new_uuid());
  std::string text = base.dump();
  for (int i = 0; i < 300; ++i) {
    std::string body = text;
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < edits; ++k) body[rng() % body.size()] = static_cast<char>(rng() % 256);
    auto r = cli.Post("/api/v1/ratings", kiosk, body, "application/json");
    REQUIRE(r);
    CHECK(r->status < 500);
  }
  CHECK(test::body_json(cli.Get("/api/v1/health"))["status"] == "ok");
}

TEST_CASE("ratings need a kiosk token and record the kiosk") {
  test::TestServer srv;
  std::string kiosk_id;
  auto token = test::kiosk_token(srv, std::string("huancui"), &kiosk_id);
  std::string id = new_uuid();
  auto [s1, j1] = test::call(srv, "POST", "/api/v1/ratings", "", rating(id));
  CHECK(s1 == 401);
  CHECK(j1["error"]["code"] == "unauthorized");
  auto staff = test::sign_in_as(srv, "officer", services::Role::bureau);
  CHECK(test::call(srv, "POST", "/api/v1/ratings", staff, rating(id)).first == 403);
  CHECK(test::call(srv, "POST", "/api/v1/ratings", "not-a-token", rating(id)).first == 401);
  CHECK(rows(srv) == 0);
  CHECK(test::call(srv, "POST", "/api/v1/ratings", token, rating(id)).first == 201);
  store::Stmt s(srv.pool().get(), "SELECT kiosk_id FROM ratings WHERE id = ?1");
  s.bind(1, id);
  REQUIRE(s.step());
  CHECK(s.text(0) == kiosk_id);
}
