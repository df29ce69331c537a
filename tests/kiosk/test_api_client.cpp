// ApiClient: decoding, and every failure returned as a value (never thrown):
// connection refused, timeout, HTTP error with the server's error body,
// malformed JSON, wrong shape, invalid items skipped.
#include <doctest/doctest.h>

#include "fake_server.hpp"
#include "kiosk/data/api_client.hpp"
#include "support/test_server.hpp"

using namespace yeyou;
using namespace yeyou::kiosk;
using yeyou::kiosk::test::FakeServer;

namespace {

const char* kVenue = R"({"id":1,"name":{"zh":"刘公岛","en":"Liugong Island","ko":"류궁다오"},
  "category":"scenic_spot","district":"huancui","address":{"zh":"环翠区","en":"Huancui","ko":"환추이"},
  "lat":37.5,"lon":122.2,"opening_hours":[{"days":[1,2,3,4,5,6,7],"open":"17:00","close":"02:00"}],
  "capacity":1000,"phone":"0631-1234567")";

std::string venues_body(const std::string& occupancy) {
  return std::string(R"({"venues":[)") + kVenue + R"(,"occupancy":)" + occupancy + "}," + R"({"id":"bad"}],
    "districts":[{"id":"huancui","name":{"zh":"环翠区","en":"Huancui District","ko":"환추이구"}}]})";
}

}  // namespace

TEST_CASE("venues: occupancy and the server's level are decoded - invalid items are skipped") {
  FakeServer fake;
  fake.http().Get("/api/v1/venues", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(venues_body(R"({"venue_id":1,"count":900,"capacity":1000,"level":"crowded",
                                   "taken_at":"2026-11-29T21:00:00+08:00","source":"counter"})"),
                    "application/json");
  });
  fake.start();
  auto r = ApiClient(fake.url()).venues();
  REQUIRE(r.ok());
  REQUIRE(r.value->venues.size() == 1);
  CHECK(r.value->skipped == 1);
  const auto& v = r.value->venues[0];
  CHECK(v.venue.name.zh == "刘公岛");
  REQUIRE(v.occupancy.has_value());
  CHECK(v.occupancy->count == 900);
  CHECK(v.level == CrowdLevel::crowded);
  REQUIRE(r.value->districts.size() == 1);
  CHECK(r.value->districts[0].name.en == "Huancui District");
}

TEST_CASE("venues: null occupancy means no reading") {
  FakeServer fake;
  fake.http().Get("/api/v1/venues", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(venues_body("null"), "application/json");
  });
  fake.start();
  auto r = ApiClient(fake.url() + "/").venues();  // a trailing slash is fine
  REQUIRE(r.ok());
  REQUIRE(r.value->venues.size() == 1);
  CHECK_FALSE(r.value->venues[0].occupancy.has_value());
}

TEST_CASE("events: the range is sent as encoded ISO 8601 and events are decoded") {
  FakeServer fake;
  std::string from, to;
  fake.http().Get("/api/v1/events", [&](const httplib::Request& req, httplib::Response& res) {
    from = req.get_param_value("from");
    to = req.get_param_value("to");
    res.set_content(R"({"events":[{"id":7,"venue_id":1,"title":{"zh":"灯光秀"},"description":{"zh":"海上"},
      "category":"light_show","start":"2026-11-29T20:00:00+08:00","end":"2026-11-29T20:30:00+08:00",
      "price_cents":0,"is_free":true,"status":"scheduled"}],"from":"x","to":"y"})",
                    "application/json");
  });
  fake.start();
  auto t0 = *parse_iso8601("2026-11-29T17:00:00+08:00");
  auto t1 = *parse_iso8601("2026-11-30T06:00:00+08:00");
  auto r = ApiClient(fake.url()).events(t0, t1);
  REQUIRE(r.ok());
  CHECK(parse_iso8601(from) == t0);  // '+' survived the query string
  CHECK(parse_iso8601(to) == t1);
  REQUIRE(r.value->events.size() == 1);
  CHECK(r.value->events[0].title.in(Lang::en) == "灯光秀");  // translations may fall back to zh
}

TEST_CASE("connection refused is a network error, not an exception") {
  ApiClient client("http://127.0.0.1:" + std::to_string(yeyou::kiosk::test::closed_port()));
  ApiResult<VenuesPayload> r;
  CHECK_NOTHROW(r = client.venues());
  CHECK_FALSE(r.ok());
  CHECK(r.error.kind == ApiErrorKind::network);
  CHECK_FALSE(r.error.message.empty());
}

TEST_CASE("a server that does not answer in time is a network error within the timeout") {
  FakeServer fake;
  fake.http().Get("/api/v1/venues", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    res.set_content("{}", "application/json");
  });
  fake.start();
  ApiClient client(fake.url(), {std::chrono::milliseconds{500}, std::chrono::milliseconds{300}});
  auto t0 = std::chrono::steady_clock::now();
  auto r = client.venues();
  auto took = std::chrono::steady_clock::now() - t0;
  CHECK_FALSE(r.ok());
  CHECK(r.error.kind == ApiErrorKind::network);
  CHECK(took < std::chrono::milliseconds(1200));
}

TEST_CASE("HTTP errors carry the status and the server's error code and message") {
  FakeServer fake;
  fake.http().Get("/api/v1/venues", [](const httplib::Request&, httplib::Response& res) {
    res.status = 503;
    res.set_content(R"({"error":{"code":"unavailable","message":"database is busy","fields":{}}})",
                    "application/json");
  });
  fake.start();
  auto r = ApiClient(fake.url()).venues();
  CHECK_FALSE(r.ok());
  CHECK(r.error.kind == ApiErrorKind::http);
  CHECK(r.error.http_status == 503);
  CHECK(r.error.code == "unavailable");
  CHECK(r.error.message.find("database is busy") != std::string::npos);
}

TEST_CASE("malformed or wrongly shaped bodies are protocol errors") {
  FakeServer fake;
  fake.http().Get("/api/v1/venues", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("{\"venues\": [", "application/json");
  });
  fake.http().Get("/api/v1/events", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"events": {"not": "an array"}})", "application/json");
  });
  fake.http().Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status": "starting"})", "application/json");
  });
  fake.start();
  ApiClient client(fake.url());
  auto v = client.venues();
  CHECK_FALSE(v.ok());
  CHECK(v.error.kind == ApiErrorKind::protocol);
  auto e = client.events(now_utc(), now_utc() + std::chrono::hours{1});
  CHECK_FALSE(e.ok());
  CHECK(e.error.kind == ApiErrorKind::protocol);
  CHECK_FALSE(client.health().ok());
}

TEST_CASE("against the real server with the demo data") {
  yeyou::test::TestServer server;
  ApiClient client(server.url());
  CHECK(client.health().ok());
  auto venues = client.venues();
  REQUIRE(venues.ok());
  CHECK(venues.value->skipped == 0);
  CHECK(venues.value->venues.size() >= 10);
  CHECK_FALSE(venues.value->districts.empty());
  auto now = now_utc();
  auto events = client.events(now - std::chrono::hours{24}, now + std::chrono::hours{24 * 8});
  REQUIRE(events.ok());
  CHECK(events.value->skipped == 0);
  CHECK_FALSE(events.value->events.empty());
}
