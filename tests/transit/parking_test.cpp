// Car parks: fee rules across midnight, free-space updates and the HTTP API.
#include <doctest/doctest.h>

#include "core/parking.hpp"
#include "server/http/decoders.hpp"
#include "server/services/parking_service.hpp"
#include "server/services/service_errors.hpp"
#include "support/test_server.hpp"

using namespace yeyou;

namespace {

Timestamp at(const char* iso) { return *parse_iso8601(iso); }

// Free every night 22:00-07:00; 8 yuan/h on weekdays and 5 yuan/h at weekends in the day.
std::vector<FeeRule> night_free_rules() {
  return {FeeRule{{1, 2, 3, 4, 5, 6, 7}, 22 * 60, 7 * 60, 0},
          FeeRule{{1, 2, 3, 4, 5}, 7 * 60, 22 * 60, 800},
          FeeRule{{6, 7}, 7 * 60, 22 * 60, 500}};
}

Json car_park_body() {
  return Json{{"name", {{"zh", "海滨停车场"}, {"en", "Seaside Car Park"}}},
              {"address", {{"zh", "滨海路 1 号"}}},
              {"lat", 22.5},
              {"lon", 114.1},
              {"capacity", 200},
              {"fee_rules",
               {{{"days", {1, 2, 3, 4, 5, 6, 7}}, {"from", "22:00"}, {"to", "07:00"}, {"price_cents_per_hour", 0}},
                {{"days", {1, 2, 3, 4, 5, 6, 7}}, {"from", "07:00"}, {"to", "22:00"}, {"price_cents_per_hour", 600}}}}};
}

}  // namespace

TEST_CASE("fee rules: a free night window crosses midnight") {
  auto rules = night_free_rules();
  // Monday 2026-03-02, 21:30: paying, free from 22:00.
  auto s = fee_status(rules, at("2026-03-02T21:30:00+08:00"));
  CHECK(s.known);
  CHECK_FALSE(s.free_now);
  CHECK(s.cents_per_hour == 800);
  REQUIRE(s.free_from);
  CHECK(format_iso8601(*s.free_from) == "2026-03-02T22:00:00+08:00");
  // 23:30: free until 07:00 on Tuesday.
  s = fee_status(rules, at("2026-03-02T23:30:00+08:00"));
  CHECK(s.free_now);
  REQUIRE(s.free_until);
  CHECK(format_iso8601(*s.free_until) == "2026-03-03T07:00:00+08:00");
  // Tuesday 03:00 is inside Monday's window.
  s = fee_status(rules, at("2026-03-03T03:00:00+08:00"));
  CHECK(s.free_now);
  CHECK(format_iso8601(*s.free_until) == "2026-03-03T07:00:00+08:00");
  // Boundaries: 06:59 free, 07:00 paying, 22:00 free again.
  CHECK(fee_status(rules, at("2026-03-03T06:59:00+08:00")).free_now);
  CHECK_FALSE(fee_status(rules, at("2026-03-03T07:00:00+08:00")).free_now);
  CHECK(fee_status(rules, at("2026-03-03T22:00:00+08:00")).free_now);
  // Saturday daytime: the weekend price.
  CHECK(fee_status(rules, at("2026-03-07T12:00:00+08:00")).cents_per_hour == 500);
}

TEST_CASE("fee rules: weekdays name the day a window starts") {
  // Free only from Friday 22:00 to Saturday 07:00; 10 yuan/h otherwise (a later, all-day rule).
  std::vector<FeeRule> rules{FeeRule{{5}, 22 * 60, 7 * 60, 0}, FeeRule{{1, 2, 3, 4, 5, 6, 7}, 0, 0, 1000}};
  CHECK(rules[1].length_minutes() == 24 * 60);  // equal start and end: 24 hours
  CHECK(fee_status(rules, at("2026-03-07T03:00:00+08:00")).free_now);        // Saturday 03:00
  CHECK_FALSE(fee_status(rules, at("2026-03-06T03:00:00+08:00")).free_now);  // Friday 03:00
  auto s = fee_status(rules, at("2026-03-07T23:00:00+08:00"));              // Saturday night
  CHECK_FALSE(s.free_now);
  CHECK(s.cents_per_hour == 1000);
  REQUIRE(s.free_from);
  CHECK(format_iso8601(*s.free_from) == "2026-03-13T22:00:00+08:00");  // next Friday
  // A window ending at 24:00.
  std::vector<FeeRule> evening{FeeRule{{1, 2, 3, 4, 5, 6, 7}, 18 * 60, 24 * 60, 0}};
  auto e = fee_status(evening, at("2026-03-02T23:59:00+08:00"));
  CHECK(e.free_now);
  CHECK(format_iso8601(*e.free_until) == "2026-03-03T00:00:00+08:00");
  CHECK_FALSE(fee_status(evening, at("2026-03-03T00:00:00+08:00")).known);
}

TEST_CASE("fee summaries in the kiosk languages") {
  auto rules = night_free_rules();
  auto paying = fee_status(rules, at("2026-03-02T21:30:00+08:00"));
  CHECK(fee_summary(paying, Lang::zh) == "现在 ¥8.00/小时，22:00 起免费");
  CHECK(fee_summary(paying, Lang::en) == "¥8.00/hour now, free from 22:00");
  CHECK(fee_summary(paying, Lang::ko) == "지금 시간당 ¥8.00, 22:00부터 무료");
  auto free = fee_status(rules, at("2026-03-02T23:30:00+08:00"));
  CHECK(fee_summary(free, Lang::zh) == "现在免费，至 07:00");
  CHECK(fee_summary(free, Lang::en) == "Free now until 07:00");
  CHECK(fee_summary(free, Lang::ko) == "지금 무료 (07:00까지)");
  FeeStatus unknown;
  CHECK(fee_summary(unknown, Lang::en) == "Fees not published");
  Json j = to_json(paying);
  CHECK(j["free_now"] == false);
  CHECK(j["price_now_cents_per_hour"] == 800);
  CHECK(j["free_from_hhmm"] == "22:00");
  CHECK(j["free_until"].is_null());
}

TEST_CASE("car park JSON is validated") {
  CarPark p = car_park_from_json(car_park_body(), false);
  CHECK(p.fee_rules.size() == 2);
  CHECK(p.fee_rules[0].from == 22 * 60);
  CHECK(p.name.in(Lang::ko) == "海滨停车场");  // falls back to Chinese
  Json round = to_json(p);
  round["id"] = 3;
  CHECK(car_park_from_json(round) == CarPark{3, p.name, p.address, p.lat, p.lon, p.capacity, p.fee_rules, ""});
  auto fields = [](Json body) {
    try {
      car_park_from_json(body, false);
    } catch (const ValidationError& e) {
      return e.fields();
    }
    return FieldErrors{};
  };
  Json b = car_park_body();
  b["fee_rules"][0]["from"] = "24:00";
  CHECK(fields(b).count("fee_rules[0].from"));
  b = car_park_body();
  b["fee_rules"][1]["days"] = {0, 8};
  CHECK(fields(b).count("fee_rules[1].days"));
  b = car_park_body();
  b["fee_rules"][1]["price_cents_per_hour"] = -1;
  CHECK(fields(b).count("fee_rules[1].price_cents_per_hour"));
  b = car_park_body();
  b["capacity"] = 0;
  CHECK(fields(b).count("capacity"));
  b = car_park_body();
  b["colour"] = "blue";
  CHECK(fields(b).count("colour"));
  b = car_park_body();
  b.erase("fee_rules");
  CHECK(car_park_from_json(b, false).fee_rules.empty());  // fees unknown
}

TEST_CASE("parking service: staff counts, a counter's in/out deltas, roles") {
  test::TestServer srv;
  auto& hub = srv.hub();
  services::ParkingService parking(srv.pool());
  services::Principal bureau{services::Principal::Kind::user, 1, "b", "Bureau", services::Role::bureau, {}, "", {}, {}};
  services::Principal staff{services::Principal::Kind::user, 2, "s", "Staff", services::Role::venue_staff, {1}, "", {}, {}};
  Timestamp now = now_utc();
  CHECK_THROWS_AS(parking.create(staff, http::decode_new_car_park(car_park_body()), now), services::Forbidden);
  CarPark p = parking.create(bureau, http::decode_new_car_park(car_park_body()), now);
  CHECK(p.id == 1);
  CHECK(parking.status(now, now)[0].level == SpaceLevel::unknown);
  CHECK_THROWS_AS(parking.staff_spaces(bureau, p.id, http::decode_spaces_count(Json{{"delta", -3}}), now), services::Conflict);
  auto u = parking.staff_spaces(bureau, p.id, http::decode_spaces_count(Json{{"free_spaces", 250}}), now);
  CHECK(u.clamped);
  CHECK(*u.status.record.free_spaces == 200);
  u = parking.staff_spaces(bureau, p.id, http::decode_spaces_count(Json{{"delta", -195}}), now);
  CHECK(*u.status.record.free_spaces == 5);
  CHECK(u.status.level == SpaceLevel::almost_full);
  CHECK_FALSE(u.status.stale);
  CHECK_THROWS_AS(parking.staff_spaces(bureau, p.id, http::decode_spaces_count(Json{{"free_spaces", 1}, {"delta", 1}}), now), ValidationError);

  // A counter device may report only for the car park that names it.
  auto counter = hub.auth.add_counter(1, "test", now);
  services::Principal device{services::Principal::Kind::counter, 0, "", "", services::Role::venue_staff, {}, counter.id, {}, {}};
  CHECK_THROWS_AS(parking.counter_spaces(device, p.id, http::decode_vehicle_count(Json{{"seq", 1}, {"in", 1}, {"out", 0}}, parking.zone(), now), now),
                  services::Forbidden);
  Json with_counter = to_json(p);
  with_counter["counter_device_id"] = counter.id;
  parking.replace(bureau, p.id, http::decode_car_park(with_counter, p.id), now);
  u = parking.counter_spaces(device, p.id, http::decode_vehicle_count(Json{{"seq", 1}, {"in", 7}, {"out", 1}}, parking.zone(), now), now);
  CHECK(u.applied);
  CHECK(u.clamped);  // 5 - 7 + 1 < 0
  CHECK(*u.status.record.free_spaces == 0);
  CHECK(u.status.level == SpaceLevel::full);
  u = parking.counter_spaces(device, p.id, http::decode_vehicle_count(Json{{"seq", 1}, {"in", 0}, {"out", 50}}, parking.zone(), now), now);
  CHECK_FALSE(u.applied);  // a repeat changes nothing
  CHECK(*u.status.record.free_spaces == 0);
  u = parking.counter_spaces(device, p.id, http::decode_vehicle_count(Json{{"seq", 3}, {"in", 0}, {"out", 4}}, parking.zone(), now), now);
  CHECK(u.gap);
  CHECK(*u.status.record.free_spaces == 4);
  CHECK(u.status.record.spaces_source == "counter");
  // An hour later the count is stale.
  CHECK(parking.status_of(p.id, now, now + std::chrono::hours{1}).stale);
  CHECK_THROWS_AS(parking.status_of(99, now, now), services::NotFound);
}

TEST_CASE("HTTP: /api/v1/parking reads and staff writes") {
  test::TestServer srv;
  auto cli = srv.client();
  std::string bureau = test::sign_in_as(srv, "bureau", services::Role::bureau);
  std::string staff = test::sign_in_as(srv, "staff", services::Role::venue_staff, {1});
  CHECK(test::call(srv, "POST", "/api/v1/parking", staff, car_park_body()).first == 403);
  CHECK(test::call(srv, "POST", "/api/v1/parking", "", car_park_body()).first == 401);
  auto [created, park] = test::call(srv, "POST", "/api/v1/parking", bureau, car_park_body());
  REQUIRE(created == 201);
  std::string base = "/api/v1/parking/" + std::to_string(park["id"].get<int>());
  auto [set, spaces] = test::call(srv, "POST", base + "/spaces", bureau, Json{{"free_spaces", 120}});
  CHECK(set == 200);
  CHECK(spaces["free_spaces"] == 120);
  CHECK(spaces["level"] == "available");

  auto r = cli.Get("/api/v1/parking?at=2026-03-02T23:30:00%2B08:00");
  REQUIRE(r);
  CHECK(r->status == 200);
  Json list = test::body_json(r);
  CHECK(list["at"] == "2026-03-02T23:30:00+08:00");
  REQUIRE(list["car_parks"].size() == 1);
  Json fee = list["car_parks"][0]["fee"];
  CHECK(fee["free_now"] == true);
  CHECK(fee["free_until"] == "2026-03-03T07:00:00+08:00");
  CHECK(fee["summary"]["en"] == "Free now until 07:00");
  auto one = test::body_json(cli.Get((base + "?at=2026-03-02T20:00:00").c_str()));
  CHECK(one["fee"]["price_now_cents_per_hour"] == 600);
  CHECK(one["fee"]["free_from_hhmm"] == "22:00");
  CHECK(cli.Get("/api/v1/parking?at=tonight")->status == 400);
  CHECK(cli.Get("/api/v1/parking/999")->status == 404);
}
