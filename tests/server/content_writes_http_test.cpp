#include <doctest/doctest.h>

#include "server/store/content_store.hpp"
#include "server/store/db.hpp"
#include "support/test_server.hpp"

using namespace yeyou;
using services::Role;
using test::call;

namespace {

Json new_event(const std::string& start, const std::string& end) {
  return Json{{"title", {{"zh", "海边音乐会"}, {"en", "Seaside concert"}, {"ko", "해변 콘서트"}}},
              {"description", {{"zh", "露天音乐会"}, {"en", "Open-air concert"}, {"ko", "야외 콘서트"}}},
              {"category", "performance"},
              {"start", start},
              {"end", end},
              {"price_cents", 0}};
}

std::string in_hours(int h) { return format_iso8601(now_utc() + std::chrono::hours{h}); }

std::int64_t event_of_venue(test::TestServer& srv, std::int64_t venue) {
  store::Stmt s(srv.pool().get(), "SELECT id FROM events WHERE venue_id = ?1 LIMIT 1");
  s.bind(1, venue);
  REQUIRE(s.step());
  return s.int64(0);
}

std::string venue_body(test::TestServer& srv, std::int64_t id) {
  return to_json(*store::find_venue(srv.pool().get(), id)).dump();
}

std::int64_t audit_rows(test::TestServer& srv) {
  store::Stmt s(srv.pool().get(), "SELECT count(*) FROM audit_log");
  s.step();
  return s.int64(0);
}

}  // namespace

TEST_CASE("venue staff cannot change another venue through any write endpoint") {
  test::TestServer srv;
  auto staff = test::sign_in_as(srv, "clerk", Role::venue_staff, {4});
  std::string other_before = venue_body(srv, 5);
  auto other_event = event_of_venue(srv, 5);
  auto own_event = event_of_venue(srv, 4);
  auto audits = audit_rows(srv);

  // Another venue's objects are outside the caller's scope: 404, as if they did not exist.
  CHECK(call(srv, "PATCH", "/api/v1/venues/5", staff, Json{{"capacity", 1}}).first == 404);
  CHECK(call(srv, "POST", "/api/v1/venues/5/events", staff, new_event(in_hours(2), in_hours(4))).first == 404);
  CHECK(call(srv, "PATCH", "/api/v1/events/" + std::to_string(other_event), staff, Json{{"status", "cancelled"}})
            .first == 404);
  CHECK(call(srv, "POST", "/api/v1/venues/5/occupancy", staff, Json{{"count", 1}}).first == 404);
  // Moving one's own event onto another venue is refused too.
  CHECK(call(srv, "PATCH", "/api/v1/events/" + std::to_string(own_event), staff, Json{{"venue_id", 5}}).first == 403);
  CHECK(call(srv, "POST", "/api/v1/notices", staff,
             Json{{"severity", "emergency"}, {"target", {{"kind", "venue"}, {"id", "5"}}},
                  {"text", {{"zh", "关闭"}, {"en", "Closed"}, {"ko", "폐쇄"}}}, {"ends_at", in_hours(1)}})
            .first == 403);
  auto counter = srv.hub().auth.add_counter(5, "test", now_utc());
  auto own_counter = srv.hub().auth.add_counter(4, "test", now_utc());
  // A counter cannot post as another counter, and staff cannot post as a counter.
  CHECK(call(srv, "POST", "/api/v1/counters/" + counter.id + "/readings", own_counter.token,
             Json{{"seq", 1}, {"in", 5}, {"out", 0}})
            .first == 404);
  CHECK(call(srv, "POST", "/api/v1/counters/" + counter.id + "/readings", staff, Json{{"seq", 1}, {"in", 5}, {"out", 0}})
            .first == 403);

  CHECK(venue_body(srv, 5) == other_before);
  CHECK(store::find_event(srv.pool().get(), other_event)->status != EventStatus::cancelled);
  CHECK(store::find_event(srv.pool().get(), own_event)->venue_id == 4);
  CHECK(audit_rows(srv) == audits + 2);  // only the two counters' creation
  // Their own venue works.
  CHECK(call(srv, "PATCH", "/api/v1/venues/4", staff, Json{{"phone", "0631-5550000"}}).first == 200);
}

TEST_CASE("venue edits validate and are audited with before and after") {
  test::TestServer srv;
  auto bureau = test::sign_in_as(srv, "officer", Role::bureau);
  Json hours = Json::array({Json{{"days", {5, 6}}, {"open", "18:00"}, {"close", "02:00"}}});
  auto [s1, v] = call(srv, "PATCH", "/api/v1/venues/3", bureau, Json{{"opening_hours", hours}, {"capacity", 4200}});
  CHECK(s1 == 200);
  CHECK(v["capacity"] == 4200);
  auto [s2, bad] = call(srv, "PATCH", "/api/v1/venues/3", bureau, Json{{"capacity", -1}, {"colour", "red"}});
  CHECK(s2 == 400);
  CHECK(bad["error"]["fields"].contains("capacity"));
  CHECK(bad["error"]["fields"].contains("colour"));
  CHECK(call(srv, "PATCH", "/api/v1/venues/999", bureau, Json{{"capacity", 5}}).first == 404);
  auto [s3, audit] = call(srv, "GET", "/api/v1/audit?object_kind=venue&object_id=3", bureau);
  REQUIRE(s3 == 200);
  REQUIRE(audit["entries"].size() == 1);
  const auto& e = audit["entries"][0];
  CHECK(e["action"] == "update");
  CHECK(e["actor"].get<std::string>().find("officer") != std::string::npos);
  CHECK(e["after"]["capacity"] == 4200);
  CHECK(e["before"]["capacity"] != 4200);
}

TEST_CASE("events: create, reschedule keeps the previous start, cancel with a reason") {
  test::TestServer srv;
  auto staff = test::sign_in_as(srv, "clerk", Role::venue_staff, {4});
  auto [s1, e] = call(srv, "POST", "/api/v1/venues/4/events", staff, new_event(in_hours(2), in_hours(4)));
  REQUIRE(s1 == 201);
  std::string path = "/api/v1/events/" + std::to_string(e["id"].get<std::int64_t>());
  auto [s2, moved] = call(srv, "PATCH", path, staff, Json{{"start", in_hours(26)}, {"end", in_hours(28)}});
  CHECK(s2 == 200);
  CHECK(moved["status"] == "rescheduled");
  CHECK(*parse_iso8601(moved["previous_start"].get<std::string>()) == *parse_iso8601(e["start"].get<std::string>()));
  auto [s3, cancelled] = call(srv, "PATCH", path, staff, Json{{"status", "cancelled"}, {"reason", "大风预警"}});
  CHECK(s3 == 200);
  CHECK(cancelled["status"] == "cancelled");
  auto bureau = test::sign_in_as(srv, "officer", Role::bureau);
  auto [s4, audit] = call(srv, "GET", "/api/v1/audit?object_kind=event&object_id=" + e["id"].dump(), bureau);
  REQUIRE(audit["entries"].size() == 3);
  CHECK(audit["entries"][0]["action"] == "cancelled");
  CHECK(audit["entries"][0]["note"] == "大风预警");
  CHECK(audit["entries"][2]["action"] == "create");
  CHECK(audit["entries"][2]["before"].is_null());
}

TEST_CASE("event validation: end after start, 24 hours at most, languages or explicit fallback") {
  test::TestServer srv;
  auto staff = test::sign_in_as(srv, "clerk", Role::venue_staff, {4});
  CHECK(call(srv, "POST", "/api/v1/venues/4/events", staff, new_event(in_hours(4), in_hours(2))).first == 400);
  CHECK(call(srv, "POST", "/api/v1/venues/4/events", staff, new_event(in_hours(2), in_hours(30))).first == 400);
  Json zh_only = new_event(in_hours(2), in_hours(3));
  zh_only["title"] = {{"zh", "快闪"}};
  zh_only["description"] = {{"zh", "快闪活动"}};
  CHECK(call(srv, "POST", "/api/v1/venues/4/events", staff, zh_only).first == 400);
  zh_only["fallback"] = true;
  auto [s, e] = call(srv, "POST", "/api/v1/venues/4/events", staff, zh_only);
  CHECK(s == 201);
  CHECK(e["title"]["zh"] == "快闪");
  CHECK(call(srv, "POST", "/api/v1/venues/4/events", staff, Json{{"title", 5}}).first == 400);
  CHECK(call(srv, "POST", "/api/v1/venues/4/events", staff, Json("not an object")).first == 400);
}

TEST_CASE("a weekly series expands across midnight and the month end") {
  test::TestServer srv;
  auto staff = test::sign_in_as(srv, "clerk", Role::venue_staff, {4});
  Json body = new_event("", "");
  body.erase("start");
  body.erase("end");
  body["recurrence"] = {{"weekdays", {4}},  // Thursdays
                        {"start_time", "22:00"},
                        {"end_time", "01:00"},
                        {"from", "2026-12-20"},
                        {"until", "2027-01-20"},
                        {"except", {"2027-01-07"}}};
  auto [s, out] = call(srv, "POST", "/api/v1/venues/4/events", staff, body);
  REQUIRE(s == 201);
  REQUIRE(out["events"].size() == 3);  // Dec 24, Dec 31, Jan 14 (Jan 7 is an exception)
  std::vector<std::string> starts, ends;
  for (const auto& e : out["events"]) {
    starts.push_back(e["start"]);
    ends.push_back(e["end"]);
  }
  CHECK(starts[0] == "2026-12-24T22:00:00+08:00");
  CHECK(starts[1] == "2026-12-31T22:00:00+08:00");
  CHECK(ends[1] == "2027-01-01T01:00:00+08:00");  // past midnight into the new year
  CHECK(starts[2] == "2027-01-14T22:00:00+08:00");
  body["recurrence"]["until"] = "2028-06-01";
  CHECK(call(srv, "POST", "/api/v1/venues/4/events", staff, body).first == 400);
}
