#include <doctest/doctest.h>

#include "server/store/db.hpp"
#include "support/test_server.hpp"

using namespace yeyou;
using services::Role;
using test::call;

namespace {

// Venue 1 with a known capacity and a zero count, so figures are easy to read.
std::string prepare(test::TestServer& srv, std::int64_t capacity) {
  auto bureau = test::sign_in_as(srv, "officer", Role::bureau);
  REQUIRE(call(srv, "PATCH", "/api/v1/venues/1", bureau, Json{{"capacity", capacity}}).first == 200);
  REQUIRE(call(srv, "POST", "/api/v1/venues/1/occupancy", bureau, Json{{"count", 0}}).first == 200);
  return bureau;
}

std::int64_t alerts(test::TestServer& srv) {
  store::Stmt s(srv.pool().get(), "SELECT count(*) FROM venue_alerts WHERE venue_id = 1");
  s.step();
  return s.int64(0);
}

}  // namespace

TEST_CASE("staff set and adjust counts, clamped and flagged") {
  test::TestServer srv;
  auto bureau = prepare(srv, 1000);
  auto [s1, r1] = call(srv, "POST", "/api/v1/venues/1/occupancy", bureau, Json{{"count", 300}});
  CHECK(s1 == 200);
  CHECK(r1["count"] == 300);
  CHECK(r1["level"] == "comfortable");
  auto [s2, r2] = call(srv, "POST", "/api/v1/venues/1/occupancy", bureau, Json{{"delta", 250}});
  CHECK(r2["count"] == 550);
  CHECK(r2["level"] == "busy");
  auto [s3, r3] = call(srv, "POST", "/api/v1/venues/1/occupancy", bureau, Json{{"delta", -5000}});
  CHECK(r3["count"] == 0);
  CHECK(r3["clamped"] == true);
  auto [s4, r4] = call(srv, "POST", "/api/v1/venues/1/occupancy", bureau, Json{{"count", 5000}});
  CHECK(r4["count"] == 2000);  // 2 × capacity
  CHECK(r4["clamped"] == true);
  CHECK(call(srv, "POST", "/api/v1/venues/1/occupancy", bureau, Json{{"count", 1}, {"delta", 1}}).first == 400);
  CHECK(call(srv, "POST", "/api/v1/venues/1/occupancy", bureau, Json{{"count", -1}}).first == 400);
  CHECK(call(srv, "POST", "/api/v1/venues/1/occupancy", bureau, Json{{"count", "many"}}).first == 400);
  CHECK(call(srv, "POST", "/api/v1/venues/1/occupancy", bureau, Json::object()).first == 400);
}

TEST_CASE("counter sequence numbers: duplicates, reordering and gaps") {
  test::TestServer srv;
  prepare(srv, 1000);
  auto counter = srv.hub().auth.add_counter(1, "test", now_utc());
  auto post = [&](std::int64_t seq, int in, int out) {
    return call(srv, "POST", "/api/v1/counters/" + counter.id + "/readings", counter.token,
                Json{{"seq", seq}, {"in", in}, {"out", out}});
  };
  CHECK(post(1, 40, 0).second["count"] == 40);
  auto [dup_status, dup] = post(1, 40, 0);  // a retry of the same reading
  CHECK(dup_status == 200);
  CHECK(dup["applied"] == false);
  CHECK(dup["count"] == 40);
  auto [s3, r3] = post(3, 10, 5);  // 2 is late: a gap for now
  CHECK(s3 == 201);
  CHECK(r3["gap"] == true);
  CHECK(r3["count"] == 45);
  auto [s2, r2] = post(2, 20, 0);  // the late one arrives: still applied once
  CHECK(r2["applied"] == true);
  CHECK(r2["count"] == 65);
  CHECK(post(2, 20, 0).second["count"] == 65);
  CHECK(post(3, 10, 5).second["count"] == 65);
  // Garbage never corrupts the count.
  CHECK(post(4, -5, 0).first == 400);
  CHECK(post(4, 50'000'000, 0).first == 400);
  CHECK(post(-1, 1, 0).first == 400);
  CHECK(call(srv, "POST", "/api/v1/counters/" + counter.id + "/readings", counter.token, Json{{"in", 1}}).first == 400);
  CHECK(post(5, 0, 500).second["count"] == 0);  // more out than in: clamped at zero
  CHECK(post(6, 7, 0).second["count"] == 7);
}

TEST_CASE("reaching 80% and 100% of capacity raises alerts and venue notices once") {
  test::TestServer srv;
  auto bureau = prepare(srv, 1000);
  auto before = alerts(srv);
  auto [s1, r1] = call(srv, "POST", "/api/v1/venues/1/occupancy", bureau, Json{{"count", 790}});
  CHECK(r1["alert_notice_id"].is_null());
  auto [s2, r2] = call(srv, "POST", "/api/v1/venues/1/occupancy", bureau, Json{{"count", 850}});
  CHECK(r2["level"] == "crowded");
  REQUIRE(r2["alert_notice_id"].is_number());
  auto [s3, r3] = call(srv, "POST", "/api/v1/venues/1/occupancy", bureau, Json{{"count", 870}});
  CHECK(r3["alert_notice_id"].is_null());  // still crowded: no new alert
  auto [s4, r4] = call(srv, "POST", "/api/v1/venues/1/occupancy", bureau, Json{{"count", 1000}});
  CHECK(r4["level"] == "full");
  CHECK(r4["alert_notice_id"].is_number());
  CHECK(alerts(srv) == before + 2);
  auto [s5, notices] = call(srv, "GET", "/api/v1/notices?venue=1", "");
  REQUIRE(s5 == 200);
  int venue_notices = 0;
  for (const auto& n : notices["notices"])
    if (n["target"]["kind"] == "venue" && n["target"]["id"] == "1" && n["issued_by"] == "system") ++venue_notices;
  CHECK(venue_notices == 2);
  // Dropping and rising again raises a new alert.
  call(srv, "POST", "/api/v1/venues/1/occupancy", bureau, Json{{"count", 100}});
  CHECK(call(srv, "POST", "/api/v1/venues/1/occupancy", bureau, Json{{"count", 820}}).second["alert_notice_id"].is_number());
}

TEST_CASE("readings are kept as history with an hourly aggregate") {
  test::TestServer srv;
  auto bureau = prepare(srv, 1000);
  call(srv, "POST", "/api/v1/venues/1/occupancy", bureau, Json{{"count", 200}});
  call(srv, "POST", "/api/v1/venues/1/occupancy", bureau, Json{{"count", 400}});
  store::Stmt s(srv.pool().get(), "SELECT count(*) FROM occupancy_readings WHERE venue_id = 1");
  s.step();
  CHECK(s.int64(0) >= 4);
  auto [st, usual] = call(srv, "GET", "/api/v1/venues/1/usual-occupancy", "");
  REQUIRE(st == 200);
  CHECK(usual["hours"].size() >= 1);
}

TEST_CASE("notices: bureau issues to a district, validation, expiry") {
  test::TestServer srv;
  auto bureau = test::sign_in_as(srv, "officer", Role::bureau);
  Json n{{"severity", "emergency"},
         {"target", {{"kind", "district"}, {"id", "huancui"}}},
         {"text", {{"zh", "台风预警，请尽快返回住处"}, {"en", "Typhoon warning: please return to your hotel"},
                   {"ko", "태풍 경보: 숙소로 돌아가십시오"}}},
         {"ends_at", format_iso8601(now_utc() + std::chrono::hours{6})}};
  auto [s1, created] = call(srv, "POST", "/api/v1/notices", bureau, n);
  REQUIRE(s1 == 201);
  auto in_district = call(srv, "GET", "/api/v1/notices?district=huancui", "").second["notices"];
  auto elsewhere = call(srv, "GET", "/api/v1/notices?district=wendeng", "").second["notices"];
  CHECK(in_district.size() == elsewhere.size() + 1);
  Json bad = n;
  bad["target"]["id"] = "atlantis";
  bad["severity"] = "apocalyptic";
  bad["text"].erase("ko");
  auto [s2, err] = call(srv, "POST", "/api/v1/notices", bureau, bad);
  CHECK(s2 == 400);
  CHECK(err["error"]["fields"].contains("severity"));
  CHECK(err["error"]["fields"].contains("text.ko"));
  CHECK(call(srv, "POST", "/api/v1/notices/" + created["id"].dump() + "/expire", bureau).first == 200);
  CHECK(call(srv, "GET", "/api/v1/notices?district=huancui", "").second["notices"].size() == elsewhere.size());
}

TEST_CASE("the change feed: every write bumps the version, paged, since N") {
  test::TestServer srv;
  auto bureau = test::sign_in_as(srv, "officer", Role::bureau);
  auto [s0, all] = call(srv, "GET", "/api/v1/changes?since=0&limit=5000", bureau);
  REQUIRE(s0 == 200);
  CHECK(all["more"] == false);
  std::int64_t cursor = all["cursor"];
  CHECK(all["changes"].size() >= 21 + 65);  // demo venues and events at least
  auto [s1, page] = call(srv, "GET", "/api/v1/changes?since=0&limit=10", bureau);
  CHECK(page["changes"].size() == 10);
  CHECK(page["more"] == true);
  std::int64_t last = 0;
  for (const auto& c : page["changes"]) {
    CHECK(c["version"].get<std::int64_t>() > last);
    last = c["version"];
  }
  CHECK(page["cursor"] == last);
  call(srv, "PATCH", "/api/v1/venues/2", bureau, Json{{"capacity", 12345}});
  auto [s2, delta] = call(srv, "GET", "/api/v1/changes?since=" + std::to_string(cursor), bureau);
  REQUIRE(delta["changes"].size() == 1);
  CHECK(delta["changes"][0]["kind"] == "venue");
  CHECK(delta["changes"][0]["body"]["capacity"] == 12345);
  auto [s3, none] = call(srv, "GET", "/api/v1/changes?since=" + delta["cursor"].dump(), bureau);
  CHECK(none["changes"].empty());
  CHECK(none["cursor"] == delta["cursor"]);
  CHECK(call(srv, "GET", "/api/v1/changes?since=-1", bureau).first == 400);
  CHECK(call(srv, "GET", "/api/v1/changes?limit=0", bureau).first == 400);
}

TEST_CASE("the audit log is append-only") {
  test::TestServer srv;
  auto bureau = test::sign_in_as(srv, "officer", Role::bureau);
  call(srv, "PATCH", "/api/v1/venues/2", bureau, Json{{"capacity", 777}});
  auto& db = srv.pool().get();
  CHECK_THROWS_AS(db.exec("UPDATE audit_log SET actor = 'nobody'"), store::DbError);
  CHECK_THROWS_AS(db.exec("DELETE FROM audit_log"), store::DbError);
}
